#!/bin/sh
# A rebuild (reindex, clone) makes no index on records for a kind that
# has no records: each is partial (WHERE kind = 'council'), but SQLite
# makes one by reading every record.  The kind's first record makes them,
# in the transaction that stores it, whether written here or pulled; a
# query finds the same either way, and once the kind has records it goes
# through its index.
test_description='reindex: the indexes of a kind without records made with its first record'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

# indexes DIR: the names of the indexes on records of DIR's index.db
indexes () {
	sqlite3 "$1/.zdh/index.db" "SELECT name FROM sqlite_master WHERE type = 'index'
		AND tbl_name = 'records' ORDER BY name"
}

test_expect_success 'setup: issues only, reindexed' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null 2>&1 &&
	at xq issue add "52弄垃圾桶满溢" >/dev/null &&
	at xq issue add "楼道堆物" >/dev/null &&
	at xq reindex >/dev/null
'

test_expect_success SQLITE 'the rebuild made the issue kind indexes, none of org or council' '
	indexes xq >actual &&
	cat >expect <<-\EOF &&
	records_issue_area
	records_issue_dept
	records_issue_due
	records_issue_inbox
	records_issue_links
	records_issue_mentions
	records_issue_status
	records_key
	EOF
	test_cmp expect actual
'

test_expect_success 'queries of those kinds find what they do with the indexes there' '
	zdh init --replica other --prefix OT fresh >/dev/null 2>&1 &&
	at fresh issue add "52弄垃圾桶满溢" >/dev/null &&
	for q in "org list" "council list" "project list" "visit list" "fund show" "menu list"; do
		{ at fresh $q; echo "exit $?"; } >expect.q 2>&1 &&
		{ at xq $q; echo "exit $?"; } >actual.q 2>&1 &&
		test_cmp expect.q actual.q || return 1
	done
'

test_expect_success SQLITE 'a clone (a rebuild) makes none either' '
	zdh clone xq/.zdh ya --replica yanan --prefix YA -q &&
	indexes ya >actual &&
	test_cmp expect actual
'

test_expect_success SQLITE 'the first org written makes its index, which finds it by name' '
	at xq org add --kind area 新桥 >/dev/null &&
	indexes xq >actual &&
	grep "^records_org_name$" actual &&
	! grep council actual &&
	ZDH_TRACE_PLAN=1 at xq issue add "路灯不亮" --area 新桥 >/dev/null 2>trace &&
	grep "USING INDEX records_org_name" trace
'

test_expect_success SQLITE 'the first org and council pulled make theirs' '
	at xq council add 新桥理事会 --area 新桥 --date 2024-01-10 >/dev/null &&
	at ya pull -q origin &&
	indexes ya >actual &&
	grep "^records_org_name$" actual &&
	grep "^records_council_name$" actual &&
	at ya council list >list &&
	grep 新桥理事会 list
'

test_expect_success SQLITE 'the indexes and what queries find are those of a rebuild with the records' '
	sqlite3 ya/.zdh/index.db "SELECT name, sql FROM sqlite_master WHERE type = '\''index'\''
		AND tbl_name = '\''records'\'' ORDER BY name" >before &&
	at ya export >export1 &&
	at ya reindex >/dev/null &&
	sqlite3 ya/.zdh/index.db "SELECT name, sql FROM sqlite_master WHERE type = '\''index'\''
		AND tbl_name = '\''records'\'' ORDER BY name" >after &&
	test_cmp after before &&
	at ya export >export2 &&
	test_cmp export1 export2
'

test_expect_success SQLITE 'the first issues imported (rows written on a second thread) make theirs' '
	zdh init --replica zhongxin --prefix ZX zx >/dev/null 2>&1 &&
	at zx org add --kind area 新桥 >/dev/null &&
	at zx reindex >/dev/null &&
	indexes zx >actual &&
	! grep records_issue actual &&
	perl -e "print qq(title,area\n); print qq(问题\$_,新桥\n) for 1 .. 30" >issues.csv &&
	at zx issue import ../issues.csv >/dev/null &&
	indexes zx >actual &&
	grep "^records_issue_status$" actual &&
	ZDH_TRACE_PLAN=1 at zx issue list --area 新桥 >list 2>trace &&
	test $(grep -c 问题 list) = 30 &&
	grep "USING .*INDEX records_issue_" trace
'

test_done
