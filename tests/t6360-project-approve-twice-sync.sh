#!/bin/sh
# Two offices, not having heard of each other, each add a budget line to
# one project, approve it (each its own budget) and spend within what it
# approved.  The first approval in fold order stands, the other has no
# effect; the other's spend carries the amount its writer approved, and
# the fund, which does not see the project, takes it: the project has
# spent beyond its approval on every replica.  The pull that brings it
# says so (zdh-project(1), FUNDS UNDER SYNC; zdh-sync(1)); a pull of
# nothing of the project's says nothing.
test_description='a project approved at two offices at once, spent beyond the approval that stood'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: xq has a fund and a project; ya clones' '
	xq_and_hub &&
	at xq fund set --area 新桥 --year 2026 1000 --date 2026-01-05 >/dev/null &&
	at xq project add 铁门 --area 新桥 --year 2026 --date 2026-02-01 >/dev/null &&
	at xq issue add 路灯不亮 --area 新桥 --date 2026-02-01 >/dev/null &&
	two_offices_cloned
'

test_expect_success 'each office budgets, approves and spends within what it approved' '
	at xq project budget XQ-J1 300 --item 铁门 --date 2026-02-02 &&
	at ya project budget XQ-J1 500 --item 安装 --date 2026-02-02 &&
	at ya issue comment XQ-1 -m 再看看 >/dev/null &&
	at xq project approve XQ-J1 --date 2026-02-03 &&
	at ya project approve XQ-J1 --date 2026-02-03 &&
	at xq project spend XQ-J1 200 --item 铁门 --date 2026-02-04 &&
	at ya project spend XQ-J1 200 --item 安装 --date 2026-02-04 &&
	at ya push -q
'

test_expect_success 'the pull that brings the other side says the project spent beyond its approval' '
	cp -r xq xq.zh &&
	at xq pull >out 2>err &&
	echo "XQ-J1 has spent 400.00, beyond the 300.00 approved" >expect &&
	test_cmp expect err &&
	LANGUAGE=zh_CN at xq.zh pull >out 2>err &&
	echo "项目 XQ-J1 已支出 400.00，超出批准金额 300.00" >expect &&
	test_cmp expect err &&
	at xq push -q &&
	at ya pull >out 2>err &&
	grep "^XQ-J1 approve had no effect: " err &&
	grep "^XQ-J1 has spent 400.00, beyond the 300.00 approved\$" err
'

test_expect_success 'show agrees on every replica; a pull of nothing of the project says nothing' '
	at xq project show XQ-J1 --json >xq.json &&
	at ya project show XQ-J1 --json >ya.json &&
	test_cmp xq.json ya.json &&
	grep "\"approved\": 30000," xq.json &&
	grep "\"spent\": 40000," xq.json &&
	at ya issue comment XQ-1 -m 路灯修好了吗 >/dev/null &&
	at ya push -q &&
	at xq pull >out 2>err &&
	test_must_be_empty err &&
	at xq verify -q &&
	at ya verify -q
'

test_done
