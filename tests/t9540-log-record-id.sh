#!/bin/sh
# `zdh log --record xq-1` printed nothing, exit 0, where `issue show
# xq-1` shows XQ-1: the id was compared as typed.  And `log --record
# XQ-99`, an id no event names, printed an empty log, exit 0, so that a
# mistyped id looked like a record without events; a list filtered by a
# record that is not there is refused (t9500), so is this now.
test_description='log --record: an id in lower case, an id that is not there, an id as the argument'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh issue add 路灯不亮 --area 新桥 >/dev/null &&
	zdh issue comment XQ-1 -m 已报修 >/dev/null
'

test_expect_success 'an id in lower case is the id' '
	zdh log --record XQ-1 >expect &&
	test_line_count = 2 expect &&
	zdh log --record xq-1 >actual &&
	test_cmp expect actual &&
	zdh log --record xq-o1 --json >actual.json &&
	grep "\"record\": \"XQ-O1\"" actual.json
'

test_expect_success 'an id no event names is refused, in both languages' '
	test_refused "no record XQ-99" log --record XQ-99 &&
	test_refused "no record XQ-99" log --record xq-99 --since 2026-01-01 &&
	test_expect_code 1 zh log --record XQ-99 2>err &&
	echo "zdh: 没有记录 XQ-99" >expect && test_cmp expect err
'

test_expect_success 'a record with no event in the window is an empty log, not refused' '
	zdh log --record XQ-1 --until 2000-01-01 >out &&
	test_must_be_empty out
'

test_expect_success 'zdh log ID is zdh log --record ID, as git log takes what to show' '
	zdh log --record XQ-1 >expect &&
	zdh log xq-1 >actual &&
	test_cmp expect actual &&
	zdh log XQ-1 -n 1 --json >actual.json &&
	grep "\"record\": \"XQ-1\"" actual.json &&
	test_refused "no record XQ-99" log XQ-99
'

test_expect_success 'an id and --record both: a usage error, nothing printed' '
	test_expect_code 129 zdh log XQ-1 --record XQ-1 >out 2>err &&
	test_must_be_empty out &&
	grep "give the record as an argument or with --record, not both" err
'

test_done
