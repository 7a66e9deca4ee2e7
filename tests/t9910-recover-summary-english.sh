#!/bin/sh
# zdh replica recover wrote the summary of each event it writes again
# with the catalogue's words: under a Chinese catalogue the commit
# subject became "issue add 占道经营（恢复自 xinqiao …，原为 XQ-3）", the
# only commit subject whose language was the writer's (plain git log,
# every other office's log and --json read it so).  The subject is
# English whatever the language now, and `zdh log` shows it in the
# catalogue's (zdh-replica(1), zdh-log(1)).
test_description='replica recover: the summary in English, shown translated'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: a copy that diverged from its original' '
	xq_and_hub &&
	at xq issue add 垃圾桶满溢 --area 新桥 >/dev/null &&
	cp -a xq copy &&
	at copy replica confirm >/dev/null &&
	at xq issue add 楼道堆物 --area 新桥 >/dev/null &&
	at copy issue add 占道经营 --area 新桥 >/dev/null &&
	at copy issue link XQ-2 XQ-1 >/dev/null &&
	at xq remote add hub ../hub.git && at xq push -q hub &&
	at copy remote add hub ../hub.git &&
	test_expect_code 1 at copy pull -q hub 2>/dev/null
'

test_expect_success 'recovered under a Chinese catalogue: the subjects in English' '
	(cd copy && LANGUAGE=zh_CN "$ZDH" replica recover --as copyoffice --prefix CO >../out 2>../err) &&
	git --git-dir=copy/.zdh log --format=%s refs/zdh/log/copyoffice >subjects &&
	grep "^issue add 占道经营 (recovered from xinqiao [0-9a-f]\{12\}, was XQ-2)\$" subjects &&
	grep "^issue link CO-1 XQ-1 (recovered from xinqiao [0-9a-f]\{12\})\$" subjects &&
	! grep "恢复" subjects
'

test_expect_success 'log: English as written, Chinese in the catalogue.s words' '
	at copy log --record CO-1 >log &&
	grep "CO-1  add *issue add 占道经营 (recovered from xinqiao [0-9a-f]*, was XQ-2)" log &&
	(cd copy && LANGUAGE=zh_CN "$ZDH" log --record CO-1) >log &&
	grep "CO-1  新增 *问题 占道经营（恢复自 xinqiao [0-9a-f]\{12\}，原为 XQ-2）" log &&
	grep "CO-1  关联 *问题 XQ-1（恢复自 xinqiao [0-9a-f]\{12\}）" log &&
	(cd copy && LANGUAGE=zh_CN "$ZDH" log --record CO-1 --json) >log.json &&
	grep "\"summary\": \"issue add 占道经营 (recovered from xinqiao" log.json
'

test_done
