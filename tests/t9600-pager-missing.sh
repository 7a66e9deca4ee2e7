#!/bin/sh
# On a terminal a list goes through the pager, run by sh -c; a pager that
# is not installed (ZDH_PAGER or PAGER naming a program not on PATH, or no
# less on a minimal system with neither set) made sh say "not found" and
# exit, and the table written into its pipe was lost: zdh printed nothing
# and exited 0.  Now such a pager is named in a warning and the output
# printed without it; with neither variable set and no less, no pager.
test_description='a pager that cannot be run: the output without it'
. "$(dirname "$0")/lib.sh"

command -v script >/dev/null 2>&1 && script -qc true /dev/null >/dev/null 2>&1 &&
	test_set_prereq SCRIPT

# on_tty ENV... : zdh org list on a pseudo-terminal (script(1)), with ENV
on_tty () {
	script -qc "env $* '$ZDH' org list; echo rc=\$?" /dev/null </dev/null | tr -d '\r'
}

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	orgs area 新桥
'

test_expect_success SCRIPT 'ZDH_PAGER not installed: a warning, then the table' '
	on_tty ZDH_PAGER=no-such-pager-zdh >out &&
	grep "^zdh: warning: cannot run the pager '\''no-such-pager-zdh'\''; printing without one$" out &&
	grep "^XQ-O1  area  新桥" out &&
	grep "^rc=0$" out
'

test_expect_success SCRIPT 'PAGER not installed, a path that is none: the same' '
	on_tty -u ZDH_PAGER PAGER=/nonexistent/pager >out &&
	grep "cannot run the pager '\''/nonexistent/pager'\''" out &&
	grep "^XQ-O1  area  新桥" out
'

test_expect_success SCRIPT 'neither set and no less on PATH: the table, no pager, no warning' '
	mkdir empty &&
	on_tty -u ZDH_PAGER -u PAGER PATH="$PWD/empty" >out &&
	grep "^XQ-O1  area  新桥" out &&
	! grep "warning" out
'

test_expect_success SCRIPT 'a pager with arguments, or an assignment first, still runs' '
	on_tty ZDH_PAGER="\"cat -n\"" >out &&
	grep "1	ID" out &&
	on_tty ZDH_PAGER="\"X=1 cat\"" >out &&
	grep "^XQ-O1" out
'

test_done
