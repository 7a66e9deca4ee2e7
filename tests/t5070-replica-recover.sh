#!/bin/sh
# Two repositories writing as one replica diverge for good; zdh now stops
# the ways that happen and gives a way back (zdh-replica(1), zdh-sync(1)):
# init and clone refuse to make a replica name from a folder name without
# ASCII letters; a copied repository refuses to write until confirmed or
# recovered; `zdh replica recover` writes the losing side's events again
# under a replica of its own, renumbering the records it made, and every
# office ends with both sides' work and a clean verify.
test_description='zdh replica: copies, divergence and recovery'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'init refuses to make a replica name from a folder name with no ASCII letter' '
	mkdir 新桥 &&
	test_expect_code 1 zdh -C 新桥 init 2>err &&
	one_line_error err &&
	grep -- "--replica" err &&
	test ! -e 新桥/.zdh &&
	zdh -C 新桥 init --replica xinqiao --prefix XQ >/dev/null &&
	test -d 新桥/.zdh
'

test_expect_success 'clone into such a folder refuses too, and leaves nothing' '
	git init -q --bare hub.git &&
	test_expect_code 129 zdh clone hub.git 华山 2>err &&
	head -n 1 err | grep "^zdh: .*needs --replica" &&
	test ! -e 华山
'

test_expect_success 'a copied repository refuses to write, the original does not' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq issue add "52弄垃圾桶满溢" --area 新桥 >/dev/null &&
	cp -a xq copy &&
	test_expect_code 1 at copy issue add "楼道堆物" --area 新桥 2>err &&
	one_line_error err &&
	grep "zdh replica confirm" err &&
	grep "zdh replica recover" err &&
	test "$(git --git-dir=copy/.zdh rev-list --count refs/zdh/log/xinqiao)" = 2 &&
	at xq issue add "楼道堆物" --area 新桥 >/dev/null &&
	mv xq xq.moved && mv xq.moved xq &&
	at xq issue add "路灯不亮" --area 新桥 >/dev/null
'

test_expect_success 'replica show says so; confirm makes the copy the writer' '
	test_expect_code 1 at copy replica show >out 2>err &&
	echo "replica xinqiao, prefix XQ" >expect &&
	test_cmp expect out &&
	grep "copy of another" err &&
	at copy replica confirm >out &&
	at copy replica show >out &&
	test_cmp expect out &&
	at copy issue add "占道经营" --area 新桥 >/dev/null
'

# copy and xq now both wrote XQ-3 (and on): the divergence of an office
# whose folder was copied by an older zdh.  xq pushes to the hub first.
test_expect_success 'the second to push sees its log kept aside' '
	at copy issue link XQ-2 XQ-1 >/dev/null &&
	at copy org add --kind dept 房管办 >/dev/null &&
	at copy issue claim XQ-2 --dept 房管办 >/dev/null &&
	at xq remote add hub ../hub.git &&
	at xq push -q hub &&
	at copy remote add hub ../hub.git &&
	test_expect_code 1 at copy push -q hub 2>err &&
	test_expect_code 1 at copy pull -q hub 2>err &&
	one_line_error err &&
	grep "kept aside as refs/zdh/diverged/hub/xinqiao" err &&
	grep "another clone writes as replica .xinqiao.?" err &&
	grep "zdh replica recover --as NAME --prefix CODE" err &&
	test_expect_code 1 zh -C copy pull -q hub 2>err &&
	one_line_error err &&
	grep "另一个克隆也以副本 .xinqiao. 写入" err &&
	grep "zdh replica recover --as NAME --prefix CODE" err
'

test_expect_success 'recover writes the losing side again under a new replica, renumbering its records' '
	old_tip=$(git --git-dir=copy/.zdh rev-parse refs/zdh/log/xinqiao) &&
	at copy replica recover --as copyoffice --prefix CO >out 2>err &&
	printf "XQ-2 -> CO-1\nXQ-O2 -> CO-O1\n" >expect &&
	test_cmp expect out &&
	grep "kept as refs/zdh/recovered/xinqiao" err &&
	test -z "$(git --git-dir=copy/.zdh for-each-ref refs/zdh/diverged/)" &&
	test "$(git --git-dir=copy/.zdh rev-parse refs/zdh/recovered/xinqiao)" = $old_tip &&
	test "$(git --git-dir=copy/.zdh rev-parse refs/zdh/log/xinqiao)" = \
	     "$(git --git-dir=hub.git rev-parse refs/zdh/log/xinqiao)" &&
	at copy replica show >out &&
	echo "replica copyoffice, prefix CO" >expect &&
	test_cmp expect out &&
	at copy issue show CO-1 >show &&
	grep "占道经营" show &&
	at copy log --record CO-1 >log &&
	grep "issue add 占道经营 (recovered from xinqiao [0-9a-f]*, was XQ-2)" log &&
	grep "issue link CO-1 XQ-1 (recovered from xinqiao [0-9a-f]*)" log &&
	at copy issue show CO-1 --json >show.json &&
	grep "XQ-1" show.json &&
	grep "房管办" show.json &&
	at xq issue show XQ-3 >xq3 &&
	grep "路灯不亮" xq3
'

test_expect_success 'after push and pull every office has both sides, verify clean, git fsck clean' '
	at copy push -q hub &&
	at xq pull -q hub &&
	zdh clone hub.git third --replica third --prefix TH -q &&
	same_everywhere xq copy third &&
	at third issue list --format csv >list &&
	grep "占道经营" list &&
	grep "路灯不亮" list &&
	git --git-dir=copy/.zdh fsck --strict 2>err &&
	! grep -i "error\|missing" err &&
	at copy issue add "新的问题" --area 新桥 >out &&
	echo CO-2 >expect &&
	test_cmp expect out
'

test_expect_success 'two clones made before the hub had the log: the second recovers' '
	git init -q --bare hub2.git &&
	zdh init --replica seed --prefix SD seed >/dev/null &&
	at seed org add --kind area 天津路 >/dev/null &&
	at seed remote add hub ../hub2.git &&
	at seed push -q hub &&
	zdh clone hub2.git one --replica office --prefix OF -q &&
	zdh clone hub2.git two --replica office --prefix OF -q &&
	at one issue add "坡道" --area 天津路 >/dev/null &&
	at two issue add "楼梯扶手" --area 天津路 >/dev/null &&
	at two issue add "门禁" --area 天津路 >/dev/null &&
	at one push -q &&
	test_expect_code 1 at two pull -q 2>err &&
	at two replica recover --as two --prefix TW >out &&
	printf "OF-1 -> TW-1\nOF-2 -> TW-2\n" >expect &&
	test_cmp expect out &&
	at two push -q &&
	at one pull -q &&
	at seed pull -q hub &&
	same_everywhere one two seed &&
	at seed issue list --format csv >list &&
	grep "坡道" list && grep "楼梯扶手" list && grep "门禁" list
'

test_expect_success 'recover refuses bad input and changes nothing' '
	(cd two && snapshot ../s2) &&
	test_expect_code 129 at two replica recover 2>err &&
	test_expect_code 1 at two replica recover --as two --prefix TW 2>err &&
	one_line_error err &&
	test_expect_code 1 at two replica recover --as "Bad Name" --prefix TW 2>err &&
	one_line_error err &&
	test_expect_code 1 at two replica recover --as other --prefix t_w 2>err &&
	one_line_error err &&
	test_expect_code 1 at two replica recover --as other --prefix OT --from refs/zdh/nothing 2>err &&
	one_line_error err &&
	(cd two && check_unchanged ../s2)
'

test_done
