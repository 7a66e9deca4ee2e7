# lib.sh — a small TAP test library for zdh's command-line tests, in the
# manner of git's t/test-lib.sh.  POSIX sh (dash, bash --posix).
#
# Writing a test
# --------------
#   tests/tNNNN-family-detail.sh, executable:
#
#	#!/bin/sh
#	test_description='org add and list'
#	. "$(dirname "$0")/lib.sh"
#
#	test_expect_success 'add prints the new id' '
#		zdh init --replica xinqiao --prefix XQ &&
#		zdh org add --kind area 新桥 >actual &&
#		echo XQ-O1 >expect &&
#		test_cmp expect actual
#	'
#
#	test_expect_success PYTHON 'json parses' '
#		zdh org list --json | json_ok
#	'
#
#	test_done
#
# - Every test file gets a fresh trash directory tests/trash.<file name>/
#   (tests/trash.<file name>.build-asan/ and the like for another build),
#   which is also $HOME and the current directory at the start of every
#   test.  It is removed by test_done unless a test failed or ZDH_TEST_KEEP
#   is set.
# - A body is a string run with eval in the test script's own shell (no
#   subshell): variables set in one test are seen by the next, `cd` is undone
#   after each test.  Write `>file` or `printf "" >file`, never `: >file`
#   (a failed redirection of the special built-in `:` ends the whole script).  The body's exit status is its last command's, so chain
#   commands with && (as git does).  Its stdout and stderr are captured and
#   shown as '#' lines only when it fails (or always with -v / ZDH_TEST_VERBOSE).
# - `zdh ...` runs the binary under test ("$ZDH", set by the Makefile;
#   default ../zdh beside tests/).  Run it directly as "$ZDH" when you need
#   its pid (background jobs, kill).
# - Helpers: test_expect_code N cmd..., test_must_fail cmd...,
#   test_cmp expect actual, test_must_be_empty file, test_line_count op N file,
#   test_wait_for file [seconds], log_tip replica, log_count replica,
#   test_set_prereq / test_have_prereq / test_expect_success PREREQ ...
#   (PYTHON, FLOCK, PERMS, SQLITE are set here; STRACE by test_strace_prereq,
#   strace_zdh runs strace with LeakSanitizer off),
#   test_skip desc reason, snapshot NAME / check_unchanged NAME,
#   json_ok (stdin parses as JSON; needs prereq PYTHON),
#   plan_of TEXT <TRACE (the plans ZDH_TRACE_PLAN printed for SQL holding TEXT).
# - Run one file: sh tests/t1000-org.sh [-v]; all: make test.

# --- where we are ----------------------------------------------------------

# (basename and dirname by the shell: a file's start costs no process)
TEST_NAME=${0##*/}
TEST_NAME=${TEST_NAME%.sh}
case $0 in */*) TEST_DIRECTORY=${0%/*} ;; *) TEST_DIRECTORY=. ;; esac
TEST_DIRECTORY=$(cd "$TEST_DIRECTORY" && pwd -P)
: "${ZDH:=$TEST_DIRECTORY/../zdh}"
case $ZDH in /*) ;; *) ZDH=$(pwd -P)/$ZDH ;; esac
export ZDH
TRASH_DIRECTORY=$TEST_DIRECTORY/trash.$TEST_NAME
# a build other than build/ (make check-sanitize's build-asan/, which make
# check runs beside the whole suite on build/) has trash directories of
# its own: tests/trash.<file name>.build-asan/
test_build_=${ZDH_BUILD:-build}
test_build_=${test_build_%/}
test_build_=${test_build_##*/}
case $test_build_ in
build) ;;
*) TRASH_DIRECTORY=$TRASH_DIRECTORY.$test_build_ ;;
esac

test_verbose_=${ZDH_TEST_VERBOSE:-}
for test_arg_ in "$@"
do
	case $test_arg_ in
	-v|--verbose) test_verbose_=t ;;
	-k|--keep) ZDH_TEST_KEEP=t ;;
	esac
done

# --- the environment every test sees ------------------------------------------

LF='
'
LC_ALL=C.UTF-8
LANG=C.UTF-8
ZDH_USER_NAME='测试员'
ZDH_USER_EMAIL=tester@example.org
ZDH_PAGER=cat
PAGER=cat
GIT_PAGER=cat
TZ=UTC
# Real git reads only what we give it, and commits as someone else.
GIT_CONFIG_NOSYSTEM=1
GIT_CONFIG_GLOBAL=/dev/null
GIT_AUTHOR_NAME='A U Thor'
GIT_AUTHOR_EMAIL=author@example.com
GIT_COMMITTER_NAME='C O Mitter'
GIT_COMMITTER_EMAIL=committer@example.com
export LC_ALL LANG ZDH_USER_NAME ZDH_USER_EMAIL ZDH_PAGER PAGER GIT_PAGER TZ \
	GIT_CONFIG_NOSYSTEM GIT_CONFIG_GLOBAL GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL \
	GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
unset ZDH_DIR ZDH_USER_DEPT LANGUAGE GIT_DIR GIT_WORK_TREE
# Sanitizer reports must not look like zdh's own exit codes (ASan's default
# is 1, which is zdh's "refused").  Options given by the caller win.
ASAN_OPTIONS="exitcode=99:${ASAN_OPTIONS:-}"
UBSAN_OPTIONS="exitcode=99:print_stacktrace=1:${UBSAN_OPTIONS:-}"
export ASAN_OPTIONS UBSAN_OPTIONS

zdh () {
	"$ZDH" "$@"
}

# zh ARGS...: zdh with its Chinese catalogue (gettext reads LANGUAGE)
zh () {
	LANGUAGE=zh_CN "$ZDH" "$@"
}

# --- the trash directory -----------------------------------------------------

test_count_=0
test_failed_=0
test_prereqs_=' '

if test -e "$TRASH_DIRECTORY"
then
	chmod -R u+w "$TRASH_DIRECTORY" 2>/dev/null
	rm -rf "$TRASH_DIRECTORY" || {
		echo "Bail out! cannot remove $TRASH_DIRECTORY"
		exit 1
	}
fi
mkdir "$TRASH_DIRECTORY" || {
	echo "Bail out! cannot create $TRASH_DIRECTORY"
	exit 1
}
cd "$TRASH_DIRECTORY" || exit 1
HOME=$TRASH_DIRECTORY
export HOME
# The body's output goes here; a dot-folder so it stays out of the way.
test_out_dir_=$TRASH_DIRECTORY/.tap
mkdir "$test_out_dir_"

if ! test -x "$ZDH"
then
	echo "Bail out! no zdh binary at $ZDH (build it, or set ZDH)"
	exit 1
fi

# --- prerequisites -------------------------------------------------------------

test_set_prereq () {
	test_prereqs_="$test_prereqs_$1 "
}

# Prerequisites probed the first time a test asks for them (a probe costs
# processes, and few files ask): NAME's probe is test_probe_NAME_, which
# sets it or not.  PERMS and SANITIZED here, DAEMON in lib-sync.sh.
test_lazy_prereqs_=' PERMS SANITIZED '
test_probe_lazy_ () {
	case $test_lazy_prereqs_ in
	*" $1 "*)
		test_lazy_prereqs_="${test_lazy_prereqs_%%" $1 "*} ${test_lazy_prereqs_#*" $1 "}"
		"test_probe_$1_"
		;;
	esac
}

# test_have_prereq A,B,!C (the list cut by the shell: no process a test)
test_have_prereq () {
	test_have_rest_=$1,
	while test -n "$test_have_rest_"
	do
		test_p_=${test_have_rest_%%,*}
		test_have_rest_=${test_have_rest_#*,}
		test_probe_lazy_ "${test_p_#!}"
		case $test_p_ in
		"") ;;
		!*)
			case $test_prereqs_ in *" ${test_p_#!} "*) return 1 ;; esac ;;
		*)
			case $test_prereqs_ in *" $test_p_ "*) ;; *) return 1 ;; esac ;;
		esac
	done
	return 0
}

# STRACE, for a test that asks (test_strace_prereq): strace runs here (not
# in every container: ptrace may be refused).  Only where asked, since it
# costs a process or two.
test_strace_prereq () {
	command -v strace >/dev/null 2>&1 && strace -f -o /dev/null true 2>/dev/null &&
		test_set_prereq STRACE
}

# strace_zdh ARGS...: strace ARGS (ending with a command), LeakSanitizer
# off when zdh is built with it (it cannot run under ptrace)
strace_zdh () {
	ASAN_OPTIONS="detect_leaks=0:$ASAN_OPTIONS" strace "$@"
}

command -v python3 >/dev/null 2>&1 && test_set_prereq PYTHON

# python3 ARGS...: the python3 the PATH names, asked once a file where its
# interpreter is (kept in .tap/python3, read by every later call, in a
# subshell too): a version manager's shim (pyenv's runs some twenty shell
# scripts, about 0.4 s of CPU a call) is run once instead of every time.
python3 () {
	if ! test -s "$TRASH_DIRECTORY/.tap/python3"
	then
		command python3 -c 'import sys; print(sys.executable)' \
			>"$TRASH_DIRECTORY/.tap/python3.new" 2>/dev/null &&
		mv "$TRASH_DIRECTORY/.tap/python3.new" "$TRASH_DIRECTORY/.tap/python3"
	fi
	test_python3_=
	test -s "$TRASH_DIRECTORY/.tap/python3" &&
		read -r test_python3_ <"$TRASH_DIRECTORY/.tap/python3"
	if test -n "$test_python3_" && test -x "$test_python3_"
	then
		"$test_python3_" "$@"
	else
		command python3 "$@"
	fi
}
# SANITIZED: zdh built with AddressSanitizer (make check-asan), whose
# runtime makes system calls of its own before main (readlink of
# /proc/self/exe)
test_probe_SANITIZED_ () {
	grep -q __asan_init "$ZDH" 2>/dev/null && test_set_prereq SANITIZED
}
command -v sqlite3 >/dev/null 2>&1 && test_set_prereq SQLITE
command -v flock >/dev/null 2>&1 && test_set_prereq FLOCK
# PERMS: file permissions are enforced on us (not so for root).
test_probe_PERMS_ () {
	mkdir "$TRASH_DIRECTORY/.tap-probe" && chmod a-w "$TRASH_DIRECTORY/.tap-probe" &&
	if ! (: >"$TRASH_DIRECTORY/.tap-probe/x") 2>/dev/null
	then
		test_set_prereq PERMS
	fi
	chmod -R u+w "$TRASH_DIRECTORY/.tap-probe" && rm -rf "$TRASH_DIRECTORY/.tap-probe"
}

# --- running tests -------------------------------------------------------------

# test_skip DESC REASON: report a test as skipped.
test_skip () {
	test_count_=$((test_count_ + 1))
	echo "ok $test_count_ # skip $1 ($2)"
}

test_comment_ () {
	sed -e 's/^/#	/'
}

# test_run_ DESC BODY
# The body runs inside its own function, so that "return 1" in a body ends
# the body, not the harness.
test_eval_ () {
	eval "$1"
}

test_run_ () {
	test_count_=$((test_count_ + 1))
	if test -n "$test_verbose_"
	then
		echo "# running $test_count_: $1"
		test_eval_ "$2"
		test_status_=$?
	else
		# "command": a failed redirection must fail the test, not end the script.
		{ test_eval_ "$2"; } >"$test_out_dir_/out" 2>&1 </dev/null
		test_status_=$?
	fi
	cd "$TRASH_DIRECTORY" || exit 1
	if test "$test_status_" = 0
	then
		echo "ok $test_count_ - $1"
	else
		test_failed_=$((test_failed_ + 1))
		echo "not ok $test_count_ - $1"
		printf "%s\n" "$2" | test_comment_
		if test -z "$test_verbose_"
		then
			echo "# output (exit $test_status_):"
			test_comment_ <"$test_out_dir_/out"
		fi
	fi
}

# test_expect_success [PREREQ] DESC BODY
test_expect_success () {
	if test $# = 3
	then
		if ! test_have_prereq "$1"
		then
			test_skip "$2" "missing $1"
			return 0
		fi
		shift
	fi
	test $# = 2 || {
		echo "Bail out! test_expect_success needs [PREREQ] DESC BODY, got $# arguments"
		exit 1
	}
	test_run_ "$1" "$2"
}

# test_done: print the plan and the verdict; remove the trash if all passed.
test_done () {
	echo "1..$test_count_"
	cd "$TEST_DIRECTORY" || exit 1
	if test "$test_failed_" != 0
	then
		echo "# failed $test_failed_ among $test_count_ test(s); trash kept in $TRASH_DIRECTORY"
		exit 1
	fi
	if test -z "${ZDH_TEST_KEEP:-}"
	then
		# (made writable only if a folder a test left read-only stops
		# rm: a process less at the end of every file)
		rm -rf "$TRASH_DIRECTORY" 2>/dev/null || {
			chmod -R u+w "$TRASH_DIRECTORY" 2>/dev/null
			rm -rf "$TRASH_DIRECTORY"
		}
	fi
	exit 0
}

# --- helpers for bodies ----------------------------------------------------------

# test_expect_code N CMD...: CMD must exit with exactly N.
test_expect_code () {
	test_want_=$1
	shift
	"$@"
	test_got_=$?
	if test "$test_got_" = "$test_want_"
	then
		return 0
	fi
	echo >&2 "test_expect_code: exit $test_got_, wanted $test_want_: $*"
	return 1
}

# test_must_fail CMD...: CMD must fail with one of zdh's documented codes
# (1 refused, 2 locked, 128 fatal, 129 usage); a signal, a sanitizer report
# (99), "not found" (127) or success is a test failure.
test_must_fail () {
	"$@"
	test_got_=$?
	case $test_got_ in
	1|2|128|129) return 0 ;;
	0) echo >&2 "test_must_fail: command succeeded: $*" ;;
	*) echo >&2 "test_must_fail: exit $test_got_ is no zdh failure code: $*" ;;
	esac
	return 1
}

# test_wait_for FILE [SECONDS]: wait until FILE exists (default 30 s).
test_wait_for () {
	test_wait_n_=$(( ${2:-30} * 100 ))
	while ! test -e "$1"
	do
		test_wait_n_=$((test_wait_n_ - 1))
		if test "$test_wait_n_" -le 0
		then
			echo >&2 "test_wait_for: no $1 after ${2:-30} s"
			return 1
		fi
		sleep 0.01
	done
}

# test_cmp EXPECTED ACTUAL
test_cmp () {
	diff -u "$1" "$2"
}

test_must_be_empty () {
	if test -s "$1"
	then
		echo >&2 "'$1' is not empty:"
		cat >&2 "$1"
		return 1
	fi
	test -e "$1" || { echo >&2 "'$1' does not exist"; return 1; }
}

# test_line_count = 3 FILE (any test(1) comparison)
test_line_count () {
	test_lines_=$(wc -l <"$3") &&
	test_lines_=$((test_lines_))
	if ! test "$test_lines_" "$1" "$2"
	then
		echo >&2 "test_line_count: $3 has $test_lines_ lines, wanted $1 $2:"
		cat >&2 "$3"
		return 1
	fi
}

# Stdin parses as JSON (needs prereq PYTHON).
json_ok () {
	python3 -c 'import json, sys; json.load(sys.stdin)'
}

# plan_of TEXT <TRACE: the steps of the plans ZDH_TRACE_PLAN printed for
# the statements whose SQL holds TEXT (zdh's own plans, not a copy's)
plan_of () {
	awk -v want="$1" '/^zdh: plan: [^ ]/ { on = index($0, want) > 0; next } on'
}

# The git directory the helpers below look at: $ZDH_DIR, else ./.zdh
# (${ZDH_DIR:-.zdh} in place: a function in $(...) costs a fork).

# snapshot NAME: record the repository's whole state (refs, the
# configuration, the export, one after the other) in NAME.snap, for a
# later check_unchanged NAME.  Run from the folder holding .zdh (or with
# ZDH_DIR set).
snapshot () {
	test_snap_dir_=${ZDH_DIR:-.zdh}
	{
		git --git-dir="$test_snap_dir_" for-each-ref &&
		cat "$test_snap_dir_/config" &&
		zdh export
	} >"$1.snap"
}

# check_unchanged NAME: the repository is exactly as snapshot NAME found it
# (one diff of the two states).
check_unchanged () {
	snapshot "$1.now" &&
	test_cmp "$1.snap" "$1.now.snap"
}

# test_refused MESSAGE ARGS...: zdh ARGS is refused as bad input: exit 1,
# nothing on standard output, "zdh: MESSAGE" the one line on standard
# error, the repository as it was.
test_refused () {
	test_refused_msg_=$1 && shift &&
	snapshot refused &&
	test_expect_code 1 zdh "$@" >out 2>err &&
	test_must_be_empty out &&
	echo "zdh: $test_refused_msg_" >expect && test_cmp expect err &&
	check_unchanged refused
}

# test_usage_refused MESSAGE ARGS...: zdh ARGS is a usage error: exit 129,
# nothing on standard output, "zdh: MESSAGE" the first line on standard
# error (the usage may follow), the repository as it was.
test_usage_refused () {
	test_usage_msg_=$1 && shift &&
	snapshot usage &&
	test_expect_code 129 zdh "$@" >out 2>err &&
	test_must_be_empty out &&
	head -n 1 err >first &&
	echo "zdh: $test_usage_msg_" >expect && test_cmp expect first &&
	check_unchanged usage
}

# orgs KIND [--district D] NAME...: add each NAME to the registry as an org
# of KIND (in DISTRICT D), in order, quietly: the registry every setup
# writes, one line a kind.
orgs () {
	orgs_kind_=$1
	shift
	if test "$1" = --district
	then
		orgs_district_=$2
		shift 2
	else
		orgs_district_=
	fi
	for orgs_name_
	do
		zdh org add --kind "$orgs_kind_" "$orgs_name_" \
			${orgs_district_:+--district "$orgs_district_"} >/dev/null || return 1
	done
}

# as NAME DEPT ARGS...: run zdh ARGS as that member of staff.
as () {
	as_name_=$1
	as_dept_=$2
	shift 2
	ZDH_USER_NAME=$as_name_ ZDH_USER_EMAIL=staff@example.org ZDH_USER_DEPT=$as_dept_ "$ZDH" "$@"
}

# log_ops REPLICA ID: the operations on record ID as plain git sees them on
# REPLICA's log, oldest first (a commit's message holds its event as
# canonical JSON, keys sorted).
log_ops () {
	git --git-dir="${ZDH_DIR:-.zdh}" log --reverse --format=%B "refs/zdh/log/$1" |
	grep -o "\"op\":\"[a-z-]*\",\"record\":\"$2\"" |
	sed -e 's/^"op":"//' -e 's/".*//'
}

# The tip of a replica's log: log_tip xinqiao
log_tip () {
	git --git-dir="${ZDH_DIR:-.zdh}" rev-parse --verify -q "refs/zdh/log/$1"
}

# The number of events (commits) on a replica's log.
log_count () {
	git --git-dir="${ZDH_DIR:-.zdh}" rev-list --count "refs/zdh/log/$1"
}

# damaged COPY: a copy of the repository (.zdh) in folder COPY, to break
damaged () {
	rm -rf "$1" && mkdir "$1" && cp -R .zdh "$1/"
}

# open_issues_csv N [TAG]: N open issues titled "issue [TAG ]I", nothing
# else set, to import
open_issues_csv () {
	awk -v n="$1" -v tag="${2:+$2 }" 'BEGIN {
		print "id,title,body,area,category,source,reporter,location,status,dept,assignee,due,created"
		for (i = 1; i <= n; i++)
			printf ",issue %s%d,,,,,,,open,,,,\n", tag, i
	}'
}

# issues_csv FIRST LAST: issues FIRST..LAST to import, open or closed, in
# November and December 2025
issues_csv () {
	awk -v first="$1" -v last="$2" 'BEGIN {
		print "id,title,body,area,category,source,reporter,location,status,dept,assignee,due,created"
		for (i = first; i <= last; i++)
			printf ",issue %d,,,%s,hotline,,,%s,,,,2025-%02d-%02d 10:00\n", i,
				i % 3 ? "other" : "safety", i % 5 ? "open" : "closed", 11 + i % 2, 1 + i % 28
	}'
}

# summary_dump: every row of the index's issue_summary, by issue (needs
# sqlite3), after a report has made those a write left for later
summary_dump () {
	"$ZDH" report monthly --month 2000-01 >/dev/null &&
	sqlite3 .zdh/index.db "SELECT record, live, status, area, category, source, dept, due, created,
		first_resolve, last_happened, last_recorded, hex(history) FROM issue_summary ORDER BY record"
}
