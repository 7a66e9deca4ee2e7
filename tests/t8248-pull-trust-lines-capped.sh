#!/bin/sh
# The trust's lines at a pull, capped as t8247's: each unsigned event of a
# peer named once people have keys (t8110), each event the trust gives no
# effect (signatures required, t8130), one line each without end.  Now
# the first 10 of each, then one line with how many more.
test_description='pull: the trust'"'"'s lines, capped'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

# forge REPLICA PREFIX N FIRST: N unsigned org adds on hub.git's
# refs/zdh/log/REPLICA, clocks from FIRST
forge () {
	forge_tip_= &&
	for forge_i_ in $(seq $4 $(($4 + $3 - 1)))
	do
		forge_tip_=$(craft hub.git refs/zdh/log/$1 "org add area 伪造$forge_i_" \
			"$(craft_json $1 $forge_i_ org add $2-O$forge_i_ "{\"set\":{\"kind\":\"area\",\"name\":\"伪造$forge_i_\"}}" \
				${forge_tip_:+"\"$forge_tip_\""})" $forge_tip_) || return 1
	done
}

test_expect_success 'setup: an office whose people have keys, a hub' '
	keys wf &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null 2>&1 &&
	at xq config user.signingkey "$HOME/wf" &&
	at xq person add 王芳 --email wf@example.org --key ../wf.pub >/dev/null &&
	git init -q --bare hub.git &&
	at xq remote add origin ../hub.git && at xq push >/dev/null 2>&1
'

test_expect_success 'unsigned events: 10 named, then how many more' '
	forge yanan YA 13 100 &&
	at xq pull >out 2>err &&
	test $(grep -c "^zdh: warning: refs/zdh/log/yanan: commit [0-9a-f]*: unsigned$" err) = 10 &&
	grep -v ": commit [0-9a-f]*: unsigned$" err >rest &&
	echo "zdh: warning: and 3 more events not signed by a valid key, not named here (zdh log shows each)" >expect &&
	test_cmp expect rest
'

test_expect_success 'signatures required: 10 refusals named, then how many more' '
	at xq config zdh.require-signatures true &&
	forge evil EV 12 200 &&
	at xq pull >out 2>err &&
	test $(grep -c ": no effect: signatures are required (zdh.require-signatures): unsigned$" err) = 10 &&
	grep -v ": commit [0-9a-f]*: " err >rest &&
	echo "zdh: warning: and 2 more events without effect, not named here (zdh log shows each)" >expect &&
	test_cmp expect rest
'

test_done
