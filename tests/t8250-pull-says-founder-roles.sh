#!/bin/sh
# An office that never set up people holds a repository whose trust is
# off: no founder, no roles.  A peer (or a newcomer office, by mistake)
# that adds itself as the first person and grants itself a role became,
# by the pull that brought it, the pinned founder of this office's
# repository, and turned the roles on, so that every write of this
# office was refused from then on ("issue add needs a role") and the pull
# had said nothing.  Now the pull says who was pinned as the founder and
# that roles are granted from now on, each in one line; the office can
# pin another founder (zdh config person.founder), and write again.
test_description='pull says the founder it pinned and the roles it turned on'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
SQ="'"

test_expect_success 'setup: an office without people, a peer cloned from its hub' '
	keys ev &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null 2>&1 &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq issue add 路灯 --area 新桥 >/dev/null &&
	git init -q --bare hub.git &&
	two_offices_cloned origin &&
	at ya config user.signingkey "$HOME/ev"
'

test_expect_success 'the peer adds itself first: the pull names the founder it pins' '
	at ya person add 外人 --email ev@example.org --key ../ev.pub >/dev/null &&
	at ya push -q &&
	at xq pull >out 2>err &&
	echo "zdh: warning: YA-U1 外人 <ev@example.org> of replica yanan is now the founder of this repository${SQ}s people (pinned as person.founder): they add the first people and grant the first roles; if they should not, pin the real founder${SQ}s add with ${SQ}zdh config person.founder ID${SQ} (zdh-repository(5), TRUST)" >expect &&
	test_cmp expect err &&
	at xq pull >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'then grants itself a role: the pull says every write needs one now' '
	at ya person grant YA-U1 subdistrict-admin &&
	at ya push -q &&
	at xq pull >out 2>err &&
	echo "zdh: warning: roles are granted in this repository from now on (a grant came by this pull): each write here needs the signing key of a person who holds a role for it (zdh-person(1), ROLES)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 at xq issue add 新事 --area 新桥 2>err &&
	grep "needs a role" err
'

test_expect_success 'the office pins another founder, and writes again' '
	at xq config person.founder 0000000000000000000000000000000000000000 &&
	at xq issue add 新事 --area 新桥 >out &&
	echo XQ-2 >expect && test_cmp expect out
'

test_expect_success 'in Chinese' '
	zdh init --replica tianjin --prefix TJ tj >/dev/null 2>&1 &&
	at tj remote add origin ../hub.git &&
	LANGUAGE=zh_CN at tj pull >out 2>err &&
	test_line_count = 2 err &&
	! grep "is now the founder\|roles are granted" err
'

test_expect_success 'a peer that requires signatures: the pull says each write needs a key now' '
	zdh init --replica pp --prefix PP pp >/dev/null 2>&1 &&
	at pp config user.signingkey "$HOME/ev" &&
	at pp person add 外人 --email ev@example.org --key ../ev.pub >/dev/null &&
	at pp config zdh.require-signatures true &&
	zdh init --replica qq --prefix QQ qq >/dev/null 2>&1 &&
	at qq remote add pp ../pp &&
	at qq pull >out 2>err &&
	grep "^zdh: warning: PP-U1 外人 <ev@example.org> of replica pp is now the founder" err &&
	grep "^zdh: warning: signatures are required in this repository from now on (zdh.require-signatures came by this pull): each write here needs the signing key of a person (zdh-person(1))$" err &&
	test_line_count = 2 err
'

test_done
