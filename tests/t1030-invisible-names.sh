#!/bin/sh
test_description='a name written holds no invisible character'
# "房管<U+200B>办" (a zero-width space inside) was a second org that looked
# like 房管办 in every list, so the refusal of a name two live orgs share
# never saw it; the same for councils and liaisons, and for a direction
# override or a byte-order mark pasted in.  A name with one of Unicode's
# format characters (Cf) is now refused when written: exit 1, one line
# naming the character, nothing written.
. "$(dirname "$0")/lib.sh"

zwsp=$(printf '\342\200\213') bom=$(printf '\357\273\277') rlo=$(printf '\342\200\256')
zwnj=$(printf '\342\200\214') shy=$(printf '\302\255') lrm=$(printf '\342\200\216')

test_expect_success 'setup: a registry, a council, a liaison' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs area 新桥 &&
	orgs dept 房管办 &&
	zdh council add 新桥理事会 --area 新桥 >/dev/null &&
	zdh visit liaison add 王强 --dept 房管办 --areas 新桥 >/dev/null
'

test_expect_success 'org add: each invisible character refused, naming it' '
	test_refused "name contains an invisible character (U+200B), so it would look like a name it is not" \
		org add --kind dept "房管${zwsp}办" &&
	test_refused "name contains an invisible character (U+FEFF), so it would look like a name it is not" \
		org add --kind dept "${bom}房管办" &&
	test_refused "name contains an invisible character (U+202E), so it would look like a name it is not" \
		org add --kind dept "城管${rlo}办" &&
	test_refused "name contains an invisible character (U+200C), so it would look like a name it is not" \
		org add --kind dept "城${zwnj}管" &&
	test_refused "name contains an invisible character (U+00AD), so it would look like a name it is not" \
		org add --kind dept "城${shy}管" &&
	test_refused "name contains an invisible character (U+200E), so it would look like a name it is not" \
		org add --kind area "新桥${lrm}"
'

test_expect_success 'org edit --name and org import refuse it the same' '
	test_refused "name contains an invisible character (U+200B), so it would look like a name it is not" \
		org edit 房管办 --name "房管${zwsp}办" &&
	printf "kind,name\ndept,城管\ndept,城${zwsp}管\n" >orgs.csv &&
	snapshot imp &&
	test_expect_code 1 zdh org import orgs.csv >out 2>err &&
	cat >expect <<-EOT &&
	zdh: orgs.csv:3: name contains an invisible character (U+200B), so it would look like a name it is not
	zdh: 1 bad row; nothing imported
	EOT
	test_cmp expect err &&
	check_unchanged imp
'

test_expect_success 'council add and edit, liaison add refuse it the same' '
	test_refused "name contains an invisible character (U+200B), so it would look like a name it is not" \
		council add "新桥${zwsp}理事会" &&
	test_refused "name contains an invisible character (U+202E), so it would look like a name it is not" \
		council edit 新桥理事会 --name "新桥理事会${rlo}" &&
	test_refused "name contains an invisible character (U+200C), so it would look like a name it is not" \
		visit liaison add "王${zwnj}强" --dept 房管办 --areas 新桥
'

test_expect_success 'visible names are written as before (full-width, brackets, emoji)' '
	zdh org add --kind dept "房管办（二）" >/dev/null &&
	zdh org add --kind group "ｆｏｏ志愿队" >/dev/null &&
	zdh org add --kind group "🏠家园队" >/dev/null &&
	zdh org list --kind group >actual &&
	grep "ｆｏｏ志愿队" actual && grep "🏠家园队" actual &&
	zdh council edit 新桥理事会 --name "新桥居民区理事会"
'

test_expect_success 'in Chinese' '
	LANGUAGE=zh_CN test_expect_code 1 zdh org add --kind dept "房管${zwsp}办" 2>err &&
	echo "zdh: 名称 含有不可见字符（U+200B），看上去会像另一个名称" >expect &&
	test_cmp expect err
'

test_done
