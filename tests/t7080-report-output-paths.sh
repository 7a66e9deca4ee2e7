#!/bin/sh
# -o of report and menu publish: '-' is standard output, a device or a
# FIFO is written as it is (as root, 'report -o /dev/stdout' replaced the
# symbolic link /dev/stdout with a regular file, and '-o -' wrote a file
# named '-'), a symbolic link to a file stays a link and its file gets
# the report.
test_description='report -o and menu publish -o: -, /dev/stdout, a FIFO, a link'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh issue add 路灯 --area 新桥 --date 2025-11-03 >/dev/null
'

test_expect_success '-o - is standard output' '
	zdh report monthly --month 2025-11 -o - >out &&
	grep 新桥 out &&
	! test -e ./-
'

# (through a link of the test's own to /dev/stdout: a regression replaces
# that link, not the system's)
test_expect_success '-o /dev/stdout writes through, and the link stays a link' '
	ln -s /dev/stdout mystdout &&
	zdh report monthly --month 2025-11 -o mystdout | cat >out &&
	grep 新桥 out &&
	test -L mystdout &&
	zdh menu publish -o mystdout | cat >out2 &&
	test -L mystdout
'

test_expect_success 'a FIFO is written as it is' '
	mkfifo pipe &&
	{ timeout 20 cat pipe >from-pipe & } &&
	zdh report monthly --month 2025-11 -o pipe &&
	wait &&
	grep 新桥 from-pipe &&
	test -p pipe
'

test_expect_success 'a link to a file: the file gets the report, the link stays' '
	mkdir d && echo old >d/real.txt && ln -s d/real.txt link.txt &&
	zdh report monthly --month 2025-11 -o link.txt &&
	test -L link.txt &&
	grep 新桥 d/real.txt &&
	zdh menu publish -o link.txt &&
	test -L link.txt
'

test_done
