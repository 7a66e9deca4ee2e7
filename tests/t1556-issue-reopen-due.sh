#!/bin/sh
# A reopen sends an issue that a department had back to it with a new due
# day, counted in working days from the reopen as a dissatisfied
# callback's is: before, the ramp of case 4 reopened on 25 November kept
# the due day of its first claim (19 November) and was overdue at once,
# in --overdue, the inbox and the month's report.  An issue without a
# department reopens to open with no due day, as before.
test_description='issue reopen: a new due day'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-issue.sh"

test_expect_success 'setup: the ramp claimed, resolved and closed' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh config zdh.holidays "" &&
	zdh org add --kind area 天津路426弄 --date 2026-01-01 >/dev/null &&
	zdh org add --kind dept 房管办 --date 2026-01-01 >/dev/null &&
	zdh issue add 坡道 --area 天津路426弄 --category accessibility --date 2026-11-12 >/dev/null &&
	zdh issue claim XQ-1 --dept 房管办 --date 2026-11-12 &&
	expect_field XQ-1 due 2026-11-19 &&
	zdh issue resolve XQ-1 -m 已建 --date 2026-11-20 &&
	zdh issue close XQ-1 --satisfaction 5 --date 2026-11-21
'

test_expect_success 'reopen: claimed again, due five working days after the reopen' '
	zdh issue reopen XQ-1 -m 扶手松动 --date 2026-11-25 &&
	expect_field XQ-1 status claimed &&
	expect_field XQ-1 due 2026-12-02 &&
	git --git-dir=.zdh log -1 --format=%B refs/zdh/log/xinqiao >event &&
	grep "\"op\":\"reopen\"" event &&
	grep "\"set\":{\"due\":\"2026-12-02\"}" event
'

test_expect_success 'not overdue at the end of the month of the reopen' '
	zdh report monthly --month 2026-11 --json >r.json &&
	grep "\"open_at_end\": 1," r.json &&
	grep "\"overdue_at_end\": 0," r.json &&
	zdh report monthly --month 2026-11 --area 天津路426弄 --json >r2.json &&
	grep "^    \"overdue_at_end\": 0," r2.json
'

test_expect_success 'history says the new due day, a rebuild folds the same' '
	zh issue show XQ-1 >show &&
	grep "重新打开  截止=2026-12-02  扶手松动" show &&
	zdh issue show XQ-1 --json >before.json &&
	zdh reindex >/dev/null 2>&1 &&
	zdh issue show XQ-1 --json >after.json &&
	test_cmp before.json after.json &&
	zdh verify >/dev/null
'

test_expect_success 'an issue with no department reopens to open, with no due day' '
	zdh issue add 积水 --area 天津路426弄 --date 2026-11-02 >/dev/null &&
	zdh issue escalate XQ-2 -m 网格 --date 2026-11-03 &&
	zdh issue resolve XQ-2 -m 已排水 --date 2026-11-04 &&
	zdh issue reopen XQ-2 -m 又积水 --date 2026-11-10 &&
	zdh issue show XQ-2 --json >show.json &&
	grep "\"status\": \"open\"" show.json &&
	! grep "\"due\"" show.json
'

test_done
