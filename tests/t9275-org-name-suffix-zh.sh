#!/bin/sh
# Staff say a department and an area by a short name: 城管 for 城管中队,
# 房管 for 房管办, 市场监管 for 市场监管所, and an area by its committee:
# 新桥居委会 or 新桥居民区 for 新桥.  zdh refused each ("no dept named
# '城管'", not even a "did you mean": the distance was too great), in a
# claim, a mention, a filter, the inbox and a report alike.  The name
# with or without one of these words is the org now when one org alone
# is it; two (房管办 and 房管所 for 房管) are refused naming both.
test_description='orgs: a name typed with or without its 办/中队/所/居委会'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: the case 2 registry, an issue' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind district 第一片区 --date 2026-11-02 >/dev/null &&
	zdh org add --kind area 新桥 --district 第一片区 --date 2026-11-02 >/dev/null &&
	zdh org add --kind dept 城管中队 --date 2026-11-02 >/dev/null &&
	zdh org add --kind dept 房管办 --date 2026-11-02 >/dev/null &&
	zdh org add --kind dept 市场监管所 --date 2026-11-02 >/dev/null &&
	zdh issue add 52弄车辆乱停 --area 新桥居委会 --date 2026-11-03 &&
	zdh issue add 商户垃圾 --area 新桥居民区 --date 2026-11-03
'

test_expect_success 'a write: --area 新桥居委会 is 新桥, --dept 城管 is 城管中队, @城管 mentions it' '
	zdh issue show XQ-1 --json >out &&
	grep "\"XQ-O2\": \"新桥\"" out &&
	zdh issue claim XQ-1 --dept 城管 --date 2026-11-04 &&
	zdh issue comment XQ-2 -m "@市场监管 请查商户" --date 2026-11-04 &&
	LANGUAGE=zh_CN zdh issue show XQ-1 >out &&
	grep "^部门：  *城管中队\$" out &&
	LANGUAGE=zh_CN zdh issue show XQ-2 >out &&
	grep "^提及：  *市场监管所\$" out
'

test_expect_success 'a read: issue list, inbox and report by the short name' '
	zdh issue list --dept 城管 --format csv >out &&
	grep "^XQ-1," out &&
	zdh inbox --dept 市场监管 >out &&
	grep "^XQ-2 " out &&
	zdh report monthly --month 2026-11 --dept 城管 --json >out &&
	grep "^    \"dept\": \"城管中队\",$" out
'

test_expect_success 'two orgs the short name may be: refused naming both, nothing written' '
	zdh org add --kind dept 房管所 --date 2026-11-02 >/dev/null &&
	snapshot before &&
	test_expect_code 1 zdh issue claim XQ-2 --dept 房管 2>err &&
	echo "zdh: '\''房管'\'' may be 房管办 (XQ-O4), 房管所 (XQ-O6); give the whole name or the id" >expect &&
	test_cmp expect err &&
	LANGUAGE=zh_CN test_expect_code 1 zdh issue list --dept 房管 2>err &&
	echo "zdh: “房管”可指 房管办（XQ-O4）、房管所（XQ-O6）；请写出全名或编号" >expect &&
	test_cmp expect err &&
	check_unchanged before
'

test_expect_success 'a name as it is wins; a word alone is no name' '
	zdh org add --kind dept 城管 --date 2026-11-05 >/dev/null &&
	zdh issue list --dept 城管 --format csv >out &&
	! grep "^XQ-1," out &&
	test_expect_code 1 zdh issue list --dept 中队 2>err &&
	grep "no dept named '\''中队'\''" err
'

test_done
