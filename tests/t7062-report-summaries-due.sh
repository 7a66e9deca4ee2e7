#!/bin/sh
# A write of a few issues makes their summaries (issue_summary) itself; a
# write of more (an import, a pull, a clone, a reindex) leaves them in
# summaries_due, and the first report makes them, each once, in its own
# transaction (core/index-write.c, SUMMARY_NOW; zdh-report(1)).  Whichever
# way, the summaries and the reports are those a reindex and a report make.
test_description='summaries a write of many issues leaves for the first report'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-report.sh"

due () {
	sqlite3 .zdh/index.db "SELECT kind || ':' || record FROM summaries_due ORDER BY 1"
}
summaries () {
	sqlite3 .zdh/index.db "SELECT count(*) FROM issue_summary"
}
# report_json: the monthly report of December 2025, as JSON
report_json () {
	zdh report monthly --month 2025-12 --json
}

test_expect_success SQLITE 'a write of 16 issues makes their summaries itself' '
	zdh init --replica hub --prefix HB hub >/dev/null &&
	at hub org add --kind dept 房管办 >/dev/null &&
	issues_csv 1 16 >a.csv &&
	at hub issue import ../a.csv >/dev/null &&
	(cd hub && due >../due && summaries >../n) &&
	test_must_be_empty due &&
	echo 16 >want && test_cmp want n
'

test_expect_success SQLITE 'an import of 17 leaves theirs for the first report' '
	issues_csv 17 33 >b.csv &&
	at hub issue import ../b.csv >/dev/null &&
	(cd hub && due >../due && summaries >../n) &&
	test_line_count = 17 due &&
	grep -x "issue:HB-17" due && grep -x "issue:HB-33" due &&
	echo 16 >want && test_cmp want n &&
	(cd hub && report_json >../first && due >../due && summaries >../n &&
	 report_json >../second) &&
	test_must_be_empty due &&
	echo 33 >want && test_cmp want n &&
	test_cmp first second
'

test_expect_success SQLITE 'what the report made is what a reindex and a report make' '
	(cd hub && summary_dump >../made &&
	 zdh reindex >/dev/null && due >../due &&
	 summary_dump >../rebuilt && report_json >../again) &&
	echo "issue:" >want && test_cmp want due &&
	test_cmp rebuilt made &&
	test_cmp first again
'

test_expect_success SQLITE 'a clone leaves all of them; a small write after it does not change that' '
	zdh clone hub/.zdh office --replica office --prefix OF -q &&
	(cd office && due >../due) &&
	echo "issue:" >want && test_cmp want due &&
	at office issue add "路灯坏了" --category safety --source hotline \
		--date "2025-12-03 10:00" >/dev/null &&
	(cd office && due >../due && report_json >../office.json && due >../after &&
	 summaries >../n && summary_dump >../made && zdh reindex >/dev/null &&
	 summary_dump >../rebuilt) &&
	test_cmp want due &&
	test_must_be_empty after &&
	echo 34 >want && test_cmp want n &&
	test_cmp rebuilt made
'

test_expect_success SQLITE 'a pull of many leaves them; the first report makes them as the hub has them' '
	issues_csv 34 80 >c.csv &&
	at hub issue import ../c.csv >/dev/null &&
	at hub issue claim HB-3 --dept 房管办 --date "2025-12-20 09:00" &&
	(cd office && report_json >/dev/null) &&
	at office pull -q &&
	(cd office && due >../due) &&
	test_line_count = 48 due &&
	grep -x "issue:HB-3" due &&
	(cd office && report_json >../office.json && due >../due &&
	 summary_dump | grep "^HB-" >../office.dump &&
	 zdh reindex >/dev/null && report_json >../rebuilt.json) &&
	test_must_be_empty due &&
	(cd hub && summary_dump >../hub.dump) &&
	test_cmp hub.dump office.dump &&
	test_cmp rebuilt.json office.json
'

test_done
