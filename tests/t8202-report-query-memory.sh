#!/bin/sh
# A query of report sql or run held no memory limit but its time: one
# value of randomblob(500000000) took 500 MB, a group_concat of 200,000
# rows of 1,000 bytes 400 MB, in a second or two.  A saved report is a
# record like any other, which a peer may write (or edit, under a name
# this office runs every month): its query is run here.  A query may now
# take 256 MiB more than SQLite held before it (a hard heap limit, memory
# counted in these two commands only), else it is stopped and refused,
# exit 1 (zdh-report(1)).  And its rows, which the command keeps to align
# them, as much: two million rows of 100 bytes were 250 MB in 3.7 s.
test_description='a report query, a peer'"'"'s saved one too, is held to 256 MiB'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

# (each run under 600 MB of address space: a zdh without the limit fails
# to allocate, with another message, rather than taking more)
# Not under ASan (make check-asan): its shadow memory alone is terabytes
# of address space, which ulimit -v cannot leave it.
big="SELECT length(randomblob(270000000)) AS n"

test_expect_success 'setup: an office and a peer that saves a report of it' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq issue add 路灯不亮 --area 新桥 >/dev/null &&
	zdh init --replica yanan --prefix YA ya >/dev/null &&
	at ya report save 月报 --sql "$big" >out &&
	echo YA-R1 >expect && test_cmp expect out &&
	at xq remote add ya ../ya &&
	at xq pull ya 2>/dev/null
'

test_expect_success !SANITIZED 'report sql and run refuse a query past 256 MiB, exit 1' '
	(
		cd xq &&
		(ulimit -v 600000 && test_expect_code 1 zdh report sql "$big" >out 2>err) &&
		test_must_be_empty out &&
		echo "zdh: the query needed more than 256 MiB" >expect &&
		test_cmp expect err &&
		(ulimit -v 600000 && test_expect_code 1 zdh report run 月报 >out 2>err) &&
		test_must_be_empty out &&
		test_cmp expect err &&
		q="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 300000)" &&
		(ulimit -v 600000 && test_expect_code 1 \
			zdh report sql "$q SELECT length(group_concat(printf('\''%.1000c'\'', '\''x'\''))) AS n FROM c" \
			>out 2>err) &&
		test_cmp expect err
	)
'

test_expect_success !SANITIZED 'rows past 256 MiB in all are refused, exit 1' '
	(
		cd xq &&
		q="WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000)" &&
		(ulimit -v 600000 && test_expect_code 1 \
			zdh report sql --format csv "$q SELECT x, printf('\''%.100c'\'', '\''y'\'') AS y FROM c" \
			>out 2>err) &&
		test_must_be_empty out &&
		echo "zdh: the result is larger than 256 MiB" >expect &&
		test_cmp expect err
	)
'

test_expect_success !SANITIZED 'a query within it runs as before' '
	(
		cd xq &&
		zdh report sql "SELECT length(randomblob(1000000)) AS n, count(*) AS issues FROM issues" >out &&
		printf "n        issues\n1000000  1\n" >expect &&
		test_cmp expect out &&
		(ulimit -v 600000 && LANGUAGE=zh_CN test_expect_code 1 zdh report sql "$big" >out 2>err) &&
		test_must_be_empty out &&
		echo "zdh: 查询所需内存超过 256 MiB" >expect &&
		test_cmp expect err
	)
'

test_done
