#!/bin/sh
# zdh issue void (作废): an issue entered by mistake stays in the history
# but leaves lists, the inbox, --overdue and reports; nothing more is
# allowed on it; --all and --status void find it; a reason is required.
test_description='issue void'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: two issues, one a duplicate' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 房管办 >/dev/null &&
	zdh issue add 路灯不亮 --area 新桥 --date 2026-01-05 >/dev/null &&
	zdh issue add 路灯不亮 --area 新桥 --date 2026-01-05 >/dev/null &&
	zdh issue claim XQ-2 --dept 房管办 --due 2026-01-10 --date 2026-01-06 >/dev/null
'

test_expect_success 'void needs a reason, and nothing is written without one' '
	snapshot before &&
	test_expect_code 129 zdh issue void XQ-2 2>err &&
	check_unchanged before
'

test_expect_success 'void XQ-2: kept in history, status void' '
	zdh issue void XQ-2 -m "重复登记, 见 XQ-1" --date 2026-01-07 &&
	zdh issue show XQ-2 --json >show &&
	grep "\"status\": \"void\"" show &&
	grep "\"voided_at\": \"2026-01-07" show &&
	grep "重复登记" show &&
	zdh log --record XQ-2 >log &&
	grep "void" log
'

test_expect_success 'lists leave it out; --all and --status void find it' '
	zdh issue list --format csv | cut -d, -f1 >ids &&
	printf "id\nXQ-1\n" >expect &&
	test_cmp expect ids &&
	zdh issue list --all --format csv | cut -d, -f1,9 >ids &&
	printf "id,status\nXQ-1,open\nXQ-2,void\n" >expect &&
	test_cmp expect ids &&
	zdh issue list --status void --format csv | cut -d, -f1 >ids &&
	printf "id\nXQ-2\n" >expect &&
	test_cmp expect ids &&
	zdh issue list --status 作废 --format csv | cut -d, -f1 >ids &&
	test_cmp expect ids &&
	zdh issue list --status 已作废 --format csv | cut -d, -f1 >ids &&
	test_cmp expect ids &&
	zdh issue list --overdue --format csv | cut -d, -f1 >ids &&
	printf "id\nXQ-1\n" >expect &&
	test_cmp expect ids &&
	zdh inbox --dept 房管办 >inbox &&
	! grep XQ-2 inbox
'

test_expect_success 'reports count it nowhere' '
	zdh report monthly --month 2026-01 --json >r.json &&
	grep "\"opened\": 1," r.json &&
	grep "\"open_at_end\": 1," r.json
'

test_expect_success 'a void issue takes nothing more' '
	snapshot before &&
	test_expect_code 1 zdh issue comment XQ-2 -m 还在吗 2>err &&
	grep "^zdh: XQ-2 is void; nothing more is allowed$" err &&
	test_expect_code 1 zdh issue void XQ-2 -m again 2>err &&
	check_unchanged before
'

test_expect_success 'a void issue of a list csv comes back void' '
	zdh issue list --all --format csv >all.csv &&
	zdh init --replica huashan --prefix HS b >/dev/null 2>&1 &&
	(cd b && zdh org add --kind area 新桥 >/dev/null && zdh org add --kind dept 房管办 >/dev/null &&
	 zdh issue import ../all.csv >/dev/null &&
	 zdh issue list --all --format csv) >back.csv &&
	sed "s/^XQ-/HS-/" all.csv >expect &&
	test_cmp expect back.csv
'

test_done
