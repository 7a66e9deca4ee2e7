#!/bin/sh
# A key belongs to one person at a time: a write giving a key another
# person holds is refused.  Two offices giving one key to two people
# before hearing of each other were both taken: after syncing, both
# people held the key on every replica, its events were signed "by"
# whichever the fold listed first, and neither pull said anything.  Now
# the second in fold order has no effect, and both pulls say so.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: an admin at each office, three people' '
	two_admins_cloned && keys laptop
'

test_expect_success 'the same laptop key given to 李明 at 新桥 and to 张三 at 华山' '
	at xq person key add XQ-U2 --key ../laptop.pub &&
	at hs person key add XQ-U3 --key ../laptop.pub &&
	at xq push -q
'

test_expect_success 'pull at 华山 names 新桥 s key-add, which has no effect' '
	at hs pull 2>err &&
	grep "^zdh: warning: refs/zdh/log/xinqiao: commit [0-9a-f]*: no effect: this key is XQ-U3.s already$" err &&
	at hs push -q
'

test_expect_success 'pull at 新桥 says its own key-add has no effect now' '
	at xq pull 2>err &&
	grep "^XQ-U2 key-add by .* has no effect now (this key is XQ-U3.s already): write it again" err
'

test_expect_success 'the key is one person.s on every replica, a rebuild too' '
	fp=$(ssh-keygen -lf laptop.pub | cut -d" " -f2) &&
	at xq person list >a && at hs person list >b && test_cmp a b &&
	test $(grep -c "$fp" a) = 1 &&
	grep "^XQ-U3 .*$fp" a &&
	at xq reindex >/dev/null 2>&1 && at xq person list >c && test_cmp a c &&
	at xq export >a && at hs export >b && test_cmp a b
'

test_done
