#!/bin/sh
# Any write to a void issue was refused with an empty list:
# "zdh: XQ-1 is void; allowed: " (and so in a peer's note).  Now it says
# that nothing more is allowed, in English and in Chinese.
test_description='a void issue: the refusal lists no empty set'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a void issue' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh issue add 录错的问题 --area 新桥 >/dev/null &&
	zdh issue void XQ-1 -m 录错
'

test_expect_success 'comment, void again: nothing more is allowed' '
	snapshot before &&
	test_expect_code 1 zdh issue comment XQ-1 -m 再说 2>err &&
	echo "zdh: XQ-1 is void; nothing more is allowed" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh issue void XQ-1 -m 又录错 2>err &&
	test_cmp expect err &&
	check_unchanged before
'

test_expect_success 'in Chinese' '
	LANGUAGE=zh_CN test_expect_code 1 zdh issue comment XQ-1 -m 再说 2>err &&
	echo "zdh: XQ-1 为 已作废，不再允许任何操作" >expect &&
	test_cmp expect err
'

test_done
