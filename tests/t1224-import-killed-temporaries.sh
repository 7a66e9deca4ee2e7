#!/bin/sh
# An import streams its objects into a pack while it reads its file; the
# repository is marked as being written from the pack's first byte
# (zdh-repository(5), WRITING), so that when the import is killed the next
# write removes the pack it left (tmp_pack_*), which nothing refers to.
# A pull copies a folder's objects into a pack without the write lock: what
# a killed one left an hour old goes at the next pull (one younger may be
# another pull's, at work).
test_description='a writer or a copy killed while it writes its pack: its temporary files go'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: a repository and a large file of issues' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	open_issues_csv 200000 >big.csv
'

test_expect_success 'killed while its pack is written, its pack is removed by the next write' '
	{ "$ZDH" -C xq issue import ../big.csv >out 2>err & } &&
	pid=$! &&
	i=0 &&
	while test $i -lt 500 && ! ls xq/.zdh/objects/pack/tmp_pack_* >/dev/null 2>&1
	do
		sleep 0.01; i=$((i + 1))
	done &&
	kill -9 $pid 2>/dev/null; wait $pid;
	ls xq/.zdh/objects/pack/tmp_pack_* >/dev/null 2>&1 &&
	zdh -C xq issue add "楼道堆物" >/dev/null &&
	ls xq/.zdh/objects/pack >left &&
	! grep "^tmp_" left &&
	zdh -C xq verify >/dev/null &&
	git --git-dir=xq/.zdh fsck 2>fsck.err &&
	test "$(zdh -C xq issue list --format csv --limit 10 | wc -l)" -ge 2
'

test_expect_success 'a pull removes the temporary packs of a killed copy an hour old, not a new one' '
	zdh clone xq/.zdh ya --replica yanan --prefix YA -q &&
	at xq issue add "路灯不亮" >/dev/null &&
	printf "PACK" >ya/.zdh/objects/pack/tmp_pack_old &&
	printf "x" >ya/.zdh/objects/pack/tmp_idx_old &&
	printf "PACK" >ya/.zdh/objects/pack/tmp_pack_new &&
	touch -d "2 hours ago" ya/.zdh/objects/pack/tmp_pack_old ya/.zdh/objects/pack/tmp_idx_old &&
	at ya pull -q &&
	ls ya/.zdh/objects/pack >left &&
	! grep "_old$" left &&
	grep "^tmp_pack_new$" left &&
	git --git-dir=ya/.zdh fsck 2>fsck.err
'

test_done
