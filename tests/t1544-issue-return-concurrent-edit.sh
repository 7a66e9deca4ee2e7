#!/bin/sh
# A department hands an issue back (return) at one office while another
# office, not having heard of it, edits the issue's dept, due day and
# title and assigns it.  Before, what happened depended on which came
# first in fold order: a return after them cleared the dept, due and
# assignee and nobody was told; a return before them made the edit have
# no effect at all (its title lost with it).  Now a return is a write of
# the fields it clears: either way the issue is open with none of them,
# the title edited, and each field the other office wrote is a conflict
# that shows and that a claim, an assignment or an edit clearing it
# settles.
test_description='a return and a concurrent edit or assignment: a conflict either way'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

# undated DIR ID: the conflicts of ID at DIR, without the times of writing
undated () {
	at "$1" issue show "$2" >show.out &&
	sed -n "s/^conflicts: *//p; s/^              \([a-z]*: \)/\1/p" show.out |
	sed "s/, 2026-12-0[0-9] [0-9:]*//g"
}

test_expect_success 'setup: xq with two claimed and assigned issues; ya clones' '
	xq_and_hub &&
	at xq org add --kind dept 房管办 >/dev/null &&
	at xq org add --kind dept 城管科 >/dev/null &&
	for t in 楼道堆物 路灯不亮
	do
		at xq issue add $t --area 新桥 >/dev/null || return 1
	done &&
	for i in 1 2
	do
		at xq issue claim XQ-$i --dept 房管办 --due 2026-12-20 >/dev/null &&
		at xq issue assign XQ-$i --to 张三 >/dev/null || return 1
	done &&
	two_offices_cloned
'

# (one clock at both offices: xinqiao folds before yanan, so XQ-1 has the
# return first and XQ-2 the edit and the assignment first)
test_expect_success 'a return at one office, an edit and an assignment at the other' '
	at xq issue return XQ-1 --reason not-our-area -m 不归我们 >/dev/null &&
	at ya issue edit XQ-1 --dept 城管科 --due 2026-12-30 --title 楼道堆物（三楼） >/dev/null &&
	at ya issue assign XQ-1 --to 李四 >/dev/null &&
	at xq issue edit XQ-2 --dept 城管科 --due 2026-12-30 --title 路灯不亮（三号楼） >/dev/null &&
	at xq issue assign XQ-2 --to 李四 >/dev/null &&
	at ya issue return XQ-2 --reason not-our-area -m 不归我们 >/dev/null &&
	at ya sync -q && at xq sync 2>pull.err >/dev/null && at ya sync -q &&
	grep "^XQ-1 conflict: dept: " pull.err &&
	grep "^XQ-2 conflict: assignee: " pull.err
'

test_expect_success 'either order: open, no dept, due or assignee, the title edited' '
	for d in xq ya
	do
		at $d issue show XQ-1 >one &&
		at $d issue show XQ-2 >two &&
		head -1 one >actual &&
		head -1 two >>actual &&
		printf "%s\n" "XQ-1  open  楼道堆物（三楼）" "XQ-2  open  路灯不亮（三号楼）" >expect &&
		test_cmp expect actual &&
		! grep "^dept:\|^due:\|^assignee:" one &&
		! grep "^dept:\|^due:\|^assignee:" two || return 1
	done
'

test_expect_success 'either order: each field written is a conflict, the return provisional' '
	cat >expect <<-\EOF &&
	dept: (cleared) (测试员, provisional) vs "城管科" (测试员)
	due: (cleared) (测试员, provisional) vs "2026-12-30" (测试员)
	assignee: (cleared) (测试员, provisional) vs "李四" (测试员)
	EOF
	undated xq XQ-1 >one &&
	test_cmp expect one &&
	cat >expect <<-\EOF &&
	dept: "城管科" (测试员) vs (cleared) (测试员, provisional)
	assignee: "李四" (测试员) vs (cleared) (测试员, provisional)
	due: "2026-12-30" (测试员) vs (cleared) (测试员, provisional)
	EOF
	undated ya XQ-2 >two &&
	test_cmp expect two &&
	at xq conflicts --format csv | grep "^issue," | cut -d, -f1-3 >actual &&
	printf "%s\n" issue,XQ-1,dept issue,XQ-1,due issue,XQ-1,assignee \
		issue,XQ-2,dept issue,XQ-2,due issue,XQ-2,assignee | sort >expect &&
	sort actual >sorted &&
	test_cmp expect sorted
'

test_expect_success 'the same after a reindex' '
	dump () { "$ZDH" issue show XQ-1 && "$ZDH" issue show XQ-2 && "$ZDH" conflicts; } &&
	same_by_reindex dump ya
'

test_expect_success 'when written, an edit of the dept and an assignment are refused as before' '
	git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao >before &&
	test_must_fail at xq issue edit XQ-1 --dept 城管科 2>err &&
	echo "zdh: XQ-1 has no dept yet (see claim and assign)" >expect &&
	test_cmp expect err &&
	test_must_fail at xq issue assign XQ-1 --to 李四 2>err &&
	grep "^zdh: XQ-1 is open; allowed: claim" err &&
	git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao >after &&
	test_cmp before after
'

test_expect_success 'an edit clearing them settles XQ-1, still open' '
	at xq issue edit XQ-1 --dept "" --due "" --assignee "" >/dev/null &&
	at xq issue show XQ-1 >show &&
	! grep "^conflicts:" show &&
	head -1 show >actual &&
	echo "XQ-1  open  楼道堆物（三楼）" >expect &&
	test_cmp expect actual
'

test_expect_success 'a claim settles the dept and due of XQ-2, an assignment its assignee' '
	at ya issue claim XQ-2 --dept 城管科 --due 2026-12-28 >/dev/null &&
	undated ya XQ-2 >actual &&
	echo "assignee: \"李四\" (测试员) vs (cleared) (测试员, provisional)" >expect &&
	test_cmp expect actual &&
	at ya issue assign XQ-2 --to 李四 >/dev/null &&
	at ya sync -q && at xq sync -q && at ya sync -q &&
	same_everywhere xq ya &&
	at xq issue show XQ-2 >show &&
	grep "^dept: *城管科$" show &&
	grep "^assignee: *李四$" show
'

test_done
