#!/bin/sh
# A second zdh init in the same folder said only "'/abs/.zdh' exists
# already", and zdh clone into a repository's folder "'DIR' holds a zdh
# repository already": neither said what to do.  They say the folder holds
# a repository to use as it is (replica show names it) or to give another
# DIR; exit 1 and nothing changed, as before.  issue return's --reason -h
# lists its codes (it said "see return").
test_description='init or clone where a repository is: the message says what to do'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ office >/dev/null &&
	zdh -C office org add --kind area 新桥 >/dev/null &&
	(cd office && snapshot ../before)
'

test_expect_success 'init again: what to do, nothing changed' '
	test_expect_code 1 zdh init --replica xinqiao --prefix XQ office 2>err &&
	echo "zdh: '"'"'$PWD/office/.zdh'"'"' exists already: the folder holds a zdh repository; use it as it is ('"'"'zdh replica show'"'"' names it) or give another DIR" >expect &&
	test_cmp expect err &&
	(cd office && test_expect_code 1 zdh init 2>../err) &&
	test_cmp expect err &&
	(cd office && LANGUAGE=zh_CN test_expect_code 1 "$ZDH" init 2>../err) &&
	grep "^zdh: '"'"'$PWD/office/.zdh'"'"' 已存在：此文件夹已有 zdh 仓库" err &&
	(cd office && check_unchanged ../before)
'

test_expect_success 'clone into it: what to do, nothing changed' '
	zdh init --replica other --prefix OT other >/dev/null &&
	test_expect_code 1 zdh clone other office --replica yanan --prefix YA 2>err &&
	echo "zdh: '"'"'office'"'"' holds a zdh repository already; give another DIR" >expect &&
	test_cmp expect err &&
	(cd office && check_unchanged ../before)
'

test_expect_success 'issue return -h lists the reasons' '
	zdh issue return -h >out &&
	grep "^    --reason CODE  *why it is handed back: not-our-area, unclear-ownership, overlapping-duties or other\$" out &&
	zh issue return -h >out &&
	grep "^    --reason CODE  *退回原因：not-our-area（非本部门职责）、unclear-ownership（权属不清）、overlapping-duties（职责交叉）或 other（其他）\$" out
'

# the words of --reason, org --kind and decision list --status come from
# core's lists (zdh_issue_return_codes, zdh_org_kinds, zdh_decision_states)
test_expect_success 'org --kind and decision --status -h: the words of core'"'"'s lists' '
	zdh org add -h >out &&
	grep "^    --kind KIND  *area, district, dept, unit, building or group\$" out &&
	zh org list -h >out &&
	grep "^    --kind KIND  *area（居民区）、district（片区）、dept（部门）、unit（社区单位）、building（楼宇）或 group（两新组织）\$" out &&
	zdh council decision list -h >out &&
	grep "^    --status S  *open, no-quorum, rejected, pending-consent, adopted or blocked\$" out &&
	zh council decision list -h >out &&
	grep "^    --status S  *open（待表决）、no-quorum（未达法定人数）、rejected（未通过）、pending-consent（待书面确认）、adopted（已通过）或 blocked（受阻）\$" out
'

test_done
