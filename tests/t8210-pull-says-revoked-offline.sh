#!/bin/sh
# An officer whose role is revoked while they write offline: their events
# have no effect on any replica (zdh-person(1), ROLES).  The office that
# receives them is told by its pull; so is the officer's own office, whose
# pull brings the revocation and takes the effect of writes it held
# already (they vanish from its lists), and every office that held such
# events before a key's revocation dated back to when the key was lost.
# Before, only events new to a replica were named: a write of one's own
# was voided in silence.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: 新桥 office with people and roles, 华山 office cloned' '
	staff_office_cloned
'

test_expect_success 'the role revoked at 新桥 (as of the day he left) while 李明 writes offline' '
	at xq person revoke-role XQ-U2 area-staff --area 华山 &&
	at xq push >/dev/null 2>&1 &&
	sleep 1 &&
	TZ=Asia/Shanghai date +%Y-%m-%dT%H:%M:%S+08:00 >start &&
	at hs issue edit HS-1 --title 占道经营-已清理 &&
	at hs issue add 井盖丢失 --area 华山 >/dev/null &&
	at hs issue list >before &&
	grep 井盖丢失 before
'

test_expect_success 'his own office pull names both writes it takes the effect of, and why' '
	at hs pull >out 2>err &&
	cat >expect <<-\EOF &&
	HS-1 edit by 测试员 at DATE has no effect now (issue edit needs the role area-staff of 华山 or subdistrict-admin): write it again, by someone allowed, if it still stands
	HS-2 add by 测试员 at DATE has no effect now (issue add needs a role (an auditor only reads)): write it again, by someone allowed, if it still stands
	EOF
	sed "s/at 20[0-9-]* [0-9:]* has/at DATE has/" err >actual &&
	test_cmp expect actual &&
	at hs issue list >after &&
	! grep 井盖丢失 after &&
	grep "占道经营 *$" after
'

test_expect_success 'said once: the next pull says nothing more' '
	at hs pull >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'the other office pull names them as new events; both agree' '
	at hs push >/dev/null 2>&1 &&
	at xq pull >out 2>err &&
	test $(grep -c "^zdh: warning: refs/zdh/log/huashan: commit [0-9a-f]*: no effect: issue" err) = 2 &&
	! grep "has no effect now" err &&
	at xq export >a && at hs export >b && test_cmp a b
'

test_expect_success 'the role granted again as of before: the grant names the writes it lets take effect' '
	at xq person grant XQ-U2 area-staff --area 华山 --from "$(cat start)" >out 2>err &&
	cat >expect <<-\EOF &&
	HS-1 edit by 测试员@huashan at DATE takes effect now: the people, keys or roles recorded since allow it
	HS-2 add by 测试员@huashan at DATE takes effect now: the people, keys or roles recorded since allow it
	EOF
	sed "s/at 20[0-9-]* [0-9:]* takes/at DATE takes/" err >actual &&
	test_cmp expect actual &&
	at xq issue list >after && grep 井盖丢失 after
'

test_expect_success 'and the pull that brings the grant to his office names them too, once' '
	at xq push >/dev/null 2>&1 &&
	at hs pull >out 2>err &&
	sed "s/at 20[0-9-]* [0-9:]* takes/at DATE takes/" err >actual &&
	# (his own writes, here: named without the replica)
	sed "s/@huashan//" expect >expect.own &&
	test_cmp expect.own actual &&
	at hs issue list >after && grep 井盖丢失 after &&
	at hs pull >out 2>err &&
	test_must_be_empty err &&
	at xq export >a && at hs export >b && test_cmp a b
'

test_expect_success 'a key revoked as of when it was lost: every office that held its events is told' '
	at xq person grant XQ-U2 area-staff --area 新桥 &&
	at xq push >/dev/null 2>&1 && at hs pull >/dev/null 2>&1 &&
	lost=$(TZ=Asia/Shanghai date +%Y-%m-%dT%H:%M:%S+08:00) &&
	sleep 1 &&
	at hs issue add 新桥路灯 --area 新桥 >/dev/null &&
	at hs push >/dev/null 2>&1 && at xq pull >/dev/null 2>&1 &&
	at xq issue list >held && grep 新桥路灯 held &&
	test -n "$lost" &&
	at hs config user.signingkey "$HOME/wf" &&
	at hs person key revoke XQ-U2 --key ../lm.pub --date "$lost" &&
	at hs push >/dev/null 2>&1 &&
	at xq pull >out 2>err &&
	echo "HS-3 add by 测试员@huashan at DATE has no effect now (signatures are required (zdh.require-signatures): signed by a key outside its dates (revoked)): write it again, by someone allowed, if it still stands" >expect &&
	sed "s/at 20[0-9-]* [0-9:]* has/at DATE has/" err >actual &&
	test_cmp expect actual &&
	at xq issue list >after && ! grep 新桥路灯 after &&
	at xq export >a && at hs export >b && test_cmp a b
'

test_expect_success 'in Chinese' '
	ssh-keygen -q -t ed25519 -N "" -C lm2 -f lm2 &&
	at xq person key add XQ-U2 --key ../lm2.pub &&
	# (he holds area-staff of 华山 again since the grant dated back, above)
	at xq push >/dev/null 2>&1 &&
	at hs pull >/dev/null 2>&1 &&
	at hs config user.signingkey "$HOME/lm2" &&
	at xq person revoke-role XQ-U2 area-staff --area 华山 &&
	at xq push >/dev/null 2>&1 &&
	sleep 1 &&
	at hs issue edit HS-1 --title 占道经营-再改 &&
	LANGUAGE=zh_CN at hs pull >out 2>err &&
	grep "^HS-1 由 测试员 于 .* 所作的修改现已无效（.*）：如仍需要，请由有权限的人重新录入$" err
'

test_done
