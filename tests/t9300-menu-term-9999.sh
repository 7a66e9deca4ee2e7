#!/bin/sh
# A pairing's term walked month by month up to its last month: a term
# ending in December 9999 (the last month a day can name) wrapped to
# 0000-01 and never ended, on the write and in the fold of every office
# that pulled the take (a hostile peer's one event hung them all).
test_description='a menu term ending in 9999-12 ends'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: an offer with a capacity, two needs' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq org add --kind unit 博物馆 >/dev/null &&
	at xq menu offer add 活动 --provider 博物馆 --category education --capacity 1 >/dev/null &&
	at xq menu need add 孤老 --area 新桥 --category education >/dev/null &&
	at xq menu need add 助学 --area 新桥 --category education >/dev/null
'

test_expect_success 'a pairing until 9999-12-31 is written, and the next is full' '
	timeout 20 "$ZDH" -C xq menu pair XQ-N1 XQ-F1 --from 9999-11-01 --until 9999-12-31 >out &&
	echo XQ-P1 >expect && test_cmp expect out &&
	test_expect_code 1 timeout 20 "$ZDH" -C xq menu pair XQ-N2 XQ-F1 --from 9999-12-01 2>err &&
	echo "zdh: offer XQ-F1 is full in 9999-12: capacity 1 a month, 1 taken (XQ-P1)" >expect &&
	test_cmp expect err
'

test_expect_success 'a term from 9999 without --until ends on 9999-12-31, not in year 0' '
	at xq menu need add 助残 --area 新桥 --category education >/dev/null &&
	at xq menu offer add 讲座 --provider 博物馆 --category education >/dev/null &&
	timeout 20 "$ZDH" -C xq menu pair XQ-N3 XQ-F2 --from 9999-06-01 >/dev/null &&
	at xq menu pairings --format csv >out &&
	grep "^XQ-P2,XQ-N3,XQ-F2,9999-06-01,9999-12-31," out
'

test_expect_success 'a peer'\''s take until 9999-12-31 folds and has its effect' '
	CRAFT_REPLICA=yanan && export CRAFT_REPLICA &&
	at xq menu offer add 课堂 --provider 博物馆 --category education --capacity 1 >/dev/null &&
	zdh init --replica yanan --prefix YA ya >/dev/null &&
	at ya remote add origin ../xq && at ya pull >/dev/null 2>&1 &&
	at ya issue add 路灯 >/dev/null &&
	tip=$(craft_tip) &&
	seen=$(git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao) &&
	tip=$(craft ya/.zdh "$tip" event offer XQ-F3 take \
		"{\"pairing\":\"YA-P9\",\"from\":\"9999-01-01\",\"until\":\"9999-12-31\"}") &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan "$tip" &&
	zdh init --replica tianjin --prefix TJ tj >/dev/null &&
	at tj remote add origin ../ya &&
	timeout 60 "$ZDH" -C tj pull >/dev/null 2>err &&
	timeout 20 "$ZDH" -C tj menu show XQ-F3 --json >out &&
	grep "\"YA-P9\"" out &&
	test_must_be_empty err
'

test_done
