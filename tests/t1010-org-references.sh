#!/bin/sh
# References are ids, names are labels: renaming an org, old names, ids,
# retired orgs, and history that keeps the names as they were written.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a registry, two issues, one claimed, one mentioning a dept' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs district 第一片区 &&
	orgs area --district 第一片区 新桥 &&
	orgs dept 派出所 房管办 &&
	zdh issue add 路灯不亮 --area 新桥 --date 2026-11-20 >/dev/null &&
	zdh issue add 高空抛物 --area 新桥 --date 2026-11-21 >/dev/null &&
	zdh issue claim XQ-2 --dept 派出所 --date 2026-11-22 &&
	zdh issue comment XQ-1 -m "@房管办 请协助" --date 2026-11-22
'

test_expect_success 'events refer to orgs by id, with the names they had noted beside' '
	git --git-dir=.zdh log -1 --format=%B refs/zdh/log/xinqiao >msg &&
	grep "\"mentions\":\[\"XQ-O4\"\]" msg &&
	grep "\"names\":{\"XQ-O4\":\"房管办\"}" msg
'

test_expect_success 'rename a district and an area: every listing prints the new names' '
	zdh org edit 第一片区 --name 南京东路第一片区 &&
	zdh org edit 新桥 --name 新桥居民区 &&
	zdh org list >actual &&
	cat >expect <<-\EOT &&
	ID     KIND      NAME              DISTRICT          CODE
	XQ-O1  district  南京东路第一片区
	XQ-O2  area      新桥居民区        南京东路第一片区
	XQ-O3  dept      派出所
	XQ-O4  dept      房管办
	EOT
	test_cmp expect actual &&
	zdh issue list >actual &&
	cat >expect <<-\EOT &&
	ID    STATUS   AREA        DEPT    DUE         TITLE
	XQ-1  open     新桥居民区                      路灯不亮
	XQ-2  claimed  新桥居民区  派出所  2026-11-27  高空抛物
	EOT
	test_cmp expect actual &&
	zdh issue list --json >out.json &&
	python3 -c "
import json
rows = json.load(open(\"out.json\"))
assert [r[\"area\"] for r in rows] == [\"新桥居民区\"] * 2, rows
assert rows[0][\"mentions\"] == [\"房管办\"], rows[0]
"
'

test_expect_success 'filters take the new name, the id, or an old name with a note' '
	zdh issue list --district 南京东路第一片区 --format csv >new 2>err &&
	test_line_count = 3 new && test_must_be_empty err &&
	zdh issue list --district XQ-O1 --format csv >byid 2>err &&
	test_cmp new byid && test_must_be_empty err &&
	zdh issue list --district 第一片区 --format csv >old 2>err &&
	test_cmp new old &&
	echo "zdh: warning: '"'"'第一片区'"'"' was renamed '"'"'南京东路第一片区'"'"' (XQ-O1)" >expect &&
	test_cmp expect err &&
	zdh issue list --area 新桥 --format csv >old 2>/dev/null &&
	test_cmp new old &&
	zdh issue list --mentions 房管办 --format csv >m &&
	test_line_count = 2 m
'

test_expect_success 'a write may name the org by its old name: the id is written' '
	zdh issue add 井盖松动 --area 新桥 --date 2026-11-23 >id 2>err &&
	grep "was renamed" err &&
	zdh issue show $(cat id) --json >show.json &&
	python3 -c "
import json
s = json.load(open(\"show.json\"))
assert s[\"area\"] == \"新桥居民区\", s[\"area\"]
"
'

test_expect_success 'history shows the names as they were when written' '
	zdh issue show XQ-1 >out &&
	grep "^area: *新桥居民区$" out &&
	grep "add  *area=新桥 " out
'

test_expect_success 'retiring a dept that still holds open issues warns with the count' '
	zdh org retire 派出所 2>err &&
	echo "zdh: warning: 1 open issue still names 派出所 (XQ-O3)" >expect &&
	test_cmp expect err &&
	zdh org retire 房管办 2>err &&
	test_must_be_empty err
'

test_expect_success 'a retired org is named as retired, not as unknown; nothing is written' '
	git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao >before &&
	test_expect_code 1 zdh issue claim XQ-1 --dept 派出所 2>err &&
	grep "^zdh: 派出所 (XQ-O3) was retired on 20[0-9][0-9]-[01][0-9]-[0-3][0-9]$" err &&
	git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao >after &&
	test_cmp before after &&
	zdh issue list --dept 派出所 --format csv >out &&
	test_line_count = 2 out
'

test_expect_success 'report sql: the views name orgs as they are now' '
	zdh report sql "SELECT id, area, dept FROM issues ORDER BY id" --format csv >actual &&
	cat >expect <<-\EOT &&
	id,area,dept
	XQ-1,新桥居民区,
	XQ-2,新桥居民区,派出所
	XQ-3,新桥居民区,
	EOT
	test_cmp expect actual
'

test_expect_success 'a reindex gives the same answers' '
	zdh issue list >before &&
	zdh reindex >/dev/null &&
	zdh issue list >after &&
	test_cmp before after
'

test_done
