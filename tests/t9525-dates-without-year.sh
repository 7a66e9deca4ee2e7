#!/bin/sh
# A day as a Chinese-speaking office writes it without a year: 12月4日
# (or 号, full-width digits, a time after it) is that day of this year in
# the repository's time zone, in every option that takes a date or a day
# (through the one parser, core/date.c) and in an import's due and
# created; 今天 and 昨天 in the DAY options too.  In digits alone (12/4,
# 12-4, 12.4) it could be month/day or day/month: refused saying so, one
# line, exit 1, nothing written.  What is stored stays YYYY-MM-DD and
# RFC 3339, as before.
test_description='dates without a year: 12月4日 taken, 12/4 refused'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-issue.sh"

# this year and today in the repository's zone
Y=$(TZ=Asia/Shanghai date +%Y)
TODAY=$(TZ=Asia/Shanghai date +%Y-%m-%d)

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ --timezone Asia/Shanghai >/dev/null &&
	orgs area 新桥 && orgs dept 房管办 && orgs unit 社区医院 &&
	zdh council add 议事会 --area 新桥 >/dev/null
'

test_expect_success 'a --date of M月D日 is that day of this year' '
	zdh issue add 甲 --area 新桥 --date 1月1日 >/dev/null &&
	expect_field XQ-1 created ${Y}-01-01T00:00:00+08:00 &&
	zdh issue add 乙 --area 新桥 --date "１月２号" >/dev/null &&
	expect_field XQ-2 created ${Y}-01-02T00:00:00+08:00 &&
	zdh issue add 丙 --area 新桥 --date "1月1日 9:30" >/dev/null &&
	expect_field XQ-3 created ${Y}-01-01T09:30:00+08:00 &&
	zdh issue add 丁 --area 新桥 --date "12月31日" --future >/dev/null &&
	expect_field XQ-4 created ${Y}-12-31T00:00:00+08:00 &&
	zdh log --json >log &&
	! grep "月" log | grep "\"date\"\|\"recorded\""
'

test_expect_success 'every option that takes a day takes it too' '
	zdh issue claim XQ-1 --dept 房管办 --due 12月31日 >/dev/null &&
	expect_field XQ-1 due ${Y}-12-31 &&
	zdh issue edit XQ-1 --due 12月30日 >/dev/null &&
	expect_field XQ-1 due ${Y}-12-30 &&
	zdh issue list --since 1月1日 --until 1月1日 --format csv >full &&
	cut -d, -f1 full >actual &&
	printf "id\nXQ-1\nXQ-3\n" >expect &&
	test_cmp expect actual &&
	zdh log --since 1月2日 --until 1月2日 --json >log &&
	grep "\"record\": \"XQ-2\"" log &&
	! grep "\"record\": \"XQ-1\"" log &&
	zdh report range --since ${Y}-01-01 --until ${TODAY} --json >iso &&
	zdh report range --since 1月1日 --until 今天 --json >typed &&
	test_cmp iso typed &&
	zdh report monthly --month ${Y}-01 --as-of "1月1日" --json >/dev/null &&
	zdh council member add XQ-C1 李伯 --role member --from 1月1日 --to 12月31日 >/dev/null &&
	zdh council show XQ-C1 --json >c.json &&
	grep "\"from\": \"${Y}-01-01\"" c.json &&
	grep "\"to\": \"${Y}-12-31\"" c.json &&
	zdh council meeting add XQ-C1 --present 李伯 --date 1月1日 >/dev/null &&
	zdh council meeting list --since 1月1日 --until 1月1日 --format csv >m.csv &&
	grep "^XQ-M1,${Y}-01-01," m.csv &&
	zdh menu offer add 义诊 --provider 社区医院 --category elderly --date 1月1日 >/dev/null &&
	zdh menu need add 体检 --area 新桥 --category elderly --date 1月1日 >/dev/null &&
	zdh menu pair XQ-N1 XQ-F1 --from 1月1日 --until 今天 >/dev/null &&
	zdh menu pairings --format csv >p.csv &&
	grep ",${Y}-01-01,${TODAY}," p.csv
'

test_expect_success 'an import reads them as the options do' '
	cat >typed.csv <<-\EOF &&
	title,area,status,dept,due,created
	戊,新桥,claimed,房管办,12月31日,1月3日
	EOF
	zdh issue import typed.csv &&
	expect_field XQ-5 due ${Y}-12-31 &&
	expect_field XQ-5 created ${Y}-01-03T00:00:00+08:00
'

NOYEAR="has no year, and digits alone read either way (month/day or day/month)"

test_expect_success 'a day in digits without a year is refused, saying why' '
	test_refused "--date: date '"'"'12/4'"'"' $NOYEAR: write ${Y}/12/4, or 12月4日 for this year" \
		issue add 己 --area 新桥 --date 12/4 &&
	test_refused "--due: date '"'"'12-4'"'"' $NOYEAR: write ${Y}/12/4, or 12月4日 for this year" \
		issue edit XQ-1 --due 12-4 &&
	test_refused "--since: date '"'"'25/12'"'"' $NOYEAR: write ${Y}/12/25, or 12月25日 for this year" \
		issue list --since 25/12 &&
	test_refused "--since: date '"'"'12/4'"'"' $NOYEAR: write ${Y}/12/4, or 12月4日 for this year" \
		report range --since "１２/４" --until ${TODAY} &&
	test_refused "--from: date '"'"'12.4'"'"' $NOYEAR: write ${Y}/12/4, or 12月4日 for this year" \
		menu pair XQ-N1 XQ-F1 --from 12.4 &&
	test_refused "--from: date '"'"'1/2'"'"' $NOYEAR: write ${Y}/1/2, or 1月2日 for this year" \
		council member add XQ-C1 王伯 --role member --from 1/2 &&
	test_refused "--since: date '"'"'1/2'"'"' $NOYEAR: write ${Y}/1/2, or 1月2日 for this year" \
		council meeting list --since 1/2
'

test_expect_success 'and a month-day that is no day is refused with the forms' '
	test_refused "--date: invalid date '"'"'2月30日'"'"' (YYYY-MM-DD, YYYY/MM/DD, YYYY年MM月DD日 or MM月DD日 (this year), a time HH:MM after it; today/今天, tomorrow/明天, yesterday/昨天, 后天, 前天, now/现在)" \
		issue add 庚 --area 新桥 --date 2月30日
'

# digits that are no day either way (12/40, 13/13) were told to be
# written with a year, as "write 2026/12/40": an invalid date, with the forms
test_expect_success 'digits that are no day either way: an invalid date, not "write it with a year"' '
	test_refused "--date: invalid date '"'"'12/40'"'"' (YYYY-MM-DD, YYYY/MM/DD, YYYY年MM月DD日 or MM月DD日 (this year), a time HH:MM after it; today/今天, tomorrow/明天, yesterday/昨天, 后天, 前天, now/现在)" \
		issue add 辛 --area 新桥 --date 12/40 &&
	test_refused "--since: invalid date '"'"'13/13'"'"' (YYYY-MM-DD, YYYY/MM/DD, YYYY年MM月DD日 or MM月DD日 (this year), a time HH:MM after it; today/今天, tomorrow/明天, yesterday/昨天, 后天, 前天, now/现在)" \
		council meeting list --since 13/13
'

test_expect_success 'in Chinese' '
	snapshot zh &&
	test_expect_code 1 zh issue add 己 --area 新桥 --date 12/4 2>err &&
	echo "zdh: --date：日期 '"'"'12/4'"'"' 没有年份，只有数字时月、日先后无法确定：请写 ${Y}/12/4，本年的日期也可写 12月4日" >expect &&
	test_cmp expect err &&
	check_unchanged zh
'

test_done
