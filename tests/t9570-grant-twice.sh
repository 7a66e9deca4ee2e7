#!/bin/sh
# `person grant XQ-U1 subdistrict-admin` given again wrote a second grant
# of the role the person held already, and show listed the role twice
# (two lines, one revoke-role then ending both).  A grant of a role the
# person holds in that area or department, for a time that meets the
# held one, is refused now in one line, exit 1, nothing written; one for
# another area, or after the held one ends, is taken.  Likewise `person
# add` of someone already there (by email) made a second person with the
# same author line; refused.
test_description='person grant: a role held already is refused'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

test_expect_success 'setup: a founder with the admin role, a second person' '
	keys wf ls &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs area 新桥 延安 &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email wf@example.org --key wf.pub --date 2026-10-01 >/dev/null &&
	zdh person add 李四 --email ls@example.org --key ls.pub --date 2026-10-01 >/dev/null &&
	zdh person grant XQ-U1 subdistrict-admin --date 2026-11-01 &&
	zdh person grant XQ-U2 area-staff --area 新桥 --date 2026-11-01 &&
	zdh person grant XQ-U2 liaison --date 2026-11-01 --to 2026-11-30
'

test_expect_success 'the same role again is refused, nothing written' '
	test_refused "XQ-U1 holds the role subdistrict-admin already (from 2026-11-01T00:00:00+08:00)" \
		person grant XQ-U1 subdistrict-admin &&
	test_refused "XQ-U2 holds the role area-staff in 新桥 already (from 2026-11-01T00:00:00+08:00)" \
		person grant XQ-U2 area-staff --area 新桥 &&
	test_refused "XQ-U2 holds the role liaison already (from 2026-11-01T00:00:00+08:00)" \
		person grant XQ-U2 liaison --from 2026-11-15 --date 2026-11-02 &&
	test_expect_code 1 zh person grant XQ-U1 街道管理员 2>err &&
	echo "zdh: XQ-U1 已担任 街道管理员（自 2026-11-01T00:00:00+08:00 起）" >expect &&
	test_cmp expect err &&
	zdh person show XQ-U1 --json >u1.json &&
	sed -n "/^  \"roles\": \[/,\$p" u1.json >roles.json &&
	test "$(grep -c "\"role\": \"subdistrict-admin\"" roles.json)" = 1
'

test_expect_success 'another area, after the held one ends, after a revoke: taken' '
	zdh person grant XQ-U2 area-staff --area 延安 &&
	zdh person grant XQ-U2 liaison --from 2026-12-01 --date 2026-11-02 &&
	zdh person revoke-role XQ-U2 area-staff --area 新桥 &&
	zdh person grant XQ-U2 area-staff --area 新桥
'

test_expect_success 'person add: an email a person has already is refused' '
	test_refused "a person with the email '\''wf@example.org'\'' exists already (XQ-U1)" \
		person add 王芳 --email wf@example.org &&
	test_refused "a person with the email '\''LS@example.org'\'' exists already (XQ-U2)" \
		person add 李四 --email LS@example.org &&
	zdh person add 赵六 --email zl@example.org >id &&
	echo XQ-U3 >expect && test_cmp expect id
'

test_done
