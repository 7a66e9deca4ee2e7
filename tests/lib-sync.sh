# lib-sync.sh: helpers the sync tests share; source it after lib.sh.

# at DIR ARGS...: zdh ARGS in DIR
at () {
	at_dir_=$1
	shift
	"$ZDH" -C "$at_dir_" "$@"
}

# events GITDIR: the number of events on every log of GITDIR, counted by git
# (--glob=refs/zdh/log: every ref under refs/zdh/log/, as for-each-ref
# lists them, in one process)
events () {
	git --git-dir="$1" rev-list --count --glob=refs/zdh/log
}

# same_by_reindex DUMP DIR: what the function DUMP prints in DIR, then
# again after a reindex there, is the same
same_by_reindex () {
	(cd "$2" && "$1" >../pulled && "$ZDH" reindex >/dev/null && "$1" >../rebuilt) &&
	test_cmp rebuilt pulled
}

# hub_cloned N: a hub of N imported issues (and the dept 房管办), cloned by
# an office: hub/ and office/ in the current folder
hub_cloned () {
	zdh init --replica hub --prefix HB hub >/dev/null &&
	at hub org add --kind dept 房管办 >/dev/null &&
	issues_csv 1 "$1" >base.csv &&
	at hub issue import ../base.csv >/dev/null &&
	zdh clone hub/.zdh office --replica office --prefix OF -q
}

# pulls_both_say EXPECT: xq pushes and ya pulls, then ya pushes and xq
# pulls; each pull says on stderr exactly what the file EXPECT holds
pulls_both_say () {
	at xq push -q &&
	at ya pull >out 2>err &&
	test_cmp "$1" err &&
	at ya push -q &&
	at xq pull >out 2>err &&
	test_cmp "$1" err
}

# one_line_error FILE: FILE is exactly one line, "zdh: ..."
one_line_error () {
	{ IFS= read -r one_line_ && ! IFS= read -r one_line2_; } <"$1" &&
	case $one_line_ in
	"zdh: "*) ;;
	*) false ;;
	esac || {
		echo >&2 "one_line_error: $1 is not one line prefixed \"zdh: \":"
		cat >&2 "$1"
		return 1
	}
}

# free_port [SALT]: a TCP port free on 127.0.0.1 now
free_port () {
	if command -v python3 >/dev/null 2>&1
	then
		python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
	else
		echo $(( 20000 + ($$ + ${1:-0}) % 20000 ))
	fi
}

# hub_refs: every ref of the served hub (srv/hub.git in the trash directory)
hub_refs () {
	git --git-dir="$TRASH_DIRECTORY/srv/hub.git" for-each-ref
}

# office_on_hub HUB: the office xq (replica xinqiao, prefix XQ) with one
# issue in the area 新桥, pushed to HUB, a new bare repository beside it
# (its remote origin); the start of the hostile-hub stories (t9010, t9020,
# t9060)
office_on_hub () {
	zdh init --replica xinqiao --prefix XQ xq >/dev/null 2>&1 &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq issue add 路灯 --area 新桥 >/dev/null &&
	git init -q --bare "$1" &&
	at xq remote add origin "../$1" && at xq push >/dev/null 2>&1
}

# The story the network transports share (t5020, t5050): an office xq
# with a registry and two issues pushes to the hub at URL; a second office
# ya clones it, both edit the same issues, and after syncing every copy
# holds the same events.

# first_office_pushes URL: xq made, pushed to the hub at URL (srv/hub.git)
first_office_pushes () {
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq org add --kind dept 房管办 >/dev/null &&
	at xq org add --kind dept 派出所 >/dev/null &&
	at xq issue add "52弄垃圾桶满溢" --area 新桥 >/dev/null &&
	at xq issue add "楼道堆物" --area 新桥 >/dev/null &&
	at xq remote add hub "$1" &&
	at xq push -v >out 2>err &&
	echo "pushed 1 log to hub" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	test "$(git --git-dir=srv/hub.git rev-parse refs/zdh/log/xinqiao)" = \
	     "$(git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao)"
}

# clone_and_edit_both URL: ya cloned from URL, the same issues edited on
# both sides; sets written, the events both offices wrote
clone_and_edit_both () {
	zdh clone "$1" ya --replica yanan --prefix YA -q >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	at ya issue list >list &&
	grep "52弄垃圾桶满溢" list &&
	at xq issue claim XQ-1 --dept 房管办 >/dev/null &&
	at ya issue claim XQ-1 --dept 派出所 >/dev/null &&
	at ya issue comment XQ-1 -m "延安的看法" >/dev/null &&
	at xq issue edit XQ-1 --title "垃圾桶满溢（新桥）" >/dev/null &&
	at ya issue edit XQ-1 --title "垃圾桶满溢（延安）" >/dev/null &&
	at xq issue claim XQ-2 --dept 房管办 >/dev/null &&
	at xq issue resolve XQ-2 -m "已清理" >/dev/null &&
	at ya issue comment XQ-2 -m "还有一些" >/dev/null &&
	at ya issue add "路灯不亮" >/dev/null &&
	written=$(( $(events xq/.zdh) + $(git --git-dir=ya/.zdh rev-list --count refs/zdh/log/yanan) ))
}

# all_agree: xq, ya and the hub hold the same $written events, verified
all_agree () {
	at xq export >xq.export &&
	at ya export >ya.export &&
	test_cmp xq.export ya.export &&
	at xq verify -q &&
	at ya verify -q &&
	test "$(events xq/.zdh)" = "$written" &&
	test "$(events ya/.zdh)" = "$written" &&
	test "$(events srv/hub.git)" = "$written"
}

# nothing_new DIR: pull and push from DIR say there is nothing, and change nothing
nothing_new () {
	(cd "$1" && snapshot before) &&
	at "$1" pull -v >out &&
	echo "pulled 0 new events from hub" >expect &&
	test_cmp expect out &&
	at "$1" push -v >out &&
	echo "hub is up to date" >expect &&
	test_cmp expect out &&
	(cd "$1" && check_unchanged before)
}

# The offices of the two-office tests, each writing as its own clerk:
# xq, hs and laptop ARGS... run zdh ARGS in the folder of that name.
xq () {
	ZDH_USER_NAME=王芳 ZDH_USER_EMAIL=wf@example.org ZDH_USER_DEPT=新桥办 "$ZDH" -C xq "$@"
}
hs () {
	ZDH_USER_NAME=李明 ZDH_USER_EMAIL=lm@example.org ZDH_USER_DEPT=华山办 "$ZDH" -C hs "$@"
}
laptop () {
	ZDH_USER_NAME=赵强 ZDH_USER_EMAIL=zq@example.org ZDH_USER_DEPT=华山办 "$ZDH" -C laptop "$@"
}

# same_everywhere DIR...: every repository verifies clean, exports the
# same, passes git fsck --strict and has no open conflict
same_everywhere () {
	at "$1" export >expect.export || return 1
	for d_ in "$@"
	do
		at "$d_" verify >/dev/null || return 1
		at "$d_" export >actual.export || return 1
		test_cmp expect.export actual.export || return 1
		git --git-dir="$d_/.zdh" fsck --strict 2>fsck.err || return 1
		! grep -i "error\|missing\|bad" fsck.err || return 1
		at "$d_" conflicts --no-header >conflicts || return 1
		test_must_be_empty conflicts || return 1
	done
}

# rnd_start SEED: the rounds of the random-order tests begin here; sets
# $seed, and starts the numbers rnd gives again from SEED.
# rnd N: the next of those numbers, below N.  It is called in a command
# substitution, a subshell, so its state (a linear congruential
# generator's, as C's rand() example has it) is kept in a file of the
# trash directory, not in a variable the caller would never see change:
# each call gives the next number, the same ones for the same seed.
rnd_start () {
	seed=$1
	echo $(( (seed * 2654435761 + 1) % 2147483648 )) >"$TRASH_DIRECTORY/rnd.state"
}

rnd () {
	read rnd_s_ <"$TRASH_DIRECTORY/rnd.state" &&
	rnd_s_=$(( (rnd_s_ * 1103515245 + 12345) % 2147483648 )) &&
	echo $rnd_s_ >"$TRASH_DIRECTORY/rnd.state" &&
	echo $(( rnd_s_ / 65536 % $1 ))
}

# settle_three: the offices a (xinqiao) and b (yanan) and their hub hear
# everything, and export the same; $written is then the number of events
# on their three logs
settle_three () {
	at a sync --quiet && at b sync --quiet && at a sync --quiet &&
	written=$(( $(git --git-dir=a/.zdh rev-list --count refs/zdh/log/xinqiao) +
		    $(git --git-dir=b/.zdh rev-list --count refs/zdh/log/yanan) +
		    $(git --git-dir=hub/.zdh rev-list --count refs/zdh/log/hub) )) &&
	at hub export >hub.json && at a export >a.json && at b export >b.json &&
	cmp hub.json a.json && cmp hub.json b.json
}

# three_hold_written: the hub, a and b verify clean and each holds the
# $written events
three_hold_written () {
	at hub verify --quiet && at a verify --quiet && at b verify --quiet &&
	test "$(events hub/.zdh)" = "$written" &&
	test "$(events a/.zdh)" = "$written" &&
	test "$(events b/.zdh)" = "$written"
}

# git daemon, for the tests over git:// (t5010, t5170).  DAEMON is set
# when this git's daemon takes --base-path.  start_daemon [OPTION...]:
# git daemon serving $TRASH_DIRECTORY on a free port of 127.0.0.1 with
# the options given (--enable=receive-pack for pushes), stopped at exit;
# URL is git://127.0.0.1:PORT/hub.git once it answers.
# (probed when a test asks: see test_probe_lazy_)
test_lazy_prereqs_="${test_lazy_prereqs_}DAEMON "
test_probe_DAEMON_ () {
	git daemon -h 2>&1 | grep -q -- "--base-path" && test_set_prereq DAEMON
}

start_daemon () {
	port=$(free_port) || return 1
	git daemon --export-all --reuseaddr "$@" \
		--base-path="$TRASH_DIRECTORY" --listen=127.0.0.1 --port=$port \
		--pid-file="$TRASH_DIRECTORY/daemon.pid" "$TRASH_DIRECTORY" \
		>daemon.log 2>&1 </dev/null &
	daemon_job=$!
	trap 'cd "$TRASH_DIRECTORY" 2>/dev/null && stop_daemon' EXIT
	URL=git://127.0.0.1:$port/hub.git
	n_=0
	until git ls-remote "$URL" >/dev/null 2>&1
	do
		n_=$((n_ + 1))
		test $n_ -lt 500 || { cat daemon.log; return 1; }
		sleep 0.02
	done
}

stop_daemon () {
	test -f "$TRASH_DIRECTORY/daemon.pid" && kill "$(cat "$TRASH_DIRECTORY/daemon.pid")" 2>/dev/null
	test -n "${daemon_job:-}" && kill "$daemon_job" 2>/dev/null
	rm -f "$TRASH_DIRECTORY/daemon.pid"
	daemon_job=
}

# council_of_three: a bare hub.git, and the replica xq (xinqiao, prefix XQ)
# of the area 新桥 with its council XQ-C1 of the members 甲, 乙 and 丙
council_of_three () {
	git init -q --bare hub.git &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq council add 新桥理事会 --area 新桥 --date 2024-01-10 >/dev/null &&
	for m in 甲 乙 丙
	do
		at xq council member add XQ-C1 $m --role member --date 2024-01-10 || return 1
	done
}

# xq_and_hub: the bare hub.git and the office xq (replica xinqiao, prefix
# XQ) with the area 新桥, in the current folder: the first office of the
# two-office stories (two_offices_cloned brings the second)
xq_and_hub () {
	git init -q --bare hub.git &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null 2>&1 &&
	at xq org add --kind area 新桥 >/dev/null
}

# two_offices_cloned [REMOTE]: xq (replica xinqiao, prefix XQ), as the
# setup made it, takes the bare hub.git beside it as its remote REMOTE
# (hub unless named) and pushes, and ya clones hub.git as replica yanan,
# prefix YA: the second office of the two-office stories
two_offices_cloned () {
	at xq remote add "${1:-hub}" ../hub.git &&
	at xq push -q &&
	zdh clone hub.git ya --replica yanan --prefix YA -q
}

# zdh_limited ARGS...: zdh at most 20 s and 4 GiB of address space, for
# tests of a hub whose files would make a zdh without their checks wait
# for ever or read until its memory ran out (t9992, t9993).  Not the
# address space under ASan (make check-asan): its shadow memory alone is
# terabytes, which ulimit -v cannot leave it.
zdh_limited () {
	if test_have_prereq SANITIZED
	then
		timeout 20 "$ZDH" "$@"
	else
		(ulimit -v 4194304 && timeout 20 "$ZDH" "$@")
	fi
}
