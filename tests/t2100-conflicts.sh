#!/bin/sh
# Two offices, 新桥办 (xinqiao) and 华山办 (huashan), sync through a bare
# hub.  They edit one issue's title and one org's name without having seen
# each other's edit, assign a closed issue two ways, and one closes an
# issue the other reopened.  The conflicts are shown as their values with
# who and when (show, lists, --conflicts, JSON, zdh conflicts), pull says
# what is new and what had no effect, edit settles each conflict, and
# after syncing no conflict is left on either side.
test_description='conflicts people can see and settle'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: two offices and a hub' '
	git init -q --bare hub.git &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	xq org add --kind area 新桥 --date 2026-12-01 >/dev/null &&
	xq org add --kind dept 房管办 --date 2026-12-01 >/dev/null &&
	xq issue add 路灯不亮 --area 新桥 --date "2026-12-02 09:00" >/dev/null &&
	xq issue add 楼道堆物 --date "2026-12-02 09:00" >/dev/null &&
	xq issue claim XQ-2 --dept 房管办 --date "2026-12-02 09:00" >/dev/null &&
	xq issue resolve XQ-2 -m 已清理 --date "2026-12-02 09:00" &&
	xq issue add 井盖松动 --date "2026-12-02 09:00" >/dev/null &&
	xq issue claim XQ-3 --dept 房管办 --date "2026-12-02 09:00" >/dev/null &&
	xq remote add hub ../hub.git &&
	xq push -q &&
	zdh clone hub.git hs --replica huashan --prefix HS -q
'

test_expect_success 'nothing to say: zdh conflicts is empty, pull is silent' '
	xq conflicts --no-header >out &&
	test_must_be_empty out &&
	hs pull >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err
'

test_expect_success 'both offices write before syncing' '
	xq issue edit XQ-1 --title 路灯不亮-新桥说法 --date "2026-12-02 10:01" &&
	hs issue edit XQ-1 --title 路灯不亮-华山说法 --date "2026-12-02 10:03" &&
	xq org edit 新桥 --name 新桥居民区 --date "2026-12-02 10:01" &&
	hs org edit 新桥 --name 新桥居委 --date "2026-12-02 10:02" &&
	hs issue reopen XQ-2 -m 又堆了 --date "2026-12-02 10:02" &&
	xq issue close XQ-2 --date "2026-12-02 10:04" &&
	xq issue assign XQ-3 --to 张三 --date "2026-12-02 10:05" &&
	hs issue assign XQ-3 --to 李四 --date "2026-12-02 10:06" &&
	hs issue resolve XQ-3 -m 已修 --date "2026-12-02 10:07" &&
	hs issue close XQ-3 --date "2026-12-02 10:08" &&
	hs push -q
'

test_expect_success 'pull ends with one line per new conflict and per void write, exit 0, not on a terminal' '
	xq pull >out 2>err &&
	test_must_be_empty out &&
	cat >expect <<-\EOF &&
	XQ-2 close had no effect: reopen by 李明@huashan (华山办) at 2026-12-02 10:02 came first (XQ-2 is claimed; allowed: assign, comment, escalate, resolve, edit, link, return, urge, void)
	XQ-1 conflict: title: "路灯不亮-华山说法" (李明, 华山办, 2026-12-02 10:03) vs "路灯不亮-新桥说法" (王芳, 新桥办, 2026-12-02 10:01, provisional)
	XQ-3 conflict: assignee: "李四" (李明, 华山办, 2026-12-02 10:06) vs "张三" (王芳, 新桥办, 2026-12-02 10:05, provisional)
	XQ-O1 conflict: name: "新桥居委" (李明, 华山办, 2026-12-02 10:02) vs "新桥居民区" (王芳, 新桥办, 2026-12-02 10:01, provisional)
	EOF
	test_cmp expect err &&
	xq pull >out 2>err &&
	test_must_be_empty err &&
	xq pull -q >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'show: the competing values, who and when, the provisional one marked' '
	xq issue show XQ-1 >show &&
	grep "^conflicts:    title: \"路灯不亮-华山说法\" (李明, 华山办, 2026-12-02 10:03) vs \"路灯不亮-新桥说法\" (王芳, 新桥办, 2026-12-02 10:01, provisional)$" show &&
	grep "edit  *title=路灯不亮-新桥说法  \[conflict: title\]" show &&
	xq org show XQ-O1 >show &&
	grep "^conflicts:    name: \"新桥居委\" (李明, 华山办, 2026-12-02 10:02) vs \"新桥居民区\" (王芳, 新桥办, 2026-12-02 10:01, provisional)$" show &&
	grep "name=新桥居委  \[conflict: name\]" show &&
	xq issue show XQ-1 --json >show.json &&
	json_ok <show.json &&
	grep "\"provisional\": true" show.json &&
	grep "\"value\": \"路灯不亮-华山说法\"" show.json &&
	xq org show XQ-O1 --json >show.json &&
	grep "\"value\": \"新桥居委\"" show.json
'

test_expect_success 'log marks the write that had no effect' '
	xq log --record XQ-2 >log &&
	grep "close  *issue close XQ-2  \[no effect: XQ-2 is claimed" log
'

test_expect_success 'lists flag conflicted records: a mark, --conflicts, JSON' '
	xq issue list >list &&
	grep "^XQ-1!  " list &&
	grep "^XQ-2   " list &&
	grep "^XQ-3!  " list &&
	xq issue list --conflicts >list &&
	test_line_count = 3 list &&
	xq issue list --conflicts --format csv >list.csv &&
	cut -d, -f1 list.csv >ids &&
	printf "id\nXQ-1\nXQ-3\n" >expect &&
	test_cmp expect ids &&
	xq issue list --json >list.json &&
	json_ok <list.json &&
	grep -c "\"conflicts\": \[\]" list.json >n &&
	echo 1 >expect &&
	test_cmp expect n &&
	xq org list >orgs &&
	grep "^XQ-O1!  area  新桥居民区" orgs &&
	xq org list --conflicts --json >orgs.json &&
	json_ok <orgs.json &&
	grep "\"name\"$" orgs.json &&
	xq org list --kind dept --conflicts --format csv >orgs.csv &&
	test_line_count = 1 orgs.csv
'

test_expect_success 'zdh conflicts: every open conflict of every kind, table, CSV, JSON' '
	xq conflicts >out &&
	cat >expect <<-\EOF &&
	KIND   ID     FIELD     VALUES
	issue  XQ-1   title     "路灯不亮-华山说法" (李明, 华山办, 2026-12-02 10:03) vs "路灯不亮-新桥说法" (王芳, 新桥办, 2026-12-02 10:01, provisional)
	issue  XQ-3   assignee  "李四" (李明, 华山办, 2026-12-02 10:06) vs "张三" (王芳, 新桥办, 2026-12-02 10:05, provisional)
	org    XQ-O1  name      "新桥居委" (李明, 华山办, 2026-12-02 10:02) vs "新桥居民区" (王芳, 新桥办, 2026-12-02 10:01, provisional)
	EOF
	test_cmp expect out &&
	xq conflicts --kind org --format csv >out &&
	cat >expect <<-\EOF &&
	kind,id,field,values
	org,XQ-O1,name,"""新桥居委"" (李明, 华山办, 2026-12-02 10:02) vs ""新桥居民区"" (王芳, 新桥办, 2026-12-02 10:01, provisional)"
	EOF
	test_cmp expect out &&
	xq conflicts --json >out.json &&
	json_ok <out.json &&
	test $(grep -c "\"kind\": \"issue\"" out.json) = 2 &&
	test $(grep -c "\"provisional\": true" out.json) = 3 &&
	hs conflicts --no-header >hs.out &&
	test_must_be_empty hs.out &&
	test_expect_code 1 xq conflicts --kind nosuch 2>err &&
	test_line_count = 1 err
'

test_expect_success 'edit settles a conflict, also the assignee of a closed issue' '
	xq issue edit XQ-1 --title "路灯不亮（两办核实）" --date "2026-12-02 11:00" &&
	xq issue edit XQ-3 --assignee 李四 -m 核实 --date "2026-12-02 11:00" &&
	xq org edit XQ-O1 --name 新桥居委 --date "2026-12-02 11:00" &&
	xq conflicts --no-header >out &&
	test_must_be_empty out &&
	xq issue show XQ-3 >show &&
	grep "^assignee:     李四$" show &&
	! grep "^conflicts:" show &&
	grep "edit  *assignee=李四  核实  \[settles a conflict\]" show &&
	xq org show XQ-O1 >show &&
	grep "name=新桥居委  \[settles a conflict\]" show &&
	test_expect_code 1 xq issue edit XQ-3 --title 井盖 2>err &&
	grep "XQ-3 is closed" err &&
	test_expect_code 1 xq issue edit XQ-1 --assignee 王五 2>err &&
	grep "XQ-1 has no assignee yet" err
'

test_expect_success 'after syncing, no conflict is left on either side' '
	xq push -q &&
	hs pull >out 2>err &&
	test_must_be_empty err &&
	hs conflicts --no-header >out &&
	test_must_be_empty out &&
	hs issue list --conflicts --format csv >out &&
	test_line_count = 1 out &&
	hs issue show XQ-1 >show &&
	grep "路灯不亮（两办核实）" show &&
	! grep "^conflicts:" show &&
	xq export >xq.export &&
	hs export >hs.export &&
	test_cmp xq.export hs.export &&
	xq verify -q &&
	hs verify -q
'

# an office that edits the title three times against the other's one:
# two sides, each office's last value, not four (each edit saw the one
# before it, and takes its place)
test_expect_success 'an edit that saw an earlier side takes its place: two sides, the same at both offices' '
	xq issue add 窨井盖缺失 --date "2026-12-03 09:00" >/dev/null &&
	xq push -q && hs pull -q &&
	xq issue edit XQ-4 --title 新桥一 --date "2026-12-03 10:00" >/dev/null &&
	xq issue edit XQ-4 --title 新桥二 --date "2026-12-03 10:01" >/dev/null &&
	xq issue edit XQ-4 --title 新桥三 --date "2026-12-03 10:02" >/dev/null &&
	hs issue edit XQ-4 --title 华山一 --date "2026-12-03 10:03" >/dev/null &&
	hs push -q && xq pull >out 2>err &&
	grep "^XQ-4 conflict: title: " err >line &&
	grep "\"新桥三\"" line && grep "\"华山一\"" line &&
	! grep "新桥一\|新桥二" line &&
	xq push -q && hs pull -q &&
	xq conflicts --format csv >xq.c && hs conflicts --format csv >hs.c &&
	test_cmp xq.c hs.c &&
	grep -c "新桥\|华山" xq.c >n && echo 1 >expect && test_cmp expect n &&
	hs issue edit XQ-4 --title 窨井盖缺失（已核） >/dev/null &&
	hs conflicts --no-header >out && test_must_be_empty out
'

test_done
