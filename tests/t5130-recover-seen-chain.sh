#!/bin/sh
# A write folds its events before their commits are on disk (they wait in
# memory, or in a pack not yet sealed), and a seen chain may pass through
# them: `zdh replica recover` writes many events of one record in one
# transaction, each seeing the one before.  The index must be what a
# rebuild, which reads them from disk, makes: no conflict a rebuild does
# not find (an edit of location that had seen the other office's was
# shown in conflict with it until a reindex).
test_description='replica recover: a seen chain through the transaction, as a rebuild sees it'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: two offices edit one issue in turn; a copy of one diverges' '
	xq_and_hub &&
	at xq issue add "52弄垃圾桶满溢" --area 新桥 >/dev/null &&
	at xq remote add hub ../hub.git &&
	at xq push -q hub &&
	zdh clone hub.git ya --replica yanan --prefix YA -q &&
	at ya issue edit XQ-1 --location 张三家 >/dev/null &&
	at ya push -q &&
	at xq pull -q hub &&
	cp -R xq copy &&
	at copy replica confirm >/dev/null &&
	at copy issue edit XQ-1 --title 新标题 >/dev/null &&
	at copy issue edit XQ-1 --location 李四家 >/dev/null &&
	at xq issue add "楼道堆物" --area 新桥 >/dev/null &&
	at xq push -q hub &&
	test_expect_code 1 at copy pull -q hub >pull.out 2>&1 &&
	grep "diverged from ours" pull.out &&
	at copy replica recover --as copyoffice --prefix CO >out 2>&1 &&
	grep "2 events written again" out
'

test_expect_success 'after recover: no conflict, the same as after a reindex' '
	at copy conflicts >before &&
	at copy issue show XQ-1 --json >show.before &&
	at copy reindex >/dev/null &&
	at copy conflicts >after &&
	at copy issue show XQ-1 --json >show.after &&
	test_cmp after before &&
	test_cmp show.after show.before &&
	grep 李四家 show.after &&
	! grep 张三家 before
'

test_done
