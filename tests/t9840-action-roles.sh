#!/bin/sh
# A council's actions are set by its officers and done by them or the
# department that does them (action version 2).  Before, an action took
# any role but auditor: a council secretary of 延安 added an action to
# 新桥's council, naming its area 新桥, and a liaison of another
# department marked it done.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

test_expect_success 'setup: roles, 新桥 council with an adopted decision' '
	keys wf cs fg cg &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs area 新桥 延安 &&
	orgs dept 房管办 城管 &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email wf@example.org --key wf.pub >/dev/null &&
	zdh person add 钱七 --email cs@example.org --key cs.pub >/dev/null &&
	zdh person add 房一 --email fg@example.org --key fg.pub >/dev/null &&
	zdh person add 城一 --email cg@example.org --key cg.pub >/dev/null &&
	zdh person grant XQ-U1 subdistrict-admin &&
	zdh person grant XQ-U1 council-secretary --area 新桥 &&
	zdh person grant XQ-U2 council-secretary --area 延安 &&
	zdh person grant XQ-U3 liaison --dept 房管办 &&
	zdh person grant XQ-U4 liaison --dept 城管 &&
	zdh council add 新桥理事会 --area 新桥 --date 2024-01-10 >/dev/null &&
	for m in 甲 乙 丙; do zdh council member add XQ-C1 $m --role member --date 2024-01-10 || return 1; done &&
	zdh council meeting add XQ-C1 --present 甲,乙,丙 --date 2024-02-01 >/dev/null &&
	zdh council decide XQ-M1 --motion 修路 --for 甲,乙 --close --date 2024-02-01 >/dev/null &&
	zdh council decision show XQ-D1 >out &&
	grep adopted out
'

test_expect_success 'a council secretary of 延安 cannot add an action to 新桥 council' '
	test_expect_code 1 env ZDH_SIGNING_KEY="$HOME/cs" "$ZDH" council action add XQ-D1 \
		--action 夺权 --dept 城管 --date 2024-02-02 2>err &&
	grep "needs the role" err &&
	zdh council action list --council XQ-C1 >list &&
	! grep 夺权 list
'

test_expect_success 'its own secretary can' '
	zdh council action add XQ-D1 --action 修路面 --dept 房管办 --date 2024-02-02 >id &&
	echo XQ-A1 >expect &&
	test_cmp expect id
'

test_expect_success 'a liaison of another department cannot mark it done; its own can' '
	test_expect_code 1 env ZDH_SIGNING_KEY="$HOME/cg" "$ZDH" council action done XQ-A1 \
		--date 2024-03-01 2>err &&
	grep "needs the role" err &&
	env ZDH_SIGNING_KEY="$HOME/fg" "$ZDH" council action done XQ-A1 --date 2024-03-01 &&
	zdh council action list --council XQ-C1 >list &&
	grep "XQ-A1.*done" list
'

test_expect_success 'a crafted done naming the liaison'"'"'s own department has no effect' '
	zdh council action add XQ-D1 --action 修路灯 --dept 房管办 --date 2024-02-02 >id &&
	id=$(cat id) &&
	c=$(cg_id=$(zdh org show 城管 --json | sed -n "s/.*\"id\": \"\(XQ-O[0-9]*\)\".*/\1/p" | head -1) &&
		now=$(date +%s) && d=$(TZ=Asia/Shanghai date -d @$now +%Y-%m-%dT%H:%M:%S+08:00) &&
		CRAFT_AT=$now && export CRAFT_AT &&
		git init -q --bare evil.git &&
		signed evil.git refs/zdh/log/evil cg "action done $id" \
		"{\"actor\":{\"email\":\"x@example.org\",\"name\":\"攻击者\"},\"clock\":500,\"data\":{\"set\":{\"dept\":\"$cg_id\"}},\"date\":\"$d\",\"kind\":\"action\",\"op\":\"done\",\"record\":\"$id\",\"replica\":\"evil\",\"seen\":null,\"v\":2}") &&
	zdh remote add evil evil.git && zdh pull evil >/dev/null 2>&1 &&
	zdh log --record $id >log &&
	grep "action done.*no effect" log &&
	zdh council action list --council XQ-C1 >list &&
	grep "$id .*open .*房管办" list
'

test_done
