#!/bin/sh
test_description='a peer event git fsck would refuse is an invalid event: commit lines, tree order, names git keeps'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

# A hub that checks what is pushed to it (receive.fsckObjects, as hosting
# services do) refuses a pack holding such an object, so a peer's event
# that git fsck refuses, taken as valid, would stop every office relaying
# its log; zdh verify said nothing.  Each is now invalid (RULES, event
# and tree): verify names it, and what git fsck names, the rules name.

test_expect_success 'a peer log with one event of each kind git fsck refuses' '
	CRAFT_REPLICA=yanan && export CRAFT_REPLICA &&
	zdh init --replica yanan --prefix YA ya >/dev/null &&
	at ya issue add 路灯不亮 >/dev/null &&
	tip=$(craft_tip) && : >bad &&
	blob=$(printf crafted | git --git-dir=ya/.zdh hash-object -w --stdin) &&
	bad () {	# bad COMMIT WHAT: COMMIT on top, expected invalid
		tip=$1 && echo "$1 $2" >>bad
	} &&
	bad $(craft_edit ya/.zdh $(craft ya/.zdh $tip valid) "s/^committer .*\$/committer a<b <c> 1700000000 +0800/m") committer-lt &&
	bad $(craft_edit ya/.zdh $(craft ya/.zdh $tip valid) "s/^committer (.*) (\\d+) /committer \$1 0\$2 /m") committer-zero &&
	bad $(craft_edit ya/.zdh $(craft ya/.zdh $tip valid) "s/^(committer .*)\$/\$1x/m") committer-after-zone &&
	bad $(craft_edit ya/.zdh $(craft ya/.zdh $tip valid) "s/\\n\\n(.*?)\\n\\n/\\n\\n\$1\\0\\n\\n/s") summary-nul &&
	bad $(craft_withtree ya/.zdh $(craft ya/.zdh $tip valid) $(craft_rawtree ya/.zdh "a $blob" "a $blob") "a $blob" "a $blob") twice &&
	bad $(craft_withtree ya/.zdh $(craft ya/.zdh $tip valid) $(craft_rawtree ya/.zdh "b $blob" "a $blob") "b $blob" "a $blob") unsorted &&
	bad $(craft_withtree ya/.zdh $(craft ya/.zdh $tip valid) $(craft_rawtree ya/.zdh "ab $blob" "a $blob") "ab $blob" "a $blob") unsorted-prefix &&
	for name in .git .GIT .Git. "git~1" ".git  ." "a\\.git" "$(printf "\\342\\200\\214.git")" \
		.gitmodules .GitModules "gitmod~1" "gi7eba~2" "~1" .gitattributes .gitignore .mailmap ".git:x"
	do
		bad $(craft ya/.zdh $tip tree 100644 "$name") "name $name" || return 1
	done &&
	ok=$(craft ya/.zdh $tip valid) &&
	for name in .hidden photo~1.jpg git~1x gitmodules "x.git"
	do
		ok=$(craft ya/.zdh $ok tree 100644 "$name") || return 1
	done &&
	ok=$(craft_withtree ya/.zdh $(craft ya/.zdh $ok valid) $(craft_rawtree ya/.zdh "a $blob" "ab $blob" "b $blob") "a $blob" "ab $blob" "b $blob") &&
	# (last: craft copies the actor of the event before)
	tip=$ok &&
	bad $(craft_edit ya/.zdh $(craft ya/.zdh $tip valid) "s/^author 测试员/author 测<试员/m; s/\"name\":\"测试员\"/\"name\":\"测<试员\"/") actor-lt &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan $tip &&
	test_line_count = 24 bad
'

# (pull names the first 10 and counts the others, t8252; verify names each)
test_expect_success 'pull names them as invalid events (10, and a count), exit 0; the ones git takes are valid' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq remote add ya ../ya &&
	# (planted by hand, as an older zdh took them: a pull refuses them now, t9998)
	craft_plant xq/.zdh ya/.zdh &&
	at xq pull ya >out 2>err &&
	test $(grep -c "^zdh: warning: refs/zdh/log/yanan: commit [0-9a-f]*: invalid event (" err) = 10 &&
	grep "^zdh: warning: and 14 more invalid events, not named here (zdh verify names each)$" err &&
	test_expect_code 1 at xq verify >vout 2>verr &&
	while read -r id what; do
		grep "^zdh: refs/zdh/log/yanan: commit $(echo $id | cut -c1-12): invalid event (" verr ||
		{ echo "not reported: $what"; return 1; }
	done <bad &&
	grep "(event: bad committer line)" verr &&
	grep "(event: name and email must not contain" verr &&
	grep "(event: not a zdh event (a NUL byte in its summary))" verr &&
	grep "(tree: tree entry .a. is not after .a. in git.s order)" verr &&
	grep "(tree: tree entry .a. is not after .b. in git.s order)" verr &&
	grep "(tree: tree entry .a. is not after .ab. in git.s order)" verr &&
	grep "(tree: attachment 1 is not {name, id, size} within the limits)" verr &&
	at xq issue show YA-1 --json >show.json &&
	grep "\"name\": \"photo~1.jpg\"" show.json &&
	grep "\"name\": \"ab\"" show.json
'

test_expect_success 'verify names them, exit 1; a rebuild judges the same' '
	test_expect_code 1 zdh -C xq verify >out 2>err &&
	grep -c "invalid event (" err >n && echo 24 >expect && test_cmp expect n &&
	at xq issue show YA-1 --json >before &&
	at xq reindex >/dev/null 2>&1 &&
	at xq issue show YA-1 --json >after &&
	test_cmp before after
'

test_expect_success SQLITE 'an index of schema 14 (which judged them valid) is rebuilt' '
	sqlite3 xq/.zdh/index.db "UPDATE events SET effect = 1, note = NULL WHERE effect = 2; PRAGMA user_version = 14" &&
	at xq log --json >log.json &&
	test $(grep -c "\"invalid\": true" log.json) = 24
'

test_expect_success 'what git fsck --strict names, zdh verify named invalid' '
	! git --git-dir=xq/.zdh fsck --strict --no-dangling >fsck 2>&1 &&
	grep "hasDotgit" fsck && grep "duplicateEntries" fsck && grep "treeNotSorted" fsck &&
	grep "missingSpaceBeforeEmail" fsck && grep "zeroPaddedDate" fsck && grep "nulInCommit" fsck &&
	test_expect_code 1 zdh -C xq verify 2>verify &&
	sed -n "s/.*: commit \([0-9a-f]*\): invalid event.*/\1/p" verify >invalid &&
	while read -r c; do git --git-dir=xq/.zdh rev-parse "$c^{tree}"; done <invalid >invalid-trees &&
	sed -n "s/^error in commit \([0-9a-f]\{12\}\).*/\1/p" fsck >commits &&
	sed -n "s/^error in tree \([0-9a-f]*\):.*/\1/p" fsck >trees &&
	test -s commits && test -s trees &&
	while read -r c; do grep "^$c\$" invalid || { echo "valid, yet fsck names $c"; return 1; }; done <commits &&
	while read -r t; do grep "^$t\$" invalid-trees || { echo "valid, yet fsck names tree $t"; return 1; }; done <trees
'

test_expect_success 'zdh writes none of these names: refused before anything is written' '
	for name in .gitmodules .git. GIT~1 .mailmap; do
		printf x >"xq/$name" &&
		test_expect_code 1 zdh -C xq issue add 门锁 --attach "$name" 2>err &&
		grep "cannot be an attachment.s name" err || return 1
	done &&
	printf x >xq/photo~1.jpg &&
	zdh -C xq issue add 门锁 --attach photo~1.jpg >out &&
	echo XQ-1 >expect && test_cmp expect out
'

test_done
