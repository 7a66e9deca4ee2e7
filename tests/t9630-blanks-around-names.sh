#!/bin/sh
# A name, title or id typed or pasted with blanks around it was kept with
# them: `org add --kind dept " 城管 "` made a department no one could name
# as 城管 after ("no dept named '城管'"), `issue add " 路灯不亮 "` a title
# that sorted and printed apart.  The blanks around a value (spaces, tabs,
# the ideographic space a Chinese input method types) are dropped; a
# message keeps its own, and a value of blanks only is refused as before.
# The same for the cells of org, issue and visit import (" 华山 " typed
# in a sheet), but for the texts (an issue's body, a visit's notes).
test_description='blanks around names, titles and ids are dropped'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	orgs area 新桥
'

test_expect_success 'an org name, a title, an option value, an id' '
	zdh org add --kind dept "  城管 " >/dev/null &&
	zdh org show 城管 --json >o.json &&
	grep "\"name\": \"城管\"" o.json &&
	zdh issue add "	路灯不亮　" --area " 新桥　" >/dev/null &&
	zdh issue show XQ-1 --json >i.json &&
	grep "^  \"title\": \"路灯不亮\"$" i.json &&
	zdh issue claim " xq-1 " --dept "城管 " &&
	zdh issue list --format csv >full &&
	cut -d, -f2,4,10 full >actual &&
	printf "title,area,dept\n路灯不亮,新桥,城管\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'a message keeps its blanks; blanks only are still refused' '
	zdh issue comment XQ-1 -m "  一、先修灯" &&
	zdh issue show XQ-1 --json >i.json &&
	grep "\"message\": \"  一、先修灯\"" i.json &&
	test_refused "title is empty" issue add "   " --area 新桥 &&
	test_refused "an argument has only spaces or invisible characters" issue add "　" --area 新桥
'

test_expect_success 'org import: the blanks around a cell are dropped' '
	printf "kind,name,district\ndistrict,第一片区,\narea, 华山 ,第一片区　\n 居民区 ,　延安,\n" >orgs.csv &&
	zdh org import orgs.csv &&
	zdh org list --kind area --format csv >full &&
	cut -d, -f3,4 full >actual &&
	printf "name,district\n新桥,\n华山,第一片区\n延安,\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'issue and visit import: the blanks around a cell are dropped, not around a text' '
	printf "title,area,dept,status,body\n 井盖松动 , 新桥　,	城管 ,claimed,  先围起来  \n" >issues.csv &&
	zdh issue import issues.csv &&
	zdh issue list --format csv >full &&
	grep 井盖松动 full | cut -d, -f2,3,4,9,10 >actual &&
	printf "井盖松动,  先围起来  ,新桥,claimed,城管\n" >expect &&
	test_cmp expect actual &&
	zdh visit liaison add 王阿姨 --dept 城管 --areas 新桥 >/dev/null &&
	printf "area,liaison,notes\n 新桥 ,王阿姨　,  楼道灯坏了\n" >visits.csv &&
	zdh visit import visits.csv &&
	zdh visit list --format csv >visits.out &&
	grep ",新桥,王阿姨,城管,,  楼道灯坏了$" visits.out
'

test_done
