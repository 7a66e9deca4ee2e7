#!/bin/sh
# A history line left out a mention its message's first line seemed to
# say: "@城管" is in "@城管中队", so a comment whose first line mentions
# 城管中队 and whose second mentions 城管 showed neither.  A mention is left
# out only when the line says it whole: "@name" (or "＠name") followed by a
# blank, punctuation, another @ or the end of the line.
test_description='a history line lists a mention the line says only as part of a longer name'
. "$(dirname "$0")/lib.sh"

test_expect_success 'depts whose names begin alike, mentions of both' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	orgs area 新桥 && orgs dept 城管 城管中队 房管办 &&
	zdh issue add 52弄乱停车 --area 新桥 >/dev/null &&
	printf "@城管中队 请评估\n@城管 也请看看\n" | zdh issue comment XQ-1 -m - &&
	zdh issue comment XQ-1 -m "@城管，@房管办@城管中队 请会商" &&
	zdh issue comment XQ-1 -m "请＠城管 看看" &&
	zdh council add 新桥理事会 --area 新桥 >/dev/null &&
	printf "请@城管中队看看\n@城管 也来\n" | zdh council discuss XQ-C1 -m -
'

test_expect_success 'a mention said only inside a longer name is listed' '
	zdh issue show XQ-1 >out &&
	grep "  comment  @城管  @城管中队 请评估 …\$" out &&
	zdh council show XQ-C1 >out &&
	grep "  discuss  @城管  请@城管中队看看 …\$" out
'

test_expect_success 'a mention the line says whole is not listed again' '
	zdh issue show XQ-1 >out &&
	grep "  comment  @城管，@房管办@城管中队 请会商\$" out &&
	grep "  comment  请＠城管 看看\$" out
'

test_done
