#!/bin/sh
# The objects of a hub on a shared drive are files whoever has the drive
# can write.  A pull opened them whatever they were: a pack or its index
# made a FIFO blocked the pull for ever, and a loose object made a link
# to /dev/zero was read until memory ran out ("fatal: out of memory",
# SIGABRT).  Now an object's file, a pack and a pack index are read only
# when they are plain files: a log needing one is named as one that
# cannot be copied, skipped, the others taken, exit 1 (t9998's damaged
# objects are said the same way).  t9992 does the same for refs.
test_description='a hub whose object files are no plain files: the log needing them skipped, named'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
# (zdh_limited: a zdh before this change read /dev/zero until its memory ran out)

# broken HUB: xq's copy pulls from HUB: exit 1, one line naming FILE and yanan's log skipped
broken () {
	rm -rf xqt && cp -R xq xqt &&
	at xqt remote add b "../$1" &&
	test_expect_code 1 zdh_limited -C xqt pull b >out 2>err &&
	test_line_count = 1 err &&
	grep "^zdh: refs/zdh/log/yanan from b cannot be copied ('.*$2' is not a plain file); skipped$" err &&
	git --git-dir=xqt/.zdh for-each-ref --format="%(refname)" refs/zdh/log/ >refs &&
	echo refs/zdh/log/xinqiao >expect &&
	test_cmp expect refs &&
	at xqt issue list --format csv >list &&
	grep "^XQ-1," list
}

test_expect_success 'setup: an office on a hub, a second office with an event of its own' '
	office_on_hub hub.git &&
	zdh clone hub.git ya --replica yanan --prefix YA -q &&
	at ya issue add 漏水 --area 新桥 >/dev/null &&
	cp -R hub.git packed.git &&
	ls packed.git/objects/pack/ >before &&
	at ya remote add packed ../packed.git && at ya push -q packed &&
	ls packed.git/objects/pack/ >after &&
	pack=$(comm -13 before after | sed -n "s/\.pack$//p") &&
	test -n "$pack" &&
	cp -R hub.git loose.git &&
	git --git-dir=ya/.zdh push -q "$PWD/loose.git" refs/zdh/log/yanan &&
	tip=$(git --git-dir=ya/.zdh rev-parse refs/zdh/log/yanan) &&
	test -f loose.git/objects/$(echo $tip | cut -c1-2)/$(echo $tip | cut -c3-)
'

test_expect_success 'a pack made a FIFO: named, skipped, exit 1, no wait' '
	rm -rf h.git && cp -R packed.git h.git &&
	rm h.git/objects/pack/$pack.pack && mkfifo h.git/objects/pack/$pack.pack &&
	broken h.git $pack.pack
'

test_expect_success 'a pack index made a FIFO: the same' '
	rm -rf h.git && cp -R packed.git h.git &&
	rm h.git/objects/pack/$pack.idx && mkfifo h.git/objects/pack/$pack.idx &&
	broken h.git $pack.idx
'

test_expect_success 'a pack linked to /dev/zero: the same' '
	rm -rf h.git && cp -R packed.git h.git &&
	rm h.git/objects/pack/$pack.pack && ln -s /dev/zero h.git/objects/pack/$pack.pack &&
	broken h.git $pack.pack
'

test_expect_success 'a loose object made a FIFO, then linked to /dev/zero: the same' '
	rm -rf h.git && cp -R loose.git h.git &&
	o=h.git/objects/$(echo $tip | cut -c1-2)/$(echo $tip | cut -c3-) &&
	rm -f $o && mkfifo $o &&
	broken h.git $(echo $tip | cut -c3-) &&
	rm -f $o && ln -s /dev/zero $o &&
	broken h.git $(echo $tip | cut -c3-)
'

test_expect_success 'the hub mended, the log is taken' '
	rm -rf xqt && cp -R xq xqt &&
	at xqt remote add b ../packed.git &&
	at xqt pull b >out 2>err &&
	test_must_be_empty err &&
	at xqt issue list --format csv >list &&
	grep "^YA-1," list
'

test_done
