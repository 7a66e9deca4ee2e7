#!/bin/sh
# zdh visit: liaisons (add, edit, retire, list), visits that raise an issue
# in the same transaction or follow one up, list filters, show, and the
# CSV import (all or nothing, every bad row reported).
test_description='zdh visit'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs area 新桥 延安公寓 天津路426弄 &&
	orgs dept 派出所 房管办
'

test_expect_success 'liaison add and list' '
	zdh visit liaison add 王强 --dept 派出所 --areas 新桥,延安公寓 --phone 13800000000 \
		--date 2026-11-01 >id &&
	zdh visit liaison add 李敏 --dept 房管办 --areas "天津路426弄, 新桥" --date 2026-11-01 >>id &&
	printf "XQ-L1\nXQ-L2\n" >expect &&
	test_cmp expect id &&
	zdh visit liaison list >actual &&
	cat >expect <<-\EOT &&
	ID     NAME  DEPT    VISITS  AREAS              PHONE
	XQ-L1  王强  派出所       0  延安公寓, 新桥     13800000000
	XQ-L2  李敏  房管办       0  天津路426弄, 新桥
	EOT
	test_cmp expect actual &&
	zdh visit liaison list --area 天津路426弄 --format csv >actual &&
	cat >expect <<-\EOT &&
	id,name,dept,visits,areas,phone
	XQ-L2,李敏,房管办,0,"天津路426弄,新桥",
	EOT
	test_cmp expect actual &&
	test_expect_code 1 zdh visit liaison add 王强 --dept 房管办 --areas 新桥 2>err &&
	echo "zdh: a liaison named '\''王强'\'' exists already (XQ-L1)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh visit liaison add 张三 --dept 派初所 --areas 新桥 2>err &&
	echo "zdh: no dept named '\''派初所'\''; did you mean '\''派出所'\''?" >expect &&
	test_cmp expect err
'

test_expect_success 'a visit that raises an issue, in the same transaction' '
	zdh visit add --area 新桥 --liaison 王强 -m "52弄商户垃圾倒入居民垃圾桶" \
		--raises "52弄商户垃圾" --category environment --date "2026-11-02 10:00" >ids &&
	printf "XQ-V1\nXQ-1\n" >expect &&
	test_cmp expect ids &&
	zdh issue show XQ-1 --json >issue &&
	grep "\"source\": \"visit\"" issue &&
	grep "\"category\": \"environment\"" issue &&
	grep "\"area\": \"新桥\"" issue &&
	git --git-dir=.zdh rev-list --count refs/zdh/log/xinqiao >n &&
	echo 9 >expect &&
	test_cmp expect n
'

test_expect_success 'a visit that follows an issue up; a liaison not assigned is refused' '
	zdh visit add --area 新桥 --liaison xq-l2 -m "回访：已分开收运" --issue xq-1 \
		--date "2026-11-20 15:00" >id &&
	echo XQ-V2 >expect &&
	test_cmp expect id &&
	test_expect_code 1 zdh visit add --area 天津路426弄 --liaison 王强 -m x 2>err &&
	echo "zdh: liaison 王强 is not assigned to 天津路426弄 (assigned: 延安公寓, 新桥)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zh visit add --area 天津路426弄 --liaison 王强 -m x 2>err &&
	echo "zdh: 联络员 王强 未分派到 天津路426弄（已分派：延安公寓、新桥）" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh visit add --area 新桥 --liaison 王张 -m x 2>err &&
	echo "zdh: no liaison named '\''王张'\''; did you mean '\''王强'\''?" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh visit add --area 新桥 --liaison 王强 -m x --issue XQ-9 2>err &&
	echo "zdh: no issue XQ-9" >expect &&
	test_cmp expect err &&
	test_expect_code 129 zdh visit add --area 新桥 --liaison 王强 -m x --issue XQ-1 --raises y
'

test_expect_success 'show a visit and a liaison' '
	zdh visit show XQ-V1 | sed -n "1,/^history:/p" >actual &&
	cat >expect <<-\EOT &&
	XQ-V1  2026-11-02  新桥  王强 (派出所)
	raised:       XQ-1

	52弄商户垃圾倒入居民垃圾桶

	history:
	EOT
	test_cmp expect actual &&
	zdh visit show 王强 | sed -n "1,/^history:/p" >actual &&
	cat >expect <<-\EOT &&
	XQ-L1  王强  派出所
	areas:        延安公寓, 新桥
	phone:        13800000000

	history:
	EOT
	test_cmp expect actual
'

test_expect_success 'import: a bad row anywhere writes nothing, every bad row reported' '
	cat >bad.csv <<-\EOT &&
	date,area,liaison,notes,raises,category
	2026-12-01,新桥,王强,楼道堆物,,
	2026-12-02,新侨,王强,x,,
	2026-12-03,天津路426弄,王强,x,,
	2026-12-04,新桥,李敏,,,
	2026-12-05,新桥,李敏,路灯,路灯不亮,lighting
	2026-13-01,新桥,李敏,x,,
	EOT
	snapshot before &&
	test_expect_code 1 zdh visit import bad.csv --future 2>err &&
	cat >expect <<-\EOT &&
	zdh: bad.csv:3: no area named '\''新侨'\''; did you mean '\''新桥'\''?
	zdh: bad.csv:4: liaison 王强 is not assigned to 天津路426弄 (assigned: 延安公寓, 新桥)
	zdh: bad.csv:5: a visit needs notes
	zdh: bad.csv:6: unknown category '\''lighting'\'' (environment, parking, safety, housing, group-renting, shops, accessibility, elderly-care, other)
	zdh: bad.csv:7: cannot parse date '\''2026-13-01'\''
	zdh: 5 bad rows; nothing imported
	EOT
	sed -e "s/^zdh: bad.csv:7: .*/zdh: bad.csv:7: cannot parse date '\''2026-13-01'\''/" err >err2 &&
	test_cmp expect err2 &&
	check_unchanged before
'

test_expect_success 'import: good rows, raising issues too' '
	cat >good.csv <<-\EOT &&
	date,area,liaison,notes,raises,category,issue
	2026-12-01,新桥,王强,楼道堆物,,,
	2026-12-02 09:30,延安公寓,王强,"群租,二房东",延安公寓群租,group-renting,
	2026-12-03,天津路426弄,李敏,老李家台阶,一米阳光坡道,accessibility,
	2026-12-04,新桥,李敏,回访垃圾,,,XQ-1
	EOT
	zdh visit import good.csv --future >out &&
	echo "imported 4 visits" >expect &&
	test_cmp expect out &&
	zdh issue list --format csv >issues &&
	grep "^XQ-2,延安公寓群租" issues &&
	grep "^XQ-3,一米阳光坡道" issues
'

test_expect_success 'list by area, liaison, dept and month' '
	zdh visit list --month 2026-12 >actual &&
	cat >expect <<-\EOT &&
	ID     DAY         AREA         LIAISON  DEPT    ISSUE  NOTES
	XQ-V3  2026-12-01  新桥         王强     派出所         楼道堆物
	XQ-V4  2026-12-02  延安公寓     王强     派出所  XQ-2   群租,二房东
	XQ-V5  2026-12-03  天津路426弄  李敏     房管办  XQ-3   老李家台阶
	XQ-V6  2026-12-04  新桥         李敏     房管办  XQ-1   回访垃圾
	EOT
	test_cmp expect actual &&
	zdh visit list --dept 房管办 --format csv | cut -d, -f1 >ids &&
	printf "id\nXQ-V2\nXQ-V5\nXQ-V6\n" >expect &&
	test_cmp expect ids &&
	zdh visit list --liaison 王强 --area 新桥 --json >actual &&
	grep -c "\"id\": \"XQ-V" actual >n &&
	echo 2 >expect &&
	test_cmp expect n &&
	zdh visit liaison list --format csv | cut -d, -f1,4 >actual &&
	printf "id,visits\nXQ-L1,3\nXQ-L2,3\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'edit and retire a liaison' '
	zdh visit liaison edit 王强 --areas 新桥,天津路426弄 -m 调整 --date 2026-12-05 --future &&
	zdh visit add --area 天津路426弄 --liaison 王强 -m 巡查 --date 2026-12-06 --future >/dev/null &&
	zdh visit liaison retire 李敏 -m 调岗 --date 2026-12-07 --future &&
	test_expect_code 1 zdh visit add --area 新桥 --liaison 李敏 -m x --date 2026-12-08 --future 2>err &&
	echo "zdh: 李敏 (XQ-L2) was retired" >expect &&
	test_cmp expect err &&
	zdh visit liaison list --all --format csv | cut -d, -f1 >ids &&
	printf "id\nXQ-L1\nXQ-L2\n" >expect &&
	test_cmp expect ids &&
	zdh visit list --liaison 李敏 --format csv | tail -n +2 | wc -l >n &&
	echo 3 >expect &&
	test_cmp expect n
'

test_expect_success 'log, verify, export' '
	zdh verify >/dev/null &&
	zdh export >a.json &&
	rm .zdh/index.db &&
	zdh export >b.json &&
	test_cmp a.json b.json
'

test_done
