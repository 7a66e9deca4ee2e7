#!/bin/sh
# A key signs from the second it is given to a person until it is
# revoked.  An event signed with it before it was given is outside its
# dates as one signed after its revocation is, but not revoked: verify,
# log and the refusals under zdh.require-signatures say which, "(not yet
# valid)" or "(revoked)" (zdh-verify(1), zdh-log(1), zdh-person(1)).
test_description='a key used before its dates began: "not yet valid", not "revoked"'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

test_expect_success 'setup: the founder, 李四 without a key, an org signed with his key before he has it' '
	keys wf ls &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email wf@example.org --key wf.pub >/dev/null &&
	zdh person add 李四 --email ls@example.org >/dev/null &&
	ZDH_SIGNING_KEY="$HOME/ls" zdh org add --kind area 海宁路 >/dev/null &&
	early=$(git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao | cut -c1-12) &&
	sleep 1.1 &&
	zdh person key add XQ-U2 --key ls.pub &&
	ZDH_SIGNING_KEY="$HOME/ls" zdh org add --kind area 吴淞路 >/dev/null &&
	sleep 1.1 &&
	zdh person key revoke XQ-U2 --key ls.pub &&
	ZDH_SIGNING_KEY="$HOME/ls" zdh org add --kind area 乍浦路 >/dev/null &&
	late=$(git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao | cut -c1-12) &&
	echo "$early $late" >commits
'

test_expect_success 'verify names both, each with its reason' '
	read early late <commits &&
	test_expect_code 1 zdh verify >out 2>err &&
	cat >expect <<-EOF &&
	zdh: warning: refs/zdh/log/xinqiao: commit $late: signed by a key outside its dates (revoked), a key of XQ-U2
	zdh: warning: refs/zdh/log/xinqiao: commit $early: signed by a key outside its dates (not yet valid), a key of XQ-U2
	zdh: 2 events not signed by a valid key of a person of this repository
	EOF
	test_cmp expect err
'

test_expect_success 'log says which, in text, --json and Chinese' '
	zdh log --record XQ-O1 >out &&
	grep "海宁路  signed by a key outside its dates (not yet valid) (XQ-U2)$" out &&
	zdh log --record XQ-O2 >out &&
	grep "吴淞路  signed by 李四 (XQ-U2)$" out &&
	zdh log --record XQ-O3 >out &&
	grep "乍浦路  signed by a key outside its dates (revoked) (XQ-U2)$" out &&
	zdh log --record XQ-O1 --json >out.json &&
	grep "\"status\": \"not-yet-valid\"" out.json &&
	zdh log --record XQ-O3 --json >out.json &&
	grep "\"status\": \"revoked\"" out.json &&
	zh log --record XQ-O1 >out &&
	grep "签名所用的密钥不在有效期内（尚未生效）（XQ-U2 的密钥）$" out &&
	zh log --record XQ-O3 >out &&
	grep "签名所用的密钥不在有效期内（已吊销）（XQ-U2 的密钥）$" out
'

test_expect_success 'under zdh.require-signatures a peer'\''s such event has no effect, and the pull says which' '
	keys k3 &&
	zdh clone .zdh ya --replica yanan --prefix YA -q 2>/dev/null &&
	zdh config zdh.require-signatures true &&
	zdh person add 赵六 --email zl@example.org >/dev/null &&
	sleep 1.1 &&
	ZDH_SIGNING_KEY="$HOME/k3" zdh -C ya org add --kind area 长治路 >/dev/null &&
	sleep 1.1 &&
	zdh person key add XQ-U3 --key k3.pub &&
	zdh remote add ya ya/.zdh &&
	zdh pull ya >out 2>err &&
	grep "no effect: signatures are required (zdh.require-signatures): signed by a key outside its dates (not yet valid)$" err &&
	zdh log --record YA-O1 >out &&
	grep "no effect: signatures are required (zdh.require-signatures): signed by a key outside its dates (not yet valid)" out
'

test_done
