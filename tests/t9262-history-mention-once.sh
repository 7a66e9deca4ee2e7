#!/bin/sh
# A history line of a comment or a discussion listed the departments it
# mentions, then the message, which says them itself: the README's first
# session showed "留言  @城管中队  @城管中队 请评估弄口道闸方案".  A mention
# the line shown says is not listed again; one it does not (the message's
# first line shown, the mention further down) still is.
test_description='a history line names a mention once'
. "$(dirname "$0")/lib.sh"

test_expect_success 'an issue and a council with mentions' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	orgs area 新桥 && orgs dept 城管中队 && orgs dept 房管办 &&
	zdh issue add 52弄乱停车 --area 新桥 >/dev/null &&
	zdh issue comment XQ-1 -m "@城管中队 请评估弄口道闸方案" &&
	printf "请评估\n@房管办 也请看看\n" | zdh issue comment XQ-1 -m - &&
	zdh council add 新桥理事会 --area 新桥 >/dev/null &&
	zdh council discuss XQ-C1 -m "建坡道需要哪些手续？@房管办"
'

test_expect_success 'the mention once when the line says it, listed when it does not' '
	zdh issue show XQ-1 >out &&
	grep "  comment  @城管中队 请评估弄口道闸方案\$" out &&
	grep "  comment  @房管办  请评估 …\$" out &&
	zdh council show XQ-C1 >out &&
	grep "  discuss  建坡道需要哪些手续？@房管办\$" out &&
	LANGUAGE=zh_CN zdh issue show XQ-1 >out &&
	grep "  留言  @城管中队 请评估弄口道闸方案\$" out
'

test_done
