#!/bin/sh
test_description='histories under a Chinese catalogue: operations and words by their Chinese names'
. "$(dirname "$0")/lib.sh"

test_expect_success 'an issue through claim, comment, escalate' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 房管办 >/dev/null &&
	zdh issue add 积水 --area 新桥 --category parking --source visit >/dev/null &&
	zdh issue claim XQ-1 --dept 房管办 &&
	zdh issue comment XQ-1 -m 已联系 &&
	zdh issue escalate XQ-1 -m 报网格平台
'

test_expect_success 'issue show: operations and field words in Chinese' '
	zh issue show XQ-1 >out &&
	grep "  新增  .*类别=停车 来源=走访" out &&
	grep "  认领  部门=房管办" out &&
	grep "  留言  已联系" out &&
	grep "  上报  报网格平台" out &&
	! grep -E "  (add|claim|comment|escalate)  " out
'

test_expect_success 'log and org show: the same' '
	zh log >out &&
	grep "XQ-1 .* 上报 " out && grep "XQ-O1 .* 新增 " out &&
	zh org show 新桥 >out &&
	grep "新增  类型=居民区 名称=新桥" out
'

test_expect_success 'English and --json keep the English words' '
	zdh issue show XQ-1 >out &&
	grep "  add  *area=新桥 category=parking source=visit" out &&
	grep "  escalate  报网格平台" out &&
	zh issue show XQ-1 --json >out.json &&
	grep "\"op\": *\"claim\"" out.json &&
	grep "\"category\": *\"parking\"" out.json &&
	! grep "认领\"" out.json
'

test_done
