#!/bin/sh
# `zdh help CMD` on an 80-column terminal: man formats the page without a
# word to standard error (a table wider than the line, a line it cannot
# fill are warnings a reader of the manual sees before the page).
test_description='man pages format at 80 columns without warnings'
. "$(dirname "$0")/lib.sh"

MAN_DIRECTORY=$TEST_DIRECTORY/../man
command -v man >/dev/null 2>&1 && test -f "$MAN_DIRECTORY/zdh.1" && test_set_prereq MAN

for page in "$MAN_DIRECTORY"/*.1 "$MAN_DIRECTORY"/*.5
do
	test -e "$page" || continue
	test_expect_success MAN "man -l ${page##*/} at 80 columns: no warning" '
		MANWIDTH=80 MANPAGER=cat man -l "$page" >out 2>err &&
		test -s out &&
		test_must_be_empty err
	'
done

test_expect_success MAN 'zdh help issue: the page, nothing on stderr' '
	env MANWIDTH=80 MANPAGER=cat "$ZDH" help issue >out 2>err &&
	test -s out &&
	test_must_be_empty err
'

test_done
