#!/bin/sh
# What scripts read does not depend on the user's language: every list's
# --json and --format csv, and every show's --json, are byte for byte the
# same under the Chinese catalogue as in English.  menu match's "why"
# (and its csv column) and a decision's "explanation" were translated;
# now they are English there, and the tables stay translated.
test_description='--json and --format csv are the same in every language'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-lists.sh"

test_expect_success 'setup: a record on every list' '
	lists_setup >/dev/null &&
	every_list >lists &&
	grep "^menu match XQ-N1$" lists
'

test_expect_success 'every list: --json and --format csv the same under zh_CN' '
	while read l; do
		for f in --json "--format csv"; do
			zdh $l $f >en &&
			zh $l $f >cn &&
			test_cmp en cn || { echo "# zdh $l $f"; return 1; }
		done
	done <lists
'

test_expect_success 'every show --json the same under zh_CN' '
	zdh export | sed -n "s/^ *\"id\": \"\([A-Z]*-[A-Z]*[0-9]*\)\",*$/\1/p" | sort -u >ids &&
	test $(wc -l <ids) -ge 15 &&
	n=0 &&
	while read id; do
		for v in "org show" "issue show" "menu show" "visit show" "project show" \
			 "council show" "council meeting show" "council decision show" "person show"; do
			zdh $v $id --json >en 2>/dev/null || continue
			n=$((n + 1)) &&
			zh $v $id --json >cn &&
			test_cmp en cn || { echo "# zdh $v $id --json"; return 1; }
		done
	done <ids &&
	test $n -ge 15
'

test_expect_success 'the English words there; the tables translated' '
	zdh menu match XQ-N1 --json >json &&
	grep "\"category elderly\"" json &&
	grep "\"already paired (XQ-P1)\"" json &&
	zh menu match XQ-N1 >table &&
	grep "已结对（XQ-P1）" table &&
	zdh council decision show XQ-D1 --json >json &&
	grep "\"explanation\": \"1 of 1 voting member present, quorum 1/2 reached; " json &&
	zh council decision show XQ-D1 >show &&
	grep "法定人数 1/2 已达到" show
'

test_done
