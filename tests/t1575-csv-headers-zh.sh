#!/bin/sh
# A CSV header is never translated: under the Chinese catalogue (the
# set-up of t0610: LANGUAGE=zh_CN) every list's --format csv prints the
# same header as in English, English words in lower case (project list,
# person list, menu match, zdh conflicts ... printed Chinese ones before),
# and what an import reads comes back in; the table's header is Chinese.
test_description='csv headers are the same in every language, and re-import'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-lists.sh"

test_expect_success 'setup: a record on every list' '
	lists_setup >/dev/null &&
	every_list >lists &&
	test $(wc -l <lists) -ge 17
'

test_expect_success 'the catalogue is in use: tables have Chinese headers' '
	zh project list | sed -n 1p >head &&
	echo "ID     状态    类型      居民区  年份  预算  已支出  标题" >expect &&
	test_cmp expect head
'

test_expect_success 'every list: the csv header under zh_CN is the English one, lower-case ASCII' '
	while read l; do
		zdh $l --format csv | sed -n 1p >en &&
		zh $l --format csv | sed -n 1p >cn &&
		test_cmp en cn &&
		! grep "[^a-z_,]" cn || { echo "# header of zdh $l"; return 1; }
	done <lists
'

test_expect_success 'the headers of a few lists, whole' '
	for l in "project list" "person list" "menu match XQ-N1" conflicts "visit liaison list"; do
		zh $l --format csv | sed -n 1p || return 1
	done >actual &&
	cat >expect <<-\EOF &&
	id,status,kind,area,year,budget,spent,title
	id,name,email,keys
	rank,score,id,title,why
	kind,id,field,values
	id,name,dept,visits,areas,phone
	EOF
	test_cmp expect actual
'

test_expect_success 'JSON keys stay English under zh_CN' '
	zdh project list --json >en.json &&
	zh project list --json >cn.json &&
	test_cmp en.json cn.json
'

test_expect_success 'lists printed under zh_CN import into another repository' '
	zh org list --format csv >orgs.csv &&
	zh issue list --format csv >issues.csv &&
	zh visit list --format csv >visits.csv &&
	zdh init --replica huashan --prefix HS b >/dev/null 2>&1 &&
	(
		cd b &&
		zh org import ../orgs.csv --date 2026-11-02 &&
		zh issue import ../issues.csv &&
		zdh visit liaison add 李明 --dept 房管办 --areas 新桥 --date 2026-11-03 >/dev/null &&
		zh visit import ../visits.csv &&
		zdh issue list --format csv >../back.csv
	) >out &&
	cat >expect <<-\EOF &&
	已导入 4 个组织
	已导入 1 个问题
	已导入 1 次走访
	EOF
	test_cmp expect out &&
	sed "s/^XQ-/HS-/" issues.csv >expect &&
	test_cmp expect back.csv
'

test_done
