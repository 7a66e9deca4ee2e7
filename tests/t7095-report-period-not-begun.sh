#!/bin/sh
# report monthly --month for a month that has not begun (a year typed one
# too high, a cron job on a machine whose clock is wrong) printed a whole
# report, exit 0, without a word: zero opened, and open and overdue at
# its end counted from the records as they stand now, which pass for what
# happened.  It still prints them (zdh-report(1): a period is a period),
# and says on standard error, one line, that the period has not begun.
test_description='report: a period not yet begun is said'
. "$(dirname "$0")/lib.sh"

# (two years on: on 31 December after 16:00 UTC next year has begun in Shanghai)
next=$(( $(date -u +%Y) + 2 ))

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 --date 2025-01-01 >/dev/null &&
	zdh issue add 楼道堆物 --area 新桥 --date 2025-12-03 >/dev/null
'

test_expect_success 'a month two years on: its report, exit 0, and one line said' '
	zdh report monthly --month $next-01 --json >out.json 2>err &&
	grep "\"open_at_end\": 1" out.json &&
	echo "zdh: warning: $next-01-01 to $next-01-31 has not begun: its figures at the end are the records as they stand now" >expect &&
	test_cmp expect err
'

test_expect_success 'with -o FILE too (a cron job hears of it), in Chinese' '
	LANGUAGE=zh_CN zdh report yearly --year $next -o y.txt 2>err &&
	test -s y.txt &&
	echo "zdh: 警告：$next-01-01 至 $next-12-31 尚未开始：其期末数字为记录目前的状况" >expect &&
	test_cmp expect err
'

test_expect_success 'a range two years on' '
	zdh report range --since $next-03-01 --until $next-03-31 --format csv >out.csv 2>err &&
	grep "has not begun" err
'

test_expect_success 'a past month, this month, this year: nothing said' '
	zdh report monthly --month 2025-12 >/dev/null 2>err &&
	test_must_be_empty err &&
	zdh report monthly --month "$(date -u +%Y-%m)" >/dev/null 2>err &&
	test_must_be_empty err &&
	zdh report yearly --year "$(date -u +%Y)" >/dev/null 2>err &&
	test_must_be_empty err &&
	zdh report monthly >/dev/null 2>err &&
	test_must_be_empty err
'

test_done
