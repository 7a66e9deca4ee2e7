#!/bin/sh
# A key revoked is valid for what it signed before the revocation's date,
# judged by each event's recorded time.  A stolen or copied key's holder
# can date an event before the revocation (a commit's date is whatever the
# writer's clock says), or write offline before it: each such event stays
# valid.  `person key revoke --compromised` keeps what the revoking office
# holds (each log's clock, as a setting's pins) in the revocation: the key
# then signs nothing else, whatever its date, at every office alike.
test_description='person key revoke --compromised: a stolen key signs nothing the office had not seen'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: 新桥 office, 华山 office of 李明, and a copy of his key elsewhere' '
	staff_office_cloned &&
	zdh clone hub.git ya --replica yanan --prefix YA >/dev/null 2>&1 &&
	at ya config user.signingkey "$HOME/lm"
'

test_expect_success 'the copy writes before the revocation, unseen by 新桥' '
	at ya issue add 井盖丢失 --area 华山 >/dev/null &&
	at ya issue edit HS-1 --title 占道经营-已处理 &&
	sleep 1
'

test_expect_success 'revoke --compromised: the revocation holds what 新桥 had seen' '
	at xq person key revoke XQ-U2 --key ../lm.pub --compromised &&
	at xq person show XQ-U2 >show &&
	grep "(compromised)" show &&
	LANGUAGE=zh_CN at xq person show XQ-U2 >show.zh &&
	grep "（已泄露）" show.zh &&
	at xq person show XQ-U2 --json >show.json &&
	grep "\"seen\"" show.json &&
	grep "\"huashan\": " show.json &&
	! grep "\"yanan\": " show.json &&
	at xq log --record XQ-U2 -n 1 >log &&
	grep "key-revoke" log &&
	git --git-dir=xq/.zdh log -1 --format=%s refs/zdh/log/xinqiao >subject &&
	echo "person key-revoke XQ-U2 compromised" >expect &&
	test_cmp expect subject
'

test_expect_success 'the copy'"'"'s events, dated before it, have no effect anywhere; what was seen stands' '
	at xq push >/dev/null 2>&1 &&
	at ya push >/dev/null 2>&1 &&
	at xq pull >out 2>err &&
	grep "refs/zdh/log/yanan: commit [0-9a-f]*: no effect: .*signed by a key revoked as compromised, not held by its revoking office" err >noeffect &&
	test_line_count = 2 noeffect &&
	at xq issue list --all >list &&
	! grep 井盖丢失 list &&
	grep "占道经营 *$" list &&
	at hs pull >/dev/null 2>&1 &&
	at ya pull >/dev/null 2>&1 &&
	at xq export >a && at hs export >b && at ya export >c &&
	test_cmp a b && test_cmp a c &&
	at xq log --record HS-1 >log &&
	grep "HS-1  edit .*no effect: .*signed by a key revoked as compromised, not held by its revoking office (XQ-U2)$" log &&
	for r in xq hs
	do
		test_expect_code 1 at $r verify -q 2>err &&
		grep -c "refs/zdh/log/yanan: commit [0-9a-f]*: signed by a key revoked as compromised, not held by its revoking office, a key of XQ-U2" err >n &&
		echo 2 >two && test_cmp two n || return 1
	done
'

test_expect_success 'a plain revoke keeps what the key signed before its date, seen or not' '
	ssh-keygen -q -t ed25519 -N "" -C lm2 -f lm2 &&
	at xq person key add XQ-U2 --key ../lm2.pub &&
	at xq push >/dev/null 2>&1 && at ya pull >/dev/null 2>&1 &&
	at ya config user.signingkey "$HOME/lm2" &&
	at ya issue add 路灯不亮 --area 华山 >/dev/null &&
	sleep 1 &&
	at xq person key revoke XQ-U2 --key ../lm2.pub &&
	at xq person show XQ-U2 >show &&
	test $(grep -c "(compromised)" show) = 1 &&
	at ya push >/dev/null 2>&1 &&
	at xq pull >/dev/null 2>&1 &&
	at xq issue list >list &&
	grep 路灯不亮 list
'

test_expect_success 'an unknown option or a key not his: refused, nothing written' '
	ZDH_DIR=xq/.zdh log_tip xinqiao >before &&
	test_expect_code 1 at xq person key revoke XQ-U1 --key ../lm.pub --compromised 2>err &&
	grep "XQ-U1 has no such key" err &&
	test_expect_code 1 at xq person key revoke XQ-U2 --key ../lm.pub --compromised 2>err &&
	grep "revoked already" err &&
	ZDH_DIR=xq/.zdh log_tip xinqiao >after &&
	test_cmp before after
'

test_done
