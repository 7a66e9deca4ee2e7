#!/bin/sh
# The report's table of the other kinds printed each operation by its
# English word under a Chinese catalogue ("add 1, charter 1" beside 理事会)
# and the amounts in fen in every language ("spend 80000" for 800.00
# yuan, where every other table prints yuan).  The operations are by their
# names, joined as lists are (、), and the amounts in yuan; --json and CSV
# keep fen and the English words.  The count after a mean satisfaction
# takes the catalogue's brackets (4（1）).
test_description='report: the other kinds.s operations by name, amounts in yuan'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a fund, a project budgeted, approved and paid' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 --date 2026-10-01 >/dev/null &&
	zdh fund set --area 新桥 --year 2026 50000 --date 2026-11-01 >/dev/null &&
	zdh project add 更换路灯 --area 新桥 --kind micro --date 2026-11-02 >/dev/null &&
	zdh project budget XQ-J1 1200.50 --item 灯具 --date 2026-11-02 &&
	zdh project approve XQ-J1 --date 2026-11-03 &&
	zdh project spend XQ-J1 800 --item 灯具 --date 2026-11-04 &&
	zdh project done XQ-J1 -m 已完成 --satisfaction 4 --date 2026-11-05
'

test_expect_success 'English: amounts in yuan' '
	zdh report monthly --month 2026-11 >out &&
	grep "^project  *1  *1  add 1, approve 1, budget 1, done 1  *approve 1200.50, budget 1200.50  4 (1)\$" out &&
	grep "^fund  *1  *1  add 1, spend 1  *spend 800.00\$" out
'

test_expect_success 'Chinese: the operations by name, as a list' '
	zh report monthly --month 2026-11 >out &&
	grep "^项目  *1  *1  新增 1、批准 1、预算 1、完成 1  *批准 1200.50、预算 1200.50  4（1）\$" out &&
	grep "^自治金  *1  *1  新增 1、支出 1  *支出 800.00\$" out &&
	zh report monthly --month 2026-11 --format md >out &&
	grep "| 自治金 | 1 | 1 | 新增 1、支出 1 | 支出 800.00 |" out
'

test_expect_success 'JSON and CSV: fen and the English words' '
	zh report monthly --month 2026-11 --json >out &&
	grep "\"amount\": 80000" out &&
	zh report monthly --month 2026-11 --format csv >out &&
	grep "^fund,spend,1,80000\$" out
'

test_done
