#!/bin/sh
test_description='a peer object git fsck refuses never enters a replica: pull and clone refuse the transfer'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

# A pull stored what a peer sent and judged the events naming objects git
# fsck refuses as invalid (t9986, t9989): the objects stayed, and git fsck
# failed on every replica holding them for ever (git gc too, for a file
# naming a tree).  Now every object received is checked as git fsck
# --strict checks it (git's transfer.fsckObjects) before the pack is
# kept: one it refuses refuses the whole transfer from that peer, in one
# line naming it, the object and the problem, exit 128; nothing kept,
# no ref moved.  From a folder (zdh's own copy) and through libgit2
# (file://), loose and packed (deltas), on any log of the peer.

test_expect_success 'an office and a peer; one commit or tree of each kind git fsck refuses' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq issue add "路灯不亮" >/dev/null &&
	craft_peer "噪音" &&
	at xq remote add ya ../ya &&
	at xq remote add yafile "file://$PWD/ya/.zdh" &&
	at xq pull -q ya &&
	g=ya/.zdh && tip=$(craft_tip) && : >bad &&
	blob=$(printf crafted | git --git-dir=$g hash-object -w --stdin) &&
	dir=$(craft_rawtree $g "inner.txt $blob") &&
	bad () {	# bad COMMIT WHAT: a log tip holding what git fsck refuses
		echo "$1 $2" >>bad
	} &&
	bad $(craft_edit $g $(craft $g $tip valid) "s/^committer .*\$/committer a<b <c> 1700000000 +0800/m") "a bad or missing committer line" &&
	bad $(craft_edit $g $(craft $g $tip valid) "s/^committer (.*) (\\d+) /committer \$1 0\$2 /m") "a bad or missing committer line" &&
	bad $(craft_edit $g $(craft $g $tip valid) "s/^(committer .*)\$/\$1x/m") "a bad or missing committer line" &&
	bad $(craft_edit $g $(craft $g $tip valid) "s/^author [^<]*/author 测<试员 /m") "a bad or missing author line" &&
	bad $(craft_edit $g $(craft $g $tip valid) "s/\\n\\n(.*?)\\n\\n/\\n\\n\$1\\0\\n\\n/s") "a NUL byte in the commit" &&
	bad $(craft_edit $g $(craft $g $tip valid) "s/^parent (\\w+)\$/parent \$1 /m") "a bad parent line" &&
	bad $(craft_edit $g $(craft $g $tip valid) "s/^(tree .*\\n)(.*\\n)(.*\\n)(committer .*\\n)/\$2\$3\$4\$1/") "no tree line first" &&
	bad $(craft_withtree $g $(craft $g $tip valid) $(craft_rawtree $g "a $blob" "a $blob") "a $blob" "a $blob") "tree entry .a. appears twice" &&
	bad $(craft_withtree $g $(craft $g $tip valid) $(craft_rawtree $g "b $blob" "a $blob") "b $blob" "a $blob") "tree entry .a. is not after .b. in git.s order" &&
	bad $(craft $g $tip tree 100644 .git) "tree entry name .\\.git. is not safe" &&
	bad $(craft $g $tip tree 100644 ..) "tree entry name .\\.\\.. is not safe" &&
	bad $(craft $g $tip tree 100664 a.txt) "tree entry .a\\.txt. has mode 100664, which git does not take" &&
	bad $(craft_withtree $g $(craft $g $tip valid) $(craft_rawtree $g "folder.txt $dir") "folder.txt $dir") "tree entry .folder\\.txt. names a tree, not a file" &&
	bad $(craft_withtree $g $(craft $g $tip valid) $(craft_rawtree $g "commit.txt $tip") "commit.txt $tip") "tree entry .commit\\.txt. names a commit, not a file" &&
	test_line_count = 14 bad &&
	# (the honest tip, for the end)
	honest=$(craft $g $tip valid)
'

# tip ID: the peer's log at ID, written by hand (git update-ref parses the commit)
tip () {
	git --git-dir=$g pack-refs --all &&
	sed -i "/ refs\/zdh\/log\/yanan\$/d" $g/packed-refs &&
	mkdir -p $g/refs/zdh/log && echo $1 >$g/refs/zdh/log/yanan
}

# state DIR: what must not change in DIR when a pull is refused
state () {
	git --git-dir=$1/.zdh for-each-ref &&
	git --git-dir=$1/.zdh count-objects -v | grep -v "^size" &&
	ls $1/.zdh/objects/pack &&
	at $1 export &&
	at $1 log --json
}

# unsendable REMOTE WHY: the commits libgit2 cannot parse, it cannot send
# either (t5170): through libgit2, those fail before zdh sees an object,
# as "cannot fetch"; every other bad object must reach zdh's own check
unsendable () {
	test $1 = yafile && case $2 in
	"a bad parent line"|"no tree line first") true ;;
	*) false ;;
	esac
}

# refused REMOTE: each bad tip on the peer's log, pulled from REMOTE and
# cloned from its URL: refused in one line, exit 128, nothing changed,
# git fsck clean.  xq's state is taken once before the first tip, and
# after each: a pull is compared with the state the pull before it left,
# which was compared unchanged (nothing between two pulls writes to xq)
refused () {
	state xq >before &&
	while read -r id why; do
		tip $id &&
		test_expect_code 128 at xq pull $1 >out 2>err &&
		test_must_be_empty out &&
		one_line_error err &&
		{ grep "^zdh: $1 sent object [0-9a-f]*, which git fsck refuses ($why): nothing from $1 is taken\$" err ||
		  { unsendable $1 "$why" && grep "^zdh: cannot fetch refs/zdh/log/yanan from .yafile." err; }; } ||
		{ echo "not refused as expected: $id $why"; cat err; return 1; }
		state xq >after &&
		test_cmp before after &&
		git --git-dir=xq/.zdh fsck --strict --no-dangling 2>&1 &&
		for f in xq/.zdh/*incoming*; do test ! -e "$f" || { echo "left: $f"; return 1; }; done &&
		test_expect_code 128 zdh clone "$2" cl --replica nanjing --prefix NJ -q 2>err &&
		{ grep "^zdh: origin sent object [0-9a-f]*, which git fsck refuses ($why): nothing from origin is taken\$" err ||
		  { unsendable $1 "$why" && grep "^zdh: cannot fetch from .origin." err; }; } &&
		! test -e cl || return 1
	done <bad
}

test_expect_success 'pull and clone from a folder: each refused whole, exit 128, nothing kept' '
	refused ya ya/.zdh
'

test_expect_success 'through libgit2 (file://): each refused the same; nothing of the pack kept' '
	refused yafile "file://$PWD/ya/.zdh"
'

test_expect_success 'packed by git (deltas): refused the same, from a folder and through libgit2' '
	git --git-dir=$g cat-file --batch-all-objects --batch-check="%(objectname)" |
	git --git-dir=$g pack-objects -q --window=50 --depth=50 $g/objects/pack/pack &&
	git --git-dir=$g prune-packed &&
	test "$(git --git-dir=$g count-objects | cut -d" " -f1)" = 0 &&
	git --git-dir=$g verify-pack -v $g/objects/pack/*.idx >vp &&
	# (some of the bad commits are deltas on others)
	grep -E "^[0-9a-f]{40} commit .* [0-9]+ [0-9a-f]{40}\$" vp &&
	refused ya ya/.zdh &&
	refused yafile "file://$PWD/ya/.zdh"
'

test_expect_success 'a bad tip on a log pull would keep aside (ours, diverged) refuses the pull too' '
	tip $(git --git-dir=xq/.zdh rev-parse refs/zdh/log/yanan) &&
	id=$(head -1 bad | cut -d" " -f1) &&
	git --git-dir=$g update-ref refs/zdh/log/xinqiao $id &&
	state xq >before &&
	for r in ya yafile; do
		test_expect_code 128 at xq pull $r 2>err &&
		grep "^zdh: $r sent object $id, which git fsck refuses" err &&
		state xq >after && test_cmp before after || return 1
	done &&
	test_must_fail git --git-dir=xq/.zdh rev-parse -q --verify refs/zdh/diverged/ya/xinqiao &&
	git --git-dir=$g update-ref -d refs/zdh/log/xinqiao
'

test_expect_success 'an honest pull afterwards takes the peer; an object no log names is not taken' '
	unnamed=$(craft_rawtree $g "b $blob" "a $blob") &&
	tip $honest &&
	at xq pull ya >out 2>err &&
	test_must_be_empty err &&
	test "$(git --git-dir=xq/.zdh rev-parse refs/zdh/log/yanan)" = $honest &&
	test_must_fail git --git-dir=xq/.zdh cat-file -e $unnamed &&
	at xq pull yafile 2>err &&
	test_must_be_empty err &&
	zdh clone "file://$PWD/ya/.zdh" cl2 --replica nanjing --prefix NJ -q &&
	test "$(git --git-dir=cl2/.zdh rev-parse refs/zdh/log/yanan)" = $honest &&
	git --git-dir=xq/.zdh fsck --strict --no-dangling &&
	git --git-dir=cl2/.zdh fsck --strict --no-dangling &&
	test_must_fail git --git-dir=cl2/.zdh cat-file -e $unnamed &&
	at xq issue list --format csv >list &&
	grep "^YA-1," list
'

# A replica that holds such objects already (an older zdh, a fetch by
# hand): its push into a folder (a hub, another replica), where no git
# checks what it receives, is refused on the receiving side's behalf.
test_expect_success 'push into a folder of objects git fsck refuses: refused, the remote unchanged' '
	zdh init --replica dongxi --prefix DX old >/dev/null &&
	at old remote add ya ../ya &&
	tip $(sed -n 8p bad | cut -d" " -f1) &&
	id=$(sed -n 8p bad | cut -d" " -f1) &&
	craft_plant old/.zdh ya/.zdh &&
	at old pull -q ya 2>/dev/null &&
	test "$(git --git-dir=old/.zdh rev-parse refs/zdh/log/yanan)" = $id &&
	git init -q --bare hub.git &&
	at old remote add hub ../hub.git &&
	zdh init --replica beixi --prefix BX fresh >/dev/null &&
	at old remote add fresh ../fresh/.zdh &&
	state fresh >before &&
	for r in hub fresh; do
		test_expect_code 128 at old push $r >out 2>err &&
		one_line_error err &&
		grep "^zdh: object [0-9a-f]*, which git fsck refuses (tree entry .a. appears twice), would go to $r: nothing is pushed\$" err ||
		return 1
	done &&
	test -z "$(git --git-dir=hub.git for-each-ref)" &&
	test "$(git --git-dir=hub.git count-objects -v | grep -c "^count: 0\|^in-pack: 0")" = 2 &&
	state fresh >after && test_cmp before after &&
	git --git-dir=fresh/.zdh fsck --strict --no-dangling &&
	! ls fresh/.zdh/objects/pack | grep tmp_
'

test_expect_success 'in Chinese: the one line' '
	tip $(head -1 bad | cut -d" " -f1) &&
	LANGUAGE=zh_CN test_expect_code 128 at xq pull ya 2>err &&
	one_line_error err &&
	! grep "git fsck refuses" err &&
	grep "git fsck" err
'

test_done
