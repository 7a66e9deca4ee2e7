#!/bin/sh
# Offices on different versions (issue 10 §2): zdh-testkind knows one more
# record kind (testnote) than zdh.  Its events reach an office running
# zdh: kept, not folded, shown by log, counted by verify as a warning that
# names the kind (exit 0), relayed by push.  An index built without the
# kind folds its events as soon as a zdh that knows it opens the index
# (the index's fingerprint of the kinds), without `zdh reindex`; and the
# other way round.
test_description='record kinds a zdh does not know'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

: "${ZDH_TESTKIND:=$TEST_DIRECTORY/../build/zdh-testkind}"
zk () {
	"$ZDH_TESTKIND" "$@"
}
test -x "$ZDH_TESTKIND" && test_set_prereq TESTKIND
# notes DIR: the testnote ids of zdh export in DIR, one a line
notes () {
	"$2" -C "$1" export | sed -n 's/^ *"id": "\(XQ-T[0-9]*\)",$/\1/p'
}

test_expect_success TESTKIND 'setup: the newer office writes notes and pushes them to hub1' '
	git init -q --bare hub1.git &&
	git init -q --bare hub2.git &&
	zk init --replica xinqiao --prefix XQ xq >/dev/null &&
	zk -C xq org add --kind area 新桥 >/dev/null &&
	zk -C xq issue add "楼道堆物" --area 新桥 >/dev/null &&
	zk -C xq testnote add "hello big world" 3 >/dev/null &&
	zk -C xq testnote add "second note" >/dev/null &&
	zk -C xq testnote close XQ-T1 &&
	zk -C xq remote add hub ../hub1.git &&
	zk -C xq push hub &&
	zk -C xq testnote list >expect.notes &&
	printf "%s\n" "XQ-T1 hello big world 3 1.5 1 3" "XQ-T2 second note - - 0 2" >expect &&
	test_cmp expect expect.notes
'

test_expect_success TESTKIND 'the older office clones: the events are kept, not folded' '
	zdh clone hub1.git ya --replica yanan --prefix YA -q &&
	events ya/.zdh >actual &&
	echo 5 >expect &&
	test_cmp expect actual &&
	notes ya "$ZDH" >actual &&
	test_must_be_empty actual &&
	zdh -C ya issue list --json >actual.issues &&
	grep 楼道堆物 actual.issues
'

test_expect_success TESTKIND 'verify: a warning naming the kind, exit 0' '
	zdh -C ya verify >out 2>err &&
	echo "verified 1 log, 5 events" >expect &&
	test_cmp expect out &&
	echo "zdh: warning: 3 events of record kind '\''testnote'\'', which this zdh does not know: kept and relayed, not folded; upgrade zdh to see them" >expect &&
	test_cmp expect err
'

test_expect_success TESTKIND,PYTHON 'log shows them, marked as of an unknown kind' '
	zdh -C ya log --kind testnote >out &&
	test_line_count = 3 out &&
	zdh -C ya log --json >log.json &&
	python3 -c "
import json, sys
for e in json.load(open(\"log.json\")):
    print(e[\"record\"], e[\"op\"], e[\"effect\"], e.get(\"unknown_kind\"), \"note\" in e)
" | sort >actual &&
	cat >expect <<-\EOF &&
	XQ-1 add True None False
	XQ-O1 add True None False
	XQ-T1 add False True False
	XQ-T1 close False True False
	XQ-T2 add False True False
	EOF
	test_cmp expect actual
'

test_expect_success TESTKIND 'the older office writes, and relays the notes through hub2' '
	zdh -C ya issue add "电梯故障" >/dev/null &&
	zdh -C ya remote add hub2 ../hub2.git &&
	zdh -C ya push hub2 &&
	git --git-dir=hub2.git for-each-ref --format="%(refname)" refs/zdh/log/ >actual &&
	printf "%s\n" refs/zdh/log/xinqiao refs/zdh/log/yanan >expect &&
	test_cmp expect actual
'

test_expect_success TESTKIND 'a newer office cloned from hub2 has the notes as written' '
	zk clone hub2.git zz --replica zhongzhi --prefix ZZ -q &&
	zk -C zz testnote list >actual &&
	test_cmp expect.notes actual
'

test_expect_success TESTKIND 'the newer zdh opens the older office'"'"'s index: the notes fold, no reindex' '
	zk -C ya testnote list >actual &&
	test_cmp expect.notes actual &&
	notes ya "$ZDH_TESTKIND" >actual &&
	printf "%s\n" XQ-T1 XQ-T2 >expect &&
	test_cmp expect actual &&
	zk -C ya verify >out 2>err &&
	test_must_be_empty err &&
	zk -C ya testnote list big >actual &&
	echo "XQ-T1 hello big world 3 1.5 1 3" >expect &&
	test_cmp expect actual
'

test_expect_success TESTKIND 'and both exports agree with a rebuild' '
	zk -C ya export >before &&
	zk -C ya reindex >/dev/null &&
	zk -C ya export >after &&
	test_cmp before after
'

test_expect_success TESTKIND 'back to the older zdh: the notes are unfolded again, the rest as before' '
	notes ya "$ZDH" >actual &&
	test_must_be_empty actual &&
	zdh -C ya issue list >actual &&
	test_line_count = 3 actual &&
	zdh -C ya verify 2>err &&
	grep "testnote" err
'

test_expect_success TESTKIND 'the older office pulls new notes while it does not know them; upgraded, they fold' '
	zk -C xq testnote add "third note" 5 >actual &&
	echo XQ-T3 >expect &&
	test_cmp expect actual &&
	zk -C xq push hub &&
	zdh -C ya remote add hub1 ../hub1.git &&
	zdh -C ya pull hub1 &&
	notes ya "$ZDH" >actual &&
	test_must_be_empty actual &&
	zk -C ya pull hub1 &&
	notes ya "$ZDH_TESTKIND" >actual &&
	printf "%s\n" XQ-T1 XQ-T2 XQ-T3 >expect &&
	test_cmp expect actual
'

test_expect_success TESTKIND,SQLITE 'the numbers of notes learnt late are counted' '
	zk -C ya log >/dev/null &&
	sqlite3 ya/.zdh/index.db "SELECT n FROM counters WHERE kind = '\''testnote'\'' AND prefix = '\''XQ'\''" >actual &&
	echo 3 >expect &&
	test_cmp expect actual
'

test_expect_success TESTKIND 'concurrent edits of a note: the derived table follows the fold on every replica' '
	zk -C zz remote add hub1 ../hub1.git &&
	zk -C zz pull hub1 &&
	zk -C xq testnote edit XQ-T2 "xq words" &&
	zk -C zz testnote edit XQ-T2 "zz words" &&
	zk -C zz push hub1 &&
	zk -C xq pull hub &&
	zk -C xq push hub &&
	zk -C zz pull hub1 &&
	zk -C xq testnote list words >xq.words &&
	zk -C zz testnote list words >zz.words &&
	test_cmp xq.words zz.words &&
	test_line_count = 1 xq.words &&
	zk -C xq testnote list xq >xq.xq &&
	zk -C xq testnote list zz >xq.zz &&
	cat xq.xq xq.zz >actual &&
	test_cmp xq.words actual &&
	zk -C xq reindex >/dev/null &&
	zk -C xq testnote list words >actual &&
	test_cmp xq.words actual
'

test_expect_success TESTKIND,SQLITE 'the index records the kinds it was built with' '
	sqlite3 ya/.zdh/index.db "SELECT name FROM kinds ORDER BY name" >with &&
	grep -x testnote with &&
	grep -x issue with &&
	grep -x org with &&
	zdh -C ya log >/dev/null &&
	sqlite3 ya/.zdh/index.db "SELECT name FROM kinds ORDER BY name" >actual &&
	grep -vx testnote with >expect &&
	test_cmp expect actual &&
	sqlite3 ya/.zdh/index.db "SELECT DISTINCT effect FROM events WHERE kind = '\''testnote'\''" >actual &&
	echo 3 >expect &&
	test_cmp expect actual
'

test_expect_success TESTKIND,SQLITE 'an invalid event of a kind stays invalid when the kind is learnt or forgotten' '
	tip=$(git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao) &&
	bad=$(craft xq/.zdh "$tip" clock 1) &&
	git --git-dir=xq/.zdh update-ref refs/zdh/log/xinqiao "$bad" "$tip" &&
	git --git-dir=xq/.zdh push -q hub1.git "refs/zdh/log/xinqiao:refs/zdh/log/xinqiao" &&
	zdh -C ya pull hub1 2>err &&
	grep "invalid event (clock" err &&
	effects () {
		sqlite3 ya/.zdh/index.db "SELECT effect, count(*) FROM events WHERE kind = '\''testnote'\'' GROUP BY effect"
	} &&
	effects >actual &&
	printf "%s\n" "2|1" "3|6" >expect &&
	test_cmp expect actual &&
	zk -C ya log >/dev/null 2>&1 &&
	effects >actual &&
	printf "%s\n" "1|6" "2|1" >expect &&
	test_cmp expect actual &&
	zdh -C ya log >/dev/null 2>&1 &&
	effects >actual &&
	printf "%s\n" "2|1" "3|6" >expect &&
	test_cmp expect actual
'

test_done
