#!/bin/sh
# Two offices each create the fund of one area and year (both first sets,
# before syncing): both funds exist and a project's spends go to the first
# in id order (zdh-project(1), FUNDS UNDER SYNC).  A project that spent
# from the other fund before the sync then showed spent 0.00, and was let
# spend its whole approval a second time from the first fund.  What a
# project spent is the sum over every fund of its area and year.
test_description='a project that spent from a second fund of its area and year'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: two offices each set the fund of 新桥 for 2026' '
	xq_and_hub &&
	two_offices_cloned origin &&
	at xq fund set --area 新桥 --year 2026 10000 >/dev/null &&
	at ya fund set --area 新桥 --year 2026 20000 >/dev/null &&
	at ya project add 坡道 --area 新桥 --year 2026 >/dev/null &&
	at ya project budget YA-J1 15000 --item 材料 &&
	at ya project approve YA-J1 &&
	at ya project spend YA-J1 15000 --item 水泥 &&
	at xq sync -q && at ya sync -q && at xq sync -q &&
	at xq fund show --format csv >funds &&
	grep "^XQ-B1,新桥,2026,10000.00,15000.00,0.00,10000.00" funds &&
	grep "^YA-B1,新桥,2026,20000.00,15000.00,15000.00,5000.00" funds
'

test_expect_success 'the project has spent 15000 on both replicas, in list, show and JSON' '
	for r in xq ya
	do
		at $r project list --format csv >list &&
		grep "^YA-J1,.*,15000.00,15000.00,坡道$" list &&
		at $r project show YA-J1 >show &&
		grep "^approved:     15000.00$" show &&
		grep "^spent:        15000.00$" show &&
		grep "15000.00  水泥" show &&
		at $r project show YA-J1 --json >json &&
		grep "\"spent\": 1500000" json &&
		grep "\"item\": \"水泥\"" json || return 1
	done
'

test_expect_success 'a second spend beyond the approval is refused, nothing written' '
	git --git-dir=ya/.zdh for-each-ref >before &&
	test_expect_code 1 zdh -C ya project spend YA-J1 10000 --item 又一次 2>err &&
	echo "zdh: project YA-J1 was approved for 15000.00 and has spent 15000.00; 10000.00 more is beyond it" >expect &&
	test_cmp expect err &&
	git --git-dir=ya/.zdh for-each-ref >after &&
	test_cmp before after
'

test_done
