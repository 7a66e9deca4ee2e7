#!/bin/sh
# Every show lists a record's open conflicts among its fields (issue,
# org, menu, visit, project show); the council's shows (council, meeting,
# decision, action) printed them last, after the charter's or the
# minutes' block, so the line read as part of the charter or the minutes.
# They come among the fields now, before the members and the minutes.
test_description='council shows: the conflicts line among the fields'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: two offices rename a council and its meeting minutes at once' '
	git init -q --bare hub.git &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 --date 2026-11-01 >/dev/null &&
	at xq council add 理事会 --area 新桥 --date 2026-11-01 >/dev/null &&
	at xq council member add XQ-C1 张建国 --role chair --date 2026-11-01 &&
	at xq council meeting add XQ-C1 --present 张建国 --minutes 初稿 --date 2026-11-02 >/dev/null &&
	at xq remote add hub ../hub.git && at xq push -q hub &&
	zdh clone hub.git hs --replica huashan --prefix HS >/dev/null 2>&1 &&
	at hs council edit XQ-C1 --name 华山说法 --date "2026-11-03 10:03" &&
	at hs council meeting update XQ-M1 --minutes 华山稿 --date "2026-11-03 10:03" &&
	at hs push -q &&
	at xq council edit XQ-C1 --name 新桥说法 --date "2026-11-03 10:01" &&
	at xq council meeting update XQ-M1 --minutes 新桥稿 --date "2026-11-03 10:01" &&
	at xq pull -q hub 2>/dev/null &&
	at xq conflicts >all &&
	test_line_count = 3 all
'

# before BLOCK FILE: the conflicts line comes before the line BLOCK starts
before () {
	c=$(grep -n "^conflicts: " "$2" | cut -d: -f1) &&
	b=$(grep -n "^$1" "$2" | head -1 | cut -d: -f1) &&
	test -n "$c" && test -n "$b" && test "$c" -lt "$b"
}

test_expect_success 'council show: among the fields, before the members and the charter' '
	at xq council show XQ-C1 >show &&
	before "members on " show &&
	before "charter in force" show &&
	grep -B1 "^conflicts: " show | head -1 | grep "^decisions: "
'

test_expect_success 'meeting show: among the fields, before the minutes' '
	at xq council meeting show XQ-M1 >show &&
	before "minutes:" show &&
	test $(grep -c "^conflicts: " show) = 1
'

test_expect_success 'zh_CN too; --json as before' '
	LANGUAGE=zh_CN "$ZDH" -C xq council meeting show XQ-M1 >show &&
	c=$(grep -n "^冲突：" show | cut -d: -f1) &&
	b=$(grep -n "^会议记录：" show | cut -d: -f1) &&
	test "$c" -lt "$b" &&
	at xq council meeting show XQ-M1 --json >json &&
	grep "\"field\": \"minutes\"" json
'

test_done
