#!/bin/sh
# A dissatisfied callback sends the issue back to work with a new due day
# counted in working days from the callback (not overdue at once), and
# issue edit --due sets one by hand.
test_description='due days: edit --due, back to work after a callback'
. "$(dirname "$0")/lib.sh"

due_of () {
	zdh issue show "$1" --json >show.json &&
	sed -n "s/^  \"due\": \"\(.*\)\",$/\1/p" show.json
}

test_expect_success 'setup: claimed with a due day, resolved' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh config zdh.holidays "" &&
	zdh config category.environment.response-days 5 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 绿化市容所 >/dev/null &&
	zdh issue add 垃圾满溢 --area 新桥 --category environment --date 2026-01-05 >/dev/null &&
	zdh issue claim XQ-1 --dept 绿化市容所 --date 2026-01-05 >/dev/null &&
	due_of XQ-1 >due &&
	echo 2026-01-12 >expect &&
	test_cmp expect due &&
	zdh issue resolve XQ-1 -m 已清运 --date 2026-01-08 >/dev/null
'

test_expect_success 'a dissatisfied callback: back to work, due counted from the callback' '
	zdh config category.environment.response-days 20 &&
	zdh issue close XQ-1 --satisfaction 2 -m 又满了 --date 2026-02-02 &&
	zdh issue show XQ-1 --json >show.json &&
	grep "\"status\": \"claimed\"" show.json &&
	due_of XQ-1 >due &&
	echo 2026-03-02 >expect &&
	test_cmp expect due
'

test_expect_success 'reports: not overdue at the end of the callback month' '
	zdh report monthly --month 2026-02 --json >r.json &&
	grep "\"open_at_end\": 1," r.json &&
	grep "\"overdue_at_end\": 0," r.json
'

test_expect_success 'edit --due sets a new due day' '
	zdh issue edit XQ-1 --due 2026-03-01 -m 延期 --date 2026-02-03 &&
	due_of XQ-1 >due &&
	echo 2026-03-01 >expect &&
	test_cmp expect due
'

test_expect_success 'edit --due of an issue without a dept, or not a day, is refused' '
	zdh issue add 路灯 --area 新桥 --date 2026-02-01 >/dev/null &&
	snapshot before &&
	test_expect_code 1 zdh issue edit XQ-2 --due 2026-03-01 2>err &&
	echo "zdh: XQ-2 has no due yet (see claim and assign)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh issue edit XQ-1 --due 三月 2>err &&
	check_unchanged before
'

test_done
