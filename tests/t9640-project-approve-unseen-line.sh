#!/bin/sh
# An office approves a project while another adds a budget line it has
# not seen; the line sorts before the approval.  The approval counted the
# unseen line: every replica showed the project approved for 1500.00 when
# the approver saw, and approved, 800.00, and let spends up to 1500.00.
# An approval now names the amount its writer saw (project version 2), and
# the project is approved for that; a peer's approval of more than the
# lines hold has no effect.
test_description='an approval is of the budget its writer saw'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: xq proposes a project of 800.00, ya clones' '
	xq_and_hub &&
	at xq fund set --area 新桥 --year 2026 5000 --date 2026-01-05 >/dev/null &&
	at xq project add 铁门 --area 新桥 --kind micro --year 2026 --date 2026-02-01 >/dev/null &&
	at xq project budget XQ-J1 800 --item 铁门 --date 2026-02-01 &&
	two_offices_cloned origin
'

test_expect_success 'ya adds a line; xq, not having seen it, approves later in fold order' '
	at ya project budget XQ-J1 700 --item 油漆 --date 2026-02-02 &&
	at xq org add --kind area 延安 >/dev/null &&
	at xq project approve XQ-J1 --date 2026-02-03 &&
	at xq sync -q && at ya sync -q && at xq sync -q
'

test_expect_success 'both replicas: approved for 800.00, the lines total 1500.00' '
	for r in xq ya
	do
		at $r project show XQ-J1 >show &&
		grep "^approved:     800.00$" show &&
		grep "1500.00  total" show &&
		at $r project show XQ-J1 --json >json &&
		grep "\"approved\": 80000," json &&
		at $r project list --format csv >list &&
		grep "^XQ-J1,.*,800.00," list || return 1
	done &&
	(cd ya && "$ZDH" reindex >/dev/null && "$ZDH" project show XQ-J1 >../rebuilt) &&
	grep "^approved:     800.00$" rebuilt
'

test_expect_success 'a spend beyond what was approved is refused, nothing written' '
	git --git-dir=ya/.zdh for-each-ref >before &&
	test_expect_code 1 zdh -C ya project spend XQ-J1 900 --item 水泥 2>err &&
	echo "zdh: project XQ-J1 was approved for 800.00 and has spent 0.00; 900.00 more is beyond it" >expect &&
	test_cmp expect err &&
	git --git-dir=ya/.zdh for-each-ref >after &&
	test_cmp before after
'

test_expect_success 'a peer approval of more than the budget has no effect, the same everywhere' '
	at xq project add 路灯 --area 新桥 --kind micro --year 2026 --date 2026-02-01 >/dev/null &&
	at xq project budget XQ-J2 300 --item 路灯 --date 2026-02-01 &&
	at xq push -q && at ya pull -q && at ya org add --kind area 华山 >/dev/null &&
	CRAFT_REPLICA=yanan && export CRAFT_REPLICA &&
	tip=$(craft ya/.zdh $(git --git-dir=ya/.zdh rev-parse refs/zdh/log/yanan) \
		event project XQ-J2 approve "{\"amount\":99999900}") &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan "$tip" &&
	(cd ya && "$ZDH" reindex >/dev/null) && at ya push -q && at xq pull -q &&
	for r in xq ya
	do
		at $r project show XQ-J2 >show &&
		head -1 show >status &&
		grep "proposed" status &&
		! grep "^approved:" show &&
		at $r log --record XQ-J2 >log &&
		grep "project XQ-J2 has a budget of 300.00; an approval of 999999.00 is beyond it" log ||
		return 1
	done
'

test_done
