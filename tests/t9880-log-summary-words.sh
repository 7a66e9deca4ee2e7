#!/bin/sh
# `zdh log` printed each event's summary as written: the commit subject,
# English whoever wrote it ("issue add 漏水", "org add area 新桥",
# "decision vote XQ-D1 张三 abstain"), so a Chinese log showed zdh's own
# English words in every line.  Under a translated catalogue the summary
# "KIND OP WHAT" is shown as the kind's name then WHAT (the operation has
# its column, the record's id too), with the words of zdh that the
# event's data holds by their names; English and --json keep it as
# written (zdh-log(1)).
test_description='log: the summary in the words of the catalogue'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

test_expect_success 'setup: an org, an issue, a council and its decision, a role' '
	keys wf &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 --date 2026-11-01 >/dev/null &&
	zdh issue add 漏水 --area 新桥 --date "2026-11-02 09:00" >/dev/null &&
	zdh issue claim XQ-1 --dept 新桥 --date "2026-11-02 10:00" >/dev/null 2>&1 ||
	zdh org add --kind dept 房管办 --date 2026-11-01 >/dev/null &&
	zdh issue claim XQ-1 --dept 房管办 --date "2026-11-02 10:00" >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 --date 2026-11-01 >/dev/null &&
	zdh council member add XQ-C1 张三 --role chair --date 2026-11-01 &&
	zdh council member add XQ-C1 李四 --role member --party resident --date 2026-11-01 &&
	zdh council charter XQ-C1 --consent general --date 2026-11-01 >/dev/null &&
	zdh council meeting add XQ-C1 --present 张三 --date 2026-11-03 >/dev/null &&
	zdh council decide XQ-M1 --motion 装道闸 --for 张三 --party resident --date 2026-11-03 >/dev/null &&
	zdh council vote XQ-D1 --member 李四 --vote abstain --date 2026-11-03 &&
	zdh council consent XQ-D1 --party resident --refused --date 2026-11-03 &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email wf@example.org --key wf.pub --date 2026-11-01 >/dev/null &&
	zdh person grant XQ-U1 subdistrict-admin --date 2026-11-01
'

test_expect_success 'English: the summaries as written' '
	zdh log >out &&
	grep "XQ-1   add *issue add 漏水" out &&
	grep "XQ-1   claim *issue claim XQ-1" out &&
	grep "XQ-O1  add *org add area 新桥" out &&
	grep "XQ-D1  vote *decision vote XQ-D1 李四 abstain" out &&
	grep "XQ-D1  consent *decision consent XQ-D1 resident refused" out &&
	grep "XQ-C1  charter *council charter XQ-C1 version 1" out &&
	grep "XQ-U1  grant *person grant XQ-U1 subdistrict-admin" out
'

test_expect_success 'Chinese: the kind by its name, then what the event names in its words' '
	zh log >out &&
	grep "XQ-1   新增 *问题 漏水  记录于" out &&
	grep "XQ-1   认领 *问题  记录于" out &&
	grep "XQ-O1  新增 *组织 居民区 新桥  记录于" out &&
	grep "XQ-D1  表决 *决议 李四 弃权  记录于" out &&
	grep "XQ-D1  书面确认 *决议 居民 已拒绝  记录于" out &&
	grep "XQ-C1  章程 *理事会 第 1 版  记录于" out &&
	grep "XQ-U1  授权 *人员 街道管理员  记录于" out &&
	! grep -E " (issue|org|council|decision|person|add|claim|vote|area|abstain|refused|version|subdistrict-admin)( |\$)" out
'

test_expect_success 'Chinese under LANG=zh_CN.UTF-8 (not installed) too' '
	env -u LC_ALL -u LANGUAGE LANG=zh_CN.UTF-8 "$ZDH" log --record XQ-O1 >out &&
	grep "XQ-O1  新增  组织 居民区 新桥  记录于" out
'

test_expect_success 'a title that is a word of zdh stays as typed' '
	zdh issue add other --area 新桥 --category other --date "2026-11-04 09:00" >/dev/null &&
	zh log --record XQ-2 >out &&
	grep "XQ-2  新增  问题 other  记录于" out
'

test_expect_success '--json: the summary as written, in any language' '
	zdh log --json -n 1 >before &&
	zh log --json -n 1 >after &&
	test_cmp before after &&
	grep "\"summary\": \"issue add other\"" after
'

test_expect_success 'a summary not of the form KIND OP is shown as written' '
	craft .zdh refs/zdh/log/peer "hand-written subject" \
		"$(craft_json peer 1 org add PE-O1 "{\"set\":{\"kind\":\"area\",\"name\":\"外来\"}}")" >/dev/null &&
	zh log --record PE-O1 >out &&
	grep "PE-O1  新增  hand-written subject" out
'

test_done
