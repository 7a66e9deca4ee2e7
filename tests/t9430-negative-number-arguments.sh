#!/bin/sh
# A negative number given as a value was taken for an option:
# `zdh config zdh.lock-timeout -1` said "unknown option '-1' for 'zdh
# config'" (129), never reaching the check that says what is accepted.
# An argument of '-' and a digit is an argument; no option is a digit.
test_description='a negative number is an argument, not an option'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null
'

test_expect_success 'config refuses a negative value by its check, unchanged' '
	snapshot before &&
	test_expect_code 1 zdh config zdh.lock-timeout -1 2>err &&
	echo "zdh: zdh.lock-timeout must be a whole number" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh config category.parking.response-days -3 2>err &&
	echo "zdh: category.parking.response-days must be a whole number of days from 0 to 366" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh config zdh.lock-timeout 2>err &&
	check_unchanged before
'

test_expect_success 'a negative id or count is an extra argument or not found' '
	test_expect_code 1 zdh issue show -1 2>err &&
	echo "zdh: no issue -1" >expect &&
	test_cmp expect err &&
	test_expect_code 129 zdh report yearly -5 2>err &&
	grep "too many arguments" err
'

test_expect_success 'a letter after - is still an option' '
	test_expect_code 129 zdh issue list -x 2>err &&
	grep "unknown option '\''-x'\''" err
'

test_done
