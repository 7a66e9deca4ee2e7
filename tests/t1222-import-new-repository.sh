#!/bin/sh
# The first import into a repository whose index holds no event makes
# events_fold at its end, sorted, not row by row (core/index.c,
# ix_defer_fold_index): its index is still the one a rebuild makes, and
# an import that fails or is killed leaves the index as it was,
# events_fold in it.
test_description='the first import of a new repository: events_fold made at its end'
. "$(dirname "$0")/lib.sh"

# indexes DIR: the indexes on events and issue_summary of DIR's index.db
# and their SQL (a rebuild makes none on records for a kind without records).
indexes () {
	sqlite3 "$1/.zdh/index.db" "SELECT name, sql FROM sqlite_master WHERE type = 'index'
		AND tbl_name IN ('events', 'issue_summary') ORDER BY name"
}

# state: what the index says of a repository (the listing and every event).
state () {
	zdh issue list --format csv --limit 100000 &&
	zdh log --json -n 100000
}

# issues FILE N: N open issues.
issues () {
	awk -v n="$2" 'BEGIN { print "title,category,source"; for (i = 1; i <= n; i++) printf "第%d件,parking,visit\n", i }' >"$1"
}

test_expect_success 'setup' '
	issues many.csv 3000
'

test_expect_success 'the first import: the indexes and rows a rebuild makes' '
	zdh init --replica first --prefix FI first >/dev/null 2>&1 &&
	zdh -C first issue import ../many.csv >out &&
	echo "imported 3000 issues" >expect &&
	test_cmp expect out &&
	indexes first >before.indexes &&
	grep "^events_fold|CREATE INDEX events_fold ON events(" before.indexes &&
	grep "^events_id|CREATE UNIQUE INDEX events_id ON events(" before.indexes &&
	(cd first && state >../before.state) &&
	grep "^FI-3000,第3000件," before.state &&
	zdh -C first issue show FI-1234 >show &&
	grep "第1234件" show &&
	zdh -C first reindex >/dev/null &&
	indexes first >after.indexes &&
	test_cmp before.indexes after.indexes &&
	(cd first && state >../after.state) &&
	test_cmp before.state after.state
'

test_expect_success 'the next import, into an index with events, numbers on' '
	issues more.csv 10 &&
	zdh -C first issue import ../more.csv >out &&
	zdh -C first issue list --format csv --limit 100000 >list &&
	grep "^FI-3010,第10件," list &&
	indexes first >actual &&
	test_cmp after.indexes actual
'

test_expect_success 'a first import with a bad last row: nothing written, events_fold there' '
	zdh init --replica bad --prefix BD bad >/dev/null 2>&1 &&
	zdh -C bad issue list >/dev/null &&
	cp many.csv bad.csv &&
	echo "坏的一行,parking,no-such-source" >>bad.csv &&
	(cd bad && snapshot ../bad-before) &&
	indexes bad >bad.indexes &&
	grep "^events_fold|" bad.indexes &&
	test_expect_code 1 zdh -C bad issue import ../bad.csv >out 2>err &&
	grep "bad\.csv:3002: " err &&
	(cd bad && check_unchanged ../bad-before) &&
	indexes bad >actual &&
	test_cmp bad.indexes actual &&
	zdh -C bad issue list --format csv >list &&
	test_line_count = 1 list
'

test_expect_success 'a first import killed at any moment: all or nothing, events_fold there' '
	issues killed.csv 40000 &&
	for delay in 0.2 0.5 0.8 1.2
	do
		rm -rf killed &&
		zdh init --replica killed --prefix KL killed >/dev/null 2>&1 &&
		zdh -C killed issue list >/dev/null &&
		indexes killed >killed.indexes &&
		{ "$ZDH" -C killed issue import ../killed.csv >out 2>err & } &&
		pid=$! &&
		sleep $delay &&
		kill -9 $pid 2>/dev/null;
		wait $pid;
		zdh -C killed issue list --format csv --limit 100000 >list &&
		k=$(($(wc -l <list) - 1)) &&
		echo "# killed after $delay s: $k of 40000 issues there" >&2 &&
		{ test $k = 0 || test $k = 40000; } &&
		indexes killed >actual &&
		if test $k = 0; then test_cmp killed.indexes actual; fi &&
		grep "^events_fold|" actual &&
		zdh -C killed verify >/dev/null || return 1
	done
'

test_done
