#!/bin/sh
test_description='the facts the fold keeps of each event (facts, facts_<kind>): what report reads'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-report.sh"

: "${ZDH_TESTKIND:=$TEST_DIRECTORY/../build/zdh-testkind}"
test -x "$ZDH_TESTKIND" && test_set_prereq TESTKIND

# facts_dump: every row of facts, in fold order
facts_dump () {
	sqlite3 .zdh/index.db "SELECT kind, record, clock, replica, hex(id), op, happened, recorded,
		effect, f1, f2, f3, f4, f5, f6, f7, f8 FROM facts ORDER BY kind, record, clock, replica, id"
}

# facts_want: what facts_issue should hold, from the events' own columns and JSON
facts_want () {
	sqlite3 .zdh/index.db "SELECT record, clock, replica, hex(id), op, happened, recorded, effect,
		CASE WHEN json_type(data, '\$.set.area') = 'text' THEN json_extract(data, '\$.set.area') END,
		CASE WHEN json_type(data, '\$.set.category') = 'text' THEN json_extract(data, '\$.set.category') END,
		CASE WHEN json_type(data, '\$.set.source') = 'text' THEN json_extract(data, '\$.set.source') END,
		CASE WHEN json_type(data, '\$.set.dept') = 'text' THEN json_extract(data, '\$.set.dept') END,
		CAST(julianday(json_extract(data, '\$.set.due')) - 2440587.5 AS INTEGER),
		json_extract(data, '\$.satisfaction')
		FROM events WHERE kind = 'issue' AND effect IN (0, 1) ORDER BY record, clock, replica, id"
}

facts_issue () {
	sqlite3 .zdh/index.db "SELECT record, clock, replica, hex(id), op, happened, recorded, effect,
		f1, f2, f3, f4, f5, f6 FROM facts WHERE kind = 'issue'"
}

test_expect_success SQLITE 'the fold keeps one fact per issue event, as its event says, in fold order' '
	zdh init --replica xinqiao --prefix XQ office >/dev/null &&
	(
		cd office &&
		registry_two_districts >/dev/null &&
		zdh issue add 漏水 --area 新桥 --category housing --source petition --date "2025-11-03 09:00" >/dev/null &&
		zdh issue claim XQ-1 --dept 房管办 --due 2025-11-20 --date "2025-11-04 09:00" &&
		zdh issue resolve XQ-1 -m 已修 --date "2025-11-10 09:00" &&
		zdh issue close XQ-1 --satisfaction 2 --date "2025-11-12 09:00" &&
		zdh issue add 堆物 --area 延安公寓 --date "2025-10-30 09:00" >/dev/null &&
		zdh issue edit XQ-2 --area 新桥 --date "2025-11-01 09:00" &&
		facts_issue >../got && facts_want >../want &&
		sqlite3 .zdh/index.db "SELECT count(*) FROM events WHERE kind = '\''issue'\''" >../n &&
		sqlite3 .zdh/index.db "SELECT count(*) FROM facts WHERE kind = '\''org'\''" >../norg &&
		sqlite3 .zdh/index.db "SELECT count(*) FROM events WHERE kind = '\''org'\''" >../nevorg
	) &&
	test_cmp want got &&
	test_line_count = $(cat n) got &&
	grep "|claim|.*|XQ-O5|20412|$" got &&
	grep "|close|.*|2$" got &&
	test_cmp nevorg norg
'

test_expect_success SQLITE 'reindex makes the same facts' '
	(cd office && facts_dump >../before && zdh reindex >/dev/null && facts_dump >../after) &&
	test_cmp before after
'

test_expect_success SQLITE 'an index behind its log catches up to the same facts' '
	(
		cd office &&
		cp .zdh/index.db ../old.db &&
		zdh issue resolve XQ-1 -m 再修 --date "2025-11-14 09:00" &&
		zdh issue close XQ-1 --satisfaction 5 --date "2025-11-15 09:00" &&
		facts_dump >../want &&
		rm -f .zdh/index.db-wal .zdh/index.db-shm && cp ../old.db .zdh/index.db &&
		zdh issue list >/dev/null && facts_dump >../got
	) &&
	test_cmp want got &&
	grep "|XQ-1|.*|close|.*|1||||||5||$" got
'

# An office that wrote with a stale clock: its later-recorded resolve sorts
# before the first office's, so the pull folds the record again and the
# effects of its events change: the facts follow them.
test_expect_success SQLITE 'a pull that folds a record again keeps its facts in step' '
	zdh clone office aa --replica aa --prefix AA --quiet &&
	(cd office && zdh issue add 噪音 --area 新桥 --date "2025-11-05 09:00" >/dev/null &&
		zdh issue claim XQ-3 --dept 房管办 --date "2025-11-05 10:00") &&
	(cd aa && zdh pull --quiet) &&
	(cd office && zdh issue resolve XQ-3 -m 处理 --date "2025-11-12 09:00" &&
		zdh issue close XQ-3 --satisfaction 4 --date "2025-11-13 09:00") &&
	(cd aa && zdh issue void XQ-3 -m 重复 --date "2025-11-11 09:00") &&
	(cd office && zdh remote add aa ../aa && zdh pull aa --quiet &&
		facts_issue >../got4 && facts_want >../want4 && facts_dump >../before4 &&
		zdh reindex >/dev/null && facts_dump >../after4) &&
	test_cmp want4 got4 &&
	test_cmp before4 after4 &&
	grep "^XQ-3|.*|void|.*|1||||||$" got4 &&
	grep "^XQ-3|.*|resolve|.*|0||||||$" got4
'

test_expect_success SQLITE 'an index of an older schema is made again with its facts' '
	(
		cd office &&
		facts_dump >../want &&
		sqlite3 .zdh/index.db "PRAGMA user_version = 8; DROP TABLE facts" &&
		zdh issue list >/dev/null && facts_dump >../got
	) &&
	test_cmp want got
'

# The views facts_<kind> are not in the schema (every command would parse
# them); zdh puts their SELECT where a query names them, and report sql has
# them under the same names.
test_expect_success SQLITE 'every kind has its view of facts, with the facts it declares' '
	(cd office && sqlite3 .zdh/index.db "SELECT count(*) FROM sqlite_master WHERE type = '\''view'\''" >../views &&
		zdh report sql --format csv "SELECT * FROM facts_issue LIMIT 1" | head -n 1 >../cols &&
		zdh report sql "SELECT count(*) FROM facts_org" >/dev/null &&
		zdh report sql "SELECT count(*) FROM facts_meeting" >/dev/null) &&
	echo 0 >want && test_cmp want views &&
	echo "record,clock,replica,id,op,happened,recorded,effect,area,category,source,dept,due,satisfaction" >want &&
	test_cmp want cols
'

# zdh-testkind knows one kind more than zdh, whose facts hold the weight an
# event sets: whichever binary opens the index makes the facts of its kinds.
test_expect_success TESTKIND,SQLITE 'a kind new to the index gets its facts; one it does not know loses them' '
	"$ZDH_TESTKIND" init --replica tk --prefix TK tk >/dev/null &&
	(
		cd tk &&
		"$ZDH_TESTKIND" testnote add "first note" 3 >/dev/null &&
		"$ZDH_TESTKIND" testnote add "second note" >/dev/null &&
		sqlite3 .zdh/index.db "SELECT record, op, effect, f1 FROM facts WHERE kind = '\''testnote'\''" >../tk1 &&
		zdh issue list >/dev/null &&
		sqlite3 .zdh/index.db "SELECT count(*) FROM facts WHERE kind = '\''testnote'\''" >../tk2 &&
		test_expect_code 1 zdh report sql "SELECT * FROM facts_testnote" 2>/dev/null &&
		"$ZDH_TESTKIND" testnote list >/dev/null &&
		"$ZDH_TESTKIND" report sql --format csv "SELECT record, op, effect, weight FROM facts_testnote" |
			tail -n +2 | tr , "|" >../tk3
	) &&
	printf "%s\n" "TK-T1|add|1|3" "TK-T2|add|1|" >want &&
	test_cmp want tk1 &&
	echo 0 >want && test_cmp want tk2 &&
	test_cmp tk1 tk3
'

test_expect_success 'report sql reads the facts, an org by its name' '
	(cd office && zdh report sql --format csv "SELECT record, op, area, dept, due, satisfaction
		FROM facts_issue WHERE record = '\''XQ-1'\'' AND effect = 1 ORDER BY clock LIMIT 4") >got8 &&
	cat >want8 <<-\EOF &&
	record,op,area,dept,due,satisfaction
	XQ-1,add,新桥,,,
	XQ-1,claim,,房管办,20412,
	XQ-1,resolve,,,,
	XQ-1,close,,,20411,2
	EOF
	test_cmp want8 got8
'

# The calendar is core/workday.c'"'"'s, the one due dates use: a day listed as
# a holiday and as a working day is a working day (zdh-config(1)).
test_expect_success PYTHON 'working days from add to resolve count in the calendar of due dates' '
	zdh init --replica cal --prefix CA cal >/dev/null &&
	(
		cd cal &&
		registry_two_districts >/dev/null &&
		zdh config zdh.holidays 2025-11-04,2025-11-05 &&
		zdh config zdh.workdays 2025-11-05 &&
		zdh issue add 漏水 --area 新桥 --date "2025-11-03 09:00" >/dev/null &&
		zdh issue claim CA-1 --dept 房管办 --date "2025-11-03 10:00" &&
		zdh issue resolve CA-1 -m 已修 --date "2025-11-07 09:00" &&
		figures monthly --month 2025-11 >../figs
	) &&
	grep "^issues.resolve_days.median=3$" figs
'

test_done
