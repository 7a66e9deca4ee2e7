#!/bin/sh
# A decision of type charter adopts one amendment of the charter (t9267),
# but only the write path checked it: an event from a peer (an older zdh,
# a hand-made commit) naming the decision for a second amendment passed
# the fold, and the charter it carried was in force at every office.  The
# fold judges it now: the event is kept and relayed, has no effect, and
# every office shows the same charter and the same reason.
test_description='council charter: one decision, one amendment, judged by the fold at both offices'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: xq amends its council charter by XQ-D1; ya clones' '
	xq_and_hub &&
	at xq council add 新桥理事会 --area 新桥 --date 2024-01-01 >/dev/null &&
	at xq council member add XQ-C1 李阿姨 --role chair --date 2024-01-01 &&
	at xq council charter XQ-C1 --quorum 1/2 --date 2024-01-02 &&
	at xq council meeting add XQ-C1 --present 李阿姨 --date 2024-02-01 >/dev/null &&
	at xq council decide XQ-M1 --motion 法定人数三分之二 --type charter \
		--for 李阿姨 --close --date 2024-02-01 >/dev/null &&
	at xq council charter XQ-C1 --quorum 2/3 --decision XQ-D1 --date 2024-02-02 &&
	at xq remote add origin ../hub.git &&
	at xq push -q &&
	zdh clone -q hub.git ya --replica yanan --prefix YA &&
	at ya issue add 路灯不亮 --area 新桥 --date 2024-02-03 >/dev/null
'

test_expect_success 'a peer amends it again naming XQ-D1: no effect at that office' '
	tip=$(git --git-dir=ya/.zdh rev-parse refs/zdh/log/yanan) &&
	new=$(craft ya/.zdh "$tip" event council XQ-C1 charter \
		"{\"charter\":{\"consent\":[],\"decision\":\"XQ-D1\",\"from\":\"2024-02-01\",\"majority\":{\"charter\":\"simple\",\"general\":\"simple\"},\"quorum\":\"1\",\"version\":3,\"voters\":[\"chair\",\"deputy\",\"member\"]}}") &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan "$new" "$tip" &&
	at ya council show XQ-C1 --json >ya.json &&
	at ya council show XQ-C1 >show &&
	grep "^charter in force on .*: version 2, from 2024-02-01, adopted by XQ-D1\$" show &&
	grep "^  quorum:       2/3 of the voting members\$" show &&
	grep "charter .*\[no effect: XQ-D1 adopted version 2 of the charter of XQ-C1 already; another amendment needs a decision of its own\]" show
'

test_expect_success 'relayed: the other office agrees, after a reindex too' '
	at ya push -q &&
	at xq pull -q &&
	at xq council show XQ-C1 --json >xq.json &&
	test_cmp ya.json xq.json &&
	at xq council show XQ-C1 >show &&
	grep "charter .*\[no effect: XQ-D1 adopted version 2 of the charter of XQ-C1 already; another amendment needs a decision of its own\]" show &&
	at xq reindex >/dev/null &&
	at xq council show XQ-C1 --json >again.json &&
	test_cmp xq.json again.json &&
	at xq export >a && at ya export >b && test_cmp a b
'

test_expect_success 'in Chinese' '
	LANGUAGE=zh_CN zdh -C xq council show XQ-C1 >zh &&
	grep "XQ-D1 已用于通过 XQ-C1 章程第 2 版；再次修改章程需要另一项决议" zh
'

test_done
