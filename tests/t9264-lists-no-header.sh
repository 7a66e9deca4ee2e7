#!/bin/sh
# --no-header leaves out a table's header row.  Only zdh conflicts took
# it; the other lists refused it as an unknown option (exit 129), so a
# cron job counting the rows of, say, issue list --overdue had to cut the
# header itself.  OPT_LIST_OUTPUT gives it to every list now.
test_description='--no-header on every list: the table without its header row, the CSV as it was'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-lists.sh"

test_expect_success 'setup: a record on every list' '
	lists_setup >/dev/null &&
	every_list >lists &&
	test_line_count -ge 17 lists
'

# the rows of a table, its columns as wide as the rows need: without the
# header a column may be narrower, so runs of blanks count as one
rows () {
	sed -e "s/^ *//" -e "s/  */ /g" "$@"
}

test_expect_success 'every list: --no-header is the table after its header row' '
	while read l; do
		zdh $l >table &&
		tail -n +2 table | rows >expect &&
		zdh $l --no-header >out &&
		rows out >actual &&
		test_cmp expect actual || { echo "# differs: zdh $l --no-header"; return 1; }
	done <lists &&
	zdh issue list --no-header >out &&
	grep "^XQ-1 " out
'

test_expect_success 'in Chinese too; the CSV keeps its header, which import reads' '
	LANGUAGE=zh_CN zdh issue list >table &&
	tail -n +2 table | rows >expect &&
	LANGUAGE=zh_CN zdh issue list --no-header >out &&
	rows out >actual &&
	test_cmp expect actual &&
	zdh org list --format csv >expect &&
	zdh org list --format csv --no-header >actual &&
	test_cmp expect actual
'

test_expect_success 'every list: -h lists it' '
	while read l; do
		zdh $l -h >help &&
		grep "^    --no-header  *leave out the header row of the table\$" help ||
		{ echo "# not in zdh $l -h"; return 1; }
	done <lists
'

test_done
