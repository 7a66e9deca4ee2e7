#!/bin/sh
# A repository of a group that several accounts pull into.  A pull over
# the network fetches into a quarantine, .zdh/zdh-incoming-XXXXXX, that
# the next pull removes once an hour old when one was stopped.  mkdtemp()
# made it the owner's alone (0700): a quarantine account A's stopped pull
# left stayed for ever when account B's cron pulled after, with the pack
# the remote sent in it, and no pull said a word.  Now a quarantine
# follows core.sharedRepository, so another account of the group removes
# it, and one it cannot remove is named on every pull, with whose it is
# and how to remove it.
test_description='a stale quarantine of another account: removed, or named'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-accounts.sh"
SQ="'"

# a remote that takes the connection and never answers: a pull waits on it
cat >silent.py <<'PY'
import socket, sys
ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", 0))
ls.listen(16)
print(ls.getsockname()[1], flush=True)
held = []
while True:
    held.append(ls.accept()[0])
PY

stop_silent () {
	test -n "${silent_job:-}" && kill $silent_job 2>/dev/null && wait $silent_job 2>/dev/null
	silent_job=
}
trap 'stop_silent' EXIT

test_expect_success ACCOUNTS,PYTHON 'setup: a hub, an office folder of the group, A and B' '
	zdh init -q --replica yanan --prefix YA ya &&
	zdh -C ya issue add 路灯 >/dev/null &&
	git init -q --bare hub.git &&
	zdh -C ya remote add origin ../hub.git && zdh -C ya push -q &&
	chmod -R a+rwX hub.git &&
	mkdir office && chgrp 4242 office && chmod 2775 office &&
	(
		umask 022 && cd office &&
		A init -q --replica xinqiao --prefix XQ --shared group &&
		A remote add origin "file://$TRASH_DIRECTORY/hub.git" &&
		A pull -q
	) &&
	py=$(python3 -c "import sys; print(sys.executable)") || return 1
	# the interpreter itself, alone in the background (not lib.sh.s python3
	# function, nor the whole list before it): $! is the server, which
	# stop_silent kills, so it does not live on holding what it inherited
	# (the suite.lock of flock ... make test, every later suite waiting)
	"$py" silent.py >port 2>/dev/null </dev/null &
	silent_job=$!
	n=0 && until test -s port; do n=$((n + 1)); test $n -lt 100 || return 1; sleep 0.05; done
'

test_expect_success ACCOUNTS,PYTHON 'A pull stopped while it fetches leaves a quarantine the group may remove' '
	(
		umask 022 && cd office &&
		A remote add silent "git://127.0.0.1:$(cat ../port)/hub.git" &&
		{ as_A "$ZDH" pull silent >/dev/null 2>&1 & } &&
		pid=$! &&
		n=0 &&
		until ls -d .zdh/zdh-incoming-* >/dev/null 2>&1
		do
			n=$((n + 1)) && test $n -lt 200 || { kill -9 $pid; return 1; }
			sleep 0.05
		done &&
		sleep 0.5 &&
		kill -9 $pid && wait $pid
		q=$(ls -d .zdh/zdh-incoming-*) &&
		test -d "$q" &&
		find "$q" -type d ! -perm -g+rwx >../wrong &&
		test_must_be_empty ../wrong
	)
'

test_expect_success ACCOUNTS,PYTHON 'an hour later, B.s pull removes it without a word' '
	(
		cd office &&
		touch -d "2 hours ago" .zdh/zdh-incoming-* &&
		B pull >../out 2>../err
	) &&
	test_must_be_empty err &&
	! ls -d office/.zdh/zdh-incoming-* 2>/dev/null
'

test_expect_success ACCOUNTS 'one B cannot remove (an older zdh made it 0700): named, with how to remove it' '
	as_A mkdir -m 700 office/.zdh/zdh-incoming-AbC123 &&
	as_A mkdir -m 700 office/.zdh/zdh-incoming-AbC123/objects &&
	touch -d "2 hours ago" office/.zdh/zdh-incoming-AbC123 &&
	q="$TRASH_DIRECTORY/office/.zdh/zdh-incoming-AbC123" &&
	(cd office && B pull >../out 2>../err) &&
	name=$(getent passwd 5001 | cut -d: -f1) &&
	echo "zdh: warning: cannot remove ${SQ}$q${SQ}, which a pull of the account ${name:-5001} stopped at DATE left (Permission denied): that account or an administrator removes it with rm -rf ${SQ}$q${SQ}" >expect &&
	sed "s/stopped at [0-9-]* [0-9:]* left/stopped at DATE left/" err >actual &&
	test_cmp expect actual &&
	test -d "$q" &&
	(cd office && B pull >../out 2>../err) &&
	sed "s/stopped at [0-9-]* [0-9:]* left/stopped at DATE left/" err >actual &&
	test_cmp expect actual &&
	as_A rm -rf "$q" &&
	(cd office && B pull >../out 2>../err) &&
	test_must_be_empty err
'

test_expect_success ACCOUNTS 'in Chinese' '
	as_A mkdir -m 700 office/.zdh/zdh-incoming-XyZ789 &&
	touch -d "2 hours ago" office/.zdh/zdh-incoming-XyZ789 &&
	(cd office && LANGUAGE=zh_CN setpriv --reuid=5002 --regid=4242 --groups=4242 "$ZDH" pull >../out 2>../err) &&
	grep "^zdh: 警告：无法删除 .*zdh-incoming-XyZ789" err &&
	as_A rm -rf office/.zdh/zdh-incoming-XyZ789
'

test_done
