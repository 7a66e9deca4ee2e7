#!/bin/sh
# A record new to a catch-up and its later events in the same pull: the
# first event folds the record from all its rows (later ones included),
# and each later event folded it whole again, so a peer's decision of
# thousands of voters and its hundreds of votes did not pull in minutes
# (12,000 voters, 300 votes), on every office.  Events a whole fold took
# in are not folded again; the tally looks voters up in a sorted set.
test_description='a peer decision with many voters and many votes pulls in seconds'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: a council and a meeting; a peer adds a decision of 4,000 voters and 300 votes' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq council add 新桥理事会 --area 新桥 >/dev/null &&
	at xq council member add XQ-C1 王阿姨 --role chair &&
	at xq council meeting add XQ-C1 --present 王阿姨 >/dev/null &&
	craft_peer 路灯 &&
	voters=$(seq -f "V%05g" 0 3999 | sed "s/.*/\"&\"/" | paste -sd, -) &&
	{
		echo "event decision YA-D1 add {\"present\":[$voters],\"rule\":{\"charter\":1,\"consent\":false,\"majority\":\"simple\",\"quorum\":\"1/2\"},\"set\":{\"council\":\"XQ-C1\",\"date\":\"2026-12-03\",\"meeting\":\"XQ-M1\",\"motion\":\"m\",\"type\":\"general\"},\"voters\":[$voters]}" &&
		seq -f "%05g" 0 299 | sed "s/.*/event decision YA-D1 vote {\"member\":\"V&\",\"vote\":\"for\"}/"
	} >events &&
	test_line_count = 301 events &&
	tip=$(craft_many ya/.zdh "$(craft_tip)" <events) &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan "$tip"
'

test_expect_success 'the pull and a reindex take seconds, and agree' '
	at xq remote add ya ../ya &&
	timeout 20 "$ZDH" -C xq pull ya >/dev/null 2>&1 &&
	at xq council decision show YA-D1 --json >before.json &&
	grep "300 for, 0 against" before.json &&
	at xq export >export1 &&
	timeout 20 "$ZDH" -C xq reindex >/dev/null &&
	at xq export >export2 &&
	test_cmp export1 export2
'

test_done
