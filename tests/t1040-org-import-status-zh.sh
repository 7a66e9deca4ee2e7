#!/bin/sh
# org import reads the status column of org list --format csv: live or
# retired, or the words a Chinese list prints for them (进行中, 已撤销).
# A status it does not know is refused naming the words it takes; the
# Chinese message named 现存 for live, a word import refuses in turn.
test_description='org import: a refused status names the words it takes'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1
'

test_expect_success 'zh_CN: the message names the Chinese words import takes' '
	printf "kind,name,status\narea,新桥,在用\n" >bad.csv &&
	test_expect_code 1 zh org import bad.csv 2>err &&
	echo "zdh: bad.csv:2: 未知的状态 '\''在用'\''（live（进行中）或 retired（已撤销））" >expect &&
	echo "zdh: 1 行有误；未导入任何内容" >>expect &&
	test_cmp expect err &&
	zdh org list --all --format csv >list &&
	test_line_count = 1 list
'

test_expect_success 'each word the message names is taken' '
	printf "kind,name,status\narea,新桥,进行中\narea,华山,已撤销\n" >good.csv &&
	zh org import good.csv &&
	zdh org list --all --format csv >list &&
	grep "^XQ-O1,area,新桥,,,live\$" list &&
	grep "^XQ-O2,area,华山,,,retired\$" list
'

test_done
