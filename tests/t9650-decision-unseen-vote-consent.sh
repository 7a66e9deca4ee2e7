#!/bin/sh
# Two offices record the same member's vote, or the same household's
# written consent, before hearing of each other.  The one that sorted
# later silently replaced the other on every replica: a household's
# written refusal, recorded at one office, vanished under a consent
# recorded at another that had never seen it (the decision adopted, not
# blocked), and a member's vote recorded as against became for, with no
# trace in show or conflicts.  A vote and a consent now say what their
# writer had (decision version 2, "was"): one that would replace a vote
# or lift a refusal its writer had not seen has no effect, on every
# replica, and the pull tells the office that wrote it.
test_description='a vote or consent does not replace one its writer had not seen'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: xq has a decision needing the consent of 一楼; ya clones' '
	council_of_three &&
	at xq council charter XQ-C1 --quorum 2/3 --date 2024-01-10 &&
	at xq council meeting add XQ-C1 --present 甲,乙,丙 --date 2024-02-01 >/dev/null &&
	at xq council decide XQ-M1 --motion 加装电梯 --party 一楼 --for 乙,丙 \
		--date 2024-02-01 >/dev/null &&
	two_offices_cloned origin
'

test_expect_success 'ya records the refusal of 一楼 and 甲 against; xq, not having seen them, consent and for' '
	at ya council consent XQ-D1 --party 一楼 --refused -m "不同意" &&
	at ya council vote XQ-D1 --member 甲 --vote against &&
	at xq org add --kind area 延安 >/dev/null &&
	at xq org add --kind area 华山 >/dev/null &&
	at xq council consent XQ-D1 --party 一楼 &&
	at xq council vote XQ-D1 --member 甲 --vote for &&
	at ya push -q && at xq pull >xq.news 2>&1 && at xq push -q && at ya pull -q
'

test_expect_success 'every replica keeps the refusal and the vote against; xq is told' '
	for r in xq ya
	do
		at $r council decision show XQ-D1 >show &&
		grep "^consents:     一楼  refused" show &&
		grep "^votes:        甲  against" show &&
		grep "^              丙  for" show &&
		at $r council decision show XQ-D1 --json >json &&
		grep "\"status\": \"blocked\"" json &&
		at $r log --record XQ-D1 >log &&
		grep "vote .*\[no effect: XQ-D1: 甲 voted against, which the writer of this vote had not seen\]" log &&
		grep "consent .*\[no effect: XQ-D1: 一楼 refused on 20[0-9-]*, which the writer of this consent had not seen\]" log ||
		return 1
	done &&
	grep "XQ-D1 vote had no effect" xq.news &&
	grep "XQ-D1 consent had no effect" xq.news &&
	(cd xq && "$ZDH" reindex >/dev/null && "$ZDH" council decision show XQ-D1 >../rebuilt) &&
	grep "^consents:     一楼  refused" rebuilt
'

test_expect_success 'an office that has seen them changes the vote and records the consent' '
	at xq council vote XQ-D1 --member 甲 --vote for &&
	at xq council consent XQ-D1 --party 一楼 -m "同意了" &&
	at xq council close XQ-D1 &&
	at xq push -q && at ya pull -q &&
	for r in xq ya
	do
		at $r council decision show XQ-D1 >show &&
		grep "^votes:        甲  for" show &&
		grep "^consents:     一楼  given" show &&
		head -1 show >status &&
		grep "^XQ-D1  adopted" status || return 1
	done
'

test_expect_success 'the same vote recorded at two offices at once agrees: both take effect' '
	at xq council decide XQ-M1 --motion 修路 --date 2024-02-01 >/dev/null &&
	at xq push -q && at ya pull -q &&
	at ya council vote XQ-D2 --member 乙 --vote abstain &&
	at xq org add --kind area 静安 >/dev/null &&
	at xq council vote XQ-D2 --member 乙 --vote abstain &&
	at ya push -q && at xq pull -q &&
	at xq log --record XQ-D2 >log &&
	! grep "no effect" log
'

test_done
