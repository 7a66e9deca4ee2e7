#!/bin/sh
# `zdh config zdh.replica NAME` before this replica wrote took the name of
# another replica whose log is here (pulled or cloned), and moved this
# replica's prefix pins to it (51269ca): its next write went onto that
# replica's log, and a push gave the other office an event it never wrote
# in its own log.  A name used here is refused, as zdh clone refuses it;
# one that no replica here uses is taken as before.
test_description='zdh.replica: not the name of another replica here'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: an office with an event, a clone of it with none' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	zdh clone xq hs --replica hongshan --prefix HS -q &&
	git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao >tip.before
'

test_expect_success 'the name of a replica whose log is here is refused, nothing changed' '
	(cd hs &&
	 test_refused "the replica name '\''xinqiao'\'' is already used in this repository; choose another" \
		config zdh.replica xinqiao)
'

test_expect_success 'its write stays its own; the other office.s log is untouched' '
	at hs issue add 垃圾桶满溢 --area 新桥 >out &&
	echo HS-1 >expect && test_cmp expect out &&
	at hs log --json --record HS-1 >json &&
	grep "\"replica\": \"hongshan\"" json &&
	at hs push -q &&
	git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao >tip.after &&
	test_cmp tip.before tip.after
'

test_expect_success 'a name no replica here uses is taken, the pins with it' '
	zdh clone xq ya --replica yanan --prefix YA -q &&
	at ya config zdh.replica yanan-2 &&
	git --git-dir=ya/.zdh config prefix.YA.owner >owner &&
	echo yanan-2 >expect && test_cmp expect owner &&
	at ya config zdh.replica yanan-2 &&
	at ya issue add 弄堂乱停车 --area 新桥 >out &&
	echo YA-1 >expect && test_cmp expect out
'

test_expect_success 'under zh_CN: the refusal in Chinese' '
	zdh clone xq c2 --replica c2 --prefix CB -q &&
	test_expect_code 1 env LANGUAGE=zh_CN "$ZDH" -C c2 config zdh.replica hongshan 2>err &&
	! grep "is already used" err &&
	grep "hongshan" err
'

test_done
