#!/bin/sh
# zdh(1) EXIT STATUS: --limit, --offset or -n given no number is a usage
# error (129), the message followed by the verb's usage, as issue list
# --limit and log -n have it.  menu match read its --limit itself and
# refused "--limit abc" as bad input (exit 1, no usage), with a message
# ("a whole number from 0 to 1000000") that --limit 0 then contradicted
# ("must be 1 or more").  It reads it as log -n does: a positive number.
test_description='menu match --limit: a usage error as every --limit'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a need and two offers' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind unit 博物馆 >/dev/null &&
	zdh menu offer add 助老 --provider 博物馆 --category elderly >/dev/null &&
	zdh menu offer add 讲座 --provider 博物馆 --category education >/dev/null &&
	zdh menu need add 陪伴 --area 新桥 --category elderly >/dev/null
'

test_expect_success '--limit abc and --limit 0: usage errors, as issue list and log say them' '
	test_expect_code 129 zdh menu match XQ-N1 --limit abc 2>err &&
	head -1 err >first &&
	echo "zdh: --limit needs a positive number" >expect &&
	test_cmp expect first &&
	grep "^usage: zdh menu match " err &&
	test_expect_code 129 zdh menu match XQ-N1 --limit 0 2>err &&
	head -1 err >first &&
	test_cmp expect first &&
	test_expect_code 129 zdh issue list --limit abc 2>err &&
	grep "^usage: zdh issue list " err
'

test_expect_success '--limit N and ２ as typed: N candidates; without it up to 10' '
	zdh menu match XQ-N1 --limit 1 --format csv >out &&
	test_line_count = 2 out &&
	zdh menu match XQ-N1 --limit ２ --format csv >out &&
	test_line_count = 3 out &&
	zdh menu match XQ-N1 --format csv >out &&
	test_line_count = 3 out &&
	test_expect_code 129 zdh menu match XQ-N1 --limit 1 --all 2>err &&
	grep "cannot be used together" err
'

test_done
