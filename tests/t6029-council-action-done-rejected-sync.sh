#!/bin/sh
# One office closes a decision adopted as it sees the votes, adds an
# action and does it; another office, not having heard of the close,
# records a member's changed vote, which folds before the close and turns
# the result into rejected.  The action stays done (a done action is
# final, no void undoes it), of a decision not adopted: the pull that
# brings either side says so, in one line, at both offices, as
# zdh-sync(1) and zdh-council(1) tell; before, both pulls said nothing.
# (ya's vote folds before the close: xq writes one more event first, so
# both carry the same clock, and yanan sorts before xinqiao.)
test_description='an action done while another office turned its decision rejected'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: xq has a council of three, XQ-D1 voted 2 for; ya clones' '
	council_of_three &&
	at xq org add --kind dept 房管办 >/dev/null &&
	at xq council meeting add XQ-C1 --present 甲,乙,丙 --date 2024-02-01 >/dev/null &&
	at xq council decide XQ-M1 --motion 加装坡道 --for 甲,乙 --date 2024-02-01 >/dev/null &&
	at xq council decide XQ-M1 --motion 修缮门禁 --date 2024-02-01 >/dev/null &&
	two_offices_cloned
'

test_expect_success 'xq closes XQ-D1 adopted and does its action; ya records 乙 against' '
	at xq council discuss XQ-C1 -m 坡道的图纸 >/dev/null &&
	at xq council close XQ-D1 >/dev/null &&
	at xq council decision show XQ-D1 >show &&
	grep "^result: .*adopted by simple majority" show &&
	at xq council action add XQ-D1 --action 修坡道 --dept 房管办 >/dev/null &&
	at xq council action done XQ-A1 -m 已修 >/dev/null &&
	at ya council vote XQ-D1 --member 乙 --vote against >/dev/null &&
	cp -r xq xq.zh && cp -r ya ya.zh
'

test_expect_success 'the pull that brings either side says the action was done for a motion not adopted' '
	echo "XQ-A1 is done, but its decision XQ-D1 is closed rejected now: it was done for a motion not adopted (take it up again at a meeting)" >expect &&
	pulls_both_say expect &&
	at xq council decision show XQ-D1 >show &&
	grep "^result: .*rejected" show &&
	grep "XQ-A1  done" show
'

test_expect_success 'the same line in Chinese, in both sync orders' '
	echo "XQ-A1 已完成，但其决议 XQ-D1 现已关闭（未通过）：完成的是一项未通过的动议（请在会议上重新议决）" >expect &&
	LANGUAGE=zh_CN at ya.zh pull >out 2>err &&
	test_cmp expect err &&
	LANGUAGE=zh_CN at xq.zh pull >out 2>err &&
	test_cmp expect err &&
	rm -rf ya.zh
'

test_expect_success 'a pull of nothing of theirs says nothing' '
	at ya council vote XQ-D2 --member 甲 --vote for >/dev/null &&
	at ya push -q &&
	at xq pull >out 2>err &&
	test_must_be_empty err
'

test_expect_success 'every replica agrees and verifies' '
	at xq push -q && at ya pull -q &&
	at xq.zh pull -q &&
	same_everywhere xq ya xq.zh
'

test_done
