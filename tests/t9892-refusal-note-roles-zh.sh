#!/bin/sh
# A peer's event the roles refuse keeps the fold's note in English
# ("issue edit needs the role area-staff of XQ-O2 or subdistrict-admin");
# under the Chinese catalogue log, show, pull and verify translated its
# frame but left the roles in English: "问题 修改 需要角色 area-staff of
# 华山 or subdistrict-admin", where a refused write says 居委会工作人员（华山）
# 或 街道管理员.  The roles are now named as the write's refusal names them,
# from the roles of the op (zdh_trust_note_shown), a department the issue
# has not yet as "(it has none)" is.  And not by taking the English apart:
# the index keeps the note as data, the roles and each one's org by id
# ({"kind":"issue","op":"edit","roles":[["area-staff","area","XQ-O2"],
# ["subdistrict-admin"]]}), shown from it in either language with the
# orgs' names, and in English with the ids in --json, as before.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: roles; a clone made before them writes as one who holds none here' '
	keys wf lm &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null 2>&1 &&
	at xq config user.signingkey "$HOME/wf" &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq org add --kind area 华山 >/dev/null &&
	at xq org add --kind dept 房管办 >/dev/null &&
	at xq person add 王芳 --email wf@example.org --key ../wf.pub >/dev/null &&
	at xq person add 李明 --email lm@example.org --key ../lm.pub >/dev/null &&
	at xq issue add 占道经营 --area 华山 >/dev/null &&
	git init -q --bare hub.git &&
	at xq remote add origin ../hub.git && at xq push -q &&
	zdh clone hub.git hs --replica huashan --prefix HS -q &&
	at hs config user.signingkey "$HOME/lm" &&
	at xq person grant XQ-U1 subdistrict-admin &&
	at xq person grant XQ-U2 area-staff --area 新桥 &&
	at xq push -q &&
	at hs issue edit XQ-1 --title 占道经营-华山 &&
	at hs issue claim XQ-1 --dept 房管办 &&
	at hs issue add 井盖松动 --area 华山 >/dev/null &&
	at hs issue escalate HS-1 -m 上报 &&
	at hs push -q
'

test_expect_success 'pull names the roles by their Chinese names' '
	LANGUAGE=zh_CN at xq pull 2>err &&
	grep "无效果：问题 修改 需要角色 居委会工作人员（华山） 或 街道管理员$" err &&
	grep "无效果：问题 认领 需要角色 联络员（房管办） 或 街道管理员$" err &&
	grep "无效果：问题 上报 需要角色 联络员（所属部门：尚无） 或 居委会工作人员（华山） 或 街道管理员$" err &&
	! grep "area-staff\|subdistrict-admin\|liaison" err
'

test_expect_success 'log and verify the same; English unchanged' '
	LANGUAGE=zh_CN at xq log >out &&
	grep "\[无效果：问题 修改 需要角色 居委会工作人员（华山） 或 街道管理员\]" out &&
	test_expect_code 1 env LANGUAGE=zh_CN "$ZDH" -C xq verify 2>err &&
	grep "需要角色 居委会工作人员（华山） 或 街道管理员$" err &&
	at xq log >out &&
	grep "\[no effect: issue edit needs the role area-staff of 华山 or subdistrict-admin\]" out
'

test_expect_success SQLITE 'the index keeps each refusal as data: the roles and their orgs by id' '
	sqlite3 xq/.zdh/index.db "SELECT note FROM events WHERE effect = 4 ORDER BY clock" >notes &&
	cat >expect <<-\EOT &&
	{"kind":"issue","op":"edit","roles":[["area-staff","area","XQ-O2"],["subdistrict-admin"]]}
	{"kind":"issue","op":"claim","roles":[["liaison","dept","XQ-O3"],["subdistrict-admin"]]}
	{"kind":"issue","op":"escalate","roles":[["liaison","dept",null],["area-staff","area","XQ-O2"],["subdistrict-admin"]]}
	EOT
	test_cmp expect notes
'

test_expect_success '--json says it in English with the ids, in either language' '
	LANGUAGE=zh_CN at xq log --json >zh.json &&
	at xq log --json >en.json &&
	test_cmp en.json zh.json &&
	grep "\"note\": \"issue edit needs the role area-staff of XQ-O2 or subdistrict-admin\"" en.json &&
	grep "\"note\": \"issue escalate needs the role liaison of its department (it has none) or area-staff of XQ-O2 or subdistrict-admin\"" en.json &&
	at xq issue show XQ-1 --json >show.json &&
	grep "\"note\": \"issue claim needs the role liaison of XQ-O3 or subdistrict-admin\"" show.json
'

test_done
