#!/bin/sh
# A peer's events that break no rule of the log (zdh-repository(5),
# RULES) but whose data no zdh writes (a title that is a number or empty,
# an issue without a title, a claim without a department): the fold gives
# them no effect, on every replica.  pull named the trust's refusals and
# the rules', and said nothing of these: now each is named in one line, as
# the others are, once; an event refused for the state it meets (a close
# of a closed issue) is the fold's ordinary outcome, and is not named.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: an office, a peer whose log holds malformed events' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq issue add 本地的事 >/dev/null &&
	craft_peer 路灯不亮 &&
	tip=$(craft_tip) &&
	e1=$(craft ya/.zdh $tip event issue YA-1 edit "{\"set\":{\"title\":\"\"}}") &&
	e2=$(craft ya/.zdh $e1 event issue YA-1 edit "{\"set\":{\"title\":42}}") &&
	e3=$(craft ya/.zdh $e2 event issue YA-2 add "{\"set\":{\"source\":\"other\"}}") &&
	e4=$(craft ya/.zdh $e3 event issue YA-1 claim "{}") &&
	e5=$(craft ya/.zdh $e4 event issue YA-1 close "{}") &&
	e6=$(craft ya/.zdh $e5 event issue YA-1 close "{}") &&
	craft_publish $e6
'

test_expect_success 'pull names each malformed event, newest first, and exits 0' '
	at xq pull ya >out 2>err &&
	short () { echo $1 | cut -c1-12; } &&
	cat >expect <<-EOF &&
	zdh: warning: refs/zdh/log/yanan: commit $(short $e4): malformed, no effect: a claim needs a dept
	zdh: warning: refs/zdh/log/yanan: commit $(short $e3): malformed, no effect: an issue needs a title
	zdh: warning: refs/zdh/log/yanan: commit $(short $e2): malformed, no effect: title is not text
	zdh: warning: refs/zdh/log/yanan: commit $(short $e1): malformed, no effect: title is empty
	EOF
	test_cmp expect err &&
	at xq issue show YA-1 >show &&
	grep "^YA-1  open  路灯不亮" show &&
	test $(grep -c "close  \[no effect: YA-1 is open" show) = 2
'

test_expect_success 'named once: the next pull says nothing' '
	at xq pull ya >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'a clone names them too, in Chinese' '
	LANGUAGE=zh_CN "$ZDH" clone xq/.zdh third --replica third --prefix TH 2>err &&
	test $(grep -c "refs/zdh/log/yanan" err) = 4 &&
	! grep "malformed" err
'

# A claim whose data is well formed but names an org id no one here has
# (a peer's event is replayed unchecked: zdh's own write looks the org
# up): the issue was claimed by a department that does not exist, and
# pull said nothing; now it is told with the org-role news.
test_expect_success 'a claim naming an org no one holds is told' '
	tip=$(craft_tip) &&
	e7=$(craft ya/.zdh $tip event issue XQ-1 claim "{\"set\":{\"dept\":\"XQ-O99\"}}") &&
	e8=$(craft ya/.zdh $e7 event issue YA-1 edit "{\"set\":{\"title\":\"路灯不亮了\"}}") &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan $e8 &&
	at xq pull ya >out 2>err &&
	echo "XQ-1 names XQ-O99 as dept, an org this replica does not hold" >expect &&
	test_cmp expect err &&
	at xq pull ya >out 2>err &&
	test_must_be_empty err
'

test_done
