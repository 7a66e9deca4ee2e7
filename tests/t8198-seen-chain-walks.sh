#!/bin/sh
test_description='a peer log of thousands of edits, each having seen the one before and none the office'"'"'s: pulled in linear time'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

# Each edit of the peer joins the conflict on the title (it never saw the
# office's add), and finding so walked its whole chain of seen back from
# the one before: 3,000 edits were 4.5 million lookups, 12 s of CPU to
# pull (40,000, an hour, the write lock held).  A walk that meets where
# the last one started knows the rest.
test_expect_success 'setup: an office'"'"'s issue, a peer that edits its title 3,000 times' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq issue add "路灯不亮" >/dev/null &&
	zdh init --replica yanan --prefix YA ya >/dev/null &&
	at ya issue add "井盖松动" >/dev/null &&
	seq 3000 | sed "s/.*/event issue XQ-1 edit {\"set\":{\"title\":\"第&\"}}/" >specs &&
	test_line_count = 3000 specs &&
	tip=$(CRAFT_REPLICA=yanan craft_many ya/.zdh $(git --git-dir=ya/.zdh rev-parse refs/zdh/log/yanan) <specs) &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan $tip &&
	at xq remote add ya ../ya
'

test_expect_success 'the pull takes them all within 5 s of CPU' '
	(ulimit -t 5 && at xq pull ya >out 2>err) &&
	test_must_be_empty out &&
	grep "^XQ-1 conflict: title: " err
'

# (each edit saw the one before: it takes that one's place as a side)
test_expect_success 'the conflict has two sides: the office'"'"'s add and the last of the 3,000 edits' '
	at xq conflicts --json >c.json &&
	test $(grep -c "^ *\"[0-9a-f]\{40\}\"" c.json) = 2 &&
	grep "\"第3000\"" c.json &&
	! grep "\"第2999\"" c.json &&
	at xq issue show XQ-1 --json >show.json &&
	grep "\"title\": \"第3000\"" show.json
'

test_expect_success 'a rebuild (within 5 s too) and a second replica reach the same' '
	(ulimit -t 5 && at xq reindex >/dev/null 2>&1) &&
	at xq conflicts --json >c2.json &&
	test_cmp c.json c2.json &&
	(ulimit -t 5 && zdh clone -q xq/.zdh yb --replica yb --prefix YB) &&
	at yb conflicts --json >c3.json &&
	test_cmp c.json c3.json
'

test_expect_success 'an edit that saw them all settles it; verify and git fsck are clean' '
	at xq issue edit XQ-1 --title "路灯不亮(已核)" 2>err &&
	at xq conflicts --json >c4.json &&
	echo "[]" >expect &&
	test_cmp expect c4.json &&
	at xq verify >/dev/null &&
	git --git-dir=xq/.zdh fsck --strict 2>fsck.err
'

test_done
