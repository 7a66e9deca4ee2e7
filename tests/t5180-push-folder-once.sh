#!/bin/sh
# A push into a folder writes each object there once: the checked copy's
# one pack, then the remote's logs moved by compare-and-swap on the tips
# it showed (zdh-sync(1)); libgit2's push wrote a second pack of the same
# objects.  A log whose ref is locked there, or whose ref's path is a
# folder, is rejected, the others sent; a push that fails on the way
# leaves the remote as it was; a ref that cannot be written (a full or
# read-only disk there) fails the push, 128, those moved before it moved.
test_description='a push into a folder writes each object once'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

# TMPFS: a tmpfs can be mounted (root only; skipped with the reason when
# mount is not permitted); the test mounts one over a remote's refs/zdh/log
probe=$TRASH_DIRECTORY/probe
mkdir -p "$probe"
if mount -t tmpfs -o size=64k tmpfs "$probe" 2>/dev/null
then
	umount "$probe" && test_set_prereq TMPFS
fi
rmdir "$probe"

# packed GITDIR: the objects in GITDIR's packs, by id
packed () {
	for p in "$1"/objects/pack/*.idx
	do
		git show-index <"$p" | cut -d" " -f2
	done | LC_ALL=C sort
}
# reachable GITDIR REVS...: the objects of REVS, by id
reachable () {
	reachable_dir_=$1 && shift &&
	git --git-dir="$reachable_dir_" rev-list --objects "$@" | cut -d" " -f1 | LC_ALL=C sort
}
# stored GITDIR: the objects of GITDIR, packed and loose, by id (one stored
# twice: twice)
stored () {
	{ packed "$1" && (cd "$1/objects" && find ?? -type f | tr -d /); } | LC_ALL=C sort
}
# once GITDIR REVS...: each object of REVS stored in GITDIR once, and no
# other in its packs
once () {
	once_dir_=$1 && shift &&
	reachable "$once_dir_" "$@" >wanted &&
	stored "$once_dir_" >stored &&
	uniq -d stored >twice &&
	test_must_be_empty twice &&
	LC_ALL=C comm -23 wanted stored >missing &&
	test_must_be_empty missing &&
	packed "$once_dir_" >in-pack &&
	LC_ALL=C comm -13 wanted in-pack >extra &&
	test_must_be_empty extra
}
packs () {
	ls "$1"/objects/pack/*.pack 2>/dev/null | wc -l | tr -d " "
}

test_expect_success 'setup: an office of 300 issues, two other logs, an empty hub' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	issues_csv 1 300 >a.csv &&
	at xq issue import "$(pwd)/a.csv" >/dev/null &&
	zdh clone xq/.zdh ya --replica yanan --prefix YA -q &&
	at ya issue add 路灯不亮 --date 2025-12-01 >/dev/null &&
	at xq remote add ya ../ya/.zdh && at xq pull -q ya &&
	zdh init --replica hub --prefix HB hub >/dev/null &&
	at xq remote add hub ../hub/.zdh
'

test_expect_success 'a push into a folder: one pack, each object in it once' '
	at xq push -q hub &&
	echo 1 >expect && packs hub/.zdh >actual && test_cmp expect actual &&
	once hub/.zdh refs/zdh/log/xinqiao refs/zdh/log/yanan &&
	for r in xinqiao yanan
	do
		git --git-dir=xq/.zdh rev-parse refs/zdh/log/$r >expect &&
		git --git-dir=hub/.zdh rev-parse refs/zdh/log/$r >actual &&
		test_cmp expect actual || return 1
	done &&
	git --git-dir=hub/.zdh fsck 2>err &&
	! grep -v "unborn branch" err
'

test_expect_success 'the next push: one more pack, of the new objects alone' '
	at xq issue add 井盖松动 --date 2025-12-02 >/dev/null &&
	at xq push -q hub &&
	echo 2 >expect && packs hub/.zdh >actual && test_cmp expect actual &&
	once hub/.zdh refs/zdh/log/xinqiao refs/zdh/log/yanan
'

test_expect_success 'a log whose ref is locked there: rejected, named, the other sent' '
	at xq issue add 垃圾满了 --date 2025-12-03 >/dev/null &&
	at ya issue add 楼道灯坏 --date 2025-12-03 >/dev/null &&
	at xq pull -q ya &&
	xq_was=$(git --git-dir=hub/.zdh rev-parse refs/zdh/log/xinqiao) &&
	: >hub/.zdh/refs/zdh/log/xinqiao.lock &&
	test_expect_code 1 zdh -C xq push -q hub >out 2>err &&
	rm hub/.zdh/refs/zdh/log/xinqiao.lock &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: refs/zdh/log/xinqiao: cannot lock ref .* rejected by hub$" err &&
	echo $xq_was >expect &&
	git --git-dir=hub/.zdh rev-parse refs/zdh/log/xinqiao >actual &&
	test_cmp expect actual &&
	git --git-dir=xq/.zdh rev-parse refs/zdh/log/yanan >expect &&
	git --git-dir=hub/.zdh rev-parse refs/zdh/log/yanan >actual &&
	test_cmp expect actual &&
	at xq push -q hub &&
	git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao >expect &&
	git --git-dir=hub/.zdh rev-parse refs/zdh/log/xinqiao >actual &&
	test_cmp expect actual
'

test_expect_success 'a push that fails on the way (ulimit -f): the remote as it was' '
	issues_csv 301 700 >b.csv &&
	at xq issue import "$(pwd)/b.csv" >/dev/null &&
	git --git-dir=hub/.zdh for-each-ref >refs.before &&
	ls -A hub/.zdh/objects/pack >pack.before &&
	(cd xq && ulimit -f 20 && exec "$ZDH" push -q hub) >out 2>err
	echo $? >code &&
	echo 128 >expect && test_cmp expect code &&
	test_line_count = 1 err &&
	git --git-dir=hub/.zdh for-each-ref >refs.after &&
	ls -A hub/.zdh/objects/pack >pack.after &&
	test_cmp refs.before refs.after &&
	test_cmp pack.before pack.after &&
	at xq push -q hub &&
	once hub/.zdh refs/zdh/log/xinqiao refs/zdh/log/yanan
'

test_expect_success 'a log whose ref is a folder there: rejected, named, the other sent' '
	at xq issue add 树枝挡路 --date 2025-12-04 >/dev/null &&
	zdh init --replica far --prefix FA far >/dev/null &&
	at xq remote add far ../far/.zdh &&
	mkdir far/.zdh/refs/zdh/log/xinqiao &&
	test_expect_code 1 zdh -C xq push -q far >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: refs/zdh/log/xinqiao: cannot update ref refs/zdh/log/xinqiao: .*/far/\.zdh/refs/zdh/log/xinqiao'"'"' is a folder rejected by far$" err &&
	test -d far/.zdh/refs/zdh/log/xinqiao &&
	git --git-dir=xq/.zdh rev-parse refs/zdh/log/yanan >expect &&
	git --git-dir=far/.zdh rev-parse refs/zdh/log/yanan >actual &&
	test_cmp expect actual &&
	rmdir far/.zdh/refs/zdh/log/xinqiao &&
	test -z "$(ls -A far/.zdh/refs/zdh/log | grep -v "^yanan$")"
'

# refs_on_tmpfs GITDIR: GITDIR's refs/zdh/log moved onto a tmpfs of 64 KiB
# mounted there, then filled: no page of it free
refs_on_tmpfs () {
	mkdir saved &&
	cp -p "$1"/refs/zdh/log/* saved/ &&
	mount -t tmpfs -o size=64k tmpfs "$1/refs/zdh/log" &&
	trap "umount \"$TRASH_DIRECTORY/$1/refs/zdh/log\" 2>/dev/null" EXIT &&
	cp -p saved/* "$1"/refs/zdh/log/ &&
	{ dd if=/dev/zero of="$1/refs/zdh/log/.filler" bs=$(getconf PAGESIZE) 2>/dev/null; :; }
}
# refs_state GITDIR: its logs, and what else is in refs/zdh/log (no lock left)
refs_state () {
	git --git-dir="$1" for-each-ref refs/zdh/log/ &&
	ls -A "$1/refs/zdh/log"
}

test_expect_success TMPFS 'a ref that cannot be written there (a full disk): 128, one line, no log moved' '
	at xq issue add 雨棚漏水 --date 2025-12-05 >/dev/null &&
	at ya issue add 路面积水 --date 2025-12-05 >/dev/null &&
	at xq pull -q ya &&
	: >far/.zdh/refs/zdh/log/xinqiao.lock &&
	: >far/.zdh/refs/zdh/log/yanan.lock &&
	test_expect_code 1 zdh -C xq push -q far 2>err &&
	test_line_count = 2 err &&
	rm far/.zdh/refs/zdh/log/*.lock &&
	refs_on_tmpfs far/.zdh &&
	refs_state far/.zdh >before &&
	test_expect_code 128 zdh -C xq push -q far >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: cannot write '"'"'.*/far/\.zdh/refs/zdh/log/xinqiao\.lock'"'"': No space left on device; no log was pushed to far$" err &&
	refs_state far/.zdh >after &&
	test_cmp before after
'

test_expect_success TMPFS 'a full disk after a log moved: 128, the one moved stays, none after' '
	truncate -s -$(getconf PAGESIZE) far/.zdh/refs/zdh/log/.filler &&
	git --git-dir=far/.zdh rev-parse refs/zdh/log/yanan >yanan.before &&
	test_expect_code 128 zdh -C xq push -q far >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: cannot write '"'"'.*/far/\.zdh/refs/zdh/log/yanan\.lock'"'"': No space left on device; 1 log was pushed to far before it, none after$" err &&
	git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao >expect &&
	git --git-dir=far/.zdh rev-parse refs/zdh/log/xinqiao >actual &&
	test_cmp expect actual &&
	git --git-dir=far/.zdh rev-parse refs/zdh/log/yanan >actual &&
	test_cmp yanan.before actual &&
	test ! -e far/.zdh/refs/zdh/log/yanan.lock
'

test_expect_success TMPFS 'a read-only disk there: 128, one line naming the lock, no log moved' '
	mount -o remount,ro far/.zdh/refs/zdh/log &&
	refs_state far/.zdh >before &&
	zdh -C xq push -q far >out 2>err
	echo $? >code &&
	mount -o remount,rw far/.zdh/refs/zdh/log &&
	echo 128 >expect && test_cmp expect code &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: cannot lock ref refs/zdh/log/yanan: cannot create '"'"'.*/far/\.zdh/refs/zdh/log/yanan\.lock'"'"': Read-only file system; no log was pushed to far$" err &&
	refs_state far/.zdh >after &&
	test_cmp before after
'

test_expect_success TMPFS 'room again: the push completes' '
	rm far/.zdh/refs/zdh/log/.filler &&
	at xq push -q far &&
	for r in xinqiao yanan
	do
		git --git-dir=xq/.zdh rev-parse refs/zdh/log/$r >expect &&
		git --git-dir=far/.zdh rev-parse refs/zdh/log/$r >actual &&
		test_cmp expect actual || return 1
	done &&
	git --git-dir=far/.zdh fsck 2>err &&
	! grep -v "unborn branch" err
'

if test_have_prereq TMPFS
then
	umount far/.zdh/refs/zdh/log 2>/dev/null
else
	test_skip 'a ref that cannot be written' 'mount -t tmpfs is not permitted here (it needs root)'
fi

test_done
