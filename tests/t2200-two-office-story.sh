#!/bin/sh
# The first week of two offices, as one story (issue 12): 新桥办 (xinqiao)
# keeps the registry and 华山办 (huashan) works from a clone, both syncing
# through a bare hub.  An org is renamed while the other office still
# writes its old name; both edit one title before syncing and the conflict
# is shown and settled; a clerk copies 华山办's folder to a laptop, both
# copies write, they diverge, and the laptop recovers as a replica of its
# own.  At the end every office holds both sides' work, no conflict is
# left, and verify, export and git fsck agree everywhere.
test_description='two offices: rename, conflict, settle, divergence, recovery'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: 新桥办 keeps the registry, 华山办 clones it from the hub' '
	git init -q --bare hub.git &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	xq org add --kind district 第一片区 --date 2026-12-01 >/dev/null &&
	xq org add --kind area 新桥 --district 第一片区 --date 2026-12-01 >/dev/null &&
	xq org add --kind dept 房管办 --date 2026-12-01 >/dev/null &&
	xq issue add 路灯不亮 --area 新桥 --date "2026-12-01 09:00" >out &&
	echo XQ-1 >expect &&
	test_cmp expect out &&
	xq remote add hub ../hub.git &&
	xq push -q &&
	ZDH_USER_NAME=李明 ZDH_USER_EMAIL=lm@example.org \
		zdh clone hub.git hs --replica huashan --prefix HS -q
'

test_expect_success 'a rename at 新桥办 while 华山办 still writes the old name' '
	xq org edit 房管办 --name 房屋管理办 --date "2026-12-02 09:00" &&
	xq org edit 第一片区 --name 南京东路第一片区 --date "2026-12-02 09:00" &&
	hs issue claim XQ-1 --dept 房管办 --date "2026-12-02 09:30" &&
	hs issue add 楼道堆物 --area 新桥 --date "2026-12-02 09:31" >out &&
	echo HS-1 >expect &&
	test_cmp expect out &&
	hs push -q &&
	xq pull -q &&
	xq push -q &&
	hs pull -q
'

test_expect_success 'both offices list by the new names; the old name still finds, with a note' '
	cat >expect <<-\EOF &&
	ID    STATUS   AREA  DEPT        DUE         TITLE
	HS-1  open     新桥                          楼道堆物
	XQ-1  claimed  新桥  房屋管理办  2026-12-09  路灯不亮
	EOF
	for o in xq hs
	do
		$o issue list >actual 2>err &&
		test_cmp expect actual &&
		test_must_be_empty err &&
		$o issue list --district 南京东路第一片区 >actual 2>err &&
		test_cmp expect actual &&
		test_must_be_empty err &&
		$o issue list --dept 房屋管理办 --format csv >new &&
		test_line_count = 2 new &&
		$o issue list --dept 房管办 --format csv >old 2>err &&
		test_cmp new old &&
		echo "zdh: warning: '"'"'房管办'"'"' was renamed '"'"'房屋管理办'"'"' (XQ-O3)" >expect.err &&
		test_cmp expect.err err || return 1
	done
'

test_expect_success 'history keeps the name 华山办 wrote' '
	xq issue show XQ-1 >show &&
	grep "^dept:         房屋管理办$" show &&
	grep "李明@huashan (华山办)  claim  dept=房管办 due=2026-12-09 " show
'

test_expect_success 'both edit one title before syncing: pull names the conflict, exit 0' '
	xq issue edit XQ-1 --title 路灯不亮-新桥说法 --date "2026-12-02 10:01" &&
	hs issue edit XQ-1 --title 路灯不亮-华山说法 --date "2026-12-02 10:03" &&
	hs push -q &&
	xq pull >out 2>err &&
	test_must_be_empty out &&
	cat >expect <<-\EOF &&
	XQ-1 conflict: title: "路灯不亮-华山说法" (李明, 华山办, 2026-12-02 10:03) vs "路灯不亮-新桥说法" (王芳, 新桥办, 2026-12-02 10:01, provisional)
	EOF
	test_cmp expect err
'

test_expect_success 'the conflict is seen in zdh conflicts and in the list' '
	xq conflicts >actual &&
	cat >expect <<-\EOF &&
	KIND   ID    FIELD  VALUES
	issue  XQ-1  title  "路灯不亮-华山说法" (李明, 华山办, 2026-12-02 10:03) vs "路灯不亮-新桥说法" (王芳, 新桥办, 2026-12-02 10:01, provisional)
	EOF
	test_cmp expect actual &&
	xq issue list --conflicts >actual &&
	cat >expect <<-\EOF &&
	ID     STATUS   AREA  DEPT        DUE         TITLE
	XQ-1!  claimed  新桥  房屋管理办  2026-12-09  路灯不亮-新桥说法
	EOF
	test_cmp expect actual
'

test_expect_success 'an edit settles it, on both sides once synced' '
	xq issue edit XQ-1 --title 路灯不亮 --date "2026-12-02 10:10" &&
	xq conflicts --no-header >out &&
	test_must_be_empty out &&
	xq push -q &&
	hs pull >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	hs conflicts --no-header >out &&
	test_must_be_empty out &&
	hs issue show XQ-1 >show &&
	grep "^XQ-1  claimed  路灯不亮$" show &&
	grep "edit   title=路灯不亮  \[settles a conflict\]" show &&
	! grep "^conflicts:" show
'

test_expect_success 'a copy of 华山办 on a laptop refuses to write until told' '
	cp -a hs laptop &&
	test_expect_code 1 laptop issue add 占道经营 --area 新桥 2>err &&
	one_line_error err &&
	grep "zdh replica recover" err &&
	laptop replica confirm >out &&
	echo "this copy now writes as replica huashan" >expect &&
	test_cmp expect out
'

test_expect_success 'both copies write as huashan; the second to sync is kept aside' '
	laptop issue add 占道经营 --area 新桥 --date "2026-12-02 11:00" >out &&
	echo HS-2 >expect &&
	test_cmp expect out &&
	laptop issue claim HS-2 --dept 房屋管理办 --date "2026-12-02 11:05" &&
	hs issue add 井盖松动 --area 新桥 --date "2026-12-02 11:02" >out &&
	test_cmp expect out &&
	hs push -q &&
	test_expect_code 1 laptop push -q 2>err &&
	test_expect_code 1 laptop pull -q 2>err &&
	grep "kept aside as refs/zdh/diverged/origin/huashan" err
'

test_expect_success 'the laptop recovers as a replica of its own, renumbering its record' '
	laptop replica recover --as huashan2 --prefix H2 >out 2>err &&
	echo "HS-2 -> H2-1" >expect &&
	test_cmp expect out &&
	grep "kept as refs/zdh/recovered/huashan" err &&
	laptop issue show H2-1 >show &&
	grep "^H2-1  claimed  占道经营$" show &&
	grep "^dept:         房屋管理办$" show &&
	laptop log --record H2-1 >log &&
	grep "issue add 占道经营 (recovered from huashan [0-9a-f]*, was HS-2)" log
'

test_expect_success 'after syncing, every office holds both sides and agrees' '
	laptop push -q &&
	hs pull -q &&
	xq pull -q &&
	same_everywhere xq hs laptop &&
	cat >expect <<-\EOF &&
	ID    STATUS   AREA  DEPT        DUE         TITLE
	H2-1  claimed  新桥  房屋管理办  2026-12-09  占道经营
	HS-1  open     新桥                          楼道堆物
	HS-2  open     新桥                          井盖松动
	XQ-1  claimed  新桥  房屋管理办  2026-12-09  路灯不亮
	EOF
	for o in xq hs laptop
	do
		$o issue list >actual &&
		test_cmp expect actual || return 1
	done &&
	laptop issue add 门禁 --area 新桥 >out &&
	echo H2-2 >expect &&
	test_cmp expect out &&
	hs issue add 楼梯扶手 --area 新桥 >out &&
	echo HS-3 >expect &&
	test_cmp expect out
'

test_expect_success 'a conflict over a department names the departments, not their ids' '
	xq org add --kind dept 派出所 --date "2026-12-02 12:00" >/dev/null &&
	xq push -q &&
	hs pull -q &&
	xq issue edit XQ-1 --dept 派出所 --date "2026-12-02 12:01" &&
	hs issue edit XQ-1 --dept 房屋管理办 --date "2026-12-02 12:02" &&
	hs push -q &&
	xq pull >out 2>err &&
	cat >expect <<-\EOF &&
	XQ-1 conflict: dept: "房屋管理办" (李明, 华山办, 2026-12-02 12:02) vs "派出所" (王芳, 新桥办, 2026-12-02 12:01, provisional)
	EOF
	test_cmp expect err &&
	xq conflicts --no-header >out &&
	grep "\"房屋管理办\" (李明" out &&
	! grep "XQ-O" out
'

test_done
