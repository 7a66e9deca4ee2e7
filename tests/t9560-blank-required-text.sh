#!/bin/sh
# A required -m (or --dept, --motion ...) given as "" is missing (exit 129,
# "needs -m TEXT"), and one of the ideographic space "　" is refused
# (t9480), but one of ASCII blanks only (-m "  ", a line end) was taken,
# where zdh(1) says text of only spaces is refused: `issue comment XQ-1
# -m "  "` wrote a comment that says nothing, `issue void -m " "` voided
# an issue without a reason.  Blanks are missing too now, as git commit
# refuses a message of blanks; nothing is written.
test_description='a required text of blanks only is missing'
. "$(dirname "$0")/lib.sh"

missing () {	# missing WHAT ARGS...: usage error naming WHAT, no change
	test_usage_refused "$@"
}

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	orgs area 新桥 && orgs dept 房管办 &&
	zdh issue add 路灯不亮 --area 新桥 >/dev/null &&
	zdh issue add 积水 --area 新桥 >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 >/dev/null
'

test_expect_success 'blanks, a line end, the ideographic space: missing' '
	missing "'\''zdh issue comment'\'' needs -m TEXT" issue comment XQ-1 -m "   " &&
	snapshot before &&
	test_expect_code 1 zdh issue comment XQ-1 -m "　" 2>err &&
	echo "zdh: --message has only spaces or invisible characters" >expect &&
	test_cmp expect err && check_unchanged before &&
	missing "'\''zdh issue void'\'' needs -m REASON" issue void XQ-2 -m "
" &&
	missing "'\''zdh issue escalate'\'' needs -m REASON" issue escalate XQ-1 -m " 	" &&
	missing "'\''zdh issue claim'\'' needs --dept" issue claim XQ-1 --dept " " &&
	missing "'\''zdh council discuss'\'' needs -m TEXT" council discuss XQ-C1 -m "  "
'

test_expect_success 'blanks on standard input: missing' '
	snapshot before &&
	echo "  " | test_expect_code 129 zdh issue comment XQ-1 -m - 2>err &&
	grep "^zdh: '\''zdh issue comment'\'' needs -m TEXT$" err &&
	check_unchanged before
'

test_expect_success 'text with blanks around it is taken' '
	zdh issue comment XQ-1 -m " 已报修 " &&
	zdh issue show XQ-1 >show &&
	grep 已报修 show
'

test_done
