#!/bin/sh
# A Chinese locale asked for as people do (LANG=zh_CN.UTF-8, LC_ALL,
# LC_MESSAGES) gives Chinese messages even where that locale is not
# installed (Debian generates only C.UTF-8 unless told): zdh falls back to
# C.UTF-8 and takes the language from the locale's name.  An explicit
# LANGUAGE still wins, and an English or C locale stays English.
test_description='LANG=zh_CN.UTF-8 speaks Chinese with or without the locale installed'
. "$(dirname "$0")/lib.sh"

# in_env VAR=VALUE... -- ARGS: zdh with only these locale variables set
in_env () {
	env -u LC_ALL -u LANG -u LC_MESSAGES -u LC_CTYPE -u LANGUAGE "$@"
}

test_expect_success 'set-up: a repository with an area and an issue' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh issue add 路灯不亮 --area 新桥 >/dev/null
'

test_expect_success 'LANG=zh_CN.UTF-8: a refusal in Chinese' '
	echo "zdh: 没有问题 XQ-9" >expect &&
	in_env LANG=zh_CN.UTF-8 "$ZDH" issue show XQ-9 2>actual;
	test $? = 1 &&
	test_cmp expect actual
'

test_expect_success 'LC_ALL, LC_MESSAGES and a locale without a codeset: Chinese too' '
	echo "zdh: 没有问题 XQ-9" >expect &&
	in_env LANG=en_US.UTF-8 LC_ALL=zh_CN.UTF-8 "$ZDH" issue show XQ-9 2>actual;
	test_cmp expect actual &&
	in_env LC_MESSAGES=zh_CN.UTF-8 "$ZDH" issue show XQ-9 2>actual;
	test_cmp expect actual &&
	in_env LANG=zh_CN "$ZDH" issue show XQ-9 2>actual;
	test_cmp expect actual
'

test_expect_success 'LANG=zh_CN.UTF-8: table headers and statuses, aligned by width' '
	cat >expect <<-\EOF_ &&
	ID    状态    居民区  部门  截止  标题
	XQ-1  待认领  新桥                路灯不亮
	EOF_
	in_env LANG=zh_CN.UTF-8 "$ZDH" issue list >actual &&
	test_cmp expect actual
'

test_expect_success 'an explicit LANGUAGE wins; English and C locales stay English' '
	echo "zdh: no issue XQ-9" >expect &&
	in_env LANG=zh_CN.UTF-8 LANGUAGE=en "$ZDH" issue show XQ-9 2>actual;
	test_cmp expect actual &&
	in_env LANG=en_US.UTF-8 "$ZDH" issue show XQ-9 2>actual;
	test_cmp expect actual &&
	in_env LANG=C "$ZDH" issue show XQ-9 2>actual;
	test_cmp expect actual &&
	in_env "$ZDH" issue show XQ-9 2>actual;
	test_cmp expect actual
'

test_done
