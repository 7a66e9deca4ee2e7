#!/bin/sh
# issue import takes a status by its word or its Chinese name (已认领 as
# claimed); a row whose status and dept disagree was refused under zh_CN
# naming the status by its English word alone ("状态 claimed 需要部门"),
# where the row a clerk typed said 已认领.  The refusals name both, as
# every list of words does; nothing is written.
test_description='issue import: a status refused by its word and its Chinese name'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 房管办 >/dev/null
'

test_expect_success 'zh_CN: claimed without a dept, open with one' '
	printf "title,area,status,dept\n路灯不亮,新桥,已认领,\n楼道堆物,新桥,待认领,房管办\n" >in.csv &&
	test_expect_code 1 zh issue import in.csv 2>err &&
	cat >expect <<-\EOF_ &&
	zdh: in.csv:2: 状态 claimed（已认领）需要部门
	zdh: in.csv:3: 待认领的问题没有部门（请用状态 claimed（已认领））
	zdh: 2 行有误；未导入任何内容
	EOF_
	test_cmp expect err &&
	zdh issue list --all --format csv >list &&
	test_line_count = 1 list
'

test_done
