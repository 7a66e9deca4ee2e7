#!/bin/sh
# A hostile peer replays another office's history under logs of its own:
# a hub whose refs/zdh/log/aaa and refs/zdh/log/zz point at xinqiao's tip,
# and two logs at one commit that is no event at all.  The index keeps one
# row a commit, so the second row of one commit failed the catch-up
# ("UNIQUE constraint failed: events.id", exit 128) and every command
# after it, reindex included: the replica could not be used any more.
# Now each copy is reported as invalid, once, and the replica goes on.
test_description='one commit on two logs: reported, the replica keeps working'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'set-up: an office pushes to a hub; a peer points three logs at what is there' '
	office_on_hub hub.git &&
	tip=$(git --git-dir=hub.git rev-parse refs/zdh/log/xinqiao) &&
	git --git-dir=hub.git update-ref refs/zdh/log/aaa $tip &&
	git --git-dir=hub.git update-ref refs/zdh/log/zz $tip &&
	junk=$(printf "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor a <a> 1 +0000\ncommitter a <a> 1 +0000\n\njunk\n" |
		git --git-dir=hub.git hash-object -t commit -w --stdin) &&
	git --git-dir=hub.git update-ref refs/zdh/log/j1 $junk &&
	git --git-dir=hub.git update-ref refs/zdh/log/j2 $junk &&
	echo $tip >tip && echo $junk >junk
'

test_expect_success 'a new replica pulls them all: each copy reported once, exit 0' '
	zdh init --replica tianjin --prefix TJ tj >/dev/null 2>&1 &&
	at tj remote add origin ../hub.git &&
	at tj pull >out 2>err &&
	t=$(cut -c1-12 tip) j=$(cut -c1-12 junk) &&
	test_line_count = 6 err &&
	for log in aaa zz
	do
		test 2 = $(grep -c "^zdh: warning: refs/zdh/log/$log: commit [0-9a-f]*: invalid event (replica: event of replica .xinqiao. on the log of .$log.); it has no effect" err) &&
		grep "^zdh: warning: refs/zdh/log/$log: commit $t: " err || return 1
	done &&
	grep "^zdh: warning: refs/zdh/log/j1: commit $j: invalid event (event: not a zdh event" err &&
	grep "^zdh: warning: refs/zdh/log/j2: commit $j: invalid event (event: not a zdh event" err
'

test_expect_success 'the replica reads, writes, rebuilds and verifies; its state is the office.s' '
	at tj issue list >out &&
	grep "^XQ-1  *open  *新桥  *路灯$" out &&
	at tj issue add 堆物 --area 新桥 >out &&
	echo TJ-1 >expect && test_cmp expect out &&
	at tj reindex >/dev/null 2>&1 &&
	at tj issue show XQ-1 >/dev/null &&
	test_expect_code 1 at tj verify >out 2>err &&
	grep "^zdh: 6 invalid events: they have no effect on any record$" err &&
	at tj push >/dev/null 2>&1 &&
	at xq pull >/dev/null 2>&1 &&
	at xq issue show TJ-1 >/dev/null &&
	at xq export >xq.json && at tj export >tj.json &&
	test_cmp xq.json tj.json
'

test_done
