#!/bin/sh
# A cron job's write whose standard output fails after the write was made
# (closed, >&-; a full disk, >/dev/full) exited 128, as a write that was
# not made does: the job retried and recorded the issue twice.  Now such
# a write exits 3 (zdh(1), EXIT STATUS: written, not printed) and says on
# standard error what it wrote, with the new id; a write that was not
# made still exits 1 (refused) or 128 (fatal), whatever its output.
test_description='a write made whose output could not be printed: exit 3, its id on stderr'
. "$(dirname "$0")/lib.sh"

# issues: how many issues there are
issues () {
	zdh issue list --all --format csv | sed 1d | wc -l
}

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 --date 2025-01-01 >/dev/null
'

test_expect_success 'standard output full: exit 3, the id said, one issue written' '
	test_expect_code 3 zdh issue add 楼道堆物 --area 新桥 >/dev/full 2>err &&
	echo "zdh: XQ-1 written, but cannot write to standard output: No space left on device" >expect &&
	test_cmp expect err &&
	echo 1 >expect &&
	issues >actual &&
	test_cmp expect actual &&
	zdh issue show XQ-1 --json | grep "\"title\": \"楼道堆物\""
'

test_expect_success 'standard output closed: exit 3, the id said' '
	test_expect_code 3 zdh issue add 路灯不亮 --area 新桥 >&- 2>err &&
	grep "^zdh: XQ-2 written, but cannot write to standard output: " err &&
	echo 2 >expect &&
	issues >actual &&
	test_cmp expect actual
'

test_expect_success 'in Chinese too' '
	test_expect_code 3 zh issue add 积水 --area 新桥 >/dev/full 2>err &&
	grep "^zdh: 已写入 XQ-3，但无法写入标准输出" err
'

test_expect_success 'every write of the shared path: a record of another kind, a saved report' '
	test_expect_code 3 zdh org add --kind dept 房管办 >/dev/full 2>err &&
	grep "^zdh: XQ-O2 written, but cannot write to standard output: No space left on device$" err &&
	test_expect_code 3 zdh report save 月报 --sql "SELECT 1" >/dev/full 2>err &&
	grep "^zdh: XQ-R1 written, but cannot write to standard output: No space left on device$" err &&
	zdh report run 月报 >/dev/null
'

test_expect_success 'an import: exit 3, its count said' '
	printf "title,area\n井盖丢失,新桥\n噪音,新桥\n" >in.csv &&
	test_expect_code 3 zdh issue import in.csv >/dev/full 2>err &&
	echo "zdh: imported 2 issues, but cannot write to standard output: No space left on device" >expect &&
	test_cmp expect err &&
	echo 5 >expect &&
	issues >actual &&
	test_cmp expect actual
'

test_expect_success 'a write that was not made: exit 1 (refused), whatever its output' '
	test_expect_code 1 zdh issue add 树枝 --area 无此地 >/dev/full 2>err &&
	grep "^zdh: " err &&
	! grep written err &&
	echo 5 >expect &&
	issues >actual &&
	test_cmp expect actual
'

test_expect_success 'a cron job retries only what was not written' '
	cat >job.sh <<-\EOF &&
	for try in 1 2 3
	do
		"$ZDH" issue add 占道经营 --area 新桥 >/dev/full 2>>job.err
		case $? in 0|3) exit 0 ;; esac
	done
	exit 1
	EOF
	sh job.sh &&
	echo 6 >expect &&
	issues >actual &&
	test_cmp expect actual
'

test_done
