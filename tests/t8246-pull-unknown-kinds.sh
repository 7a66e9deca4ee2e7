#!/bin/sh
# A peer's events of a kind, or an operation of a kind, this zdh does not
# know (a newer zdh's, or made by hand) are kept, relayed and not folded
# (DESIGN §8).  verify warned of them; pull took them in silence, while
# it named malformed and refused events (t8245).  Now a pull or a clone
# that brings them says so once, in one line: how many, and the first
# few kinds and operations with their counts, not one line an event.
test_description='pull and clone tell a peer'"'"'s events of unknown kinds and operations, once, in one line'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: a peer whose log holds events of unknown kinds and operations' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq issue add 本地的事 >/dev/null &&
	craft_peer 路灯不亮 &&
	last=$(craft_many ya/.zdh $(craft_tip) <<-\EOF
	event visitlog YA-V1 add {"set":{"x":1}}
	event visitlog YA-V2 add {"set":{"x":1}}
	event issue YA-1 teleport {"set":{"x":1}}
	event issue YA-1 teleport {}
	event issue YA-1 fly {}
	EOF
	) &&
	craft_publish $last
'

test_expect_success 'pull says it in one line, and exits 0' '
	at xq pull ya >out 2>err &&
	echo "zdh: warning: 5 new events of kinds or operations this zdh does not know (kind '"'"'visitlog'"'"' 2, issue '"'"'teleport'"'"' 2, issue '"'"'fly'"'"' 1): kept and relayed, without effect here; upgrade zdh to fold them" >expect &&
	test_cmp expect err &&
	at xq issue show YA-1 >show &&
	grep "^YA-1  open  路灯不亮" show
'

test_expect_success 'once: the next pull says nothing' '
	at xq pull ya >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'many kinds: the first three named, the others counted' '
	last=$(craft_many ya/.zdh $(craft_tip) <<-\EOF
	event alpha YA-A1 add {}
	event beta YA-B1 add {}
	event gamma YA-C1 add {}
	event delta YA-D1 add {}
	event epsilon YA-E1 add {}
	event alpha YA-A2 add {}
	EOF
	) &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan $last &&
	at xq pull ya >out 2>err &&
	echo "zdh: warning: 6 new events of kinds or operations this zdh does not know (kind '"'"'alpha'"'"' 2, kind '"'"'beta'"'"' 1, kind '"'"'gamma'"'"' 1, and 2 more): kept and relayed, without effect here; upgrade zdh to fold them" >expect &&
	test_cmp expect err
'

test_expect_success 'one event: said in the singular' '
	last=$(craft_many ya/.zdh $(craft_tip) <<-\EOF
	event issue YA-1 fly {}
	EOF
	) &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan $last &&
	at xq pull ya >out 2>err &&
	echo "zdh: warning: 1 new event of a kind or operation this zdh does not know (issue '"'"'fly'"'"' 1): kept and relayed, without effect here; upgrade zdh to fold it" >expect &&
	test_cmp expect err
'

test_expect_success 'a clone says it too, in Chinese, in one line' '
	LANGUAGE=zh_CN "$ZDH" clone xq/.zdh third --replica third --prefix TH >/dev/null 2>err &&
	test_line_count = 1 err &&
	grep "^zdh: 警告：12 个新事件.*（类型 .visitlog. 2 个、.*、另有 5 个）" err &&
	! grep "new event" err
'

test_done
