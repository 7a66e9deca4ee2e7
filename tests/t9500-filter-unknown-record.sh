#!/bin/sh
# A list filtered by one record that is not there (council action list
# --decision XQ-D9, decision list --meeting, meeting list --issue, menu
# pairings --offer/--need) printed an empty list and exit 0, where a
# filter by a name that is not there (--council, --area, --dept) is
# refused: a mistyped id looked like "nothing yet".  Now it is refused as
# show refuses it: "no decision XQ-D9", exit 1.
test_description='list filters naming a record that is not there are refused'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a council with a meeting and a decision, a menu with a pairing' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 房管办 >/dev/null &&
	zdh org add --kind unit 上海博物馆 >/dev/null &&
	zdh issue add 电梯 --area 新桥 >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 >/dev/null &&
	zdh council member add XQ-C1 张老伯 --role 理事长 >/dev/null &&
	zdh council meeting add XQ-C1 --present 张老伯 --agenda XQ-1 >/dev/null &&
	zdh council decide XQ-M1 --motion 加装电梯 --issue XQ-1 --for 张老伯 \
		--action 联系施工 --dept 房管办 >/dev/null &&
	zdh menu offer add 文物讲座 --provider 上海博物馆 --category education >/dev/null &&
	zdh menu need add 老人学习 --area 新桥 --category education >/dev/null &&
	zdh menu pair XQ-N1 XQ-F1 >/dev/null
'

refused () {	# refused MESSAGE ARGS...
	msg=$1 && shift &&
	test_expect_code 1 zdh "$@" >out 2>err &&
	test_must_be_empty out &&
	echo "zdh: $msg" >expect &&
	test_cmp expect err
}

test_expect_success 'each filter by an unknown record: one line, exit 1' '
	refused "no decision XQ-D9" council action list --decision XQ-D9 &&
	refused "no meeting XQ-M9" council decision list --meeting xq-m9 &&
	refused "no issue XQ-99" council meeting list --issue XQ-99 &&
	refused "no offer XQ-F9" menu pairings --offer XQ-F9 &&
	refused "no need XQ-N9" menu pairings --need XQ-N9 &&
	refused "no decision XQ-D9" council action list --decision XQ-D9 --format csv
'

test_expect_success 'a record of another kind is not there either' '
	refused "XQ-F1 is an offer, not an issue" council meeting list --issue XQ-F1 &&
	refused "XQ-N1 is a need, not an offer" menu pairings --offer XQ-N1
'

test_expect_success 'the records that are there still filter' '
	zdh council action list --decision xq-d1 --format csv >out &&
	test_line_count = 2 out &&
	grep "联系施工" out &&
	zdh council decision list --meeting XQ-M1 --format csv >out &&
	test_line_count = 2 out &&
	zdh council meeting list --issue XQ-1 --format csv >out &&
	test_line_count = 2 out &&
	zdh menu pairings --offer XQ-F1 --format csv >out &&
	test_line_count = 2 out &&
	zdh menu pairings --need XQ-N1 --format csv >out &&
	test_line_count = 2 out
'

# visit list --liaison: a name no liaison has printed an empty list, and
# the liaison's id (XQ-L1) found none of its visits
test_expect_success 'visit list --liaison: by name or id, live or retired; an unknown one refused' '
	zdh org add --kind dept 派出所 >/dev/null &&
	zdh visit liaison add 王强 --dept 派出所 --areas 新桥 >/dev/null &&
	zdh visit add --area 新桥 --liaison 王强 -m 看了 >/dev/null &&
	zdh visit list --liaison 王强 --format csv >by_name &&
	test_line_count = 2 by_name &&
	zdh visit list --liaison xq-l1 --format csv >by_id &&
	test_cmp by_name by_id &&
	test_refused "no liaison named '\''王'\''; did you mean '\''王强'\''?" visit list --liaison 王 &&
	test_refused "no liaison named '\''张飞'\'' (see '\''zdh visit liaison list'\'')" visit list --liaison 张飞 &&
	zdh visit liaison retire 王强 -m 调走 &&
	zdh visit list --liaison 王强 --format csv >retired &&
	test_cmp by_name retired
'

test_expect_success 'in Chinese' '
	LANGUAGE=zh_CN test_expect_code 1 zdh council action list --decision XQ-D9 2>err &&
	echo "zdh: 没有决议 XQ-D9" >expect &&
	test_cmp expect err
'

test_done
