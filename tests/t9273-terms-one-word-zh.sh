#!/bin/sh
# A word the Chinese interface says two ways reads as two things.  The
# report's --area/--district/--dept said they count the 诉求 of an org,
# where the report itself and every other text says 问题 (issue, the
# glossary's word); issue comment -m said 评论 where the history calls
# the operation 留言; and a project's budget and spend line, "item",
# which -h calls 用途, was 项目 in show's table and the history, the word
# for the project itself.
test_description='Chinese: an issue, a comment and a budget line called as everywhere else'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a project with a budget line and a spend' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 --date 2026-11-02 >/dev/null &&
	zdh fund set --area 新桥 --year 2026 450000 --date 2026-11-02 >/dev/null &&
	zdh project add 弄口道闸 --area 新桥 --kind micro --year 2026 --date 2026-11-03 >/dev/null &&
	zdh project budget XQ-J1 12000 --item 道闸设备 --date 2026-11-03 &&
	zdh project approve XQ-J1 --date 2026-11-04 &&
	zdh project spend XQ-J1 11800.50 --item 道闸 --date 2026-11-05
'

test_expect_success 'report -h: the issues of an org are 问题, as the report says' '
	for v in monthly yearly range; do
		LANGUAGE=zh_CN zdh report $v -h >out &&
		grep "^    --area A  *只统计此居民区的问题\$" out &&
		grep "^    --dept D  *只统计此部门的问题\$" out &&
		grep "^    --district D  *只统计此片区的问题\$" out &&
		! grep 诉求 out || return 1
	done
'

test_expect_success 'issue comment -h: 留言, the name the history gives it' '
	LANGUAGE=zh_CN zdh issue comment -h >out &&
	grep "^    -m, --message TEXT  *留言（@部门 可提及一个部门）\$" out &&
	! grep 评论 out
'

test_expect_success 'project show: a budget and a spend line is 用途, as -h says; 项目 is the project' '
	LANGUAGE=zh_CN zdh project budget -h >out &&
	grep "^    --item TEXT  *用途\$" out &&
	LANGUAGE=zh_CN zdh project show XQ-J1 >out &&
	grep "^日期  *金额  *用途  *备注\$" out &&
	grep "  预算  金额=12000.00 用途=道闸设备  " out &&
	! grep "项目=" out
'

test_done
