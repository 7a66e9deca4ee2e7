#!/bin/sh
# One commit on two logs, met in two catch-ups: a hostile hub's log 'aaa'
# pointing at xinqiao's history is pulled first (its events are invalid
# there: another replica's), then the real xinqiao log.  The office's own
# events must then take effect, as a catch-up meeting both logs at once
# does (t9020), not stay refused because the wrong log rowed them first;
# and the pull, whose catch-up rebuilt the index (every seq renumbered),
# still pins the prefix its new events created records under.
test_description='a commit on a foreign log first, its own log in a later pull'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: the real hub, and a hostile one naming its history aaa' '
	office_on_hub real.git &&
	tip=$(git --git-dir=real.git rev-parse refs/zdh/log/xinqiao) &&
	git init -q --bare hub.git &&
	git --git-dir=real.git push -q "$PWD/hub.git" "$tip:refs/zdh/log/aaa"
'

test_expect_success 'the hostile hub first: nothing takes effect' '
	zdh init --replica tianjin --prefix TJ tj >/dev/null 2>&1 &&
	at tj remote add evil ../hub.git &&
	at tj pull evil >/dev/null 2>err &&
	at tj issue list --format csv >out &&
	! grep XQ-1 out
'

test_expect_success 'then the real hub: the office'\''s events take effect' '
	at tj remote add origin ../real.git &&
	at tj pull origin >/dev/null 2>err &&
	grep "rebuilding the index" err &&
	at tj issue list --format csv >out &&
	grep "^XQ-1,路灯," out &&
	echo xinqiao >expect &&
	git config -f tj/.zdh/config prefix.XQ.owner >actual &&
	test_cmp expect actual &&
	{ at tj verify >/dev/null 2>&1; test $? = 1; } &&
	at tj reindex >/dev/null 2>&1 &&
	at tj issue list --format csv >again &&
	test_cmp out again
'

test_done
