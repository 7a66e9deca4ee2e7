#!/bin/sh
# Signed events (issue 11 §4): every event written with user.signingkey
# set carries git's own SSH commit signature, which plain git verifies;
# a changed or forged signature is named by zdh verify.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

# git verify-commit with an allowed-signers file naming KEY.pub for EMAIL
git_verify () {	# git_verify GITDIR COMMIT
	git --git-dir="$1" -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$HOME/allowed" \
		verify-commit "$2"
}

test_expect_success 'setup: a key and an office that signs' '
	ssh-keygen -q -t ed25519 -N "" -C tester@example.org -f key &&
	echo "tester@example.org namespaces=\"git\" $(cat key.pub)" >allowed &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh config user.signingkey "$HOME/key" &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh issue add "路灯坏了" --area 新桥 --category parking --source visit >/dev/null &&
	zdh issue comment XQ-1 -m "已报修" >/dev/null
'

test_expect_success 'every event verifies with plain git verify-commit' '
	for c in $(git --git-dir=.zdh rev-list refs/zdh/log/xinqiao)
	do
		git_verify .zdh $c 2>err &&
		grep "Good \"git\" signature for tester@example.org with ED25519 key" err || return 1
	done
'

test_expect_success 'the commit holds a gpgsig header with an SSH signature, after the committer' '
	git --git-dir=.zdh cat-file commit refs/zdh/log/xinqiao >commit &&
	sed -n "/^committer /{n;p;}" commit | grep "^gpgsig -----BEGIN SSH SIGNATURE-----$" &&
	grep "^ -----END SSH SIGNATURE-----$" commit &&
	git --git-dir=.zdh -c gpg.format=ssh -c gpg.ssh.allowedSignersFile="$HOME/allowed" \
		log -1 --format=%G? refs/zdh/log/xinqiao >actual &&
	echo G >expect &&
	test_cmp expect actual
'

test_expect_success 'the signature is ssh-keygen'\''s own: ssh-keygen -Y verify accepts it' '
	git --git-dir=.zdh cat-file commit refs/zdh/log/xinqiao >commit &&
	sed -n "/^gpgsig /,/END SSH SIGNATURE/p" commit | sed "s/^gpgsig //; s/^ //" >sig &&
	sed "/^gpgsig /,/END SSH SIGNATURE/d" commit >payload &&
	ssh-keygen -Y verify -f allowed -I tester@example.org -n git -s sig <payload
'

test_expect_success 'zdh verify accepts signed events, git fsck too' '
	zdh verify &&
	git --git-dir=.zdh fsck --strict 2>err &&
	! grep -v "^notice" err
'

test_expect_success 'events are version 2' '
	git --git-dir=.zdh log -1 --format=%B refs/zdh/log/xinqiao | grep ",\"v\":2}$"
'

test_expect_success 'a forged event (a signature copied onto changed content, appended with plain git) is named by verify' '
	cp -R .zdh forged.zdh &&
	tip=$(git --git-dir=forged.zdh rev-parse refs/zdh/log/xinqiao) &&
	git --git-dir=forged.zdh cat-file commit $tip | sed "s/已报修/已解决/" >forged &&
	new=$(git --git-dir=forged.zdh hash-object -t commit -w --stdin <forged) &&
	parent=$(git --git-dir=forged.zdh rev-parse $tip^) &&
	git --git-dir=forged.zdh update-ref refs/zdh/log/xinqiao $new $tip &&
	test_must_fail git_verify forged.zdh $new 2>err &&
	test_expect_code 1 env ZDH_DIR="$HOME/forged.zdh" "$ZDH" verify >out 2>err &&
	grep "refs/zdh/log/xinqiao: commit $(echo $new | cut -c1-12): forged or damaged signature: bad signature" err
'

test_expect_success 'a version 1 event (written before version 2) is still read, with its meaning' '
	zdh init --replica old --prefix OL old >/dev/null 2>&1 &&
	c=$(craft old/.zdh refs/zdh/log/old "org add area 旧区" \
		"$(craft_json old 1 org add OL-O1 "{\"set\":{\"kind\":\"area\",\"name\":\"旧区\"}}" | sed "s/\"v\":2}/\"v\":1}/")") &&
	zdh -C old verify &&
	zdh -C old org show OL-O1 >out &&
	grep 旧区 out
'

test_expect_success 'user.signingkey must be a usable key: refused with one line, nothing changed' '
	cp .zdh/config config.before &&
	test_expect_code 1 zdh config user.signingkey "$HOME/key.pub" 2>err &&
	test_line_count = 1 err &&
	grep "is not an OpenSSH private key" err &&
	test_expect_code 1 zdh config user.signingkey "$HOME/nothing" 2>err &&
	grep "cannot read the signing key" err &&
	ssh-keygen -q -t ed25519 -N secret -f locked &&
	test_expect_code 1 zdh config user.signingkey "$HOME/locked" 2>err &&
	grep "protected by a passphrase" err &&
	ssh-keygen -q -t ecdsa -N "" -f ecdsa &&
	test_expect_code 1 zdh config user.signingkey "$HOME/ecdsa" 2>err &&
	grep "not an ed25519 key" err &&
	test_cmp config.before .zdh/config
'

test_expect_success 'a key that went missing fails the write before anything is written' '
	n=$(log_count xinqiao) &&
	mv key key.away &&
	test_expect_code 1 zdh issue comment XQ-1 -m 再催 2>err &&
	grep "cannot read the signing key" err &&
	mv key.away key &&
	test $(log_count xinqiao) = $n
'

test_done
