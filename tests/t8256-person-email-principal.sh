#!/bin/sh
# zdh person add refuses an email that is no address (a comma, a blank),
# since zdh person allowed-signers writes it as the principal git's
# verify-commit reads: but the fold took any email from a peer's signed
# add (a modified zdh, or plain git and a person's key), and
# "x@example.org,* cert-authority" printed a line that makes the key a
# certificate authority for every principal.  Now such an add has no
# effect on any replica (trust version 10), the same check by bytes
# alone, so every replica judges alike.
test_description='a person added by a peer with an email that is no address has no effect'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

test_expect_success 'setup: an office and its founder, on a hub; a second office' '
	keys wf ev &&
	git init -q --bare hub.git &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null 2>&1 &&
	at xq config user.signingkey "$HOME/wf" &&
	at xq person add 王芳 --email wf@example.org --key ../wf.pub >/dev/null &&
	at xq remote add origin ../hub.git && at xq push -q &&
	zdh clone hub.git ya --replica yanan --prefix YA -q
'

test_expect_success 'a signed add of "x@example.org,* cert-authority", pushed by the peer' '
	t=$(( $(date +%s) + 60 )) &&
	d=$(TZ=Asia/Shanghai date -d "@$t" +%Y-%m-%dT%H:%M:%S+08:00) &&
	k=$(cut -d" " -f1-2 ev.pub) &&
	craft_json yanan 50 person add YA-U1 \
		"{\"key\":\"$k\",\"set\":{\"email\":\"x@example.org,* cert-authority\",\"name\":\"坏人\"}}" |
		sed "s/2026-01-05T10:00:00+08:00/$d/" >json &&
	CRAFT_AT=$t signed ya/.zdh refs/zdh/log/yanan wf "person add YA-U1" "$(cat json)" >/dev/null &&
	git --git-dir=ya/.zdh push -q "$PWD/hub.git" refs/zdh/log/yanan &&
	at xq pull >out 2>err &&
	grep "^zdh: warning: refs/zdh/log/yanan: commit [0-9a-f]*: malformed, no effect: email .x@example.org,\* cert-authority. is not an email address" err
'

test_expect_success 'no such person, no such line; the same after a reindex' '
	at xq person allowed-signers >signers &&
	test_line_count = 1 signers &&
	grep "^wf@example.org " signers &&
	! grep cert-authority signers &&
	test_expect_code 1 at xq person show YA-U1 2>/dev/null &&
	at xq reindex >/dev/null 2>&1 &&
	at xq person allowed-signers >again &&
	test_cmp signers again
'

test_expect_success 'zdh person add still refuses it when it is written' '
	test_expect_code 1 at xq person add 坏人 --email "x@example.org,*" --key ../ev.pub 2>err &&
	one_line_error err &&
	grep "is not an email address" err
'

test_done
