#!/bin/sh
# A clone marks its repository until its logs, index and pins are all
# there (zdh-clone(1)): one stopped on the way (killed, a power cut) is
# refused by every command, not used without the pins that keep a peer
# from taking its prefixes and its founder, and zdh clone takes its place.
test_description='a clone stopped on the way is refused, and cloned again'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_strace_prereq

test_expect_success 'setup: an office' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq issue add "52弄垃圾桶满溢" --area 新桥 >/dev/null
'

# killed at its first rename(): its index is built, its pins are not written
test_expect_success STRACE 'a clone killed before its pins: every command refuses it' '
	{ strace_zdh -f -o /dev/null -e trace=rename -e inject=rename:signal=SIGKILL \
		"$ZDH" clone xq/.zdh ya --replica yanan --prefix YA -q 2>/dev/null; test $? -ne 0; } &&
	test -d ya/.zdh &&
	test_expect_code 128 zdh -C ya issue list >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "clone that did not finish" err &&
	test_expect_code 128 zdh -C ya issue add "楼道堆物" 2>err &&
	grep "clone that did not finish" err
'

test_expect_success STRACE 'zdh clone takes its place, whole, with its pins' '
	zdh clone xq/.zdh ya --replica yanan --prefix YA -q &&
	at ya issue list >list &&
	grep XQ-1 list &&
	git --git-dir=ya/.zdh config --get prefix.YA.owner >owner &&
	echo yanan >expect &&
	test_cmp expect owner &&
	test ! -e ya/.zdh/zdh-cloning
'

test_expect_success 'a clone that finished leaves no mark' '
	zdh clone xq/.zdh yb --replica yb --prefix YB -q &&
	test ! -e yb/.zdh/zdh-cloning &&
	at yb issue list >/dev/null
'

test_done
