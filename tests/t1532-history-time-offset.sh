#!/bin/sh
# A time written with an offset other than the repository zone's (a
# script's --date 2026-11-30T16:30:00Z) is shown with that offset, in
# histories, zdh log and show's times under zh_CN: it is 1 December
# 00:30 in Shanghai, where issue list --since and the reports count it,
# and "2026-11-30 16:30" alone read as a November issue that no November
# list held.  A time in the repository's own zone is shown as before.
test_description='histories show a time of another offset with its offset'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: one issue dated in UTC, one in the repository zone' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 --date 2026-01-01 >/dev/null &&
	zdh issue add 边界 --area 新桥 --date 2026-11-30T16:30:00Z >/dev/null &&
	zdh issue add 正常 --area 新桥 --date "2026-11-30 16:30" >/dev/null
'

test_expect_success 'lists and reports count the UTC one in December' '
	zdh issue list --since 2026-12-01 --until 2026-12-01 --format csv >list &&
	cut -d, -f1 list >ids &&
	printf "id\nXQ-1\n" >expect &&
	test_cmp expect ids
'

test_expect_success 'show: its history line and created say +00:00' '
	zdh issue show XQ-1 >show &&
	grep "^2026-11-30 16:30 +00:00  测试员  add " show &&
	zh issue show XQ-1 >show.zh &&
	grep "^创建于：      2026-11-30 16:30 +00:00$" show.zh &&
	grep "^2026-11-30 16:30 +00:00  测试员  新增 " show.zh
'

test_expect_success 'log: the same' '
	zdh log --record XQ-1 >log &&
	grep "^2026-11-30 16:30 +00:00  测试员  XQ-1 " log
'

test_expect_success 'a time in the repository zone: no offset, as before' '
	zdh issue show XQ-2 >show &&
	grep "^2026-11-30 16:30  测试员  add " show &&
	zh issue show XQ-2 >show.zh &&
	grep "^创建于：      2026-11-30 16:30$" show.zh &&
	zdh log --record XQ-2 >log &&
	grep "^2026-11-30 16:30  测试员  XQ-2 " log &&
	! grep "+0" log
'

test_done
