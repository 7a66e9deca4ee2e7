#!/bin/sh
# The founder is pinned (issue 11): the first person, added signed by the
# key it gives, is pinned in each replica's config (person.founder) as
# prefixes are: by the add that writes it, by clone, by the pull that
# first brings it.  A hostile log with a lower clock claiming to be the
# founder (a person add signed by its own key, made with plain git) then
# has no effect on any replica, and every replica reaches the same state.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

test_expect_success 'setup: an office, a replica cloned before it had people' '
	keys wf ls zz &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	git init -q --bare hub.git &&
	zdh remote add hub hub.git && zdh push >/dev/null 2>&1 &&
	zdh clone hub.git early --replica tianjin --prefix TJ >/dev/null 2>&1
'

test_expect_success 'the founder.s add pins it in the writer.s config' '
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email wf@example.org --key wf.pub >/dev/null &&
	git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao >founder &&
	zdh config person.founder >actual &&
	test_cmp founder actual &&
	zdh person add 李四 --email ls@example.org --key ls.pub >/dev/null &&
	zdh config person.founder >actual &&
	test_cmp founder actual
'

test_expect_success 'a clone pins the one founder its logs hold' '
	zdh push >/dev/null 2>&1 &&
	zdh clone hub.git later --replica jingan --prefix JA >/dev/null 2>&1 &&
	zdh -C later config person.founder >actual &&
	test_cmp founder actual
'

test_expect_success 'a hostile log with a lower clock claims to be the founder' '
	key=$(cat zz.pub) &&
	claim=$(signed hub.git refs/zdh/log/yanan zz "person add 冒充" \
		"$(craft_json yanan 1 person add YA-U1 "{\"key\":\"$key\",\"set\":{\"email\":\"x@example.org\",\"name\":\"冒充\"}}")") &&
	more=$(signed hub.git refs/zdh/log/yanan zz "org add area 伪造" \
		"$(craft_json yanan 2 org add YA-O1 "{\"set\":{\"kind\":\"area\",\"name\":\"伪造\"}}")" $claim) &&
	echo $claim >claim
'

test_expect_success 'no effect on any replica: the office, a clone, one cloned before the founder' '
	claim=$(cat claim) &&
	for r in . later early
	do
		zdh -C $r pull >/dev/null 2>$r.err || return 1
	done &&
	zdh -C early config person.founder >actual &&
	test_cmp founder actual &&
	zdh person list --json >expect &&
	for r in later early
	do
		zdh -C $r person list --json >actual &&
		test_cmp expect actual || return 1
	done &&
	! grep 冒充 expect &&
	for r in . later early
	do
		test_expect_code 1 zdh -C $r person show YA-U1 2>/dev/null || return 1
		zdh -C $r log >log &&
		grep "YA-U1 .*\[no effect: people and keys are written signed by a person.s valid key" log || return 1
	done &&
	grep "commit $(echo $claim | cut -c1-12): signed by a key no person has" early.err
'

test_expect_success 'verify names the claim on every replica, the same verdict after a reindex' '
	claim=$(cat claim) &&
	for r in . later early
	do
		test_expect_code 1 zdh -C $r verify >out 2>err &&
		grep "commit $(echo $claim | cut -c1-12): no effect: people and keys are written signed by a person.s valid key" err ||
		return 1
	done &&
	same_after_reindex zdh person list --json
'

test_expect_success 'a clone that cannot tell the claims apart pins none, says so; a person pins it' '
	zdh clone hub.git late --replica luwan --prefix LW >/dev/null 2>err &&
	grep "2 person adds claim to be the founder" err &&
	test_expect_code 1 zdh -C late config person.founder &&
	test_expect_code 1 zdh -C late config person.founder xyz 2>err &&
	grep "person.founder must be an event.s id" err &&
	zdh -C late config person.founder $(cat founder) &&
	zdh -C late person list --json >actual &&
	zdh person list --json >expect &&
	test_cmp expect actual
'

test_done
