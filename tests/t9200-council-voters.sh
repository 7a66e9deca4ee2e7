#!/bin/sh
# zdh council charter --voters: a word that is not a council role is
# refused, naming the word and the roles accepted (in English, and with
# their Chinese names under the Chinese catalogue), exit 1 (zdh(1): bad
# input), and the repository as it was.
test_description='council charter --voters refuses an unknown role'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a council with no charter yet' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 --date 2024-01-10 >/dev/null
'

test_expect_success 'an unknown word among known ones: one line, exit 1, no change' '
	snapshot before &&
	test_expect_code 1 zdh council charter XQ-C1 --voters chair,boss,member >out 2>err &&
	test_must_be_empty out &&
	echo "zdh: unknown role '"'"'boss'"'"' (chair, deputy, member, secretary, supporting-unit, legal-advisor)" >expect &&
	test_cmp expect err &&
	check_unchanged before
'

test_expect_success 'a near miss is named with what it is near' '
	snapshot before &&
	test_expect_code 1 zdh council charter XQ-C1 --voters "chiar、member" 2>err &&
	echo "zdh: unknown role '"'"'chiar'"'"'; did you mean '"'"'chair'"'"'? (chair, deputy, member, secretary, supporting-unit, legal-advisor)" >expect &&
	test_cmp expect err &&
	check_unchanged before
'

test_expect_success 'under the Chinese catalogue: the Chinese names beside the words' '
	snapshot before &&
	test_expect_code 1 zh council charter XQ-C1 --voters 理事长，老板 2>err &&
	echo "zdh: 未知的角色 '"'"'老板'"'"'（chair/理事长, deputy/副理事长, member/理事, secretary/秘书, supporting-unit/支持单位, legal-advisor/法律顾问）" >expect &&
	test_cmp expect err &&
	check_unchanged before
'

test_expect_success 'words of blanks only, or none: refused the same way' '
	snapshot before &&
	test_expect_code 1 zdh council charter XQ-C1 --voters "chair member" 2>err &&
	grep "^zdh: unknown role '"'"'chair member'"'"' (chair, " err &&
	test_expect_code 1 zdh council charter XQ-C1 --voters ",、" 2>err &&
	echo "zdh: a charter needs the roles that vote" >expect &&
	test_cmp expect err &&
	check_unchanged before
'

test_expect_success 'the known roles are taken' '
	zdh council charter XQ-C1 --voters 理事长、member --date 2024-01-11 &&
	zdh council show XQ-C1 --json | tr -d " \n" >flat &&
	grep "\"voters\":\[\"chair\",\"member\"\]" flat
'

test_done
