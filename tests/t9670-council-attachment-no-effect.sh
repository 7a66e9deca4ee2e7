#!/bin/sh
# Two offices record the written consent of one household at once, each
# with its scan.  After syncing, the consent that sorts later has no
# effect, and its scan, written and reported written, could no longer be
# had from zdh on any replica ("XQ-D1 has no attachment"): council
# attachment read only the record's state.  It now finds an attachment
# of an event of the record without effect too.
test_description='council attachment of an event without effect'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: a decision needing the consent of 一楼, on two offices' '
	xq_and_hub &&
	at xq council add 新桥理事会 --area 新桥 --date 2024-01-10 >/dev/null &&
	at xq council member add XQ-C1 甲 --role member --date 2024-01-10 &&
	at xq council meeting add XQ-C1 --present 甲 --date 2024-02-01 >/dev/null &&
	at xq council decide XQ-M1 --motion 加装电梯 --party 一楼 --date 2024-02-01 >/dev/null &&
	two_offices_cloned origin
'

test_expect_success 'each office records the consent with its scan; they sync' '
	printf "scan of xq\n" >xq.pdf &&
	printf "scan of ya\n" >ya.pdf &&
	at xq council consent XQ-D1 --party 一楼 --attach ../xq.pdf &&
	at ya council consent XQ-D1 --party 一楼 --attach ../ya.pdf &&
	at xq sync -q && at ya sync -q && at xq sync -q &&
	at xq log --record XQ-D1 >log &&
	test "$(grep -c "no effect" log)" = 1
'

test_expect_success 'both scans can be had on both replicas; an unknown name is refused, naming both' '
	for r in xq ya
	do
		at $r council attachment XQ-D1 xq.pdf >got &&
		test_cmp xq.pdf got &&
		at $r council attachment XQ-D1 ya.pdf >got &&
		test_cmp ya.pdf got &&
		test_expect_code 1 zdh -C $r council attachment XQ-D1 none.pdf 2>err &&
		echo "zdh: XQ-D1 has no attachment '"'"'none.pdf'"'"' (xq.pdf, ya.pdf)" >expect &&
		test_cmp expect err || return 1
	done
'

test_done
