#!/bin/sh
# A scoped role writes in its own area only.  The role check of an event
# on a record that exists reads the record's own area, not the one the
# event names (an edit moving it needs the role in both: trust version 3),
# and a meeting, decision or action is its council's only when its area
# is one the council has had (council version 4): a council secretary of
# 延安 signing a decision that names 新桥's council and the area 延安 is
# not counted under that council on any replica.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

test_expect_success 'setup: roles, 新桥 council with a meeting' '
	keys wf cs &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs area 新桥 延安 &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email wf@example.org --key wf.pub >/dev/null &&
	zdh person add 钱七 --email cs@example.org --key cs.pub >/dev/null &&
	zdh person grant XQ-U1 subdistrict-admin &&
	zdh person grant XQ-U2 council-secretary --area 延安 &&
	zdh person grant XQ-U1 council-secretary --area 新桥 &&
	zdh council add 新桥理事会 --area 新桥 --date 2024-01-10 >/dev/null &&
	for m in 甲 乙 丙; do zdh council member add XQ-C1 $m --role member --date 2024-01-10 || return 1; done &&
	zdh council meeting add XQ-C1 --present 甲,乙,丙 --date 2024-02-01 >/dev/null &&
	zdh council decide XQ-M1 --motion 修路 --date 2024-02-01 >/dev/null
'

test_expect_success 'a secretary of 延安 cannot move 新桥 council into 延安' '
	test_expect_code 1 env ZDH_SIGNING_KEY="$HOME/cs" "$ZDH" council edit XQ-C1 --area 延安 2>err &&
	grep "needs the role" err && grep 新桥 err &&
	zdh council show XQ-C1 >out &&
	grep "^area: *新桥" out
'

test_expect_success 'nor decide in it' '
	test_expect_code 1 env ZDH_SIGNING_KEY="$HOME/cs" "$ZDH" council decide XQ-M1 --motion 夺权 --date 2024-02-01 2>err &&
	grep "needs the role" err
'

test_expect_success 'a crafted decision naming 延安 and XQ-C1 is not counted under XQ-C1' '
	a1=$(zdh org show 延安 --json | sed -n "s/.*\"id\": \"\\(XQ-O[0-9]*\\)\".*/\\1/p" | head -1) &&
	test -n "$a1" &&
	now=$(date +%s) && CRAFT_AT=$now && export CRAFT_AT &&
	d=$(TZ=Asia/Shanghai date -d @$now +%Y-%m-%dT%H:%M:%S+08:00) &&
	j=$(A=$a1 D=$d perl -MJSON::PP -e "print JSON::PP->new->utf8->canonical->encode({actor=>{email=>q(x@example.org),name=>qq(\x{653b}\x{51fb}\x{8005})},clock=>100,date=>\$ENV{D},kind=>q(decision),op=>q(add),record=>q(EV-D1),replica=>q(evil),seen=>undef,v=>2,data=>{close=>JSON::PP::true,present=>[qw(a)],rule=>{majority=>q(simple),quorum=>q(1)},set=>{area=>\$ENV{A},council=>q(XQ-C1),date=>q(2024-02-01),meeting=>q(XQ-M1),motion=>q(takeover),type=>q(general)},voters=>[qw(a)],votes=>{a=>q(for)}}})") &&
	git init -q --bare evil.git &&
	signed evil.git refs/zdh/log/evil cs "decision add EV-D1" "$j" >/dev/null &&
	zdh remote add evil evil.git && zdh pull evil >/dev/null 2>&1 &&
	zdh council show XQ-C1 >out &&
	grep "^decisions: *1 " out &&
	zdh council decision list --council XQ-C1 >list &&
	! grep EV-D1 list && grep 修路 list &&
	zdh council decision list --meeting XQ-M1 >list &&
	! grep EV-D1 list &&
	zdh council decision show EV-D1 >show &&
	grep "not XQ-C1" show &&
	zdh council decision show EV-D1 --json >show.json &&
	grep "\"of_council\": false" show.json &&
	zdh council decision show XQ-D1 --json >own.json &&
	grep "\"of_council\": true" own.json
'

test_expect_success 'a project cannot come from it' '
	test_expect_code 1 zdh project add 夺来的项目 --area 新桥 --kind micro --decision EV-D1 2>err &&
	grep "EV-D1 is not XQ-C1" err
'

test_expect_success 'a council moved by one who may keeps its earlier decisions' '
	zdh council edit XQ-C1 --area 延安 &&
	zdh council show XQ-C1 >out &&
	grep "^area: *延安" out &&
	zdh council decision list --council XQ-C1 >list &&
	grep 修路 list &&
	zdh council meeting list --council XQ-C1 >list &&
	grep XQ-M1 list
'

test_expect_success 'an issue: staff of one area cannot move it into, or out of, another' '
	keys as &&
	zdh person add 赵六 --email as@example.org --key as.pub >/dev/null &&
	zdh person grant XQ-U3 area-staff --area 延安 &&
	zdh issue add 楼道堆物 --area 新桥 --category parking --source visit >/dev/null &&
	test_expect_code 1 env ZDH_SIGNING_KEY="$HOME/as" "$ZDH" issue edit XQ-1 --area 延安 2>err &&
	grep "needs the role" err && grep 新桥 err &&
	keys xs &&
	zdh person add 孙八 --email xs@example.org --key xs.pub >/dev/null &&
	zdh person grant XQ-U4 area-staff --area 新桥 &&
	test_expect_code 1 env ZDH_SIGNING_KEY="$HOME/xs" "$ZDH" issue edit XQ-1 --area 延安 2>err &&
	grep "needs the role area-staff of 延安" err &&
	zdh person grant XQ-U3 area-staff --area 新桥 &&
	env ZDH_SIGNING_KEY="$HOME/as" "$ZDH" issue edit XQ-1 --area 延安 &&
	zdh issue show XQ-1 >show &&
	grep "延安" show
'

test_expect_success 'the same after a reindex' '
	zdh reindex >/dev/null 2>&1 &&
	zdh council show XQ-C1 >again &&
	test_cmp out again
'

test_done
