#!/bin/sh
# A pull of thousands of events folds them while a second thread writes
# the rows the fold makes (core/index-catchup.c, FOLD_QUEUED; so do a
# reindex and a clone), and, when no other process has the index open,
# writes straight into index.db under a rollback journal (include/index.h,
# EXPECT_DIRECT), where the WAL would have every page written twice.
# Whichever way it writes, and after a pull killed on its way, the index
# holds what a reindex makes, and that what a rebuild writing its own rows
# makes.
test_description='zdh pull of thousands of events: the index a reindex makes, however written'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

# dump: every event's effect and note, every record, every fact, in a
# stable order (not the seqs, which a reindex gives anew: nor setters,
# which name events by them)
dump () {
	sqlite3 .zdh/index.db "
		SELECT lower(hex(id)), coalesce(effect, 'null'), coalesce(note, '')
			FROM events ORDER BY clock, replica, id;
		SELECT kind, id, prefix, n, state, head, head_clock, events,
			coalesce(conflicts, ''), created, updated, p1, p2, p3, p4, p5, p6, p7, p8
			FROM records ORDER BY kind, id;
		SELECT kind, record, clock, replica, lower(hex(id)), op, happened, recorded, effect,
			f1, f2, f3, f4, f5, f6, f7, f8
			FROM facts ORDER BY kind, record, clock, replica, id"
}
# same_after_reindex DIR: DIR's index, then again after a reindex, is the same
same_after_reindex () {
	same_by_reindex dump "$1"
}

test_expect_success SQLITE 'setup: a hub of 40 issues cloned by an office; then 1,500 closed issues and edits on both sides' '
	hub_cloned 40 &&
	at office issue void HB-2 -m 重复 >/dev/null &&
	at office issue comment HB-3 -m 已登记 >/dev/null &&
	at office issue add "新报" --category safety --source hotline >/dev/null &&
	issues_csv 41 1540 | sed "s/,open,/,closed,/" >more.csv &&
	at hub issue import ../more.csv >/dev/null &&
	at hub issue claim HB-1 --dept 房管办 >/dev/null &&
	at hub issue claim HB-2 --dept 房管办 >/dev/null &&
	at hub issue resolve HB-2 -m 已修 >/dev/null &&
	at hub issue comment HB-3 -m 已派人 >/dev/null &&
	test "$(events hub/.zdh)" -gt 6000 &&
	cp -R office pristine
'

test_expect_success SQLITE 'a pull of 6,000 events: its rows on a second thread, straight into index.db; as a reindex has them' '
	ZDH_TRACE_PERFORMANCE=1 zdh -C office pull -q 2>trace &&
	grep "rows thread" trace &&
	! grep "index: checkpoint" trace &&
	! test -e office/.zdh/index.db-journal &&
	at office verify >/dev/null &&
	same_after_reindex office
'

test_expect_success SQLITE,FLOCK 'the index open in another process: the same pull goes through the WAL, with the same index' '
	rm -rf held && cp -R pristine held &&
	mkfifo release &&
	{ flock -s held/.zdh/index.use sh -c "read x <release" & } &&
	holder=$! &&
	n=0 && while flock -n -x held/.zdh/index.use true && test $n -lt 500
	do
		sleep 0.01 && n=$((n + 1))
	done &&
	ZDH_TRACE_PERFORMANCE=1 zdh -C held pull -q 2>trace &&
	echo >release && wait $holder &&
	grep "rows thread" trace &&
	grep "index: checkpoint" trace &&
	same_after_reindex held
'

# the index held by the pull (zdh-sync(1)): a command started meanwhile
# waits for it, then reads
test_expect_success 'a command started while a large pull writes the index waits for it, and succeeds' '
	rm -rf busy && cp -R pristine busy &&
	{ "$ZDH" -C busy pull -q & } &&
	pid=$! &&
	for i in 1 2 3 4 5 6 7 8
	do
		at busy issue list --limit 1 >/dev/null || return 1
	done &&
	wait $pid &&
	at busy issue list --status closed --format csv >closed.csv &&
	test_line_count = 1509 closed.csv
'

# a pull killed at a moment of its fetch, catch-up or commit: the next
# command rolls the index back (a hot journal) and catches it up
test_expect_success SQLITE 'a pull killed on its way: the next command has the index a reindex makes' '
	for ms in 10 20 30 40 50 60 80 120 200
	do
		rm -rf killed && cp -R pristine killed &&
		{ "$ZDH" -C killed pull -q 2>/dev/null & } &&
		pid=$! &&
		sleep "0.$(printf %03d $ms)" &&
		kill -9 $pid 2>/dev/null
		wait $pid 2>/dev/null
		at killed issue list --limit 1 >/dev/null &&
		! test -e killed/.zdh/index.db-journal &&
		same_after_reindex killed || return 1
	done
'

# a direct write killed after SQLite made its journal and before its
# first byte leaves an empty journal, never hot: the next command removes
# it (the kills above meet that moment only now and then)
test_expect_success SQLITE 'an empty journal a killed pull left is removed by the next command' '
	rm -rf killed && cp -R pristine killed &&
	: >killed/.zdh/index.db-journal &&
	at killed issue list --limit 1 >/dev/null &&
	! test -e killed/.zdh/index.db-journal &&
	same_after_reindex killed
'

# a rebuild of many events (reindex, clone) folds them the same way: the
# index it makes is the one a rebuild writing its rows itself makes (a
# command reading a removed index), two logs merged; also with one record
# in memory at a time, each read back while the thread may still write it
test_expect_success SQLITE 'a reindex with its rows on a second thread: the index a rebuild at once makes' '
	(
		cd office &&
		ZDH_TRACE_PERFORMANCE=1 zdh reindex 2>../trace >/dev/null &&
		dump >../threaded &&
		rm -f .zdh/index.db &&
		zdh issue list --limit 1 >/dev/null &&
		dump >../at_once
	) &&
	grep "rows thread" trace &&
	test_cmp at_once threaded &&
	(
		cd office &&
		ZDH_TEST_RECORD_CACHE=1 && export ZDH_TEST_RECORD_CACHE &&
		zdh reindex >/dev/null &&
		dump >../cache_of_one
	) &&
	test_cmp at_once cache_of_one &&
	rm -rf cloned && ZDH_TRACE_PERFORMANCE=1 zdh clone office/.zdh cloned --replica cl --prefix CL -q 2>trace &&
	grep "rows thread" trace &&
	(cd cloned && dump >../by_clone && rm -f .zdh/index.db && zdh issue list --limit 1 >/dev/null && dump >../at_once) &&
	test_cmp at_once by_clone
'

# a rebuild's fold reads its events from the file its walk kept them in
# (core/index-spill.c), not back from their rows: the same index to the
# byte of every row, seqs too, with the rows thread and without, the two
# logs merged
test_expect_success SQLITE 'a rebuild folds the events its walk kept: the index their rows make' '
	(
		cd office &&
		ZDH_TRACE_PERFORMANCE=1 zdh reindex 2>../trace >/dev/null &&
		sqlite3 .zdh/index.db .dump >../spilled &&
		ZDH_TEST_NO_SPILL=1 ZDH_TRACE_PERFORMANCE=1 zdh reindex 2>../trace_rows >/dev/null &&
		sqlite3 .zdh/index.db .dump >../from_rows &&
		rm -f .zdh/index.db &&
		ZDH_TRACE_PERFORMANCE=1 zdh issue list --limit 1 2>../trace_at_once >/dev/null &&
		sqlite3 .zdh/index.db .dump >../spilled_at_once &&
		rm -f .zdh/index.db &&
		ZDH_TEST_NO_SPILL=1 zdh issue list --limit 1 >/dev/null &&
		sqlite3 .zdh/index.db .dump >../from_rows_at_once
	) &&
	grep "rows thread" trace &&
	grep "events folded [0-9]*, read from the spill" trace &&
	grep "events folded [0-9]*, read from their rows" trace_rows &&
	grep "read from the spill" trace_at_once &&
	test $(grep -c "INSERT INTO events" spilled) -gt 6000 &&
	test_cmp from_rows spilled &&
	test_cmp from_rows_at_once spilled_at_once
'

# a rebuild stores each record at its last event (core/index-fold.c,
# ix_fold_expect), not when the cache needs the room: with room for one
# record only, every record is stored at its last event once, and only
# those whose events lie apart (a hub's issue the office claimed later)
# are stored before it and read back
test_expect_success SQLITE 'a rebuild stores each record at its last event' '
	(
		cd office &&
		ZDH_TEST_RECORD_CACHE=1 ZDH_TRACE_PERFORMANCE=1 zdh reindex 2>../trace >/dev/null &&
		sqlite3 .zdh/index.db "SELECT count(DISTINCT kind || \" \" || record) FROM events
			WHERE effect IS NOT 2" >../records
	) &&
	grep "records stored at their last event $(cat records)," trace &&
	grep "at the end 0; read back" trace &&
	test $(sed -n "s/.*read back //p" trace) -gt 0
'

# a rebuild into a new file gives the rows thread the events from the
# first: a log that cannot be read after thousands of rows were queued
# fails the reindex, leaves the index it would have replaced, and stops
# that thread (under the sanitizers too: nothing of it left running)
test_expect_success SQLITE 'a reindex whose later log cannot be read: the old index stays' '
	(
		cd office &&
		dump >../before &&
		tree=$(git --git-dir=.zdh rev-parse "refs/zdh/log/hub^{tree}") &&
		bad=$(printf "tree %s\nparent %s\nauthor a <a@b> 1700000000 +0800\ncommitter a <a@b> 1700000000 +0800\n\nx\n" \
			"$tree" 1234567890123456789012345678901234567890 |
			git --git-dir=.zdh hash-object -t commit --literally -w --stdin) &&
		git --git-dir=.zdh update-ref refs/zdh/log/zz-broken "$bad" &&
		ZDH_TRACE_PERFORMANCE=1 && export ZDH_TRACE_PERFORMANCE &&
		test_expect_code 128 zdh reindex 2>../err >/dev/null &&
		git --git-dir=.zdh update-ref -d refs/zdh/log/zz-broken &&
		dump >../after
	) &&
	grep "missing or damaged object 123456789012" err &&
	grep "rows thread" err &&
	test_cmp before after &&
	(cd office && zdh reindex >/dev/null && dump >../again) &&
	test_cmp before again
'

# a reindex of an index with no events to count (removed by hand, or of
# an older schema, emptied when opened) expects as many as its packs hold:
# with the rows thread, not on one thread because it expected none
test_expect_success SQLITE 'a reindex of an index removed by hand, or of an older schema: with the rows thread, the same' '
	(
		cd office &&
		dump >../before &&
		rm -f .zdh/index.db .zdh/index.db-wal .zdh/index.db-shm &&
		ZDH_TRACE_PERFORMANCE=1 zdh reindex 2>../trace1 >/dev/null &&
		dump >../after1 &&
		sqlite3 .zdh/index.db "PRAGMA user_version = 1" &&
		ZDH_TRACE_PERFORMANCE=1 zdh reindex 2>../trace2 >/dev/null &&
		dump >../after2
	) &&
	grep "rows thread" trace1 &&
	grep "rows thread" trace2 &&
	test_cmp before after1 &&
	test_cmp before after2
'

test_done
