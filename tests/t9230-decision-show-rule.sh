#!/bin/sh
# council decision show: the "rule:" line's label is padded once, by
# display width (pad_label, as every other label), not again by a
# printf width in the message: its text begins in the column of the
# other lines' values, in English and under the Chinese catalogue, where
# a label of Chinese characters is two columns a character.
test_description='decision show: the rule line aligned with the other labels'
. "$(dirname "$0")/lib.sh"

# column LABEL FILE: the display column where LABEL's value begins
column () {
	python3 - "$1" "$2" <<-\PY
	import sys, unicodedata
	label, path = sys.argv[1], sys.argv[2]
	for line in open(path, encoding="utf-8"):
	    if line.startswith(label):
	        rest = line[len(label):]
	        value = rest.lstrip(" ")
	        w = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in label)
	        print(w + len(rest) - len(value))
	        break
	PY
}

test_expect_success 'setup: a decision' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs area 新桥 &&
	zdh council add 理事会 --area 新桥 --date 2024-01-10 >/dev/null &&
	zdh council member add XQ-C1 王阿姨 --role chair --party resident --date 2024-01-10 &&
	zdh council meeting add XQ-C1 --date 2024-02-01 --present 王阿姨 >/dev/null &&
	zdh council decide XQ-M1 --motion 修车棚 --for 王阿姨 --date 2024-02-01 >/dev/null
'

test_expect_success 'English: rule: in the column of meeting:, type: and result:' '
	zdh council decision show XQ-D1 >out &&
	grep "^rule:         the default rules (no charter adopted yet): quorum 1/2, simple majority\$" out &&
	for l in meeting: type: rule: result:
	do
		column $l out || return 1
	done >cols &&
	printf "14\n14\n14\n14\n" >expect &&
	test_cmp expect cols
'

test_expect_success 'Chinese: the same column by display width' '
	zh council decision show XQ-D1 >out &&
	grep "^规则：        默认规则（尚未通过任何章程）：法定人数 1/2，多数规则 过半数\$" out &&
	for l in 会议： 类型： 规则： 结果：
	do
		column $l out || return 1
	done >cols &&
	printf "14\n14\n14\n14\n" >expect &&
	test_cmp expect cols
'

test_done
