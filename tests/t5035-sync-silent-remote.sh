#!/bin/sh
# A hub that accepts the connection and then says nothing (a hung server,
# a firewall dropping packets after the handshake) kept pull, push and
# clone waiting for ever, and the cron job behind them: libgit2 1.5's
# transports have no timeout.  Now a transfer gives up after
# zdh.sync-timeout seconds in which nothing moved on its connection and
# libgit2 reported nothing: one line, exit 128, the replica as it was.
# A slow hub that keeps sending is not silent, even where libgit2 makes
# no callback (the refs it lists come a few bytes at a time here); but a
# remote that trickles a few bytes at a time for ever kept a cron pull
# waiting for ever: it is given up too when it sends less than
# zdh.sync-low-speed bytes a second over zdh.sync-timeout seconds (git's
# http.lowSpeedLimit and lowSpeedTime), the replica as it was.
test_description='pull, push, clone: a silent remote is given up after zdh.sync-timeout'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

# net.py silent PORT: accept every connection, never answer.
# net.py slow PORT TARGET SLOW PAUSE: relay each connection to TARGET,
# its first SLOW bytes from TARGET 40 at a time, PAUSE seconds apart.
# net.py trickle PORT: answer every connection (http: a 200 of refs) with
# one byte every 0.2 seconds, for ever.
cat >net.py <<'EOF'
import socket, sys, threading, time
mode, port = sys.argv[1], int(sys.argv[2])
ls = socket.socket()
ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", port))
ls.listen(16)
held = []
def pump(src, dst, slow, pause):
    sent = 0
    try:
        while True:
            data = src.recv(40 if sent < slow else 65536)
            if not data:
                break
            if sent < slow:
                time.sleep(pause)
            dst.sendall(data)
            sent += len(data)
    except OSError:
        pass
    for s in (src, dst):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
def trickle(c):
    try:
        first = c.recv(4096)
        if first.startswith(b"GET") or first.startswith(b"POST"):
            c.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/x-git-upload-pack-advertisement\r\n"
                      b"Cache-Control: no-cache\r\n\r\n")
        c.sendall(b"fff0")
        while True:
            time.sleep(0.2)
            c.sendall(b"a")
    except OSError:
        pass
while True:
    c, _ = ls.accept()
    if mode == "silent":
        held.append(c)
        continue
    if mode == "trickle":
        threading.Thread(target=trickle, args=(c,), daemon=True).start()
        continue
    up = socket.create_connection(("127.0.0.1", int(sys.argv[3])))
    threading.Thread(target=pump, args=(c, up, 0, 0), daemon=True).start()
    threading.Thread(target=pump, args=(up, c, int(sys.argv[4]), float(sys.argv[5])), daemon=True).start()
EOF

# start_net MODE ARGS...: net.py on a free port, NPORT once it answers.
# The interpreter itself is started, not lib.sh's python3 function: $!
# must be the server's own process, or stop_net kills a subshell and the
# server lives on after the test, holding whatever it inherited.
start_net () {
	NPORT=$(free_port) &&
	py=$(python3 -c "import sys; print(sys.executable)") || return 1
	"$py" net.py "$1" "$NPORT" "$2" "$3" "$4" >net.log 2>&1 </dev/null &
	net_job=$!
	n_=0
	until python3 -c "import socket; socket.create_connection((\"127.0.0.1\", $NPORT), 1).close()" 2>/dev/null
	do
		n_=$((n_ + 1))
		test $n_ -lt 200 || { cat net.log; return 1; }
		kill -0 $net_job 2>/dev/null || { cat net.log; return 1; }
		sleep 0.05
	done
}
stop_net () {
	test -n "${net_job:-}" && kill $net_job 2>/dev/null && wait $net_job 2>/dev/null
	net_job=
}
# (test_done removes the trash directory before the shell exits: so no cd)
trap 'stop_net; stop_daemon' EXIT

# within SECONDS CMD...: CMD, killed (exit 124) if it runs longer
within () {
	secs_=$1
	shift
	timeout "$secs_" "$@"
}

# gives_up PATTERN OP...: each zdh OP in xq (pull REMOTE, push REMOTE)
# exits 128 within 30 seconds, printing nothing but one line matching PATTERN
gives_up () {
	pattern_=$1
	shift
	for op_
	do
		within 30 "$ZDH" -C xq $op_ >out 2>err
		test $? = 128 &&
		test_must_be_empty out &&
		one_line_error err &&
		grep "$pattern_" err || return 1
	done
}

test_expect_success PYTHON 'setup: a replica, and a hub that never answers' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq issue add "路灯不亮" --area 新桥 >/dev/null &&
	start_net silent &&
	at xq remote add http "http://127.0.0.1:$NPORT/hub.git" &&
	at xq remote add git "git://127.0.0.1:$NPORT/hub.git" &&
	at xq config zdh.sync-timeout 1
'

test_expect_success PYTHON 'pull and push give up after zdh.sync-timeout, the replica as it was' '
	(cd xq && snapshot ../before) &&
	gives_up "): the remote sent nothing for 1 second: gave up (zdh.sync-timeout)\$" \
		"pull http" "pull git" "push http" "push git" &&
	(cd xq && check_unchanged ../before)
'

test_expect_success PYTHON 'clone gives up too (the global setting), and leaves no folder' '
	zdh config --global zdh.sync-timeout 2 &&
	within 30 "$ZDH" clone "git://127.0.0.1:$NPORT/hub.git" copy --replica yanan >out 2>err
	test $? = 128 &&
	one_line_error err &&
	grep "the remote sent nothing for 2 seconds" err &&
	test ! -e copy &&
	zdh config --global --unset zdh.sync-timeout
'

test_expect_success PYTHON 'in Chinese' '
	LANGUAGE=zh_CN within 30 "$ZDH" -C xq pull http >out 2>err
	test $? = 128 &&
	one_line_error err &&
	grep "远端 1 秒没有发来任何数据，已放弃（zdh.sync-timeout）" err
'

test_expect_success PYTHON 'zdh.sync-timeout 0: no limit, as git' '
	at xq config zdh.sync-timeout 0 &&
	within 3 "$ZDH" -C xq pull git >out 2>err
	test $? = 124 &&
	at xq config zdh.sync-timeout 1
'

test_expect_success PYTHON 'a remote that trickles for ever: given up below zdh.sync-low-speed, the replica as it was' '
	stop_net &&
	start_net trickle &&
	at xq remote add trickle-http "http://127.0.0.1:$NPORT/hub.git" &&
	at xq remote add trickle-git "git://127.0.0.1:$NPORT/hub.git" &&
	at xq config zdh.sync-timeout 2 &&
	(cd xq && snapshot ../before) &&
	gives_up "): the remote sent less than 1024 bytes a second for 2 seconds: gave up (zdh.sync-low-speed)\$" \
		"pull trickle-http" "pull trickle-git" "push trickle-git" &&
	(cd xq && check_unchanged ../before) &&
	LANGUAGE=zh_CN within 30 "$ZDH" -C xq pull trickle-git >out 2>err
	test $? = 128 &&
	one_line_error err &&
	grep "：远端 2 秒内每秒发来不足 1024 字节，已放弃（zdh.sync-low-speed）\$" err &&
	at xq config zdh.sync-low-speed 0 &&
	within 5 "$ZDH" -C xq pull trickle-git >out 2>err
	test $? = 124 &&
	at xq config --unset zdh.sync-low-speed &&
	at xq config zdh.sync-timeout 1
'

test_expect_success 'zdh.sync-low-speed is a size, 0 for none' '
	(cd xq && test_expect_code 1 zdh config zdh.sync-low-speed slow) 2>err &&
	grep "zdh.sync-low-speed must be a size" err &&
	at xq config zdh.sync-low-speed 2k &&
	at xq config zdh.sync-low-speed 0 &&
	at xq config --unset zdh.sync-low-speed
'

test_expect_success 'zdh.sync-timeout is a whole number of seconds' '
	(cd xq && test_expect_code 1 zdh config zdh.sync-timeout soon) 2>err &&
	grep "zdh.sync-timeout must be a whole number" err &&
	test "$(at xq config zdh.sync-timeout)" = 1
'

test_expect_success PYTHON,DAEMON 'a slow hub that keeps sending is not given up' '
	stop_net &&
	git init -q --bare hub.git &&
	start_daemon --enable=receive-pack &&
	trap "stop_net; stop_daemon" EXIT &&
	at xq remote add hub "$URL" &&
	at xq push hub >/dev/null &&
	dport=${URL#git://127.0.0.1:} dport=${dport%%/*} &&
	start_net slow "$dport" 600 0.15 &&
	at xq remote add slow "git://127.0.0.1:$NPORT/hub.git" &&
	zdh clone "$URL" hs --replica huashan >/dev/null &&
	at hs issue add "楼道堆物" --area 新桥 >/dev/null &&
	at hs push origin >/dev/null &&
	at xq config zdh.sync-low-speed 100 &&
	start=$(date +%s%N) &&
	within 60 "$ZDH" -C xq pull slow >out 2>err &&
	test $(( ($(date +%s%N) - start) / 1000000 )) -ge 1500 &&
	test_must_be_empty err &&
	at xq issue list >list &&
	grep "楼道堆物" list
'

stop_net
stop_daemon
test_done
