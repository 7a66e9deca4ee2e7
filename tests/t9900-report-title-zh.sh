#!/bin/sh
# A report's title and scope under a Chinese catalogue kept zdh's English
# words: "zdh report monthly 2026-11-01 至 2026-11-30", "范围： area 新桥
# dept 房管办", and --as-of's cut read "事件记录者：" (the recorder of the
# events) for "events recorded by" a time.  The period and the scope's
# kinds are by their names now; English unchanged.
test_description='report: the title and scope in Chinese'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind district 一片区 --date 2026-10-01 >/dev/null &&
	zdh org add --kind area 新桥 --district 一片区 --date 2026-10-01 >/dev/null &&
	zdh org add --kind dept 房管办 --date 2026-10-01 >/dev/null &&
	zdh issue add 漏水 --area 新桥 --date 2026-11-03 >/dev/null
'

test_expect_success 'Chinese: the period and the scope by their names' '
	zh report monthly --month 2026-11 --area 新桥 --dept 房管办 --as-of 2026-12-01 >out &&
	head -n 2 out >actual &&
	cat >expect <<-\EOT &&
	月度报告 2026-11-01 至 2026-11-30（Asia/Shanghai）
	范围： 居民区 新桥 部门 房管办；截至 2026-12-01T23:59:59+08:00 记录的事件
	EOT
	test_cmp expect actual &&
	zh report yearly --year 2026 --district 一片区 >out &&
	grep "^年度报告 2026-01-01 至 2026-12-31（Asia/Shanghai）\$" out &&
	grep "^范围： 片区 一片区\$" out &&
	zh report range --since 2026-11-01 --until 2026-11-15 --format md >out &&
	grep "^# 区间报告 2026-11-01 至 2026-11-15（Asia/Shanghai）\$" out &&
	zh report monthly --month 2026-11 --format html >out &&
	grep "<title>月度报告 2026-11-01 至 2026-11-30（Asia/Shanghai）</title>" out &&
	! grep -E "zdh report|monthly|area 新桥" out
'

test_expect_success 'English: as before' '
	zdh report monthly --month 2026-11 --area 新桥 --dept 房管办 --as-of 2026-12-01 >out &&
	head -n 2 out >actual &&
	cat >expect <<-\EOT &&
	zdh report monthly 2026-11-01 to 2026-11-30 (Asia/Shanghai)
	scope: area 新桥 dept 房管办; events recorded by 2026-12-01T23:59:59+08:00
	EOT
	test_cmp expect actual
'

test_done
