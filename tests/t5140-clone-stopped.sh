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

# killed while it makes its repository, before anything is fetched: its
# .zdh is made as .zdh-new-PID-N and renamed into place whole (the
# seventh renameat2, after the twentieth fsync), so a clone killed before
# that leaves no .zdh, to every command no repository, and the next clone
# removes the folder it left; killed after it, the .zdh is marked, a
# stopped clone to every command however little of it there is, and the
# next clone takes its place; into a new folder and into one that was there
test_expect_success STRACE 'a clone killed as it makes its .zdh: zdh clone takes its place' '
	mkdir there &&
	for at in mkdir:3:none mkdir:40:none renameat2:1:none renameat2:5:none \
		renameat2:7:none fsync:3:none fsync:12:none fsync:20:none \
		fsync:21:marked renameat2:8:marked renameat2:9:marked
	do
		call=${at%%:*} when=${at#*:} left=${at##*:} when=${when%:*}
		for d in new there
		do
			test "$d" = there || rm -rf new
			{ strace_zdh -f -o /dev/null -e trace=$call \
				-e inject=$call:signal=SIGKILL:when=$when \
				"$ZDH" clone xq/.zdh $d --replica yc --prefix YC -q 2>/dev/null
			  test $? -ne 0; } &&
			test_expect_code 128 zdh -C $d issue list 2>err &&
			if test $left = none
			then
				test ! -e $d/.zdh &&
				ls -a $d | grep "^\.zdh-new-[0-9]*-0\$" &&
				grep "no zdh repository here" err
			else
				grep "clone that did not finish" err
			fi &&
			zdh clone xq/.zdh $d --replica yc --prefix YC -q &&
			at $d issue list >list &&
			grep XQ-1 list &&
			test ! -e $d/.zdh/zdh-cloning &&
			ls -a $d >names &&
			! grep zdh-new names &&
			rm -rf $d/.zdh || { echo "killed at $at into $d"; return 1; }
		done
	done
'

# a clone that fails removes what it made, its mark last: stopped as it
# removes (rm interrupted with it, a power cut), what is left is still a
# stopped clone, taken over by the next
test_expect_success STRACE 'a clone that fails removes its mark after all else it made' '
	zdh clone xq/.zdh yd --replica yd --prefix YD -q &&
	at yd issue add 楼道堆物 >/dev/null &&
	{ strace_zdh -f -o trace -e trace=unlink,unlinkat,rmdir \
		"$ZDH" clone yd/.zdh yd2 --replica yd --prefix YE -q 2>err
	  test $? -ne 0; } &&
	grep "replica name .yd. is already used" err &&
	test ! -e yd2 &&
	grep "unlink.*zdh-cloning" trace &&
	sed -n "/zdh-cloning/,\$p" trace |
		awk "/unlink|rmdir/ && !/zdh-cloning|AT_REMOVEDIR|rmdir\\(/" >after &&
	test_must_be_empty after
'

# a clone at work holds its mark (flock) until it is whole: another clone
# into the same folder leaves it alone (it removed it, and both failed)
test_expect_success STRACE,FLOCK 'a clone at work is not taken over by another into the same folder' '
	{ strace_zdh -f -o /dev/null -e trace=rename -e inject=rename:signal=SIGKILL \
		"$ZDH" clone xq/.zdh yf --replica yf --prefix YF -q 2>/dev/null; test $? -ne 0; } &&
	ls -a yf/.zdh >before &&
	test_expect_code 1 flock yf/.zdh/zdh-cloning \
		"$ZDH" clone xq/.zdh yf --replica yf --prefix YF -q 2>err &&
	one_line_error err &&
	grep "another zdh clone is making .yf. now" err &&
	ls -a yf/.zdh >after &&
	test_cmp before after &&
	zdh clone xq/.zdh yf --replica yf --prefix YF -q &&
	at yf issue list >list &&
	grep XQ-1 list
'

test_expect_success 'a clone that finished leaves no mark' '
	zdh clone xq/.zdh yb --replica yb --prefix YB -q &&
	test ! -e yb/.zdh/zdh-cloning &&
	at yb issue list >/dev/null
'

test_done
