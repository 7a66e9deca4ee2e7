#!/bin/sh
# zdh(1) says every list takes --no-header (its table without the header
# row, for a script that reads the rows), and the inbox is a list with
# the table of issue list; it refused the option (exit 129), so a cron
# job mailing each department its rows had to cut the header off.
test_description='inbox --no-header: the rows without the header row'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: an issue and an action waiting for 房管办' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 房管办 >/dev/null &&
	zdh issue add 楼道堆物 --area 新桥 --date 2026-11-01 >/dev/null &&
	zdh issue claim XQ-1 --dept 房管办 --due 2026-11-20 --date 2026-11-02 &&
	zdh council add 新桥理事会 --area 新桥 --date 2026-11-01 >/dev/null &&
	zdh council member add XQ-C1 张建国 --role chair --date 2026-11-01 &&
	zdh council meeting add XQ-C1 --present 张建国 --date 2026-11-03 >/dev/null &&
	zdh council decide XQ-M1 --motion 清理 --for 张建国 --close \
		--action 清理楼道 --dept 房管办 >/dev/null
'

test_expect_success 'the table without its header, the columns as the rows need' '
	zdh inbox --dept 房管办 >with &&
	zdh inbox --dept 房管办 --no-header >without &&
	test_line_count = 3 with &&
	test_line_count = 2 without &&
	grep "^XQ-1   claimed  新桥  房管办  2026-11-20  楼道堆物\$" without &&
	grep "^XQ-A1  open     新桥  房管办              清理楼道\$" without &&
	! grep "^ID " without
'

test_expect_success 'zh_CN too; --json is the same with it' '
	zh inbox --dept 房管办 --no-header >out &&
	test_line_count = 2 out &&
	! grep "状态" out &&
	zdh inbox --dept 房管办 --json >a &&
	zdh inbox --dept 房管办 --json --no-header >b &&
	test_cmp a b
'

test_expect_success '-h lists it' '
	zdh inbox -h >help &&
	grep -- "^    --no-header " help
'

test_done
