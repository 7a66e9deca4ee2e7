#!/bin/sh
# The lists of a peer's malformed and refused events a pull prints are
# capped at 10 and a count (t8247), but its invalid events were named one
# line each, by whatever command caught the index up: a log of 25 invalid
# events made 25 lines, and a hub showing 30 names for one log (each an
# invalid event there: its replica is another's) 30, 3,000 for 3,000
# names, the line that mattered lost among them.  Now that list says its
# first 10 and how many more, as the others do; verify names every one.
test_description='the lines naming a peer'"'"'s invalid events, capped'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: a peer whose log holds 25 invalid events' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq issue add 本地的事 >/dev/null &&
	craft_peer 路灯不亮 &&
	for i in $(seq 1 25)
	do
		echo field
	done >specs &&
	craft_publish $(craft_many ya/.zdh $(craft_tip) <specs) &&
	cp -a xq xq.zh
'

test_expect_success 'pull names 10, then how many more; verify names all 25' '
	at xq pull ya >out 2>err &&
	test $(grep -c ": invalid event (event: .*); it has no effect (see '"'"'zdh verify'"'"')$" err) = 10 &&
	grep -v ": commit [0-9a-f]*: " err >rest &&
	echo "zdh: warning: and 15 more invalid events, not named here (zdh verify names each)" >expect &&
	test_cmp expect rest &&
	test_line_count = 11 err &&
	test_expect_code 1 at xq verify >out 2>err &&
	test $(grep -c ": invalid event (event: " err) = 25
'

test_expect_success 'in Chinese' '
	LANGUAGE=zh_CN at xq.zh pull ya >out 2>err &&
	test_line_count = 11 err &&
	grep "^zdh: 警告：另有 15 个无效事件，未在此列出（zdh verify 逐一列出）$" err
'

test_expect_success 'a hub naming one log 30 times: 10 lines and a count' '
	git init -q --bare hub.git &&
	at ya remote add hub ../hub.git && at ya push -q hub &&
	tip=$(git --git-dir=hub.git rev-parse refs/zdh/log/yanan) &&
	for i in $(seq 1 30)
	do
		git --git-dir=hub.git update-ref refs/zdh/log/alias$i $tip || return 1
	done &&
	zdh init --replica tianjin --prefix TJ tj >/dev/null 2>&1 &&
	at tj remote add hub ../hub.git &&
	at tj pull hub >out 2>err &&
	test_line_count = 11 err &&
	tail -n 1 err >last &&
	grep "^zdh: warning: and [0-9]* more invalid events, not named here (zdh verify names each)$" last
'

test_done
