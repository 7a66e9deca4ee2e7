#!/bin/sh
# craft_many (tests/lib-craft.sh) forges a chain of events in one perl
# process where craft costs three processes an event: the tests crafting
# hundreds (t9370, t9290) use it.  It must write the very commits a loop
# of craft calls writes, for every mode it takes: the same tip, at a
# fixed time (CRAFT_TIME), and one event a line.
test_description='craft_many writes the commits a loop of craft writes'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: a peer, and a chain of every mode craft_many takes' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	craft_peer 路灯 &&
	cat >specs <<-\EOF &&
	valid
	clock 7
	noncanonical
	field
	replica zhongshan
	valid
	seen 0123456789abcdef0123456789abcdef01234567
	date 1700000000
	event issue YA-1 comment {"message":"看 看 a\"b","mentions":["XQ-O1"]}
	event decision YA-D1 vote {"member":"王阿姨","vote":"for"}
	oversize
	valid
	EOF
	test_line_count = 12 specs
'

test_expect_success 'the same tip as a loop of craft, event by event' '
	CRAFT_TIME=1764800000 && export CRAFT_TIME &&
	base=$(craft_tip) &&
	tip=$base &&
	while read -r mode rest
	do
		if test "$mode" = event
		then
			set -- $rest &&
			kind=$1 record=$2 op=$3 &&
			shift 3 &&
			tip=$(craft ya/.zdh "$tip" event "$kind" "$record" "$op" "$*")
		else
			tip=$(craft ya/.zdh "$tip" $mode $rest)
		fi || return 1
		echo "$tip" >>loop.ids
	done <specs &&
	many=$(craft_many ya/.zdh "$base" <specs) &&
	test "$many" = "$tip" &&
	test $(git --git-dir=ya/.zdh rev-list --count "$base..$many") = 12 &&
	git --git-dir=ya/.zdh cat-file commit "$many" >tip.commit &&
	grep "^author .* 1764800000 +0800$" tip.commit &&
	git --git-dir=ya/.zdh fsck --strict --no-dangling >/dev/null 2>fsck.err &&
	! grep -i "missing\|corrupt" fsck.err
'

test_expect_success 'a mode craft_many does not take is refused, nothing printed' '
	! echo "tree 100644 a" | craft_many ya/.zdh "$(craft_tip)" >out 2>err &&
	test_must_be_empty out &&
	grep "craft_many: mode tree" err
'

test_done
