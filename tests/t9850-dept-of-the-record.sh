#!/bin/sh
# A liaison acts on the issues of its own department: an event on an
# issue that has a department is judged in the issue's department, not
# the one the event names (trust version 4).  Before, a liaison of 城管
# signing a `return` of an issue 房管办 had claimed, naming 城管 in the
# event's data, passed the role check and took effect on every replica.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

test_expect_success 'setup: an issue claimed by 房管办' '
	keys wf fg cg &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs area 新桥 &&
	orgs dept 房管办 城管 &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email wf@example.org --key wf.pub >/dev/null &&
	zdh person add 房一 --email fg@example.org --key fg.pub >/dev/null &&
	zdh person add 城一 --email cg@example.org --key cg.pub >/dev/null &&
	zdh person grant XQ-U1 subdistrict-admin &&
	zdh person grant XQ-U2 liaison --dept 房管办 &&
	zdh person grant XQ-U3 liaison --dept 城管 &&
	zdh issue add 楼道漏水 --area 新桥 --category parking --source visit >/dev/null &&
	env ZDH_SIGNING_KEY="$HOME/fg" "$ZDH" issue claim XQ-1 --dept 房管办 >/dev/null &&
	test_expect_code 1 env ZDH_SIGNING_KEY="$HOME/cg" "$ZDH" issue return XQ-1 --reason not-our-area -m 不归我们 2>err &&
	grep "needs the role" err
'

test_expect_success 'a crafted return naming 城管, signed by its liaison, has no effect' '
	cg_id=$(zdh org show 城管 --json | sed -n "s/.*\"id\": \"\\(XQ-O[0-9]*\\)\".*/\\1/p" | head -1) &&
	test -n "$cg_id" &&
	now=$(date +%s) && CRAFT_AT=$now && export CRAFT_AT &&
	d=$(TZ=Asia/Shanghai date -d @$now +%Y-%m-%dT%H:%M:%S+08:00) &&
	git init -q --bare evil.git &&
	signed evil.git refs/zdh/log/evil cg "issue return XQ-1" \
		"{\"actor\":{\"email\":\"x@example.org\",\"name\":\"攻击者\"},\"clock\":500,\"data\":{\"dept\":\"$cg_id\",\"message\":\"不归我们\",\"reason\":\"not-our-area\"},\"date\":\"$d\",\"kind\":\"issue\",\"op\":\"return\",\"record\":\"XQ-1\",\"replica\":\"evil\",\"seen\":null,\"v\":2}" >/dev/null &&
	zdh remote add evil evil.git && zdh pull evil >/dev/null 2>&1 &&
	zdh log --record XQ-1 >log &&
	grep "return.*no effect: issue return needs the role liaison" log &&
	zdh issue show XQ-1 --json >show &&
	grep "\"status\": \"claimed\"" show
'

test_expect_success 'its own liaison returns it' '
	env ZDH_SIGNING_KEY="$HOME/fg" "$ZDH" issue return XQ-1 --reason not-our-area -m 转交 &&
	zdh issue show XQ-1 --json >show &&
	grep "\"status\": \"open\"" show
'

test_done
