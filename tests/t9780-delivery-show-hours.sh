#!/bin/sh
# `menu deliver --hours 1.5` kept 90 minutes, which the offer's table of
# deliveries shows (HOURS 1.50) and JSON gives ("minutes": 90), but
# `menu show` of the delivery itself left the hours out.  It shows them.
test_description='menu show of a delivery: its hours'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a delivery of an hour and a half' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind unit 上海博物馆 >/dev/null &&
	zdh menu offer add 助老结对 --provider 上海博物馆 --category elderly >/dev/null &&
	zdh menu deliver XQ-F1 --people 3 --hours 1.5 >/dev/null &&
	zdh menu deliver XQ-F1 --people 2 >/dev/null
'

test_expect_success 'show gives the hours, in English and in Chinese' '
	zdh menu show XQ-Y1 >out &&
	printf "XQ-Y1  delivery\npeople:       3\nhours:        1.50\n" >expect &&
	head -n 3 out >actual &&
	test_cmp expect actual &&
	zh menu show XQ-Y1 >out &&
	grep "^小时：        1.50\$" out &&
	zdh menu show XQ-Y2 >out &&
	! grep "^hours:" out
'

test_done
