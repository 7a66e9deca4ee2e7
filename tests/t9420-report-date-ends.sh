#!/bin/sh
# The months and years a report accepts at both ends of the dates zdh
# keeps (1970–9999) failed with a date the user never typed:
# `report monthly --month 9999-12` said "invalid date '0000-01-01'" (the
# day after the period wrapped), `--month 1970-05` said "date '1969-05-01'
# ..." (a year before, for the petitions' comparison), and in Shanghai
# `--month 1970-01` that its first midnight is before 1970 UTC.
test_description='report: periods at 1970 and 9999 are reported'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ --timezone Asia/Shanghai >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh issue add 路灯不亮 --area 新桥 --date 1970-01-02 >/dev/null &&
	zdh issue add 积水 --area 新桥 --date 9999-12-30 --future >/dev/null
'

test_expect_success 'the last month, the last year, a range to 9999-12-31' '
	zdh report monthly --month 9999-12 --json >m.json &&
	grep "\"opened\": 1" m.json &&
	zdh report yearly --year 9999 >y.txt &&
	zdh report range --since 2026-12-01 --until 9999-12-31 --format csv >r.csv
'

test_expect_success 'the first month and year, east of UTC' '
	zdh report monthly --month 1970-01 --json >m1.json &&
	grep "\"opened\": 1" m1.json &&
	zdh report monthly --month 1970-05 >m5.txt &&
	zdh report yearly --year 1970 >y1.txt &&
	zdh report yearly --year 1971 >y2.txt
'

test_done
