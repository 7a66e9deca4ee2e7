#!/bin/sh
# A revoke-role names a grant by its role and its area or department; one
# given without the --area the grant had (or with another) was refused as
# "XQ-U2 does not hold the role area-staff", though the person shows it:
# a clerk could not tell what was missing.  The refusal now names where
# the person holds that role; nothing is written either way.
test_description='person revoke-role: a refusal names where the role is held'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

test_expect_success 'setup: roles in an area, a department and everywhere' '
	keys wf ls &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind area 华山 >/dev/null &&
	zdh org add --kind dept 房管办 >/dev/null &&
	zdh person add 王芳 --email wf@example.org --key wf.pub >/dev/null &&
	zdh person add 李四 --email ls@example.org --key ls.pub >/dev/null &&
	zdh person grant XQ-U1 subdistrict-admin &&
	zdh person grant XQ-U2 area-staff --area 新桥 &&
	zdh person grant XQ-U2 area-staff --area 华山 &&
	zdh person grant XQ-U2 auditor &&
	zdh log >before
'

test_expect_success 'without the area: the areas it is held in' '
	test_expect_code 1 zdh person revoke-role XQ-U2 area-staff 2>err &&
	echo "zdh: XQ-U2 holds the role area-staff only in 新桥, 华山: give --area or --dept" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zh person revoke-role XQ-U2 area-staff 2>err &&
	echo "zdh: XQ-U2 只在 新桥、华山 担任角色 居委会工作人员：请给出 --area 或 --dept" >expect &&
	test_cmp expect err
'

test_expect_success 'in another org: where it is held' '
	test_expect_code 1 zdh person revoke-role XQ-U2 area-staff --dept 房管办 2>err &&
	echo "zdh: XQ-U2 does not hold the role area-staff in 房管办 (it holds it in 新桥, 华山)" >expect &&
	test_cmp expect err
'

test_expect_success 'held everywhere, revoked in one area: say to leave the area out' '
	test_expect_code 1 zdh person revoke-role XQ-U2 auditor --area 新桥 2>err &&
	echo "zdh: XQ-U2 does not hold the role auditor in 新桥 (it holds it everywhere: revoke it without --area or --dept)" >expect &&
	test_cmp expect err
'

test_expect_success 'a role not held at all: as before; a revoked grant is not named' '
	zdh person revoke-role XQ-U2 area-staff --area 华山 &&
	test_expect_code 1 zdh person revoke-role XQ-U2 liaison 2>err &&
	echo "zdh: XQ-U2 does not hold the role liaison" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh person revoke-role XQ-U2 area-staff 2>err &&
	echo "zdh: XQ-U2 holds the role area-staff only in 新桥: give --area or --dept" >expect &&
	test_cmp expect err
'

test_expect_success 'nothing was written by the refusals' '
	zdh log >after &&
	test $(($(wc -l <before) + 1)) = $(wc -l <after)
'

test_done
