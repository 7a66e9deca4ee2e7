#!/bin/sh
# Dates inside imported CSV rows are checked against the future as --date
# is (core/date.c): a row of issue import (created) or visit import (date)
# dated more than a day ahead, a year typed one too high, is refused with
# its line and nothing is written, unless --future says it is meant.
test_description='import: a row dated more than a day ahead is refused unless --future'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: an area, a department, a liaison' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 --date 2026-01-02 >/dev/null &&
	zdh org add --kind dept 房管办 --date 2026-01-02 >/dev/null &&
	zdh visit liaison add 王芳 --dept 房管办 --areas 新桥 --date 2026-01-02 >/dev/null &&
	cat >issues.csv <<-\EOF &&
	title,area,created
	路灯不亮,新桥,2026-01-05
	楼道堆物,新桥,2099-01-07
	井盖松动,新桥,2026-01-08 09:00
	垃圾满溢,新桥,2099年1月9日
	EOF
	cat >visits.csv <<-\EOF
	date,area,liaison,notes
	2026-01-08,新桥,王芳,走访三户
	2099-01-08,新桥,王芳,一户独居
	EOF
'

test_expect_success 'issue import: each row dated ahead refused with its line; nothing written' '
	snapshot before &&
	test_expect_code 1 zdh issue import issues.csv 2>err &&
	cat >expect <<-\EOF &&
	zdh: issues.csv:3: created: date '"'"'2099-01-07'"'"' is more than a day in the future (give --future if it is meant)
	zdh: issues.csv:5: created: date '"'"'2099年1月9日'"'"' is more than a day in the future (give --future if it is meant)
	zdh: 2 bad rows; nothing imported
	EOF
	test_cmp expect err &&
	check_unchanged before
'

test_expect_success 'visit import: the same, from standard input too' '
	snapshot before &&
	test_expect_code 1 zdh visit import - <visits.csv 2>err &&
	cat >expect <<-\EOF &&
	zdh: -:3: date: date '"'"'2099-01-08'"'"' is more than a day in the future (give --future if it is meant)
	zdh: 1 bad row; nothing imported
	EOF
	test_cmp expect err &&
	check_unchanged before
'

test_expect_success 'under zh_CN the refusal is in Chinese, with the line' '
	test_expect_code 1 env LANGUAGE=zh_CN "$ZDH" visit import visits.csv 2>err &&
	grep "^zdh: visits.csv:3: " err &&
	! grep "more than a day" err
'

test_expect_success '--future: the rows are meant, and imported with their dates' '
	zdh issue import issues.csv --future >out &&
	echo "imported 4 issues" >expect &&
	test_cmp expect out &&
	zdh issue show XQ-2 --json | grep "\"created\": \"2099-01-07" &&
	zdh visit import visits.csv --future >out &&
	echo "imported 2 visits" >expect &&
	test_cmp expect out
'

test_done
