#!/bin/sh
# A rebuild (reindex, clone) makes the indexes on records of the kinds its
# walk met before it folds (core/index.c, ix_premake_indexes): the fold's
# inserts fill them, and none reads the whole table at the end.  One that
# grows past a size as the fold goes is dropped then and made at the end,
# sorted; those of a kind left without records (its events all refused)
# are dropped at the end.  Whichever way, the indexes are the ones the
# commands made, holding what their table holds.
test_description='reindex: indexes on records made before the fold, or at its end'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

# indexes: the names and SQL of the indexes of .zdh/index.db, and what
# the planner is told of them (sqlite_stat1)
indexes () {
	sqlite3 .zdh/index.db "SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name;
		SELECT tbl, idx, stat FROM sqlite_stat1 ORDER BY tbl, idx"
}

# sound: every index holds what its table holds (PRAGMA integrity_check,
# on a copy without records_org_key, whose zdh_name_key() the sqlite3
# shell lacks)
sound () {
	rm -f check.db &&
	sqlite3 .zdh/index.db ".backup check.db" &&
	echo ok >expect.ok &&
	sqlite3 check.db "DROP INDEX records_org_key; PRAGMA integrity_check" >actual.ok &&
	test_cmp expect.ok actual.ok
}

# state: what the commands read through those indexes
state () {
	zdh issue list --format csv --limit 1000 &&
	zdh inbox --dept 城管 &&
	zdh org list &&
	zdh export
}

test_expect_success 'setup: 300 issues in an area, some claimed, one mentioning a dept, one linked' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 城管 >/dev/null &&
	perl -e "print qq(title,area,category,source\n); print qq(问题\$_,新桥,parking,visit\n) for 1 .. 300" >issues.csv &&
	zdh issue import issues.csv >/dev/null &&
	for i in 3 30 200; do
		zdh issue claim XQ-$i --dept 城管 --due 2026-12-20 || return 1
	done &&
	zdh issue comment XQ-5 -m "@城管 看看" &&
	zdh issue link XQ-6 XQ-7 &&
	indexes >indexes.before &&
	grep "^records_issue_inbox|" indexes.before &&
	grep "^records_org_name|" indexes.before &&
	state >state.before
'

test_expect_success SQLITE 'a reindex makes them before the fold, and keeps those that stay small' '
	ZDH_TRACE_PERFORMANCE=1 zdh reindex 2>trace >/dev/null &&
	grep "^zdh: rebuild: indexes on records made before the fold:.* records_org_name .*records_issue_inbox" trace &&
	! grep "dropped after" trace &&
	indexes >indexes.after &&
	test_cmp indexes.before indexes.after &&
	sound &&
	state >state.after &&
	test_cmp state.before state.after
'

test_expect_success SQLITE 'one that grows as the fold goes is dropped and made at its end' '
	ZDH_TEST_PREMADE_MAX=16384 ZDH_TRACE_PERFORMANCE=1 zdh reindex 2>trace >/dev/null &&
	grep "^zdh: rebuild: index records_issue_status dropped after [0-9]* events, made at the end" trace &&
	! grep "index records_org_name dropped" trace &&
	! grep "index records_issue_inbox dropped" trace &&
	indexes >indexes.after &&
	test_cmp indexes.before indexes.after &&
	sound &&
	state >state.after &&
	test_cmp state.before state.after
'

test_expect_success SQLITE 'a clone makes them so too' '
	ZDH_TRACE_PERFORMANCE=1 zdh clone .zdh cloned --replica yanan --prefix YA -q 2>trace &&
	grep "^zdh: rebuild: indexes on records made before the fold:.* records_org_name " trace &&
	(cd cloned && indexes >../indexes.cloned && state >../state.cloned) &&
	test_cmp indexes.before indexes.cloned &&
	test_cmp state.before state.cloned
'

test_expect_success SQLITE 'a kind whose events were all refused has none of them after' '
	zdh init --replica xinqiao --prefix XQ only >/dev/null 2>&1 &&
	(
		cd only &&
		zdh issue add "路灯不亮" >/dev/null &&
		craft .zdh refs/zdh/log/yanan "org add 抢" \
			"$(craft_json yanan 1 org add XQ-O1 "{\"set\":{\"kind\":\"area\",\"name\":\"抢来的\"}}")" >/dev/null &&
		zdh org list >../orgs.before &&
		indexes >../indexes.before &&
		ZDH_TRACE_PERFORMANCE=1 zdh reindex 2>../trace >/dev/null &&
		indexes >../indexes.after &&
		zdh org list >../orgs.after
	) &&
	grep "^zdh: rebuild: indexes on records made before the fold:.* records_org_name " trace &&
	! grep "records_org" indexes.after &&
	test_cmp indexes.before indexes.after &&
	test_cmp orgs.before orgs.after
'

test_done
