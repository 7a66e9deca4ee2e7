#!/bin/sh
# A charter's majority takes 三分之二 (two-thirds) by its Chinese name,
# and its quorum is said the same way in a council's rules: "三分之二的
# 理事出席".  --quorum 三分之二 was refused, and so was ２/３ typed with
# a Chinese input method (full-width digits were read for every number
# option but this one), the refusal naming 2/3 alone.  A quorum is read
# now as it is said (一 to 十, 两: 三分之二 is 2/3) and in full width,
# and a refusal names both forms.
test_description='council charter --quorum 三分之二, ２/３'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: three councils' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	for c in 甲 乙 丙; do
		zdh council add "${c}理事会" --area 新桥 >/dev/null || return 1
	done
'

test_expect_success '三分之二 is 2/3, ２/３ is 2/3, 两分之一 1/2' '
	zdh council charter 甲理事会 --quorum 三分之二 &&
	zdh council charter 乙理事会 --quorum ２/３ &&
	zdh council charter 丙理事会 --quorum 两分之一 &&
	for c in XQ-C1 XQ-C2; do
		zdh council show $c --json >out &&
		grep "\"quorum\": \"2/3\"" out || return 1
	done &&
	zdh council show XQ-C3 --json >out &&
	grep "\"quorum\": \"1/2\"" out
'

test_expect_success 'a quorum said otherwise: refused naming both forms, nothing written' '
	zdh council add 丁理事会 --area 新桥 >/dev/null &&
	test_refused "quorum '\''过半数'\'' is neither a fraction of the voting members (2/3, 三分之二) nor a count (5)" council charter 丁理事会 --quorum 过半数 &&
	LANGUAGE=zh_CN test_refused "法定人数 '\''三分之十一'\'' 既不是有表决权成员的比例（2/3、三分之二），也不是人数（5）" council charter 丁理事会 --quorum 三分之十一
'

test_done
