#!/bin/sh
# A visit's day is a day of the calendar (visit version 2).  Version 1
# took any day 1-31, so a peer's visit on 2024-02-30 took effect and was
# listed; now it has no effect on any replica, and 29 February still
# holds in a leap year only.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

# peer_visit ID CLOCK DAY [PARENT]: a peer's visit add on DAY
peer_visit () {
	craft .zdh refs/zdh/log/yanan "visit add $1" \
		"$(craft_json yanan $2 visit add $1 "{\"set\":{\"area\":\"新桥\",\"day\":\"$3\",\"dept\":\"房管办\",\"liaison\":\"王强\",\"notes\":\"巡查\"}}" ${4:+\"$4\"})" $4
}

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 房管办 >/dev/null
'

test_expect_success 'a peer visit on 2024-02-30, 2023-02-29 or 2024-04-31 has no effect' '
	one=$(peer_visit YA-V1 100 2024-02-30) &&
	two=$(peer_visit YA-V2 101 2023-02-29 $one) &&
	three=$(peer_visit YA-V3 102 2024-04-31 $two) &&
	four=$(peer_visit YA-V4 103 2024-02-29 $three) &&
	zdh log --record YA-V1 >log &&
	grep "no effect" log &&
	for v in YA-V1 YA-V2 YA-V3
	do
		test_must_fail zdh visit show $v 2>/dev/null || return 1
	done &&
	zdh visit show YA-V4 >out &&
	grep 2024-02-29 out
'

test_expect_success 'the same after a reindex' '
	zdh reindex >/dev/null 2>&1 &&
	test_must_fail zdh visit show YA-V1 2>/dev/null &&
	zdh visit show YA-V4 >/dev/null
'

test_done
