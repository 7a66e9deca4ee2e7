#!/bin/sh
# An action had no show of its own: the note of its done and the reason of
# its void were kept only in its events (log --json), and its department,
# due day and the issue it resolves were only a row of `action list`.
# `council action show ACTION [--json]` prints them with its history, as
# meeting show and decision show do for theirs.
test_description='council action show: an action, its note and its history'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: a decision with two actions, one done, one void' '
	council_of_three &&
	at xq org add --kind dept 房管办 >/dev/null &&
	at xq issue add 门口台阶太高 --area 新桥 --date 2024-02-01 >/dev/null &&
	at xq council meeting add XQ-C1 --present 甲,乙,丙 --date 2024-02-01 >/dev/null &&
	at xq council decide XQ-M1 --motion 加装坡道 --for 甲,乙 --close --date 2024-02-01 \
		--action 修坡道 --dept 房管办 --due 2024-03-01 --issue XQ-1 --resolves >/dev/null &&
	at xq council action add XQ-D1 --action 贴告示 --dept 房管办 --date 2024-02-02 >/dev/null &&
	at xq council action done XQ-A1 -m "坡道已建成" --date 2024-02-20 >/dev/null &&
	at xq council action void XQ-A2 -m "改为电话通知" --date 2024-02-03 >/dev/null
'

test_expect_success 'show: status, decision, department, due day, issue, and the note of its done' '
	at xq council action show xq-a1 >out &&
	head -n 1 out >first &&
	echo "XQ-A1  done  修坡道" >expect &&
	test_cmp expect first &&
	grep "^decision: *XQ-D1  XQ-C1$" out &&
	grep "^dept: *房管办$" out &&
	grep "^due: *2024-03-01$" out &&
	grep "^issue: *XQ-1 (resolved when done)$" out &&
	grep "^done: *2024-02-20" out &&
	grep "^history:$" out &&
	grep "done  *坡道已建成" out
'

test_expect_success 'show of a void action says when, and the reason in its history' '
	at xq council action show XQ-A2 >out &&
	grep "^XQ-A2  void  贴告示$" out &&
	grep "^voided: *2024-02-03" out &&
	grep "void  *改为电话通知" out &&
	! grep "^issue:" out &&
	! grep "^due:" out
'

test_expect_success 'show in Chinese: the words of zdh translated' '
	LANGUAGE=zh_CN at xq council action show XQ-A2 >out &&
	grep "^XQ-A2  已作废  贴告示$" out &&
	grep "^作废于：" out &&
	grep "改为电话通知" out &&
	! grep "^voided:" out
'

test_expect_success 'show --json: the state with its id, conflicts and history' '
	at xq council action show XQ-A2 --json >out.json &&
	grep "\"id\": \"XQ-A2\"" out.json &&
	grep "\"status\": \"void\"" out.json &&
	grep "\"decision\": \"XQ-D1\"" out.json &&
	grep "\"conflicts\": \[\]" out.json &&
	grep "改为电话通知" out.json
'

test_expect_success 'show refuses what is not an action, with nothing printed' '
	test_expect_code 1 at xq council action show XQ-A9 >out 2>err &&
	test_must_be_empty out &&
	echo "zdh: no action XQ-A9" >expect && test_cmp expect err &&
	test_expect_code 1 at xq council action show XQ-D1 >out 2>err &&
	echo "zdh: XQ-D1 is a decision, not an action" >expect && test_cmp expect err &&
	test_expect_code 129 at xq council action show 2>err &&
	grep "needs an action" err
'

test_done
