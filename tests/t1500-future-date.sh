#!/bin/sh
# A --date more than a day ahead (a year typed one too high) is refused by
# every write, one line, exit 1, nothing written, unless --future says it
# is meant; reads (--since, --until, council show --date) are not writes.
test_description='dates in the future'
. "$(dirname "$0")/lib.sh"

# refused ARGS...: exit 1, one line naming --future, repository unchanged.
refused () {
	snapshot before &&
	test_expect_code 1 zdh "$@" >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: --date: date .* is more than a day in the future (give --future if it is meant)$" err &&
	check_unchanged before
}

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 房管办 >/dev/null &&
	zdh issue add 路灯不亮 --area 新桥 --date 2026-01-05 >/dev/null &&
	zdh council add 新桥议事会 --area 新桥 --date 2026-01-05 >/dev/null &&
	printf "name,kind\n派出所,dept\n" >orgs.csv
'

test_expect_success 'every kind of write refuses a date a year ahead' '
	future=$(($(date +%Y) + 1))-05-01 &&
	refused issue add 路灯 --area 新桥 --date $future &&
	refused issue claim XQ-1 --dept 房管办 --date $future &&
	refused issue comment XQ-1 -m 看过 --date "$future 10:00" &&
	refused org add --kind dept 城管 --date $future &&
	refused org import orgs.csv --date $future &&
	refused council add 议事会 --date $future &&
	refused menu offer add 理发 --provider 房管办 --category 助老 --date $future &&
	refused person add 张三 --email z@example.org --date $future &&
	refused visit liaison add 李四 --dept 房管办 --areas 新桥 --date $future &&
	refused project add 加装电梯 --area 新桥 --date $future &&
	refused report save open --sql "select 1" --date $future
'

test_expect_success 'a date within a day is not refused (zones and clocks differ)' '
	zdh issue comment XQ-1 -m 明早 --date "@$(($(date +%s) + 80000))" &&
	zdh issue show XQ-1 --json >show &&
	grep 明早 show
'

test_expect_success '--future writes the date as given' '
	future=$(($(date +%Y) + 1))-05-01 &&
	zdh issue add 明年的活动 --area 新桥 --date $future --future >id &&
	echo XQ-2 >expect &&
	test_cmp expect id &&
	zdh issue show XQ-2 --json >show &&
	grep "\"date\": \"$future" show &&
	zdh council add 明年议事会 --date $future --future >/dev/null &&
	zdh org add --kind dept 城管 --date $future --future >/dev/null
'

test_expect_success 'reads take dates ahead: --until, council show --date' '
	zdh issue list --until 2099-01-01 >out &&
	grep 路灯不亮 out &&
	zdh log --until 2099-01-01 >out &&
	grep 路灯不亮 out &&
	zdh council show 新桥议事会 --date 2099-01-01 >/dev/null
'

test_expect_success '--future is listed by -h of every write, not a verb that reads' '
	zdh issue add -h >help &&
	grep -- "--future" help &&
	zdh org add -h >help &&
	grep -- "--future" help &&
	test_must_fail zdh issue list --future 2>err &&
	grep "unknown option" err
'

test_done
