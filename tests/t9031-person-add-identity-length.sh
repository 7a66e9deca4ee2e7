#!/bin/sh
# person add took an email of any length (one of 5,000 characters was
# written), though it is an author's identity, which zdh config, the
# environment and a write refuse beyond 200 characters (t9030), and
# zdh-person(1) says --email is checked as user.email is.  person add now
# checks it so (zdh_ident_check): one line naming what, exit 1, nothing
# written; 200 characters are taken.  (A name was bounded already, at
# 100 characters, as every name is.)
test_description='person add: an email is at most 200 characters'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

test_expect_success 'setup: a founder who signs' '
	keys wf &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email wf@example.org --key wf.pub >/dev/null
'

test_expect_success 'an email of 201 characters: refused, nothing written' '
	email=$(printf "%0189d" 0 | sed "s/0/q/g")@example.org &&
	test ${#email} = 201 &&
	test_refused "--email is too long (201 characters, at most 200)" \
		person add 桥 --email "$email"
'

test_expect_success 'an email of 200 characters is taken' '
	email=$(printf "%0188d" 0 | sed "s/0/q/g")@example.org &&
	zdh person add 桥 --email "$email" >id &&
	echo XQ-U2 >expect && test_cmp expect id
'

test_expect_success 'a name of 101 characters: refused as before' '
	long=$(printf "%0101d" 0 | sed "s/0/桥/g") &&
	test_refused "name is too long (101 characters, at most 100)" \
		person add "$long" --email ql@example.org
'

test_done
