#!/bin/sh
# Without signatures, show's history and log named a writer by name (and
# department) only: 王芳 of a peer office could not be told from this
# office's 王芳.  Now a writer of another replica is named with it,
# "王芳@yanan (房管办)", by every show and by log alike; this replica's
# own writers as before; the JSON forms unchanged (log --json has the
# replica as a field).
test_description='show and log name the replica of a writer of another office'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: two offices, one writer name at both' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq issue add 楼道堆物 --area 新桥 >/dev/null &&
	zdh clone -q xq/.zdh ya --replica yanan --prefix YA &&
	at ya org add --kind dept 房管办 >/dev/null &&
	at ya config user.dept 房管办 &&
	at ya issue comment XQ-1 -m 已看过 >/dev/null &&
	at ya org edit 新桥 --name 新桥片 >/dev/null &&
	at xq remote add ya ../ya &&
	at xq pull ya >/dev/null
'

test_expect_success 'issue show: the peer writer with its replica, ours as before' '
	at xq issue show XQ-1 >show &&
	sed -n "/^history:/,\$p" show | cut -c19- >actual &&
	cat >expect <<-\EOF &&
	测试员                 add      area=新桥 category=other source=other title=楼道堆物
	测试员@yanan (房管办)  comment  已看过
	EOF
	sed 1d actual >rows &&
	test_cmp expect rows
'

test_expect_success 'org show the same' '
	at xq org show 新桥片 >show &&
	grep "  测试员@yanan (房管办)  edit  name=新桥片$" show &&
	grep -E "  测试员 +add +kind=area name=新桥$" show
'

test_expect_success 'log the same; at the other office it is ours that has its replica' '
	at xq log >log &&
	grep -E "  测试员@yanan \(房管办\)  XQ-1 +comment  " log &&
	grep -E "  测试员 +XQ-1 +add  " log &&
	at ya pull >/dev/null &&
	at ya log >log &&
	grep -E "  测试员@xinqiao +XQ-1 +add  " log &&
	grep -E "  测试员 \(房管办\) +XQ-1 +comment  " log
'

test_expect_success 'in Chinese the same' '
	LANGUAGE=zh_CN at xq issue show XQ-1 >show &&
	grep "  测试员@yanan（房管办）  留言  已看过$" show
'

test_expect_success 'the JSON forms unchanged' '
	at xq issue show XQ-1 --json >json &&
	! grep "@yanan" json &&
	at xq log --json >json &&
	! grep "@yanan" json &&
	grep "\"replica\": \"yanan\"" json
'

test_done
