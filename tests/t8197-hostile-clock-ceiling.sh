#!/bin/sh
test_description='a peer valid event at the clock ceiling (2^48) does not stop the writes of those who pull it'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

# A clock is one more than the highest the writer holds: a peer's valid
# event at exactly 2^48 (made with plain git) left no valid clock for any
# write after it, on every replica that pulled it ("clock ... is outside 1
# to ...").  A writer counts on from the highest clock below 2^47, which
# no zdh reaches, and above its own log's last (zdh-repository(5), ORDER).
test_expect_success 'a peer whose log ends on a comment at clock 2^48' '
	CRAFT_REPLICA=yanan && export CRAFT_REPLICA &&
	zdh init --replica yanan --prefix YA peer >/dev/null &&
	at peer issue add "路灯不亮" >/dev/null &&
	at peer issue comment YA-1 -m "已报修" >/dev/null &&
	tip=$(git --git-dir=peer/.zdh rev-parse refs/zdh/log/yanan) &&
	tip=$(craft peer/.zdh "$tip" clock 281474976710656) &&
	git --git-dir=peer/.zdh update-ref refs/zdh/log/yanan "$tip"
'

test_expect_success 'pulled: the event is valid, and writes go on below 2^47' '
	zdh init --replica xinqiao --prefix XQ a >/dev/null &&
	at a issue add "本地的事" >/dev/null &&
	at a remote add peer ../peer &&
	at a pull peer >out 2>err &&
	! grep "invalid event" err &&
	at a issue add "拉取之后" >out &&
	echo XQ-2 >expect && test_cmp expect out &&
	at a log --record XQ-2 --json >log.json &&
	grep "\"clock\": 3," log.json &&
	at a issue comment YA-1 -m "本地跟进" &&
	at a log --record YA-1 --json >log.json &&
	grep "\"clock\": 4," log.json &&
	grep "\"clock\": 281474976710656," log.json &&
	zdh -C a verify
'

test_expect_success 'after a rebuild, and on a replica that pulls a first: the same state' '
	at a reindex >/dev/null 2>&1 &&
	at a issue add "重建之后" >out &&
	echo XQ-3 >expect && test_cmp expect out &&
	zdh init --replica jiangning --prefix JN b >/dev/null &&
	at b remote add a ../a &&
	at b remote add peer ../peer &&
	at b pull a >/dev/null 2>&1 &&
	at b pull peer >/dev/null 2>&1 &&
	at b issue add "乙的" >out &&
	echo JN-1 >expect && test_cmp expect out &&
	at a remote add b ../b &&
	at a pull b >/dev/null 2>&1 &&
	at a export >a.json &&
	at b export >b.json &&
	test_cmp a.json b.json
'

test_expect_success 'the peer itself, whose own log holds it, is still held by the ceiling' '
	test_expect_code 1 zdh -C peer issue add "再来" >out 2>err &&
	test_must_be_empty out &&
	grep "clock 281474976710657 is outside 1 to 281474976710656" err
'

test_done
