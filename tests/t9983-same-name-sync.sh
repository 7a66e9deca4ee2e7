#!/bin/sh
# Two offices that sync through a bare hub each add (or rename to) an org
# or a council of one name before they hear of each other.  One office
# refuses a second live org or council of a name; two keep both, and then
# the pull that brings the other's says so in one line, show of each
# names the other (--json same_name), and the name names neither: a
# command given it refuses it, naming both ids, and the id works, a
# filter by it too (zdh-org(1), zdh-council(1), zdh-sync(1)).
test_description='two offices give two orgs or councils one name: said, and the name refused'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: xq on a bare hub, ya cloned from it' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null 2>&1 &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq org add --kind dept 城管中队 >/dev/null &&
	at xq council add 天津路理事会 --area 新桥 >/dev/null &&
	git init -q --bare hub.git &&
	at xq remote add origin ../hub.git &&
	at xq push --quiet &&
	zdh clone hub.git ya --replica yanan --prefix YA --quiet &&
	at ya org list --format csv >list &&
	test_line_count = 3 list
'

test_expect_success 'before they hear of each other: a dept, an issue and a council each' '
	at xq org add --kind dept 房管办 >out &&
	echo XQ-O3 >expect && test_cmp expect out &&
	at ya org add --kind dept 房管办 >out &&
	echo YA-O1 >expect && test_cmp expect out &&
	at xq issue add 路灯不亮 --area 新桥 >/dev/null &&
	at xq issue claim XQ-1 --dept 房管办 >/dev/null &&
	at ya issue add 楼道堆物 --area 新桥 >/dev/null &&
	at ya issue claim YA-1 --dept 房管办 >/dev/null &&
	at xq council add 华山理事会 --area 新桥 >/dev/null &&
	at ya council add 华山理事会 --area 新桥 >/dev/null &&
	# a rename to a name only the other office has yet
	at xq org edit 城管中队 --name 物业办 >/dev/null &&
	at ya org add --kind unit 物业办 >/dev/null &&
	at ya council edit 天津路理事会 --name 延安理事会 >/dev/null &&
	at xq council add 延安理事会 --area 新桥 >/dev/null
'

test_expect_success 'the pull that brings the other office'\''s says so, once' '
	at xq sync --quiet 2>news &&
	test_must_be_empty news &&
	at ya sync 2>news &&
	cat >expect <<-\EOF &&
	XQ-O2 same name as YA-O2: an org named '\''物业办'\''
	XQ-O3 same name as YA-O1: an org named '\''房管办'\''
	XQ-C2 same name as YA-C1: a council named '\''华山理事会'\''
	XQ-C3 same name as XQ-C1: a council named '\''延安理事会'\''
	EOF
	test_cmp expect news &&
	at xq sync 2>news &&
	cat >expect <<-\EOF &&
	YA-O1 same name as XQ-O3: an org named '\''房管办'\''
	YA-O2 same name as XQ-O2: an org named '\''物业办'\''
	XQ-C1 same name as XQ-C3: a council named '\''延安理事会'\''
	YA-C1 same name as XQ-C2: a council named '\''华山理事会'\''
	EOF
	test_cmp expect news &&
	at xq sync 2>news &&
	test_must_be_empty news &&
	at ya sync 2>news &&
	test_must_be_empty news
'

test_expect_success 'in Chinese too' '
	zh -C ya org show YA-O1 >show &&
	grep "^同名组织： *XQ-O3$" show &&
	zh -C ya council show YA-C1 >show &&
	grep "^同名理事会： *XQ-C2$" show &&
	test_expect_code 1 zh -C ya org show 房管办 2>err &&
	echo "zdh: '\''房管办'\'' 同时是多个组织的名称：XQ-O3, YA-O1；请给出编号" >expect &&
	test_cmp expect err
'

test_expect_success 'show of each names the other, with --json' '
	at ya org show YA-O1 >show &&
	head -1 show >first &&
	echo "YA-O1  dept  房管办" >expect && test_cmp expect first &&
	grep "^same name: *XQ-O3$" show &&
	at xq org show XQ-O3 --json >json &&
	tr -d " \\n" <json | grep "\"same_name\":\[\"YA-O1\"\],\"conflicts\"" &&
	at xq org show XQ-O1 --json >json &&
	! grep same_name json &&
	at xq council show XQ-C2 >show &&
	grep "^same name: *YA-C1$" show &&
	at xq council show XQ-C3 --json >json &&
	tr -d " \\n" <json | grep "\"same_name\":\[\"XQ-C1\"\]"
'

test_expect_success 'the name names neither: refused with both ids, exit 1' '
	test_expect_code 1 at xq org show 房管办 2>err &&
	echo "zdh: '\''房管办'\'' names more than one org: XQ-O3, YA-O1; give the id" >expect &&
	test_cmp expect err &&
	test_expect_code 1 at xq issue list --dept 房管办 >out 2>err &&
	test_must_be_empty out &&
	echo "zdh: '\''房管办'\'' names more than one dept: XQ-O3, YA-O1; give the id" >expect &&
	test_cmp expect err &&
	at xq issue add 垃圾满溢 --area 新桥 >/dev/null &&
	test_expect_code 1 at xq issue claim XQ-2 --dept 房管办 2>err &&
	test_cmp expect err &&
	test_expect_code 1 at xq org edit 物业办 --code 1 2>err &&
	echo "zdh: '\''物业办'\'' names more than one org: XQ-O2, YA-O2; give the id" >expect &&
	test_cmp expect err &&
	test_expect_code 1 at ya council show 华山理事会 2>err &&
	echo "zdh: '\''华山理事会'\'' names more than one council: XQ-C2, YA-C1; give the id" >expect &&
	test_cmp expect err &&
	test_expect_code 1 at ya council member add 华山理事会 张三 --role member --party resident \
		--from 2026-01-01 2>err &&
	test_cmp expect err
'

test_expect_success 'the id names its own, in a filter too' '
	at xq issue claim XQ-2 --dept YA-O1 >/dev/null &&
	at xq issue list --dept YA-O1 --format csv >out &&
	cut -d, -f1 out >ids &&
	printf "id\nXQ-2\nYA-1\n" >expect && test_cmp expect ids &&
	at xq issue list --dept XQ-O3 --format csv >out &&
	cut -d, -f1 out >ids &&
	printf "id\nXQ-1\n" >expect && test_cmp expect ids &&
	at ya council show YA-C1 >show &&
	head -1 show >first &&
	echo "YA-C1  active  华山理事会" >expect && test_cmp expect first
'

test_expect_success 'one renamed or retired: the name is one'\''s again, and nothing more is said' '
	at ya org edit YA-O1 --name 延安房管办 >/dev/null &&
	at ya org show 房管办 >show &&
	head -1 show >first &&
	echo "XQ-O3  dept  房管办" >expect && test_cmp expect first &&
	! grep "same name" show &&
	at xq org retire XQ-O2 >/dev/null &&
	at xq org show 物业办 >show &&
	head -1 show >first &&
	echo "YA-O2  unit  物业办" >expect && test_cmp expect first &&
	at xq council dissolve XQ-C2 -m 合并 >/dev/null &&
	at xq council show 华山理事会 >show &&
	head -1 show >first &&
	echo "YA-C1  active  华山理事会" >expect && test_cmp expect first &&
	! grep "same name" show &&
	at ya sync 2>news && test_must_be_empty news &&
	at xq sync 2>news && test_must_be_empty news &&
	at ya sync --quiet &&
	at xq export >xq.json && at ya export >ya.json && test_cmp xq.json ya.json
'

test_expect_success 'two saved reports of one name: said, the name refused, the id saves and runs' '
	at xq report save 月报 --sql "SELECT 1 AS n" >out &&
	echo XQ-R1 >expect && test_cmp expect out &&
	at ya report save 月报 --sql "SELECT 2 AS n" >out &&
	echo YA-R1 >expect && test_cmp expect out &&
	at ya sync --quiet 2>news && test_must_be_empty news &&
	at xq sync 2>news &&
	echo "YA-R1 same name as XQ-R1: a saved report named '\''月报'\''" >expect &&
	test_cmp expect news &&
	at ya sync 2>news &&
	echo "XQ-R1 same name as YA-R1: a saved report named '\''月报'\''" >expect &&
	test_cmp expect news &&
	test_expect_code 1 at xq report run 月报 >out 2>err &&
	test_must_be_empty out &&
	echo "zdh: '\''月报'\'' names more than one saved report: XQ-R1, YA-R1; give the id" >expect &&
	test_cmp expect err &&
	test_expect_code 1 at xq report save 月报 --sql "SELECT 3 AS n" 2>err &&
	test_cmp expect err &&
	at xq report save ya-r1 --sql "SELECT 4 AS n" >/dev/null &&
	at xq report run YA-R1 --format csv >out &&
	printf "n\n4\n" >expect && test_cmp expect out &&
	at xq report run xq-r1 --format csv >out &&
	printf "n\n1\n" >expect && test_cmp expect out
'

test_done
