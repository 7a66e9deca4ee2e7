#!/bin/sh
test_description='report monthly/yearly/range: every figure on a hand-made history'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-report.sh"

# The history (zdh.timezone Asia/Shanghai), for the month 2025-11:
#  XQ-1 新桥 parking visit: added 11-03, claimed, resolved 11-10, a
#       dissatisfied callback (2) 11-12, resolved 11-20, closed with 5
#       11-21, a follow-up 11-25;
#  XQ-2 延安公寓 group-renting hotline: added 10-20 (Monday), claimed due
#       11-05, urged 11-10, resolved back-dated to 11-28 (Friday);
#  XQ-3 新桥 petition: added 2025-11-30 23:59:59 (the last second of November);
#  XQ-4 新桥 petition: added 2025-12-01 00:00:00 (December);
#  XQ-5 新桥: added 2025-11-30 16:30 UTC, 00:30 on 1 December in Shanghai;
#  XQ-6, XQ-7: petitions of November 2024, no area;
#  XQ-8 新桥 environment visit: added 09-01, claimed due 09-10, returned 11-05;
#  XQ-9 延安公寓 safety: added 11-05, escalated 11-06.
test_expect_success 'a hand-made history' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	registry_two_districts >/dev/null &&
	zdh issue add "一" --area 新桥 --category parking --source visit --date "2025-11-03 09:00" &&
	zdh issue claim XQ-1 --dept 城管中队 --date "2025-11-04 09:00" &&
	zdh issue resolve XQ-1 -m 已处理 --date "2025-11-10 09:00" &&
	zdh issue close XQ-1 --satisfaction 2 --date "2025-11-12 09:00" &&
	zdh issue resolve XQ-1 -m 再处理 --date "2025-11-20 09:00" &&
	zdh issue close XQ-1 --satisfaction 5 --date "2025-11-21 09:00" &&
	zdh issue follow-up XQ-1 -m 巡查 --date "2025-11-25 09:00" &&
	zdh issue add "二" --area 延安公寓 --category group-renting --source hotline --date "2025-10-20 09:00" &&
	zdh issue claim XQ-2 --dept 房管办 --due 2025-11-05 --date "2025-10-21 09:00" &&
	zdh issue urge XQ-2 -m 催 --date "2025-11-10 09:00" &&
	zdh issue add "三" --area 新桥 --source petition --date "2025-11-30 23:59:59" &&
	zdh issue add "四" --area 新桥 --source petition --date "2025-12-01 00:00:00" &&
	zdh issue add "五" --area 新桥 --date "2025-11-30 16:30 +0000" &&
	zdh issue add "六" --source petition --date "2024-11-15 10:00" &&
	zdh issue add "七" --source petition --date "2024-11-20 10:00" &&
	zdh issue add "八" --area 新桥 --category environment --source visit --date "2025-09-01 09:00" &&
	zdh issue claim XQ-8 --dept 房管办 --due 2025-09-10 --date "2025-09-02 09:00" &&
	zdh issue return XQ-8 --reason not-our-area -m 非本部门 --date "2025-11-05 09:00" &&
	zdh issue add "九" --area 延安公寓 --category safety --date "2025-11-05 09:00" &&
	zdh issue escalate XQ-9 -m 上报 --date "2025-11-06 09:00" &&
	zdh issue resolve XQ-2 -m 补记 --date "2025-11-28 09:00" >out
'

test_expect_success PYTHON 'monthly: every figure as defined' '
	cat >expect <<-\EOT &&
	issues.opened=3
	issues.solved=2
	issues.closed=1
	issues.open_at_end=5
	issues.overdue_at_end=3
	issues.reopened_after_callback=1
	issues.reopened=0
	issues.returns=1
	issues.urges=1
	issues.escalations=1
	issues.followups=1
	issues.callbacks=2
	issues.resolve_days.count=2
	issues.resolve_days.median=17
	issues.resolve_days.p90=29
	issues.satisfaction.count=1
	issues.satisfaction.mean=5.0
	issues.satisfaction.distribution.1=0
	issues.satisfaction.distribution.2=0
	issues.satisfaction.distribution.3=0
	issues.satisfaction.distribution.4=0
	issues.satisfaction.distribution.5=1
	period.as_of=null
	period.first=2025-11-01
	period.last=2025-11-30
	period.timezone=Asia/Shanghai
	period.type=monthly
	petitions.change_percent=-50
	petitions.opened=1
	petitions.year_before=2
	registry.area=2
	registry.building=0
	registry.dept=2
	registry.district=2
	registry.group=0
	registry.unit=0
	scope.area=null
	scope.dept=null
	scope.district=null
	EOT
	figures monthly --month 2025-11 | LC_ALL=C sort -s -t= -k1,1 >actual.sorted &&
	LC_ALL=C sort -s -t= -k1,1 expect >expect.sorted &&
	test_cmp expect.sorted actual.sorted
'

test_expect_success PYTHON 'monthly: the breakdowns and the trend' '
	cat >expect <<-\EOT &&
	area=延安公寓 opened=1 solved=1 closed=0 open_at_end=1 overdue_at_end=0
	area=新桥 opened=2 solved=1 closed=1 open_at_end=2 overdue_at_end=1
	area=None opened=0 solved=0 closed=0 open_at_end=2 overdue_at_end=2
	district=一片区 opened=2 solved=1 closed=1 open_at_end=2 overdue_at_end=1
	district=二片区 opened=1 solved=1 closed=0 open_at_end=1 overdue_at_end=0
	district=None opened=0 solved=0 closed=0 open_at_end=2 overdue_at_end=2
	category=environment opened=0 solved=0 closed=0 open_at_end=1 overdue_at_end=1
	category=group-renting opened=0 solved=1 closed=0 open_at_end=0 overdue_at_end=0
	category=other opened=1 solved=0 closed=0 open_at_end=3 overdue_at_end=2
	category=parking opened=1 solved=1 closed=1 open_at_end=0 overdue_at_end=0
	category=safety opened=1 solved=0 closed=0 open_at_end=1 overdue_at_end=0
	source=hotline opened=0 solved=1 closed=0 open_at_end=0 overdue_at_end=0
	source=other opened=1 solved=0 closed=0 open_at_end=1 overdue_at_end=0
	source=petition opened=1 solved=0 closed=0 open_at_end=3 overdue_at_end=2
	source=visit opened=1 solved=1 closed=1 open_at_end=1 overdue_at_end=1
	dept=城管中队 opened=1 solved=1 closed=1 open_at_end=0 overdue_at_end=0
	dept=房管办 opened=0 solved=1 closed=0 open_at_end=0 overdue_at_end=0
	dept=None opened=2 solved=0 closed=0 open_at_end=5 overdue_at_end=3
	2024-12 0 0
	2025-01 0 0
	2025-02 0 0
	2025-03 0 0
	2025-04 0 0
	2025-05 0 0
	2025-06 0 0
	2025-07 0 0
	2025-08 0 0
	2025-09 1 0
	2025-10 1 0
	2025-11 3 2
	EOT
	zdh report monthly --month 2025-11 --json | python3 -c "
import json, sys
r = json.load(sys.stdin)
for d in (\"area\", \"district\", \"category\", \"source\", \"dept\"):
    for row in r[\"issues\"][\"by_\" + d]:
        print(\"%s=%s %s\" % (d, row[d], \" \".join(\"%s=%d\" % (k, row[k]) for k in
              (\"opened\", \"solved\", \"closed\", \"open_at_end\", \"overdue_at_end\"))))
for m in r[\"trend\"]:
    print(m[\"month\"], m[\"opened\"], m[\"solved\"])
" >actual &&
	test_cmp expect actual
'

test_expect_success PYTHON 'a period boundary at midnight in Shanghai' '
	figures range --since 2025-12-01 --until 2025-12-01 >dec &&
	grep "^issues.opened=2$" dec &&
	figures range --since 2025-11-30 --until 2025-11-30 >nov30 &&
	grep "^issues.opened=1$" nov30
'

test_expect_success PYTHON 'scope: --area, --district, --dept' '
	figures monthly --month 2025-11 --area 新桥 >a &&
	grep "^issues.opened=2$" a && grep "^issues.solved=1$" a &&
	grep "^scope.area=新桥$" a && grep "^petitions.opened=1$" a &&
	grep "^petitions.year_before=0$" a && grep "^petitions.change_percent=null$" a &&
	grep "^registry.area=2$" a &&
	figures monthly --month 2025-11 --district 二片区 >d &&
	grep "^issues.opened=1$" d && grep "^issues.solved=1$" d &&
	figures monthly --month 2025-11 --dept 房管办 >p &&
	grep "^issues.opened=0$" p && grep "^issues.solved=1$" p &&
	grep "^issues.urges=1$" p
'

test_expect_success PYTHON 'yearly: solved once, in the year of the first resolve' '
	figures yearly --year 2025 >y &&
	grep "^issues.opened=7$" y && grep "^issues.solved=2$" y &&
	grep "^petitions.opened=2$" y && grep "^petitions.year_before=2$" y &&
	grep "^petitions.change_percent=0$" y &&
	figures yearly --year 2024 >y24 &&
	grep "^issues.opened=2$" y24 && grep "^issues.open_at_end=2$" y24 &&
	grep "^issues.overdue_at_end=2$" y24
'

test_expect_success 'the text report' '
	zdh report monthly --month 2025-11 >text &&
	head -n 2 text >actual &&
	cat >expect <<-\EOT &&
	zdh report monthly 2025-11-01 to 2025-11-30 (Asia/Shanghai)
	scope: everything
	EOT
	test_cmp expect actual &&
	grep "^issues solved (first resolve)  *2$" text &&
	grep "^petitions: down 50 %$" text &&
	grep "^  opened  ▁▁▁▁▁▁▁▁▁▃▃█$" text &&
	grep "^  solved  ▁▁▁▁▁▁▁▁▁▁▁█$" text
'

test_expect_success 'no name, phone or free text of a record in any form' '
	zdh issue add "王阿姨 13800000000 漏水" -m "身体不好" --reporter 王阿姨 --location 52弄3号 \
		--area 新桥 --date "2025-11-07 09:00" &&
	zdh issue comment XQ-10 -m "电话13800000000" --date "2025-11-08 09:00" &&
	for f in text json csv md html
	do
		zdh report monthly --month 2025-11 --format $f >form.$f || return 1
		! grep -e 王阿姨 -e 13800000000 -e 漏水 -e 身体 -e 52弄 -e 已处理 -e 巡查 form.$f || return 1
	done
'

test_expect_success 'csv: one table per section, --excel adds the BOM' '
	zdh report monthly --month 2025-11 --format csv >c &&
	head -n 1 c >actual && echo figure,value >expect && test_cmp expect actual &&
	grep "^issues.opened,4$" c && grep "^month,opened,solved$" c &&
	grep "^area,opened,solved,closed,open_at_end,overdue_at_end$" c &&
	zdh report monthly --month 2025-11 --format csv --excel >e &&
	printf "\357\273\277" >bom && head -c 3 e >actual && cmp bom actual &&
	tail -c +4 e >e.rest && test_cmp c e.rest &&
	# --excel alone is that CSV, as on every list and for report sql
	zdh report monthly --month 2025-11 --excel >e2 && test_cmp e e2 &&
	zdh report yearly --year 2025 --excel -o y.csv && head -c 3 y.csv >actual && cmp bom actual
'

test_expect_success 'html: one file, inline svg, no script, no network' '
	zdh report monthly --month 2025-11 --format html >r.html &&
	grep -c "<svg" r.html >n && echo 4 >expect && test_cmp expect n &&
	! grep -i -e "<script" -e "http:" -e "https:" -e "src=" -e "@import" r.html | grep -v "xmlns=\"http://www.w3.org/2000/svg\"" &&
	grep "@page { size: A4" r.html
'

test_expect_success 'md' '
	zdh report monthly --month 2025-11 --format md >m &&
	grep "^| issues opened | 4 |$" m && grep "^| 新桥 | 3 |" m
'

test_expect_success '-o writes atomically and prints nothing' '
	zdh report monthly --month 2025-11 --json -o out.json >stdout 2>stderr &&
	test_must_be_empty stdout && test_must_be_empty stderr &&
	zdh report monthly --month 2025-11 --json >direct.json &&
	test_cmp direct.json out.json &&
	ls >files && ! grep "tmp" files
'

test_expect_success '-o into a folder that does not exist fails and leaves nothing' '
	test_expect_code 128 zdh report monthly --month 2025-11 -o nodir/r.txt 2>err &&
	test_line_count = 1 err && ! test -e nodir
'

test_expect_success PYTHON 'other kinds: records, and events by operation, in the period' '
	zdh org add --kind unit 博物馆 --date 2025-01-01 >/dev/null &&
	zdh menu offer add 文化活动 --provider 博物馆 --category education --date 2025-10-20 >/dev/null &&
	zdh menu offer add 结对 --provider 博物馆 --category elderly --date 2025-11-03 >/dev/null &&
	zdh menu need add 陪伴 --area 新桥 --category elderly --date 2025-11-03 >/dev/null &&
	zdh menu pair XQ-N1 XQ-F2 --date 2025-11-04 >/dev/null &&
	zdh menu deliver XQ-P1 --date 2025-11-05 >/dev/null &&
	zdh menu feedback XQ-Y1 --satisfaction 4 --date 2025-12-06 >/dev/null &&
	zdh report monthly --month 2025-11 --json | flat | grep "^kinds\.[a-z]*\.\(records_at_end\|added\|events\)" |
		grep -v "=0$" >actual &&
	cat >expect <<-\EOT &&
	kinds.delivery.added=1
	kinds.delivery.events.add.events=1
	kinds.delivery.records_at_end=1
	kinds.need.added=1
	kinds.need.events.add.events=1
	kinds.need.records_at_end=1
	kinds.offer.added=1
	kinds.offer.events.add.events=1
	kinds.offer.events.take.events=1
	kinds.offer.records_at_end=2
	kinds.pairing.added=1
	kinds.pairing.events.add.events=1
	kinds.pairing.records_at_end=1
	EOT
	test_cmp expect actual &&
	zdh report monthly --month 2025-12 --json | flat | grep "^kinds.delivery.satisfaction" >sat &&
	grep "^kinds.delivery.satisfaction.mean=4.0$" sat &&
	zdh report monthly --month 2025-11 >text && grep "^offer  *2  *1  add 1, take 1$" text
'

test_expect_success 'bad input: one line, exit code, nothing written' '
	test_expect_code 1 zdh report monthly --month 2025-13 2>err &&
	echo "zdh: --month: invalid month '"'"'2025-13'"'"' (YYYY-MM, YYYY/MM, YYYY年MM月, or MM月 for this year)" >expect && test_cmp expect err &&
	test_expect_code 1 zdh report yearly --year 25 2>err && test_line_count = 1 err &&
	test_expect_code 1 zdh report range --since 2025-11-31 --until 2025-12-01 2>err &&
	test_line_count = 1 err &&
	test_expect_code 1 zdh report range --since 2025-12-02 --until 2025-12-01 2>err &&
	test_line_count = 1 err &&
	test_expect_code 1 zdh report monthly --area 不存在 2>err && test_line_count = 1 err &&
	test_expect_code 1 zdh report monthly --as-of someday 2>err && test_line_count = 1 err &&
	test_expect_code 129 zdh report monthly --format pdf 2>err &&
	head -n 1 err >first && echo "zdh: unknown format '"'"'pdf'"'"' (text, json, csv, md, html)" >expect &&
	test_cmp expect first &&
	test_expect_code 129 zdh report monthly --year 2025 2>err &&
	test_expect_code 129 zdh report range --since 2025-01-01 2>err &&
	test_expect_code 129 zdh report monthly --excel --format md 2>err &&
	head -n 1 err >first && echo "zdh: --excel is for --format csv" >expect &&
	test_cmp expect first &&
	test_expect_code 129 zdh report weekly 2>err &&
	test_expect_code 129 zdh report monthly extra 2>err
'

test_done
