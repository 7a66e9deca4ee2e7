#!/bin/sh
# Ids are typed in any case (issue show xq-1 is XQ-1, as zdh-council(1)
# and zdh-menu(1) say of theirs), but `person show xq-u1`, `person grant
# xq-u2 ...`, `visit show xq-v1` and `org show xq-o2` (or --area xq-o2)
# said there was no such record.  They find it now; a name is still
# matched as written.
test_description='person, visit and org ids in lower case'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

# show_any_case CMD ID: zdh CMD show prints the same for ID in lower case
show_any_case () {
	zdh "$1" show "$2" >expect &&
	zdh "$1" show "$(echo "$2" | tr A-Z a-z)" >actual &&
	test_cmp expect actual
}

test_expect_success 'setup' '
	keys wf ls &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs area 新桥 && orgs dept 房管办 && orgs area ab-o1 &&
	zdh issue add 路灯不亮 --area 新桥 >/dev/null &&
	zdh visit liaison add 王强 --dept 房管办 --areas 新桥 >/dev/null &&
	zdh visit add --area 新桥 --liaison 王强 -m 看了 >/dev/null &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email wf@example.org --key wf.pub >/dev/null &&
	zdh person add 李四 --email ls@example.org >/dev/null
'

test_expect_success 'person: show, grant, key add in lower case' '
	show_any_case person XQ-U1 &&
	zdh person grant xq-u1 subdistrict-admin &&
	zdh person key add xq-u2 --key ls.pub &&
	zdh person show XQ-U2 --json >u2.json &&
	grep "\"key\": \"ssh-ed25519 " u2.json &&
	test_refused "no person XQ-U9 (see '\''zdh person list'\'')" person show xq-u9
'

test_expect_success 'visit show in lower case' '
	show_any_case visit XQ-V1 &&
	zdh visit show xq-v1 --json >v.json &&
	grep "\"id\": \"XQ-V1\"" v.json &&
	test_refused "no visit XQ-V9" visit show xq-v9
'

test_expect_success 'org: show, edit, a filter by its id in lower case' '
	show_any_case org XQ-O1 &&
	zdh org edit xq-o1 --code 310101 &&
	zdh org show XQ-O1 --json >o.json &&
	grep "\"code\": \"310101\"" o.json &&
	zdh issue list --area xq-o1 --format csv >actual &&
	zdh issue list --area 新桥 --format csv >expect &&
	test_cmp expect actual
'

test_expect_success 'a name that looks like an id is matched as written' '
	zdh org show ab-o1 >out &&
	grep "^XQ-O3 " out
'

test_done
