#!/bin/sh
# records_key is on (kind, prefix, n, id) (index schema 19), with no
# records_order beside it: an import's records, numbered on, go to the
# key's end (on (kind, id) XQ-10 sorted before XQ-2, and each record went
# to a page of its own), and the key alone gives a kind's records in id
# order.  So a record is looked up by id with its prefix and n as well:
# with "id = ?" alone SQLite reads every record of the kind.  The facts
# are keyed so too (index schema 20): (kind, prefix, n, record, clock,
# replica, id), each record's events in fold order, records in id order.
test_description='records_key: kind, prefix, n, id; records found by id through all of it'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: an area and twelve issues imported' '
	zdh init --replica xinqiao --prefix XQ r >/dev/null &&
	cd r &&
	zdh org add --kind area 新桥 >/dev/null &&
	perl -e "print qq(title,area\n); print qq(问题\$_,新桥\n) for 1 .. 12" >issues.csv &&
	zdh issue import issues.csv >/dev/null
'

test_expect_success SQLITE 'records_key is (kind, prefix, n, id), and there is no records_order' '
	cd r &&
	sqlite3 .zdh/index.db "SELECT name FROM pragma_index_info('\''records_key'\'') ORDER BY seqno" >actual &&
	printf "kind\nprefix\nn\nid\n" >expect &&
	test_cmp expect actual &&
	sqlite3 .zdh/index.db "SELECT count(*) FROM sqlite_master WHERE name = '\''records_order'\''" >actual &&
	echo 0 >expect &&
	test_cmp expect actual
'

test_expect_success 'a record is found by its id through the whole key' '
	cd r &&
	ZDH_TRACE_PLAN=1 zdh issue show XQ-10 >/dev/null 2>trace &&
	plan_of "SELECT state, head" <trace >plan &&
	grep "SEARCH records USING INDEX records_key (kind=? AND prefix=? AND n=? AND id=?)" plan &&
	ZDH_TRACE_PLAN=1 zdh org show XQ-O1 >/dev/null 2>trace &&
	plan_of "zdh_id_prefix('\''org'\'', ?1)" <trace >plan &&
	grep "SEARCH records USING INDEX records_key (kind=? AND prefix=? AND n=? AND id=?)" plan &&
	! grep "SCAN" plan
'

test_expect_success 'a kind'\''s records in id order from the key, not sorted' '
	cd r &&
	ZDH_TRACE_PLAN=1 zdh org list >/dev/null 2>trace &&
	plan_of "kind = '\''org'\''" <trace >plan &&
	grep "SEARCH records USING INDEX records_key (kind=?)" plan &&
	! grep "TEMP B-TREE" plan &&
	zdh issue list --format csv | sed 1d | cut -d, -f1 >actual &&
	perl -e "print qq(XQ-\$_\n) for 1 .. 12" >expect &&
	test_cmp expect actual
'

test_expect_success 'zdh_id_prefix() and zdh_id_n() give a record'\''s prefix and n as its row holds them' '
	cd r &&
	zdh report sql --no-header "SELECT zdh_id_prefix('\''meeting'\'', '\''XQ-M3'\''), zdh_id_n('\''meeting'\'', '\''XQ-M3'\''), zdh_id_prefix('\''issue'\'', '\''XQ-M3'\''), zdh_id_n('\''issue'\'', '\''XQ-M3'\''), zdh_id_n('\''issue'\'', NULL) IS NULL" >actual &&
	zdh report sql --no-header "SELECT count(*) FROM records_issue WHERE prefix = zdh_id_prefix('\''issue'\'', id) AND n = zdh_id_n('\''issue'\'', id)" >>actual &&
	zdh report sql --no-header "SELECT count(*) FROM records_org WHERE prefix = zdh_id_prefix('\''org'\'', id) AND n = zdh_id_n('\''org'\'', id)" >>actual &&
	cat >expect <<-\EOF &&
	XQ  3  XQ-M3  0  1
	12
	1
	EOF
	test_cmp expect actual
'

test_expect_success SQLITE 'facts are keyed by kind, prefix, n, record, then fold order' '
	cd r &&
	sqlite3 .zdh/index.db "SELECT i.name FROM pragma_index_list('\''facts'\'') l, pragma_index_info(l.name) i WHERE l.origin = '\''pk'\'' ORDER BY i.seqno" >actual &&
	printf "kind\nprefix\nn\nrecord\nclock\nreplica\nid\n" >expect &&
	test_cmp expect actual &&
	sqlite3 .zdh/index.db "SELECT record FROM facts WHERE kind = '\''issue'\''" >actual &&
	perl -e "print qq(XQ-\$_\n) for 1 .. 12" >expect &&
	test_cmp expect actual
'

test_expect_success 'a report reads the facts in their key, an issue'\''s summary its own by the key' '
	cd r &&
	zdh reindex >/dev/null &&
	ZDH_TRACE_PLAN=1 zdh report monthly >/dev/null 2>trace &&
	plan_of "FROM facts WHERE kind = '\''issue'\'' ORDER BY prefix, n, record" <trace >plan &&
	grep "SEARCH facts USING PRIMARY KEY (kind=?)" plan &&
	! grep "TEMP B-TREE" plan &&
	ZDH_TRACE_PLAN=1 zdh issue comment XQ-10 -m 已联系 >/dev/null 2>trace &&
	plan_of "FROM facts WHERE kind = '\''issue'\'' AND prefix" <trace >plan &&
	grep "SEARCH facts USING PRIMARY KEY (kind=? AND prefix=? AND n=? AND record=?)" plan &&
	zdh report monthly >after &&
	zdh reindex >/dev/null &&
	zdh report monthly >again &&
	test_cmp after again
'

test_done
