#!/bin/sh
# A pull names a peer's malformed events and the events it refuses one
# line each (t8245, t8100): a peer sending 100,000 of them got 100,000
# lines, and the one line that matters was lost in them.  Now each such
# list says its first 10 and then, in one line, how many more it did not
# name ("and N more ...", as git says it), in English and in Chinese.
test_description='pull: the lines naming a peer'"'"'s malformed and refused events, capped'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: a peer whose log holds 25 malformed events and 12 forged ids' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq issue add 本地的事 >/dev/null &&
	craft_peer 路灯不亮 &&
	for i in $(seq 1 25)
	do
		echo "event issue YA-1 edit {\"set\":{\"title\":$i}}"
	done >specs &&
	for i in $(seq 11 22)
	do
		echo "event issue XQ-$i add {\"set\":{\"title\":\"抢来的$i\"}}"
	done >>specs &&
	craft_publish $(craft_many ya/.zdh $(craft_tip) <specs) &&
	cp -a xq xq.zh
'

test_expect_success 'pull names 10 of each list, then how many more' '
	at xq pull ya >out 2>err &&
	test $(grep -c ": malformed, no effect: title is not text$" err) = 10 &&
	test $(grep -c ": no effect: prefix XQ belongs to replica xinqiao$" err) = 10 &&
	grep -v ": commit [0-9a-f]*: " err >rest &&
	cat >expect <<-\EOF &&
	zdh: warning: and 15 more malformed events without effect, not named here (zdh log shows each)
	zdh: warning: and 2 more events without effect, not named here (zdh log shows each)
	EOF
	test_cmp expect rest &&
	test_line_count = 22 err
'

test_expect_success 'what was not named is still without effect, and shown by log' '
	at xq log --record YA-1 >log &&
	test $(grep -c "\[no effect: title is not text\]" log) = 25 &&
	test_expect_code 1 at xq issue show XQ-22 2>/dev/null
'

test_expect_success 'in Chinese' '
	LANGUAGE=zh_CN at xq.zh pull ya >out 2>err &&
	test_line_count = 22 err &&
	grep "^zdh: 警告：另有 15 个格式不符的事件无效果，未在此列出（zdh log 逐一显示）$" err &&
	grep "^zdh: 警告：另有 2 个事件无效果，未在此列出（zdh log 逐一显示）$" err
'

test_expect_success 'ten or fewer: all named, no count' '
	for i in $(seq 1 10)
	do
		echo "event issue YA-1 edit {\"set\":{\"title\":$i}}"
	done >specs &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan $(craft_many ya/.zdh $(craft_tip) <specs) &&
	at xq pull ya >out 2>err &&
	test_line_count = 10 err &&
	! grep "more" err
'

test_done
