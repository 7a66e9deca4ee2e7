#!/bin/sh
# A peer's commit whose headers are not those of an event (zdh-repository(5),
# EVENTS: tree, parents, author, committer, then a gpgsig, each once, in
# that order) was read as a valid event, with effect: one without a
# committer line (recorded at 1970), with two author or committer lines
# (git shows the first, zdh took the last), with an encoding or any
# other header, with its tree after the committer (a commit git itself
# cannot parse: "bogus commit object", so plain git log of the log fails).
# git fsck names most of them.  Each is now invalid by the rule "event".
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

test_expect_success 'setup: a peer log with one commit of each kind of bad headers' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq issue add "路灯不亮" >/dev/null &&
	craft_peer "噪音" &&
	tip=$(craft_tip) &&
	printf "" >list && printf "" >c.raw &&
	variant no-committer "/^committer /d" &&
	variant two-committers "/^committer /p" &&
	variant two-authors "/^author /p" &&
	variant encoding "/^committer /a encoding GBK" &&
	variant other-header "/^committer /a x-note yes" &&
	variant tree-last "/^tree /{h;d};/^committer /G" &&
	variant two-trees "/^tree /p" &&
	variant no-tree "/^tree /d" &&
	variant parent-after-author "/^parent /{h;d};/^author /G" &&
	variant gpgsig-first "/^author /a gpgsig x" &&
	good=$(craft ya/.zdh "$tip" valid) &&
	mkdir -p ya/.zdh/refs/zdh/log &&
	echo "$good" >ya/.zdh/refs/zdh/log/yanan &&
	at xq remote add ya ../ya &&
	test_line_count = 10 list
'

test_expect_success 'pull names each as an invalid event (event: headers), exit 0' '
	# (planted by hand, as an older zdh took them: a pull refuses them now, t9998)
	craft_plant xq/.zdh ya/.zdh &&
	at xq pull ya >out 2>err &&
	while read -r id what
	do
		grep "^zdh: warning: refs/zdh/log/yanan: commit $(echo $id | cut -c1-12): invalid event (event: " err ||
		{ echo "not refused: $what"; return 1; }
	done <list &&
	test $(grep -c "invalid event" err) = 10
'

test_expect_success 'they change nothing (no event, no record); the honest event on top takes effect' '
	at xq log --json >log.json &&
	test $(grep -c "\"invalid\": true" log.json) = 10 &&
	at xq issue show YA-1 >show &&
	test $(grep -c "crafted valid" show) = 1 &&
	! grep "invalid" show
'

test_expect_success 'verify names each; a rebuild reaches the same' '
	test_expect_code 1 zdh -C xq verify 2>err &&
	test $(grep -c "invalid event (event: " err) = 10 &&
	at xq export >before.json &&
	at xq reindex >/dev/null 2>&1 &&
	at xq export >after.json &&
	test_cmp before.json after.json
'

test_expect_success SQLITE 'an index of schema 13 (judged by the rules before) is rebuilt' '
	sqlite3 xq/.zdh/index.db "UPDATE events SET effect = 1, note = NULL WHERE effect = 2; PRAGMA user_version = 13" &&
	at xq log --json >log.json &&
	test $(grep -c "\"invalid\": true" log.json) = 10
'

test_expect_success 'what zdh writes, signed or not, is still valid' '
	at xq issue comment YA-1 -m "本地" >/dev/null &&
	ssh-keygen -q -t ed25519 -N "" -f key &&
	ZDH_SIGNING_KEY="$HOME/key" zdh -C xq issue comment YA-1 -m "签名的" >/dev/null &&
	git --git-dir=xq/.zdh cat-file commit refs/zdh/log/xinqiao | grep "^gpgsig " &&
	at xq reindex >/dev/null 2>&1 &&
	test_expect_code 1 zdh -C xq verify 2>err &&
	test $(grep -c "invalid event (" err) = 10
'

test_done
