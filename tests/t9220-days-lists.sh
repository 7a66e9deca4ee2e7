#!/bin/sh
# The lists of days (zdh.holidays, zdh.workdays) have one rule, in one
# helper used both by zdh config's check and by the working-day calendar:
# items split as every list is (, ， 、), and days in an item separated
# by blanks (space, tab, U+3000).  zdh config refused "2024-03-04
# 2024-04-04" that the calendar read as two holidays; now both take it,
# and both name the item that is not a day.
test_description='zdh.holidays and zdh.workdays: one rule for config and the calendar'
. "$(dirname "$0")/lib.sh"

sp=$(printf '\343\200\200')	# U+3000, the ideographic space

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	orgs area 新桥 &&
	orgs dept 城管中队
'

test_expect_success 'zdh config takes days separated by blanks, and the due day counts them' '
	zdh config zdh.holidays "2024-03-04 2024-03-05${sp}2024-03-06、2024-03-07" &&
	zdh config zdh.holidays >out &&
	echo "2024-03-04 2024-03-05${sp}2024-03-06、2024-03-07" >expect &&
	test_cmp expect out &&
	zdh issue add 弄堂乱停车 --area 新桥 --category parking --date "2024-03-01 09:00" >id &&
	zdh issue claim $(cat id) --dept 城管中队 --date "2024-03-01 10:00" &&
	zdh issue show $(cat id) --json >json &&
	# parking: 5 working days from Friday 03-01, Monday to Thursday holidays
	grep "^  \"due\": \"2024-03-14\",\$" json
'

test_expect_success 'an item that is not a day: named, by config as by the calendar, no change' '
	snapshot before &&
	test_expect_code 1 zdh config zdh.workdays "2024-03-09 2024-13-01" 2>err &&
	echo "zdh: zdh.workdays: '"'"'2024-13-01'"'"' is not a day (YYYY-MM-DD)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh config zdh.holidays "2024-03-04|2024-03-05" 2>err &&
	echo "zdh: zdh.holidays: '"'"'2024-03-04|2024-03-05'"'"' is not a day (YYYY-MM-DD)" >expect &&
	test_cmp expect err &&
	check_unchanged before
'

test_done
