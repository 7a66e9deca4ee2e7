#!/bin/sh
# A peer's event nested 2,000 values deep (an org add with an array of
# arrays in its data) was valid to zdh's reader, which takes what
# jansson takes (2,048), but the record's state then held JSON deeper
# than SQLite reads (2,000 in 3.40, 1,000 from 3.45): the pull said "the
# index could not follow", and every command after it, reindex and clone
# included, failed on the same catch-up, exit 128.  An event nests at
# most 64 values deep (include/event.h, ZDH_EVENT_MAX_DEPTH); a deeper
# one is invalid, as a malformed one is: it stays in the history with no
# effect, and every command goes on.
test_description='an event nested too deep is invalid, and nothing stops on it'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: a peer whose log ends with an org add nested 2,000 deep' '
	CRAFT_REPLICA=yanan && export CRAFT_REPLICA &&
	zdh init --replica yanan --prefix YA peer >/dev/null &&
	at peer issue add 路灯不亮 >/dev/null &&
	tip=$(git --git-dir=peer/.zdh rev-parse refs/zdh/log/yanan) &&
	tip=$(craft peer/.zdh "$tip" deep 2000 YA-O1 深) &&
	git --git-dir=peer/.zdh update-ref refs/zdh/log/yanan "$tip" &&
	zdh init --replica xinqiao --prefix XQ a >/dev/null &&
	at a issue add 本地的事 >/dev/null &&
	at a remote add peer ../peer
'

test_expect_success 'the pull takes the log and names the event invalid; every command still runs' '
	at a pull peer >out 2>err &&
	grep "invalid event (event: malformed event JSON: maximum parsing depth reached)" err &&
	! grep "could not follow" err &&
	at a issue list >list &&
	grep 路灯不亮 list && grep 本地的事 list &&
	at a org list >orgs 2>/dev/null &&
	! grep 深 orgs &&
	at a org add --kind dept 城管中队 >/dev/null &&
	at a reindex >/dev/null 2>&1 &&
	at a issue show YA-1 >/dev/null &&
	git --git-dir=a/.zdh fsck 2>err && ! grep -i "missing\|error" err
'

test_expect_success 'verify names it; a clone of a repository holding it works' '
	test_expect_code 1 at a verify >out 2>err &&
	grep "maximum parsing depth reached" err &&
	zdh clone a b --replica laoxi --prefix LX >/dev/null 2>err &&
	at b issue list >list &&
	grep 路灯不亮 list
'

exported () {
	"$ZDH" export
}

test_expect_success 'the limit: 64 values deep is an event, 65 is not' '
	tip=$(craft peer/.zdh "$tip" deep 64 YA-O2 浅) &&
	tip=$(craft peer/.zdh "$tip" deep 65 YA-O3 过深) &&
	git --git-dir=peer/.zdh update-ref refs/zdh/log/yanan "$tip" &&
	at a pull peer >out 2>err &&
	grep -c "maximum parsing depth reached" err >n &&
	echo 1 >expect && test_cmp expect n &&
	at a org list >orgs &&
	grep 浅 orgs && ! grep 过深 orgs &&
	same_by_reindex exported a
'

test_done
