#!/bin/sh
test_description='what an office writes is valid: attachments given out of order, a log whose tip is invalid'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

# data.attachments lists a tree's files in the tree's order (RULES, tree):
# listed as given, two files given out of name order made an event that
# every replica, the writer's own index rebuilt too, judged invalid.
test_expect_success 'two attachments given out of order: a valid event, listed in the tree.s order' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	echo 后 >xq/b.txt && echo 前 >xq/a.txt &&
	zdh -C xq issue add 楼道堆物 --attach b.txt --attach a.txt >out &&
	echo XQ-1 >expect && test_cmp expect out &&
	zdh -C xq verify >out 2>err &&
	zdh -C xq reindex >/dev/null 2>err &&
	test_must_be_empty err &&
	zdh -C xq issue list --format csv >list &&
	grep "^XQ-1," list &&
	zdh -C xq issue show XQ-1 --json >show.json &&
	grep "\"name\": \"[ab].txt\"" show.json | head -2 >names &&
	printf "%s\n" "      \"name\": \"a.txt\"," "      \"name\": \"b.txt\"," >expect &&
	test_cmp expect names &&
	zdh -C xq issue attachment XQ-1 a.txt >got &&
	echo 前 >expect && test_cmp expect got &&
	git --git-dir=xq/.zdh fsck --strict --no-dangling >fsck 2>&1 &&
	! grep -v "^notice:" fsck
'

test_expect_success 'a comment with three attachments out of order: the same' '
	echo 3 >xq/c.txt &&
	zdh -C xq issue comment XQ-1 -m 照片 --attach c.txt --attach b.txt --attach a.txt &&
	zdh -C xq verify >/dev/null &&
	zdh -C xq reindex >/dev/null 2>err && test_must_be_empty err &&
	zdh -C xq issue show XQ-1 >show &&
	grep "c.txt  (2 bytes)" show
'

# The rule "clock" wants more than the clock of the event's parent, valid
# or not; the index counts only valid events, so a writer counting from it
# alone wrote, after an invalid tip of its own, an invalid event each time.
test_expect_success 'an invalid event at the tip of our own log: the next write is still valid' '
	tip=$(git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao) &&
	bad=$(craft xq/.zdh $tip clock 40) &&
	bad=$(craft xq/.zdh $bad noncanonical) &&
	git --git-dir=xq/.zdh update-ref refs/zdh/log/xinqiao $bad $tip &&
	zdh -C xq issue add 路灯不亮 >out 2>err &&
	grep "invalid event (canonical" err &&
	test_expect_code 1 zdh -C xq verify >out 2>err &&
	grep -c "invalid event (" err >n && echo 1 >expect && test_cmp expect n &&
	git --git-dir=xq/.zdh cat-file commit refs/zdh/log/xinqiao >c &&
	grep "\"clock\":42," c &&
	zdh -C xq reindex >/dev/null 2>&1 &&
	zdh -C xq issue add 又一件 >out &&
	echo XQ-3 >expect && test_cmp expect out &&
	zdh -C xq issue list --format csv >list &&
	grep "^XQ-2,.*路灯不亮" list && grep "^XQ-3,.*又一件" list
'

test_done
