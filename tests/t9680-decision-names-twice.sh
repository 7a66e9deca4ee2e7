#!/bin/sh
# A peer's decision naming one voter three times, and one party twice:
# the tally counted the voter three times ("3 of 3 voting members
# present ... 3 for"), and the party twice, so that its one consent could
# never be enough (pending consent for ever).  zdh never writes a name
# twice in a decision's lists; such a decision now has no effect
# (decision version 3), on every replica.
test_description='a decision naming a voter or a party twice has no effect'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: xq with a council and a meeting; the peer ya' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq council add 新桥理事会 --area 新桥 --date 2024-01-10 >/dev/null &&
	at xq council member add XQ-C1 甲 --role member --date 2024-01-10 &&
	at xq council meeting add XQ-C1 --present 甲 --date 2024-02-01 >/dev/null &&
	craft_peer 路灯
'

test_expect_success 'the peer decides with 甲 three times, and 一楼 twice' '
	set="\"set\":{\"council\":\"XQ-C1\",\"date\":\"2024-02-01\",\"meeting\":\"XQ-M1\",\"motion\":\"x\",\"type\":\"general\"}" &&
	rule="\"rule\":{\"majority\":\"simple\",\"quorum\":\"1/2\"}" &&
	tip=$(craft ya/.zdh $(craft_tip) event decision YA-D1 add \
		"{\"close\":true,\"present\":[\"甲\"],$rule,$set,\"voters\":[\"甲\",\"甲\",\"甲\"],\"votes\":{\"甲\":\"for\"}}") &&
	tip=$(craft ya/.zdh $tip event decision YA-D2 add \
		"{\"close\":true,\"parties\":[\"一楼\",\"一楼\"],\"present\":[\"甲\"],$rule,$set,\"voters\":[\"甲\"],\"votes\":{\"甲\":\"for\"}}") &&
	tip=$(craft ya/.zdh $tip event decision YA-D2 consent "{\"party\":\"一楼\"}") &&
	craft_publish $tip &&
	at xq pull ya -q
'

test_expect_success 'neither has effect, here and after a rebuild' '
	at xq log --record YA-D1 >log &&
	grep "\[no effect: a name is twice in voters\]" log &&
	at xq log --record YA-D2 >log &&
	grep "add .*\[no effect: a name is twice in parties\]" log &&
	test_expect_code 1 zdh -C xq council decision show YA-D1 2>err &&
	at xq council show XQ-C1 >show &&
	grep "^decisions:    0$" show &&
	(cd xq && "$ZDH" reindex >/dev/null) &&
	at xq council show XQ-C1 >show &&
	grep "^decisions:    0$" show
'

test_done
