#!/bin/sh
# An office writes an amount as it is written on the page: 450,000 (or
# 450，000 in full width), 1200元, ¥1200, 45万 (the fund of the source
# is "45万元").  zdh took digits and two decimals only and refused each
# of these saying just that.  They are read now, exactly, in fen; a
# separator not between groups of three (1,5: a decimal comma?) is still
# refused, and the refusal names the forms.
test_description='fund set, project budget and spend: amounts as offices type them'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: an area and a project' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 --date 2026-11-02 >/dev/null &&
	zdh project add 弄口道闸 --area 新桥 --kind micro --year 2026 --date 2026-11-03 >/dev/null
'

test_expect_success 'fund set: 45万元 is 450000.00' '
	zdh fund set --area 新桥 --year 2026 45万元 --date 2026-11-02 &&
	zdh fund show --format csv >out &&
	grep "^XQ-B1,新桥,2026,450000.00,0.00,0.00,450000.00$" out
'

test_expect_success 'budget and spend: 1,200.50元, ¥3000, ４，０００, 0.12万' '
	zdh project budget XQ-J1 1,200.50元 --item 设备 --date 2026-11-03 &&
	zdh project budget XQ-J1 ¥3000 --item 安装 --date 2026-11-03 &&
	zdh project budget XQ-J1 ４，０００ --item 维护 --date 2026-11-03 &&
	zdh project approve XQ-J1 --date 2026-11-04 &&
	zdh project spend XQ-J1 0.12万 --item 设备 --date 2026-11-05 &&
	zdh project show XQ-J1 --json >out &&
	grep "\"budget\": 820050" out &&
	grep "\"spent\": 120000" out
'

test_expect_success 'refused: 1,5, 1000,000, 12元元, 1.2345678万; the forms named' '
	for a in 1,5 1000,000 12元元 1.2345678万 ,100 万元; do
		test_expect_code 1 zdh project spend XQ-J1 "$a" --item x 2>err &&
		echo "zdh: '\''$a'\'' is not an amount in yuan (1200.50, 450,000, 1200元 or 4.5万)" >expect &&
		test_cmp expect err || return 1
	done &&
	LANGUAGE=zh_CN test_expect_code 1 zdh fund set --area 新桥 --year 2027 "45，00" 2>err &&
	echo "zdh: '\''45，00'\'' 不是以元为单位的金额（如 1200.50、450,000、1200元 或 4.5万）" >expect &&
	test_cmp expect err &&
	zdh project show XQ-J1 --json >out &&
	grep "\"spent\": 120000" out
'

test_done
