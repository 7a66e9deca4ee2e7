#!/bin/sh
# Roles (issue 11 §5): granted to people by signed events, per area or
# department; each operation names the roles allowed (the kind table);
# checked on write (one line, nothing written) and on replay (a peer's
# event by someone without the role has no effect on every replica).
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

test_expect_success 'setup: an office, its people, no roles yet' '
	keys wf ls st cs au &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs area 新桥 &&
	orgs dept 房管办 派出所 &&
	zdh issue add "旧事" --area 新桥 >/dev/null &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email wf@example.org --key wf.pub >/dev/null &&
	zdh person add 李四 --email ls@example.org --key ls.pub >/dev/null &&
	zdh person add 赵六 --email st@example.org --key st.pub >/dev/null &&
	zdh person add 钱七 --email cs@example.org --key cs.pub >/dev/null &&
	zdh person add 孙八 --email au@example.org --key au.pub >/dev/null &&
	ZDH_SIGNING_KEY="$HOME/au" zdh issue add "无角色时谁都能写" --area 新桥 >/dev/null
'

test_expect_success 'a clone made before any role' '
	git init -q --bare hub.git &&
	zdh remote add hub hub.git && zdh push >/dev/null 2>&1 &&
	zdh clone hub.git other --replica tianjin --prefix TJ >/dev/null 2>&1
'

test_expect_success 'the first role is subdistrict-admin; bad grants refused, nothing written' '
	n=$(log_count xinqiao) &&
	test_expect_code 1 zdh person grant XQ-U2 liaison --dept 房管办 2>err &&
	grep "the first role granted is subdistrict-admin" err &&
	test_expect_code 1 zdh person grant XQ-U1 boss 2>err &&
	grep "^zdh: unknown role .boss. (subdistrict-admin, area-staff, " err &&
	test_line_count = 1 err &&
	test_expect_code 1 zdh person grant XQ-U1 area-staf 2>err &&
	grep "did you mean .area-staff.?" err &&
	test_expect_code 1 zh person grant XQ-U1 审计 2>err &&
	grep "area-staff/居委会工作人员" err &&
	test_expect_code 129 zdh person grant XQ-U2 liaison --dept 房管办 --area 新桥 2>err &&
	test $(log_count xinqiao) = $n
'

test_expect_success 'grants, signed, shown by person show' '
	zdh person grant XQ-U1 subdistrict-admin &&
	zdh person grant XQ-U2 liaison --dept 房管办 &&
	zdh person grant XQ-U3 居委会工作人员 --area 新桥 &&
	zdh person grant XQ-U4 council-secretary --area 新桥 &&
	zdh person grant XQ-U5 auditor &&
	zdh person show XQ-U2 >out &&
	grep "^role:  liaison 房管办  from " out &&
	zdh person show XQ-U3 --json | grep "\"role\": \"area-staff\"" &&
	LANGUAGE=zh_CN "$ZDH" person show XQ-U3 >out &&
	grep "^编号： XQ-U3\$" out &&
	grep "^角色： 居委会工作人员 新桥  起始 " out &&
	n=$(log_count xinqiao) &&
	test_expect_code 1 env ZDH_SIGNING_KEY="$HOME/st" "$ZDH" person grant XQ-U3 liaison --dept 派出所 2>err &&
	grep "person grant needs the role subdistrict-admin" err &&
	test $(log_count xinqiao) = $n
'

test_expect_success 'what was written before the first grant keeps its effect' '
	zdh issue show XQ-2 >/dev/null &&
	zdh org show 新桥 >/dev/null
'

# signed_by KEY ARGS...: zdh ARGS signed with the key $HOME/KEY
signed_by () {
	k=$1; shift
	ZDH_SIGNING_KEY="$HOME/$k" "$ZDH" "$@"
}

test_expect_success 'an auditor only reads: any write refused' '
	n=$(log_count xinqiao) &&
	test_expect_code 1 signed_by au issue add "审计员" --area 新桥 2>err &&
	grep "^zdh: issue add needs a role (an auditor only reads)$" err &&
	signed_by au issue list >/dev/null &&
	test $(log_count xinqiao) = $n
'

test_expect_success 'issue claim: by a liaison of the department it is claimed for' '
	signed_by st issue add "楼道堆物" --area 新桥 >out &&
	echo XQ-3 >expect && test_cmp expect out &&
	n=$(log_count xinqiao) &&
	test_expect_code 1 signed_by ls issue claim XQ-3 --dept 派出所 2>err &&
	grep "^zdh: issue claim needs the role liaison of 派出所 or subdistrict-admin$" err &&
	test_expect_code 1 signed_by st issue claim XQ-3 --dept 房管办 2>err &&
	grep "issue claim needs the role liaison of 房管办" err &&
	test $(log_count xinqiao) = $n &&
	signed_by ls issue claim XQ-3 --dept 房管办 &&
	signed_by ls issue resolve XQ-3 -m 清理完毕
'

test_expect_success 'issue close: by the area.s staff, not the liaison' '
	n=$(log_count xinqiao) &&
	test_expect_code 1 signed_by ls issue close XQ-3 2>err &&
	grep "^zdh: issue close needs the role area-staff of 新桥 or subdistrict-admin$" err &&
	test $(log_count xinqiao) = $n &&
	signed_by st issue close XQ-3 &&
	zdh issue show XQ-3 --json >out &&
	grep "\"status\": \"closed\"" out
'

test_expect_success 'org add: the sub-district admin only' '
	test_expect_code 1 signed_by st org add --kind area 天津路 2>err &&
	grep "org add needs the role subdistrict-admin" err &&
	zdh org add --kind area 天津路 >/dev/null
'

test_expect_success 'council decisions: recorded by its secretary or chair' '
	signed_by st council add 新桥理事会 --area 新桥 >out &&
	c=$(cat out) &&
	test_expect_code 1 signed_by ls council meeting add $c 2>err &&
	grep "council meeting add needs the role council-secretary of .* or council-chair of " err ||
	grep "meeting add needs the role council-secretary of .* or council-chair of " err &&
	signed_by cs council meeting add $c >out &&
	m=$(cat out) &&
	test_expect_code 1 signed_by st council decide $m --motion 装门 --consensus 2>err &&
	grep "needs the role council-secretary of .* or council-chair of " err &&
	signed_by cs council decide $m --motion 装门 --consensus >/dev/null
'

test_expect_success 'a revoked role no longer writes' '
	zdh person revoke-role XQ-U3 area-staff --area 新桥 &&
	test_expect_code 1 signed_by st issue add "之后" --area 新桥 2>err &&
	grep "^zdh: issue add needs a role (an auditor only reads)$" err
'

test_expect_success 'a peer.s event by someone without the role has no effect, on every replica' '
	zdh push >/dev/null 2>&1 &&
	ZDH_SIGNING_KEY="$HOME/au" zdh -C other issue claim XQ-2 --dept 房管办 &&
	tip=$(git --git-dir=other/.zdh rev-parse refs/zdh/log/tianjin) &&
	zdh -C other push >/dev/null 2>&1 &&
	zdh pull >/dev/null 2>err &&
	grep "^zdh: warning: refs/zdh/log/tianjin: commit $(echo $tip | cut -c1-12): no effect: issue claim needs the role liaison of 房管办 or subdistrict-admin$" err &&
	zdh issue show XQ-2 --json >out &&
	grep "\"status\": \"open\"" out &&
	zdh -C other pull >/dev/null 2>&1 &&
	zdh -C other issue show XQ-2 --json >out &&
	grep "\"status\": \"open\"" out &&
	zdh issue list --json >mine &&
	zdh -C other issue list --json >theirs &&
	test_cmp mine theirs
'

test_expect_success 'a rebuilt index reaches the same state' '
	same_after_reindex zdh issue list --json &&
	same_after_reindex zdh council list --json
'

test_done
