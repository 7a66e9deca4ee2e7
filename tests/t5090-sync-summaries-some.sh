#!/bin/sh
# A pull of thousands of issues leaves their summaries to the first report
# (core/index-write.c, SUMMARY_NOW), which makes them one by one when they
# are at most half of the replica's issues, and all of them in one pass
# when they are more (SUMMARY_SOME).  Either way the summaries, and a
# report from them, are those a reindex makes.
test_description='zdh pull of thousands of issues: their summaries equal a reindex'"'"'s'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

# same_after_reindex DIR: DIR's summaries and monthly report, then again
# after a reindex, are the same
same_after_reindex () {
	(
		cd "$1" &&
		summary_dump >../pulled &&
		zdh report monthly --month 2025-12 --json >../report.pulled &&
		zdh reindex >/dev/null &&
		summary_dump >../rebuilt &&
		zdh report monthly --month 2025-12 --json >../report.rebuilt
	) &&
	test_cmp rebuilt pulled &&
	test_cmp report.rebuilt report.pulled
}

test_expect_success SQLITE 'setup: a hub of 9,000 issues, cloned' '
	hub_cloned 9000 &&
	(cd office && summary_dump >../cloned) &&
	test_line_count = 9000 cloned
'

test_expect_success SQLITE 'a pull of 4,500 new issues and edits of old ones (under half): the summaries a reindex makes' '
	issues_csv 9001 13500 >more.csv &&
	at hub issue import ../more.csv >/dev/null &&
	at hub issue claim HB-7 --dept 房管办 --date "2025-12-29 09:00" &&
	at hub issue resolve HB-7 -m 已清 --date "2025-12-30 09:00" &&
	at hub issue void HB-11 -m 重复 --date "2025-12-30 10:00" &&
	(cd office && summary_dump >../before) &&
	at office pull -q &&
	same_after_reindex office &&
	test_line_count = 13500 pulled &&
	grep "^HB-7|" before >b7 && grep "^HB-7|" pulled >p7 && ! test_cmp b7 p7 >/dev/null &&
	grep "^HB-11|0|5|" pulled
'

test_expect_success SQLITE 'a pull of 16,000 new issues (over half): the summaries a reindex makes' '
	issues_csv 13501 29500 >most.csv &&
	at hub issue import ../most.csv >/dev/null &&
	at hub issue claim HB-9001 --dept 房管办 --date "2025-12-31 09:00" &&
	at office pull -q &&
	same_after_reindex office &&
	test_line_count = 29500 pulled
'

test_done
