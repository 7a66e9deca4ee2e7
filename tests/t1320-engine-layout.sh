#!/bin/sh
# The engine's shape (issue 10 §3): the index is one module of several
# files sharing a private header, SQLite stays inside core (no public
# header names it, cmd/ cannot reach the private headers).
test_description='engine layout: private headers stay private'
. "$(dirname "$0")/lib.sh"

SRC=$TEST_DIRECTORY/..

test_expect_success 'no public header names sqlite3' '
	(cd "$SRC" && grep -l sqlite3 include/*.h) >actual;
	test_must_be_empty actual
'

test_expect_success 'no command includes a private core header or sqlite3' '
	(cd "$SRC" && grep -l "sqlite3\|index-db\.h\|rowq\.h\|index-internal\.h" cmd/*.c cmd/*.h) >actual;
	test_must_be_empty actual
'

test_expect_success 'only the index'"'"'s own files include index-internal.h' '
	(cd "$SRC" && grep -l "include \"index-internal\.h\"" core/*.c core/*.h include/*.h) | sort >actual &&
	(cd "$SRC" && ls core/index.c core/index-*.c) | sort >expect &&
	test_line_count = 7 expect &&
	test_cmp expect actual
'

test_done
