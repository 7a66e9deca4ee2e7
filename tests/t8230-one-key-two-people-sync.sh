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
SQ="'"

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

# verify named the refused key-add, then summed it up as "1 event not
# signed by a valid key of a person": a signed event, refused for its key
test_expect_success 'verify names it and says what it is, exit 1' '
	test_expect_code 1 at xq verify >out 2>err &&
	cat >expect <<-EOF &&
	zdh: warning: refs/zdh/log/xinqiao: commit $(git --git-dir=xq/.zdh log --format=%h --abbrev=12 -1 --grep="key-add" refs/zdh/log/xinqiao | head -1): no effect: this key is XQ-U3${SQ}s already
	zdh: 1 event of people, keys or roles has no effect (named above): it changes no one${SQ}s keys or roles
	EOF
	test_cmp expect err &&
	test_expect_code 1 at hs verify 2>err &&
	tail -1 err >last &&
	tail -1 expect >expect.last &&
	test_cmp expect.last last
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
