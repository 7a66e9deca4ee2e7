#!/bin/sh
# Under the Chinese catalogue a show's labels were Chinese (居民区：,
# 部门：, 截止：) but its history named the same fields in English
# (area=新桥 dept=房管办 due=2026-12-11), and its dates were RFC 3339
# stamps (创建于：2026-12-04T06:54:05+08:00) beside the history's
# 2026-12-04 06:54.  The history names each field as the show labels it
# now, and the show's dates take the history's form; English, --json and
# CSV are as they were.
test_description='every show under zh_CN: the history.s field names and the dates in Chinese form'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-lists.sh"

# the shows of every kind that has one, a line each
shows='org show 新桥
org show 红桥
issue show XQ-1
issue show XQ-2
menu show XQ-F1
menu show XQ-N1
menu show XQ-P1
menu show XQ-Y1
visit show XQ-V1
visit show XQ-L1
project show XQ-J1
council show XQ-C1
council meeting show XQ-M1
council decision show XQ-D1
person show XQ-U1'

test_expect_success 'setup: a record of every kind, with edits' '
	lists_setup >/dev/null &&
	zdh org add --kind area 红桥 --code 310101 --date 2026-11-02 >/dev/null &&
	zdh org edit 红桥 --code 310102 --district 第一片区 -m 改码 --date 2026-11-03 &&
	zdh issue add 楼道堆物 --area 新桥 --category environment --source hotline \
		--reporter 李四 --location 3号楼 --date 2026-11-03 >/dev/null &&
	zdh issue claim XQ-2 --dept 房管办 --due 2026-12-11 &&
	zdh issue assign XQ-2 --to 王五 &&
	zdh issue edit XQ-2 --due 2026-12-20 --title 楼道堆物严重 &&
	zdh issue return XQ-2 --reason not-our-area -m 不归我们 &&
	zdh issue claim XQ-2 --dept 房管办 &&
	zdh issue resolve XQ-2 -m 已清理 &&
	zdh issue close XQ-2 --satisfaction 5 &&
	zdh council edit XQ-C1 --name 新桥议事会 --date 2026-11-06 &&
	zdh council member add XQ-C1 李大爷 --role member --party unit --date 2026-11-06 &&
	zdh council member edit XQ-C1 李大爷 --role deputy --to 2027-11-04 --date 2026-11-06 &&
	zdh council meeting update XQ-M1 --kind hearing --minutes 纪要 --date 2026-11-06 &&
	zdh council consent XQ-D1 --party property-manager -m 同意 --date 2026-11-06 &&
	zdh menu offer edit XQ-F1 --capacity 10 --schedule 周三 --contact 电话 --date 2026-11-06 &&
	zdh menu need edit XQ-N1 --people 3 --note 独居 --date 2026-11-06 &&
	zdh menu deliver XQ-P1 --people 2 --hours 1.5 -m 送餐 --date 2026-11-06 >/dev/null &&
	zdh menu feedback XQ-Y1 --satisfaction 4 -m 好 --date 2026-11-06 &&
	zdh visit add --area 新桥 --liaison 李明 -m 走访二 --raises 路面破损 --category parking \
		--date 2026-11-06 >/dev/null &&
	zdh visit liaison edit 李明 --phone 123 --date 2026-11-06 &&
	zdh project budget XQ-J1 500 --item 油漆 --date 2026-11-06 &&
	zdh project approve XQ-J1 --date 2026-11-06 &&
	zdh project done XQ-J1 -m 好 --satisfaction 5 --date 2026-11-07 &&
	zdh person grant XQ-U1 subdistrict-admin --from 2026-11-01 --date 2026-11-06
'

test_expect_success 'every history under zh_CN: no field named in English' '
	echo "$shows" | while read -r noun verb id
	do
		zh $noun $verb $id >show || return 1
		sed -n "/^历史：\$/,\$p" show >history &&
		test_line_count -gt 1 history &&
		if grep -E "[a-z_]+=" history
		then
			echo "field named in English: zdh $noun $verb $id" && return 1
		fi
	done
'

test_expect_success 'the names are the labels of the shows' '
	zh issue show XQ-2 >show &&
	grep "  认领  *部门=房管办 截止=2026-12-11" show &&
	grep "  新增  *居民区=新桥 类别=环境卫生 地点=3号楼 反映人=李四 来源=热线 标题=楼道堆物" show &&
	grep "^居民区：  *新桥\$" show &&
	grep "  退回  *原因=非本部门职责  不归我们" show &&
	grep "  关闭  *满意度=5" show &&
	zh org show 红桥 >show &&
	grep "  修改  代码=310102 片区=第一片区  改码  " show &&
	zh council show XQ-C1 >show &&
	grep "  修改成员  成员=李大爷 角色=副理事长 截至=2027-11-04" show &&
	zh council decision show XQ-D1 >show &&
	grep "  书面确认  当事方=物业  同意" show &&
	zh menu show XQ-Y1 >show &&
	grep "  新增  日期=2026-11-06 分钟=90 " show &&
	zh visit show XQ-V2 >show &&
	grep "联络员=李明 联络员编号=XQ-L1 走访记录=走访二 已提出=是" show &&
	zh person show XQ-U1 >show &&
	grep "  授权  *起始=2026-11-01 00:00 角色=街道管理员" show
'

test_expect_success 'every show under zh_CN: dates as the history has them, no RFC 3339' '
	echo "$shows" | while read -r noun verb id
	do
		zh $noun $verb $id >show || return 1
		if grep -E "[0-9]T[0-9]{2}:[0-9]{2}:[0-9]{2}" show
		then
			echo "RFC 3339 in zdh $noun $verb $id" && return 1
		fi
	done &&
	zh issue show XQ-1 >show &&
	grep "^创建于：  *2026-11-03 00:00\$" show &&
	zh issue show XQ-2 >show &&
	grep "^已解决：  *20[0-9-]* [0-9][0-9]:[0-9][0-9]\$" show &&
	grep "^已关闭：  *20[0-9-]* [0-9][0-9]:[0-9][0-9]\$" show &&
	zh council show XQ-C1 >show &&
	grep "^创建于：  *2026-11-04 00:00\$" show &&
	zh person show XQ-U1 >show &&
	grep "^角色： 街道管理员  *起始 2026-11-01 00:00\$" show
'

test_expect_success 'English, --json and CSV: as they were' '
	zdh issue show XQ-2 >show &&
	grep "  claim  *dept=房管办 due=2026-12-11" show &&
	grep "  add  *area=新桥 category=environment location=3号楼 reporter=李四 source=hotline title=楼道堆物" show &&
	grep "^created:  *2026-11-03T00:00:00+08:00\$" show &&
	LANGUAGE=C zdh council show XQ-C1 >show &&
	grep "^created:  *2026-11-04T00:00:00+08:00\$" show &&
	grep "  member-edit  member=李大爷 role=deputy to=2027-11-04" show &&
	zdh person show XQ-U1 >show &&
	grep "  grant  *from=2026-11-01T00:00:00+08:00 role=subdistrict-admin" show &&
	grep "^role:  subdistrict-admin  from 2026-11-01T00:00:00+08:00\$" show &&
	zdh visit show XQ-V2 >show &&
	grep "liaison=李明 liaison_id=XQ-L1 notes=走访二 raised=true" show &&
	zh issue show XQ-2 --json >out.json &&
	grep "\"created\": \"2026-11-03T00:00:00+08:00\"" out.json &&
	grep "\"dept\": \"房管办\"" out.json &&
	! grep "部门\"" out.json &&
	zh council show XQ-C1 --json >out.json &&
	grep "\"created\": \"2026-11-04T00:00:00+08:00\"" out.json &&
	zh issue list --format csv >out.csv &&
	head -1 out.csv >head &&
	echo id,title,body,area,category,source,reporter,location,status,dept,assignee,due,created >expect &&
	test_cmp expect head &&
	grep ",2026-11-03T00:00:00+08:00\$" out.csv
'

test_done
