#!/bin/sh
# --excel on every list (OPT_LIST_OUTPUT sets the list's csv flag
# itself): the UTF-8 byte-order mark, then exactly what --format csv
# prints, never the table after the mark (issue list --excel printed its
# six columns of the table, translated, before).
test_description='--excel on every list: the byte-order mark and the csv'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-lists.sh"

test_expect_success 'setup: a record on every list' '
	lists_setup >/dev/null
'

test_expect_success 'the lists are found in the usage of every command' '
	every_list >lists &&
	for l in "org list" "issue list" "menu offer list" "menu need list" "menu pairings" \
		 "menu match XQ-N1" "visit list" "visit liaison list" "project list" "fund show" \
		 "council list" "council meeting list" "council decision list" "council consents" \
		 "council action list" "person list" conflicts; do
		grep -x "$l" lists || return 1
	done
'

test_expect_success 'every list: --excel is the byte-order mark, then its --format csv' '
	while read l; do
		zdh $l --format csv >csv &&
		printf "\357\273\277" >expect &&
		cat csv >>expect &&
		zdh $l --excel >excel &&
		cmp expect excel || { echo "# differs: zdh $l --excel"; return 1; }
	done <lists
'

test_expect_success 'issue list --excel: the import columns, not the table' '
	zdh issue list --excel | sed -n 1p >head &&
	printf "\357\273\277id,title,body,area,category,source,reporter,location,status,dept,assignee,due,created\n" >expect &&
	test_cmp expect head
'

test_expect_success 'under zh_CN too: --excel is the csv of the list, after the mark' '
	LANGUAGE=zh_CN zdh council consents --excel >excel &&
	printf "\357\273\277decision,council,party,status,motion\nXQ-D1,XQ-C1,property-manager,pending,装路灯\n" >expect &&
	test_cmp expect excel
'

# --json and --excel asked for two outputs; --json won, silently, where
# --json --format csv is a usage error
test_expect_success 'every list: --json with --excel is a usage error, either order' '
	while read l; do
		test_expect_code 129 zdh $l --json --excel >out 2>err &&
		test_must_be_empty out &&
		head -n 1 err >first &&
		echo "zdh: --json and --excel cannot be used together" >expect &&
		test_cmp expect first &&
		test_expect_code 129 zdh $l --excel --json 2>err || { echo "# taken: zdh $l --excel --json"; return 1; }
	done <lists &&
	test_expect_code 129 zdh report monthly --json --excel 2>err &&
	grep "^zdh: --json and --excel cannot be used together" err
'

test_done
