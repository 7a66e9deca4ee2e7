#!/bin/sh
# A rebuild writes index.db.new and renames it over index.db
# (zdh-repository(5), INDEX).  Killed before the rename it leaves that
# file, as large as the index: the index stays as it was, and the next
# process to take index.use for a rebuild, an import or a large pull,
# whichever way it then writes, removes it (none of them leaves it for
# later: an index of a million events is hundreds of megabytes).
test_description='a rebuild killed before its rename: the index as it was, its new file removed by the next'
. "$(dirname "$0")/lib.sh"

test_strace_prereq

test_expect_success 'setup: issues with their history' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind dept 房管办 >/dev/null &&
	perl -e "print qq(title,status,dept\n); print qq(问题\$_,closed,房管办\n) for 1 .. 40" >issues.csv &&
	zdh issue import issues.csv >/dev/null &&
	zdh issue list --all --format csv >want
'

# killed_reindex: a reindex killed at its rename, its new file left
killed_reindex () {
	{ strace_zdh -f -o /dev/null -e trace=rename -e inject=rename:signal=SIGKILL \
		"$ZDH" reindex >/dev/null 2>&1; test $? -ne 0; } &&
	test -s .zdh/index.db.new &&
	zdh issue list --all --format csv >got &&
	test_cmp want got
}

test_expect_success STRACE 'killed before its rename: the index as it was; the next reindex removes the new file' '
	killed_reindex &&
	zdh reindex >/dev/null &&
	test ! -e .zdh/index.db.new &&
	zdh issue list --all --format csv >got &&
	test_cmp want got
'

test_expect_success STRACE,FLOCK 'a reindex in place (another process has the index open) removes it too' '
	killed_reindex &&
	flock -s .zdh/index.use "$ZDH" reindex >/dev/null &&
	test ! -e .zdh/index.db.new &&
	zdh issue list --all --format csv >got &&
	test_cmp want got
'

test_expect_success STRACE 'so does an import' '
	killed_reindex &&
	printf "title,status\n又一件,open\n" >one.csv &&
	zdh issue import one.csv >/dev/null &&
	test ! -e .zdh/index.db.new &&
	zdh issue list --all --format csv >got &&
	grep 又一件 got
'

test_done
