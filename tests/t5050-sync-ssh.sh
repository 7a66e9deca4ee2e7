#!/bin/sh
# Sync over ssh:// through a real OpenSSH sshd, started here on 127.0.0.1
# at a free port with a configuration of the test's own (its host key,
# authorized keys and pid file in the trash directory) and stopped at the
# end, also when a test fails.  The client key is $HOME/.ssh/id_ed25519
# and the server's host key is in $HOME/.ssh/known_hosts, as zdh-sync(1)
# finds them.  Clone, two offices syncing through the hub and agreeing; a
# key the server does not know, and a host key not in known_hosts, are one
# line and change nothing; keys are tried in turn.
#
# The client key is ed25519: Debian 12's libssh2 (1.10) signs with RSA
# keys only as ssh-rsa (SHA-1), which OpenSSH 8.8 and later refuse by
# default, while its ed25519 and ecdsa keys work.
test_description='zdh sync over ssh (OpenSSH sshd)'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

# the keys are the files under $HOME/.ssh, not a developer's agent
unset SSH_AUTH_SOCK SSH_AGENT_PID GIT_SSH GIT_SSH_COMMAND

# libgit2 before 1.7.1 leaks each ssh connection's known_hosts list
# (libgit2/libgit2#6598, fixed by #6599); Debian 12 has 1.5.1.  Under
# ASan, that leak alone is suppressed, found by its full stack.
printf 'leak:git_remote_connect_ext\n' >"$TRASH_DIRECTORY/.lsan-libgit2-6598"
ASAN_OPTIONS="$ASAN_OPTIONS:fast_unwind_on_malloc=0"
LSAN_OPTIONS="suppressions=$TRASH_DIRECTORY/.lsan-libgit2-6598:print_suppressions=0:${LSAN_OPTIONS:-}"
export ASAN_OPTIONS LSAN_OPTIONS

SSHD=/usr/sbin/sshd
SSHD_CONFIG=$TRASH_DIRECTORY/sshd/sshd_config
USER_NAME=$(id -un)

# new_home DIR KEYTYPE: a home folder with its own key ~/.ssh/id_KEYTYPE
new_home () {
	mkdir -p "$1/.ssh" &&
	ssh-keygen -q -t "$2" -N '' -C "zdh-test-$2" -f "$1/.ssh/id_$2" </dev/null
}

# know_host DIR: put the test server's host key in DIR/.ssh/known_hosts
know_host () {
	echo "[127.0.0.1]:$port $(cut -d' ' -f1,2 "$TRASH_DIRECTORY/sshd/host_ed25519.pub")" \
		>"$1/.ssh/known_hosts"
}

# refused_both HOME: pull and push of xq to hub with that HOME each fail
# with exit 128 and one line on stderr naming hub and its URL (kept in
# err.pull and err.push), nothing on stdout
refused_both () {
	for op in pull push
	do
		test_expect_code 128 env HOME="$1" "$ZDH" -C xq $op hub >out 2>err &&
		test_must_be_empty out &&
		one_line_error err &&
		cp err err.$op &&
		grep "^zdh: cannot .* .hub. ($URL): " err || return 1
	done
}

# our_sshds: the pids of the sshd listening with this test's configuration
our_sshds () {
	pgrep -f -- "-f $SSHD_CONFIG" 2>/dev/null
}

# stop_sshd: the listener by its pid, then its connection children (which
# outlive it, as sshd's sessions do), by theirs.
stop_sshd () {
	if test -n "${sshd_pid:-}"
	then
		stop_children_=$(pgrep -P "$sshd_pid" 2>/dev/null)
		kill "$sshd_pid" 2>/dev/null
		stop_n_=0
		while kill -0 "$sshd_pid" 2>/dev/null && test $stop_n_ -lt 300
		do
			stop_n_=$((stop_n_ + 1))
			sleep 0.01
		done
		kill -9 "$sshd_pid" 2>/dev/null
		wait "$sshd_pid" 2>/dev/null
		for stop_p_ in $stop_children_
		do
			kill "$stop_p_" 2>/dev/null
		done
	fi
	sshd_pid=
	return 0
}
trap 'stop_sshd' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

# start_sshd: keys, configuration, and sshd on a free port (three tries, in
# case another process takes the port between free_port and bind); sets
# port, URL and sshd_pid.
start_sshd () {
	mkdir -p /run/sshd 2>/dev/null
	test -d /run/sshd || { echo "cannot create /run/sshd"; return 1; }
	mkdir -p sshd srv &&
	git init -q --bare srv/hub.git &&
	git --git-dir=srv/hub.git config receive.denyNonFastForwards true &&
	ssh-keygen -q -t ed25519 -N '' -f sshd/host_ed25519 </dev/null &&
	new_home "$HOME" ed25519 &&
	cat "$HOME/.ssh/id_ed25519.pub" >sshd/authorized_keys || {
		echo "cannot make the keys"
		return 1
	}
	for try in 1 2 3
	do
		port=$(free_port $try)
		cat >"$SSHD_CONFIG" <<-EOF
		ListenAddress 127.0.0.1
		Port $port
		HostKey $TRASH_DIRECTORY/sshd/host_ed25519
		PidFile $TRASH_DIRECTORY/sshd/sshd.pid
		AuthorizedKeysFile $TRASH_DIRECTORY/sshd/authorized_keys
		StrictModes no
		UsePAM no
		PermitRootLogin prohibit-password
		PasswordAuthentication no
		KbdInteractiveAuthentication no
		PrintMotd no
		EOF
		$SSHD -D -e -f "$SSHD_CONFIG" >sshd/log 2>&1 </dev/null &
		sshd_pid=$!
		know_host "$HOME" || return 1
		URL=ssh://$USER_NAME@127.0.0.1:$port$TRASH_DIRECTORY/srv/hub.git
		# the server is up when git over OpenSSH's ssh lists the hub
		n=0
		while test $n -lt 250
		do
			if GIT_SSH_COMMAND="ssh -F /dev/null -o BatchMode=yes \
				-o IdentitiesOnly=yes -i $HOME/.ssh/id_ed25519 \
				-o UserKnownHostsFile=$HOME/.ssh/known_hosts \
				-o StrictHostKeyChecking=yes" \
				git ls-remote "$URL" >sshd/probe 2>&1
			then
				return 0
			fi
			kill -0 "$sshd_pid" 2>/dev/null || break
			n=$((n + 1))
			sleep 0.02
		done
		stop_sshd
	done
	tail -n 1 sshd/probe
	return 1
}

why_not=
if ! test -x "$SSHD"
then
	why_not="no $SSHD (Debian package openssh-server; make deps)"
elif ! command -v ssh-keygen >/dev/null 2>&1 || ! command -v ssh >/dev/null 2>&1
then
	why_not="no ssh or ssh-keygen (Debian package openssh-client)"
elif ! command -v pgrep >/dev/null 2>&1
then
	why_not="no pgrep to make sure no sshd is left (Debian package procps)"
elif ! start_out=$(start_sshd 2>&1)
then
	stop_sshd
	why_not="sshd did not start, or git cannot reach it over ssh: $(echo "$start_out" |
		cat - sshd/log 2>/dev/null | grep . | tail -n 1)"
fi
if test -z "$why_not"
then
	# start_sshd ran in a subshell (the $(...)): its variables are lost,
	# but the server it started is ours, found by its pid file.
	sshd_pid=$(cat sshd/sshd.pid 2>/dev/null)
	port=$(sed -n 's/^Port //p' "$SSHD_CONFIG")
	URL=ssh://$USER_NAME@127.0.0.1:$port$TRASH_DIRECTORY/srv/hub.git
	# libgit2 may be built without ssh: then there is nothing to test
	if ! zdh clone "$URL" probe --replica probe --prefix PR -q >sshd/zdh-probe 2>&1 &&
	   grep -i -e "unsupported URL protocol" -e "unsupported.*ssh" sshd/zdh-probe >/dev/null
	then
		why_not="this libgit2 cannot speak ssh: $(tail -n 1 sshd/zdh-probe)"
	fi
	rm -rf probe
fi
if test -n "$why_not"
then
	stop_sshd
	test_skip 'sync over ssh' "$why_not"
	test_done
fi

test_expect_success 'the first office pushes over ssh://' '
	first_office_pushes "$URL"
'

test_expect_success 'clone over ssh://, edits on both sides, sync through the hub: both agree' '
	clone_and_edit_both "$URL" &&
	at xq push -q &&
	at ya pull -v >out &&
	grep "^pulled [0-9]* new events from origin$" out &&
	at ya sync -v >out &&
	grep "^pushed 1 log to origin$" out &&
	at xq sync -q &&
	at xq pull -q hub &&
	all_agree
'

test_expect_success 'nothing new: pull and push over ssh:// say so, change nothing' '
	nothing_new xq
'

test_expect_success 'a key the server does not know: one line, exit 128, nothing changed' '
	new_home other ed25519 &&
	know_host other &&
	at xq issue add "新的一条" >/dev/null &&
	hub_refs >hub.before &&
	(cd xq && snapshot before) &&
	refused_both "$TRASH_DIRECTORY/other" &&
	grep "^zdh: cannot fetch from .hub. ($URL): the server accepted none of the ssh keys offered" err.pull &&
	grep "^zdh: cannot push to .hub. ($URL): the server accepted none of the ssh keys offered" err.push &&
	(cd xq && check_unchanged before) &&
	hub_refs >hub.after &&
	test_cmp hub.before hub.after &&
	test_expect_code 128 env HOME="$TRASH_DIRECTORY/other" "$ZDH" clone "$URL" gone \
		--replica zhaojia --prefix ZJ >out 2>err &&
	one_line_error err &&
	! test -e gone
'

test_expect_success 'no key at all: one line, exit 128, nothing changed' '
	mkdir -p nokey/.ssh &&
	know_host nokey &&
	(cd xq && snapshot before) &&
	test_expect_code 128 env HOME="$TRASH_DIRECTORY/nokey" "$ZDH" -C xq pull hub >out 2>err &&
	test_must_be_empty out &&
	one_line_error err &&
	grep "^zdh: cannot fetch from .hub. ($URL): no ssh key to offer" err &&
	(cd xq && check_unchanged before)
'

test_expect_success 'a server whose host key is not in known_hosts: refused, one line, nothing changed' '
	mkdir -p stranger &&
	cp -R .ssh stranger/.ssh &&
	rm stranger/.ssh/known_hosts &&
	hub_refs >hub.before &&
	(cd xq && snapshot before) &&
	refused_both "$TRASH_DIRECTORY/stranger" &&
	(cd xq && check_unchanged before) &&
	hub_refs >hub.after &&
	test_cmp hub.before hub.after
'

test_expect_success 'keys are tried in turn: a refused id_ed25519, then an accepted id_ecdsa' '
	new_home turn ecdsa &&
	cp other/.ssh/id_ed25519 other/.ssh/id_ed25519.pub turn/.ssh/ &&
	know_host turn &&
	cat turn/.ssh/id_ecdsa.pub >>sshd/authorized_keys &&
	env HOME="$TRASH_DIRECTORY/turn" "$ZDH" -C xq push -v hub >out 2>err &&
	echo "pushed 1 log to hub" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	env HOME="$TRASH_DIRECTORY/turn" "$ZDH" -C ya pull -q &&
	at ya issue list >list &&
	grep "新的一条" list &&
	at xq export >xq.export &&
	at ya export >ya.export &&
	test_cmp xq.export ya.export
'

test_expect_success 'stop sshd: none is left, and a pull is one line' '
	test -n "$sshd_pid" &&
	stop_sshd &&
	test -z "$(our_sshds)" &&
	! test -e sshd/sshd.pid &&
	test_expect_code 128 at xq pull hub >out 2>err &&
	test_must_be_empty out &&
	one_line_error err
'

test_done
