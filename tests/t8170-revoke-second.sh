#!/bin/sh
# The second of a revocation (issue 11): a key signs [from, until) in
# recorded seconds, and in the very second of its revocation what comes
# before the revocation in fold order (clock, replica, id) is signed by a
# valid key, what comes after is not; the same for a role and its
# revoke-role.  Judged so by the fold, pull, verify and log on every
# replica.  The events are made with plain git (signed by git itself with
# ssh-keygen) at one fixed second.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

T=1799114400	# 2027-01-05 10:00:00 +08:00
CRAFT_AT=$T	# what craft and signed date their commits
D=2027-01-05T10:00:00+08:00

# json REPLICA CLOCK KIND OP RECORD DATA [SEEN]: craft_json at the second T
json () {
	craft_json "$@" | sed "s/2026-01-05T10:00:00+08:00/$D/"
}

test_expect_success 'setup: a founder, a colleague with a key, signatures required' '
	keys wf zz &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email wf@example.org --key wf.pub >/dev/null &&
	zdh person add 张三 --email zz@example.org --key zz.pub >/dev/null &&
	git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao >zz-head &&
	zdh config zdh.require-signatures true &&
	git init -q --bare hub.git &&
	zdh remote add hub hub.git && zdh push >/dev/null 2>&1 &&
	zdh clone hub.git other --replica tianjin --prefix TJ >/dev/null 2>&1
'

test_expect_success 'a peer log: in one second, an event by the key, its revocation, another' '
	key=$(cat zz.pub) &&
	e1=$(signed hub.git refs/zdh/log/yanan zz "org add area 之前" \
		"$(json yanan 100 org add YA-O1 "{\"set\":{\"kind\":\"area\",\"name\":\"之前\"}}")") &&
	r=$(signed hub.git refs/zdh/log/yanan wf "person key-revoke XQ-U2" \
		"$(json yanan 101 person key-revoke XQ-U2 "{\"key\":\"$key\"}" "\"$(cat zz-head)\"")" $e1) &&
	e2=$(signed hub.git refs/zdh/log/yanan zz "org add area 之后" \
		"$(json yanan 102 org add YA-O2 "{\"set\":{\"kind\":\"area\",\"name\":\"之后\"}}")" $r) &&
	echo $e1 >e1 && echo $r >r && echo $e2 >e2 &&
	git --git-dir=hub.git cat-file commit $e1 | grep "^gpgsig -----BEGIN SSH SIGNATURE-----$"
'

test_expect_success 'before the revocation in fold order: signed; after it: revoked (pull says so once)' '
	zdh pull >out 2>err &&
	zdh org show YA-O1 >/dev/null &&
	test_expect_code 1 zdh org show YA-O2 2>/dev/null &&
	echo "zdh: warning: refs/zdh/log/yanan: commit $(cut -c1-12 e2): no effect: signatures are required (zdh.require-signatures): signed by a key outside its dates (revoked)" >expect &&
	grep "^zdh: warning: refs/zdh/log/" err >actual &&
	test_cmp expect actual &&
	zdh person show XQ-U2 --json >out &&
	grep "\"until\": \"$D\"" out
'

test_expect_success 'verify and log judge the second the same way' '
	test_expect_code 1 zdh verify >out 2>err &&
	grep "commit $(cut -c1-12 e2)" err &&
	! grep "commit $(cut -c1-12 e1)" err &&
	zdh log >out &&
	grep "YA-O1 .*signed by 张三 (XQ-U2)" out &&
	grep "YA-O2 .*\[no effect: signatures are required" out
'

test_expect_success 'every replica reaches the same verdict, a rebuilt index too' '
	zdh -C other pull >/dev/null 2>&1 &&
	zdh org list --json >mine &&
	zdh -C other org list --json >theirs &&
	test_cmp mine theirs &&
	same_after_reindex zdh org list --json
'

test_done
