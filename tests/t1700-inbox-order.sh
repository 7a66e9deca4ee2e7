#!/bin/sh
# zdh inbox reads its department's claimed and escalated issues through
# records_issue_inbox, one query per name the department has had (its id,
# a former name older events wrote), and merges them with the issues that
# mention it, by due day (none last) and then id.  The order is that of
# the single sorted query it replaces (checked against it when written):
# equal days by the number of the id, not its text (XQ-4 before XQ-10);
# the same after a reindex and after an index made without that index
# (an older zdh's), which gets it back when the issue kind is refolded.
test_description='inbox: merged in order across the names of a dept and its mentions'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

# old_event KIND RECORD OP DATA: an event as an older zdh wrote it (names, not ids)
old_event () {
	tip=$(git --git-dir=.zdh rev-parse refs/zdh/log/xq) &&
	new=$(craft .zdh "$tip" event "$@") &&
	git --git-dir=.zdh update-ref refs/zdh/log/xq "$new" "$tip"
}

test_expect_success 'setup: issues claimed by id and by a former name, mentions, escalated, resolved' '
	zdh init --replica xq --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind dept 房管办 --date 2026-10-01 >/dev/null &&
	zdh org add --kind dept 派出所 --date 2026-10-01 >/dev/null &&
	for i in 1 2 3 4 5 6 7 8 9 10; do
		zdh issue add "问题$i" --date 2026-11-01 >/dev/null || return 1
	done &&
	zdh issue claim XQ-1 --dept 房管办 --due 2026-12-20 --date 2026-11-02 &&
	zdh issue claim XQ-2 --dept 房管办 --due 2026-12-10 --date 2026-11-02 &&
	zdh issue claim XQ-3 --dept 派出所 --due 2026-12-01 --date 2026-11-02 &&
	zdh issue comment XQ-3 -m "@房管办 请协助" --date 2026-11-03 &&
	zdh issue comment XQ-5 -m "@房管办 看看" --date 2026-11-03 &&
	zdh issue claim XQ-6 --dept 房管办 --due 2026-12-20 --date 2026-11-02 &&
	zdh issue escalate XQ-6 -m 升级 --date 2026-11-04 &&
	zdh issue claim XQ-9 --dept 房管办 --due 2026-12-05 --date 2026-11-02 &&
	zdh issue resolve XQ-9 -m 好了 --date 2026-11-05 &&
	zdh issue claim XQ-10 --dept 房管办 --due 2026-12-10 --date 2026-11-02 &&
	old_event issue XQ-7 claim "{\"set\":{\"dept\":\"房管办\",\"due\":\"2026-12-15\"}}" &&
	old_event issue XQ-8 claim "{\"set\":{\"dept\":\"房管办\"}}" &&
	old_event issue XQ-4 claim "{\"set\":{\"dept\":\"房管办\",\"due\":\"2026-12-10\"}}" &&
	zdh org edit 房管办 --name 住房办 >/dev/null &&
	cat >expect <<-\EOT
	ID     STATUS     AREA  DEPT    DUE         TITLE
	XQ-3   claimed          派出所  2026-12-01  问题3
	XQ-2   claimed          住房办  2026-12-10  问题2
	XQ-4   claimed          住房办  2026-12-10  问题4
	XQ-10  claimed          住房办  2026-12-10  问题10
	XQ-7   claimed          住房办  2026-12-15  问题7
	XQ-1   claimed          住房办  2026-12-20  问题1
	XQ-6   escalated        住房办  2026-12-20  问题6
	XQ-5   open                                 问题5
	XQ-8   claimed          住房办              问题8
	EOT
'

test_expect_success 'the rows of the id, of the former name and of the mentions, merged in order' '
	zdh inbox --dept 住房办 >actual &&
	test_cmp expect actual &&
	zdh inbox --dept XQ-O1 >actual &&
	test_cmp expect actual &&
	zdh inbox --dept 房管办 >actual 2>err &&
	test_cmp expect actual &&
	grep "renamed" err
'

test_expect_success '--json: the same rows in the same order' '
	zdh inbox --dept 住房办 --json >out &&
	sed -n "s/^    \"id\": \"\(XQ-[0-9]*\)\",$/\1/p" out | tr "\n" " " >actual &&
	printf "XQ-3 XQ-2 XQ-4 XQ-10 XQ-7 XQ-1 XQ-6 XQ-5 XQ-8 " >want &&
	test_cmp want actual
'

test_expect_success 'the dept rows come from records_issue_inbox, in its order' '
	ZDH_TRACE_PLAN=1 zdh inbox --dept 住房办 >/dev/null 2>trace &&
	plan_of "FROM records_issue WHERE dept = ?1 " <trace >plan &&
	test $(grep -c . plan) = 3 &&
	test $(grep -c "COVERING INDEX records_issue_inbox" plan) = 3 &&
	! grep "TEMP B-TREE" plan
'

test_expect_success 'the same after a reindex' '
	zdh reindex >/dev/null &&
	zdh inbox --dept 住房办 >actual &&
	test_cmp expect actual
'

test_expect_success SQLITE 'an index made without records_issue_inbox gets it, and the same inbox' '
	sqlite3 .zdh/index.db "DROP INDEX records_issue_inbox;
		UPDATE kinds SET fingerprint = '\''older'\'' WHERE name = '\''issue'\''" &&
	zdh inbox --dept 住房办 >actual &&
	test_cmp expect actual &&
	sqlite3 .zdh/index.db "SELECT count(*) FROM sqlite_master WHERE name = '\''records_issue_inbox'\''" >actual &&
	echo 1 >want &&
	test_cmp want actual
'

test_expect_success 'a resolve takes an issue out; a mentioned issue claimed is listed once, by its due day' '
	zdh issue resolve XQ-2 -m 好了 &&
	zdh issue claim XQ-5 --dept 住房办 --due 2026-12-02 &&
	zdh inbox --dept 住房办 >actual &&
	sed -n "3p" actual | grep "^XQ-5 .*住房办  2026-12-02" &&
	! grep "^XQ-2 " actual &&
	test $(grep -c "^XQ-5 " actual) = 1 &&
	test $(wc -l <actual) = 9
'

test_done
