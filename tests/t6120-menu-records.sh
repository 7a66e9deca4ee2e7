#!/bin/sh
# The record kinds of the menu, visits and projects (offer, need, pairing,
# delivery, liaison, visit, project, fund) as every record: in zdh log
# (--kind, --record), verify, export (each kind, identical after the
# index is lost or rebuilt); and two offices editing one offer at once: a
# conflict shown by show, the listings' --conflicts and zdh conflicts,
# settled by a later edit that saw both.
test_description='menu, visit and project records: log, verify, export, conflicts'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: one record of every kind' '
	xq_and_hub &&
	at xq org add --kind unit 上海博物馆 >/dev/null &&
	at xq org add --kind dept 派出所 >/dev/null &&
	at xq menu offer add 博物馆讲座 --provider 上海博物馆 --category education --capacity 2 \
		--date 2026-02-01 >/dev/null &&
	at xq menu need add 青少年文化活动 --area 新桥 --category education --date 2026-02-01 >/dev/null &&
	at xq menu pair XQ-N1 XQ-F1 --from 2026-03-01 --date 2026-02-02 >/dev/null &&
	at xq menu deliver XQ-P1 --people 12 --hours 2 --date 2026-03-07 >/dev/null &&
	at xq menu feedback XQ-Y1 --satisfaction 5 --date 2026-03-08 &&
	at xq visit liaison add 民警老周 --dept 派出所 --areas 新桥 --date 2026-02-01 >/dev/null &&
	at xq visit add --area 新桥 --liaison 民警老周 -m 走访楼组长 --date 2026-03-02 >/dev/null &&
	at xq fund set --area 新桥 --year 2026 450000 --date 2026-01-05 >/dev/null &&
	at xq project add 楼道灯 --area 新桥 --kind micro --date 2026-03-03 >/dev/null &&
	at xq project budget XQ-J1 1500 --item 灯具 --date 2026-03-03 &&
	at xq project approve XQ-J1 --date 2026-03-04 &&
	at xq project spend XQ-J1 1500 --item 灯具 --date 2026-03-05
'

test_expect_success 'log --kind lists each kind, log --record one record' '
	for k in offer need pairing delivery liaison visit project fund
	do
		at xq log --kind $k >log.$k &&
		test -s log.$k &&
		! grep -v "  $k " log.$k || return 1
	done &&
	test_line_count = 2 log.delivery &&
	at xq log --record XQ-F1 >log.f1 &&
	grep " add .*offer add 博物馆讲座" log.f1 &&
	grep " take .*offer take XQ-F1 XQ-P1" log.f1 &&
	at xq log --record XQ-B1 >log.b1 &&
	grep " spend " log.b1
'

test_expect_success 'verify is clean; export holds every kind, and is the same after the index is lost or rebuilt' '
	at xq verify -q &&
	at xq export >export &&
	for id in XQ-F1 XQ-N1 XQ-P1 XQ-Y1 XQ-L1 XQ-V1 XQ-J1 XQ-B1
	do
		grep "\"id\": \"$id\"" export || return 1
	done &&
	rm xq/.zdh/index.db &&
	at xq export >again &&
	test_cmp export again &&
	at xq reindex >/dev/null 2>&1 &&
	at xq export >again &&
	test_cmp export again
'

test_expect_success 'two offices edit the title of one offer at once: a conflict, shown everywhere' '
	at xq remote add hub ../hub.git &&
	at xq push hub 2>err &&
	zdh clone hub.git ya --replica yanan --prefix YA -q &&
	at xq menu offer edit XQ-F1 --title 博物馆青少年讲座 --date 2026-03-10 &&
	at ya menu offer edit XQ-F1 --title 博物馆周末讲座 --date 2026-03-10 &&
	at xq sync -q && at ya sync -q && at xq sync -q &&
	at xq export >xq.export &&
	at ya export >ya.export &&
	test_cmp xq.export ya.export &&
	at xq menu show XQ-F1 >show &&
	grep "title" show | grep "博物馆青少年讲座" &&
	grep "博物馆周末讲座" show &&
	at xq menu offer list --conflicts --format csv >list &&
	grep "^XQ-F1," list &&
	at xq conflicts --kind offer >c &&
	grep "XQ-F1" c &&
	at xq menu show XQ-F1 --json >show.json &&
	grep "\"field\": \"title\"" show.json
'

test_expect_success 'an edit that saw both settles it' '
	at xq menu offer edit XQ-F1 --title 博物馆青少年周末讲座 -m 两边合并 --date 2026-03-11 &&
	at xq menu offer list --conflicts --format csv >list &&
	test_line_count = 1 list &&
	at xq conflicts --kind offer >c &&
	! grep XQ-F1 c &&
	at xq sync -q && at ya sync -q &&
	at ya menu show XQ-F1 >show &&
	grep "博物馆青少年周末讲座" show
'

test_done
