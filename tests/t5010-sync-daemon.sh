#!/bin/sh
# Sync over git:// through a real `git daemon` on 127.0.0.1, started here
# on a free port and stopped at the end: push, clone, concurrent edits,
# sync both ways, agreement; a port nobody listens on is one clear line.
test_description='zdh sync over git daemon'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success DAEMON 'setup: a hub served by git daemon' '
	git init -q --bare hub.git &&
	start_daemon --enable=receive-pack &&
	test_set_prereq UP
'

test_expect_success UP 'the first office pushes over git://' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq org add --kind dept 房管办 >/dev/null &&
	at xq org add --kind dept 派出所 >/dev/null &&
	at xq issue add "52弄垃圾桶满溢" --area 新桥 >/dev/null &&
	at xq remote add hub "$URL" &&
	at xq push -v >out &&
	echo "pushed 1 log to hub" >expect &&
	test_cmp expect out &&
	test "$(git --git-dir=hub.git rev-parse refs/zdh/log/xinqiao)" = \
	     "$(git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao)"
'

test_expect_success UP 'clone over git://, edit on both sides, sync: both agree' '
	zdh clone "$URL" ya --replica yanan --prefix YA -q &&
	at xq issue claim XQ-1 --dept 房管办 >/dev/null &&
	at ya issue claim XQ-1 --dept 派出所 >/dev/null &&
	at ya issue comment XQ-1 -m "延安的看法" >/dev/null &&
	at xq issue edit XQ-1 --title "垃圾桶满溢（新桥）" >/dev/null &&
	at ya issue edit XQ-1 --title "垃圾桶满溢（延安）" >/dev/null &&
	at ya issue add "路灯不亮" >/dev/null &&
	at xq sync -q &&
	at ya sync -v >out &&
	grep "^pulled 2 new events from origin$" out &&
	grep "^pushed 1 log to origin$" out &&
	at xq sync -q &&
	at xq export >xq.export &&
	at ya export >ya.export &&
	test_cmp xq.export ya.export &&
	at xq verify -q &&
	at ya verify -q &&
	test "$(git --git-dir=hub.git rev-list --count refs/zdh/log/xinqiao refs/zdh/log/yanan)" = 10
'

test_expect_success UP 'nothing new: pull and push say so, change nothing' '
	nothing_new xq
'

test_expect_success UP 'a wrong repository or a port nobody listens on: one line, exit 128' '
	at xq remote add gone "git://127.0.0.1:$port/no-such.git" &&
	at xq remote add closed "git://127.0.0.1:$(free_port)/hub.git" &&
	(cd xq && snapshot before) &&
	for r in gone closed
	do
		test_expect_code 128 at xq pull $r >out 2>err &&
		test_must_be_empty out &&
		test_line_count = 1 err &&
		grep "^zdh: cannot fetch from .$r." err || return 1
	done &&
	(cd xq && check_unchanged before)
'

# A server that dies after its ref advertisement: zdh writes its wants to
# a reset connection, which must be an error (EPIPE), not SIGPIPE.
test_expect_success UP,PYTHON 'a server that resets the connection after advertising its refs: one line, exit 128, nothing changed' '
	cat >reset.py <<-\EOF &&
	import socket, struct, subprocess, sys
	adv = subprocess.run(["git", "upload-pack", "--advertise-refs", sys.argv[1]],
	                     capture_output=True, check=True).stdout
	s = socket.socket()
	s.bind(("127.0.0.1", 0))
	s.listen(1)
	s.settimeout(30)
	with open(sys.argv[2] + ".tmp", "w") as f:
	    f.write(str(s.getsockname()[1]))
	import os; os.rename(sys.argv[2] + ".tmp", sys.argv[2])
	for _ in range(int(sys.argv[3])):
	    c, _ = s.accept()
	    c.recv(4096)
	    c.sendall(adv)
	    c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
	    c.close()
	EOF
	at ya issue comment XQ-1 -m "新的一条" >/dev/null &&
	at ya push -q &&
	rm -f reset.port &&
	{ python3 reset.py hub.git reset.port 3 >reset.log 2>&1 </dev/null & } &&
	reset_job=$! &&
	test_wait_for reset.port 10 &&
	at xq remote add reset "git://127.0.0.1:$(cat reset.port)/hub.git" &&
	(cd xq && snapshot before) &&
	for i in 1 2 3
	do
		test_expect_code 128 at xq pull reset >out 2>err &&
		test_must_be_empty out &&
		test_line_count = 1 err &&
		grep "^zdh: cannot fetch refs/zdh/log/[a-z]* from .reset." err || return 1
	done &&
	wait $reset_job &&
	(cd xq && check_unchanged before)
'

test_expect_success DAEMON 'stop the daemon' '
	stop_daemon
'

test_done
