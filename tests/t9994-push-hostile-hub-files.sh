#!/bin/sh
# A push into a hub on a shared drive lists the hub's refs through
# libgit2, which opens the hub's config, HEAD and packed-refs whatever
# they are: made FIFOs by whoever has the drive, they held every push
# (and every zdh sync from cron) for ever.  Now each of them that is
# there must be a plain file: a push into a folder where one is not is
# refused in one line naming it, exit 128, nothing sent, at once.  A
# pull from such a folder reads none of them but packed-refs (t9992).
test_description='a push into a hub whose config, HEAD or packed-refs is no plain file: refused at once'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: an office on a hub, a new event to push' '
	office_on_hub hub.git &&
	at xq issue add 新的 --area 新桥 >/dev/null
'

for f in config HEAD packed-refs
do
	test_expect_success "the hub's $f a FIFO: refused in one line, exit 128, nothing sent" '
		rm -rf h.git && cp -R hub.git h.git &&
		rm -f h.git/$f && mkfifo h.git/$f &&
		before=$(cat h.git/refs/zdh/log/xinqiao) &&
		at xq remote add h$f ../h.git &&
		test_expect_code 128 timeout 20 "$ZDH" -C xq push h$f >out 2>err &&
		test_line_count = 1 err &&
		grep "^zdh: cannot push to '"'"'h$f'"'"': '"'"'.*/h.git/$f'"'"' is not a plain file$" err &&
		test "$(cat h.git/refs/zdh/log/xinqiao)" = "$before"
	'
done

test_expect_success 'the hub mended, the push goes' '
	at xq push -q &&
	test "$(git --git-dir=hub.git rev-parse refs/zdh/log/xinqiao)" = \
	     "$(git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao)"
'

test_done
