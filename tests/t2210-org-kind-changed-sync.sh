#!/bin/sh
# One office changes the kind of two orgs nobody names there (城管中队 from
# dept to area, 新村 from area to dept; org edit refuses it where open
# records name them), while another office, not having heard of it, names
# them in their old roles: an issue claimed by 城管中队, a liaison and a
# council action of it, and an issue, a project, an offer, a need and a
# council in 新村.  No fold can refuse that (a check sees one record), and
# afterwards no filter of the role finds those records (issue list --dept
# refuses an area), so the pull that brings either side names each record,
# the org and both kinds (zdh-sync(1), zdh-org(1)); a pull that brings
# nothing of them says nothing, a later event of such a record tells it
# again, and one that names another org ends it.  The same for an org
# retired at one office while the other names it (where it would be
# refused): the pull that brings the retire names every open record that
# still names the org, the pull that brings a naming names that record.
test_description='a record naming an org in a role another office changed its kind from'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: xq keeps the registry; ya clones it from the hub' '
	git init -q --bare hub.git &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	for o in "area 延安" "area 新村" "dept 城管中队" "dept 房管办" "unit 博物馆"
	do
		at xq org add --kind $o --date 2026-12-01 >/dev/null || return 1
	done &&
	at xq issue add 路灯不亮 --area 延安 --date 2026-12-01 >/dev/null &&
	at xq council add 延安理事会 --area 延安 --date 2026-12-01 >/dev/null &&
	at xq council meeting add XQ-C1 --date 2026-12-01 >/dev/null &&
	at xq council decide XQ-M1 --motion 加装路灯 --date 2026-12-01 >/dev/null &&
	two_offices_cloned
'

test_expect_success 'xq changes two kinds; ya, not having heard, names them in their old roles' '
	at xq org edit 城管中队 --kind area --date 2026-12-02 &&
	at xq org edit 新村 --kind dept --date 2026-12-02 &&
	at ya issue claim XQ-1 --dept 城管中队 --date 2026-12-02 >/dev/null &&
	at ya visit liaison add 李明 --dept 城管中队 --areas 延安,新村 --date 2026-12-02 >/dev/null &&
	at ya council action add XQ-D1 --action 巡查 --dept 城管中队 --date 2026-12-02 >/dev/null &&
	at ya issue add 乱停车 --area 新村 --date 2026-12-02 >/dev/null &&
	at ya project add 停车棚 --area 新村 --year 2026 --date 2026-12-02 >/dev/null &&
	at ya menu offer add 讲座 --provider 博物馆 --category 助学 --areas 新村 --date 2026-12-02 >/dev/null &&
	at ya menu need add 课后看护 --area 新村 --category 助学 --date 2026-12-02 >/dev/null &&
	at ya council add 新村理事会 --area 新村 --date 2026-12-02 >/dev/null &&
	at ya push -q
'

cat >expect.lines <<\EOF
XQ-1 names XQ-O3 as dept, of kind area now: an org named '城管中队'
YA-1 names XQ-O2 as area, of kind dept now: an org named '新村'
YA-J1 names XQ-O2 as area, of kind dept now: an org named '新村'
YA-F1 names XQ-O2 as area, of kind dept now: an org named '新村'
YA-N1 names XQ-O2 as area, of kind dept now: an org named '新村'
YA-L1 names XQ-O2 as area, of kind dept now: an org named '新村'
YA-L1 names XQ-O3 as dept, of kind area now: an org named '城管中队'
YA-C1 names XQ-O2 as area, of kind dept now: an org named '新村'
YA-A1 names XQ-O3 as dept, of kind area now: an org named '城管中队'
EOF

test_expect_success 'the pull that brings their records names each, exit 0' '
	at xq pull >out 2>err &&
	test_cmp expect.lines err &&
	at xq push -q
'

test_expect_success 'the pull that brings the changes names each, in Chinese too' '
	cp -r ya ya.zh &&
	at ya pull >out 2>err &&
	test_cmp expect.lines err &&
	LANGUAGE=zh_CN at ya.zh pull >out 2>err &&
	head -n 1 err >first &&
	echo "XQ-1 将 XQ-O3 作为部门，而它现在的类型是居民区：名为 '\''城管中队'\'' 的组织" >expect &&
	test_cmp expect first &&
	test_line_count = 9 err
'

test_expect_success 'a pull of nothing of theirs says nothing; an event of one tells it again' '
	at ya issue add 垃圾满溢 --area 延安 >/dev/null &&
	at ya push -q &&
	at xq pull >out 2>err &&
	test_must_be_empty err &&
	at ya issue comment XQ-1 -m 还没人来 >/dev/null &&
	at ya push -q &&
	at xq pull >out 2>err &&
	head -n 1 expect.lines >expect &&
	test_cmp expect err
'

test_expect_success 'naming another org ends it; both agree and verify' '
	at xq issue edit XQ-1 --dept 房管办 >/dev/null &&
	at xq push -q &&
	at ya pull >out 2>err &&
	test_must_be_empty err &&
	at ya push -q && at xq pull -q &&
	at xq export >xq.json &&
	at ya export >ya.json &&
	test_cmp xq.json ya.json &&
	at xq verify -q &&
	at ya verify -q
'

test_expect_success 'a retire at xq while ya names the org: each pull names the records' '
	at xq org add --kind dept 派出所 >/dev/null &&
	at xq issue add 噪音 --area 延安 >/dev/null &&
	at xq issue claim XQ-2 --dept 派出所 >/dev/null &&
	at xq push -q && at ya pull -q &&
	at xq org retire 派出所 -m 撤销 2>err &&
	echo "zdh: warning: 1 open issue still names 派出所 (XQ-O6)" >expect &&
	test_cmp expect err &&
	at ya council action add XQ-D1 --action 巡逻 --dept 派出所 >/dev/null &&
	at ya visit liaison add 王强 --dept 派出所 --areas 延安 >/dev/null &&
	at ya push -q &&
	cat >expect <<-\EOF &&
	YA-L2 names XQ-O6 as dept, retired: an org named '\''派出所'\''
	YA-A2 names XQ-O6 as dept, retired: an org named '\''派出所'\''
	EOF
	at xq pull >out 2>err &&
	test_cmp expect err &&
	at xq push -q &&
	cat >expect <<-\EOF &&
	XQ-2 names XQ-O6 as dept, retired: an org named '\''派出所'\''
	YA-L2 names XQ-O6 as dept, retired: an org named '\''派出所'\''
	YA-A2 names XQ-O6 as dept, retired: an org named '\''派出所'\''
	EOF
	LANGUAGE=zh_CN at ya pull >out 2>err &&
	echo "XQ-2 将 XQ-O6 作为部门，而它已撤销：名为 '\''派出所'\'' 的组织" >expect.zh &&
	head -n 1 err >first &&
	test_cmp expect.zh first &&
	test_line_count = 3 err
'

test_expect_success 'a later event of such a record that names nothing new says nothing' '
	at ya issue comment XQ-2 -m 还在吵 >/dev/null &&
	at ya push -q &&
	at xq pull >out 2>err &&
	test_must_be_empty err
'

test_done
