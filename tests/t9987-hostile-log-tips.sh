#!/bin/sh
test_description='a peer log whose tip is no commit, or a merge reaching ours only by its second parent'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

# A log whose tip is a tree, a blob or a tag is none a zdh wrote.  The
# copy from a folder refused what it copied, but not an object this
# replica held already: every repository holds the empty tree, so a log
# named at it was taken, and every command after failed ("object ... is
# not a commit"), a clone too.
test_expect_success 'setup: a peer naming logs at a blob, a tag, trees' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq issue add 本地的事 >/dev/null &&
	zdh init --replica yanan --prefix YA ya >/dev/null &&
	at ya issue add 一 >/dev/null &&
	g="git --git-dir=ya/.zdh" &&
	$g update-ref refs/zdh/log/blobby $(echo hi | $g hash-object -w --stdin) &&
	$g tag -a -m tag tg refs/zdh/log/yanan &&
	$g update-ref refs/zdh/log/taggy $($g rev-parse refs/tags/tg) &&
	$g update-ref refs/zdh/log/empty $($g hash-object -t tree -w /dev/null) &&
	b=$(echo hi | $g hash-object -w --stdin) &&
	$g update-ref refs/zdh/log/treey $(printf "100644 blob $b\tf\n" | $g mktree) &&
	$g for-each-ref refs/zdh/log/ >odd && grep -v yanan odd >odd.refs
'

test_expect_success 'pull skips each, naming it; the peer.s own log is taken; exit 1' '
	at xq remote add ya ../ya &&
	test_expect_code 1 zdh -C xq pull ya 2>err &&
	for log in blobby taggy empty treey; do
		grep "^zdh: refs/zdh/log/$log from ya cannot be" err || return 1
	done &&
	git --git-dir=xq/.zdh for-each-ref --format="%(objecttype) %(refname)" refs/zdh/log/ >refs &&
	printf "commit refs/zdh/log/%s\n" xinqiao yanan >expect &&
	test_cmp expect refs &&
	at xq issue list --format csv >list &&
	grep "^XQ-1," list && grep "^YA-1," list &&
	zdh -C xq verify &&
	zdh -C xq issue add 之后 >out && echo XQ-2 >expect && test_cmp expect out
'

# A clone takes the other logs, says what it made, and exits 1 as pull
# does (it exited 0, so a script cloning a hub never heard of them).
test_expect_success 'a clone of the peer skips them too, and works; exit 1' '
	test_expect_code 1 zdh clone ya/.zdh c --replica cc --prefix CC >out 2>err &&
	for log in blobby taggy empty treey; do
		grep "^zdh: refs/zdh/log/$log from origin cannot be" err || return 1
	done &&
	test_line_count = 4 err &&
	echo "cloned ya/.zdh into $TRASH_DIRECTORY/c/.zdh (replica cc, prefix CC): 1 event" >expect &&
	test_cmp expect out &&
	at c issue list --format csv >list &&
	grep "^YA-1," list &&
	at c verify
'

# Every reader of a log follows first parents.  Pull asked whether our tip
# was an ancestor of theirs through any parent, so a merge whose second
# parent was our tip passed as moving forward: the log moved onto the
# first parent's history, and what only the old history held left the
# index (a rewrite of history others hold, which pull refuses).
test_expect_success 'the next pulls still work, naming them again' '
	test_expect_code 1 zdh -C xq pull ya 2>err &&
	grep "refs/zdh/log/blobby from ya cannot be" err &&
	# (the peer writes with its odd logs put away: its own zdh cannot read them)
	while read -r id type ref; do git --git-dir=ya/.zdh update-ref -d $ref; done <odd.refs &&
	at ya issue add 二 >/dev/null &&
	while read -r id type ref; do git --git-dir=ya/.zdh update-ref $ref $id; done <odd.refs &&
	test_expect_code 1 zdh -C xq pull ya 2>err &&
	grep "refs/zdh/log/treey from ya cannot be" err &&
	at xq issue list --format csv >list &&
	grep "^YA-2,.*二" list
'

test_expect_success 'a merge whose second parent is our tip: kept aside, ours unchanged' '
	old=$(git --git-dir=ya/.zdh rev-parse refs/zdh/log/yanan) &&
	git --git-dir=xq/.zdh rev-parse refs/zdh/log/yanan >ours && echo $old >expect && test_cmp expect ours &&
	root=$(git --git-dir=ya/.zdh rev-list --max-parents=0 $old) &&
	CRAFT_REPLICA=yanan && export CRAFT_REPLICA &&
	x=$(craft ya/.zdh $root clock 50) &&
	m=$(git --git-dir=ya/.zdh cat-file commit $(craft ya/.zdh $x clock 60) |
		perl -pe "s/^(parent .*)\$/\$1\nparent $old/" |
		git --git-dir=ya/.zdh hash-object -t commit -w --literally --stdin) &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan $m &&
	test_expect_code 1 zdh -C xq pull ya 2>err &&
	grep "^zdh: refs/zdh/log/yanan from ya diverged from ours; kept aside as refs/zdh/diverged/ya/yanan" err &&
	git --git-dir=xq/.zdh rev-parse refs/zdh/log/yanan >ours && test_cmp expect ours &&
	at xq issue list --format csv >list &&
	grep "^YA-2,.*二" list &&
	test_expect_code 1 zdh -C xq verify 2>err &&
	grep "refs/zdh/diverged/ya/yanan" err
'

test_expect_success 'a merge whose first parent is our tip moves the log forward; the merge is invalid' '
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan $old &&
	other=$(craft ya/.zdh $root clock 70) &&
	m=$(git --git-dir=ya/.zdh cat-file commit $(craft ya/.zdh $old valid) |
		perl -pe "s/^(parent .*)\$/\$1\nparent $other/" |
		git --git-dir=ya/.zdh hash-object -t commit -w --literally --stdin) &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan $m &&
	test_expect_code 1 zdh -C xq pull ya 2>err &&	# (the odd logs, named again)
	grep "invalid event (parents: a merge" err &&
	git --git-dir=xq/.zdh rev-parse refs/zdh/log/yanan >ours && echo $m >expect && test_cmp expect ours &&
	at xq issue list --format csv >list &&
	grep "^YA-2,.*二" list
'

test_done
