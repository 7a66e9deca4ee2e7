#!/bin/sh
# An import whose next numbers a peer's refused event already named: the
# import's transaction refolds that record (its number is not fresh), and
# the refold's facts row goes through the rows' thread like the others
# (it aborted on an assertion: the thread had one statement too few).
test_description='an import refolds a record a peer named'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"
. "$TEST_DIRECTORY/lib-issue.sh"

test_expect_success 'setup: a peer log names XQ-3, ours to give' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh issue add "办公室的事" --area 新桥 --category parking --source visit >out &&
	craft .zdh refs/zdh/log/yanan "issue add 抢" \
		"$(craft_json yanan 1 issue add XQ-3 "{\"set\":{\"area\":\"新桥\",\"category\":\"parking\",\"source\":\"visit\",\"title\":\"抢来的\"}}")" >/dev/null &&
	zdh issue list --format csv >list &&
	! grep "抢来的" list
'

test_expect_success 'an import over that number imports every row' '
	printf "title,area,category,source\na,新桥,parking,visit\nb,新桥,parking,visit\nc,新桥,parking,visit\n" >in.csv &&
	zdh issue import in.csv >out 2>err &&
	! grep BUG err &&
	zdh issue list --format csv | cut -d, -f1 | sort >actual &&
	printf "XQ-1\nXQ-2\nXQ-3\nXQ-4\nid\n" >expect &&
	test_cmp expect actual &&
	zdh issue list --format csv | grep "^XQ-3,b,," &&
	test_expect_code 1 zdh verify >/dev/null 2>err &&
	grep "^zdh: warning: refs/zdh/log/yanan: commit [0-9a-f]*: no effect: prefix XQ belongs to replica xinqiao$" err &&
	grep "^zdh: 1 event would create a record under a prefix another replica owns" err
'

test_done
