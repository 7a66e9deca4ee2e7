#!/bin/sh
# zdh help listed the commands in a column of ten: "conflicts" (nine
# letters) left one space before its line, in every language.  The column
# is as wide as the longest name, then two spaces, as -h sets options.
test_description='zdh help: two spaces after the longest command name'
. "$(dirname "$0")/lib.sh"

# check_columns FILE: every command line has its help at one column, two
# spaces after the longest name
check_columns () {
	sed -n "s/^   \([a-z-]*\)\( *\)[^ ].*/\1\2/p" "$1" >names &&
	test "$(wc -l <names)" -gt 20 &&
	longest=$(sed "s/ *\$//" names | awk "{ if (length(\$0) > n) n = length(\$0) } END { print n }") &&
	awk -v w=$((longest + 2)) "length(\$0) != w { print \"misaligned: \" \$0; bad = 1 } END { exit bad }" names
}

test_expect_success 'zdh help: one column, two spaces after the longest name' '
	zdh help >out &&
	check_columns out &&
	grep "^   conflicts  [a-z]" out
'

test_expect_success 'zdh -h and zdh alone (stderr): the same' '
	zdh -h >h &&
	test_cmp out h &&
	test_expect_code 129 zdh 2>none &&
	test_cmp out none
'

test_expect_success 'Chinese: the same column' '
	LANGUAGE=zh_CN "$ZDH" help >zh &&
	check_columns zh &&
	grep "^   conflicts  所有" zh
'

test_done
