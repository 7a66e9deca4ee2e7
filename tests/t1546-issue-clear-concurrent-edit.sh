#!/bin/sh
# One office clears an issue's assignee (edit --assignee "") while another,
# not having heard of it, names a new one.  Before, a clearing first in
# fold order made the other office's edit have no effect ("XQ-1 has no
# assignee yet"), while the other order gave a conflict: which one
# depended on the offices' names.  Now either order is a conflict on the
# assignee, the later in fold order provisional, as for two assignees.
test_description='an edit of a field another office cleared: a conflict either way'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: xq with two claimed and assigned issues; ya clones' '
	git init -q --bare hub.git &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind dept 房管办 >/dev/null &&
	at xq issue add 楼道堆物 >/dev/null &&
	at xq issue add 路灯不亮 >/dev/null &&
	for i in 1 2
	do
		at xq issue claim XQ-$i --dept 房管办 >/dev/null &&
		at xq issue assign XQ-$i --to 张三 >/dev/null || return 1
	done &&
	two_offices_cloned
'

# (one clock at both offices: xinqiao folds before yanan)
test_expect_success 'a clearing at one office, a new assignee at the other, both ways' '
	at xq issue edit XQ-1 --assignee "" >/dev/null &&
	at ya issue edit XQ-1 --assignee 李四 >/dev/null &&
	at xq issue edit XQ-2 --assignee 李四 >/dev/null &&
	at ya issue edit XQ-2 --assignee "" >/dev/null &&
	at ya sync -q && at xq sync -q 2>/dev/null && at ya sync -q 2>/dev/null &&
	at xq conflicts --format csv | grep -v "^kind," | cut -d, -f1-3 >actual &&
	printf "%s\n" issue,XQ-1,assignee issue,XQ-2,assignee >expect &&
	test_cmp expect actual &&
	at xq log XQ-1 >log &&
	! grep "no effect" log
'

test_expect_success 'the later in fold order provisional, the same at both offices' '
	at xq issue show XQ-1 >one &&
	grep "^assignee: *李四$" one &&
	at ya issue show XQ-2 >two &&
	! grep "^assignee:" two &&
	grep "^conflicts: *assignee: \"李四\" (.*) vs (cleared) (.*, provisional)$" two
'

test_expect_success 'an edit settles one, an assignment the other' '
	at ya issue edit XQ-1 --assignee 李四 >/dev/null &&
	at ya issue assign XQ-2 --to 王五 >/dev/null &&
	at ya sync -q && at xq sync -q && at ya sync -q &&
	same_everywhere xq ya
'

test_done
