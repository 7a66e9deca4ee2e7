#!/bin/sh
test_description='a full disk: before the ref moves a failure leaves nothing; after it, written is reported as written'
. "$(dirname "$0")/lib.sh"

# A small tmpfs mounted by the test (root only; skipped with the reason
# when mount is not permitted), filled up with a file.
mnt=$TRASH_DIRECTORY/mnt
mkdir -p "$mnt"
if command -v sqlite3 >/dev/null && mount -t tmpfs -o size=4m tmpfs "$mnt" 2>/dev/null
then
	test_set_prereq TMPFS
	trap 'umount "$mnt" 2>/dev/null' EXIT
fi

# fill: the tmpfs full, but for what the filler's last block left
fill () {
	dd if=/dev/zero of="$mnt/filler" bs=4k 2>/dev/null
	sync
}

# index_on_tmpfs DIR: DIR's index (and its WAL) moved onto the tmpfs,
# linked from where it was; its objects and refs stay where they are
index_on_tmpfs () {
	sqlite3 "$1/.zdh/index.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
	for f in index.db index.db-wal index.db-shm; do
		if test -e "$1/.zdh/$f"; then mv "$1/.zdh/$f" "$mnt/$f" || return 1; fi &&
		ln -s "$mnt/$f" "$1/.zdh/$f" || return 1
	done &&
	zdh -C "$1" issue list >/dev/null &&
	test -h "$1/.zdh/index.db"
}

test_expect_success TMPFS 'objects first: a repository on a full disk refuses the write, leaves nothing' '
	zdh init --replica xinqiao --prefix XQ "$mnt/office" >/dev/null &&
	zdh -C "$mnt/office" issue add "第一件" >/dev/null &&
	tip=$(git --git-dir="$mnt/office/.zdh" rev-parse refs/zdh/log/xinqiao) &&
	fill &&
	test_must_fail zdh -C "$mnt/office" issue add "写不下" --location "$(printf "%0300d" 0)" >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	test "$(git --git-dir="$mnt/office/.zdh" rev-parse refs/zdh/log/xinqiao)" = "$tip" &&
	rm -f "$mnt/filler" &&
	zdh -C "$mnt/office" verify &&
	zdh -C "$mnt/office" issue list --format csv >list &&
	test $(grep -c "写不下" list) = 0 &&
	zdh -C "$mnt/office" issue add "又有地方了" >out &&
	echo XQ-2 >expect && test_cmp expect out &&
	test -z "$(find "$mnt/office/.zdh/objects" -name "tmp_*")"
'

test_expect_success TMPFS 'index only: the event is written, the id printed, a warning; the next command catches up' '
	rm -rf "$mnt/office" &&
	zdh init --replica xinqiao --prefix XQ office >/dev/null &&
	zdh -C office issue add "第一件" >/dev/null &&
	index_on_tmpfs office &&
	fill &&
	zdh -C office issue add "索引写不下" >out 2>err &&
	echo XQ-2 >expect && test_cmp expect out &&
	test_line_count = 1 err &&
	grep "^zdh: warning: written, but the index could not follow (.*); the next command catches it up$" err &&
	test $(git --git-dir=office/.zdh rev-list --count refs/zdh/log/xinqiao) = 2 &&
	rm -f "$mnt/filler" &&
	zdh -C office issue list --format csv >list &&
	test $(grep -c "索引写不下" list) = 1 &&
	zdh -C office issue add "之后" >out &&
	echo XQ-3 >expect && test_cmp expect out &&
	zdh -C office verify
'

# a pull moves its logs, then catches the index up: once a log moved,
# what it brought is written, and a full disk under the index is a
# warning; the next command catches up, the next pull pins its prefixes
test_expect_success TMPFS 'a pull whose index cannot follow: pulled, a warning; the next command catches up' '
	rm -f "$mnt"/index.db* "$mnt/filler" &&
	zdh init --replica hub --prefix HB hub >/dev/null &&
	zdh -C hub org add --kind area 新桥 >/dev/null &&
	zdh clone -q hub/.zdh yanan --replica yanan --prefix YA &&
	zdh -C yanan issue list >/dev/null &&
	index_on_tmpfs yanan &&
	for i in $(seq 1 400); do echo "第${i}件,新桥,$(printf "%0200d" $i)"; done >many.csv &&
	sed -i "1i title,area,location" many.csv &&
	zdh -C hub issue import "$PWD/many.csv" >/dev/null &&
	fill &&
	zdh -C yanan pull --verbose >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: warning: pulled, but the index could not follow (.*); the next command catches it up$" err &&
	test "$(git --git-dir=yanan/.zdh rev-parse refs/zdh/log/hub)" = \
		"$(git --git-dir=hub/.zdh rev-parse refs/zdh/log/hub)" &&
	test -e yanan/.zdh/zdh-pinning &&
	rm -f "$mnt/filler" &&
	zdh -C yanan issue list --format csv >list &&
	test $(grep -c "^HB-" list) = 400 &&
	zdh -C yanan pull --verbose >out &&
	echo "pulled 0 new events from origin" >expect &&
	test_cmp expect out &&
	test ! -e yanan/.zdh/zdh-pinning &&
	zdh -C yanan verify
'

# an import writes straight into index.db, its pages written behind by a
# thread of their own (core/index-vfs.c): the disk filling up while its
# rows go in (past the page cache's 8 MB) fails the import before the
# log moves, as a write that fails at once does
test_expect_success TMPFS 'an import whose index fills the disk as its rows go in: nothing imported' '
	rm -f "$mnt"/index.db* "$mnt/filler" &&
	zdh init --replica xinqiao --prefix XQ big >/dev/null &&
	zdh -C big issue add "第一件" >/dev/null &&
	index_on_tmpfs big &&
	tip=$(git --git-dir=big/.zdh rev-parse refs/zdh/log/xinqiao) &&
	echo title >big.csv &&
	seq 1 20000 | sed "s/^/问题 /" >>big.csv &&
	fill &&
	truncate -s -1M "$mnt/filler" &&
	test_must_fail zdh -C big issue import "$PWD/big.csv" >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: index: database or disk is full$" err &&
	test "$(git --git-dir=big/.zdh rev-parse refs/zdh/log/xinqiao)" = "$tip" &&
	test ! -e "$mnt/index.db-journal" &&
	rm -f "$mnt/filler" &&
	zdh -C big issue list --format csv >list &&
	test_line_count = 2 list &&
	zdh -C big issue add "之后" >out &&
	echo XQ-2 >expect && test_cmp expect out &&
	zdh -C big verify
'

# a reindex builds a new file beside index.db, its pages written behind
# (core/index-vfs.c) as an import's: the disk filling up fails it with
# the same message, the new file removed and index.db as it was (SQLite
# ignores what closing a file says: the ring's last writes are waited
# for and their error said before the COMMIT)
test_expect_success TMPFS 'a reindex whose new index fills the disk: refused, the index as it was' '
	rm -rf "$mnt"/index.db* "$mnt/filler" big &&
	zdh init --replica xinqiao --prefix XQ "$mnt/re" >/dev/null &&
	echo title >re.csv &&
	seq 1 1500 | sed "s/^/问题 /" >>re.csv &&
	zdh -C "$mnt/re" issue import "$PWD/re.csv" >/dev/null &&
	zdh -C "$mnt/re" issue list --format csv >before &&
	fill &&
	truncate -s -512K "$mnt/filler" &&
	test_must_fail zdh -C "$mnt/re" reindex >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: index: database or disk is full$" err &&
	test ! -e "$mnt/re/.zdh/index.db.new" &&
	zdh -C "$mnt/re" issue list --format csv >after &&
	test_cmp before after &&
	rm -f "$mnt/filler" &&
	zdh -C "$mnt/re" reindex >/dev/null &&
	zdh -C "$mnt/re" issue list --format csv >after &&
	test_cmp before after &&
	zdh -C "$mnt/re" verify
'

if test_have_prereq TMPFS
then
	umount "$mnt"
else
	test_skip 'a full disk' 'mount -t tmpfs is not permitted here (it needs root)'
fi

test_done
