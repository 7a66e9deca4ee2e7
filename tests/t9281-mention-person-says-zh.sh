#!/bin/sh
# Staff write "@王芳 请跟进" in a comment as in any chat, and zdh took
# 王芳 for a department: "没有名为 '王芳' 的部门（见 'zdh org list --kind
# dept'）", which says nothing of what @ is for, nor that the comment
# goes in without it.  A mention no department answers says it now: @
# mentions a department, a person's name is written without it.
test_description='a mention of a person: the refusal says what @ is for'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 房管办 >/dev/null &&
	zdh issue add 楼道堆物 --area 新桥 >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 >/dev/null
'

test_expect_success 'issue comment and council discuss: @王芳 refused saying what @ is for, nothing written' '
	LANGUAGE=zh_CN test_refused "没有名为 '\''王芳'\'' 的部门（见 '\''zdh org list --kind dept'\''）（@ 只用于提及部门：提到个人时请不要加 @）" issue comment XQ-1 -m "@王芳 请跟进" &&
	test_refused "no dept named '\''李明'\'' (see '\''zdh org list --kind dept'\'') (@ mentions a department: write a person'\''s name without it)" council discuss XQ-C1 -m "@李明 明天开会"
'

test_expect_success 'without the @ the comment is written; @房管办 mentions the department' '
	zdh issue comment XQ-1 -m "王芳 请跟进" &&
	zdh issue comment XQ-1 -m "@房管办 请看" &&
	zdh issue show XQ-1 --json >out &&
	grep "\"mentions\": \[" out
'

test_done
