#!/bin/sh
test_description='a peer event whose attachment names a tree, a commit or a tag is an invalid event'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

# A tree entry of mode 100644 (a file) must name a blob: git fsck fails
# ("object X is a tree, not a blob", "broken link from tree Y") on every
# replica holding one that names a tree, a commit or a tag, and no command
# could read it as an attachment.  zdh took such an event as valid with
# effect, and zdh verify said nothing.  It is now invalid (RULES, tree),
# judged from the object's header; an object the repository does not hold
# is not judged, as before (a pull copies what a tree names, or fails).

# files GITDIR PARENT "NAME ID" ...: an event on PARENT attaching these
files () {
	files_g=$1 files_p=$2 && shift 2 &&
	craft_withtree $files_g $(craft $files_g $files_p valid) $(craft_rawtree $files_g "$@") "$@"
}

test_expect_success 'a peer log whose files name a tree, a commit, a tag; and blobs' '
	CRAFT_REPLICA=yanan && export CRAFT_REPLICA &&
	zdh init --replica yanan --prefix YA ya >/dev/null &&
	at ya issue add 路灯不亮 >/dev/null &&
	g=ya/.zdh && tip=$(craft_tip) && first=$tip &&
	blob=$(printf crafted | git --git-dir=$g hash-object -w --stdin) &&
	dir=$(craft_rawtree $g "inner.txt $blob") &&
	tag=$(printf "object %s\ntype commit\ntag v1\ntagger a <a@b> 1700000000 +0800\n\nv1\n" $first |
		git --git-dir=$g hash-object -t tag -w --stdin) &&
	tip=$(files $g $tip "a.txt $blob" "folder.txt $dir") && echo "$tip tree folder.txt" >bad &&
	tip=$(files $g $tip "commit.txt $first") && echo "$tip commit commit.txt" >>bad &&
	tip=$(files $g $tip "tag.txt $tag") && echo "$tip tag tag.txt" >>bad &&
	tip=$(files $g $tip "photo.jpg $blob" "scan.pdf $blob") &&
	git --git-dir=$g update-ref refs/zdh/log/yanan $tip &&
	test_line_count = 3 bad
'

test_expect_success 'pull names each as an invalid event of the rule tree, exit 0' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq remote add ya ../ya &&
	# (planted by hand, as an older zdh took them: a pull refuses them now, t9998)
	craft_plant xq/.zdh ya/.zdh &&
	at xq pull ya >out 2>err &&
	grep -c "invalid event" err >n &&
	echo 3 >expect && test_cmp expect n &&
	while read -r id type name; do
		grep "^zdh: warning: refs/zdh/log/yanan: commit $(echo $id | cut -c1-12): invalid event (tree: tree entry .$name. names a $type, not a file); it has no effect" err ||
		{ echo "not reported: $id $type"; return 1; }
	done <bad
'

test_expect_success 'none has effect: its files are no attachments; the blobs are' '
	at xq issue attachment YA-1 photo.jpg -o photo &&
	printf crafted >expect && test_cmp expect xq/photo &&
	for name in a.txt folder.txt commit.txt tag.txt; do
		test_expect_code 1 at xq issue attachment YA-1 $name -o out 2>err &&
		echo "zdh: YA-1 has no attachment '"'"'$name'"'"' (photo.jpg, scan.pdf)" >expect &&
		test_cmp expect err || return 1
	done
'

test_expect_success 'verify names them, exit 1; a rebuild judges the same' '
	test_expect_code 1 zdh -C xq verify >out 2>err &&
	grep -c "invalid event (" err >n && echo 3 >expect && test_cmp expect n &&
	grep -c "invalid event (tree: tree entry .*names a .*, not a file)" err >n && test_cmp expect n &&
	at xq issue show YA-1 --json >before &&
	at xq reindex >/dev/null 2>&1 &&
	at xq issue show YA-1 --json >after &&
	test_cmp before after &&
	at xq log --json >log.json &&
	test $(grep -c "\"invalid\": true" log.json) = 3
'

test_expect_success SQLITE 'an index of schema 15 (which judged them valid) is rebuilt' '
	sqlite3 xq/.zdh/index.db "UPDATE events SET effect = 1, note = NULL WHERE effect = 2; PRAGMA user_version = 15" &&
	at xq log --json >log.json &&
	test $(grep -c "\"invalid\": true" log.json) = 3
'

# (git repack and gc fail on such a repository: "has blob mode, but is not a blob")
test_expect_success 'judged alike from loose objects (the crafting repository)' '
	test_expect_code 1 zdh -C ya verify 2>err &&
	grep -c "invalid event (tree: tree entry .*names a .*, not a file)" err >n &&
	echo 3 >expect && test_cmp expect n &&
	at ya reindex >/dev/null 2>&1 &&
	at ya log --json >log.json &&
	test $(grep -c "\"invalid\": true" log.json) = 3
'

test_expect_success 'what git fsck names, zdh verify named invalid' '
	! git --git-dir=xq/.zdh fsck --no-dangling >fsck 2>&1 &&
	grep "is a commit, not a blob" fsck &&
	test_expect_code 1 zdh -C xq verify 2>verify &&
	sed -n "s/.*: commit \([0-9a-f]*\): invalid event.*/\1/p" verify >invalid &&
	while read -r c; do git --git-dir=xq/.zdh rev-parse "$c^{tree}"; done <invalid >invalid-trees &&
	sed -n -e "s/^broken link from *tree \([0-9a-f]*\).*/\1/p" \
		-e "s/^error in tree \([0-9a-f]*\): broken links/\1/p" fsck | sort -u >trees &&
	test -s trees &&
	while read -r t; do grep "^$t\$" invalid-trees || { echo "valid, yet fsck names tree $t"; return 1; }; done <trees
'

test_expect_success 'a file whose object is not held is not judged: valid, as before' '
	zdh init --replica yanan --prefix YA zz >/dev/null &&
	at zz issue add 路灯不亮 >/dev/null &&
	g=zz/.zdh && tip=$(git --git-dir=$g rev-parse refs/zdh/log/yanan) &&
	tip=$(files $g $tip "gone.txt 0123456789abcdef0123456789abcdef01234567") &&
	git --git-dir=$g update-ref refs/zdh/log/yanan $tip &&
	at zz log --json >log.json &&
	! grep "\"invalid\": true" log.json &&
	test_expect_code 1 at zz issue attachment YA-1 nothere -o out 2>err &&
	grep "(gone.txt)" err
'

test_done
