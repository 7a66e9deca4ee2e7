#!/bin/sh
# A repository this process cannot write (a read-only mount, a folder made
# read-only with chmod -R a-w, a colleague's repository it may only read)
# is read as any other, with the same output: index.db read-only when it
# holds every log tip, a private copy caught up in $TMPDIR when it does not
# (or when a read would write: the summaries an import left for the first
# report), removed after.  A write is refused in one line, exit 128,
# nothing changed (zdh(1), READ-ONLY REPOSITORIES; core/index.c).
test_description='a repository that cannot be written is read all the same'
. "$(dirname "$0")/lib.sh"

TMPDIR=$TRASH_DIRECTORY/tmp
export TMPDIR
mkdir -p "$TMPDIR" && chmod 1777 "$TMPDIR"

# ROMOUNT: repo/ seen read-only at ro/ (a bind mount; root only)
mkdir -p "$TRASH_DIRECTORY/repo" "$TRASH_DIRECTORY/ro"
if mount --bind "$TRASH_DIRECTORY/repo" "$TRASH_DIRECTORY/ro" 2>/dev/null
then
	trap 'umount "$TRASH_DIRECTORY/ro" 2>/dev/null' EXIT
	mount -o remount,bind,ro "$TRASH_DIRECTORY/ro" 2>/dev/null &&
	test_set_prereq ROMOUNT
fi
# OTHER: root, and a user of no group of ours (nobody) can run zdh here
if test "$(id -u)" = 0 && command -v setpriv >/dev/null &&
	setpriv --reuid=65534 --regid=65534 --clear-groups test -r "$TRASH_DIRECTORY/repo" 2>/dev/null
then
	test_set_prereq OTHER
fi
test_strace_prereq
# READER: someone who cannot write a folder made read-only (PERMS: we)
if test_have_prereq OTHER || test_have_prereq PERMS
then
	test_set_prereq READER
fi

other () {
	setpriv --reuid=65534 --regid=65534 --clear-groups "$ZDH" "$@"
}
reader () {
	if test_have_prereq OTHER
	then
		other "$@"
	else
		"$ZDH" "$@"
	fi
}
rw () {
	"$ZDH" "$@"
}

# read_all RUN DIR OUT: what the reads print, run by RUN in DIR, into OUT
# (their standard error into OUT.err); fails when one fails
read_all () {
	$1 -C "$2" issue list --all >"$3" 2>"$3.err" &&
	$1 -C "$2" issue show XQ-1 >>"$3" 2>>"$3.err" &&
	$1 -C "$2" org list >>"$3" 2>>"$3.err" &&
	$1 -C "$2" log >>"$3" 2>>"$3.err" &&
	$1 -C "$2" export >>"$3" 2>>"$3.err" &&
	$1 -C "$2" report monthly --month 2025-12 --json >>"$3" 2>>"$3.err" &&
	$1 -C "$2" verify >>"$3" 2>>"$3.err"
}

# files DIR: every file of DIR's .zdh with its checksum
files () {
	(cd "$1/.zdh" && find . -type f | LC_ALL=C sort | xargs sha1sum)
}

# expect_from NAME: what the reads print in a writable copy of repo/
expect_from () {
	rm -rf "$1" && cp -a repo "$1" &&
	read_all rw "$1" "$1.expect" &&
	test_must_be_empty "$1.expect.err"
}

nothing_left () {
	ls -A "$TMPDIR" >left &&
	test_must_be_empty left
}

# behind TITLE: repo/'s index one event (an issue TITLE) behind its logs
behind () {
	zdh -C repo issue list >/dev/null &&
	rm -f saved/* && cp repo/.zdh/index.db* saved/ &&
	zdh -C repo issue add "$1" --area 新桥 >/dev/null &&
	cp saved/index.db* repo/.zdh/
}

# ro_write ARGS...: zdh ARGS in ro/, with a TMPDIR that is not there (no
# private copy can be made): refused in one line, exit 128, as written
ro_write () {
	test_expect_code 128 env TMPDIR="$TRASH_DIRECTORY/none" "$ZDH" -C ro "$@" >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: this repository cannot be written (only read)" err
}

test_expect_success 'setup: an import of 20 leaves its summaries for the first report' '
	zdh init --replica xinqiao --prefix XQ repo >/dev/null &&
	zdh -C repo org add --kind area 新桥 >/dev/null &&
	zdh -C repo issue add 楼道堆物 --area 新桥 --date 2025-12-01 >/dev/null &&
	issues_csv 1 20 >a.csv &&
	zdh -C repo issue import ../a.csv >/dev/null &&
	expect_from copy1
'

test_expect_success ROMOUNT 'a read-only mount: every read prints the same, nothing left behind' '
	files repo >before &&
	read_all rw ro got &&
	test_must_be_empty got.err &&
	test_cmp copy1.expect got &&
	files repo >after &&
	test_cmp before after &&
	nothing_left
'

test_expect_success ROMOUNT 'a read-only mount: a write is refused in one line, exit 128' '
	test_expect_code 128 zdh -C ro issue add 路灯 --area 新桥 >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: this repository cannot be written" err &&
	files repo >after &&
	test_cmp before after
'

test_expect_success ROMOUNT 'a log moved on past the index: read from a private copy, the same' '
	mkdir saved && cp repo/.zdh/index.db* saved/ &&
	zdh -C repo issue add 路灯坏了 --area 新桥 --date 2025-12-03 >/dev/null &&
	expect_from copy2 &&
	cp saved/index.db* repo/.zdh/ &&
	files repo >before &&
	read_all rw ro got &&
	test_must_be_empty got.err &&
	test_cmp copy2.expect got &&
	grep 路灯坏了 got &&
	files repo >after &&
	test_cmp before after &&
	nothing_left
'

test_expect_success ROMOUNT 'no index.db at all: the same' '
	rm repo/.zdh/index.db* &&
	read_all rw ro got &&
	test_must_be_empty got.err &&
	test_cmp copy2.expect got &&
	test ! -e repo/.zdh/index.db &&
	nothing_left
'

test_expect_success READER 'chmod -R a-w: read by one who cannot write it, the same' '
	zdh -C repo issue list >/dev/null &&
	cp repo/.zdh/index.db* saved/ &&
	zdh -C repo issue add 井盖松动 --area 新桥 --date 2025-12-04 >/dev/null &&
	expect_from copy3 &&
	cp saved/index.db* repo/.zdh/ &&
	chmod -R a-w repo &&
	files repo >before &&
	read_all reader repo got &&
	test_must_fail reader -C repo issue add 路灯 --area 新桥 >out 2>err &&
	files repo >after &&
	chmod -R u+w repo &&
	test_must_be_empty got.err &&
	test_cmp copy3.expect got &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: this repository cannot be written" err &&
	test_cmp before after &&
	nothing_left
'

test_expect_success OTHER 'another user'"'"'s repository, only readable: the same, current or behind' '
	zdh -C repo issue list >/dev/null &&
	files repo >before &&
	read_all other repo got &&
	test_must_be_empty got.err &&
	test_cmp copy3.expect got &&
	cp repo/.zdh/index.db* saved/ &&
	zdh -C repo issue add 垃圾满了 --area 新桥 --date 2025-12-05 >/dev/null &&
	expect_from copy4 &&
	cp saved/index.db* repo/.zdh/ &&
	files repo >before &&
	read_all other repo got &&
	test_expect_code 128 other -C repo org add --kind area 金陵 >out 2>err &&
	files repo >after &&
	test_must_be_empty got.err &&
	test_cmp copy4.expect got &&
	test_cmp before after &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: this repository cannot be written" err &&
	nothing_left
'

test_expect_success OTHER 'roles: verify folds every log in a scratch database, here in TMPDIR' '
	ssh-keygen -q -t ed25519 -N "" -C wf -f wf &&
	zdh -C repo config user.signingkey "$HOME/wf" &&
	zdh -C repo person add 王芳 --email wf@example.org --key ../wf.pub >/dev/null &&
	zdh -C repo person grant XQ-U1 subdistrict-admin >/dev/null &&
	zdh -C repo verify >expect &&
	files repo >before &&
	other -C repo verify >actual 2>err &&
	files repo >after &&
	test_must_be_empty err &&
	test_cmp expect actual &&
	test_cmp before after &&
	nothing_left
'

test_expect_success ROMOUNT 'a write, the index behind: refused before any private copy is made' '
	mkdir -p saved &&
	behind 水管漏水 &&
	files repo >before &&
	ro_write issue add 路灯 --area 新桥 &&
	ro_write issue close XQ-1 &&
	ro_write org add --kind area 金陵 &&
	ro_write config zdh.replica other &&
	ro_write config zdh.prefix AB &&
	ro_write config user.name 王芳 &&
	ro_write person add 李明 --email lm@example.org &&
	ro_write report save r --sql "SELECT 1" &&
	ro_write remote add up ../repo &&
	ro_write reindex &&
	files repo >after &&
	test_cmp before after &&
	nothing_left
'

test_expect_success ROMOUNT,FLOCK 'the private folders of killed reads: removed by the next read that makes one' '
	behind 电梯故障 &&
	dead=$(sh -c "echo \$\$") &&
	mkdir "$TMPDIR/zdh-index-$dead-aaaaaa" "$TMPDIR/zdh-index-$$-bbbbbb" \
		"$TMPDIR/zdh-index-$$-cccccc" "$TMPDIR/zdh-index-$dead-dddddd" \
		"$TMPDIR/zdh-index-x" victim &&
	echo x >"$TMPDIR/zdh-index-$dead-aaaaaa/index.db" &&
	echo x >"$TMPDIR/zdh-index-$$-cccccc/index.db" &&
	echo x >victim/index.db &&
	ln -s "$TRASH_DIRECTORY/victim" "$TMPDIR/zdh-index-$dead-eeeeee" &&
	chown 65534 "$TMPDIR/zdh-index-$dead-dddddd" &&
	exec 9<"$TMPDIR/zdh-index-$$-cccccc" && flock -x 9 &&
	zdh -C ro issue list >got 2>err &&
	exec 9<&- &&
	test_must_be_empty err &&
	grep 电梯故障 got &&
	# dead: its process is gone; a PID reused, its lock free all the same
	test ! -e "$TMPDIR/zdh-index-$dead-aaaaaa" &&
	test ! -e "$TMPDIR/zdh-index-$$-bbbbbb" &&
	# live: locked by its process (here this shell), as a read holds its own
	test -f "$TMPDIR/zdh-index-$$-cccccc/index.db" &&
	# another user'"'"'s, a name of another shape, a link: left alone
	test -d "$TMPDIR/zdh-index-$dead-dddddd" &&
	test -d "$TMPDIR/zdh-index-x" &&
	test -h "$TMPDIR/zdh-index-$dead-eeeeee" &&
	test -f victim/index.db &&
	rm -r "$TMPDIR"/zdh-index-* &&
	nothing_left
'

test_expect_success STRACE 'a repository that can be written: no look at its permissions before the opens' '
	zdh -C repo issue list >/dev/null &&
	strace_zdh -f -e trace=access,faccessat,faccessat2 -o trace "$ZDH" -C repo issue list >/dev/null &&
	! grep -E "(/\.zdh|/index\.db|/index\.use)\"" trace
'

test_expect_success ROMOUNT,STRACE 'a private copy opens no index.use or index.lock of its own' '
	behind 下水道堵 &&
	strace_zdh -f -e trace=open,openat -o trace "$ZDH" -C ro issue list >got &&
	grep 下水道堵 got &&
	grep "zdh-index-[^/]*/index\.db\"" trace &&
	! grep -E "zdh-index-[^/]*/index\.(use|lock)\"" trace &&
	nothing_left
'

test_expect_success OTHER 'index.use another may write, index.db not: read-only all the same' '
	behind 窨井盖缺 &&
	chmod a+w repo/.zdh/index.use &&
	files repo >before &&
	other -C repo issue list >got 2>err &&
	files repo >after &&
	chmod go-w repo/.zdh/index.use &&
	test_must_be_empty err &&
	grep 窨井盖缺 got &&
	test_cmp before after &&
	nothing_left
'

if test_have_prereq ROMOUNT
then
	umount "$TRASH_DIRECTORY/ro"
else
	test_skip 'a read-only mount' 'mount --bind is not permitted here (it needs root)'
fi
test_have_prereq READER ||
	test_skip 'a folder made read-only' 'permissions are not enforced on us and no other user to run as'
test_have_prereq OTHER ||
	test_skip 'another user'"'"'s repository' 'not root, or setpriv missing'
test_done
