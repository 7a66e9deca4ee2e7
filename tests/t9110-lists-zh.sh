#!/bin/sh
# Lists typed by Chinese staff: the options that take several names or
# words (--voters, --consent, --areas, --present ...) split on the ASCII
# comma, the full-width comma "，" and the enumeration comma "、", and
# trim ASCII spaces and the ideographic space U+3000 around each item,
# in one helper (zdh_list_next).  --voters 理事长、理事 was one unknown
# role, --areas 新桥、延安公寓 one unknown area.  So do the lists of days
# of the configuration (zdh.holidays, zdh.workdays).
test_description='lists split on , ， and 、 with spaces trimmed'
. "$(dirname "$0")/lib.sh"

sp=$(printf '\343\200\200')	# U+3000, the ideographic space

test_expect_success 'set-up: areas, a council and its members' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	orgs area 新桥 延安公寓 &&
	orgs dept 派出所 &&
	orgs unit 上海博物馆 &&
	zdh council add 新桥理事会 --area 新桥 --date 2026-11-02 >/dev/null &&
	for m in 张 李 王
	do
		zdh council member add XQ-C1 $m --role 理事 --party 居民 --date 2026-11-02 || return 1
	done
'

test_expect_success 'charter: --voters and --consent with 、 and ，, spaces trimmed' '
	zdh council charter XQ-C1 --voters "理事长、${sp}理事 ${sp}" --consent "章程修改，一般事项" \
		--date 2026-11-05 &&
	zdh council show XQ-C1 --json >json &&
	sed -n "/\"charters\"/,\$p" json | tr -d " \n" >flat &&
	grep "\"voters\":\[\"chair\",\"member\"\]" flat &&
	grep "\"consent\":\[\"charter\",\"general\"\]" flat
'

test_expect_success 'meeting add: --present and --excused with 、 and ，' '
	zdh council meeting add XQ-C1 --present "张、 李" --excused "${sp}王，" \
		--date "2026-11-06 19:00" >/dev/null &&
	zdh council meeting show XQ-M1 --json | tr -d " \n" >flat &&
	grep "\"张\":\"present\"" flat &&
	grep "\"李\":\"present\"" flat &&
	grep "\"王\":\"excused\"" flat
'

test_expect_success 'menu offer add: --areas with 、' '
	zdh menu offer add 讲座 --provider 上海博物馆 --category education \
		--areas "延安公寓、${sp}新桥" --date 2026-11-01 >/dev/null &&
	zdh menu offer list --json | tr -d " \n" >flat &&
	grep "\"areas\":\[\"延安公寓\",\"新桥\"\]" flat
'

test_expect_success 'visit liaison add and edit: --areas with 、 and ，' '
	zdh visit liaison add 王强 --dept 派出所 --areas "新桥、延安公寓" --date 2026-11-01 >/dev/null &&
	zdh visit liaison list --json | tr -d " \n" >flat &&
	grep "\"areas\":\[\"延安公寓\",\"新桥\"\]" flat &&
	zdh visit liaison edit XQ-L1 --areas "新桥 ， " --date 2026-11-02 >/dev/null &&
	zdh visit liaison list --json | tr -d " \n" >flat &&
	grep "\"areas\":\[\"新桥\"\]" flat
'

test_expect_success 'the days of zdh.holidays: 、 and ， too, in config and in the due days' '
	zdh config zdh.holidays "2024-03-04，${sp}2024-04-04、2024-05-01" &&
	orgs dept 城管中队 &&
	zdh issue add 弄堂乱停车 --area 新桥 --category parking --date "2024-03-01 09:00" >id &&
	zdh issue claim $(cat id) --dept 城管中队 --date "2024-03-01 10:00" &&
	zdh issue show $(cat id) --json >json &&
	grep "^  \"due\": \"2024-03-11\",\$" json &&
	test_expect_code 1 zdh config zdh.holidays "2024-03-04、2024-13-01" 2>err &&
	echo "zdh: zdh.holidays: '"'"'2024-13-01'"'"' is not a day (YYYY-MM-DD)" >expect &&
	test_cmp expect err
'

test_done
