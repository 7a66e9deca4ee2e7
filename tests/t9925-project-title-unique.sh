#!/bin/sh
# `zdh project add` took a second project of the same title in the same
# area and year, as org names and council names are not taken twice.
# It is refused in one line, exit 1, nothing written.  Two offices that
# each add one before they hear of each other keep both after the sync:
# no record lost, and each project's show names the other ("same title:",
# same_title in --json); the pull that brings the other's says so in its
# news, as it does a conflict, each group once, and never again.
test_description='a project title once in an area and a year'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: a project in 新桥 for 2026' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq org add --kind area 延安公寓 >/dev/null &&
	at xq project add 弄口道闸 --area 新桥 --kind micro --year 2026 >out &&
	echo XQ-J1 >expect && test_cmp expect out
'

test_expect_success 'the same title in the same area and year is refused, nothing written' '
	(cd xq &&
	 test_refused "a project titled '\''弄口道闸'\'' exists already in 新桥 for 2026 (XQ-J1)" \
		project add 弄口道闸 --area 新桥 --year 2026 &&
	 test_refused "a project titled '\''弄口道闸'\'' exists already in 新桥 for 2026 (XQ-J1)" \
		project add 弄口道闸 --area 新桥 --kind self-governance --date 2026-05-01)
'

test_expect_success 'another year or another area takes the title' '
	at xq project add 弄口道闸 --area 新桥 --year 2027 >out &&
	echo XQ-J2 >expect && test_cmp expect out &&
	at xq project add 弄口道闸 --area 延安公寓 --year 2026 >out &&
	echo XQ-J3 >expect && test_cmp expect out &&
	at xq project show XQ-J1 >show &&
	! grep "^same title:" show
'

test_expect_success 'an area renamed since: still the same area' '
	at xq org edit 新桥 --name 新桥居民区 &&
	(cd xq &&
	 test_refused "a project titled '\''弄口道闸'\'' exists already in 新桥居民区 for 2026 (XQ-J1)" \
		project add 弄口道闸 --area 新桥居民区 --year 2026)
'

test_expect_success 'under zh_CN: the message in Chinese' '
	test_expect_code 1 env LANGUAGE=zh_CN "$ZDH" -C xq project add 弄口道闸 --area 新桥居民区 --year 2026 2>err &&
	echo "zdh: 题为 '\''弄口道闸'\'' 的项目已存在：新桥居民区，2026 年（XQ-J1）" >expect &&
	test_cmp expect err
'

test_expect_success 'two offices add the same title at once: both kept, each names the other' '
	git init -q --bare hub.git &&
	two_offices_cloned origin &&
	at xq project add 楼道照明 --area 延安公寓 --year 2026 >/dev/null &&
	at ya project add 楼道照明 --area 延安公寓 --year 2026 >/dev/null &&
	at xq sync -q && at ya sync -q && at xq sync -q &&
	for r in xq ya
	do
		at $r project list --area 延安公寓 --year 2026 --format csv >list &&
		grep "^XQ-J4," list && grep "^YA-J1," list &&
		at $r project show XQ-J4 >show &&
		grep "^same title:   YA-J1$" show &&
		at $r project show YA-J1 >show &&
		grep "^same title:   XQ-J4$" show &&
		at $r project show YA-J1 --json >json &&
		python3 -c "import json; d = json.load(open(\"json\")); assert d[\"same_title\"] == [\"XQ-J4\"], d" ||
		return 1
	done &&
	test_expect_code 1 zdh -C ya project add 楼道照明 --area 延安公寓 --year 2026 2>err &&
	echo "zdh: a project titled '\''楼道照明'\'' exists already in 延安公寓 for 2026 (XQ-J4)" >expect &&
	test_cmp expect err
'

test_expect_success 'the pull that brings the other'\''s tells of it, once a group, then never again' '
	zdh clone hub.git hq --replica hq --prefix HQ -q &&
	at xq project add 井盖更换 --area 延安公寓 --year 2026 >/dev/null &&
	at ya project add 井盖更换 --area 延安公寓 --year 2026 >/dev/null &&
	at xq push -q && at ya pull 2>err &&
	echo "XQ-J5 same title as YA-J2: a project titled '\''井盖更换'\'' in 延安公寓 for 2026" >expect &&
	test_cmp expect err &&
	at ya push -q &&
	ZDH_TRACE_PLAN=1 at xq pull 2>trace &&
	grep -v "^zdh: plan: " trace >err &&
	echo "YA-J2 same title as XQ-J5: a project titled '\''井盖更换'\'' in 延安公寓 for 2026" >expect &&
	test_cmp expect err &&
	LANGUAGE=zh_CN "$ZDH" -C hq pull 2>err &&
	echo "XQ-J5 与 YA-J2 同名：题为 '\''井盖更换'\'' 的项目，延安公寓，2026 年" >expect &&
	test_cmp expect err &&
	at ya issue add 路灯不亮 >/dev/null && at ya push -q &&
	at xq pull 2>err && test_must_be_empty err &&
	at hq pull 2>err && test_must_be_empty err
'

test_expect_success 'the news find new projects by the projects, in events_fold, not by a scan' '
	awk "/^zdh: plan: [^ ]/ { on = index(\$0, \"FROM records_project p\") > 0; next } on" trace >plan &&
	grep "USING INDEX events_fold" plan &&
	! grep "SCAN e\b\|SCAN events" plan
'

test_done
