#!/bin/sh
# Dates, months, years and numbers as a Chinese-speaking office types
# them.  A --date took 2026/11/03 and 2026年11月3日 (zdh(1), DATES, says
# every option whose value is a date does), but the options whose usage
# names DAY (report range --since/--until, menu pair --from/--until)
# refused them, and every --month refused 2026年11月 and 2026/11; 今天,
# 昨天 and 现在 were refused where today, yesterday and now were taken;
# and full-width digits and signs (２０２６－１１－０３, what an input
# method in full-width mode types) were refused everywhere: in dates,
# --limit ２, --satisfaction ５, an amount １２００．５０; and the due of an
# issue import refused 2026/12/20 where its created took 2026年12月1日;
# and report --as-of today meant today's first second (leaving today's
# events out) where --as-of with today's date means up to its end, and
# so did --until today of a list or the log.
test_description='dates, days, months, years and numbers as offices type them'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-issue.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ --timezone Asia/Shanghai >/dev/null &&
	orgs area 新桥 && orgs dept 房管办 && orgs unit 社区医院 &&
	zdh issue add 路灯不亮 --area 新桥 --date 2026-11-03 >/dev/null
'

test_expect_success 'a --date in full-width digits and signs is the same date' '
	zdh issue add 积水 --area 新桥 --date "２０２６－１１－０３　１４：３０" >id &&
	echo XQ-2 >expect && test_cmp expect id &&
	expect_field XQ-2 created 2026-11-03T14:30:00+08:00 &&
	zdh issue add 堆物 --area 新桥 --date "２０２６年１１月３日" >/dev/null &&
	expect_field XQ-3 created 2026-11-03T00:00:00+08:00
'

test_expect_success '今天, 昨天 and 现在 are today, yesterday and now' '
	zdh issue add 甲 --area 新桥 --date today >/dev/null &&
	zdh issue add 乙 --area 新桥 --date 今天 >/dev/null &&
	field XQ-4 created >a && field XQ-5 created >b && test_cmp a b &&
	zdh issue add 丙 --area 新桥 --date yesterday >/dev/null &&
	zdh issue add 丁 --area 新桥 --date 昨天 >/dev/null &&
	field XQ-6 created >a && field XQ-7 created >b && test_cmp a b &&
	zdh issue add 戊 --area 新桥 --date 现在 >/dev/null &&
	zdh issue list --since 今天 --format csv >full &&
	cut -d, -f1 full >actual &&
	printf "id\nXQ-4\nXQ-5\nXQ-8\n" >expect && test_cmp expect actual
'

test_expect_success 'a DAY option takes the forms a DATE takes' '
	zdh report range --since 2026-11-01 --until 2026-11-30 >iso &&
	zdh report range --since 2026/11/1 --until 2026年11月30日 >office &&
	test_cmp iso office &&
	zdh report range --since ２０２６－１１－０１ --until ２０２６／１１／３０ >wide &&
	test_cmp iso wide &&
	zdh menu offer add 义诊 --provider 社区医院 --category elderly --capacity 5 --date 2026-11-01 >/dev/null &&
	zdh menu need add 体检 --area 新桥 --category elderly --date 2026-11-01 >/dev/null &&
	zdh menu pair XQ-N1 XQ-F1 --from 2026/12/5 --until 2027年1月31日 --date 2026-12-01 >/dev/null &&
	zdh menu pairings --format csv >p.csv &&
	grep ",2026-12-05,2027-01-31," p.csv
'

test_expect_success 'a month as 2026年11月, 2026/11, 2026.11 or full-width' '
	zdh report monthly --month 2026-11 >iso &&
	for m in 2026年11月 2026/11 2026.11 ２０２６－１１ 2026年１１月
	do
		zdh report monthly --month "$m" >office &&
		test_cmp iso office || return 1
	done &&
	zdh visit list --month 2026年11月 >/dev/null &&
	zdh council meeting list --month 2026/11 >/dev/null &&
	zdh menu offer list --month 2026.12 >/dev/null
'

test_expect_success 'a year as 2026年' '
	zdh report yearly --year 2026 >iso &&
	zdh report yearly --year 2026年 >office &&
	test_cmp iso office &&
	zdh report yearly --year ２０２６ >wide &&
	test_cmp iso wide
'

test_expect_success 'numbers and amounts in full-width digits' '
	zdh issue list --limit ２ --format csv >actual &&
	zdh issue list --limit 2 --format csv >expect &&
	test_cmp expect actual &&
	zdh issue claim XQ-1 --dept 房管办 --date 2026-11-03 >/dev/null &&
	zdh issue resolve XQ-1 -m 修好了 --date 2026-11-04 >/dev/null &&
	zdh issue close XQ-1 --satisfaction ５ --date 2026-11-05 &&
	expect_field XQ-1 satisfaction 5 &&
	zdh fund set --area 新桥 --year ２０２６ ５００００ >/dev/null &&
	zdh project add 道闸 --area 新桥 --year 2026 >/dev/null &&
	zdh project budget XQ-J1 １２００．５０ --item 材料 &&
	zdh project show XQ-J1 --json >j.json &&
	grep "120050" j.json
'

test_expect_success 'an imported due and created as offices type them' '
	cat >typed.csv <<-\EOF &&
	title,area,status,dept,due,created
	甲,新桥,claimed,房管办,2026/12/20,2026年12月1日
	乙,新桥,claimed,房管办,２０２６－１２－２０,２０２６－１２－０１
	EOF
	zdh issue import typed.csv &&
	zdh issue list --dept 房管办 --since 2026-12-01 --until 2026-12-01 --format csv >full &&
	cut -d, -f2,12,13 full >actual &&
	cat >expect <<-\EOF &&
	title,due,created
	甲,2026-12-20,2026-12-01T00:00:00+08:00
	乙,2026-12-20,2026-12-01T00:00:00+08:00
	EOF
	test_cmp expect actual
'

test_expect_success 'report --as-of today (今天) is up to the end of today, as its day is' '
	day=$(TZ=Asia/Shanghai date +%Y-%m-%d) &&
	zdh report monthly --month 2026-11 --as-of "$day" --json >day.json &&
	grep "\"as_of\": \"${day}T23:59:59+08:00\"" day.json &&
	zdh report monthly --month 2026-11 --as-of today --json >today.json &&
	test_cmp day.json today.json &&
	zdh report monthly --month 2026-11 --as-of 今天 --json >today.json &&
	test_cmp day.json today.json &&
	zdh report monthly --month 2026-11 --as-of 昨天 --json >y.json &&
	zdh report monthly --month 2026-11 --as-of yesterday --json >y2.json &&
	test_cmp y.json y2.json &&
	grep "\"as_of\": \".*T23:59:59+08:00\"" y.json
'

test_expect_success '--until today (今天) takes in all of today, as --until with its date does' '
	day=$(TZ=Asia/Shanghai date +%Y-%m-%d) &&
	zdh issue list --since 2026-11-01 --until "$day" --format csv >expect &&
	grep "^XQ-8," expect &&
	zdh issue list --since 2026-11-01 --until today --format csv >actual &&
	test_cmp expect actual &&
	zdh issue list --since 2026-11-01 --until 今天 --format csv >actual &&
	test_cmp expect actual &&
	zdh log --until "$day" >expect &&
	zdh log --until today >actual &&
	test_cmp expect actual
'

test_expect_success 'what is no date stays refused, nothing written' '
	test_refused "--date: invalid date '\''2026-13-01'\'' (YYYY-MM-DD, YYYY/MM/DD, YYYY年MM月DD日 or MM月DD日 (this year), a time HH:MM after it; today/今天, tomorrow/明天, yesterday/昨天, 后天, 前天, now/现在)" \
		issue add 己 --area 新桥 --date ２０２６－１３－０１ &&
	test_refused "--month: invalid month '\''2026年13月'\'' (YYYY-MM, YYYY/MM, YYYY年MM月, or MM月 for this year)" report monthly --month 2026年13月 &&
	test_refused "--date: invalid date '\''下周一'\'' (YYYY-MM-DD, YYYY/MM/DD, YYYY年MM月DD日 or MM月DD日 (this year), a time HH:MM after it; today/今天, tomorrow/明天, yesterday/昨天, 后天, 前天, now/现在)" \
		issue add 己 --area 新桥 --date 下周一 &&
	test_expect_code 129 zdh issue list --limit ２x 2>err &&
	grep "^zdh: --limit needs a number" err
'

test_expect_success 'in Chinese the forms name 今天, 明天, 昨天, 后天, 前天 and 现在' '
	test_expect_code 1 zh issue add 己 --area 新桥 --date 下周一 2>err &&
	grep "今天（today）、明天（tomorrow）、昨天（yesterday）、后天、前天、现在（now）" err
'

test_done
