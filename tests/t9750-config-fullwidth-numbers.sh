#!/bin/sh
# `zdh config zdh.overdue-days １５` (full-width digits, as a Chinese input
# method types them) was refused, "must be a whole number", where every
# option's number takes them.  A numeric key's value is kept in ASCII
# now; other values (a category's title) are kept as typed.
test_description='config: full-width digits in a numeric value'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null
'

test_expect_success 'numeric keys take full-width digits, kept in ASCII' '
	zdh config zdh.overdue-days １５ &&
	zdh config zdh.lock-timeout "　２０ " &&
	zdh config zdh.attachment-max ２０ｍ &&
	zdh config category.other.response-days ５ &&
	zdh config --global zdh.lock-timeout ３ &&
	zdh config zdh.overdue-days >actual &&
	zdh config zdh.attachment-max >>actual &&
	zdh config category.other.response-days >>actual &&
	zdh config --global zdh.lock-timeout >>actual &&
	printf "15\n20m\n5\n3\n" >expect &&
	test_cmp expect actual &&
	git --git-dir=.zdh log -1 --format=%s refs/zdh/log/xinqiao >subject &&
	echo "setting set zdh.overdue-days 15" >expect &&
	test_cmp expect subject
'

test_expect_success 'a title is kept as typed; a wrong number still refused' '
	zdh config category.other.title 其他１ &&
	echo 其他１ >expect &&
	zdh config category.other.title >actual &&
	test_cmp expect actual &&
	test_refused "zdh.overdue-days must be a whole number of days from 0 to 1000000" config zdh.overdue-days １ｘ
'

test_done
