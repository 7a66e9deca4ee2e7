#!/bin/sh
# Two offices edit one issue's title before hearing of each other, and one
# of them voids the issue.  The title is a conflict, listed by zdh
# conflicts and marked ! in the list; before, no edit could settle it (a
# void issue takes nothing more), so it stayed listed for ever.  An edit
# that settles it is taken on a void issue, as on a closed one, at either
# office, and once synced the conflict is gone everywhere; any other edit
# of a void issue is still refused.
test_description='a conflict of a void issue is settled by an edit'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: xq with an issue; ya clones' '
	xq_and_hub &&
	at xq org add --kind area 华山 >/dev/null &&
	at xq issue add 楼道堆物 --area 新桥 >/dev/null &&
	two_offices_cloned
'

test_expect_success 'xq edits the title and voids; ya edits the title: a conflict' '
	at xq issue edit XQ-1 --title 楼道堆物（新桥） >/dev/null &&
	at xq issue void XQ-1 -m 重复登记 >/dev/null &&
	at ya issue edit XQ-1 --title 楼道堆物（延安） >/dev/null &&
	at ya sync -q && at xq sync -q && at ya sync -q &&
	at xq conflicts --no-header --format csv >conflicts &&
	grep "^issue,XQ-1,title," conflicts &&
	at ya issue list --all --conflicts --format csv >list &&
	grep "^XQ-1," list
'

test_expect_success 'an edit that settles nothing is refused, nothing written' '
	git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao >before &&
	test_must_fail at xq issue edit XQ-1 --area 华山 2>err &&
	echo "zdh: XQ-1 is void; nothing more is allowed" >expect &&
	test_cmp expect err &&
	git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao >after &&
	test_cmp before after
'

test_expect_success 'an edit of the title settles it, on the void issue, everywhere' '
	at ya issue edit XQ-1 --title 楼道堆物 >/dev/null &&
	at ya conflicts --no-header >conflicts &&
	test_must_be_empty conflicts &&
	at ya sync -q && at xq sync -q &&
	at xq issue show XQ-1 >show &&
	head -1 show >first &&
	echo "XQ-1  void  楼道堆物" >expect &&
	test_cmp expect first &&
	same_everywhere xq ya
'

test_done
