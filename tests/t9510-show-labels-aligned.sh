#!/bin/sh
# The shows of councils, meetings, decisions, the menu, visits and
# projects print as issue show does: labels padded by display width to
# one column (14, or one more than the widest label), a list under one
# label printed with the label once and its items' columns aligned by
# display width (names of one, two and four Chinese characters), in
# English and under zh_CN; Chinese joins lists with "、" and the result
# of a decision with "：", not the ASCII ", " and ": ".
test_description='show outputs: labels and lists aligned by display width'
. "$(dirname "$0")/lib.sh"

# the show before its history
head_of () {
	sed "/^history:\$/,\$d;/^历史：\$/,\$d"
}

# prints CMD...: CMD prints the lines of standard input (before a history)
prints () {
	cat >expect &&
	"$@" >out &&
	head_of <out >actual &&
	test_cmp expect actual
}

test_expect_success 'setup: a council, its meeting and decision; an offer, a need, a pairing' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 --date 2026-11-02 >/dev/null &&
	zdh org add --kind unit 上海博物馆 --date 2026-11-02 >/dev/null &&
	zdh org add --kind dept 房管办 --date 2026-11-02 >/dev/null &&
	zdh org add --kind dept 派出所 --date 2026-11-02 >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 --date 2026-11-02 >/dev/null &&
	zdh council member add XQ-C1 张老伯 --role 理事长 --date 2026-11-02 &&
	zdh council member add XQ-C1 李 --role 理事 --date 2026-11-02 &&
	zdh council member add XQ-C1 欧阳娜娜 --role 理事 --date 2026-11-02 &&
	zdh council charter XQ-C1 --quorum 2 --voters 理事长,理事 --date 2026-11-02 &&
	zdh council meeting add XQ-C1 --present 张老伯,李 --proxy 欧阳娜娜=张老伯 \
		--guest 房管办 --guest 居民代表 --item 加装电梯 --date "2026-11-03 19:00" >/dev/null &&
	zdh council decide XQ-M1 --motion 加装电梯 --for 张老伯,李 --against 欧阳娜娜 \
		--party 101室 --party 2号楼302室 --action 联系施工 --dept 房管办 \
		--date "2026-11-03 20:00" >/dev/null &&
	zdh council action add XQ-D1 --action 维持秩序 --dept 派出所 --due 2026-11-30 \
		--date "2026-11-03 20:00" >/dev/null &&
	zdh council consent XQ-D1 --party 101室 -m 同意 --date 2026-11-04 &&
	zdh menu offer add 文物讲座 --provider 上海博物馆 --category education --capacity 3 \
		--date 2026-11-05 >/dev/null &&
	zdh menu need add 老人学习 --area 新桥 --category education --date 2026-11-05 >/dev/null &&
	zdh menu pair XQ-N1 XQ-F1 --date 2026-11-06 >/dev/null
'

test_expect_success 'decision show: votes, consents and actions aligned (zh_CN)' '
	prints zh council decision show XQ-D1 <<-\EOF
	XQ-D1  待表决  加装电梯

	会议：        XQ-M1  2026-11-03  XQ-C1
	类型：        一般事项
	规则：        章程第 1 版：法定人数 2，多数规则 过半数
	结果：        3 名有表决权的成员中 3 名出席，法定人数 2 已达到；赞成 2，反对 1，弃权 0：表决进行中；2 方中 1 方书面确认
	表决：        张老伯    赞成
	              李        赞成
	              欧阳娜娜  反对
	书面确认：    101室       已确认  同意
	              2号楼302室  待确认
	行动：        XQ-A2  待办  派出所  维持秩序  截止 2026-11-30
	              XQ-A1  待办  房管办  联系施工

	EOF
'

test_expect_success 'decision show: the same in English' '
	prints zdh council decision show XQ-D1 <<-\EOF
	XQ-D1  open  加装电梯

	meeting:      XQ-M1  2026-11-03  XQ-C1
	type:         general
	rule:         charter version 1: quorum 2, simple majority
	result:       3 of 3 voting members present, quorum 2 reached; 2 for, 1 against, 0 abstaining: voting open; written consent of 1 of 2 parties
	votes:        张老伯    for
	              李        for
	              欧阳娜娜  against
	consents:     101室       given    同意
	              2号楼302室  pending
	actions:      XQ-A2  open  派出所  维持秩序  due 2026-11-30
	              XQ-A1  open  房管办  联系施工

	EOF
'

test_expect_success 'meeting show: attendance and guests under their label once' '
	prints zh council meeting show XQ-M1 <<-\EOF &&
	XQ-M1  2026-11-03  例会  XQ-C1

	居民区：      新桥
	出席情况：    张老伯    出席
	              李        出席
	              欧阳娜娜  委托 由 张老伯
	列席：        房管办
	              居民代表
	议程：        加装电梯
	决议：        XQ-D1  待表决  加装电梯

	EOF
	prints zdh council meeting show XQ-M1 <<-\EOF
	XQ-M1  2026-11-03  regular  XQ-C1

	area:         新桥
	attendance:   张老伯    present
	              李        present
	              欧阳娜娜  proxy by 张老伯
	guest:        房管办
	              居民代表
	agenda:       加装电梯
	decision:     XQ-D1  open  加装电梯

	EOF
'

test_expect_success 'council show: lists joined with 、 and the counts by status in Chinese' '
	zh council show XQ-C1 >show &&
	grep "^决议：        1（待表决 1）\$" show &&
	grep "^  法定人数：    有表决权成员中的 2\$" show &&
	grep "^  表决人：      理事长、理事\$" show &&
	grep "^  多数规则：    章程修改 三分之二、一般事项 过半数\$" show &&
	zdh council show XQ-C1 >show &&
	grep "^decisions:    1 (open 1)\$" show &&
	grep "^  quorum:       2 of the voting members\$" show &&
	grep "^  who votes:    chair, member\$" show &&
	grep "^  majority:     charter two-thirds, general simple\$" show
'

test_expect_success 'menu show: labels padded to one column, deliveries and average on two lines' '
	prints zh menu show XQ-F1 <<-\EOF &&
	XQ-F1  服务供给  文物讲座
	类别：        公共教育
	提供方：      上海博物馆
	每月容量：    3
	结对：        XQ-P1

	服务记录：    0
	平均满意度：  -

	EOF
	prints zdh menu show XQ-F1 <<-\EOF &&
	XQ-F1  offer  文物讲座
	category:         education
	provider:         上海博物馆
	capacity a month: 3
	pairings:         XQ-P1

	deliveries:           0
	average satisfaction: -

	EOF
	prints zh menu show XQ-N1 <<-\EOF &&
	XQ-N1  服务需求  老人学习
	类别：        公共教育
	居民区：      新桥
	结对：        XQ-P1

	EOF
	prints zdh menu show XQ-N1 <<-\EOF
	XQ-N1  need  老人学习
	category:     education
	area:         新桥
	pairings:     XQ-P1

	EOF
'

test_expect_success 'liaison and project show: labels aligned, one value a line' '
	zdh org add --kind area 延安公寓 --date 2026-11-02 >/dev/null &&
	zdh visit liaison add 王强 --dept 派出所 --areas 新桥,延安公寓 --phone 13800000000 \
		--date 2026-11-02 >/dev/null &&
	prints zh visit show XQ-L1 <<-\EOF &&
	XQ-L1  王强  派出所
	居民区：      延安公寓、新桥
	电话：        13800000000

	EOF
	zdh project add 加装电梯 --area 新桥 --kind micro --year 2026 --date 2026-11-07 >/dev/null &&
	zh project show XQ-J1 >full &&
	sed -n 2,4p full >actual &&
	cat >expect <<-\EOF &&
	居民区：      新桥
	年份：        2026
	类型：        微实事
	EOF
	test_cmp expect actual
'

test_expect_success 'decision show --json is as it was, the same in either language' '
	zdh council decision show XQ-D1 --json >json &&
	grep "\"explanation\": \"3 of 3 voting members present, quorum 2 reached; 2 for, 1 against, 0 abstaining: voting open; written consent of 1 of 2 parties\"" json &&
	zh council decision show XQ-D1 --json >zhjson &&
	test_cmp json zhjson
'

test_done
