#!/bin/sh
# Two offices each add a department (and an area) of one name before they
# hear of each other.  A report counts each org under its id: each is a
# line of its own, told apart by its id where two lines show one name
# (--json: the key id); --dept and --area take the id, and refuse the
# name as the lists do; an org renamed in the period stays one line; the
# old events that named an org still count under it, and those whose name
# two orgs now have count under the name alone; a saved report counts by
# id as the report does, yearly as the range of the year
# (zdh-report(1), zdh-org(1)).
test_description='report: two orgs of one name are two lines, counted by id'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"
. "$TEST_DIRECTORY/lib-report.sh"

# old_event DIR KIND RECORD OP DATA: what an older zdh wrote (orgs named
# by name) on DIR's log, happened and recorded on 2026-11-05
old_event () {
	tip=$(git --git-dir="$1/.zdh" rev-parse refs/zdh/log/xinqiao) &&
	new=$(CRAFT_TIME=1793844000 craft "$1/.zdh" "$tip" event "$2" "$3" "$4" "$5") &&
	git --git-dir="$1/.zdh" update-ref refs/zdh/log/xinqiao "$new" "$tip"
}

test_expect_success 'setup: two offices, a 房管办 and a 华山 each, issues of both' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null 2>&1 &&
	at xq org add --kind district 一片区 --date 2026-11-01 >/dev/null &&
	at xq org add --kind area 新桥 --district 一片区 --date 2026-11-01 >/dev/null &&
	at xq org add --kind dept 城管中队 --date 2026-11-01 >/dev/null &&
	git init -q --bare hub.git &&
	at xq remote add origin ../hub.git &&
	at xq push --quiet &&
	zdh clone hub.git ya --replica yanan --prefix YA --quiet &&
	at xq org add --kind dept 房管办 --date 2026-11-02 >out &&
	echo XQ-O4 >expect && test_cmp expect out &&
	at ya org add --kind dept 房管办 --date 2026-11-02 >out &&
	echo YA-O1 >expect && test_cmp expect out &&
	at xq org add --kind area 华山 --district 一片区 --date 2026-11-02 >/dev/null &&
	at ya org add --kind area 华山 --date 2026-11-02 >/dev/null &&
	at xq issue add 路灯 --area 新桥 --date 2026-11-03 >/dev/null &&
	at xq issue claim XQ-1 --dept 房管办 --date 2026-11-03 &&
	at ya issue add 堆物 --area 华山 --date 2026-11-03 >/dev/null &&
	at ya issue claim YA-1 --dept 房管办 --date 2026-11-03 &&
	at ya issue add 噪音 --area 华山 --date 2026-11-04 >/dev/null &&
	at ya issue claim YA-2 --dept 房管办 --date 2026-11-04 &&
	at ya issue resolve YA-2 -m 已处理 --date 2026-11-06 &&
	at xq issue add 漏水 --area 华山 --date 2026-11-04 >/dev/null &&
	at xq issue claim XQ-2 --dept 城管中队 --date 2026-11-04 &&
	# renamed in the period, and an issue claimed by the new name
	at xq org edit 城管中队 --name 城管执法中队 --date 2026-11-10 >/dev/null &&
	at xq issue add 占道 --area 新桥 --date 2026-11-12 >/dev/null &&
	at xq issue claim XQ-3 --dept 城管执法中队 --date 2026-11-12 &&
	# what an older zdh wrote: a name two orgs have now, and the old name
	old_event xq issue XQ-90 add "{\"set\":{\"title\":\"旧一\",\"area\":\"新桥\",\"category\":\"other\",\"source\":\"other\"}}" &&
	old_event xq issue XQ-90 claim "{\"set\":{\"dept\":\"房管办\"}}" &&
	old_event xq issue XQ-91 add "{\"set\":{\"title\":\"旧二\",\"area\":\"新桥\",\"category\":\"other\",\"source\":\"other\"}}" &&
	old_event xq issue XQ-91 claim "{\"set\":{\"dept\":\"城管中队\"}}" &&
	at xq sync --quiet 2>/dev/null && at ya sync --quiet 2>/dev/null && at xq sync --quiet 2>/dev/null
'

test_expect_success 'each org a line; two of one name told apart by id' '
	at xq report monthly --month 2026-11 >text &&
	sed -n "/^by area/,/^\$/p; /^by department/,/^\$/p" text >actual &&
	cat >expect <<-\EOF &&
	by area
	area          OPENED  SOLVED  CLOSED  OPEN  OVERDUE
	华山 (XQ-O5)       1       0       0     1        1
	华山 (YA-O2)       2       1       0     1        1
	新桥               4       0       0     4        2

	by department (at the end)
	dept              OPENED  SOLVED  CLOSED  OPEN  OVERDUE
	城管执法中队           3       0       0     3        2
	房管办 (XQ-O4)         1       0       0     1        1
	房管办 (YA-O1)         2       1       0     1        1
	房管办 (by name)       1       0       0     1        0

	EOF
	test_cmp expect actual &&
	sed -n "/^by district/,/^\$/p" text >actual &&
	cat >expect <<-\EOF &&
	by district
	district  OPENED  SOLVED  CLOSED  OPEN  OVERDUE
	一片区         5       0       0     5        3
	(none)         2       1       0     1        1

	EOF
	test_cmp expect actual
'

test_expect_success 'in Chinese, aligned by display width' '
	LANGUAGE=zh_CN at xq report monthly --month 2026-11 >text &&
	sed -n "/^按部门/,/^\$/p" text >actual &&
	cat >expect <<-\EOF &&
	按部门（期末）
	部门              新增  已解决  已关闭  未办结  逾期
	城管执法中队         3       0       0       3     2
	房管办（XQ-O4）      1       0       0       1     1
	房管办（YA-O1）      2       1       0       1     1
	房管办（按名称）     1       0       0       1     0

	EOF
	test_cmp expect actual
'

test_expect_success PYTHON '--json: the key id on the rows of one name, null for the name alone' '
	at xq report monthly --month 2026-11 --json >r.json &&
	flat <r.json | grep "^issues\.by_dept\.[0-9]*\.\(dept\|id\|opened\)=" >actual &&
	cat >expect <<-\EOF &&
	issues.by_dept.0.dept=城管执法中队
	issues.by_dept.0.opened=3
	issues.by_dept.1.dept=房管办
	issues.by_dept.1.id=XQ-O4
	issues.by_dept.1.opened=1
	issues.by_dept.2.dept=房管办
	issues.by_dept.2.id=YA-O1
	issues.by_dept.2.opened=2
	issues.by_dept.3.dept=房管办
	issues.by_dept.3.id=null
	issues.by_dept.3.opened=1
	EOF
	test_cmp expect actual &&
	flat <r.json | grep "^issues\.by_area\.2\." >actual &&
	test -s actual &&
	! grep "\.id=" actual
'

test_expect_success 'csv, md and html tell them apart too' '
	at xq report monthly --month 2026-11 --format csv >csv &&
	sed -n "/^dept,/,/^\$/p" csv >actual &&
	cat >expect <<-\EOF &&
	dept,opened,solved,closed,open_at_end,overdue_at_end
	城管执法中队,3,0,0,3,2
	房管办 (XQ-O4),1,0,0,1,1
	房管办 (YA-O1),2,1,0,1,1
	房管办,1,0,0,1,0

	EOF
	test_cmp expect actual &&
	at xq report monthly --month 2026-11 --format md >md &&
	grep "^| 房管办 (YA-O1) | 2 | 1 | 0 | 1 | 1 |$" md &&
	grep "^| 房管办 (by name) | 1 |" md &&
	at xq report monthly --month 2026-11 --format html >html &&
	grep "<tr><td>华山 (XQ-O5)</td>" html &&
	grep ">华山 (YA-O2)</text>" html
'

test_expect_success PYTHON 'a filter takes the id, and counts that org alone' '
	cd xq &&
	figures monthly --month 2026-11 --dept YA-O1 >f &&
	grep "^issues.opened=2$" f && grep "^issues.solved=1$" f &&
	grep "^scope.dept=YA-O1$" f &&
	figures monthly --month 2026-11 --dept xq-o4 >f &&
	grep "^issues.opened=1$" f && grep "^issues.solved=0$" f &&
	figures monthly --month 2026-11 --area YA-O2 >f &&
	grep "^issues.opened=2$" f &&
	figures monthly --month 2026-11 --area XQ-O5 >f &&
	grep "^issues.opened=1$" f &&
	figures monthly --month 2026-11 --district 一片区 >f &&
	grep "^issues.opened=5$" f &&
	cd ..
'

test_expect_success 'the name two orgs have is refused, as the lists refuse it' '
	test_expect_code 1 at xq report monthly --month 2026-11 --dept 房管办 >out 2>err &&
	test_must_be_empty out &&
	echo "zdh: '\''房管办'\'' names more than one dept: XQ-O4, YA-O1; give the id" >expect &&
	test_cmp expect err &&
	test_expect_code 1 at ya report yearly --year 2026 --area 华山 --json >out 2>err &&
	test_must_be_empty out &&
	echo "zdh: '\''华山'\'' names more than one area: XQ-O5, YA-O2; give the id" >expect &&
	test_cmp expect err
'

test_expect_success PYTHON 'renamed in the period: one line, by its old name and id and its new name' '
	cd xq &&
	figures monthly --month 2026-11 --dept 城管执法中队 >new &&
	grep "^issues.opened=3$" new &&
	figures monthly --month 2026-11 --dept XQ-O3 >byid &&
	grep "^issues.opened=3$" byid &&
	zdh report monthly --month 2026-11 --dept 城管中队 --json >old.json 2>err &&
	grep "was renamed" err &&
	flat <old.json | grep "^issues.opened=3$" &&
	cd ..
'

test_expect_success 'two replicas print the same, from summaries or from events, and after a reindex' '
	at xq report monthly --month 2026-11 --json >xq.json &&
	at ya report monthly --month 2026-11 --json >ya.json &&
	test_cmp xq.json ya.json &&
	(cd xq && zdh reindex >/dev/null) &&
	at xq report monthly --month 2026-11 --json >again.json &&
	test_cmp xq.json again.json &&
	at xq report monthly --month 2026-11 --as-of 2030-01-01 --json >asof.json &&
	grep -v "\"as_of\"" asof.json >a && grep -v "\"as_of\"" xq.json >b && test_cmp b a
'

test_expect_success PYTHON 'yearly as the range of the year; a saved report counts by id as it does' '
	at xq report yearly --year 2026 --json >y.json &&
	at xq report range --since 2026-01-01 --until 2026-12-31 --json >r.json &&
	flat <y.json | grep "^issues\.by_" >y && flat <r.json | grep "^issues\.by_" >r &&
	test_cmp y r &&
	at xq report save 部门未结 --sql "SELECT dept_id, count(*) AS n FROM issues
		WHERE status IN ('\''open'\'', '\''claimed'\'', '\''escalated'\'')
		GROUP BY dept_id ORDER BY dept_id" >/dev/null &&
	at xq sync --quiet 2>/dev/null && at ya sync --quiet 2>/dev/null &&
	at ya report run 部门未结 --format csv >got &&
	cat >expect <<-\EOF &&
	dept_id,n
	,1
	XQ-O3,3
	XQ-O4,1
	YA-O1,1
	EOF
	test_cmp expect got &&
	for id in XQ-O3 XQ-O4 YA-O1
	do
		at ya report yearly --year 2026 --dept $id --json | flat |
			sed -n "s/^issues.open_at_end=/$id,/p" || return 1
	done >actual &&
	grep -v -e "^dept_id" -e "^," got >expect &&
	test_cmp expect actual &&
	at xq report sql --format csv "SELECT id, district, district_id FROM orgs WHERE kind = '\''area'\''" >actual &&
	cat >expect <<-\EOF &&
	id,district,district_id
	XQ-O2,一片区,XQ-O1
	XQ-O5,一片区,XQ-O1
	YA-O2,,
	EOF
	test_cmp expect actual
'

test_done
