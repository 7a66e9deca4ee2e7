#!/bin/sh
test_description='a peer log of thousands of projects in one area and year: pulled in linear time'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

# A pull tells each new project whose title another project of its area
# and year has (or one that looks like it), and found those by reading
# every project of that year for each new one: a peer's 4,000 projects
# in one area were 16 million rows read, 6 s of CPU to pull (14 s once
# titles were compared by what they look like; 40,000, ten minutes, the
# write lock held).  Titles are now looked up in an index of
# zdh_name_key(title) and year (records_project_title).
test_expect_success 'setup: an office, a peer that adds 5,000 projects in its area' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq project add "楼道 照明" --area 新桥 --year 2026 >/dev/null &&
	zdh init --replica yanan --prefix YA ya >/dev/null &&
	at ya org add --kind area 延安 >/dev/null &&
	seq 2 5000 | sed "s/.*/event project YA-J& add {\"set\":{\"area\":\"XQ-O1\",\"kind\":\"self-governance\",\"title\":\"第&项\",\"year\":2026}}/" >specs &&
	echo "event project YA-J1 add {\"set\":{\"area\":\"XQ-O1\",\"kind\":\"self-governance\",\"title\":\"楼道　照明\",\"year\":2026}}" >>specs &&
	test_line_count = 5000 specs &&
	tip=$(CRAFT_REPLICA=yanan craft_many ya/.zdh $(git --git-dir=ya/.zdh rev-parse refs/zdh/log/yanan) <specs) &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan $tip &&
	at xq remote add ya ../ya
'

test_expect_success 'the pull takes them all within 5 s of CPU, and tells the one title' '
	(ulimit -t 5 && at xq pull ya >out 2>err) &&
	test_must_be_empty out &&
	echo "YA-J1 looks like XQ-J1: projects titled '\''楼道　照明'\'', '\''楼道 照明'\'' in 新桥 for 2026" >expect &&
	test_cmp expect err &&
	at xq project list --format csv >list &&
	test_line_count = 5002 list
'

test_expect_success 'a rebuild too, and show names the one that looks alike' '
	(ulimit -t 5 && at xq reindex >/dev/null 2>&1) &&
	at xq project show XQ-J1 >show &&
	grep "^same title: *YA-J1$" show
'

test_done
