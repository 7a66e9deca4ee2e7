#!/bin/sh
# One office closes a decision rejected while another, not having heard of
# it, adds an action of it (action add refuses that where the close is
# seen).  Every replica keeps the action, open; it can never be done, so
# action done says the decision is closed (not "not adopted yet"), and the
# pull that brings either side says so, as zdh-sync(1) and zdh-council(1)
# tell; a pull of nothing of theirs says nothing.
test_description='an action added while another office closed its decision rejected'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: xq has a council of three, a decision open; ya clones' '
	council_of_three &&
	at xq org add --kind dept 房管办 >/dev/null &&
	at xq council meeting add XQ-C1 --present 甲,乙,丙 --date 2024-02-01 >/dev/null &&
	at xq council decide XQ-M1 --motion 加装坡道 --date 2024-02-01 >/dev/null &&
	at xq council decide XQ-M1 --motion 修缮门禁 --date 2024-02-01 >/dev/null &&
	two_offices_cloned
'

test_expect_success 'xq closes XQ-D1 rejected; ya, not having heard, adds an action of it' '
	at xq council vote XQ-D1 --member 甲 --vote against >/dev/null &&
	at xq council vote XQ-D1 --member 乙 --vote against >/dev/null &&
	at xq council close XQ-D1 >/dev/null &&
	test_must_fail at xq council action add XQ-D1 --action 修坡道 --dept 房管办 2>err &&
	echo "zdh: XQ-D1 is closed, rejected: an action of it could never be done" >expect &&
	test_cmp expect err &&
	at ya council action add XQ-D1 --action 修坡道 --dept 房管办 --due 2024-03-01 >out &&
	echo YA-A1 >expect &&
	test_cmp expect out &&
	at ya council action add XQ-D2 --action 换门禁 --dept 房管办 >/dev/null &&
	at ya push -q
'

test_expect_success 'the pull that brings either side says the action can never be done' '
	echo "YA-A1 is an action of XQ-D1, closed rejected: it can never be done (void it)" >expect &&
	cp -r xq xq.zh &&
	at xq pull >out 2>err &&
	test_cmp expect err &&
	at xq push -q &&
	at ya pull >out 2>err &&
	test_cmp expect err &&
	LANGUAGE=zh_CN at xq.zh pull >out 2>err &&
	echo "YA-A1 是 XQ-D1 的行动，该决议已关闭（未通过）：永远无法完成（请作废，zdh council action void）" >expect &&
	test_cmp expect err
'

test_expect_success 'action done names the decision closed, nothing written' '
	git --git-dir=ya/.zdh rev-parse refs/zdh/log/yanan >before &&
	test_must_fail at ya council action done YA-A1 -m 已修 2>err &&
	echo "zdh: XQ-D1 is closed, rejected: an action of it could never be done" >expect &&
	test_cmp expect err &&
	git --git-dir=ya/.zdh rev-parse refs/zdh/log/yanan >after &&
	test_cmp before after
'

test_expect_success 'a pull of nothing of theirs says nothing; the action stays open' '
	at ya council vote XQ-D2 --member 甲 --vote for >/dev/null &&
	at ya push -q &&
	at xq pull >out 2>err &&
	test_must_be_empty err &&
	at ya council decision show XQ-D1 >show &&
	grep "YA-A1  open" show &&
	at xq council action list --open --format csv >list &&
	grep "^YA-A1," list
'

test_expect_success 'every replica agrees and verifies' '
	at xq push -q && at ya pull -q &&
	at xq export >xq.json &&
	at ya export >ya.json &&
	test_cmp xq.json ya.json &&
	at xq verify -q &&
	at ya verify -q
'

test_done
