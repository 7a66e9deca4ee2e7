#!/bin/sh
# A link names an issue by its id: issue link checks the other issue is
# there, and the fold checks that a peer's event names an issue id at all
# (an empty text, a lower-case id, an org's id), or the link would show as
# an empty line in show and as nothing on the other side.  Such an event
# is kept, marked without effect, as every refused event of a peer.
test_description='a link a peer crafted to no issue id has no effect'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

crafted () {
	tip=$(git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao) &&
	new=$(craft .zdh "$tip" event "$@") &&
	git --git-dir=.zdh update-ref refs/zdh/log/xinqiao "$new" "$tip"
}

test_expect_success 'setup: two issues and an org' '
	zdh init --replica xinqiao --prefix XQ r >/dev/null &&
	cd r &&
	zdh org add --kind dept 房管办 >/dev/null &&
	zdh issue add "楼道灯坏了" >/dev/null &&
	zdh issue add "同一楼道漏水" >/dev/null
'

test_expect_success 'links to no issue id: kept, without effect; a link to an issue takes effect' '
	cd r &&
	crafted issue XQ-1 link "{\"link\":\"\"}" &&
	crafted issue XQ-1 link "{\"link\":\"xq-2\"}" &&
	crafted issue XQ-1 link "{\"link\":\"XQ-O1\"}" &&
	crafted issue XQ-1 link "{\"link\":\"XQ-2\"}" &&
	zdh issue show XQ-1 --json >show.json &&
	grep -A3 "\"links\"" show.json >links &&
	grep "\"XQ-2\"" links &&
	! grep "\"\"" links &&
	! grep "xq-2" links &&
	! grep "XQ-O1" links &&
	zdh log --record XQ-1 --json >log.json &&
	test $(grep -c "is not the id of an issue" log.json) = 2 &&
	grep "\"note\": \"XQ-O1 is an org, not an issue\"" log.json &&
	zdh issue show XQ-2 >show2 &&
	grep "^linked from: *XQ-1" show2
'

test_expect_success 'a reindex judges them the same' '
	cd r &&
	zdh reindex >/dev/null &&
	zdh log --record XQ-1 --json >again.json &&
	test $(grep -c "is not the id of an issue" again.json) = 2 &&
	grep "XQ-O1 is an org, not an issue" again.json &&
	zdh issue show XQ-1 --json >show.json &&
	grep -A3 "\"links\"" show.json >links &&
	! grep "XQ-O1" links
'

test_done
