#!/bin/sh
# A hub on a shared drive is a folder anyone with the drive can write.
# Its loose refs were read whole, whatever they were: a log's ref made a
# symbolic link to /dev/zero read until memory ran out, a FIFO blocked
# for ever, and a ref of garbage failed every pull from that hub (exit
# 128, "ref refs/zdh/log/bad is corrupt"), no log taken.  Now a ref is a
# plain file of at most 4 KiB, or no ref: a pull names each log whose
# ref is not one, skips it, takes the others and exits 1, as for a log
# whose tip is no commit (t9987); this replica's own refs are read so too.
test_description='a hub whose log refs are no plain files: skipped, named, the others taken'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
# (zdh_limited: a zdh before this change read /dev/zero until its memory ran out)

test_expect_success 'setup: an office on a hub; a second office' '
	office_on_hub hub.git &&
	zdh init --replica yanan --prefix YA ya >/dev/null 2>&1 &&
	at ya remote add origin ../hub.git
'

test_expect_success 'refs of garbage, /dev/zero, a FIFO, a loop, too large: each named, the log taken, exit 1' '
	echo garbage >hub.git/refs/zdh/log/bad &&
	ln -s /dev/zero hub.git/refs/zdh/log/zero &&
	mkfifo hub.git/refs/zdh/log/fifo &&
	ln -s loop hub.git/refs/zdh/log/loop &&
	{ git --git-dir=hub.git rev-parse refs/zdh/log/xinqiao && head -c 5000 /dev/zero | tr "\0" " "; } \
		>hub.git/refs/zdh/log/large &&
	test_expect_code 1 zdh_limited -C ya pull >out 2>err &&
	for log in bad fifo large loop zero
	do
		echo "zdh: refs/zdh/log/$log from origin cannot be taken (its ref is not a plain file of an object id); skipped" || return 1
	done >expect &&
	test_cmp expect err &&
	git --git-dir=ya/.zdh for-each-ref --format="%(refname)" refs/zdh/log/ >refs &&
	echo refs/zdh/log/xinqiao >expect &&
	test_cmp expect refs &&
	at ya issue list --format csv >list &&
	grep "^XQ-1," list &&
	at ya verify
'

test_expect_success 'the next pull says the same; once the hub is mended, exit 0' '
	test_expect_code 1 zdh_limited -C ya pull >out 2>err &&
	test_line_count = 5 err &&
	rm hub.git/refs/zdh/log/bad hub.git/refs/zdh/log/zero hub.git/refs/zdh/log/fifo \
		hub.git/refs/zdh/log/loop hub.git/refs/zdh/log/large &&
	at ya pull >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'a FIFO or a link to /dev/zero among this replica'"'"'s refs: one line, exit 128, no wait' '
	mkfifo ya/.zdh/refs/zdh/log/fifo &&
	test_expect_code 128 zdh_limited -C ya issue list >out 2>err &&
	one_line_error err &&
	grep "refs/zdh/log/fifo" err &&
	rm ya/.zdh/refs/zdh/log/fifo &&
	ln -s /dev/zero ya/.zdh/refs/zdh/log/zero &&
	test_expect_code 128 zdh_limited -C ya issue list >out 2>err &&
	one_line_error err &&
	grep "refs/zdh/log/zero" err &&
	rm ya/.zdh/refs/zdh/log/zero &&
	at ya issue list --format csv >list &&
	grep "^XQ-1," list
'

test_done
