#!/bin/sh
# A sub-district admin whose role is revoked at one office while they
# write offline at another: their ordinary events after the revocation
# had no effect, but their person events (a grant, a key) did, whenever
# they came before the revocation in fold order - always, for an office
# that had not pulled it (its clock stayed at or below the revocation's,
# and huashan sorts before xinqiao).  So a revoked admin kept granting
# roles and adding keys, and those they granted wrote with effect.  A
# revocation now holds from its date for person events too, whatever
# the fold order (the trust is folded again with the ends it found).
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: two admins, a staff member without a role; 华山 office cloned' '
	two_admins_cloned && keys zs2
'

test_expect_success '李明 loses the role at 新桥; offline at 华山 he grants one and gives a key' '
	at xq person revoke-role XQ-U2 subdistrict-admin &&
	at xq push -q &&
	sleep 1 &&
	at hs person grant XQ-U3 area-staff --area 华山 &&
	at hs person key add XQ-U3 --key ../zs2.pub &&
	ZDH_SIGNING_KEY="$HOME/zs" at hs issue add 井盖丢失 --area 华山 >/dev/null
'

test_expect_success 'his office pull takes back the grant, the key and what they allowed, and says so' '
	at hs pull 2>err &&
	grep "^XQ-U3 grant by .* has no effect now (person grant needs the role subdistrict-admin)" err &&
	grep "^XQ-U3 key-add by .* has no effect now (person key-add needs the role subdistrict-admin)" err &&
	grep "^HS-1 add by .* has no effect now (issue add needs a role (an auditor only reads))" err &&
	at hs person show XQ-U3 >show &&
	! grep "^role:" show &&
	test $(grep -c "SHA256:" show) = 3
'

test_expect_success 'the other office refuses them on pull; every replica agrees, a rebuild too' '
	at hs push -q &&
	at xq pull 2>err &&
	test $(grep -c "^zdh: warning: refs/zdh/log/huashan: commit [0-9a-f]*: no effect: " err) = 3 &&
	at xq export >a && at hs export >b && test_cmp a b &&
	zdh clone hub.git nw --replica newoffice --prefix NW -q 2>/dev/null &&
	at nw export >c && test_cmp a c &&
	at xq reindex >/dev/null 2>&1 && at xq export >d && test_cmp a d &&
	test_expect_code 1 at nw verify >/dev/null 2>err &&
	grep "commit [0-9a-f]*: no effect: person grant needs the role subdistrict-admin" err
'

test_expect_success 'the revocation and the other admin stand' '
	at xq person show XQ-U2 >show &&
	grep "subdistrict-admin  from .*  until " show &&
	at xq person show XQ-U1 >show &&
	grep "subdistrict-admin  from " show
'

test_done
