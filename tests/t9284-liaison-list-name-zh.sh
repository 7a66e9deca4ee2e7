#!/bin/sh
# A liaison is a person (a department's named contact), and person list
# heads a person's name 姓名 (c0c15f1); visit liaison list headed its
# liaisons' names 名称, the word for an org's or a council's name.  It
# says 姓名 now; the CSV header stays name.
test_description='visit liaison list: the name column is 姓名, as a person'\''s'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a liaison' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 派出所 >/dev/null &&
	zdh visit liaison add 王强 --dept 派出所 --areas 新桥 >/dev/null
'

test_expect_success 'Chinese: 姓名; English NAME; CSV name' '
	LANGUAGE=zh_CN zdh visit liaison list >out &&
	head -n 1 out | grep "^ID  *姓名  *部门  *走访  *居民区  *电话\$" &&
	zdh visit liaison list >out &&
	head -n 1 out | grep "^ID  *NAME  *DEPT  *VISITS  *AREAS  *PHONE\$" &&
	LANGUAGE=zh_CN zdh visit liaison list --all --format csv >out &&
	head -n 1 out >actual &&
	echo id,name,dept,visits,areas,phone,status >expect &&
	test_cmp expect actual
'

test_done
