#!/bin/sh
# issue show lists the visits and needs that name the issue, through
# records_visit_issue and records_need_issue.  A kind's indexes are made
# with its first record, so in a repository with no visit or no need yet
# those queries read every record of every kind: a show of one issue
# among 1,000,000 took 0.8 s and 1,075 million instructions (108 million
# among 100,000), not flat.  Such a kind is asked nothing now: the show
# reads no whole table, and lists the visits and needs once there are.
test_description='issue show: no visit or need yet, no table read whole'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: an area and three issues, no visit, no need' '
	zdh init --replica xinqiao --prefix XQ r >/dev/null &&
	cd r &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 派出所 >/dev/null &&
	zdh issue add "楼道灯坏了" --area 新桥 >/dev/null &&
	zdh issue add "漏水" --area 新桥 >/dev/null &&
	zdh issue add "独居老人洗澡难" --area 新桥 >/dev/null
'

test_expect_success 'show, text and --json: no plan reads records whole' '
	cd r &&
	ZDH_TRACE_PLAN=1 zdh issue show XQ-2 >out 2>trace &&
	grep "^XQ-2  open  漏水$" out &&
	! grep "SCAN main.records\$" trace &&
	! grep "SCAN records\$" trace &&
	ZDH_TRACE_PLAN=1 zdh issue show XQ-2 --json >out.json 2>trace &&
	! grep "SCAN main.records\$" trace &&
	! grep "SCAN records\$" trace
'

test_expect_success 'a visit and a need later: listed, through their indexes' '
	cd r &&
	zdh visit liaison add 王强 --dept 派出所 --areas 新桥 >/dev/null &&
	zdh visit add --area 新桥 --liaison 王强 -m 回访 --issue XQ-3 --date 2026-11-20 >/dev/null &&
	zdh menu need add 助浴服务 --area 新桥 --category elderly --issue XQ-3 >/dev/null &&
	ZDH_TRACE_PLAN=1 zdh issue show XQ-3 >out 2>trace &&
	grep "^visits: *XQ-V1  2026-11-20  王强  回访\$" out &&
	grep "^needs: *XQ-N1 " out &&
	grep "records_visit_issue" trace &&
	grep "records_need_issue" trace &&
	! grep "SCAN main.records\$" trace &&
	zdh issue show XQ-2 >out2 &&
	! grep "^visits:" out2 &&
	! grep "^needs:" out2
'

test_done
