#!/bin/sh
test_description='the petitions year on year in Chinese words a reader understands'
. "$(dirname "$0")/lib.sh"

# The line under the figures said "信访：无，上年同期" ("petitions: none,
# the same period a year before"), which reads as if there were none
# this period; it means the year before had none, so there is nothing to
# compare with.  And "下降 50 %" did not say against what.  The markdown
# table's header was "数值 | 值" (value | value).

test_expect_success 'a repository with petitions this year only' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 --date 2024-01-02 >/dev/null &&
	zdh issue add 噪音 --area 新桥 --source petition --date 2026-11-03 >/dev/null
'

test_expect_success 'none the year before: nothing to compare with' '
	zh report monthly --month 2026-11 >out &&
	grep "^信访：上年同期为零，无法比较\$" out &&
	zh report monthly --month 2026-11 --format md >out &&
	grep "^| 指标 | 数值 |\$" out &&
	grep "^信访：上年同期为零，无法比较\$" out
'

test_expect_success 'down, up and unchanged against the same period a year before' '
	zdh issue add 噪音 --area 新桥 --source petition --date 2025-11-03 >/dev/null &&
	zdh issue add 油烟 --area 新桥 --source petition --date 2025-11-04 >/dev/null &&
	zh report monthly --month 2026-11 >out &&
	grep "^信访：比上年同期下降 50 %\$" out &&
	zdh issue add 积水 --area 新桥 --source petition --date 2026-11-05 >/dev/null &&
	zh report monthly --month 2026-11 >out &&
	grep "^信访：与上年同期持平\$" out &&
	zdh issue add 漏水 --area 新桥 --source petition --date 2026-11-06 >/dev/null &&
	zh report monthly --month 2026-11 >out &&
	grep "^信访：比上年同期上升 50 %\$" out
'

test_done
