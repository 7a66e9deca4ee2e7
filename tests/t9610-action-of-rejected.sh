#!/bin/sh
# `council action add` on a decision closed as rejected (or without its
# quorum) was taken: the action sat open in the department's inbox, then
# overdue, and `action done` refused it for ever ("not adopted yet").  It
# is refused when written now, and so are the actions of a decide --close
# whose votes close it so; an open decision still takes actions.
test_description='council action add: not on a decision closed without adoption'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a council, a rejected decision, an open one' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	orgs area 新桥 && orgs dept 房管办 &&
	zdh council add 新桥理事会 --area 新桥 --date 2026-11-01 >/dev/null &&
	for m in 张三 李四 王五; do zdh council member add XQ-C1 $m --role 理事 --date 2026-11-01 || return 1; done &&
	zdh council meeting add XQ-C1 --present 张三,李四,王五 --date 2026-11-10 >/dev/null &&
	zdh council decide XQ-M1 --motion 加装电梯 --against 张三,李四 --for 王五 --close --date 2026-11-10 >/dev/null &&
	zdh council decide XQ-M1 --motion 修路灯 --date 2026-11-10 >/dev/null &&
	zdh council meeting add XQ-C1 --present 张三 --date 2026-11-11 >/dev/null &&
	zdh council decide XQ-M2 --motion 种树 --for 张三 --close --date 2026-11-11 >/dev/null &&
	zdh council decision list --format csv >full &&
	cut -d, -f1,6 full >status &&
	printf "id,status\nXQ-D1,rejected\nXQ-D2,open\nXQ-D3,no-quorum\n" >expect &&
	test_cmp expect status
'

test_expect_success 'an action of a rejected or no-quorum closed decision is refused' '
	test_refused "XQ-D1 is closed, rejected: an action of it could never be done" \
		council action add XQ-D1 --action 装电梯 --dept 房管办 &&
	test_refused "XQ-D3 is closed, no-quorum: an action of it could never be done" \
		council action add xq-d3 --action 种树 --dept 房管办 &&
	test_expect_code 1 zh council action add XQ-D1 --action 装电梯 --dept 房管办 2>err &&
	echo "zdh: XQ-D1 已关闭，未通过：其行动永远无法完成" >expect &&
	test_cmp expect err
'

test_expect_success 'decide --close with actions whose votes reject it, or without quorum: refused' '
	zdh council decision list --format csv >before &&
	test_refused "the decision is closed, rejected: an action of it could never be done (leave out --close or the actions)" \
		council decide XQ-M1 --motion 加装电梯 --against 张三,李四 --for 王五 --close \
		--action 装电梯 --dept 房管办 &&
	test_refused "the decision is closed, no-quorum: an action of it could never be done (leave out --close or the actions)" \
		council decide XQ-M2 --motion 种树 --for 张三 --close --action 种树 --dept 房管办 &&
	test_expect_code 1 zh council decide XQ-M2 --motion 种树 --for 张三 --close \
		--action 种树 --dept 房管办 2>err &&
	echo "zdh: 决议已关闭，未达法定人数：其行动永远无法完成（去掉 --close 或行动）" >expect &&
	test_cmp expect err &&
	zdh council decision list --format csv >after &&
	test_cmp before after &&
	zdh council action list --format csv >actions &&
	test_line_count = 1 actions
'

test_expect_success 'decide --close with actions whose votes adopt it: written' '
	zdh council decide XQ-M1 --motion 修门 --for 张三,李四 --close --action 修门 --dept 房管办 \
		--date 2026-11-10 >id &&
	echo XQ-D4 >expect && test_cmp expect id &&
	zdh council action list --format csv >actions &&
	grep "^XQ-A1,XQ-D4," actions
'

test_expect_success 'an open decision takes an action' '
	zdh council action add XQ-D2 --action 修路灯 --dept 房管办 >id &&
	echo XQ-A2 >expect && test_cmp expect id
'

test_done
