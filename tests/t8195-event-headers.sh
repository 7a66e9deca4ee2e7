#!/bin/sh
# A peer's commit whose headers are not those of an event (zdh-repository(5),
# EVENTS: tree, parents, author, committer, then a gpgsig, each once, in
# that order) was read as a valid event, with effect: one without a
# committer line (recorded at 1970), with two author or committer lines
# (git shows the first, zdh took the last), with an encoding or any
# other header, with its tree after the committer (a commit git itself
# cannot parse: "bogus commit object", so plain git log of the log fails).
# Those git fsck accepts (two committers, an encoding, another header)
# are invalid by the rule "event"; those it reports are refused by the
# copy from the peer's folder, named as git names them (t5175).
test_description='an event commit has the headers zdh writes, each once, in order'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

# variant NAME SED: a valid crafted comment on top of $tip with its commit
# text changed by SED, added to the log; noted in list
variant () {
	c=$(craft ya/.zdh "$tip" valid) &&
	git --git-dir=ya/.zdh cat-file commit "$c" | sed "$2" >v.raw &&
	! cmp -s v.raw c.raw &&
	tip=$(git --git-dir=ya/.zdh hash-object -t commit -w --literally --stdin <v.raw) &&
	echo "$tip $1" >>list
}

test_expect_success 'setup: a peer log with one commit of each kind of bad headers git accepts' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq issue add "路灯不亮" >/dev/null &&
	craft_peer "噪音" &&
	tip=$(craft_tip) &&
	echo "$tip" >honest_tip &&
	printf "" >list && printf "" >c.raw &&
	variant two-committers "/^committer /p" &&
	variant encoding "/^committer /a encoding GBK" &&
	variant other-header "/^committer /a x-note yes" &&
	good=$(craft ya/.zdh "$tip" valid) &&
	mkdir -p ya/.zdh/refs/zdh/log &&
	echo "$good" >ya/.zdh/refs/zdh/log/yanan &&
	at xq remote add ya ../ya &&
	test_line_count = 3 list
'

while read what fsck script
do
	test_expect_success "a commit with $what: git fsck reports it ($fsck), the copy refuses the log" '
		tip=$(cat honest_tip) && good=$(cat ya/.zdh/refs/zdh/log/yanan) &&
		c=$(craft ya/.zdh "$tip" valid) &&
		git --git-dir=ya/.zdh cat-file commit "$c" | sed "$script" >v.raw &&
		bad=$(git --git-dir=ya/.zdh hash-object -t commit -w --literally --stdin <v.raw) &&
		echo "$bad" >ya/.zdh/refs/zdh/log/yanan &&
		test_expect_code 128 zdh -C xq pull ya 2>err &&
		echo "$good" >ya/.zdh/refs/zdh/log/yanan &&
		grep "commit $bad of the remote is malformed (git fsck: $fsck)" err &&
		git --git-dir=ya/.zdh fsck --no-dangling >peer.fsck 2>&1;
		grep -e "$bad: $fsck: " -e "bogus commit object $bad" peer.fsck &&
		test_must_fail git --git-dir=xq/.zdh cat-file -e "$bad"
	'
done <<\EOF
no-committer missingCommitter /^committer /d
two-authors multipleAuthors /^author /p
tree-last missingTree /^tree /{h;d};/^committer /G
two-trees missingAuthor /^tree /p
no-tree missingTree /^tree /d
parent-after-author missingCommitter /^parent /{h;d};/^author /G
gpgsig-first missingCommitter /^author /a gpgsig x
EOF

test_expect_success 'pull names each as an invalid event (event: headers), exit 0' '
	at xq pull ya >out 2>err &&
	while read -r id what
	do
		grep "^zdh: warning: refs/zdh/log/yanan: commit $(echo $id | cut -c1-12): invalid event (event: " err ||
		{ echo "not refused: $what"; return 1; }
	done <list &&
	test $(grep -c "invalid event" err) = 3
'

test_expect_success 'they change nothing (no event, no record); the honest event on top takes effect' '
	at xq log --json >log.json &&
	test $(grep -c "\"invalid\": true" log.json) = 3 &&
	at xq issue show YA-1 >show &&
	test $(grep -c "crafted valid" show) = 1 &&
	! grep "invalid" show
'

test_expect_success 'verify names each; a rebuild reaches the same' '
	test_expect_code 1 zdh -C xq verify 2>err &&
	test $(grep -c "invalid event (event: " err) = 3 &&
	at xq export >before.json &&
	at xq reindex >/dev/null 2>&1 &&
	at xq export >after.json &&
	test_cmp before.json after.json
'

test_expect_success SQLITE 'an index of schema 13 (judged by the rules before) is rebuilt' '
	sqlite3 xq/.zdh/index.db "UPDATE events SET effect = 1, note = NULL WHERE effect = 2; PRAGMA user_version = 13" &&
	at xq log --json >log.json &&
	test $(grep -c "\"invalid\": true" log.json) = 3
'

test_expect_success 'what zdh writes, signed or not, is still valid' '
	at xq issue comment YA-1 -m "本地" >/dev/null &&
	ssh-keygen -q -t ed25519 -N "" -f key &&
	ZDH_SIGNING_KEY="$HOME/key" zdh -C xq issue comment YA-1 -m "签名的" >/dev/null &&
	git --git-dir=xq/.zdh cat-file commit refs/zdh/log/xinqiao | grep "^gpgsig " &&
	at xq reindex >/dev/null 2>&1 &&
	test_expect_code 1 zdh -C xq verify 2>err &&
	test $(grep -c "invalid event (" err) = 3
'

test_done
