#!/bin/sh
# The news of a pull (and of a write of people) that new people, keys or
# roles take the effect of events held already, or give it back, one line
# each (t8210): capped as t8247's, the first 10 then how many more.
test_description='pull and grant: events held whose effect changes, capped'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

# t8210's officer revoked while writing offline, with 12 writes: his own
# office's pull takes the effect of each, and the grant dated back gives it back
test_expect_success 'events held whose effect a pull takes: 10 named, then how many more' '
	(
		staff_office_cloned &&
		at xq person revoke-role XQ-U2 area-staff --area 华山 &&
		at xq push >/dev/null 2>&1 &&
		sleep 1 &&
		TZ=Asia/Shanghai date +%Y-%m-%dT%H:%M:%S+08:00 >start &&
		for i in $(seq 1 12)
		do
			at hs issue add 井盖丢失$i --area 华山 >/dev/null || exit 1
		done &&
		at hs pull >out 2>err &&
		test $(grep -c " has no effect now (issue add needs a role (an auditor only reads)): write it again" err) = 10 &&
		grep -v " has no effect now " err >rest &&
		echo "and 2 more events held have no effect now, not named here (zdh log shows each)" >expect &&
		test_cmp expect rest &&
		at hs push >/dev/null 2>&1 && at xq pull >/dev/null 2>&1 &&
		at xq person grant XQ-U2 area-staff --area 华山 --from "$(cat start)" >out 2>err &&
		test $(grep -c " takes effect now: " err) = 10 &&
		grep -v " takes effect now: " err >rest &&
		echo "and 2 more events held take effect now, not named here (zdh log shows each)" >expect &&
		test_cmp expect rest
	)
'

test_done
