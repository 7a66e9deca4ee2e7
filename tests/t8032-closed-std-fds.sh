#!/bin/sh
# zdh run with standard output or error closed (>&-, 2>&-, as a daemon's
# job can leave them): the first file zdh opened took the number 1 or 2,
# and what it printed went into it.  `zdh issue list >&-` wrote its table
# into .zdh/index.use and exited 0; with 2>&- too its message landed
# there.  Each closed one is now held by /dev/null opened the other way
# round: nothing zdh opens lands on 0, 1 or 2, and a write to a closed
# standard output still fails as on a closed one (exit 128).
test_description='standard output and error closed: nothing written into the repository'
. "$(dirname "$0")/lib.sh"

# sizes: every file of .zdh but the index's own (index.db, its WAL and
# shared memory, which a read may change), with its size
sizes () {
	(cd .zdh && find . -type f ! -name "index.db*" | LC_ALL=C sort | xargs ls -l |
		awk "{print \$5, \$9}")
}

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 --date 2025-01-01 >/dev/null &&
	zdh issue add 楼道堆物 --area 新桥 --date 2025-12-03 >/dev/null &&
	zdh issue list >/dev/null &&
	sizes >before
'

for cmd in "issue list" "report monthly --month 2025-12" "log" "export" "issue show XQ-1"
do
	test_expect_success "zdh $cmd >&-: exit 128, nothing written in .zdh" '
		test_expect_code 128 zdh $cmd >&- 2>err &&
		grep "cannot write" err &&
		test_expect_code 128 zdh $cmd >&- 2>&- &&
		sizes >after &&
		test_cmp before after
	'
done

test_expect_success 'a write with both closed: made, exit 3 (written, not printed), the store sound' '
	test_expect_code 3 zdh issue add 路灯不亮 --area 新桥 >&- 2>&- &&
	zdh verify >/dev/null &&
	git --git-dir=.zdh fsck --strict 2>err &&
	zdh issue show XQ-2 --json >show.json &&
	grep "\"title\": \"路灯不亮\"" show.json &&
	test_must_be_empty .zdh/index.use &&
	printf "-" >expect &&
	test_cmp expect .zdh/zdh.lock
'

test_expect_success 'standard input closed: -m - refused, nothing written' '
	test_must_fail zdh issue add 积水 --area 新桥 -m - <&- 2>err &&
	grep "standard input" err &&
	test_expect_code 1 zdh issue show XQ-3 2>/dev/null
'

test_done
