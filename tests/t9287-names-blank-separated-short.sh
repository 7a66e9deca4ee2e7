#!/bin/sh
# Members typed as "李明 张伟" (a blank between them, which a list does
# not split at) are refused saying how names are separated (zdh(1),
# LISTS).  With one-character names the nearest-name suggestion came
# first: "王 李" was answered "did you mean '李'?", as if one name had
# been mistyped.  When every blank-separated part is a member, the
# refusal says how to separate them; nothing is written.
test_description='council: members apart by a blank, whatever their length'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: members of one character' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh council add 理事会 --area 新桥 --date 2026-11-01 >/dev/null &&
	for m in 王 李 张; do
		zdh council member add 理事会 $m --role member --date 2026-11-01 || return 1
	done &&
	zdh log >before
'

test_expect_success 'meeting add --present "王 李": how names are separated' '
	test_expect_code 1 zdh council meeting add 理事会 --present "王 李" --date 2026-11-05 2>err &&
	echo "zdh: 王 李 is not a member of XQ-C1; names are separated by 、 or ，, not blanks (李明、张伟)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zh council meeting add 理事会 --present "王　李　张" --date 2026-11-05 2>err &&
	grep "不是 XQ-C1 的成员" err && grep "、" err && ! grep "您是指" err
'

test_expect_success 'decide --for too; a mistyped single name keeps its suggestion' '
	zdh council meeting add 理事会 --present 王,李 --date 2026-11-05 >/dev/null &&
	test_expect_code 1 zdh council decide XQ-M1 --motion 修路 --for "王 李" 2>err &&
	grep "names are separated by" err &&
	test_expect_code 1 zdh council decide XQ-M1 --motion 修路 --for "王 赵" 2>err &&
	grep "did you mean" err
'

test_expect_success 'nothing was written by the refusals' '
	zdh log >after &&
	test $(($(wc -l <before) + 1)) = $(wc -l <after)
'

test_done
