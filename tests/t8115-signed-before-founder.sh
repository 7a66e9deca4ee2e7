#!/bin/sh
test_description='events the founder signed before adding themselves are not reported'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

# An office that sets user.signingkey first, adds its first orgs, then
# adds its founder (the order zdh-person(1) lets one take) signed those
# orgs with a key no person had yet: verify named each, "signed by a key
# outside its dates", for ever and exit 1, but only when a second had
# passed between them and the founder's add (a key signs from the second
# it was recorded in).  Unsigned, the same events are not reported: they
# were written before the repository had people.  Signed, no more.
test_expect_success 'setup: a key set before any person, orgs, a second, the founder' '
	(cd "$HOME" && keys wf other) &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	zdh -C xq config user.signingkey "$HOME/wf" &&
	zdh -C xq org add --kind area 新桥 >/dev/null &&
	zdh -C xq org add --kind dept 房管办 >/dev/null &&
	sleep 1.1 &&
	zdh -C xq person add 王芳 --email wf@example.org --key "$HOME/wf.pub" >/dev/null &&
	zdh -C xq issue add 楼道堆物 --area 新桥 >/dev/null
'

test_expect_success 'verify takes them, and says nothing' '
	zdh -C xq verify >out 2>err &&
	test_must_be_empty err &&
	echo "verified 1 log, 4 events" >expect &&
	test_cmp expect out
'

test_expect_success 'a pull of them reports nothing either' '
	zdh clone xq/.zdh c --replica cc --prefix CC -q 2>err &&
	test_must_be_empty err &&
	zdh -C c verify >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'an event signed after the founder by a key no person has is still named' '
	ZDH_SIGNING_KEY="$HOME/other" zdh -C xq org add --kind area 延安 >/dev/null &&
	test_expect_code 1 zdh -C xq verify >out 2>err &&
	grep "signed by a key no person has" err >named &&
	test_line_count = 1 named
'

test_done
