#!/bin/sh
# zdh council: which council an argument names.  An id (in any case)
# names its council, found by its key; else a name does, the live one
# before a dissolved one of the same name, through the index on names;
# only a name that matches nothing reads every council ("did you mean").
test_description='council named by id or by name'
. "$(dirname "$0")/lib.sh"

shows() {
	zdh council show "$1" --json >json &&
	sed -n 's/^  "id": "\(.*\)",$/\1/p' json >actual &&
	echo "$2" >expect &&
	test_cmp expect actual
}

test_expect_success 'setup: a dissolved council and a live one of the same name' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh council add 甲 --area 新桥 --date 2024-01-10 >/dev/null &&
	zdh council dissolve 甲 -m 并入 --date 2024-02-01 &&
	zdh council add 甲 --area 新桥 --date 2024-02-02 >/dev/null &&
	zdh council add 乙 --area 新桥 --date 2024-02-03 >/dev/null
'

test_expect_success 'a name: the live council before the dissolved one' '
	shows 甲 XQ-C2 &&
	zdh council meeting add 甲 --date "2024-03-01 19:00" >actual &&
	echo XQ-M1 >expect &&
	test_cmp expect actual &&
	zdh council meeting list --format csv >csv &&
	grep "^XQ-M1,2024-03-01,XQ-C2," csv
'

test_expect_success 'an id in any case, the dissolved one too' '
	shows XQ-C3 XQ-C3 &&
	shows xq-c3 XQ-C3 &&
	shows Xq-C1 XQ-C1 &&
	test_must_fail zdh council meeting add xq-c1 --date "2024-03-01 19:00" 2>err &&
	echo "zdh: XQ-C1 is dissolved" >expect &&
	test_cmp expect err
'

test_expect_success 'an id names its council before a council of that name' '
	zdh council edit 乙 --name XQ-C1 &&
	shows XQ-C1 XQ-C1 &&
	shows xq-c1 XQ-C1 &&
	zdh council edit XQ-C3 --name 丙 &&
	shows 丙 XQ-C3
'

test_expect_success 'a name that matches nothing: did you mean, nothing written' '
	before=$(git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao) &&
	test_must_fail zdh council meeting add 甲x --date "2024-03-02 19:00" 2>err &&
	echo "zdh: no council named '"'"'甲x'"'"'; did you mean '"'"'甲'"'"'?" >expect &&
	test_cmp expect err &&
	test_must_fail zdh council show XQ-C9 2>err &&
	grep "no council named '"'"'XQ-C9'"'"'" err &&
	test "$(git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao)" = "$before"
'

test_done
