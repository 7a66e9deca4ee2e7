#!/bin/sh
# Two offices edit one field of a menu offer, a need, a liaison, an org and
# a council before hearing of each other, and the first office retires
# (dissolves) each.  Each field is a conflict, listed by zdh conflicts;
# before, no edit could settle it (a retired record takes no edit, and
# the names of retired liaisons and orgs are refused when written), so it
# stayed listed for ever.  An edit of the conflicted field is taken on
# the retired record, as on a void issue, found by its name too; any
# other edit is still refused as before.
test_description='a conflict of a retired record is settled by an edit'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: xq with one of each; ya clones' '
	xq_and_hub &&
	at xq org add --kind area 华山 >/dev/null &&
	at xq org add --kind dept 房管办 >/dev/null &&
	at xq org add --kind unit 物业公司 >/dev/null &&
	at xq org add --kind unit 旧单位 >/dev/null &&
	at xq menu offer add 理发 --provider 物业公司 --category elderly >/dev/null &&
	at xq menu need add 助餐 --area 新桥 --category elderly >/dev/null &&
	at xq visit liaison add 王强 --dept 房管办 --areas 新桥 >/dev/null &&
	at xq council add 新桥理事会 --area 新桥 >/dev/null &&
	two_offices_cloned
'

test_expect_success 'xq edits and retires each; ya edits the same field: conflicts' '
	at xq menu offer edit XQ-F1 --title 理发（新桥） >/dev/null &&
	at xq menu offer retire XQ-F1 -m 停办 >/dev/null &&
	at ya menu offer edit XQ-F1 --title 理发（延安） >/dev/null &&
	at xq menu need edit XQ-N1 --title 助餐（新桥） >/dev/null &&
	at xq menu need retire XQ-N1 -m 已解决 >/dev/null &&
	at ya menu need edit XQ-N1 --title 助餐（延安） >/dev/null &&
	at xq visit liaison edit 王强 --phone 111 >/dev/null &&
	at xq visit liaison retire 王强 -m 调走 >/dev/null &&
	at ya visit liaison edit 王强 --phone 222 >/dev/null &&
	at xq org edit 旧单位 --code 111 >/dev/null &&
	at xq org retire 旧单位 -m 撤销 >/dev/null &&
	at ya org edit 旧单位 --code 222 >/dev/null &&
	at xq council edit 新桥理事会 --area 华山 >/dev/null &&
	at xq council dissolve 新桥理事会 -m 合并 >/dev/null &&
	at ya council edit 新桥理事会 --area 新桥 >/dev/null &&
	at ya sync -q && at xq sync -q 2>/dev/null && at ya sync -q 2>/dev/null &&
	at xq conflicts --format csv | grep -v "^kind," | cut -d, -f1-3 >actual &&
	cat >expect <<-\EOF &&
	council,XQ-C1,area
	liaison,XQ-L1,phone
	need,XQ-N1,title
	offer,XQ-F1,title
	org,XQ-O5,code
	EOF
	test_cmp expect actual
'

test_expect_success 'an edit that settles nothing is refused as before, nothing written' '
	git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao >before &&
	test_must_fail at xq menu offer edit XQ-F1 --contact 123 2>err &&
	echo "zdh: offer XQ-F1 is retired" >expect &&
	test_cmp expect err &&
	test_must_fail at xq menu need edit XQ-N1 --people 3 2>err &&
	echo "zdh: need XQ-N1 is retired" >expect &&
	test_cmp expect err &&
	test_must_fail at xq visit liaison edit 王强 --dept 房管办 2>err &&
	echo "zdh: 王强 (XQ-L1) was retired" >expect &&
	test_cmp expect err &&
	test_must_fail at xq org edit 旧单位 --name 新单位 2>err &&
	grep "^zdh: 旧单位 (XQ-O5) was retired on " err &&
	test_must_fail at xq council edit XQ-C1 --name 新名 2>err &&
	echo "zdh: XQ-C1 is dissolved" >expect &&
	test_cmp expect err &&
	git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao >after &&
	test_cmp before after
'

test_expect_success 'an edit of each conflicted field settles it, by id or by name' '
	at ya menu offer edit XQ-F1 --title 理发 >/dev/null &&
	at ya menu need edit XQ-N1 --title 助餐 >/dev/null &&
	at ya visit liaison edit 王强 --phone 111 >/dev/null &&
	at ya org edit 旧单位 --code 111 >/dev/null &&
	at ya council edit XQ-C1 --area 华山 >/dev/null &&
	at ya conflicts --no-header >conflicts &&
	test_must_be_empty conflicts
'

test_expect_success 'once synced, settled everywhere, still retired' '
	at ya sync -q && at xq sync -q && at ya sync -q &&
	same_everywhere xq ya &&
	at xq menu offer list --all --format csv >offers &&
	grep "^XQ-F1,.*,理发,retired$" offers &&
	at xq council list --all --format csv >councils &&
	grep "^XQ-C1,新桥理事会,华山,0,dissolved," councils
'

test_done
