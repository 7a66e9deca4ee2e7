#!/bin/sh
# `issue list --since 2026-12-05 --until 2026-12-01` and the same in
# `zdh log` printed an empty list (exit 0), where `report range` refuses
# the two days swapped; zdh-log(1) said --until excluded its day
# ("--since 2026-11-01 --until 2026-12-01 is November") while the code
# and -h include it.  Now a period ending before it starts is refused
# in one line, naming the options.
test_description='--until before --since is refused by issue list and log'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh issue add 路灯不亮 --area 新桥 --date 2026-11-30 >/dev/null &&
	zdh issue add 积水 --area 新桥 --date 2026-12-01 >/dev/null
'

test_expect_success 'swapped days are refused' '
	test_expect_code 1 zdh issue list --since 2026-12-05 --until 2026-12-01 >out 2>err &&
	test_must_be_empty out &&
	echo "zdh: --until 2026-12-01 is before --since 2026-12-05" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh log --since 2026/12/05 --until 2026/12/01 2>err &&
	test_cmp expect err &&
	test_expect_code 1 zdh log --recorded-since today --recorded-until yesterday 2>err &&
	echo "zdh: --recorded-until yesterday is before --recorded-since today" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh log --since "2026-12-01 10:00" --until "2026-12-01 09:59" 2>err &&
	LANGUAGE=zh_CN test_expect_code 1 zdh issue list --since 2026-12-05 --until 2026-12-01 2>err &&
	grep "早于" err
'

test_expect_success 'one day, and --until including its day, as documented' '
	zdh issue list --since 2026-12-01 --until 2026-12-01 >out &&
	grep 积水 out && ! grep 路灯不亮 out &&
	zdh log --since 2026-11-01 --until 2026-11-30 >out &&
	grep XQ-1 out && ! grep XQ-2 out
'

test_done
