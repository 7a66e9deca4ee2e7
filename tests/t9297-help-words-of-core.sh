#!/bin/sh
# issue list's --status help was written by hand ("open, claimed, ...,
# closed or void", a msgid of its own in the catalogue), as were project
# list's --status and --kind: a word added to core's list is taken (and
# listed by the refusal) but -h would not show it.  Their -h lines now come
# from core's lists (zdh_issue_states, zdh_project_states,
# zdh_project_kinds), as --reason, --source and org --kind do (t9276):
# each lists every word its refusal lists, and the catalogue holds no
# copy of them.
test_description='-h lists the words of core for issue and project --status and --kind'
. "$(dirname "$0")/lib.sh"

SRC=$TEST_DIRECTORY/..

test_expect_success 'a repository' '
	zdh init --replica xinqiao --prefix XQ >/dev/null
'

# words_of HELP OPTION: the words the -h line of OPTION lists, one a line
words_of () {
	sed -n "s/^    $2 [A-Z]*  *//p" "$1" | sed "s/ or /, /; s/, /\\n/g"
}
# refused_words CMD...: the words the refusal of CMD lists, one a line
refused_words () {
	test_expect_code 1 zdh "$@" 2>err &&
	sed -n "s/^zdh: unknown [a-z]* .bogus. (\\(.*\\))\$/\\1/p" err | sed "s/, /\\n/g"
}

test_expect_success 'each -h line lists every word its refusal lists' '
	for v in "issue list --status" "project list --status" "project list --kind"
	do
		set -- $v &&
		zdh $1 $2 -h >help &&
		words_of help $3 >listed &&
		refused_words $1 $2 $3 bogus >expect &&
		test -s expect &&
		test_cmp expect listed || return 1
	done
'

test_expect_success 'the -h lines, in English and in Chinese' '
	zdh issue list -h >out &&
	grep "^    --status S  *open, claimed, escalated, resolved, closed or void\$" out &&
	zh issue list -h >out &&
	grep "^    --status S  *open（待认领）、claimed（已认领）、escalated（已上报）、resolved（已解决）、closed（已关闭）或 void（已作废）\$" out &&
	zh project list -h >out &&
	grep "^    --status S  *proposed（已申报）、approved（已批准）或 done（已完成）\$" out &&
	grep "^    --kind K  *self-governance（自治项目）、co-governance（共治项目）或 micro（微实事）\$" out
'

test_expect_success 'the sources hold no written-out copy of those lists' '
	! grep -rn -e "\"open, claimed, escalated, resolved, closed or void\"" \
	       -e "\"proposed, approved or done\"" \
	       -e "\"self-governance, co-governance or micro\"" "$SRC/cmd" "$SRC/core"
'

test_done
