#!/bin/sh
# Helps and refusals that list zdh's words gave them only in English in
# the Chinese catalogue, where the others give each with its name: a
# decision's statuses (council decision list -h: "open、no-quorum、…"),
# the kinds of conflicts --kind, the first role to grant; org list --all
# named the column it adds STATUS, which the Chinese table heads 状态;
# --excel said 即 --format csv ("that is"), though it adds the BOM.
test_description='-h and refusals: the words with their Chinese names'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

test_expect_success 'council decision list -h: each status with its name' '
	zh council decision list -h >out &&
	grep -- "--status S  *open（待表决）、no-quorum（未达法定人数）、rejected（未通过）、pending-consent（待书面确认）、adopted（已通过）或 blocked（受阻）\$" out
'

test_expect_success 'conflicts -h: the kinds with their names' '
	zh conflicts -h >out &&
	grep -- "--kind KIND  *只列此类记录（issue 问题、org 组织……）" out
'

test_expect_success 'org list -h: the column --all adds by its header' '
	zh org list -h >out &&
	grep -- "--all  *包括已撤销的组织，并加一列“状态”\$" out &&
	! grep STATUS out
'

test_expect_success 'every list -h: --excel is CSV with the BOM, not the same as --format csv' '
	for verb in "issue list" "org list" "fund show" "council action list" "menu pairings"
	do
		zh $verb -h >out &&
		grep -- "--excel  *Excel 能打开的 CSV（以 UTF-8 BOM 开头；隐含 --format csv）\$" out ||
		return 1
	done
'

test_expect_success 'person grant: the first role with its name' '
	keys wf &&
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email wf@example.org --key wf.pub >/dev/null &&
	zdh person add 李四 --email ls@example.org >/dev/null &&
	test_expect_code 1 zh person grant XQ-U2 area-staff --area 新桥 2>err &&
	grep "subdistrict-admin（街道管理员" err
'

test_done
