#!/bin/sh
# zdh replica recover writes the events of the losing side again, signed
# by whoever runs it.  Once roles are granted, an event that its writer
# might write but the recovering person may not (an area's staff's edit,
# recovered by a department's liaison) has no effect on any replica,
# and recover said nothing of it ("2 events written again"): the edit
# was lost in silence.  Now recover names each such event, as a pull
# names an event held already that the trust refuses, and says what to do.
test_description='replica recover: events its signer may not write are named'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: roles; 华山 office copied, both copies write, the copy is kept aside' '
	keys wf ls zs &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null 2>&1 &&
	at xq config user.signingkey "$HOME/wf" &&
	at xq org add --kind area 华山 >/dev/null &&
	at xq org add --kind dept 房管办 >/dev/null &&
	at xq person add 王芳 --email wf@example.org --key ../wf.pub >/dev/null &&
	at xq person add 李四 --email ls@example.org --key ../ls.pub >/dev/null &&
	at xq person add 张三 --email zs@example.org --key ../zs.pub >/dev/null &&
	at xq person grant XQ-U1 subdistrict-admin &&
	at xq person grant XQ-U2 area-staff --area 华山 &&
	at xq person grant XQ-U3 liaison --dept 房管办 &&
	git init -q --bare hub.git &&
	at xq remote add origin ../hub.git && at xq push -q &&
	zdh clone hub.git hs --replica huashan --prefix HS -q &&
	at hs config user.signingkey "$HOME/ls" &&
	at hs issue add 占道经营 --area 华山 >/dev/null &&
	at hs push -q &&
	cp -R hs copy &&
	at hs issue comment HS-1 -m 原机 &&
	at hs push -q &&
	at copy replica confirm >/dev/null &&
	at copy issue edit HS-1 --title 占道经营-已清理 &&
	at copy issue add 新的事 --area 华山 >/dev/null &&
	test_expect_code 1 at copy pull 2>/dev/null
'

test_expect_success 'recovered by the liaison: the edit is named, with why and what to do' '
	ZDH_SIGNING_KEY="$HOME/zs" at copy replica recover --as huashan2 --prefix HT >out 2>err &&
	echo "HS-2 -> HT-1" >expect &&
	test_cmp expect out &&
	echo "HS-1 edit by 测试员 at DATE has no effect now (issue edit needs the role area-staff of 华山 or subdistrict-admin): write it again, by someone allowed, if it still stands" >expect &&
	grep "^HS-1" err | sed "s/at 20[0-9-]* [0-9:]* has/at DATE has/" >actual &&
	test_cmp expect actual &&
	grep "^replica huashan is now huashan2 (prefix HT): 2 events written again" err
'

test_expect_success 'recovered by the area staff: nothing to name' '
	rm -rf copy2 && cp -R hs copy2 &&
	git --git-dir=copy2/.zdh update-ref refs/zdh/log/huashan refs/zdh/log/huashan~1 &&
	at copy2 replica confirm >/dev/null &&
	at copy2 issue edit HS-1 --title 占道经营-已清理 &&
	test_expect_code 1 at copy2 pull 2>/dev/null &&
	at copy2 replica recover --as huashan3 --prefix HU >out 2>err &&
	! grep "no effect" err &&
	grep "^replica huashan is now huashan3 (prefix HU): 1 event written again" err
'

test_done
