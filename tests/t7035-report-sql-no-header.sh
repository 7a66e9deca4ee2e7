#!/bin/sh
# zdh(1): every list takes --no-header, its table without the header row,
# for a script that counts or cuts rows.  report sql and report run print
# such a table (and take --excel, as every list does), but refused
# --no-header with a usage error: a cron job reading a saved query's rows
# had to cut the header off itself.
test_description='report sql and run: --no-header'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 --date 2025-01-01 >/dev/null &&
	zdh org add --kind area "延安,\"东\"区" --date 2025-01-01 >/dev/null &&
	zdh issue add 楼道堆物 --area 新桥 --date 2025-12-03 >/dev/null &&
	zdh issue add 路灯不亮 --area 新桥 --date 2025-12-04 >/dev/null &&
	zdh issue add 积水 --area "延安,\"东\"区" --date 2025-12-05 >/dev/null &&
	zdh report save 各区 --sql "SELECT area, count(*) AS n FROM issues GROUP BY area ORDER BY area" >/dev/null
'

test_expect_success 'sql --no-header: the rows alone, aligned as with it' '
	zdh report sql --no-header "SELECT area, count(*) AS n FROM issues GROUP BY area ORDER BY area" >actual &&
	cat >expect <<-\EOS &&
	延安,"东"区  1
	新桥         2
	EOS
	test_cmp expect actual
'

test_expect_success 'run --no-header, read row by row' '
	zdh report run 各区 --no-header >rows &&
	while read -r area n
	do
		echo "$n $area"
	done <rows >actual &&
	printf "1 延安,\"东\"区\n2 新桥\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'the CSV keeps its header, quoted as RFC 4180 says' '
	zdh report run 各区 --no-header --format csv >actual &&
	cat >expect <<-\EOS &&
	area,n
	"延安,""东""区",1
	新桥,2
	EOS
	test_cmp expect actual
'

test_expect_success 'no rows: nothing at all' '
	zdh report sql --no-header "SELECT area FROM issues WHERE 0" >actual &&
	test_must_be_empty actual
'

test_done
