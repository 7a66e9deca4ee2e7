#!/bin/sh
# A comment giving a resident's email address (`-m "请联系
# wf@example.org"`) was refused: the @ of the address was read as a
# mention of a department "example" ("no dept named 'example'"), and so
# in a council's discussion.  An @ right after a letter, a digit or one
# of . _ - + is an address's, no mention; @房管办 after a blank, a
# Chinese character or at the start still is one, and ＠ too.
test_description='the @ of an email address is not a mention'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	orgs area 新桥 && orgs dept 房管办 派出所 &&
	zdh issue add 路灯不亮 --area 新桥 >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 >/dev/null
'

test_expect_success 'an email address in a comment is text, no mention' '
	zdh issue comment XQ-1 -m "请联系居民 wf@example.org 或 li.si+1@mail.example.cn" &&
	zdh issue show XQ-1 --json >show.json &&
	! grep "\"mentions\"" show.json &&
	zdh council discuss XQ-C1 -m "邮件 zs@example.org"
'

test_expect_success '@DEPT after a blank, a Chinese character, at the start, ＠: mentions' '
	zdh issue comment XQ-1 -m "请@房管办协助，@派出所 配合" &&
	zdh issue comment XQ-1 -m "＠房管办" &&
	zdh issue list --mentions 派出所 --format csv >full &&
	cut -d, -f1 full >actual &&
	printf "id\nXQ-1\n" >expect && test_cmp expect actual &&
	test_refused "no dept named '\''房关办'\''; did you mean '\''房管办'\''? (@ mentions a department: write a person'\''s name without it)" issue comment XQ-1 -m "请 @房关办 处理"
'

test_done
