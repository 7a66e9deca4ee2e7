#!/bin/sh
# zdh visit add --liaison: which liaison a name or id means.  The first
# live one in id order whose name is the argument or whose id it is (in
# any case); a retired one is not taken; a name that is also another
# liaison's id takes the first of the two in id order.
test_description='visit add: the liaison named by name or id'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: liaisons, one retired and one named like an id' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs area 新桥 延安公寓 &&
	orgs dept 派出所 &&
	zdh visit liaison add 王强 --dept 派出所 --areas 延安公寓 --date 2026-11-01 >/dev/null &&
	zdh visit liaison retire 王强 -m 调岗 --date 2026-11-02 &&
	zdh visit liaison add 王强 --dept 派出所 --areas 新桥 --date 2026-11-03 >actual &&
	zdh visit liaison add XQ-L4 --dept 派出所 --areas 新桥 --date 2026-11-03 >>actual &&
	zdh visit liaison add 赵六 --dept 派出所 --areas 新桥 --date 2026-11-03 >>actual &&
	printf "XQ-L2\nXQ-L3\nXQ-L4\n" >expect &&
	test_cmp expect actual
'

# (the retired 王强, XQ-L1, serves 延安公寓 only: a visit to 新桥 by him would be refused)
test_expect_success 'a name: the live liaison, not the retired one' '
	zdh visit add --area 新桥 --liaison 王强 -m "走访一" --date 2026-11-05 >id &&
	zdh visit show "$(cat id)" --json >json &&
	grep "\"liaison\": \"王强\"" json &&
	test_must_fail zdh visit add --area 延安公寓 --liaison 王强 -m "走访" --date 2026-11-05 2>err &&
	grep "not assigned to 延安公寓" err
'

test_expect_success 'a name that is another liaison'"'"'s id: the first in id order' '
	zdh visit add --area 新桥 --liaison XQ-L4 -m "走访二" --date 2026-11-05 >id &&
	zdh visit show "$(cat id)" --json >json &&
	grep "\"liaison\": \"XQ-L4\"" json &&
	zdh visit add --area 新桥 --liaison xq-l4 -m "走访三" --date 2026-11-05 >id &&
	zdh visit show "$(cat id)" --json >json &&
	grep "\"liaison\": \"赵六\"" json
'

test_expect_success 'a retired liaison by its id is not taken; nothing written' '
	before=$(git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao) &&
	test_must_fail zdh visit add --area 新桥 --liaison xq-l1 -m "走访四" --date 2026-11-05 2>err &&
	grep "^zdh: .* (XQ-L1) was retired\$" err &&
	test "$(git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao)" = "$before"
'

test_done
