#!/bin/sh
# zdh.require-signatures (issue 11 §4): a repository-wide setting written
# as a signed event; then unsigned, unknown-key and revoked-key events have
# no effect on any replica, what was written before stays, pull reports
# each in one line, show says who signed.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

test_expect_success 'setup: an office with history, then its founder' '
	keys wf zz &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh issue add "旧事" --area 新桥 >/dev/null &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email tester@example.org --key wf.pub >/dev/null
'

test_expect_success 'off by default; refused as a user setting or with a bad value, nothing written' '
	echo false >expect &&
	zdh config zdh.require-signatures >out &&
	test_cmp expect out &&
	n=$(log_count xinqiao) &&
	test_expect_code 1 zdh config --global zdh.require-signatures true 2>err &&
	grep "is the repository.s (a signed event)" err &&
	test_expect_code 1 zdh config zdh.require-signatures yes 2>err &&
	grep "zdh.require-signatures must be true or false" err &&
	test $(log_count xinqiao) = $n
'

test_expect_success 'turned on by a signed event on the writer.s person record' '
	zdh config zdh.require-signatures true &&
	echo true >expect &&
	zdh config zdh.require-signatures >out &&
	test_cmp expect out &&
	zdh log -n 1 >out &&
	grep "XQ-U1 *setting *person setting require-signatures *signed by 王芳 (XQ-U1)" out &&
	! grep -qi "^[[:space:]]*require-signatures" .zdh/config
'

test_expect_success 'config --list shows the setting, the last line, as the repository has it' '
	zdh config --list >out &&
	tail -n 1 out >actual &&
	echo zdh.require-signatures=true >expect &&
	test_cmp expect actual &&
	test $(grep -c "^zdh.require-signatures=" out) = 1 &&
	zdh config --global --list >out &&
	! grep "^zdh.require-signatures" out
'

test_expect_success 'an unsigned write is refused, nothing written; a signed one is taken' '
	n=$(log_count xinqiao) &&
	zdh config --unset user.signingkey &&
	test_expect_code 1 zdh issue add "无签名" --area 新桥 2>err &&
	zdh config user.signingkey "$HOME/wf" &&
	grep "signatures are required (zdh.require-signatures): unsigned" err &&
	test $(log_count xinqiao) = $n &&
	zdh issue add "有签名" --area 新桥 >out &&
	echo XQ-2 >expect &&
	test_cmp expect out
'

test_expect_success 'a key no person has is refused on write' '
	n=$(log_count xinqiao) &&
	test_expect_code 1 env ZDH_SIGNING_KEY="$HOME/zz" "$ZDH" issue add "陌生" --area 新桥 2>err &&
	grep "signatures are required (zdh.require-signatures): signed by a key no person has" err &&
	test $(log_count xinqiao) = $n
'

test_expect_success 'what was written before the setting keeps its effect' '
	zdh issue show XQ-1 >out &&
	grep "旧事" out &&
	zdh org show 新桥 >/dev/null
'

test_expect_success 'show says who signed each event of the history' '
	zdh issue show XQ-2 >out &&
	grep "signed by 王芳 (XQ-U1)" out &&
	zdh issue show XQ-1 >out &&
	grep "unsigned" out &&
	zdh issue show XQ-2 --json >out &&
	grep "\"status\": \"good\"" out &&
	zdh org show 新桥 >out &&
	grep "unsigned" out
'

test_expect_success 'a clone shares the setting' '
	git init -q --bare hub.git &&
	zdh remote add hub hub.git && zdh push >/dev/null 2>&1 &&
	zdh clone hub.git other --replica tianjin --prefix TJ >/dev/null 2>&1 &&
	echo true >expect &&
	zdh -C other config zdh.require-signatures >out &&
	test_cmp expect out
'

test_expect_success 'a peer.s unsigned event has no effect, pull says so in one line, the same on every replica' '
	new=$(craft hub.git refs/zdh/log/yanan "org add area 伪造" \
		"$(craft_json yanan 100 org add YA-O1 "{\"set\":{\"kind\":\"area\",\"name\":\"伪造\"}}")") &&
	zdh pull >out 2>err &&
	grep "^zdh: warning: refs/zdh/log/yanan: commit $(echo $new | cut -c1-12): no effect: signatures are required (zdh.require-signatures): unsigned$" err &&
	test $(grep -c "commit $(echo $new | cut -c1-12)" err) = 1 &&
	test_expect_code 1 zdh org show YA-O1 2>/dev/null &&
	zdh -C other pull >/dev/null 2>err2 &&
	grep "commit $(echo $new | cut -c1-12): no effect" err2 &&
	test_expect_code 1 zdh -C other org show YA-O1 2>/dev/null &&
	zdh org list --json >mine &&
	zdh -C other org list --json >theirs &&
	test_cmp mine theirs
'

test_expect_success 'a forged person (not signed by a person) has no effect; verify names it' '
	key=$(cat zz.pub) &&
	new=$(craft hub.git refs/zdh/log/yanan "person add 冒充" \
		"$(craft_json yanan 101 person add YA-U1 "{\"key\":\"$key\",\"set\":{\"email\":\"x@example.org\",\"name\":\"冒充\"}}")" \
		$(git --git-dir=hub.git rev-parse refs/zdh/log/yanan)) &&
	zdh pull >/dev/null 2>err &&
	grep "commit $(echo $new | cut -c1-12): no effect: people and keys are written signed by a person.s valid key: unsigned$" err &&
	test_expect_code 1 zdh person show YA-U1 2>/dev/null &&
	test_expect_code 1 zdh verify >/dev/null 2>err &&
	grep "^zdh: warning: refs/zdh/log/yanan: commit $(echo $new | cut -c1-12): no effect: people and keys are written signed by a person.s valid key: unsigned$" err
'

test_expect_success 'a revoked key signs nothing after its revocation' '
	zdh person add 张三 --email zz@example.org --key zz.pub >/dev/null &&
	ZDH_SIGNING_KEY="$HOME/zz" zdh issue add "张三的" --area 新桥 >/dev/null &&
	zdh person key revoke XQ-U2 --key zz.pub &&
	n=$(log_count xinqiao) &&
	test_expect_code 1 env ZDH_SIGNING_KEY="$HOME/zz" "$ZDH" issue add "之后" --area 新桥 2>err &&
	grep "signatures are required (zdh.require-signatures): signed by a key outside its dates (revoked)" err &&
	test $(log_count xinqiao) = $n
'

test_expect_success 'a clone judges a peer.s unsigned add under a prefix it pins as the office does' '
	new=$(craft hub.git refs/zdh/log/nanxi "issue add 冒名" \
		"$(craft_json nanxi 300 issue add XQ-9 "{\"set\":{\"category\":\"other\",\"source\":\"other\",\"title\":\"冒名\"}}")") &&
	zdh pull >/dev/null 2>&1 &&
	zdh log --record XQ-9 --json >mine &&
	grep "prefix XQ belongs to replica xinqiao" mine &&
	zdh clone hub.git third --replica third --prefix TH >/dev/null 2>&1 &&
	git config --file third/.zdh/config prefix.XQ.owner >owner &&
	echo xinqiao >expect &&
	test_cmp expect owner &&
	zdh -C third log --record XQ-9 --json >theirs &&
	test_cmp mine theirs
'

test_expect_success 'turned off again, the peer.s event takes effect (everywhere)' '
	zdh config zdh.require-signatures false &&
	zdh config --list >out &&
	grep "^zdh.require-signatures=false$" out &&
	zdh org show YA-O1 >/dev/null &&
	zdh push >/dev/null 2>&1 && zdh -C other pull >/dev/null 2>&1 &&
	zdh -C other org show YA-O1 >/dev/null
'

test_expect_success 'a rebuilt index reaches the same verdicts' '
	same_after_reindex zdh org list --json &&
	same_after_reindex zdh person list --json
'

test_done
