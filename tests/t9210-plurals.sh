#!/bin/sh
# English summaries and messages that count say one thing in the singular:
# "imported 1 org", "verified 1 log, 3 events", "reindexed 3 events from 1
# log", a decision's "1 of 1 voting member present" (in --json too); the
# Chinese catalogue has its one form (nplurals=1).
test_description='plurals of counted nouns'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1
'

test_expect_success 'import of one org, of two' '
	printf "kind,name\narea,新桥\n" >one.csv &&
	zdh org import one.csv >out &&
	echo "imported 1 org" >expect &&
	test_cmp expect out &&
	printf "kind,name\narea,延安公寓\narea,天津路\n" >two.csv &&
	zdh org import two.csv >out &&
	echo "imported 2 orgs" >expect &&
	test_cmp expect out &&
	printf "kind,name\narea,苏河\n" >zh.csv &&
	zh org import zh.csv >out &&
	echo "已导入 1 个组织" >expect &&
	test_cmp expect out
'

test_expect_success 'verify and reindex: one log' '
	zdh verify >out &&
	echo "verified 1 log, 4 events" >expect &&
	test_cmp expect out &&
	zdh reindex >out &&
	echo "reindexed 4 events from 1 log" >expect &&
	test_cmp expect out &&
	zh verify >out &&
	echo "已校验 1 个日志，4 个事件" >expect &&
	test_cmp expect out &&
	zh reindex >out &&
	echo "已从 1 个日志重建 4 个事件的索引" >expect &&
	test_cmp expect out
'

test_expect_success 'a row of one field: "1 field"' '
	printf "kind,name\narea\n" >bad.csv &&
	test_expect_code 1 zdh org import bad.csv 2>err &&
	grep "bad.csv:2: 1 field, the header has 2$" err
'

test_expect_success 'a decision of one voting member: singular in show and in --json' '
	zdh council add 理事会 --area 新桥 --date 2024-01-10 >/dev/null &&
	zdh council member add XQ-C1 王阿姨 --role chair --party resident --date 2024-01-10 &&
	zdh council meeting add XQ-C1 --date 2024-02-01 --present 王阿姨 >/dev/null &&
	zdh council decide XQ-M1 --motion 修车棚 --for 王阿姨 --party property-manager --date 2024-02-01 >/dev/null &&
	zdh council decision show XQ-D1 >out &&
	grep "1 of 1 voting member present, quorum 1/2 reached; 1 for, 0 against, 0 abstaining: voting open; written consent of 0 of 1 party$" out &&
	zdh council decision show XQ-D1 --json >json &&
	grep "\"explanation\": \"1 of 1 voting member present" json
'

test_done
