#!/bin/sh
# A refusal by the roles named the area or department by its id and the
# roles by their English words, even under zh_CN ("issue close needs the
# role area-staff of XQ-O1 or subdistrict-admin"), where the rest of zdh
# names an org by its name and a role by its displayed word.  A command's
# refusal names them so now; the notes the fold stores for a peer's event
# stay in English with ids (t8140, t9240).
test_description='role refusals: orgs by name, roles by their displayed word'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

signed_by () {
	k=$1; shift
	ZDH_SIGNING_KEY="$HOME/$k" "$ZDH" "$@"
}

test_expect_success 'setup: an admin, a liaison, an area staff member' '
	keys wf ls st &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs area 新桥 延安 &&
	orgs dept 房管办 派出所 &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email wf@example.org --key wf.pub >/dev/null &&
	zdh person add 李四 --email ls@example.org --key ls.pub >/dev/null &&
	zdh person add 赵六 --email st@example.org --key st.pub >/dev/null &&
	zdh person grant XQ-U1 subdistrict-admin &&
	zdh person grant XQ-U2 liaison --dept 房管办 &&
	zdh person grant XQ-U3 area-staff --area 新桥 &&
	signed_by st issue add 楼道堆物 --area 新桥 >/dev/null &&
	signed_by ls issue claim XQ-1 --dept 房管办 &&
	signed_by ls issue resolve XQ-1 -m 清理完毕
'

test_expect_success 'in English: the org by name' '
	test_expect_code 1 signed_by ls issue close XQ-1 2>err &&
	echo "zdh: issue close needs the role area-staff of 新桥 or subdistrict-admin" >expect &&
	test_cmp expect err
'

test_expect_success 'under zh_CN: the org by name, the roles in Chinese' '
	test_expect_code 1 env LANGUAGE=zh_CN ZDH_SIGNING_KEY="$HOME/ls" "$ZDH" issue close XQ-1 2>err &&
	echo "zdh: 问题 关闭 需要角色 居委会工作人员（新桥） 或 街道管理员" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zh person revoke-role XQ-U2 liaison --dept 派出所 2>err &&
	echo "zdh: XQ-U2 在派出所并不担任角色 联络员（在 房管办 担任）" >expect &&
	test_cmp expect err
'

test_done
