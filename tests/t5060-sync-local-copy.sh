#!/bin/sh
# A remote that is a folder on this machine is read by zdh itself (its
# pack reader), not by libgit2's indexer (zdh-sync(1), "A remote folder"):
# only the objects this replica lacks are copied, each checked against its
# id; a damaged or lacking object, or a log naming something that is not
# a commit, fails the pull with nothing moved when it is the only log with
# something to copy (beside others, it is skipped alone: t8000); a pull
# killed while copying leaves the replica as it was; attachments come along.
test_description='zdh pull and clone from a folder: the copy of objects'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

# packed_objects GITDIR: the number of objects in GITDIR's packs
packed_objects () {
	n_=0
	for i_ in "$1"/objects/pack/pack-*.idx
	do
		test -f "$i_" || continue
		n_=$((n_ + $(git show-index <"$i_" | wc -l)))
	done
	echo $n_
}

# state DIR: what must not change when a pull fails: refs and export
state () {
	git --git-dir="$1/.zdh" for-each-ref &&
	at "$1" export
}

test_expect_success 'setup: an office with issues and an attachment, pushed to a hub by path' '
	xq_and_hub &&
	at xq issue add "52弄垃圾桶满溢" --area 新桥 >/dev/null &&
	printf "photo before\n" >before.jpg &&
	at xq issue add "楼道堆物" --area 新桥 --attach "$(pwd)/before.jpg" >/dev/null &&
	at xq remote add hub ../hub.git &&
	at xq push -q hub
'

test_expect_success 'clone by path copies every object, attachments too, and git fsck is clean' '
	zdh clone hub.git ya --replica yanan --prefix YA -q &&
	git --git-dir=ya/.zdh fsck --strict 2>err &&
	! grep -i "missing\|error" err &&
	test "$(events ya/.zdh)" = 3 &&
	at ya verify >/dev/null &&
	at ya export >actual &&
	at xq export >expect &&
	test_cmp expect actual &&
	blob=$(git --git-dir=xq/.zdh rev-parse "refs/zdh/log/xinqiao^{tree}:before.jpg") &&
	git --git-dir=ya/.zdh cat-file -p "$blob" >got &&
	test_cmp before.jpg got
'

test_expect_success 'a pull copies only what the replica lacks, into one pack' '
	at xq issue add "路灯不亮" --area 新桥 >/dev/null &&
	at xq issue add "占道经营" --area 新桥 >/dev/null &&
	at xq push -q hub &&
	before=$(packed_objects ya/.zdh) &&
	packs=$(ls ya/.zdh/objects/pack/*.pack | wc -l) &&
	at ya pull -q origin 2>err &&
	test_must_be_empty err &&
	test $(packed_objects ya/.zdh) -eq $((before + 2)) &&
	test $(ls ya/.zdh/objects/pack/*.pack | wc -l) -eq $((packs + 1)) &&
	at ya export >actual &&
	at xq export >expect &&
	test_cmp expect actual
'

test_expect_success 'a pull with nothing new writes no pack' '
	ls ya/.zdh/objects/pack >before &&
	at ya pull -q origin &&
	ls ya/.zdh/objects/pack >after &&
	test_cmp before after
'

test_expect_success 'a damaged object in the remote fails the pull, nothing moved' '
	cp -R hub.git bad.git &&
	at xq issue add "新问题" --area 新桥 >/dev/null &&
	at xq remote add bad ../bad.git &&
	at xq push -q bad &&
	# every object loose, so that one can be damaged in place
	mkdir packs &&
	mv bad.git/objects/pack/pack-* packs/ &&
	for p in packs/*.pack
	do
		git --git-dir=bad.git unpack-objects -q <$p || return 1
	done &&
	tip=$(git --git-dir=bad.git rev-parse refs/zdh/log/xinqiao) &&
	obj=bad.git/objects/$(echo $tip | cut -c1-2)/$(echo $tip | cut -c3-) &&
	test -f "$obj" &&
	chmod u+w "$obj" &&
	git --git-dir=bad.git cat-file commit $tip >commit &&
	sed "s/新问题/假问题/" <commit |
		perl -MCompress::Zlib -e "undef \$/; my \$d = <STDIN>; print compress(\"commit \" . length(\$d) . \"\\0\" . \$d)" >"$obj" &&
	at ya remote add bad ../bad.git &&
	state ya >expect &&
	ls ya/.zdh/objects/pack >packs.before &&
	test_expect_code 128 at ya pull -q bad 2>err &&
	one_line_error err &&
	grep -E "corrupt|damaged" err &&
	state ya >actual &&
	test_cmp expect actual &&
	ls ya/.zdh/objects/pack >packs.after &&
	test_cmp packs.before packs.after
'

# The ids are checked on the pack writer's thread, after the walk read the
# object: a damaged object deep in the history (an attachment's blob) fails
# the copy all the same, naming it, before the pack is kept or a ref moves
test_expect_success 'a damaged blob in the remote fails the clone and the pull, nothing kept' '
	cp -R hub.git badblob.git &&
	mkdir packs2 &&
	mv badblob.git/objects/pack/pack-* packs2/ &&
	for p in packs2/*.pack
	do
		git --git-dir=badblob.git unpack-objects -q <$p || return 1
	done &&
	blob=$(git --git-dir=hub.git rev-list --objects --all | sed -n "s/ before.jpg\$//p") &&
	test -n "$blob" &&
	obj=badblob.git/objects/$(echo $blob | cut -c1-2)/$(echo $blob | cut -c3-) &&
	chmod u+w "$obj" &&
	printf "photo after\n" |
		perl -MCompress::Zlib -e "undef \$/; my \$d = <STDIN>; print compress(\"blob \" . length(\$d) . \"\\0\" . \$d)" >"$obj" &&
	test_expect_code 128 zdh clone badblob.git zz --replica zz --prefix ZZ -q 2>err &&
	one_line_error err &&
	grep "object $blob is corrupt" err &&
	test ! -e zz &&
	# packed (git does not check what it packs): the pack writer finds it
	git --git-dir=badblob.git rev-list --objects --all 2>/dev/null |
		git --git-dir=badblob.git pack-objects -q badblob.git/objects/pack/pack >/dev/null &&
	git --git-dir=badblob.git prune-packed &&
	test -z "$(find badblob.git/objects -type f ! -path "*/pack/*" ! -path "*/info/*")" &&
	test_expect_code 128 zdh clone badblob.git zz --replica zz --prefix ZZ -q 2>err &&
	one_line_error err &&
	grep "object $blob of the remote is damaged" err &&
	test ! -e zz &&
	zdh init --replica zhou --prefix ZH zh >/dev/null &&
	at zh remote add bad ../badblob.git &&
	state zh >expect &&
	test_expect_code 128 at zh pull -q bad 2>err &&
	one_line_error err &&
	grep "object $blob of the remote is damaged" err &&
	state zh >actual &&
	test_cmp expect actual &&
	test -z "$(ls zh/.zdh/objects/pack/)"
'

# (beside logs this replica holds already, such a log is skipped and
# named, exit 1: failing the whole pull, every pull after the first that
# took the others failed; alone on its remote, the pull fails)
test_expect_success 'a log naming a blob, or an object the remote lacks, is skipped, nothing moved' '
	git init -q --bare odd.git &&
	git --git-dir=hub.git push -q odd.git "refs/zdh/log/*:refs/zdh/log/*" &&
	blob=$(echo hello | git --git-dir=odd.git hash-object -w --stdin) &&
	git --git-dir=odd.git update-ref refs/zdh/log/odd $blob &&
	at ya remote add odd ../odd.git &&
	state ya >expect &&
	test_expect_code 1 at ya pull -q odd 2>err &&
	one_line_error err &&
	grep "refs/zdh/log/odd from odd cannot be copied (.*not a commit); skipped" err &&
	git --git-dir=odd.git update-ref -d refs/zdh/log/odd &&
	git --git-dir=odd.git update-ref refs/zdh/log/gone $(echo 0123456789abcdef0123456789abcdef01234567) 2>/dev/null ||
	printf "0123456789abcdef0123456789abcdef01234567\n" >odd.git/refs/zdh/log/gone &&
	test_expect_code 1 at ya pull -q odd 2>err &&
	one_line_error err &&
	grep "lacks object" err &&
	state ya | grep -v "refs/zdh/remotes/odd/xinqiao\$" >actual &&	# (held: mirrored)
	test_cmp expect actual &&
	git init -q --bare lone.git &&
	git --git-dir=lone.git update-ref refs/zdh/log/odd $(echo hello | git --git-dir=lone.git hash-object -w --stdin) &&
	at ya remote add lone ../lone.git &&
	test_expect_code 128 at ya pull -q lone 2>err &&
	one_line_error err &&
	grep "not a commit" err &&
	state ya | grep -v "refs/zdh/remotes/odd/xinqiao\$" >actual &&
	test_cmp expect actual
'

test_expect_success 'a pull killed while copying leaves the replica as it was; the next one completes' '
	rm -f odd.git/refs/zdh/log/gone &&
	zdh init --replica big --prefix BG big >/dev/null &&
	perl -e "print \"id,title,body,area,category,source,reporter,location,status,dept,assignee,due,created\n\"; print \",copy \$_,,,,,,,open,,,,\n\" for 1 .. 30000" >big.csv &&
	at big issue import ../big.csv >/dev/null &&
	at ya remote add big ../big &&
	for delay in 0.05 0.2 0.5
	do
		"$ZDH" -C ya pull -q big & pid=$!
		sleep $delay && kill -9 $pid; wait $pid
		# the log is either untouched or whole, and what is there is sound
		tip=$(git --git-dir=ya/.zdh rev-parse -q --verify refs/zdh/log/big) ||
		tip=absent
		test $tip = absent ||
		test $tip = "$(git --git-dir=big/.zdh rev-parse refs/zdh/log/big)" || return 1
		at ya verify >/dev/null || return 1
		git --git-dir=ya/.zdh rev-parse -q --verify refs/zdh/log/big >/dev/null && break
	done
	at ya pull -q big &&
	test "$(git --git-dir=ya/.zdh rev-parse refs/zdh/log/big)" = "$(git --git-dir=big/.zdh rev-parse refs/zdh/log/big)" &&
	at ya verify >/dev/null &&
	git --git-dir=ya/.zdh fsck 2>err && ! grep -i "missing\|error" err
'

test_done
