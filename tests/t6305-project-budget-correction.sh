#!/bin/sh
# zdh project budget: a line typed wrong (120000 for 12000) is corrected
# by a line below zero (红字更正); the budget never goes below 0.00, on
# every replica.  Before it, the amount was refused ("no minus sign") and
# nothing could take a mistyped line back out of a proposed project.
test_description='zdh project budget: a correction below zero'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: a fund and a project with a mistyped line' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs area 新桥 &&
	zdh fund set --area 新桥 --year 2026 450000 --date 2026-11-01 >/dev/null &&
	zdh project add 楼道照明 --area 新桥 --kind micro --date 2026-11-02 >/dev/null &&
	zdh project budget XQ-J1 120000 --item 灯具 --date 2026-11-02
'

test_expect_success 'a line below zero corrects it; show and list sum it' '
	zdh project budget XQ-J1 -108000 --item "灯具（更正：应为 12000）" --date 2026-11-03 >out &&
	test_must_be_empty out &&
	zdh project show XQ-J1 >show &&
	sed -n "/^budget:/,/^\$/p" show >actual &&
	cat >expect <<-\EOF &&
	budget:
	     120000.00  灯具
	    -108000.00  灯具（更正：应为 12000）
	      12000.00  total

	EOF
	test_cmp expect actual &&
	zdh project list --format csv >actual &&
	cat >expect <<-\EOF &&
	id,status,kind,area,year,budget,spent,title
	XQ-J1,proposed,micro,新桥,2026,12000.00,0.00,楼道照明
	EOF
	test_cmp expect actual
'

test_expect_success 'the minus as Chinese input methods type it' '
	zdh project budget XQ-J1 800 --item 安装 --date 2026-11-03 &&
	zdh project budget XQ-J1 －300 --item 安装（更正） --date 2026-11-03 &&
	zdh project budget XQ-J1 −100 --item 安装（再更正） --date 2026-11-03 &&
	zdh project show XQ-J1 --json >json &&
	tr -d " \n" <json >flat &&
	grep "\"budget\":1240000," flat
'

test_expect_success 'refused: below 0.00, a spend below zero, zero' '
	test_refused "project XQ-J1 has a budget of 12400.00; a correction of -12400.01 would take it below 0.00" \
		project budget XQ-J1 -12400.01 --item x &&
	snapshot zh &&
	test_expect_code 1 zh project budget XQ-J1 -20000 --item x 2>err &&
	echo "zdh: 项目 XQ-J1 的预算为 12400.00；更正 -20000.00 将使预算低于 0.00" >expect &&
	test_cmp expect err &&
	check_unchanged zh &&
	test_refused "an amount is more than 0.00" project budget XQ-J1 -0 --item x &&
	zdh project add 睦邻节 --area 新桥 --date 2026-11-02 >/dev/null &&
	zdh project budget XQ-J2 100 --item 场地 --date 2026-11-02 &&
	zdh project budget XQ-J2 -100 --item 场地（取消） --date 2026-11-02 &&
	test_refused "project XQ-J2 has a budget of 0.00: nothing to approve" project approve XQ-J2
'

test_expect_success 'approved: no more lines; a spend takes no minus' '
	zdh project approve XQ-J1 --date 2026-11-10 &&
	test_refused "project XQ-J1 is approved; '\''budget'\'' needs it proposed" \
		project budget XQ-J1 -100 --item x &&
	test_expect_code 1 zdh project spend XQ-J1 -100 --item x 2>err &&
	grep "^zdh: '\''-100'\'' is not an amount in yuan" err &&
	zdh fund show --format csv >actual &&
	grep "^XQ-B1,新桥,2026,450000.00,12400.00,0.00,450000.00\$" actual
'

test_expect_success 'the report sums the correction with the lines' '
	zdh report monthly --month 2026-11 --json >r &&
	tr -d " \n" <r >flat &&
	grep "\"budget\":{\"amount\":1240000,\"events\":7}" flat
'

test_expect_success 'two offices correcting at once below zero: the later has no effect on both' '
	zdh project add 门禁 --area 新桥 --date 2026-11-12 >/dev/null &&
	zdh project budget XQ-J3 1000 --item 门禁 --date 2026-11-12 &&
	zdh clone . ya --replica yanan --prefix YA -q &&
	zdh project budget XQ-J3 -600 --item 更正甲 --date 2026-11-13 &&
	at ya project budget XQ-J3 -600 --item 更正乙 --date 2026-11-13 &&
	zdh remote add ya ya &&
	zdh pull -q ya &&
	at ya remote add xq .. &&
	at ya pull -q xq &&
	zdh project show XQ-J3 --json >xq.json &&
	at ya project show XQ-J3 --json >ya.json &&
	test_cmp xq.json ya.json &&
	tr -d " \n" <xq.json >flat &&
	grep "\"budget\":40000," flat &&
	zdh reindex >/dev/null &&
	zdh project show XQ-J3 --json >rebuilt &&
	test_cmp xq.json rebuilt
'

test_done
