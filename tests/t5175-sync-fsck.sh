#!/bin/sh
# A pull or clone from a folder reads the peer's objects itself, where
# no git program parses them first (libgit2's fetch parses each commit
# it walks and refuses what it cannot read).  Each commit and tree it
# copies is checked as git fsck checks it (core/fsck.c): one git fsck
# would report makes the peer's log be refused, named by git's name for
# the problem, and nothing of it is kept, so that git fsck of the office
# stays clean.  Each case is shown to be git's complaint too (git fsck of
# the peer names it), and a commit git accepts, odd as it is, is copied.
test_description='a folder copy refuses what git fsck would report'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

EMPTY_TREE=4b825dc642cb6eb9a060e54bf8d69288fbee4904
OK_IDENT="张三 <zhang@example.org> 1700000000 +0800"

# commit_in GITDIR TREE PARENT AUTHOR COMMITTER: a commit written as is
# (AUTHOR "-": no author line); its id
commit_in () {
	if test "$4" = -
	then
		printf "tree %s\nparent %s\ncommitter %s\n\nevent\n" "$2" "$3" "$5"
	else
		printf "tree %s\nparent %s\nauthor %s\ncommitter %s\n\nevent\n" "$2" "$3" "$4" "$5"
	fi | git --git-dir="$1" hash-object -t commit -w --literally --stdin
}

# tree_in GITDIR ENTRY...: a tree of the entries "MODE NAME ID", in the order given; its id
tree_in () {
	tree_in_dir_=$1
	shift
	perl -e 'binmode STDOUT; for (@ARGV) { my ($m, $n, $id) = split / /; print "$m $n\0" . pack("H40", $id) }' "$@" |
	git --git-dir="$tree_in_dir_" hash-object -t tree -w --literally --stdin
}

test_expect_success 'setup: an office, and a peer folder with a log of its own' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq issue add "路灯不亮" >/dev/null &&
	zdh clone xq/.zdh ya --replica yanan --prefix YA -q &&
	at ya issue add "噪音" >/dev/null &&
	at xq remote add ya ../ya &&
	git --git-dir=ya/.zdh rev-parse refs/zdh/log/yanan >good_tip &&
	blob=$(echo 照片 | git --git-dir=ya/.zdh hash-object -w --stdin) &&
	echo $blob >blob
'

# refused NAME TIP: the peer's log at TIP (a commit, or one above a bad
# tree) is refused by a pull with git's NAME; git fsck of the peer names
# it too (or cannot parse the commit at all); the office keeps neither
# the log nor any object of it
refused () {
	echo "$2" >ya/.zdh/refs/zdh/log/yanan &&
	test_expect_code 128 zdh -C xq pull ya >out 2>err &&
	grep "malformed (git fsck: $1)" err &&
	test_line_count = 1 err &&
	git --git-dir=ya/.zdh fsck --no-dangling >peer.fsck 2>&1;
	grep -e ": $1: " -e "bogus commit object $2" peer.fsck &&
	test "$(git --git-dir=xq/.zdh rev-parse -q --verify refs/zdh/log/yanan)" != "$2" &&
	git --git-dir=xq/.zdh fsck --no-dangling --strict >office.fsck 2>&1 &&
	! grep -v "^notice: " office.fsck &&
	test_must_fail git --git-dir=xq/.zdh cat-file -e "$2"
}

while read name author committer
do
	test_expect_success "a commit with $name" '
		tip=$(cat good_tip) &&
		c=$(commit_in ya/.zdh $EMPTY_TREE $tip "$(echo "$author" | tr _ " ")" \
			"$(echo "$committer" | tr _ " ")") &&
		refused $name $c
	'
done <<\EOF
badDate 张三_<zhang@example.org>_notatime_+0800 张三_<zhang@example.org>_1700000000_+0800
zeroPaddedDate 张三_<zhang@example.org>_01700000000_+0800 张三_<zhang@example.org>_1700000000_+0800
badTimezone 张三_<zhang@example.org>_1700000000_0800 张三_<zhang@example.org>_1700000000_+0800
badEmail 张三_<zhang@example.org_1700000000_+0800 张三_<zhang@example.org>_1700000000_+0800
missingEmail 张三_1700000000_+0800 张三_<zhang@example.org>_1700000000_+0800
missingSpaceBeforeEmail 张三<zhang@example.org>_1700000000_+0800 张三_<zhang@example.org>_1700000000_+0800
badDateOverflow 张三_<zhang@example.org>_99999999999999999999_+0800 张三_<zhang@example.org>_1700000000_+0800
missingAuthor - 张三_<zhang@example.org>_1700000000_+0800
badName 张三_>zhang@example.org>_1700000000_+0800 张三_<zhang@example.org>_1700000000_+0800
missingSpaceBeforeDate 张三_<zhang@example.org>1700000000_+0800 张三_<zhang@example.org>_1700000000_+0800
EOF

test_expect_success 'a commit with no tree line' '
	c=$(printf "parent %s\nauthor %s\ncommitter %s\n\nevent\n" "$(cat good_tip)" "$OK_IDENT" "$OK_IDENT" |
		git --git-dir=ya/.zdh hash-object -t commit -w --literally --stdin) &&
	refused missingTree $c
'

while read name entries
do
	test_expect_success "a tree with $name" '
		b=$(cat blob) &&
		t=$(eval "tree_in ya/.zdh $entries") &&
		c=$(commit_in ya/.zdh $t $(cat good_tip) "$OK_IDENT" "$OK_IDENT") &&
		refused $name $c
	'
done <<\EOF
treeNotSorted "100644 b.jpg $b" "100644 a.jpg $b"
duplicateEntries "100644 a.jpg $b" "100644 a.jpg $b"
hasDotgit "100644 .git $b"
hasDotgit "100644 .GIT $b"
hasDot "100644 . $b"
hasDotdot "100644 .. $b"
fullPathname "100644 a/b.jpg $b"
zeroPaddedFilemode "0100644 a.jpg $b"
nullSha1 "100644 a.jpg 0000000000000000000000000000000000000000"
EOF

test_expect_success 'a file and a tree of one name, apart in git.s order' '
	b=$(cat blob) &&
	sub=$(tree_in ya/.zdh "100644 x.jpg $b") &&
	t=$(tree_in ya/.zdh "100644 a $b" "100644 a.b $b" "40000 a $sub") &&
	c=$(commit_in ya/.zdh $t $(cat good_tip) "$OK_IDENT" "$OK_IDENT") &&
	refused duplicateEntries $c
'

test_expect_success 'a tree line naming a blob: refused, nothing kept' '
	c=$(commit_in ya/.zdh $(cat blob) $(cat good_tip) "$OK_IDENT" "$OK_IDENT") &&
	echo "$c" >ya/.zdh/refs/zdh/log/yanan &&
	test_expect_code 128 zdh -C xq pull ya 2>err &&
	grep "is a blob where a tree is named" err &&
	test_must_fail git --git-dir=xq/.zdh cat-file -e "$c"
'

# an object named as a tree by one entry and as a file by another, or as
# a tree while this office holds it as a blob: git fsck calls the link
# broken, whichever way the copy meets it first
test_expect_success 'a blob named as a tree: met in this copy, or held here' '
	b=$(cat blob) &&
	t=$(tree_in ya/.zdh "100644 a.jpg $b" "40000 b $b") &&
	c=$(commit_in ya/.zdh $t $(cat good_tip) "$OK_IDENT" "$OK_IDENT") &&
	echo "$c" >ya/.zdh/refs/zdh/log/yanan &&
	test_expect_code 128 zdh -C xq pull ya 2>err &&
	grep "object $b of the remote is a blob where a tree is named" err &&
	test_must_fail git --git-dir=xq/.zdh cat-file -e "$c" &&
	held=$(git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao) &&
	t=$(tree_in ya/.zdh "40000 x $held") &&
	c=$(commit_in ya/.zdh $t $(cat good_tip) "$OK_IDENT" "$OK_IDENT") &&
	echo "$c" >ya/.zdh/refs/zdh/log/yanan &&
	test_expect_code 128 zdh -C xq pull ya 2>err &&
	grep "object $held of the remote is a commit where a tree is named" err &&
	test_must_fail git --git-dir=xq/.zdh cat-file -e "$c"
'

test_expect_success 'a commit git accepts, odd as it is (an encoding, a body with no event), is copied' '
	c=$(printf "tree %s\nparent %s\nauthor %s\ncommitter %s\nencoding UTF-8\n\nnot an event\n" \
		$EMPTY_TREE "$(cat good_tip)" "$OK_IDENT" "$OK_IDENT" |
		git --git-dir=ya/.zdh hash-object -t commit -w --stdin) &&
	echo "$c" >ya/.zdh/refs/zdh/log/yanan &&
	zdh -C xq pull ya >out 2>err &&
	grep "invalid event" err &&
	test "$(git --git-dir=xq/.zdh rev-parse refs/zdh/log/yanan)" = "$c" &&
	git --git-dir=xq/.zdh fsck --no-dangling >office.fsck 2>&1 &&
	! grep -v "^notice: " office.fsck
'

test_expect_success 'a clone of a folder whose only new log is bad fails as the pull does' '
	rm -rf cl &&
	c=$(commit_in ya/.zdh $EMPTY_TREE "$(cat good_tip)" "$OK_IDENT" "张三 <z@e> 0170000000 +0800") &&
	echo "$c" >ya/.zdh/refs/zdh/log/yanan &&
	zdh clone ya/.zdh cl --replica cl --prefix CL -q 2>err &&
	grep "refs/zdh/log/yanan from origin cannot be copied (commit $c of the remote is malformed (git fsck: zeroPaddedDate)); skipped" err &&
	at cl issue list --format csv >list &&
	grep "^XQ-1," list &&
	git --git-dir=cl/.zdh fsck --no-dangling >cl.fsck 2>&1 &&
	! grep -v "^notice: " cl.fsck
'

# The same over git:// (libgit2's fetch): git's upload-pack sends a
# commit git parses but git fsck reports, and any tree, and libgit2's
# indexer keeps what it is sent; the pack is checked before any ref
# moves, removed whole, and the logs fetched one at a time, the bad one
# named and skipped
test_expect_success DAEMON 'setup: a hub served by git daemon, a peer log there ending in a zero-padded date' '
	rm -rf hub.git &&
	c=$(commit_in ya/.zdh $EMPTY_TREE "$(cat good_tip)" "$OK_IDENT" "张三 <z@e> 0170000000 +0800") &&
	echo "$c" >ya/.zdh/refs/zdh/log/yanan &&
	echo "$c" >bad_commit &&
	git clone -q --mirror ya/.zdh hub.git &&
	test "$(git --git-dir=hub.git rev-parse refs/zdh/log/yanan)" = "$c" &&
	start_daemon &&
	test_set_prereq UP
'

test_expect_success UP 'a pull over git:// takes the good logs, names the bad one, exit 1; git fsck stays clean' '
	c=$(cat bad_commit) &&
	zdh init --replica jiangning --prefix JN jn >/dev/null &&
	at jn remote add hub "$URL" &&
	test_expect_code 1 zdh -C jn pull hub >out 2>err &&
	grep "^zdh: refs/zdh/log/yanan from hub cannot be fetched (commit $c of the remote is malformed (git fsck: zeroPaddedDate)); skipped\$" err &&
	test_line_count = 1 err &&
	at jn issue list --format csv >list &&
	grep "^XQ-1," list &&
	test_must_fail git --git-dir=jn/.zdh rev-parse --verify -q refs/zdh/log/yanan &&
	test_must_fail git --git-dir=jn/.zdh cat-file -e "$c" &&
	git --git-dir=jn/.zdh fsck --no-dangling --strict >jn.fsck 2>&1 &&
	! grep -v "^notice: " jn.fsck
'

test_expect_success UP 'a tree git fsck reports, over git://, the only log to fetch: the pull fails, nothing kept' '
	b=$(echo 照片 | git --git-dir=hub.git hash-object -w --stdin) &&
	t=$(tree_in hub.git "100644 .. $b") &&
	c=$(commit_in hub.git $t "$(cat good_tip)" "$OK_IDENT" "$OK_IDENT") &&
	git --git-dir=hub.git update-ref refs/zdh/log/yanan "$c" &&
	test_expect_code 128 zdh -C jn pull hub 2>err &&
	grep "^zdh: cannot fetch from .hub. (.*): tree $t of the remote is malformed (git fsck: hasDotdot)\$" err &&
	test_must_fail git --git-dir=jn/.zdh cat-file -e "$t" &&
	git --git-dir=jn/.zdh fsck --no-dangling --strict >jn.fsck 2>&1 &&
	! grep -v "^notice: " jn.fsck
'

test_expect_success UP 'a clone of that hub is made without the bad log' '
	zdh clone "$URL" nj --replica nanjing --prefix NJ -q 2>err &&
	grep "refs/zdh/log/yanan from origin cannot be fetched (tree .* malformed (git fsck: hasDotdot)); skipped" err &&
	at nj issue list --format csv >list &&
	grep "^XQ-1," list &&
	git --git-dir=nj/.zdh fsck --no-dangling --strict >nj.fsck 2>&1 &&
	! grep -v "^notice: " nj.fsck
'

stop_daemon
test_done
