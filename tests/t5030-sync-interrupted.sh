#!/bin/sh
# A pull interrupted by the server dying mid-transfer: a hub of a few
# thousand events served by `git daemon` on 127.0.0.1 (in a session of its
# own, so that kill -9 of its process group takes its upload-pack too) is
# killed while a pull is receiving.  The replica is exactly as before
# (refs, configuration, export) and verify is clean; with the server back,
# the next pull completes and the replicas agree.
test_description='zdh pull interrupted by the server killed mid-transfer'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

ROWS=${ZDH_INTERRUPT_ROWS:-4000}

git daemon -h 2>&1 | grep -q -- "--base-path" && test_set_prereq DAEMON
command -v setsid >/dev/null 2>&1 && command -v pgrep >/dev/null 2>&1 &&
	command -v ps >/dev/null 2>&1 && test_set_prereq SETSID

# start_daemon: git daemon in a session of its own on $port; sets
# daemon_pid (git-daemon itself, which forks one process per connection)
# and daemon_group, its process group (never ours).
start_daemon () {
	rm -f "$TRASH_DIRECTORY/daemon.pid"
	setsid git daemon --export-all --reuseaddr \
		--base-path="$TRASH_DIRECTORY" --listen=127.0.0.1 --port=$port \
		--pid-file="$TRASH_DIRECTORY/daemon.pid" "$TRASH_DIRECTORY" \
		>>"$TRASH_DIRECTORY/daemon.log" 2>&1 </dev/null &
	start_n_=0
	until git ls-remote "$URL" >/dev/null 2>&1
	do
		start_n_=$((start_n_ + 1))
		test $start_n_ -lt 500 || return 1
		sleep 0.02
	done
	daemon_pid=$(cat "$TRASH_DIRECTORY/daemon.pid") &&
	daemon_group=$(ps -o pgid= -p "$daemon_pid" | tr -d ' ') &&
	test -n "$daemon_group" &&
	test "$daemon_group" != "$(ps -o pgid= -p $$ | tr -d ' ')"
}

# kill_daemon: kill -9 the daemon and whatever it runs (upload-pack)
kill_daemon () {
	if test -n "${daemon_group:-}"
	then
		kill -9 "-$daemon_group" 2>/dev/null
		# until its port is free again
		kill_n_=0
		while kill -0 "-$daemon_group" 2>/dev/null && test $kill_n_ -lt 200
		do
			kill_n_=$((kill_n_ + 1))
			sleep 0.01
		done
	fi
	daemon_group=
}
trap 'kill_daemon' EXIT

test_expect_success DAEMON,SETSID 'setup: a hub of a few thousand events, a replica behind it, the hub served by git daemon' '
	xq_and_hub &&
	at xq issue add "52弄垃圾桶满溢" --area 新桥 >/dev/null &&
	two_offices_cloned &&
	at ya issue add "路灯不亮" >/dev/null &&
	at ya issue comment XQ-1 -m "延安的看法" >/dev/null &&
	# bodies of random letters, so that the pack does not shrink to nothing
	perl -e "srand(4); print qq(id,title,body,area,category,source,reporter,location,status,dept,assignee,due,created\n);
		my @c = (q(a) .. q(z), q(A) .. q(Z), 0 .. 9);
		for my \$i (1 .. $ROWS) { print qq(,bulk issue \$i,), (map { \$c[rand @c] } 1 .. 1000), qq(,,,,,,open,,,,\n) }" >rows.csv &&
	at xq issue import ../rows.csv >out &&
	echo "imported $ROWS issues" >expect &&
	test_cmp expect out &&
	at xq push -q &&
	test "$(events hub.git)" = $((ROWS + 2)) &&
	port=$(free_port) &&
	URL=git://127.0.0.1:$port/hub.git &&
	at ya remote add served "$URL" &&
	(cd ya && snapshot before) &&
	if start_daemon
	then
		test_set_prereq UP
	else
		cat daemon.log
	fi
'

# Each try: a copy of the replica pulls; once the daemon has forked the
# process that serves it (the exchange is under way), wait a little, then kill
# -9 the daemon with its upload-pack.  A try that failed otherwise than by
# a refused connection was interrupted mid-transfer; one that completed
# came too late, and the next waits less.
test_expect_success UP 'a pull interrupted by kill -9 of the server changes nothing, verify is clean' '
	landed=0 &&
	try=0 &&
	for delay in 0 0.005 0.01 0 0.02 0.005 0.03 0 0.05 0.01
	do
		try=$((try + 1)) &&
		rm -rf try &&
		cp -a ya try &&
		n=0 &&
		while pgrep -P "$daemon_pid" >/dev/null && test $n -lt 500
		do
			n=$((n + 1))
			sleep 0.01	# the process that served start_daemon'"'"'s ls-remote
		done &&
		{ "$ZDH" -C try pull served >try.out 2>try.err & } &&
		pull=$! &&
		n=0 &&
		while ! pgrep -P "$daemon_pid" >/dev/null && kill -0 $pull 2>/dev/null && test $n -lt 5000
		do
			n=$((n + 1))
			sleep 0.001
		done &&
		sleep $delay &&
		kill_daemon &&
		{ wait $pull; status=$?; } &&
		echo "# try $try, delay $delay s: pull exit $status: $(cat try.err)" &&
		case $status in
		0)	;;	# too late: the transfer was complete
		128)
			if grep -i "connection refused" try.err
			then
				:	# too early
			else
				test_line_count = 1 try.err &&
				grep "^zdh: cannot fetch \(refs/zdh/log/[a-z]* \)\?from .served. ($URL): " try.err &&
				test_must_be_empty try.out &&
				(cd try && check_unchanged before) &&
				at try verify -q &&
				landed=$((landed + 1)) &&
				rm -rf interrupted &&
				mv try interrupted || return 1
			fi ;;
		*)	echo "pull exit $status is no zdh failure code" && return 1 ;;
		esac &&
		start_daemon || return 1
	done &&
	echo "# $landed of $try tries interrupted mid-transfer" &&
	if test $landed -gt 0
	then
		test_set_prereq LANDED
	fi
'

if test_have_prereq UP && ! test_have_prereq LANDED
then
	test_skip 'the next pull completes and converges' \
		'no kill landed mid-transfer on this machine'
else
	test_expect_success LANDED 'with the server back, the next pull completes and the replicas agree' '
		at interrupted pull -v served >out &&
		echo "pulled $ROWS new events from served" >expect &&
		test_cmp expect out &&
		at interrupted verify -q &&
		at interrupted push -q origin &&
		at xq pull -q &&
		at xq export >xq.export &&
		at interrupted export >interrupted.export &&
		test_cmp xq.export interrupted.export &&
		test "$(events interrupted/.zdh)" = "$(events xq/.zdh)" &&
		test "$(events xq/.zdh)" = $((ROWS + 4))
	'
fi

test_expect_success DAEMON,SETSID 'stop the daemon' '
	kill_daemon
'

test_done
