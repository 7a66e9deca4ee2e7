#!/bin/sh
# People and their keys (issue 11 §4): zdh person add / key add / key
# revoke, each signed by someone already allowed, the founder first; verify
# checks every signature against the keys valid at the event's time.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

test_expect_success 'setup: three keys, an office' '
	keys wf ls zz &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null
'

test_expect_success 'people are added signed: without user.signingkey, refused and nothing written' '
	n=$(log_count xinqiao) &&
	test_expect_code 1 zdh person add 王芳 --email tester@example.org --key wf.pub 2>err &&
	grep "set user.signingkey first" err &&
	test $(log_count xinqiao) = $n
'

test_expect_success 'the first person is the founder: added with the key that signs' '
	zdh config user.signingkey "$HOME/ls" &&
	test_expect_code 1 zdh person add 王芳 --email tester@example.org --key wf.pub 2>err &&
	grep "the first person is the founder" err &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email tester@example.org --key wf.pub >out &&
	echo XQ-U1 >expect &&
	test_cmp expect out
'

test_expect_success 'person list and show name the key by its fingerprint' '
	fp=$(ssh-keygen -l -f wf.pub | cut -d" " -f2) &&
	zdh person list >out &&
	grep "XQ-U1 *王芳 *tester@example.org *$fp" out &&
	zdh person show XQ-U1 >out &&
	grep "^key:   $fp  from " out &&
	zdh person show XQ-U1 --json >out.json &&
	grep "\"key\": \"$(cut -d" " -f1-2 wf.pub)\"" out.json
'

test_expect_success 'an allowed person adds another, with a key; a key belongs to one person' '
	zdh person add 李四 --email ls@example.org --key ls.pub >out &&
	echo XQ-U2 >expect &&
	test_cmp expect out &&
	test_expect_code 1 zdh person add 张三 --email zz@example.org --key ls.pub 2>err &&
	grep "this key is XQ-U2.s already" err
'

test_expect_success 'someone signing with a key no person has cannot add people or keys' '
	n=$(log_count xinqiao) &&
	test_expect_code 1 env ZDH_SIGNING_KEY="$HOME/zz" "$ZDH" person add 张三 --email zz@example.org --key zz.pub 2>err &&
	grep "your signing key is not a valid key of a person" err &&
	test_expect_code 1 env ZDH_SIGNING_KEY="$HOME/zz" "$ZDH" person key add XQ-U2 --key zz.pub 2>err &&
	grep "your signing key is not a valid key of a person" err &&
	test $(log_count xinqiao) = $n
'

test_expect_success 'plain git verify-commit checks every event with zdh person allowed-signers' '
	ZDH_SIGNING_KEY="$HOME/ls" zdh org add --kind area 天津路 >/dev/null &&
	zdh person allowed-signers >allowed &&
	test_line_count = 2 allowed &&
	for c in $(git --git-dir=.zdh rev-list refs/zdh/log/xinqiao)
	do
		git --git-dir=.zdh log -1 --format=%B $c | grep -q "person add 王芳\|person add 李四\|org add area 天津路" || continue
		git --git-dir=.zdh -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$HOME/allowed" \
			verify-commit $c 2>/dev/null || return 1
	done
'

test_expect_success 'verify: the events before the first person are unsigned but older; the rest are signed' '
	zdh verify >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'an event appended with plain git (unsigned) is named by verify' '
	cp -R .zdh forged.zdh &&
	tip=$(git --git-dir=forged.zdh rev-parse refs/zdh/log/xinqiao) &&
	clock=$(git --git-dir=forged.zdh log -1 --format=%B $tip | sed -n "s/.*\"clock\":\([0-9]*\).*/\1/p") &&
	new=$(craft forged.zdh refs/zdh/log/xinqiao "org add area 伪造" \
		"$(craft_json xinqiao $((clock + 1)) org add XQ-O9 "{\"set\":{\"kind\":\"area\",\"name\":\"伪造\"}}")" $tip) &&
	test_expect_code 1 env ZDH_DIR="$HOME/forged.zdh" "$ZDH" verify >out 2>err &&
	grep "^zdh: warning: refs/zdh/log/xinqiao: commit $(echo $new | cut -c1-12): unsigned$" err &&
	grep "^zdh: 1 event not signed by a valid key of a person of this repository$" err
'

test_expect_success 'an event signed by a key no person has is named by verify' '
	cp -R .zdh unknown.zdh &&
	ZDH_DIR="$HOME/unknown.zdh" "$ZDH" replica confirm >/dev/null 2>&1 &&
	ZDH_DIR="$HOME/unknown.zdh" ZDH_SIGNING_KEY="$HOME/zz" "$ZDH" org add --kind area 陌生 >/dev/null &&
	tip=$(git --git-dir=unknown.zdh rev-parse refs/zdh/log/xinqiao) &&
	test_expect_code 1 env ZDH_DIR="$HOME/unknown.zdh" "$ZDH" verify >out 2>err &&
	grep "commit $(echo $tip | cut -c1-12): signed by a key no person has$" err
'

test_expect_success 'key revoke: events signed with the key from its revocation on are named, not those before' '
	ZDH_SIGNING_KEY="$HOME/ls" zdh org add --kind area 海宁路 >/dev/null &&
	early=$(git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao) &&
	zdh verify 2>err &&
	sleep 1 &&
	zdh person key revoke XQ-U2 --key ls.pub &&
	zdh person show XQ-U2 >out &&
	grep "until" out &&
	ZDH_SIGNING_KEY="$HOME/ls" zdh org add --kind area 吴淞路 >/dev/null &&
	late=$(git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao) &&
	test_expect_code 1 zdh verify >out 2>err &&
	grep "commit $(echo $late | cut -c1-12): signed by a key outside its dates (revoked), a key of XQ-U2$" err &&
	! grep "$(echo $early | cut -c1-12)" err &&
	zdh person allowed-signers >allowed &&
	grep "^ls@example.org namespaces=\"git\",valid-after=\"[0-9]*Z\",valid-before=\"[0-9]*Z\" ssh-ed25519 " allowed
'

test_expect_success 'a revoked key cannot be revoked again, nor a key a person does not have' '
	test_expect_code 1 zdh person key revoke XQ-U2 --key ls.pub 2>err &&
	grep "revoked already" err &&
	test_expect_code 1 zdh person key revoke XQ-U1 --key zz.pub 2>err &&
	grep "XQ-U1 has no such key" err
'

test_expect_success 'key add: a new key for a person signs from then on' '
	zdh person key add XQ-U2 --key zz.pub &&
	ZDH_SIGNING_KEY="$HOME/zz" zdh org add --kind area 乍浦路 >/dev/null &&
	tip=$(git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao) &&
	test_expect_code 1 zdh verify 2>err &&
	! grep "$(echo $tip | cut -c1-12)" err
'

test_expect_success 'log says who signed each event, checked at its time' '
	zdh log --record XQ-O5 >out &&
	grep "乍浦路  signed by 李四 (XQ-U2)$" out &&
	zdh log --record XQ-O4 >out &&
	grep "吴淞路  signed by a key outside its dates (revoked) (XQ-U2)$" out &&
	zdh log --record XQ-O1 >out &&
	grep "新桥  unsigned$" out &&
	zdh log --record XQ-U1 --json >out.json &&
	grep "\"status\": \"good\"" out.json &&
	grep "\"person\": \"XQ-U1\"" out.json &&
	grep "\"name\": \"王芳\"" out.json
'

test_expect_success 'bad input: one line, its exit code, nothing written' '
	n=$(log_count xinqiao) &&
	test_expect_code 129 zdh person add 赵六 2>err &&
	test_expect_code 1 zdh person add "赵<六" --email z@example.org 2>err &&
	test_line_count = 1 err &&
	test_expect_code 1 zdh person add 赵六 --email z@example.org --key nothing 2>err &&
	test_line_count = 1 err &&
	test_expect_code 1 zdh person key revoke XQ-U9 --key zz.pub 2>err &&
	grep "no person XQ-U9" err &&
	test_expect_code 129 zdh person key remove XQ-U1 --key zz.pub 2>err &&
	test_expect_code 1 zdh person show XQ-U9 2>err &&
	grep "no person XQ-U9" err &&
	test $(log_count xinqiao) = $n
'

test_expect_success 'a replica that pulls the people reaches the same verdicts' '
	git init -q --bare hub.git &&
	zdh remote add hub hub.git && zdh push >/dev/null 2>&1 &&
	zdh clone hub.git other --replica tianjin --prefix TJ >/dev/null 2>&1 &&
	zdh person list --json >mine &&
	zdh -C other person list --json >theirs &&
	test_cmp mine theirs &&
	test_expect_code 1 zdh verify >/dev/null 2>mine &&
	test_expect_code 1 zdh -C other verify >/dev/null 2>theirs &&
	test_cmp mine theirs
'

test_expect_success 'pull names each new event not signed by a valid key, in one line, and still takes it' '
	zdh config --unset user.signingkey &&
	zdh org add --kind area 无签名 >/dev/null &&
	tip=$(git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao) &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh push >/dev/null 2>&1 &&
	zdh -C other pull >out 2>err &&
	grep "^zdh: warning: refs/zdh/log/xinqiao: commit $(echo $tip | cut -c1-12): unsigned$" err &&
	test_line_count = 1 err &&
	zdh -C other org show 无签名 >/dev/null
'

test_done
