#!/bin/sh
test_description='council histories say what each event did: a charter, a meeting, a decision, a supporting unit'
. "$(dirname "$0")/lib.sh"

# Each line of a history says what its event did.  Those of councils,
# meetings and decisions said only their fields: a charter's line was
# bare ("charter"), a meeting's left out its agenda, attendance and
# guests, a decision's its votes, parties and close, a supporting unit's
# its org, so the history of a decision did not show how it was taken.

test_expect_success 'a council, its charter, a hearing and a decision' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 房管办 >/dev/null &&
	zdh issue add 52弄乱停车 --area 新桥 >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 >/dev/null &&
	zdh council member add XQ-C1 李阿姨 --role chair --party resident &&
	zdh council member add XQ-C1 张师傅 --role member --party shop &&
	zdh council member add XQ-C1 赵老师 --role member --party resident &&
	zdh council member add XQ-C1 房管办 --role supporting-unit --party unit --org 房管办 &&
	zdh council charter XQ-C1 --quorum 2/3 --majority facility=unanimous \
		--consent facility --meeting-weeks 4 &&
	zdh council meeting add XQ-C1 --kind hearing --agenda XQ-1 --item 商户垃圾 \
		--present 李阿姨 --proxy 张师傅=李阿姨 --excused 赵老师 \
		--guest 派出所 --guest 居民代表 >/dev/null &&
	zdh council decide XQ-M1 --motion 弄口道闸 --type facility --issue XQ-1 \
		--for 李阿姨,张师傅 --party 101室 --party 102室 --close >/dev/null &&
	zdh council meeting update XQ-M1 --absent 赵老师 --item 巡查 &&
	zdh council meeting add XQ-C1 --present 李阿姨,张师傅 >/dev/null &&
	zdh council decide XQ-M2 --motion 猫头鹰巡查队 --consensus >/dev/null
'

test_expect_success 'English: each line with what its event wrote' '
	zdh council show XQ-C1 >out &&
	grep "  member-add  member=房管办 role=supporting-unit party=unit org=房管办 from=" out &&
	grep "  charter     version=1 quorum=2/3 majority=charter two-thirds,facility unanimous,general simple voters=chair,deputy,member consent=facility meeting_weeks=4 from=" out &&
	zdh council meeting show XQ-M1 >out &&
	grep "  add     .* kind=hearing agenda=XQ-1,商户垃圾 present=李阿姨 excused=赵老师 proxy=张师傅→李阿姨 guests=派出所,居民代表$" out &&
	grep "  update  agenda=巡查 absent=赵老师$" out &&
	zdh council decision show XQ-D1 >out &&
	grep "  add  .* motion=弄口道闸 type=facility for=张师傅,李阿姨 parties=101室,102室 close$" out &&
	zdh council decision show XQ-D2 >out &&
	grep "  add  .* motion=猫头鹰巡查队 type=general consensus$" out
'

test_expect_success 'Chinese: the same by the words of the catalogue' '
	zh council show XQ-C1 >out &&
	grep "  增加成员  成员=房管办 角色=支持单位 当事方=社区单位 组织=房管办 起始=" out &&
	grep "  章程      版本=1 法定人数=2/3 多数规则=章程修改 三分之二、facility 全体一致、一般事项 过半数 表决人=理事长、副理事长、理事 书面确认事项=facility 例会间隔（周）=4 起始=" out &&
	zh council meeting show XQ-M1 >out &&
	grep "  新增  .* 类型=听证会 议程=XQ-1、商户垃圾 出席=李阿姨 请假=赵老师 委托=张师傅→李阿姨 列席=派出所、居民代表$" out &&
	grep "  更新  议程=巡查 缺席=赵老师$" out &&
	zh council decision show XQ-D1 >out &&
	grep "  新增  .* 动议=弄口道闸 类型=facility 赞成=张师傅、李阿姨 当事方=101室、102室 关闭$" out &&
	zh council decision show XQ-D2 >out &&
	grep "  新增  .* 动议=猫头鹰巡查队 类型=一般事项 协商一致$" out
'

# meeting list's table joined a meeting's agenda by ";", the separator
# of its CSV, also under a Chinese catalogue ("XQ-1;商户垃圾;巡查")
test_expect_success 'meeting list: the agenda as a list reads, the CSV by ";"' '
	zdh council meeting list >out &&
	grep "^XQ-M1  .*  XQ-1, 商户垃圾, 巡查\$" out &&
	zh council meeting list >out &&
	grep "^XQ-M1  .*  XQ-1、商户垃圾、巡查\$" out &&
	zdh council meeting list --format csv >out &&
	grep "^XQ-M1,.*,XQ-1;商户垃圾;巡查," out
'

test_done
