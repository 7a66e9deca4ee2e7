#!/bin/sh
# zdh export gives open conflicts the shape of show --json and zdh
# conflicts --json: the competing values, who wrote each and when, which
# one is provisional; byte-identical on both replicas, and gone once an
# edit settles them (before, export listed two commit ids and no values).
test_description='export: conflicts with their values, who, when, provisional'
. "$(dirname "$0")/lib.sh"

xq () {
	ZDH_USER_NAME=王芳 ZDH_USER_EMAIL=wf@example.org ZDH_USER_DEPT=新桥办 "$ZDH" -C xq "$@"
}
hs () {
	ZDH_USER_NAME=李明 ZDH_USER_EMAIL=lm@example.org "$ZDH" -C hs "$@"
}

# described KIND ID <export: the record's conflicts, one line a value,
# and a check that each value's event is one of the conflict's events
described () {
	python3 -c '
import json, sys
kind, rid = sys.argv[1], sys.argv[2]
doc = json.load(sys.stdin)
rec = [r for r in doc["records"][kind] if r["id"] == rid][0]
for c in rec.get("conflicts", []):
    assert sorted(v["event"] for v in c["values"]) == sorted(c["events"]), c
    for v in c["values"]:
        a = v["actor"]
        print(c["field"], json.dumps(v["value"], ensure_ascii=False), a["name"], a["email"],
              a.get("dept", "-"), v["date"], "provisional" if v["provisional"] else "-")
' "$@"
}

test_expect_success 'setup: two offices edit one title and one name unseen' '
	git init -q --bare hub.git &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	xq org add --kind area 新桥 --date 2026-12-01 >/dev/null &&
	xq issue add 路灯不亮 --area 新桥 --date "2026-12-02 09:00" >/dev/null &&
	xq remote add hub ../hub.git &&
	xq push -q &&
	zdh clone hub.git hs --replica huashan --prefix HS -q &&
	xq issue edit XQ-1 --title 路灯不亮-新桥说法 --date "2026-12-02 10:01" &&
	hs issue edit XQ-1 --title 路灯不亮-华山说法 --date "2026-12-02 10:03" &&
	xq org edit 新桥 --name 新桥居民区 --date "2026-12-02 10:01" &&
	hs org edit 新桥 --name 新桥居委 --date "2026-12-02 10:02" &&
	hs push -q &&
	xq pull -q 2>/dev/null &&
	xq push -q &&
	hs pull -q 2>/dev/null
'

test_expect_success PYTHON 'export: each conflict as its values, who, when, the provisional one' '
	xq export >xq.export &&
	described issue XQ-1 <xq.export >actual &&
	cat >expect <<-\EOF &&
	title "路灯不亮-华山说法" 李明 lm@example.org - 2026-12-02T10:03:00+08:00 -
	title "路灯不亮-新桥说法" 王芳 wf@example.org 新桥办 2026-12-02T10:01:00+08:00 provisional
	EOF
	test_cmp expect actual &&
	described org XQ-O1 <xq.export >actual &&
	cat >expect <<-\EOF &&
	name "新桥居委" 李明 lm@example.org - 2026-12-02T10:02:00+08:00 -
	name "新桥居民区" 王芳 wf@example.org 新桥办 2026-12-02T10:01:00+08:00 provisional
	EOF
	test_cmp expect actual
'

test_expect_success PYTHON 'the same shape as show --json and zdh conflicts --json' '
	xq issue show XQ-1 --json >show.json &&
	xq conflicts --json >conflicts.json &&
	python3 -c "
import json
ex = json.load(open(\"xq.export\"))
show = json.load(open(\"show.json\"))
every = json.load(open(\"conflicts.json\"))
rec = [r for r in ex[\"records\"][\"issue\"] if r[\"id\"] == \"XQ-1\"][0]
assert rec[\"conflicts\"] == show[\"conflicts\"], (rec[\"conflicts\"], show[\"conflicts\"])
mine = [dict((k, v) for k, v in c.items() if k not in (\"kind\", \"id\")) for c in every if c[\"id\"] == \"XQ-1\"]
assert rec[\"conflicts\"] == mine, (rec[\"conflicts\"], mine)
"
'

test_expect_success 'byte-identical on both replicas' '
	hs export >hs.export &&
	test_cmp xq.export hs.export
'

test_expect_success 'an edit that settles them leaves no conflicts in the export' '
	xq issue edit XQ-1 --title 路灯不亮 --date "2026-12-02 11:00" &&
	xq org edit XQ-O1 --name 新桥居委 --date "2026-12-02 11:00" &&
	xq export >after &&
	! grep "\"conflicts\"" after
'

test_done
