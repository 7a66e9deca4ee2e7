#!/bin/sh
# A second zdh init in the same folder said only "'/abs/.zdh' exists
# already", and zdh clone into a repository's folder "'DIR' holds a zdh
# repository already": neither said what to do.  They say the folder holds
# a repository to use as it is (replica show names it) or to give another
# DIR; exit 1 and nothing changed, as before.  issue return's --reason -h
# lists its codes (it said "see return").
test_description='init or clone where a repository is: the message says what to do'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ office >/dev/null &&
	zdh -C office org add --kind area 新桥 >/dev/null &&
	(cd office && snapshot ../before)
'

test_expect_success 'init again: what to do, nothing changed' '
	test_expect_code 1 zdh init --replica xinqiao --prefix XQ office 2>err &&
	echo "zdh: '"'"'$PWD/office/.zdh'"'"' exists already: the folder holds a zdh repository; use it as it is ('"'"'zdh replica show'"'"' names it) or give another DIR" >expect &&
	test_cmp expect err &&
	(cd office && test_expect_code 1 zdh init 2>../err) &&
	test_cmp expect err &&
	(cd office && LANGUAGE=zh_CN test_expect_code 1 "$ZDH" init 2>../err) &&
	grep "^zdh: '"'"'$PWD/office/.zdh'"'"' 已存在：此文件夹已有 zdh 仓库" err &&
	(cd office && check_unchanged ../before)
'

test_expect_success 'clone into it: what to do, nothing changed' '
	zdh init --replica other --prefix OT other >/dev/null &&
	test_expect_code 1 zdh clone other office --replica yanan --prefix YA 2>err &&
	echo "zdh: '"'"'office'"'"' holds a zdh repository already; give another DIR" >expect &&
	test_cmp expect err &&
	(cd office && check_unchanged ../before)
'

test_expect_success 'issue return -h lists the reasons' '
	zdh issue return -h >out &&
	grep "^    --reason CODE  *why it is handed back: not-our-area, unclear-ownership, overlapping-duties or other\$" out &&
	zh issue return -h >out &&
	grep "not-our-area（非本部门职责）" out
'

test_done
