#!/bin/sh
# A record id added twice (two add events of one id: a hostile peer adding
# its own prefix's id again, or another replica adding an id that exists,
# with a higher clock) was taken in silence by pull: the fold gives the
# second no effect ("issue YA-7 exists already", shown by log and show),
# the first add in fold order (clock, replica, commit) standing, on every
# replica whatever order the logs came in.  Now the pull that brings such
# an add names it, once, as it names a malformed one (t8245).
test_description='pull names an add of an id that exists; the first add in fold order stands everywhere'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

short () {
	echo $1 | cut -c1-12
}

test_expect_success 'setup: 新桥 office; a peer; another office that knows them both' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq issue add 本地的事 >/dev/null &&
	craft_peer 路灯不亮 &&
	craft_publish $(craft_tip) &&
	at xq pull ya 2>/dev/null &&
	zdh clone -q xq/.zdh th --replica third --prefix TH &&
	zdh clone -q xq/.zdh ev --replica evil --prefix EV &&
	at ev issue add 一 >/dev/null && at ev issue add 二 >/dev/null &&
	at ev issue add 三 >/dev/null
'

test_expect_success 'the peer adds YA-7 twice, the other office adds it once more, later' '
	a1=$(craft ya/.zdh $(craft_tip) event issue YA-7 add "{\"set\":{\"title\":\"甲\"}}") &&
	a2=$(craft ya/.zdh $a1 event issue YA-7 add "{\"set\":{\"title\":\"乙\"}}") &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan $a2 &&
	tip=$(git --git-dir=ev/.zdh rev-parse refs/zdh/log/evil) &&
	e1=$(CRAFT_REPLICA=evil craft ev/.zdh $tip event issue YA-7 add "{\"set\":{\"title\":\"丙\"}}") &&
	git --git-dir=ev/.zdh update-ref refs/zdh/log/evil $e1 &&
	at xq remote add ev ../ev &&
	at th remote add ya ../ya && at th remote add ev ../ev
'

test_expect_success 'pull names the second add, and exits 0; the first stands' '
	at xq pull ya >out 2>err &&
	echo "zdh: warning: refs/zdh/log/yanan: commit $(short $a2): added again, no effect: issue YA-7 exists already" >expect &&
	test_cmp expect err &&
	at xq issue show YA-7 >show &&
	grep "^YA-7  open  甲$" show &&
	grep "add  title=乙  \[no effect: issue YA-7 exists already\]" show
'

test_expect_success 'named once: the next pull says nothing' '
	at xq pull ya >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'another replica adding the id later: named too' '
	at xq pull ev >out 2>err &&
	echo "zdh: warning: refs/zdh/log/evil: commit $(short $e1): added again, no effect: issue YA-7 exists already" >expect &&
	test_cmp expect err
'

test_expect_success 'logs taken in the other order: the same state, each add named once' '
	at th pull ev >out 2>err &&
	grep "refs/zdh/log/evil: commit $(short $e1): no effect: prefix YA belongs to replica yanan" err &&
	at th pull ya >out 2>err &&
	echo "zdh: warning: refs/zdh/log/yanan: commit $(short $a2): added again, no effect: issue YA-7 exists already" >expect &&
	test_cmp expect err &&
	at th issue show YA-7 >show &&
	grep "^YA-7  open  甲$" show &&
	at xq export >a && at th export >b && test_cmp a b
'

test_expect_success 'in Chinese' '
	zdh clone -q xq/.zdh zh --replica zhong --prefix ZH 2>/dev/null &&
	at zh remote add ya ../ya &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan $(craft ya/.zdh $a2 event issue YA-1 add "{\"set\":{\"title\":\"丁\"}}") &&
	LANGUAGE=zh_CN at zh pull ya >out 2>err &&
	grep "^zdh: 警告：refs/zdh/log/yanan：提交 [0-9a-f]*：重复添加，无效果：" err
'

test_done
