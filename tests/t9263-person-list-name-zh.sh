#!/bin/sh
# person show labels a person's name 姓名 (name:), but person list headed
# the column 名称, the word for an org's or a council's name, because
# both lists took the one message "NAME".  The person list's column has
# its own message now; the CSV header stays name.
test_description='person list: the name column is 姓名 in Chinese, as person show says'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-lists.sh"

test_expect_success 'setup: a person' '
	lists_setup >/dev/null
'

test_expect_success 'Chinese: 姓名 in the list, as in show; an org list keeps 名称' '
	LANGUAGE=zh_CN zdh person list >out &&
	head -n 1 out >head &&
	grep "^ID  *姓名  *电子邮件  *密钥\$" head &&
	LANGUAGE=zh_CN zdh person show XQ-U1 >out &&
	grep "^姓名：" out &&
	LANGUAGE=zh_CN zdh org list >out &&
	head -n 1 out | grep "名称"
'

test_expect_success 'English and CSV as they were' '
	zdh person list >out &&
	head -n 1 out | grep "^ID  *NAME  *EMAIL  *KEYS\$" &&
	LANGUAGE=zh_CN zdh person list --format csv >out &&
	head -n 1 out >head &&
	echo id,name,email,keys >expect &&
	test_cmp expect head
'

test_done
