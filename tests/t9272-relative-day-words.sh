#!/bin/sh
# "zdh issue claim XQ-1 --due 明天" was refused as an invalid date: only
# today/今天 and yesterday/昨天 were read.  Every option that takes a date
# or a day now reads tomorrow/明天, 后天 (the day after) and 前天 (the day
# before yesterday) as well, each the midnight of that day in the
# repository's zone, not the machine's; a write's --date 后天 is more
# than a day ahead and needs --future, as any such date does.
test_description='tomorrow, 明天, 后天 and 前天 as dates'
. "$(dirname "$0")/lib.sh"

# The zone where a day starts 14 hours before UTC's: today there is
# tomorrow in UTC for ten hours of every day.
ZONE=Pacific/Kiritimati

# day N: the day N days from today in $ZONE (YYYY-MM-DD)
day () {
	TZ=$ZONE date -d "$1 days" +%Y-%m-%d
}

# around CMD...: run CMD; 0 when the day did not change while it ran
# (a test that expects a day does not fail at midnight)
before_= after_=
around () {
	before_=$(day 0) && "$@" && after_=$(day 0)
}

test_expect_success 'a repository in a zone far from UTC' '
	test -f /usr/share/zoneinfo/$ZONE &&
	zdh init --replica xinqiao --prefix XQ --timezone $ZONE >/dev/null &&
	orgs area 新桥 && orgs dept 城管中队 &&
	zdh issue add 52弄乱停车 --area 新桥 >/dev/null &&
	zdh issue add 门口堆物 --area 新桥 >/dev/null
'

test_expect_success '--due 明天 and --due tomorrow are the next day, 后天 the one after' '
	around zdh issue claim XQ-1 --dept 城管中队 --due 明天 &&
	zdh issue show XQ-1 --json >show &&
	{ test "$before_" != "$after_" || grep "\"due\": \"$(day 1)\"" show; } &&
	around zdh issue claim XQ-2 --dept 城管中队 --due Tomorrow &&
	zdh issue show XQ-2 --json >show &&
	{ test "$before_" != "$after_" || grep "\"due\": \"$(day 1)\"" show; } &&
	around zdh issue edit XQ-2 --due 后天 &&
	zdh issue show XQ-2 --json >show &&
	{ test "$before_" != "$after_" || grep "\"due\": \"$(day 2)\"" show; }
'

test_expect_success 'a report range from 前天 to 明天' '
	around zdh report range --since 前天 --until 明天 --json >r &&
	{ test "$before_" != "$after_" ||
	  { grep "\"first\": \"$(day -2)\"" r && grep "\"last\": \"$(day 1)\"" r; }; }
'

test_expect_success 'lists take them: the issues added since 前天, until 明天' '
	zdh issue list --since 前天 --until 明天 --format csv >l &&
	grep "^XQ-1," l && grep "^XQ-2," l &&
	zdh issue list --since 明天 --format csv >l &&
	! grep "^XQ-" l
'

test_expect_success 'a council member from 明天' '
	zdh council add 新桥理事会 --area 新桥 >/dev/null &&
	around zdh council member add XQ-C1 张三 --role member --from 明天 &&
	zdh council show XQ-C1 --json >c &&
	{ test "$before_" != "$after_" || grep "\"from\": \"$(day 1)\"" c; }
'

test_expect_success 'a write dated 后天 needs --future, as any date more than a day ahead' '
	snapshot before &&
	test_expect_code 1 zdh issue add 后天的活动 --area 新桥 --date 后天 2>err &&
	grep "^zdh: --date: date .后天. is more than a day in the future" err &&
	check_unchanged before &&
	zdh issue add 后天的活动 --area 新桥 --date 后天 --future >/dev/null
'

test_done
