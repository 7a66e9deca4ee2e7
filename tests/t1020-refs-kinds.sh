#!/bin/sh
# References are ids, names are labels, for the kinds beyond issues:
# projects and funds, liaisons and visits, the menu's offers and needs,
# councils.  Their events name orgs by id; after a rename every list,
# show, JSON, CSV and report sql prints the new name; filters take the
# new name, an old one (noted) or the id; a retired org is refused as
# retired; events an older zdh wrote with names still read.
test_description='org references in projects, visits, the menu, councils'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: a registry, and a record of each kind naming orgs' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind district 第一片区 --date 2026-10-01 >/dev/null &&
	zdh org add --kind area 新桥 --district 第一片区 --date 2026-10-01 >/dev/null &&
	zdh org add --kind area 延安公寓 --district 第一片区 --date 2026-10-01 >/dev/null &&
	zdh org add --kind dept 派出所 --date 2026-10-01 >/dev/null &&
	zdh org add --kind unit 物业公司 --district 第一片区 --date 2026-10-01 >/dev/null &&
	zdh fund set --area 新桥 --year 2026 1000 --date 2026-01-05 >/dev/null &&
	zdh project add 旋转门 --area 新桥 --date 2026-11-10 >/dev/null &&
	zdh project budget XQ-J1 500 --item 门 --date 2026-11-10 &&
	zdh project approve XQ-J1 --date 2026-11-11 &&
	zdh project spend XQ-J1 200 --item 门 --date 2026-11-12 &&
	zdh visit liaison add 王强 --dept 派出所 --areas 新桥,延安公寓 --date 2026-11-01 >/dev/null &&
	zdh visit add --area 新桥 --liaison 王强 -m 巡查 --date 2026-11-20 >/dev/null &&
	zdh menu offer add 助老服务 --provider 物业公司 --category elderly --areas 新桥 \
		--date 2026-11-01 >/dev/null &&
	zdh menu need add 独居老人 --area 新桥 --category elderly --date 2026-11-02 >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 --date 2026-11-01 >/dev/null &&
	zdh council member add XQ-C1 物业 --role supporting-unit --party unit --org 物业公司 \
		--date 2026-11-01 &&
	zdh council member add XQ-C1 王阿姨 --role chair --party resident --date 2026-11-01 &&
	zdh council discuss XQ-C1 -m "@派出所 请协助" --date 2026-11-03 &&
	zdh council meeting add XQ-C1 --present 王阿姨 --date 2026-11-05 >/dev/null &&
	zdh council decide XQ-M1 --motion 装门 --for 王阿姨 --close --action 巡逻 --dept 派出所 \
		--due 2026-12-31 --date 2026-11-05 >/dev/null
'

test_expect_success 'their events refer to orgs by id, with the names of the time noted' '
	git --git-dir=.zdh log --format=%B refs/zdh/log/xinqiao >msgs &&
	grep "\"kind\":\"project\",\"op\":\"add\"" msgs >ev &&
	grep "\"area\":\"XQ-O2\"" ev && grep "\"names\":{\"XQ-O2\":\"新桥\"}" ev &&
	grep "\"kind\":\"fund\",\"op\":\"add\"" msgs | grep "\"area\":\"XQ-O2\"" &&
	grep "\"kind\":\"liaison\"" msgs >ev &&
	grep "\"areas\":\[\"XQ-O2\",\"XQ-O3\"\]" ev && grep "\"dept\":\"XQ-O4\"" ev &&
	grep "\"kind\":\"visit\"" msgs | grep "\"area\":\"XQ-O2\",.*\"dept\":\"XQ-O4\"" &&
	grep "\"kind\":\"offer\"" msgs >ev &&
	grep "\"areas\":\[\"XQ-O2\"\]" ev && grep "\"provider\":\"XQ-O5\"" ev &&
	grep "\"kind\":\"need\"" msgs | grep "\"area\":\"XQ-O2\"" &&
	grep "\"kind\":\"council\",\"op\":\"add\"" msgs | grep "\"area\":\"XQ-O2\"" &&
	grep "\"member\":\"物业\"" msgs | grep "\"org\":\"XQ-O5\"" &&
	grep "\"op\":\"discuss\"" msgs >ev &&
	grep "\"mentions\":\[\"XQ-O4\"\]" ev && grep "\"names\":{\"XQ-O4\":\"派出所\"}" ev &&
	grep "\"kind\":\"action\"" msgs | grep "\"dept\":\"XQ-O4\"" &&
	grep "\"kind\":\"meeting\"" msgs | grep "\"area\":\"XQ-O2\""
'

# what an older zdh wrote: the same kinds naming orgs by name
old_event () {
	tip=$(git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao) &&
	new=$(craft .zdh "$tip" event "$@") &&
	git --git-dir=.zdh update-ref refs/zdh/log/xinqiao "$new" "$tip"
}

test_expect_success 'events an older zdh wrote with names are read' '
	old_event project XQ-J2 add "{\"set\":{\"title\":\"旧门\",\"area\":\"新桥\",\"kind\":\"micro\",\"year\":2026}}" &&
	old_event visit XQ-V2 add "{\"set\":{\"area\":\"新桥\",\"liaison\":\"王强\",\"dept\":\"派出所\",\"day\":\"2026-11-05\",\"notes\":\"旧记录\"}}" &&
	old_event offer XQ-F2 add "{\"set\":{\"title\":\"旧服务\",\"provider\":\"物业公司\",\"category\":\"elderly\",\"areas\":[\"新桥\"]}}" &&
	old_event need XQ-N2 add "{\"set\":{\"title\":\"旧需求\",\"area\":\"新桥\",\"category\":\"elderly\"}}" &&
	old_event council XQ-C2 add "{\"set\":{\"name\":\"旧理事会\",\"area\":\"新桥\"}}" &&
	old_event council XQ-C2 discuss "{\"message\":\"@派出所 旧的\",\"mentions\":[\"派出所\"]}" &&
	old_event action XQ-A2 add "{\"set\":{\"decision\":\"XQ-D1\",\"council\":\"XQ-C2\",\"area\":\"新桥\",\"text\":\"旧行动\",\"dept\":\"派出所\"}}" &&
	zdh project list --format csv >actual &&
	cat >expect <<-\EOT &&
	id,status,kind,area,year,budget,spent,title
	XQ-J1,approved,self-governance,新桥,2026,500.00,200.00,旋转门
	XQ-J2,proposed,micro,新桥,2026,0.00,0.00,旧门
	EOT
	test_cmp expect actual
'

test_expect_success 'rename an area, a dept and a unit' '
	zdh org edit 新桥 --name 新桥居民区 &&
	zdh org edit 派出所 --name 新桥派出所 &&
	zdh org edit 物业公司 --name 物业服务中心
'

test_expect_success 'projects and funds: lists, show, JSON and CSV print the new name' '
	zdh project list >actual &&
	cat >expect <<-\EOT &&
	ID     STATUS    KIND             AREA        YEAR  BUDGET   SPENT  TITLE
	XQ-J1  approved  self-governance  新桥居民区  2026  500.00  200.00  旋转门
	XQ-J2  proposed  micro            新桥居民区  2026    0.00    0.00  旧门
	EOT
	test_cmp expect actual &&
	zdh fund show >actual &&
	cat >expect <<-\EOT &&
	ID     AREA        YEAR   BUDGET  COMMITTED   SPENT  BALANCE
	XQ-B1  新桥居民区  2026  1000.00     500.00  200.00   800.00
	EOT
	test_cmp expect actual &&
	zdh fund show --format csv >actual &&
	cat >expect <<-\EOT &&
	id,area,year,budget,committed,spent,balance
	XQ-B1,新桥居民区,2026,1000.00,500.00,200.00,800.00
	EOT
	test_cmp expect actual &&
	zdh project show XQ-J1 >actual &&
	sed -n 2,4p actual >lines &&
	printf "area:         新桥居民区\nyear:         2026\nkind:         self-governance\n" >expect &&
	test_cmp expect lines &&
	zdh project show XQ-J2 --json >j2 &&
	grep "^  \"area\": \"新桥居民区\",$" j2 &&
	zdh project list --json >pl &&
	test $(grep -c "\"area\": \"新桥居民区\"" pl) = 2
'

test_expect_success 'projects and funds: filters take the new name, the id, an old name noted' '
	zdh project list --area 新桥居民区 --format csv >new 2>err &&
	test_line_count = 3 new && test_must_be_empty err &&
	zdh project list --area XQ-O2 --format csv >byid 2>err &&
	test_cmp new byid && test_must_be_empty err &&
	zdh project list --area 新桥 --format csv >old 2>err &&
	test_cmp new old &&
	echo "zdh: warning: '"'"'新桥'"'"' was renamed '"'"'新桥居民区'"'"' (XQ-O2)" >expect &&
	test_cmp expect err &&
	zdh fund show --area 新桥 --format csv >old 2>/dev/null &&
	test_line_count = 2 old &&
	test_expect_code 1 zdh project list --area 新侨 2>err &&
	echo "zdh: no area named '"'"'新侨'"'"' (see '"'"'zdh org list --kind area'"'"')" >expect &&
	test_cmp expect err
'

test_expect_success 'visits and liaisons: lists, show, JSON and CSV print the new names' '
	zdh visit list >actual &&
	cat >expect <<-\EOT &&
	ID     DAY         AREA        LIAISON  DEPT        ISSUE  NOTES
	XQ-V2  2026-11-05  新桥居民区  王强     新桥派出所         旧记录
	XQ-V1  2026-11-20  新桥居民区  王强     新桥派出所         巡查
	EOT
	test_cmp expect actual &&
	zdh visit list --format csv >actual &&
	cat >expect <<-\EOT &&
	id,date,area,liaison,dept,issue,notes
	XQ-V2,2026-11-05,新桥居民区,王强,新桥派出所,,旧记录
	XQ-V1,2026-11-20,新桥居民区,王强,新桥派出所,,巡查
	EOT
	test_cmp expect actual &&
	zdh visit liaison list >actual &&
	cat >expect <<-\EOT &&
	ID     NAME  DEPT        VISITS  AREAS                 PHONE
	XQ-L1  王强  新桥派出所       2  延安公寓, 新桥居民区
	EOT
	test_cmp expect actual &&
	zdh visit show 王强 | sed -n "1,/^history:/p" >actual &&
	cat >expect <<-\EOT &&
	XQ-L1  王强  新桥派出所
	areas:        延安公寓, 新桥居民区

	history:
	EOT
	test_cmp expect actual &&
	zdh visit show XQ-V2 --json >v2 &&
	grep "^  \"area\": \"新桥居民区\",$" v2 &&
	grep "^  \"dept\": \"新桥派出所\",$" v2
'

test_expect_success 'visits and liaisons: filters by new name, id, old name' '
	zdh visit list --area 新桥居民区 --dept 新桥派出所 --format csv >new 2>err &&
	test_line_count = 3 new && test_must_be_empty err &&
	zdh visit list --area XQ-O2 --dept XQ-O4 --format csv >byid &&
	test_cmp new byid &&
	zdh visit list --area 新桥 --dept 派出所 --format csv >old 2>err &&
	test_cmp new old &&
	test_line_count = 2 err &&
	zdh visit liaison list --area 新桥 --dept 派出所 --format csv >old 2>/dev/null &&
	test_line_count = 2 old &&
	zdh visit add --area 新桥居民区 --liaison 王强 -m 再访 --date 2026-11-21 >/dev/null
'

test_expect_success 'menu: offers and needs print the new names; filters by any of them' '
	zdh menu offer list >actual &&
	cat >expect <<-\EOT &&
	ID     CATEGORY  PROVIDER      CAPACITY  AREAS       TITLE
	XQ-F1  elderly   物业服务中心            新桥居民区  助老服务
	XQ-F2  elderly   物业服务中心            新桥居民区  旧服务
	EOT
	test_cmp expect actual &&
	zdh menu need list --format csv >actual &&
	cat >expect <<-\EOT &&
	id,category,area,people,issue,title
	XQ-N1,elderly,新桥居民区,,,独居老人
	XQ-N2,elderly,新桥居民区,,,旧需求
	EOT
	test_cmp expect actual &&
	zdh menu offer list --provider 物业公司 --area 新桥 --format csv >old 2>err &&
	zdh menu offer list --provider XQ-O5 --area XQ-O2 --format csv >byid &&
	test_cmp old byid && test_line_count = 3 old && test_line_count = 2 err &&
	zdh menu need list --area 新桥 --format csv >old 2>/dev/null &&
	test_line_count = 3 old &&
	zdh menu show XQ-F2 --json >f2 &&
	grep "^  \"provider\": \"物业服务中心\",$" f2 &&
	zdh menu match XQ-N2 >match &&
	grep "^   2     75  XQ-F2  旧服务    category elderly; serves 新桥居民区;" match
'

test_expect_success 'councils: lists, show, JSON and CSV print the new names' '
	zdh council list >actual &&
	cat >expect <<-\EOT &&
	ID     NAME        AREA        MEMBERS  STATUS
	XQ-C1  新桥理事会  新桥居民区  2        active
	XQ-C2  旧理事会    新桥居民区  0        active
	EOT
	test_cmp expect actual &&
	zdh council action list >actual &&
	cat >expect <<-\EOT &&
	ID     DUE         STATUS  DEPT        DECISION  ACTION
	XQ-A1  2026-12-31  open    新桥派出所  XQ-D1     巡逻
	XQ-A2              open    新桥派出所  XQ-D1     旧行动
	EOT
	test_cmp expect actual &&
	zdh council meeting list --format csv | cut -d, -f1-4 >actual &&
	cat >expect <<-\EOT &&
	id,date,council,area
	XQ-M1,2026-11-05,XQ-C1,新桥居民区
	EOT
	test_cmp expect actual &&
	zdh council show XQ-C1 --date 2026-11-10 | sed -n "1,/^history:/p" >actual &&
	cat >expect <<-\EOT &&
	XQ-C1  active  新桥理事会

	area:         新桥居民区
	created:      2026-11-01T00:00:00+08:00
	meetings:     1
	decisions:    1 (adopted 1)
	waiting for:  @新桥派出所  @派出所 请协助

	members on 2026-11-10:
	NAME    ROLE             PARTY     ORG           FROM        TO
	王阿姨  chair            resident                2026-11-01
	物业    supporting-unit  unit      物业服务中心  2026-11-01

	charter in force on 2026-11-10: none adopted; decided by the defaults
	  quorum:       1/2 of the voting members
	  who votes:    chair, deputy, member
	  majority:     charter two-thirds, general simple

	history:
	EOT
	test_cmp expect actual &&
	zdh council show XQ-C1 >actual &&
	grep "  add  *area=新桥 name=新桥理事会 " actual &&
	grep "  discuss  *@派出所 请协助 " actual &&
	zdh council show XQ-C2 --json >c2 &&
	grep "^  \"area\": \"新桥居民区\",$" c2 &&
	grep "^    \"新桥派出所\": {$" c2 &&
	grep "^          \"派出所\"$" c2
'

test_expect_success 'councils: filters by new name, id, old name' '
	zdh council list --area 新桥居民区 --format csv >new 2>err &&
	test_line_count = 3 new && test_must_be_empty err &&
	zdh council list --area XQ-O2 --format csv >byid &&
	test_cmp new byid &&
	zdh council list --area 新桥 --format csv >old 2>err &&
	test_cmp new old && test_line_count = 1 err &&
	zdh council action list --dept 派出所 --format csv >old 2>/dev/null &&
	zdh council action list --dept XQ-O4 --format csv >byid &&
	test_cmp old byid && test_line_count = 3 old &&
	zdh council meeting list --area 新桥 --format csv >old 2>/dev/null &&
	test_line_count = 2 old
'

test_expect_success 'councils: a mention by id or by old name is answered by the dept under any of its names' '
	zdh inbox --dept 新桥派出所 >actual &&
	cat >expect <<-\EOT &&
	ID     STATUS     AREA        DEPT        DUE         TITLE
	XQ-A1  open       新桥居民区  新桥派出所  2026-12-31  巡逻
	XQ-A2  open       新桥居民区  新桥派出所              旧行动
	XQ-C1  mentioned  新桥居民区  新桥派出所              新桥理事会: @派出所 请协助
	XQ-C2  mentioned  新桥居民区  新桥派出所              旧理事会: @派出所 旧的
	EOT
	test_cmp expect actual &&
	ZDH_USER_DEPT=派出所 zdh council discuss XQ-C1 -m 已巡逻 --date 2026-11-06 &&
	ZDH_USER_DEPT=新桥派出所 zdh council discuss XQ-C2 -m 收到 &&
	git --git-dir=.zdh log -2 --format=%B refs/zdh/log/xinqiao >msgs &&
	grep "\"answers\":\[\"XQ-O4\"\]" msgs &&
	grep "\"answers\":\[\"XQ-O4\",\"派出所\"\]" msgs &&
	zdh inbox --dept XQ-O4 >actual &&
	cat >expect2 <<-\EOT &&
	ID     STATUS  AREA        DEPT        DUE         TITLE
	XQ-A1  open    新桥居民区  新桥派出所  2026-12-31  巡逻
	XQ-A2  open    新桥居民区  新桥派出所              旧行动
	EOT
	test_cmp expect2 actual &&
	zdh reindex >/dev/null &&
	zdh inbox --dept XQ-O4 >actual &&
	test_cmp expect2 actual
'

test_expect_success 'report sql: the kinds views name orgs as they are now' '
	zdh report sql --format csv "SELECT id, area FROM records_project UNION ALL SELECT id, area FROM records_need UNION ALL SELECT id, dept FROM records_visit UNION ALL SELECT id, provider FROM records_offer UNION ALL SELECT id, area FROM records_council UNION ALL SELECT id, dept FROM records_action" >actual &&
	cat >expect <<-\EOT &&
	id,area
	XQ-J1,新桥居民区
	XQ-J2,新桥居民区
	XQ-N1,新桥居民区
	XQ-N2,新桥居民区
	XQ-V1,新桥派出所
	XQ-V2,新桥派出所
	XQ-V3,新桥派出所
	XQ-F1,物业服务中心
	XQ-F2,物业服务中心
	XQ-C1,新桥居民区
	XQ-C2,新桥居民区
	XQ-A1,新桥派出所
	XQ-A2,新桥派出所
	EOT
	test_cmp expect actual
'

test_expect_success 'a retired org is refused as retired, nothing written' '
	zdh org retire 延安公寓 --date 2026-11-25 2>err &&
	echo "zdh: warning: 1 live liaison still names 延安公寓 (XQ-O3)" >expect &&
	test_cmp expect err &&
	git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao >before &&
	echo "zdh: 延安公寓 (XQ-O3) was retired on 2026-11-25" >expect &&
	test_expect_code 1 zdh project add 新门 --area 延安公寓 2>err &&
	test_cmp expect err &&
	test_expect_code 1 zdh fund set --area XQ-O3 --year 2026 10 2>err &&
	test_cmp expect err &&
	test_expect_code 1 zdh visit liaison add 李敏 --dept 新桥派出所 --areas 延安公寓 2>err &&
	test_cmp expect err &&
	test_expect_code 1 zdh menu offer add 讲座 --provider 物业服务中心 --category elderly \
		--areas 延安公寓 2>err &&
	test_cmp expect err &&
	test_expect_code 1 zdh menu need add 助浴 --area 延安公寓 --category elderly 2>err &&
	test_cmp expect err &&
	test_expect_code 1 zdh council add 延安理事会 --area 延安公寓 2>err &&
	test_cmp expect err &&
	git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao >after &&
	test_cmp before after
'

test_expect_success 'retiring a dept that councils and liaisons still name warns; it is then refused' '
	zdh org retire 新桥派出所 --date 2026-11-26 2>err &&
	cat >expect <<-\EOT &&
	zdh: warning: 1 live liaison still names 新桥派出所 (XQ-O4)
	zdh: warning: 2 active councils and open council actions still name 新桥派出所 (XQ-O4)
	EOT
	test_cmp expect err &&
	zdh council meeting add XQ-C1 --present 王阿姨 --date 2026-11-27 >/dev/null &&
	test_expect_code 1 zdh council decide XQ-M2 --motion 再装 --for 王阿姨 --close \
		--action 再巡 --dept 新桥派出所 --date 2026-11-27 2>err &&
	echo "zdh: 新桥派出所 (XQ-O4) was retired on 2026-11-26" >expect &&
	test_cmp expect err &&
	zdh council action list --dept 新桥派出所 --format csv >out &&
	test_line_count = 3 out
'

# every list of these kinds, one after the other
lists () {
	for c in "project list" "fund show" "visit list" "visit liaison list" "menu offer list" \
		"menu need list" "council list" "council action list"
	do
		zdh $c || return 1
	done
}

test_expect_success 'a reindex gives the same answers' '
	lists >before &&
	zdh reindex >/dev/null &&
	lists >after &&
	test_cmp before after
'

test_done
