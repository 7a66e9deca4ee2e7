#!/bin/sh
# zdh reindex over an index an older zdh wrote (a kind's fingerprint not
# this zdh's): it builds the new index from nothing without first folding
# the changed kinds again in the old one (zdh_index_open_to_rebuild), and
# the result is the index any other way to it gives.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: issues with their history, an export and an index dump' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind dept 房管办 >/dev/null &&
	perl -e "print qq(title,status,dept\n); print qq(问题\$_,closed,房管办\n) for 1 .. 40" >issues.csv &&
	zdh issue import issues.csv >/dev/null &&
	zdh export >export1
'

test_expect_success SQLITE 'an older index (the issue kind fingerprinted otherwise): reindex rebuilds it whole' '
	sqlite3 .zdh/index.db "SELECT fingerprint FROM kinds WHERE name = '\''issue'\''" >fp &&
	test -s fp &&
	sqlite3 .zdh/index.db "UPDATE kinds SET fingerprint = '\''older'\'' WHERE name = '\''issue'\''" &&
	zdh reindex >out &&
	grep "^reindexed " out &&
	sqlite3 .zdh/index.db "SELECT fingerprint FROM kinds WHERE name = '\''issue'\''" >fp2 &&
	test_cmp fp fp2 &&
	zdh export >export2 &&
	test_cmp export1 export2
'

# A refold on open writes the same rows and indexes in another order: its
# dump is compared line for line, sorted.
test_expect_success SQLITE 'the same index as a reindex of a current one, and as a refold on open' '
	sqlite3 .zdh/index.db .dump >dump1 &&
	zdh reindex >/dev/null &&
	sqlite3 .zdh/index.db .dump >dump2 &&
	test_cmp dump1 dump2 &&
	sqlite3 .zdh/index.db "UPDATE kinds SET fingerprint = '\''older'\'' WHERE name = '\''issue'\''" &&
	zdh issue list --status closed >/dev/null &&
	sqlite3 .zdh/index.db .dump | sort >dump3 &&
	sort dump1 >dump1.sorted &&
	test_cmp dump1.sorted dump3 &&
	zdh export >export3 &&
	test_cmp export1 export3
'

# An index of an older schema (user_version) is replaced when first
# opened: its files removed and made again when nobody else has it open
# (not its tables dropped one by one, which wrote their pages through the
# WAL: a million events, 11.7 s and 288 MB), emptied in place when
# someone does (index.use held shared).  Either way, the same index.
test_strace_prereq

test_expect_success SQLITE,STRACE 'an index of an older schema nobody else has open: removed, made again, the same index' '
	sqlite3 .zdh/index.db .dump | sort >want &&
	sqlite3 .zdh/index.db "PRAGMA user_version = 1" &&
	strace_zdh -f -e trace=unlink,unlinkat -o trace "$ZDH" issue list --status closed >/dev/null &&
	grep "index\.db\"" trace &&
	sqlite3 .zdh/index.db .dump | sort >got &&
	test_cmp want got
'

test_expect_success SQLITE,FLOCK,STRACE 'an index of an older schema another process has open: emptied in place, the same index' '
	sqlite3 .zdh/index.db "PRAGMA user_version = 1" &&
	flock -s .zdh/index.use strace -f -e trace=unlink,unlinkat -o trace \
		env ASAN_OPTIONS="detect_leaks=0:$ASAN_OPTIONS" "$ZDH" issue list --status closed >/dev/null &&
	! grep "index\.db\"" trace &&
	sqlite3 .zdh/index.db .dump | sort >got &&
	test_cmp want got
'

test_done
