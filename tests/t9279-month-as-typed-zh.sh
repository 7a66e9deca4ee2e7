#!/bin/sh
# 12月4日 is that day of this year for every option that takes a day; a
# month typed the same way, --month 12月, was refused, and each listing
# refused a month in its own words naming YYYY-MM alone ("--month '12月'
# is not a month (YYYY-MM)", "'12月' is not a month (YYYY-MM)", "invalid
# month '12月' (YYYY-MM)"), though 2026年12月 and 2026/12 were taken.
# One zdh_date_month() reads every --month now: 12月 is this year's (in
# the repository's zone), and a refusal names every form.
test_description='--month 12月 is this year'\''s; a month refused names the forms'
. "$(dirname "$0")/lib.sh"

year=$(TZ=Asia/Shanghai date +%Y)

test_expect_success 'setup: a meeting, a decision, a visit, in January' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 --date "$year-01-01" >/dev/null &&
	zdh org add --kind dept 房管办 --date "$year-01-01" >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 --date "$year-01-01" >/dev/null &&
	zdh council member add XQ-C1 李明 --role chair --party resident --from "$year-01-01" --date "$year-01-01" &&
	zdh council meeting add XQ-C1 --present 李明 --date "$year-01-05" >/dev/null &&
	zdh council decide XQ-M1 --motion 装路灯 --for 李明 --date "$year-01-05" >/dev/null &&
	zdh visit liaison add 王强 --dept 房管办 --areas 新桥 --date "$year-01-01" >/dev/null &&
	zdh visit add --area 新桥 --liaison 王强 -m 走访 --date "$year-01-06" >/dev/null
'

test_expect_success 'every --month takes 1月 as this year'\''s January' '
	zdh report monthly --month 1月 >out &&
	head -n 1 out >actual &&
	echo "zdh report monthly $year-01-01 to $year-01-31 (Asia/Shanghai)" >expect &&
	test_cmp expect actual &&
	zdh report monthly --month １月 >out &&
	head -n 1 out >actual &&
	test_cmp expect actual &&
	zdh council meeting list --month 1月 --format csv >out &&
	grep "^XQ-M1,$year-01-05," out &&
	zdh council decision list --month 01月 --format csv >out &&
	grep "^XQ-D1," out &&
	zdh visit list --month 1月 --format csv >out &&
	grep "^XQ-V1," out &&
	zdh menu offer list --month 1月 >/dev/null &&
	zdh council meeting list --month 2月 --format csv >out &&
	! grep "^XQ-M1," out
'

test_expect_success 'a month that is none: one refusal naming the forms, for each' '
	for v in "report monthly" "council meeting list" "council decision list" "visit list" "menu offer list"; do
		test_expect_code 1 zdh $v --month 13月 2>err &&
		echo "zdh: --month: invalid month '\''13月'\'' (YYYY-MM, YYYY/MM, YYYY年MM月, or MM月 for this year)" >expect &&
		test_cmp expect err &&
		LANGUAGE=zh_CN test_expect_code 1 zdh $v --month 2026-13 2>err &&
		echo "zdh: --month：无效的月份 '\''2026-13'\''（YYYY-MM、YYYY/MM、YYYY年MM月，或 MM月 表示今年）" >expect &&
		test_cmp expect err || return 1
	done
'

test_done
