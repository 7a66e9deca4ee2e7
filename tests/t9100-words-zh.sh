#!/bin/sh
# The enumerations of councils, the menu and the inbox under a Chinese
# catalogue: every table and show prints them by their Chinese names
# (core/words.c); --json and CSV keep the English words; the Chinese
# names are accepted where an option takes them.
test_description='council, menu and inbox words in Chinese'
. "$(dirname "$0")/lib.sh"

test_expect_success 'set-up: a council, a meeting, a decision awaiting consent' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 --date 2026-11-02 >/dev/null &&
	zdh org add --kind dept 房管办 --date 2026-11-02 >/dev/null &&
	zdh issue add --area 新桥 --date 2026-11-02 路灯不亮 >/dev/null &&
	zh council add 新桥理事会 --area 新桥 --date 2026-11-02 >/dev/null &&
	zh council member add XQ-C1 张 --role 理事长 --party 居民 --date 2026-11-02 &&
	zh council member add XQ-C1 李 --role 理事 --party 商户 --date 2026-11-02 &&
	zh council member add XQ-C1 王 --role 理事 --party 居民 --date 2026-11-02 &&
	zh council meeting add XQ-C1 --kind 协商 --agenda XQ-1 --present 张,李 --excused 王 \
		--date "2026-11-03 19:00" >/dev/null &&
	zh council decide XQ-M1 --type 一般事项 --motion 修路灯 --issue XQ-1 --for 张,李 --close \
		--party 业主甲 --action 修灯 --dept 房管办 --due 2026-11-20 --date "2026-11-03 20:00" >/dev/null &&
	zh council discuss XQ-C1 -m "请 @房管办 答复" --date 2026-11-04
'

test_expect_success 'the Chinese names typed were stored as the English words' '
	zdh council decision show XQ-D1 --json >json &&
	grep "\"type\": \"general\"" json &&
	zdh council meeting list --format csv >csv &&
	grep ",consultation," csv
'

test_expect_success 'council list and show: statuses, roles, parties, rules in Chinese' '
	cat >expect <<-\EOF_ &&
	ID     名称        居民区  成员  状态
	XQ-C1  新桥理事会  新桥    3     运作中
	EOF_
	zh council list >actual &&
	test_cmp expect actual &&
	zh council show XQ-C1 >show &&
	head -n 1 show >actual &&
	echo "XQ-C1  运作中  新桥理事会" >expect &&
	test_cmp expect actual &&
	grep "^决议：        1（待书面确认 1）\$" show &&
	grep "^张    理事长  居民 " show &&
	grep "^李    理事    商户 " show &&
	grep "^  表决人：      理事长、副理事长、理事\$" show &&
	grep "^  多数规则：    章程修改 三分之二、一般事项 过半数\$" show &&
	sed "/^历史：/q" show >before-history &&
	! grep "active\|chair\|resident\|simple" before-history
'

test_expect_success 'meeting list and show: kind, attendance, statuses in Chinese' '
	zh council meeting list >actual &&
	cat >expect <<-\EOF_ &&
	ID     日期        理事会  居民区  类型  出席  议程
	XQ-M1  2026-11-03  XQ-C1   新桥    协商  2     XQ-1
	EOF_
	test_cmp expect actual &&
	zh council meeting show XQ-M1 | sed -n "1,9p" >actual &&
	cat >expect <<-\EOF_ &&
	XQ-M1  2026-11-03  协商  XQ-C1

	居民区：      新桥
	出席情况：    张  出席
	              李  出席
	              王  请假
	议程：        XQ-1  待认领  路灯不亮
	决议：        XQ-D1  待书面确认  修路灯

	EOF_
	test_cmp expect actual
'

test_expect_success 'decision list and show: Chinese words, labels aligned by display width' '
	zh council decision list >actual &&
	cat >expect <<-\EOF_ &&
	ID     日期        会议   状态        类型      动议
	XQ-D1  2026-11-03  XQ-M1  待书面确认  一般事项  修路灯
	EOF_
	test_cmp expect actual &&
	zh council decision show XQ-D1 | sed -n "1,12p" >actual &&
	cat >expect <<-\EOF_ &&
	XQ-D1  待书面确认  修路灯

	会议：        XQ-M1  2026-11-03  XQ-C1
	类型：        一般事项
	问题：        XQ-1
	规则：        默认规则（尚未通过任何章程）：法定人数 1/2，多数规则 过半数
	结果：        3 名有表决权的成员中 2 名出席，法定人数 1/2 已达到；赞成 2，反对 0，弃权 0：以过半数通过；1 方中 0 方书面确认：待书面确认
	表决：        张  赞成
	              李  赞成
	              王  （未出席）
	书面确认：    业主甲  待确认
	行动：        XQ-A1  待办  房管办  修灯  截止 2026-11-20
	EOF_
	test_cmp expect actual
'

test_expect_success 'consents, actions and the inbox: statuses in Chinese' '
	zh council consents >actual &&
	cat >expect <<-\EOF_ &&
	决议   理事会  当事方  状态    动议
	XQ-D1  XQ-C1   业主甲  待确认  修路灯
	EOF_
	test_cmp expect actual &&
	zh council action list >actual &&
	cat >expect <<-\EOF_ &&
	ID     截止        状态  部门    决议   行动
	XQ-A1  2026-11-20  待办  房管办  XQ-D1  修灯
	EOF_
	test_cmp expect actual &&
	zh inbox --dept 房管办 >actual &&
	cat >expect <<-\EOF_ &&
	ID     状态    居民区  部门    截止        标题
	XQ-A1  待办    新桥    房管办  2026-11-20  修灯
	XQ-C1  被提及  新桥    房管办              新桥理事会：请 @房管办 答复
	EOF_
	test_cmp expect actual
'

test_expect_success 'CSV and JSON keep the English words under zh_CN' '
	zh council list --format csv | tail -n 1 | grep ",active," &&
	zh council decision list --format csv | tail -n 1 | grep ",general,pending-consent," &&
	zh council action list --format csv | tail -n 1 | grep ",open," &&
	zh council consents --json | grep "\"status\": \"pending\"" &&
	zh inbox --dept 房管办 --json >json &&
	grep "\"status\": \"mentioned\"" json &&
	grep "\"status\": \"open\"" json &&
	zh council meeting list --format csv | tail -n 1 | grep ",consultation,"
'

test_expect_success 'English output is unchanged' '
	zdh council decision show XQ-D1 | sed -n "1,4p;7,8p" >actual &&
	cat >expect <<-\EOF_ &&
	XQ-D1  pending-consent  修路灯

	meeting:      XQ-M1  2026-11-03  XQ-C1
	type:         general
	result:       2 of 3 voting members present, quorum 1/2 reached; 2 for, 0 against, 0 abstaining: carried by simple majority; written consent of 0 of 1 party: pending consent
	votes:        张  for
	EOF_
	test_cmp expect actual &&
	zdh inbox --dept 房管办 | cut -c1-16 >actual &&
	cat >expect <<-\EOF_ &&
	ID     STATUS   
	XQ-A1  open     
	XQ-C1  mentioned
	EOF_
	test_cmp expect actual
'

test_expect_success 'a decision list filter takes a status by its Chinese name' '
	zh council decision list --status 待书面确认 --format csv | cut -d, -f1 >actual &&
	printf "id\nXQ-D1\n" >expect &&
	test_cmp expect actual &&
	test_expect_code 1 zh council decision list --status 通过 2>err &&
	grep "（open/待表决, no-quorum/未达法定人数, rejected/未通过, " err &&
	test_expect_code 1 zdh council decision list --status adoptd 2>err &&
	grep "did you mean .adopted.? (open, no-quorum, rejected, pending-consent, adopted, blocked)" err
'

test_expect_success 'a charter takes roles, types and rules by their Chinese names' '
	zdh council charter XQ-C1 --voters 理事长,理事 --consent 章程修改 \
		--majority 一般事项=三分之二 --date 2026-11-05 &&
	zdh council show XQ-C1 --json >json &&
	sed -n "/\"charters\"/,\$p" json | tr -d " \n" >flat &&
	grep "\"consent\":\[\"charter\"\]" flat &&
	grep "\"general\":\"two-thirds\"" flat &&
	grep "\"voters\":\[\"chair\",\"member\"\]" flat &&
	! grep "一般事项\|理事长" json &&
	zh council show XQ-C1 >show &&
	grep "^  书面确认事项： 章程修改\$" show &&
	grep "^  表决人：       理事长、理事\$" show
'

test_expect_success 'menu: a pairing and its status, record kinds in Chinese' '
	zdh org add --kind unit 博物馆 >/dev/null &&
	zdh menu offer add 文化活动 --provider 博物馆 --category education --capacity 5 >/dev/null &&
	zdh menu need add 陪伴 --area 新桥 --category elderly --people 2 >/dev/null &&
	zdh menu pair XQ-N1 XQ-F1 >/dev/null &&
	zh menu pairings | sed -n 2p >line &&
	grep "  进行中\$" line &&
	zh menu show XQ-P1 >show &&
	head -n 1 show | grep "^XQ-P1  结对" &&
	grep "^状态：        进行中\$" show &&
	zh menu show XQ-F1 | head -n 1 | grep "^XQ-F1  服务供给  文化活动" &&
	zh menu pairings --format csv | tail -n 1 | grep ",active\$" &&
	zdh menu show XQ-P1 | head -n 1 | grep "^XQ-P1  pairing"
'

test_expect_success 'menu categories: taken by their labels, printed by them under zh_CN' '
	zdh menu need add 助学 --area 新桥 --category 助学 >id &&
	zdh menu show "$(cat id)" --json | grep "\"category\": \"students\"" &&
	zh menu need list --category 助学 >actual &&
	cat >expect <<-EOF_ &&
	ID     类别  居民区  人数  问题  标题
	$(cat id)  助学  新桥                助学
	EOF_
	test_cmp expect actual &&
	zh menu offer list | sed -n 2p | grep "^XQ-F1  公共教育  博物馆" &&
	zh menu show XQ-N1 >full &&
	grep "^类别：        助老\$" full &&
	zh menu match XQ-N1 | grep "其他类别（公共教育，需要 助老）" &&
	zdh menu match XQ-N1 | grep "other category (education, wanted elderly)" &&
	zh menu need list --format csv | grep ",students," &&
	zdh menu need list --category students | sed -n 2p | grep "  students  " &&
	zdh config menu-category.culture.title 文化体验 &&
	zdh menu offer add 讲座 --provider 博物馆 --category 文化体验 >id &&
	zh menu offer list --category culture | sed -n 2p | grep "^$(cat id)  文化体验  博物馆"
'

test_expect_success 'a menu category titled as an issue category is named by its title' '
	zdh config menu-category.safety-drill.title 安全 &&
	zdh menu offer add 消防演练 --provider 博物馆 --category 安全 >id &&
	zdh menu show "$(cat id)" --json | grep "\"category\": \"safety-drill\"" &&
	zdh menu offer list --category 安全 --format csv | grep "^$(cat id)," &&
	zh issue list --category 安全 --format csv >/dev/null
'

test_expect_success 'a typo of a Chinese name is answered with the name; two as near, with none' '
	test_expect_code 1 zh issue list --status 已认 2>err &&
	grep "您是指 '\''已认领'\'' 吗" err &&
	test_expect_code 1 zh council decision list --status 通过 2>err &&
	! grep "您是指" err &&
	grep "adopted/已通过" err &&
	test_expect_code 1 zdh issue list --status clamed 2>err &&
	grep "did you mean '\''claimed'\''?" err
'

test_done
