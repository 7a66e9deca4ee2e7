#!/bin/sh
# A key rotated (a new key added, the old one revoked) while another
# office, or the person's own laptop, still signs with the old one: the
# write was refused with only why ("signatures are required
# (zdh.require-signatures): signed by a key outside its dates
# (revoked)"), not what to do.  It now says how to go on; the fold's
# note (log, pull, verify) stays the reason alone.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

test_expect_success 'setup: signatures required; 王芳 rotates her key' '
	keys wf wf2 &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email wf@example.org --key wf.pub >/dev/null &&
	zdh config zdh.require-signatures true &&
	zdh person key add XQ-U1 --key wf2.pub &&
	ZDH_SIGNING_KEY="$HOME/wf2" zdh person key revoke XQ-U1 --key wf.pub
'

test_expect_success 'a write signed by the old key: refused, and told what to do' '
	n=$(git --git-dir=.zdh rev-list --count refs/zdh/log/xinqiao) &&
	test_expect_code 1 zdh org add --kind area 新桥 2>err &&
	echo "zdh: signatures are required (zdh.require-signatures): signed by a key outside its dates (revoked); sign with a valid key of yours (zdh config user.signingkey FILE), or have a sub-district admin give you one (zdh person key add)" >expect &&
	test_cmp expect err &&
	test $(git --git-dir=.zdh rev-list --count refs/zdh/log/xinqiao) = $n &&
	test_expect_code 1 env LANGUAGE=zh_CN "$ZDH" org add --kind area 新桥 2>err &&
	grep "；请用您自己的有效密钥签名（zdh config user.signingkey 文件）" err
'

test_expect_success 'with the new key it is written' '
	zdh config user.signingkey "$HOME/wf2" &&
	zdh org add --kind area 新桥 >out &&
	echo XQ-O1 >expect && test_cmp expect out
'

test_done
