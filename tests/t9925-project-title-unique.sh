#!/bin/sh
# `zdh project add` took a second project of the same title in the same
# area and year, as org names and council names are not taken twice.
# It is refused in one line, exit 1, nothing written.  Two offices that
# each add one before they hear of each other keep both after the sync:
# no record lost, and each project's show names the other ("same title:",
# same_title in --json).
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
	at xq remote add origin ../hub.git && at xq push -q &&
	zdh clone hub.git ya --replica yanan --prefix YA -q &&
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

test_done
