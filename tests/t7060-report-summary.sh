#!/bin/sh
test_description='the issues'"'"' summaries (issue_summary): kept by the fold, made again by reindex, and a report from them equals the replay of every issue'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-report.sh"

# A report not narrowed to an area replays only the issues with an event
# in the period or after it, and takes the others from their summaries; one
# narrowed to the area every issue is in replays every issue.  Both must
# give the same figures, for every month of the history.
test_expect_success PYTHON 'a history of one area: the report from the summaries equals the replay' '
	zdh init --replica xinqiao --prefix XQ office >/dev/null &&
	(
		cd office &&
		zdh org add --kind district 一片区 --date 2024-01-01 &&
		zdh org add --kind area 新桥 --district 一片区 --date 2024-01-01 &&
		zdh org add --kind dept 房管办 --date 2024-01-01 &&
		zdh org add --kind dept 城管中队 --date 2024-01-01 &&
		zdh issue add 漏水 --area 新桥 --category housing --source petition --date "2024-10-03 09:00" >/dev/null &&
		zdh issue add 堆物 --area 新桥 --category environment --date "2025-09-03 09:00" >/dev/null &&
		zdh issue claim XQ-2 --dept 房管办 --due 2025-09-20 --date "2025-09-04 09:00" &&
		zdh issue resolve XQ-2 -m 已清 --date "2025-09-10 09:00" &&
		zdh issue close XQ-2 --satisfaction 2 --date "2025-09-12 09:00" &&
		zdh issue resolve XQ-2 -m 清了 --date "2025-10-09 09:00" &&
		zdh issue close XQ-2 --date "2025-11-03 09:00" &&
		zdh issue follow-up XQ-2 -m 巡查 --date "2025-11-20 09:00" &&
		zdh issue add 噪音 --area 新桥 --source petition --date "2025-10-05 09:00" >/dev/null &&
		zdh issue claim XQ-3 --dept 城管中队 --date "2025-10-06 09:00" &&
		zdh issue urge XQ-3 -m 催 --date "2025-10-20 09:00" &&
		zdh issue return XQ-3 --reason not-our-area -m 非本部门 --date "2025-10-21 09:00" &&
		zdh issue claim XQ-3 --dept 房管办 --due 2025-12-15 --date "2025-10-22 09:00" &&
		zdh issue resolve XQ-3 -m 处理 --date "2025-12-10 09:00" &&
		zdh issue add 违建 --area 新桥 --date "2025-08-01 09:00" >/dev/null &&
		zdh issue escalate XQ-4 -m 上报 --date "2025-08-02 09:00" &&
		zdh issue add 重复 --area 新桥 --date "2025-10-07 09:00" >/dev/null &&
		zdh issue void XQ-5 -m 重复 --date "2025-10-08 09:00" &&
		zdh issue add 群租 --area 新桥 --source petition --date "2024-11-11 09:00" >/dev/null &&
		zdh issue claim XQ-6 --dept 房管办 --date "2024-11-12 09:00" &&
		zdh issue resolve XQ-6 -m 处理 --date "2025-01-05 09:00" &&
		for m in 2024-10 2024-11 2025-01 2025-08 2025-09 2025-10 2025-11 2025-12 2026-01
		do
			zdh report monthly --month $m --json >../r.all.$m.json &&
			zdh report monthly --month $m --area 新桥 --json >../r.area.$m.json ||
			return 1
		done &&
		zdh report yearly --year 2025 --json >../r.all.2025.json &&
		zdh report yearly --year 2025 --area 新桥 --json >../r.area.2025.json
	) &&
	periods="2024-10 2024-11 2025-01 2025-08 2025-09 2025-10 2025-11 2025-12 2026-01 2025" &&
	flat_many $(for p in $periods; do echo r.all.$p r.area.$p; done) &&
	for p in $periods
	do
		grep -v "^scope\." r.all.$p >all.$p &&
		grep -v "^scope\." r.area.$p >area.$p &&
		test_cmp area.$p all.$p || return 1
	done &&
	grep "^issues.open_at_end=3$" all.2025-09 && grep "^issues.overdue_at_end=3$" all.2025-09 &&
	grep "^issues.reopened_after_callback=1$" all.2025-09 &&
	grep "^issues.open_at_end=3$" all.2025-10 && grep "^issues.overdue_at_end=2$" all.2025-10 &&
	grep "^petitions.year_before=1$" all.2025-10 && grep "^trend.10.solved=1$" all.2025-10 &&
	grep "^issues.open_at_end=3$" all.2025-11 && grep "^petitions.year_before=1$" all.2025-11 &&
	grep "^issues.closed=1$" all.2025-11 &&
	grep "^issues.solved=1$" all.2025-12 && grep "^issues.open_at_end=2$" all.2025-12'

test_expect_success SQLITE 'the fold keeps a summary of each issue; reindex makes the same' '
	(cd office && summary_dump >../before && zdh reindex >/dev/null && summary_dump >../after) &&
	test_cmp before after &&
	test_line_count = 6 before &&
	grep "^XQ-5|0|5|" before &&
	grep "^XQ-3|1|3|XQ-O2|other|petition|XQ-O3|20437|" before
'

test_expect_success SQLITE 'an index behind its log catches up to the same summaries' '
	(
		cd office &&
		cp .zdh/index.db ../old.db &&
		zdh issue close XQ-3 --satisfaction 4 --date "2025-12-12 09:00" &&
		zdh issue edit XQ-4 --area 新桥 --category safety --date "2025-12-13 09:00" &&
		summary_dump >../want &&
		rm -f .zdh/index.db-wal .zdh/index.db-shm && cp ../old.db .zdh/index.db &&
		zdh issue list >/dev/null && summary_dump >../got
	) &&
	test_cmp want got &&
	grep "^XQ-4|1|2|XQ-O2|safety|" got && grep "^XQ-3|1|4|" got
'

# --as-of before a late-recorded event: an issue all of whose events
# happened before the period, but one of them was recorded after --as-of.
# Its summary says it was resolved in October; as of the mark it was not,
# so it is open at the end of November and solved in no month of the trend.
test_expect_success PYTHON '--as-of before a back-dated event recorded late: the summaries do not answer for it' '
	zdh init --replica xinqiao --prefix XQ late >/dev/null &&
	(
		cd late &&
		registry_two_districts >/dev/null &&
		zdh issue add 漏水 --area 新桥 --date "2025-10-03 09:00" >/dev/null &&
		zdh issue claim XQ-1 --dept 房管办 --date "2025-10-04 09:00" &&
		zdh issue add 信访 --area 新桥 --source petition --date "2024-11-05 09:00" >/dev/null &&
		mark ../mark &&
		zdh issue resolve XQ-1 -m 已修 --date "2025-10-10 09:00" &&
		zdh issue void XQ-2 -m 录错 --date "2024-11-06 09:00" &&
		zdh report monthly --month 2025-11 --json >../now.json &&
		zdh report monthly --month 2025-11 --as-of @$(cat ../mark) --json >../then.json &&
		zdh report monthly --month 2025-11 --as-of @$(cat ../mark) --area 新桥 --json >../then-area.json
	) &&
	flat_many now then then-area &&
	grep "^issues.open_at_end=0$" now && grep "^trend.10.solved=1$" now &&
	grep "^petitions.year_before=0$" now &&
	grep "^issues.open_at_end=2$" then && grep "^issues.overdue_at_end=2$" then &&
	grep "^trend.10.solved=0$" then && grep "^trend.10.opened=1$" then &&
	grep "^petitions.year_before=1$" then &&
	grep -v "^scope\." then >then.all && grep -v "^scope\." then-area >then.area &&
	test_cmp then.area then.all
'

# An office that wrote with a stale clock: the pull folds the record again,
# and the effects of its events change: its summary follows them.
test_expect_success SQLITE 'a pull that folds a record again keeps its summary in step' '
	zdh clone office aa --replica aa --prefix AA --quiet &&
	(cd office && zdh issue add 噪音 --area 新桥 --date "2025-11-05 09:00" >/dev/null &&
		zdh issue claim XQ-7 --dept 房管办 --date "2025-11-05 10:00") &&
	(cd aa && zdh pull --quiet) &&
	(cd office && zdh issue resolve XQ-7 -m 处理 --date "2025-11-12 09:00") &&
	(cd aa && zdh issue void XQ-7 -m 重复 --date "2025-11-11 09:00") &&
	(cd office && zdh remote add aa ../aa && zdh pull aa --quiet &&
		summary_dump >../pulled && zdh reindex >/dev/null && summary_dump >../rebuilt) &&
	test_cmp rebuilt pulled &&
	grep "^XQ-7|0|5|" pulled
'

# --as-of before an import of more issues than the summaries answer for
# (a quarter of the issues or more recorded after it): every issue is
# replayed from its facts instead, with the same figures (the statements
# ZDH_TRACE_PLAN names say which way was taken: the figures cannot).
test_expect_success PYTHON '--as-of before an import of 4,200 issues: the figures of the events recorded by then' '
	zdh init --replica xinqiao --prefix XQ big >/dev/null &&
	(
		cd big &&
		registry_two_districts >/dev/null &&
		zdh issue add 漏水 --area 新桥 --date "2025-11-03 09:00" >/dev/null &&
		zdh issue add 堆物 --area 新桥 --date "2025-10-03 09:00" >/dev/null &&
		mark ../mark0 &&
		awk "BEGIN { print \"id,title,body,area,category,source,reporter,location,status,dept,assignee,due,created\";
			for (i = 101; i <= 4300; i++)
				printf \"XQ-%d,导入 %d,,新桥,other,hotline,,,%s,%s,,,2025-11-%02d 10:00\n\", i, i,
					i % 2 ? \"open\" : \"closed\", i % 2 ? \"\" : \"房管办\", 1 + i % 28 }" >../big.csv &&
		zdh issue import ../big.csv >/dev/null &&
		mark ../mark1 &&
		zdh issue claim XQ-2 --dept 房管办 --date "2025-10-19 09:00" &&
		zdh issue resolve XQ-2 -m 已清 --date "2025-10-20 09:00" &&
		zdh report monthly --month 2025-11 --json >../now2.json &&
		ZDH_TRACE_PLAN=1 zdh report monthly --month 2025-11 --as-of @$(cat ../mark0) --json \
			2>../trace0 >../then0.json &&
		ZDH_TRACE_PLAN=1 zdh report monthly --month 2025-11 --as-of @$(cat ../mark1) --json \
			2>../trace1 >../then1.json &&
		zdh report monthly --month 2025-11 --as-of @$(cat ../mark1) --area 新桥 --json >../then1-area.json
	) &&
	flat_many now2 then0 then1 then1-area &&
	grep "^issues.open_at_end=2101$" now2 && grep "^trend.10.solved=1$" now2 &&
	grep "^issues.opened=1$" then0 && grep "^issues.open_at_end=2$" then0 &&
	grep "^issues.closed=0$" then0 && grep "^trend.11.opened=1$" then0 &&
	grep "^issues.opened=4201$" then1 && grep "^issues.open_at_end=2102$" then1 &&
	grep "^issues.closed=2100$" then1 && grep "^trend.10.solved=0$" then1 &&
	grep -v "^scope\." then1 >then1.all && grep -v "^scope\." then1-area >then1.area &&
	test_cmp then1.area then1.all &&
	grep "^zdh: plan: SELECT 4 \* count(\*) FILTER" trace0 &&
	grep "^zdh: plan: .* FROM facts_issue f ORDER BY f.prefix, f.n, f.record" trace0 &&
	! grep "^zdh: plan: .* FROM issue_summary WHERE last_happened >=" trace0 &&
	grep "^zdh: plan: .* FROM issue_summary WHERE last_happened >=" trace1 &&
	! grep "^zdh: plan: .* FROM facts_issue f ORDER BY f.prefix, f.n, f.record" trace1
'

test_done
