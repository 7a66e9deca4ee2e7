#!/bin/sh
test_description='a name written holds no invisible character'
# "房管<U+200B>办" (a zero-width space inside) was a second org that looked
# like 房管办 in every list, so the refusal of a name two live orgs share
# never saw it; the same for councils and liaisons, and for a direction
# override or a byte-order mark pasted in.  A name with one of Unicode's
# format characters (Cf) is now refused when written: exit 1, one line
# naming the character, nothing written.  So for every other name typed
# that lists show and commands find again: a council's members, a
# meeting's guests, a decision's parties (whose written consent is asked
# by name), a person, a saved report, a project's title (one in its area
# and year), an issue's reporter and assignee.  Free text (an issue's or
# an offer's title, bodies, messages, notes) takes them as before.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

zwsp=$(printf '\342\200\213') bom=$(printf '\357\273\277') rlo=$(printf '\342\200\256')
zwnj=$(printf '\342\200\214') shy=$(printf '\302\255') lrm=$(printf '\342\200\216')

# invisible WHAT U+XXXX ARGS...: zdh ARGS is refused (test_refused), WHAT
# named with the character.
invisible () {
	invisible_msg_="$1 contains an invisible character ($2), so it would look like a name it is not" &&
	shift 2 &&
	test_refused "$invisible_msg_" "$@"
}

# import_refused KIND FILE:LINE WHAT U+XXXX: zdh KIND import FILE refuses
# its row LINE so, and imports nothing.
import_refused () {
	snapshot imp &&
	test_expect_code 1 zdh $1 import "${2%:*}" >out 2>err &&
	printf "zdh: %s: %s contains an invisible character (%s), so it would look like a name it is not\n" \
		"$2" "$3" "$4" >expect &&
	echo "zdh: 1 bad row; nothing imported" >>expect &&
	test_cmp expect err &&
	check_unchanged imp
}

test_expect_success 'setup: a registry, a council, a liaison' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs area 新桥 &&
	orgs dept 房管办 &&
	zdh council add 新桥理事会 --area 新桥 >/dev/null &&
	zdh visit liaison add 王强 --dept 房管办 --areas 新桥 >/dev/null
'

test_expect_success 'org add: each invisible character refused, naming it' '
	invisible name U+200B \
		org add --kind dept "房管${zwsp}办" &&
	invisible name U+FEFF \
		org add --kind dept "${bom}房管办" &&
	invisible name U+202E \
		org add --kind dept "城管${rlo}办" &&
	invisible name U+200C \
		org add --kind dept "城${zwnj}管" &&
	invisible name U+00AD \
		org add --kind dept "城${shy}管" &&
	invisible name U+200E \
		org add --kind area "新桥${lrm}"
'

test_expect_success 'org edit --name and org import refuse it the same' '
	invisible name U+200B \
		org edit 房管办 --name "房管${zwsp}办" &&
	printf "kind,name\ndept,城管\ndept,城${zwsp}管\n" >orgs.csv &&
	import_refused org orgs.csv:3 name U+200B
'

test_expect_success 'council add and edit, liaison add refuse it the same' '
	invisible name U+200B \
		council add "新桥${zwsp}理事会" &&
	invisible name U+202E \
		council edit 新桥理事会 --name "新桥理事会${rlo}" &&
	invisible name U+200C \
		visit liaison add "王${zwnj}强" --dept 房管办 --areas 新桥
'

test_expect_success 'council member add refuses it the same' '
	invisible member U+200B \
		council member add 新桥理事会 "李${zwsp}伯" --role member
'

test_expect_success 'a meeting'"'"'s guests refuse it the same, added or updated' '
	zdh council member add 新桥理事会 王阿姨 --role chair &&
	zdh council meeting add 新桥理事会 --present 王阿姨 >/dev/null &&
	invisible guest U+202E \
		council meeting add 新桥理事会 --present 王阿姨 --guest "居民${rlo}代表" &&
	invisible guest U+FEFF \
		council meeting update XQ-M1 --guest "${bom}居民代表"
'

test_expect_success 'a decision'"'"'s parties (who give written consent) refuse it the same' '
	invisible party U+200B \
		council decide XQ-M1 --motion 装路灯 --for 王阿姨 --party "一${zwsp}楼"
'

test_expect_success 'a saved report'"'"'s name refuses it the same' '
	invisible name U+200C \
		report save "按${zwnj}片区" --sql "SELECT 1"
'

test_expect_success 'a project'"'"'s title (one in its area and year) refuses it the same' '
	invisible title U+200B \
		project add "楼道${zwsp}照明" --area 新桥
'

test_expect_success 'an issue'"'"'s reporter refuses it the same: add, edit, import' '
	invisible reporter U+200B \
		issue add 路灯不亮 --area 新桥 --reporter "王${zwsp}阿姨" &&
	zdh issue add 路灯不亮 --area 新桥 --reporter 王阿姨 >/dev/null &&
	invisible reporter U+00AD \
		issue edit XQ-1 --reporter "王${shy}阿姨" &&
	printf "title,area,reporter\n井盖,新桥,王阿姨\n井盖,新桥,王${zwsp}阿姨\n" >issues.csv &&
	import_refused issue issues.csv:3 reporter U+200B
'

test_expect_success 'an issue'"'"'s assignee refuses it the same: assign, edit, import' '
	id=$(zdh issue add 楼道堆物 --area 新桥) &&
	zdh issue claim $id --dept 房管办 &&
	invisible assignee U+200E \
		issue assign $id --to "李科员${lrm}" &&
	invisible assignee U+200B \
		issue edit $id --assignee "李${zwsp}科员" &&
	printf "title,area,status,dept,assignee\n井盖,新桥,claimed,房管办,李${zwsp}科员\n" >assigned.csv &&
	import_refused issue assigned.csv:2 assignee U+200B
'

test_expect_success 'free text takes it as before: an issue'"'"'s title, a message' '
	id=$(zdh issue add "路灯${zwsp}不亮" --area 新桥) &&
	zdh issue comment $id -m "已${zwsp}派人"
'

test_expect_success 'visible names are written as before (full-width, brackets, emoji)' '
	zdh org add --kind dept "房管办（二）" >/dev/null &&
	zdh org add --kind group "ｆｏｏ志愿队" >/dev/null &&
	zdh org add --kind group "🏠家园队" >/dev/null &&
	zdh org list --kind group >actual &&
	grep "ｆｏｏ志愿队" actual && grep "🏠家园队" actual &&
	zdh council edit 新桥理事会 --name "新桥居民区理事会" &&
	zdh council member add 新桥居民区理事会 "Ｊｏｈｎ（李）" --role member &&
	zdh report save "🏠按片区" --sql "SELECT 1" >/dev/null &&
	zdh project add "楼道照明（二期）" --area 新桥 >/dev/null &&
	id=$(zdh issue add 井盖松动 --area 新桥 --reporter "王阿姨（3号楼）") &&
	zdh issue claim $id --dept 房管办 &&
	zdh issue assign $id --to "李科员（二）" &&
	zdh council show 新桥居民区理事会 >actual &&
	grep "Ｊｏｈｎ（李）" actual
'

test_expect_success 'in Chinese' '
	LANGUAGE=zh_CN test_expect_code 1 zdh org add --kind dept "房管${zwsp}办" 2>err &&
	echo "zdh: 名称 含有不可见字符（U+200B），看上去会像另一个名称" >expect &&
	test_cmp expect err
'

test_expect_success 'a person refuses it the same' '
	keys wf &&
	zdh config user.signingkey "$HOME/wf" &&
	invisible name U+200B \
		person add "王${zwsp}芳" --email wf@example.org --key wf.pub &&
	zdh person add "王芳（二）" --email wf@example.org --key wf.pub >/dev/null
'

test_done
