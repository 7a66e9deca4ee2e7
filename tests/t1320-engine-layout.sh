#!/bin/sh
# The engine's shape (issue 10 §3): the index is one module of several
# files sharing a private header, SQLite stays inside core (no public
# header names it, cmd/ cannot reach the private headers, and only the
# modules that own SQL run it), and no two core modules include each
# other's headers in a circle.
test_description='engine layout: private headers stay private'
. "$(dirname "$0")/lib.sh"

SRC=$TEST_DIRECTORY/..

test_expect_success 'no public header names sqlite3' '
	(cd "$SRC" && grep -l sqlite3 include/*.h) >actual;
	test_must_be_empty actual
'

test_expect_success 'no command includes a private core header or sqlite3' '
	(cd "$SRC" && grep -l "sqlite3\|index-db\.h\|rowq\.h\|index-internal\.h" cmd/*.c cmd/lib/*.c cmd/lib/*.h) >actual;
	test_must_be_empty actual
'

# cmd/ holds one file per command (each has its man page), and what the
# commands share lives in cmd/lib/ (option tables, the shapes of a command)
test_expect_success 'every file of cmd/ is a command with its man page' '
	(cd "$SRC" && ls cmd/*.c) >files &&
	while read -r f
	do
		c=${f#cmd/} && c=${c%.c} &&
		case $c in
		main) page=zdh.1 ;;
		*) page=zdh-$c.1 ;;
		esac &&
		test -f "$SRC/man/$page" || { echo "$f: no man/$page"; return 1; }
	done <files &&
	test -f "$SRC/cmd/lib/options.c" && test -f "$SRC/cmd/lib/common.c"
'

test_expect_success 'only the index'"'"'s own files include index-internal.h' '
	(cd "$SRC" && grep -l "include \"index-internal\.h\"" core/*.c core/*.h include/*.h) | sort >actual &&
	(cd "$SRC" && ls core/index.c core/index-*.c) | sort >expect &&
	test_line_count = 10 expect &&
	test_cmp expect actual
'

# module_edges DIR: "A B" for each core module A whose files include a
# header of core module B.  A module is NAME of include/NAME.h or
# core/NAME.c; its files are those and core/NAME-*.c, core/NAME-*.h
# (core/index-fold.c and core/index-db.h are the index's).
module_edges () {
	(cd "$1" && grep -o '^#include "[a-z0-9_-]*\.h"' core/*.c core/*.h include/*.h) |
	sed 's|^[a-z]*/\([a-z0-9_]*\)[-.][^:]*:#include "\([a-z0-9_]*\)[-.].*|\1 \2|' |
	while read -r from to
	do
		test "$from" = "$to" && continue
		test -e "$1/include/$to.h" || test -e "$1/core/$to.c" || continue
		echo "$from $to"
	done | sort -u
}

# no_circle EDGES: tsort(1) orders the modules, or names those of a circle
no_circle () {
	tsort "$1" >/dev/null 2>circle || { sort -u circle; return 1; }
}

test_expect_success 'module_edges sees the includes, and a circle among them' '
	mkdir -p fake/core fake/include &&
	: >fake/include/a.h && : >fake/include/b.h && : >fake/include/c.h &&
	printf "#include \"b.h\"\n#include <stdio.h>\n" >fake/core/a.c &&
	printf "#include \"c.h\"\n" >fake/core/b.c &&
	printf "#include \"a.h\"\n#include \"c.h\"\n" >fake/core/c-part.c &&
	module_edges fake >actual &&
	printf "a b\nb c\nc a\n" >expect &&
	test_cmp expect actual &&
	test_must_fail no_circle actual &&
	printf "a b\nb c\n" >line &&
	no_circle line
'

test_expect_success 'no two core modules include each other'"'"'s headers in a circle' '
	module_edges "$SRC" >edges &&
	grep -x "store index" edges &&
	grep -x "index repo" edges &&
	grep -x "index objects" edges &&
	no_circle edges
'

# SQL is run by the index (core/index*.c, and rowq.c, the thread that
# writes its rows), by each record kind on its own view (a file that
# defines a struct zdh_kind, HACKING.md "Queries"), by the conflicts
# listing across kinds (conflict.c) and by reports (report.c's
# aggregates, reportsql.c's read-only SQL of zdh report sql).  Anything
# else (sync, the write path, the repository) asks the index.
test_expect_success 'only the index, the kinds, conflicts and reports call sqlite3' '
	(cd "$SRC" && grep -l "sqlite3_" core/*.c) | sort >calls &&
	(cd "$SRC" && ls core/index.c core/index-*.c core/rowq.c core/conflict.c \
		core/report.c core/reportsql.c &&
	 grep -l "^const struct zdh_kind zdh_kind_" core/*.c) | sort -u >allowed &&
	grep -x core/issue.c calls &&
	comm -23 calls allowed >actual &&
	test_must_be_empty actual
'

test_done
