#!/bin/sh
# Two offices spend from one fund at the same time: after syncing, every
# replica holds the same state, the fund is not below zero, and the spend
# that sorts later says it had no effect and why.  Concurrent budgets are
# a conflict; of two concurrent pairings of the last place of an offer, the
# one whose place sorts later holds none (t6110 tells it in full).
test_description='funds, projects and the menu converge across offices'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: xinqiao and yanan share a hub; a fund of 1000 yuan' '
	xq_and_hub &&
	at xq org add --kind unit 上海博物馆 >/dev/null &&
	at xq fund set --area 新桥 --year 2026 1000 --date 2026-01-05 >/dev/null &&
	at xq project add 铁门 --area 新桥 --kind micro --date 2026-02-01 >/dev/null &&
	at xq project budget XQ-J1 800 --item 铁门 --date 2026-02-01 &&
	at xq project approve XQ-J1 --date 2026-02-02 &&
	at xq project add 路灯 --area 新桥 --date 2026-02-01 >/dev/null &&
	at xq project budget XQ-J2 700 --item 路灯 --date 2026-02-01 &&
	at xq project approve XQ-J2 --date 2026-02-02 &&
	at xq menu offer add 孤老结对助老 --provider 上海博物馆 --category elderly --capacity 1 \
		--date 2026-02-01 >/dev/null &&
	at xq menu need add 孤老陪伴 --area 新桥 --category elderly --date 2026-02-01 >/dev/null &&
	at xq menu need add 独居老人 --area 新桥 --category elderly --date 2026-02-01 >/dev/null &&
	at xq remote add hub ../hub.git &&
	at xq push hub 2>err &&
	zdh clone hub.git ya --replica yanan --prefix YA -q
'

test_expect_success 'each office spends within the balance it sees' '
	at xq project spend XQ-J1 600 --item 铁门 --date 2026-03-01 &&
	at ya project spend XQ-J2 500 --item 路灯 --date 2026-03-01 &&
	at xq fund show --format csv >xq.fund &&
	grep ",600.00,400.00$" xq.fund &&
	at ya fund show --format csv >ya.fund &&
	grep ",500.00,500.00$" ya.fund
'

test_expect_success 'concurrent budgets and pairings' '
	at xq fund set --area 新桥 --year 2026 1200 --date 2026-03-02 >/dev/null &&
	at ya fund set --area 新桥 --year 2026 1100 --date 2026-03-02 >/dev/null &&
	at xq menu pair XQ-N1 XQ-F1 --from 2026-04-01 --date 2026-03-02 >/dev/null &&
	at ya menu pair XQ-N2 XQ-F1 --from 2026-04-01 --date 2026-03-02 >/dev/null
'

test_expect_success 'after syncing, both agree and the fund is not below zero' '
	at xq sync -q &&
	at ya sync -q &&
	at xq sync -q &&
	at xq export >xq.export &&
	at ya export >ya.export &&
	test_cmp xq.export ya.export &&
	at xq fund show --format csv >xq.fund &&
	at ya fund show --format csv >ya.fund &&
	test_cmp xq.fund ya.fund &&
	at xq verify -q &&
	at ya verify -q
'

test_expect_success 'exactly one spend had no effect, and says the balance it met' '
	at xq project show XQ-J1 --json >j1 &&
	at xq project show XQ-J2 --json >j2 &&
	cat j1 j2 | grep -c "\"effect\": false" >count &&
	echo 1 >expect &&
	test_cmp expect count &&
	cat j1 j2 | grep "\"note\": \"fund XQ-B1 (新桥 2026) has [0-9.]* left; [0-9.]* would take it below zero\"" &&
	at xq fund show --json >fund.json &&
	! grep "\"balance\": -" fund.json &&
	at xq project show XQ-J1 >s1 &&
	at xq project show XQ-J2 >s2 &&
	cat s1 s2 | grep "\[no effect: fund XQ-B1"
'

test_expect_success 'the rebuilt index folds the same' '
	rm ya/.zdh/index.db &&
	at ya export >ya.again &&
	test_cmp xq.export ya.again
'

test_expect_success 'the concurrent budgets are a conflict until a later set' '
	at xq log --record XQ-B1 >log &&
	grep -c "fund set" log >n &&
	echo 2 >expect &&
	test_cmp expect n &&
	at xq export >e &&
	grep -A3 "\"XQ-B1\"" e | grep -q . &&
	grep "conflict" e &&
	at xq fund show >f &&
	grep "^XQ-B1!  新桥" f &&
	at xq fund show --json >fj &&
	tr -d " \n" <fj | grep "\"conflicts\":\[\"budget\"\]" &&
	at xq fund set --area 新桥 --year 2026 1200 --date 2026-03-03 >/dev/null &&
	at xq fund show >f &&
	grep "^XQ-B1  新桥" f
'

test_expect_success 'of two pairings of the last place, the later holds none; match shows the offer full, not over' '
	at xq menu pairings --all --format csv >p &&
	test_line_count = 3 p &&
	grep -c ",no-place$" p >n &&
	echo 1 >expect &&
	test_cmp expect n &&
	at xq menu match XQ-N1 --month 2026-04 >m &&
	grep "full in 2026-04 (1 of 1 taken)" m
'

test_done
