#!/bin/sh
# What the manual pages show, as the commands print it: each case here
# was a page and the tool disagreeing, settled on the side a user
# following the page would expect.
test_description='the manual pages as the tool does them'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ a >/dev/null &&
	zdh -C a org add --kind area 新桥 >/dev/null
'

test_expect_success 'log --json: the actor as stored, its keys sorted (zdh-log(1))' '
	ZDH_USER_DEPT=党建办 zdh -C a org edit 新桥 --code 1 &&
	zdh -C a log -n 1 --json >log.json &&
	sed -n "/\"actor\"/,/}/p" log.json >actual &&
	cat >expect <<-\EOT &&
	    "actor": {
	      "dept": "党建办",
	      "email": "tester@example.org",
	      "name": "测试员"
	    },
	EOT
	test_cmp expect actual
'

test_expect_success 'menu pair: --from defaults to the day of --date, as -h and zdh-menu(1) say' '
	zdh -C a org add --kind unit 博物馆 --date 2026-01-01 >/dev/null &&
	zdh -C a menu offer add 讲座 --provider 博物馆 --category education --date 2026-01-01 >/dev/null &&
	zdh -C a menu need add 学习 --area 新桥 --category education --date 2026-01-01 >/dev/null &&
	zdh -C a menu pair XQ-N1 XQ-F1 --date 2026-03-02 >/dev/null &&
	zdh -C a menu show XQ-P1 >show &&
	grep "^from: *2026-03-02$" show &&
	zdh menu pair -h >help &&
	grep -e "--from DAY .*(default: the day of --date)" help
'

test_expect_success 'every show prints its record history, as issue show does (README, zdh-menu(1))' '
	zdh -C a menu deliver XQ-P1 --people 3 --hours 2.5 --date 2026-03-09 >/dev/null &&
	zdh -C a org add --kind dept 派出所 >/dev/null &&
	zdh -C a visit liaison add 王强 --dept 派出所 --areas 新桥 >/dev/null &&
	zdh -C a visit add --area 新桥 --liaison 王强 -m 走访 >/dev/null &&
	zdh -C a project add 道闸 --area 新桥 --year 2026 >/dev/null &&
	zdh -C a project budget XQ-J1 1200.50 --item 道闸 &&
	for show in "menu show XQ-F1" "menu show XQ-N1" "menu show XQ-P1" "menu show XQ-Y1" \
		"visit show XQ-V1" "visit show 王强" "project show XQ-J1"
	do
		zdh -C a $show >out &&
		sed -n "/^history:\$/,\$p" out >history &&
		grep "  测试员  add  " history &&
		zdh -C a $show --json >json &&
		grep "^  \"history\": \[" json || return 1
	done &&
	zdh -C a menu show XQ-Y1 >out &&
	grep "add  *day=2026-03-09 minutes=150 .*people=3" out &&
	zdh -C a project show XQ-J1 >out &&
	grep "budget  *amount=1200.50 item=道闸" out
'

test_expect_success 'zdh.replica and zdh.prefix changed before the first event: the next write works (zdh-config(1))' '
	zdh init --replica xinqiao --prefix XQ b >/dev/null &&
	zdh -C b config zdh.replica huashan &&
	zdh -C b config zdh.prefix HS &&
	zdh -C b org add --kind area 华山 >actual &&
	echo HS-O1 >expect &&
	test_cmp expect actual &&
	echo huashan >expect &&
	zdh -C b config prefix.HS.owner >actual &&
	test_cmp expect actual &&
	zdh -C b config prefix.XQ.owner >actual &&
	test_cmp expect actual &&
	zdh init --replica yanan --prefix YA c >/dev/null &&
	zdh -C c config prefix.XQ.owner xinqiao &&
	test_expect_code 1 zdh -C c config zdh.prefix XQ 2>err &&
	echo "zdh: prefix XQ belongs to replica xinqiao" >expect &&
	test_cmp expect err &&
	echo YA >expect &&
	zdh -C c config zdh.prefix >actual &&
	test_cmp expect actual
'

test_expect_success 'issue list -h names every status --status takes, escalated too (zdh-issue(1))' '
	zdh issue list -h >help &&
	grep -e "^    --status S  *open, claimed, escalated, resolved, closed or void\$" help &&
	zdh -C a issue list --status escalated
'

test_expect_success 'report sql: the records view has an issue'"'"'s status, area, dept and due (zdh-repository(5), REPORT VIEWS)' '
	zdh -C a org add --kind dept 房管办 >/dev/null &&
	zdh -C a issue add 路灯不亮 --area 新桥 >/dev/null &&
	zdh -C a issue claim XQ-1 --dept 房管办 --due 2099-01-08 &&
	zdh -C a report sql --format csv \
		"SELECT kind, id, status, area, dept, due FROM records ORDER BY kind, id" >actual &&
	grep -x "issue,XQ-1,claimed,新桥,房管办,2099-01-08" actual &&
	grep -x "org,XQ-O1,,,," actual
'

test_expect_success 'zdh -h names report range, as zdh(1) does' '
	zdh -h >help &&
	grep "^   report  *monthly, yearly and range statistics, and queries of the index\$" help
'

test_expect_success 'council history: a member edit says what it set (zdh-council(1))' '
	zdh -C a council add 新桥理事会 --area 新桥 >/dev/null &&
	zdh -C a council member add XQ-C1 王理事 --role member --party resident --from 2026-01-01 &&
	zdh -C a council member edit XQ-C1 王理事 --to 2026-12-31 &&
	zdh -C a council show XQ-C1 >out &&
	grep "member-add  *member=王理事 role=member party=resident from=2026-01-01" out &&
	grep "member-edit  *member=王理事 to=2026-12-31" out
'

test_expect_success 'exit 129 for a value the options refuse, 1 for any other (zdh(1) EXIT STATUS)' '
	(
		cd a &&
		test_expect_code 129 zdh issue list --limit abc 2>/dev/null &&
		test_expect_code 129 zdh issue list --offset x 2>/dev/null &&
		test_expect_code 129 zdh log -n x 2>/dev/null &&
		test_expect_code 129 zdh issue list --format xml 2>/dev/null &&
		test_expect_code 129 zdh issue list --sort bogus 2>/dev/null &&
		test_expect_code 1 zdh issue list --status bogus 2>/dev/null &&
		test_expect_code 1 zdh issue add x --category bogus 2>/dev/null &&
		test_expect_code 1 zdh org add --kind bogus y 2>/dev/null &&
		test_expect_code 1 zdh fund set --area 新桥 --year 2026 abc 2>/dev/null &&
		test_expect_code 1 zdh issue list --since 2026-13-01 2>/dev/null
	)
'

test_done
