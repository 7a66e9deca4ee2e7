#!/bin/sh
# `org edit 新桥 --kind dept` turned an area that open issues name into a
# department, silently: the issues kept an area no `--area` filter,
# report or new issue could find ("no area named '新桥'").  And `org edit
# 一片 --district 一片` made a district its own district.  Both refused
# now when written, nothing changed; a kind given by mistake is still
# corrected while nothing names the org.
test_description='org edit: no kind change in use, no org its own district'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a district, an area with an issue, an unused area' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind district 一片 >/dev/null &&
	zdh org add --kind area 新桥 --district 一片 >/dev/null &&
	zdh org add --kind area 博物馆 >/dev/null &&
	zdh issue add 路灯不亮 --area 新桥 >/dev/null
'

test_expect_success 'an area named by an open issue, a district by its area keep their kind' '
	test_refused "新桥 (XQ-O2) is still named by 1 open record or org; its kind cannot change" \
		org edit 新桥 --kind dept &&
	test_refused "一片 (XQ-O1) is still named by 1 open record or org; its kind cannot change" \
		org edit 一片 --kind 居民区 &&
	zdh issue list --area 新桥 >list &&
	grep XQ-1 list
'

test_expect_success 'no org is its own district' '
	test_refused "一片 cannot be its own district" org edit 一片 --district 一片 &&
	test_refused "一片 cannot be its own district" org edit XQ-O1 --district XQ-O1
'

test_expect_success 'a kind given by mistake is corrected while unused; the same kind is no change of kind' '
	zdh org edit 博物馆 --kind unit &&
	zdh org list --kind unit >units && grep 博物馆 units &&
	zdh org edit 新桥 --kind area --code 310101 &&
	zdh issue void XQ-1 -m 录错 &&
	zdh org edit 新桥 --kind building
'

test_expect_success 'in Chinese' '
	zdh org add --kind area 延安 --district 一片 >/dev/null &&
	LANGUAGE=zh_CN test_expect_code 1 zdh org edit 一片 --kind dept 2>err &&
	grep "不能更改类型" err
'

test_done
