#!/bin/sh
# zdh replica recover moves refs, sets the config, rebuilds the index and
# writes the office's events again in one transaction (zdh-replica(1)).
# Stopped anywhere on the way (killed, a full disk, a kind this zdh does
# not know), the office's events after the fork were reachable only from
# refs/zdh/recovered/REPLICA and no command could finish it.  Now its mark
# .zdh/zdh-recovering says what it was doing, every other command refuses
# the repository meanwhile, and the next `zdh replica recover` finishes it
# as one never stopped would have: same records, same log, the kept-aside
# ref and the mark gone, git fsck clean.
test_description='a recovery stopped at any step is finished by the next zdh replica recover'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_strace_prereq
: "${ZDH_TESTKIND:=$TEST_DIRECTORY/../build/zdh-testkind}"
test -x "$ZDH_TESTKIND" && test_set_prereq TESTKIND

# state DIR: what the office shows once recovered (records, registry, log),
# less the minute its events were written again: shown ("(recorded DAY)"
# in a history, "recorded DAY" in the log) once that is a minute or more
# after their date, it is when that recovery ran, and a recovery finished
# later than the one of the setup (a loaded machine: 60 s after it) writes
# them later
state () {
	{
		at "$1" replica show &&
		at "$1" issue list --format csv &&
		at "$1" issue show CO-1 &&
		at "$1" issue show XQ-1 &&
		at "$1" org list &&
		at "$1" log
	} >state.raw &&
	sed -e "s/  (recorded [0-9-]* [0-9:]*)\$//" -e "s/  recorded [0-9-]* [0-9:]*\$//" state.raw
}

# finish DIR: the next recover; with no options when the mark is there
# (every other command refuses the repository meanwhile), with them when
# the recovery was stopped before it wrote its mark
finish () {
	if test -e "$1/.zdh/zdh-recovering"
	then
		{ test_expect_code 128 at "$1" issue list >out 2>err ||
		  { echo "issue list was not refused"; return 1; }; } &&
		test_must_be_empty out &&
		one_line_error err &&
		grep "run .zdh replica recover. to finish it" err >/dev/null &&
		echo "$1" >>resumed &&
		at "$1" replica recover >"$1.out" 2>"$1.err"
	else
		at "$1" replica recover --as copyoffice --prefix CO >"$1.out" 2>"$1.err"
	fi
}

# check DIR: DIR ends as the recovery never stopped leaves it: its state,
# then (one diff with expect.check) no ref kept aside as diverged, the
# office's log at the hub's tip, its old log kept as recovered, 5 events
# on the new log
check () {
	{
		state "$1" &&
		git --git-dir="$1/.zdh" for-each-ref --format="%(refname) %(objectname)" \
			refs/zdh/diverged/ refs/zdh/log/xinqiao refs/zdh/recovered/ &&
		git --git-dir="$1/.zdh" rev-list --count refs/zdh/log/copyoffice
	} >actual &&
	test_cmp expect.check actual &&
	test ! -e "$1/.zdh/zdh-recovering" &&
	git --git-dir="$1/.zdh" fsck --strict >/dev/null 2>fsck.err &&
	! grep -i "error\|missing" fsck.err &&
	at "$1" verify >/dev/null
}

test_expect_success 'setup: a copy whose log diverged, and how a recovery not stopped leaves it' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq issue add "52弄垃圾桶满溢" --area 新桥 >/dev/null &&
	git init -q --bare hub.git &&
	cp -a xq copy &&
	at copy replica confirm >/dev/null &&
	at xq issue add "楼道堆物" --area 新桥 >/dev/null &&
	at xq remote add hub ../hub.git &&
	at xq push -q hub &&
	at copy issue add "占道经营" --area 新桥 >/dev/null &&
	at copy issue link XQ-2 XQ-1 >/dev/null &&
	at copy org add --kind dept 房管办 >/dev/null &&
	at copy issue claim XQ-2 --dept 房管办 >/dev/null &&
	at copy issue comment XQ-1 -m "延安的看法" >/dev/null &&
	at copy remote add hub ../hub.git &&
	test_expect_code 1 at copy pull -q hub 2>err &&
	grep "kept aside as refs/zdh/diverged/hub/xinqiao" err &&
	old_tip=$(git --git-dir=copy/.zdh rev-parse refs/zdh/log/xinqiao) &&
	hub_tip=$(git --git-dir=hub.git rev-parse refs/zdh/log/xinqiao) &&
	mv copy tmpl &&
	cp -a tmpl whole &&
	if test_have_prereq STRACE
	then
		strace_zdh -f -o trace -e trace=rename,renameat,renameat2,unlink,unlinkat \
			"$ZDH" -C whole replica recover --as copyoffice --prefix CO >whole.out 2>whole.err
	else
		at whole replica recover --as copyoffice --prefix CO >whole.out 2>whole.err
	fi &&
	printf "XQ-2 -> CO-1\nXQ-O2 -> CO-O1\n" >expect &&
	test_cmp expect whole.out &&
	state whole >expect.state &&
	grep "占道经营" expect.state &&
	grep "延安的看法" expect.state &&
	grep "房管办" expect.state &&
	{
		cat expect.state &&
		echo "refs/zdh/log/xinqiao $hub_tip" &&
		echo "refs/zdh/recovered/xinqiao $old_tip" &&
		echo 5
	} >expect.check &&
	check whole
'

# stop_each SYSCALL HOW: a recovery of a fresh copy stopped (HOW: a signal
# or an error, as strace injects them) at the 1st, the 2nd, ... call of
# SYSCALL the whole recovery made, each finished by the next recover
stop_each () {
	calls=$(grep -c "^[0-9]*  *$1(" trace)
	echo "# $calls calls of $1" &&
	n=1 &&
	while test $n -le $calls
	do
		rm -rf run && cp -a tmpl run &&
		{ strace_zdh -f -o /dev/null -e trace=$1 -e inject=$1:$2:when=$n \
			"$ZDH" -C run replica recover --as copyoffice --prefix CO >run.first 2>&1
		  echo $? >run.rc; } &&
		finish run && check run ||
		{ echo "stopped at call $n of $1 ($2; exit $(cat run.rc)): not finished"; return 1; }
		n=$((n + 1))
	done
}

# stop_all HOW MIN SYSCALL...: stop_each of every SYSCALL, stopped by HOW;
# at least MIN of those recoveries had something left to finish
stop_all () {
	how=$1 min=$2 &&
	shift 2 &&
	rm -f resumed &&
	for s in "$@"
	do
		stop_each $s $how || return 1
	done &&
	test_line_count -ge $min resumed
}

test_expect_success STRACE 'killed at each rename: the next recover finishes it' '
	stop_all signal=SIGKILL 8 rename renameat renameat2
'

test_expect_success STRACE 'killed at each removal: the next recover finishes it' '
	stop_all signal=SIGKILL 3 unlink unlinkat
'

test_expect_success STRACE 'a full disk at each rename: the next recover finishes it' '
	stop_all error=ENOSPC 8 rename renameat renameat2
'

# stopped_at_mark DIR: a recovery of a fresh copy DIR killed as it removes
# its mark, last (its events written again, the copy kept aside removed)
stopped_at_mark () {
	rm -rf "$1" && cp -a tmpl "$1" &&
	{ strace_zdh -f -o /dev/null -P "$PWD/$1/.zdh/zdh-recovering" -e trace=unlink,unlinkat \
		-e inject=unlink,unlinkat:signal=SIGKILL \
		"$ZDH" -C "$1" replica recover --as copyoffice --prefix CO >/dev/null 2>&1; test $? -ne 0; } &&
	test -e "$1/.zdh/zdh-recovering"
}

test_expect_success STRACE 'stopped after its events were written: the next one says so and removes the rest' '
	stopped_at_mark late &&
	at late replica recover >out 2>err &&
	test_must_be_empty out &&
	grep "had written its events again; the old log is kept as refs/zdh/recovered/xinqiao" err &&
	check late
'

# The mark of a recovery that had written its events can outlive what it
# names (a power cut on a file system that reorders its removal after a
# pull moved the old log): the new log says the rest was done, and the
# refs are not looked at again
test_expect_success STRACE 'stopped after its events were written, the old log moved since: the next one finishes' '
	stopped_at_mark moved &&
	git --git-dir=moved/.zdh update-ref refs/zdh/log/xinqiao "$hub_tip^" &&
	at moved replica recover >out 2>err &&
	test_must_be_empty out &&
	grep "had written its events again" err &&
	test ! -e moved/.zdh/zdh-recovering &&
	test "$(git --git-dir=moved/.zdh rev-list --count refs/zdh/log/copyoffice)" = 5
'

# refs packed (git gc, git pack-refs): libgit2 removes the copy kept aside
# from packed-refs too, rewriting it under packed-refs.lock
test_expect_success STRACE 'refs packed, killed as packed-refs is rewritten: the next recover finishes' '
	rm -rf packed && cp -a tmpl packed &&
	git --git-dir=packed/.zdh pack-refs --all &&
	{ strace_zdh -f -o /dev/null -P "$PWD/packed/.zdh/packed-refs.lock" -e trace=rename,renameat,renameat2 \
		-e inject=rename,renameat,renameat2:signal=SIGKILL \
		"$ZDH" -C packed replica recover --as copyoffice --prefix CO >/dev/null 2>&1; test $? -ne 0; } &&
	test -e packed/.zdh/packed-refs.lock &&
	test -e packed/.zdh/zdh-recovering &&
	at packed replica recover >out 2>err &&
	test_must_be_empty out &&
	grep "had written its events again" err &&
	check packed
'

test_expect_success STRACE 'while stopped, other commands refuse and change nothing; other options are refused' '
	rm -rf mid && cp -a tmpl mid &&
	{ strace_zdh -f -o /dev/null -P "$PWD/mid/.zdh/refs/zdh/log/xinqiao" -e trace=rename,renameat,renameat2 \
		-e inject=rename,renameat,renameat2:signal=SIGKILL \
		"$ZDH" -C mid replica recover --as copyoffice --prefix CO >/dev/null 2>&1; test $? -ne 0; } &&
	test -e mid/.zdh/zdh-recovering &&
	cp mid/.zdh/zdh-recovering mark.saved &&
	git --git-dir=mid/.zdh rev-parse refs/zdh/recovered/xinqiao >actual &&
	echo $old_tip >expect &&
	test_cmp expect actual &&
	git --git-dir=mid/.zdh for-each-ref >refs.before &&
	cat mid/.zdh/config mid/.zdh/zdh-recovering >files.before &&
	for c in "issue list" "issue add 路灯 --area 新桥" "replica show" "replica confirm" "pull -q hub" "push -q hub" "reindex"
	do
		test_expect_code 128 at mid $c >out 2>err &&
		test_must_be_empty out &&
		one_line_error err &&
		grep "middle of a replica recovery" err >/dev/null || { echo "zdh $c"; return 1; }
	done &&
	test_expect_code 1 at mid replica recover --as other --prefix OT 2>err &&
	one_line_error err &&
	grep "as .copyoffice. (prefix CO) was stopped: run .zdh replica recover. with no options" err &&
	test_expect_code 1 at mid replica recover --prefix OT 2>err &&
	one_line_error err &&
	test_expect_code 1 at mid replica recover --from refs/zdh/log/xinqiao 2>err &&
	one_line_error err &&
	test_expect_code 129 at mid replica recover extra 2>err &&
	git --git-dir=mid/.zdh for-each-ref >refs.after &&
	cat mid/.zdh/config mid/.zdh/zdh-recovering >files.after &&
	test_cmp refs.before refs.after &&
	test_cmp files.before files.after &&
	at mid replica recover --as copyoffice --prefix CO --from refs/zdh/remotes/hub/xinqiao >out 2>err &&
	printf "XQ-2 -> CO-1\nXQ-O2 -> CO-O1\n" >expect &&
	test_cmp expect out &&
	check mid
'

# a write that opened the repository before a recovery began waits for
# the write lock; the recovery stopped, it finds the mark then
# waits_for_lock PID: wait until process PID has zdh.lock open (past its
# start-up, waiting for the write lock); fails if it never does
waits_for_lock () {
	i=0
	while ! ls -l /proc/$1/fd 2>/dev/null | grep zdh.lock >/dev/null
	do
		test $i -lt 100 || return 1
		sleep 0.1 && i=$((i + 1))
	done
}

test_expect_success STRACE,FLOCK 'a write that waited for the lock while a recovery stopped is refused' '
	rm -rf waiter && cp -a tmpl waiter &&
	at waiter replica confirm >/dev/null &&
	git --git-dir=waiter/.zdh for-each-ref >refs.before || return 1
	flock -o waiter/.zdh/zdh.lock sh -c ": >held; sleep 3" &
	holder=$!
	test_wait_for held 10 || return 1
	"$ZDH" -C waiter issue add 路灯 --area 新桥 >out 2>err &
	adder=$!
	waits_for_lock $adder &&
	cp mark.saved waiter/.zdh/zdh-recovering &&
	{ wait $adder; echo $? >rc; } &&
	wait $holder &&
	echo 128 >expect &&
	test_cmp expect rc &&
	test_must_be_empty out &&
	one_line_error err &&
	grep "middle of a replica recovery" err &&
	git --git-dir=waiter/.zdh for-each-ref >refs.after &&
	test_cmp refs.before refs.after
'

# the same, while a recovery that finishes holds the lock: it waits, then
# finds the repository another replica, and does not write as the old one
# (the divergence the recovery undid, again)
test_expect_success STRACE,FLOCK 'a write that waited for the lock while a recovery finished is refused' '
	rm -rf waited && cp -a tmpl waited &&
	at waited replica confirm >/dev/null || return 1
	strace_zdh -f -o /dev/null -P "$PWD/waited/.zdh/zdh-recovering" -e trace=rename,renameat,renameat2 \
		-e inject=rename,renameat,renameat2:delay_enter=3000000 \
		"$ZDH" -C waited replica recover --as copyoffice --prefix CO >rec.out 2>rec.err &
	recoverer=$!
	i=0
	while flock -n waited/.zdh/zdh.lock true && test $i -lt 100
	do
		sleep 0.1 && i=$((i + 1))
	done
	"$ZDH" -C waited issue add 路灯 --area 新桥 >out 2>err &
	adder=$!
	waits_for_lock $adder &&
	{ wait $adder; echo $? >rc; } &&
	wait $recoverer &&
	echo 1 >expect &&
	test_cmp expect rc &&
	test_must_be_empty out &&
	one_line_error err &&
	grep "became replica copyoffice (prefix CO) while this command waited for it" err &&
	check waited
'

# mark KEPT: a mark of this recovery stopped before it moved anything
# (the kept-aside ref named KEPT)
mark () {
	printf "old-replica xinqiao\nold-prefix XQ\nreplica copyoffice\nprefix CO\n" &&
	printf "own %s\nfrom %s\nsaved refs/zdh/recovered/xinqiao\nkept %s\n" "$old_tip" "$hub_tip" "$1"
}

test_expect_success 'a damaged mark is refused and nothing moves; a sound one is finished' '
	rm -rf bad && cp -a tmpl bad &&
	git --git-dir=bad/.zdh for-each-ref >refs.before &&
	printf "old-replica xinqiao\n" >bad/.zdh/zdh-recovering &&
	test_expect_code 128 at bad replica recover 2>err &&
	one_line_error err &&
	grep "zdh-recovering. is damaged" err &&
	mark refs/zdh/log/xinqiao >bad/.zdh/zdh-recovering &&
	test_expect_code 128 at bad replica recover 2>err &&
	one_line_error err &&
	grep "zdh-recovering. is damaged" err &&
	mark refs/zdh/diverged/hub/xinqiao | sed "s/^own .*/own 1234/" >bad/.zdh/zdh-recovering &&
	test_expect_code 128 at bad replica recover 2>err &&
	grep "zdh-recovering. is damaged" err &&
	git --git-dir=bad/.zdh for-each-ref >refs.after &&
	test_cmp refs.before refs.after &&
	mark refs/zdh/diverged/hub/xinqiao >bad/.zdh/zdh-recovering &&
	at bad replica recover >out 2>err &&
	printf "XQ-2 -> CO-1\nXQ-O2 -> CO-O1\n" >expect &&
	test_cmp expect out &&
	check bad
'

test_expect_success 'without a stopped recovery, --as and --prefix are needed' '
	rm -rf plain && cp -a tmpl plain &&
	test_expect_code 129 at plain replica recover 2>err &&
	head -n 1 err | grep "needs --as" &&
	test_expect_code 129 at plain replica recover --as copyoffice 2>err &&
	head -n 1 err | grep "needs --prefix" &&
	test ! -e plain/.zdh/zdh-recovering
'

test_expect_success STRACE 'the finished recovery pushes, and the other office gets every event' '
	at mid push -q hub &&
	at xq pull -q hub &&
	same_everywhere xq mid &&
	at xq issue show CO-1 >show &&
	grep "占道经营" show &&
	at xq issue show XQ-1 >show &&
	grep "延安的看法" show
'

# an event of a kind this zdh does not know (written by zdh-testkind) stops
# the recovery after its refs moved: the office upgrades and recovers again
test_expect_success TESTKIND 'stopped by a kind this zdh does not know: a zdh that knows it finishes' '
	rm -rf kind && cp -a tmpl kind &&
	"$ZDH_TESTKIND" -C kind replica confirm >/dev/null &&
	"$ZDH_TESTKIND" -C kind testnote add "旧楼的记录" >out &&
	echo XQ-T1 >expect &&
	test_cmp expect out &&
	test_expect_code 1 at kind replica recover --as copyoffice --prefix CO >out 2>err &&
	one_line_error err &&
	grep "upgrade zdh, then recover" err &&
	test -e kind/.zdh/zdh-recovering &&
	test_expect_code 128 at kind issue list 2>err &&
	grep "middle of a replica recovery" err &&
	"$ZDH_TESTKIND" -C kind replica recover >out 2>err &&
	printf "XQ-2 -> CO-1\nXQ-O2 -> CO-O1\nXQ-T1 -> CO-T1\n" >expect &&
	test_cmp expect out &&
	grep "6 events written again, 3 records renumbered" err &&
	"$ZDH_TESTKIND" -C kind testnote list >out &&
	grep "CO-T1 旧楼的记录" out &&
	at kind issue list --format csv >actual &&
	at whole issue list --format csv >expect &&
	test_cmp expect actual &&
	test ! -e kind/.zdh/zdh-recovering &&
	test -z "$(git --git-dir=kind/.zdh for-each-ref refs/zdh/diverged/)" &&
	git --git-dir=kind/.zdh fsck --strict >/dev/null 2>fsck.err &&
	! grep -i "error\|missing" fsck.err
'

test_done
