#!/bin/sh
# The kind seam (include/kind.h): a record kind added without touching the
# engine.  zdh-testkind is zdh plus the test-only kind "testnote"
# (tests/testkind/): its projected fields in the view records_testnote,
# its index, its derived table kept by derive() and rebuilt by reindex,
# its config key, validate() at write time only.
test_description='a record kind as a plug-in'
. "$(dirname "$0")/lib.sh"

: "${ZDH_TESTKIND:=$TEST_DIRECTORY/../build/zdh-testkind}"
zk () {
	"$ZDH_TESTKIND" "$@"
}
test -x "$ZDH_TESTKIND" && test_set_prereq TESTKIND
test_expect_success TESTKIND 'the test kind is one file, one line of the kinds table and its command' '
	(cd "$TEST_DIRECTORY/.." &&
	 grep -l "zdh_kind_test\|testnote" core/*.c core/*.h include/*.h cmd/*.c cmd/lib/*.c cmd/lib/*.h) >actual &&
	printf "%s\n" core/kinds.c cmd/main.c >expect &&
	test_cmp expect actual &&
	grep -c "&zdh_kind_test," "$TEST_DIRECTORY/../core/kinds.c" >actual &&
	echo 1 >expect &&
	test_cmp expect actual
'

test_expect_success TESTKIND 'the test kind writes and lists through its view' '
	zk init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zk testnote add "hello big world" 3 >actual &&
	zk testnote add "second note" >>actual &&
	printf "%s\n" XQ-T1 XQ-T2 >expect &&
	test_cmp expect actual &&
	zk testnote list >actual &&
	printf "%s\n" "XQ-T1 hello big world 3 1.5 0 3" "XQ-T2 second note - - 0 2" >expect &&
	test_cmp expect actual
'

test_expect_success TESTKIND 'validate runs at write time: a taken title is refused, nothing written' '
	snapshot before &&
	test_expect_code 1 zk testnote add "hello big world" 2>err &&
	echo "zdh: a testnote titled '\''hello big world'\'' exists already (XQ-T1)" >expect &&
	test_cmp expect err &&
	check_unchanged before
'

test_expect_success TESTKIND 'check runs on the state: a closed note refuses an edit' '
	zk testnote close XQ-T1 &&
	test_expect_code 1 zk testnote edit XQ-T1 "again" 2>err &&
	echo "zdh: testnote XQ-T1 is closed" >expect &&
	test_cmp expect err
'

test_expect_success TESTKIND 'the derived table follows edits' '
	zk testnote edit XQ-T2 "second big" &&
	zk testnote list big >actual &&
	printf "%s\n" "XQ-T1 hello big world 3 1.5 1 3" "XQ-T2 second big - - 0 2" >expect &&
	test_cmp expect actual &&
	zk testnote list note >actual &&
	test_must_be_empty actual
'

test_expect_success TESTKIND 'reindex empties and rebuilds the kind'"'"'s own table' '
	zk testnote list >expect &&
	zk testnote list big >expect.big &&
	zk reindex >/dev/null &&
	zk testnote list >actual &&
	test_cmp expect actual &&
	zk testnote list big >actual &&
	test_cmp expect.big actual &&
	rm .zdh/index.db &&
	zk testnote list big >actual &&
	test_cmp expect.big actual
'

# The views records_<kind> are not in the schema (every command would
# parse them): a query names them and zdh puts their SELECT in its place,
# p1...p8 for the fields in the order the kind declares them.
test_expect_success TESTKIND,SQLITE 'the index holds the kind'"'"'s projections, table and indexes, and no view' '
	sqlite3 .zdh/index.db "SELECT name FROM sqlite_master WHERE name LIKE '\''%testnote%'\'' ORDER BY name" >actual &&
	printf "%s\n" records_testnote_weight testnote_words testnote_words_word >expect &&
	test_cmp expect actual &&
	sqlite3 .zdh/index.db "SELECT count(*) FROM sqlite_master WHERE type = '\''view'\''" >actual &&
	echo 0 >expect &&
	test_cmp expect actual &&
	sqlite3 .zdh/index.db "SELECT id, p1, p2, p3, p4 FROM records WHERE kind = '\''testnote'\'' ORDER BY n" >actual &&
	printf "%s\n" "XQ-T1|hello big world|3|1.5|1" "XQ-T2|second big|||" >expect &&
	test_cmp expect actual &&
	sqlite3 .zdh/index.db "EXPLAIN QUERY PLAN SELECT id FROM (SELECT id, p2 AS weight FROM main.records
		WHERE kind = '\''testnote'\'') AS records_testnote WHERE weight = 3" >plan &&
	grep records_testnote_weight plan &&
	zk report sql "SELECT id, weight, score, closed FROM records_testnote ORDER BY n" >actual &&
	grep "^XQ-T1  *3  *1.5  *1$" actual
'

# (the reindex above made no index of the issue kind, which had no
# records then: its first issue makes them)
test_expect_success TESTKIND,SQLITE 'issue queries use their projected columns and indexes' '
	zk issue add "路灯不亮" >/dev/null &&
	sqlite3 .zdh/index.db "EXPLAIN QUERY PLAN SELECT id FROM (SELECT id, prefix, n, p1 AS status
		FROM main.records WHERE kind = '\''issue'\'') AS records_issue WHERE status = '\''open'\''
		ORDER BY prefix, n" >plan &&
	grep records_issue_status plan &&
	! grep "TEMP B-TREE" plan
'

test_expect_success TESTKIND 'a kind'"'"'s config key is checked when set' '
	test_expect_code 1 zk config testnote.max-weight 0 2>err &&
	echo "zdh: testnote.max-weight must be a whole number from 1 to 100" >expect &&
	test_cmp expect err &&
	zk config testnote.max-weight 50 &&
	zk config testnote.max-weight >actual &&
	echo 50 >expect &&
	test_cmp expect actual
'

test_expect_success TESTKIND 'the engine still refuses unknown zdh keys; issue'"'"'s key is the issue kind'"'"'s' '
	test_expect_code 1 zk config zdh.no-such-key 1 2>err &&
	grep "unknown setting" err &&
	test_expect_code 1 zdh config zdh.overdue-days x 2>err &&
	echo "zdh: zdh.overdue-days must be a whole number of days from 0 to 1000000" >expect &&
	test_cmp expect err
'

test_done
