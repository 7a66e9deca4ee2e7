#!/bin/sh
test_description='report sql: read-only queries over the report views, refused writes, a time limit'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-report.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	registry_two_districts >/dev/null &&
	zdh issue add "王阿姨家漏水" --reporter 王阿姨 --area 新桥 --category housing --date "2025-11-03 09:00" >/dev/null &&
	zdh issue claim XQ-1 --dept 房管办 --due 2025-11-10 --date "2025-11-04 09:00" &&
	zdh issue add "车辆乱停" --area 延安公寓 --category parking --date "2025-11-05 09:00" >/dev/null &&
	zdh issue list >/dev/null &&
	sqlite3 -readonly .zdh/index.db .dump >"$TRASH_DIRECTORY/before.dump"
'

test_expect_success 'a query over the issues view' '
	zdh report sql "SELECT area, category, status, dept, due FROM issues ORDER BY id" >actual &&
	cat >expect <<-\EOT &&
	area      category  status   dept    due
	新桥      housing   claimed  房管办  2025-11-10
	延安公寓  parking   open
	EOT
	test_cmp expect actual
'

test_expect_success PYTHON '--json and --format csv' '
	zdh report sql --json "SELECT kind, count(*) AS n FROM records GROUP BY kind ORDER BY kind" >actual &&
	python3 -c "import json, sys; print(json.load(sys.stdin))" <actual >got &&
	echo "[{'"'"'kind'"'"': '"'"'issue'"'"', '"'"'n'"'"': 2}, {'"'"'kind'"'"': '"'"'org'"'"', '"'"'n'"'"': 8}]" >expect &&
	test_cmp expect got &&
	zdh report sql --format csv "SELECT op, count(*) AS n FROM events WHERE kind = '"'"'issue'"'"' GROUP BY op ORDER BY op" >actual &&
	printf "op,n\nadd,2\nclaim,1\n" >expect && test_cmp expect actual
'

test_expect_success 'the views hold no free text of a record' '
	zdh report sql --format csv "SELECT * FROM issues" >all &&
	zdh report sql --format csv "SELECT * FROM events" >>all &&
	zdh report sql --format csv "SELECT * FROM records_issue" >>all &&
	! grep -e 王阿姨 -e 漏水 -e 乱停 all &&
	test_expect_code 1 zdh report sql "SELECT state FROM records_issue" 2>err &&
	test_line_count = 1 err
'

for q in "DELETE FROM events" "UPDATE records SET id = 1" "INSERT INTO events(id) VALUES(1)" \
	"DROP VIEW issues" "CREATE TEMP TABLE t(x)" "PRAGMA user_version = 3" "PRAGMA user_version" \
	"ATTACH '"'"'x.db'"'"' AS x" "SELECT * FROM main.events" "SELECT state FROM main.records" \
	"SELECT * FROM sqlite_master" "SELECT load_extension('"'"'x'"'"')" "BEGIN" \
	"SELECT 1; DELETE FROM events" "VACUUM" "REINDEX"
do
	test_expect_success "refused, nothing changed: $q" '
		test_expect_code 1 zdh report sql "$q" >out 2>err &&
		test_must_be_empty out && test_line_count = 1 err &&
		sqlite3 -readonly .zdh/index.db .dump >after.dump &&
		test_cmp "$TRASH_DIRECTORY/before.dump" after.dump &&
		! test -e x.db
	'
done

test_expect_success 'a query that runs too long is stopped' '
	test_expect_code 1 zdh report sql --timeout 0.3 \
		"WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c" 2>err &&
	echo "zdh: the query ran longer than 0.3 s" >expect && test_cmp expect err
'

test_expect_success 'report save keeps a query by name; run runs it' '
	zdh report save 按区域 --sql "SELECT area, count(*) AS n FROM issues GROUP BY area ORDER BY area" >id &&
	echo XQ-R1 >expect && test_cmp expect id &&
	zdh report run 按区域 >actual &&
	printf "area      n\n延安公寓  1\n新桥      1\n" >expect && test_cmp expect actual &&
	zdh report run 按区域 --excel >actual &&
	printf "\357\273\277area,n\n延安公寓,1\n新桥,1\n" >expect && test_cmp expect actual &&
	zdh report sql --excel "SELECT 1 AS n" >actual &&
	printf "\357\273\277n\n1\n" >expect && test_cmp expect actual
'

test_expect_success 'a second save is a new version of the same record' '
	zdh report save 按区域 --sql "SELECT count(*) AS n FROM issues" >id &&
	echo XQ-R1 >expect && test_cmp expect id &&
	zdh report run 按区域 --format csv >actual &&
	printf "n\n2\n" >expect && test_cmp expect actual &&
	zdh log --record XQ-R1 >log && test_line_count = 2 log
'

test_expect_success 'run takes the id that save printed too, in any case' '
	zdh report run XQ-R1 --format csv >actual &&
	printf "n\n2\n" >expect && test_cmp expect actual &&
	zdh report run xq-r1 --format csv >actual &&
	test_cmp expect actual &&
	test_expect_code 1 zdh report run XQ-R9 2>err &&
	echo "zdh: no saved report '"'"'XQ-R9'"'"'" >expect && test_cmp expect err
'

test_expect_success 'a query that would be refused is not saved' '
	log_count xinqiao >before &&
	test_expect_code 1 zdh report save 删除 --sql "DELETE FROM events" 2>err &&
	test_line_count = 1 err &&
	test_expect_code 1 zdh report save 坏的 --sql "SELECT nope FROM issues" 2>err &&
	test_expect_code 1 zdh report run 删除 2>err &&
	echo "zdh: no saved report '"'"'删除'"'"'" >expect && test_cmp expect err &&
	log_count xinqiao >after && test_cmp before after
'

test_expect_success 'saved reports sync to another office' '
	zdh clone . office2 --replica other --prefix OT --quiet &&
	(cd office2 && zdh report run 按区域 --format csv) >actual &&
	printf "n\n2\n" >expect && test_cmp expect actual
'

test_expect_success 'SQL maths functions: libm is loaded by the first call, not by every command' '
	zdh report sql --format csv "SELECT sqrt(16) AS a, pow(2, 10) AS b, round(ln(exp(2)), 6) AS c,
		round(atan2(1, 1) * 4, 6) AS d, mod(7, 3) AS e, trunc(2.7) AS f,
		round(sin(0.5) * sin(0.5) + cos(0.5) * cos(0.5), 9) AS g, acos(1) AS h" >actual &&
	printf "a,b,c,d,e,f,g,h\n4.0,1024.0,2.0,3.141593,1.0,2.0,1.0,0.0\n" >expect &&
	test_cmp expect actual &&
	# (unless something else zdh is linked with needs it: a shared libsqlite3, ASan)
	if ! ldd "$ZDH" | grep -q "libm\.so"
	then
		LD_DEBUG=libs zdh report sql "SELECT 1" >/dev/null 2>trace &&
		! grep "find library=libm" trace &&
		LD_DEBUG=libs zdh report sql "SELECT sqrt(2)" >/dev/null 2>trace &&
		grep "find library=libm" trace &&
		mkdir nolibm && >nolibm/libm.so.6 &&
		test_expect_code 128 env LD_LIBRARY_PATH=nolibm "$ZDH" report sql "SELECT sqrt(2)" >out 2>err &&
		grep "^zdh: cannot load the maths library: " err &&
		test_line_count = 1 err
	fi
'

test_expect_success 'usage errors' '
	test_expect_code 129 zdh report sql 2>err &&
	test_expect_code 129 zdh report sql "SELECT 1" "SELECT 2" 2>err &&
	test_expect_code 129 zdh report sql --timeout x "SELECT 1" 2>err &&
	test_expect_code 129 zdh report sql --format html "SELECT 1" 2>err &&
	test_expect_code 129 zdh report save x 2>err &&
	test_expect_code 129 zdh report save --sql "SELECT 1" 2>err &&
	test_expect_code 129 zdh report run 2>err &&
	test_expect_code 1 zdh report save "" --sql "SELECT 1" 2>err
'

test_done
