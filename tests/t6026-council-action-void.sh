#!/bin/sh
# An action that will never be done (its decision closed rejected at one
# office while another added it, or assigned by mistake) had no way out:
# it stayed open in the department's inbox and in `action list --open`
# for ever, overdue once its day passed.  `council action void ACTION -m
# REASON` (作废) closes it, as `issue void` does an issue: the reason is
# required, the action leaves every list of open ones, and it can be
# neither done nor voided again; an office that marks it done while
# another voids it ends with the same action at both, the later event
# without effect, its note saying why.
test_description='council action void: an action that will not be done'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: xq closes XQ-D1 rejected while ya adds an action of it' '
	council_of_three &&
	at xq org add --kind dept 房管办 >/dev/null &&
	at xq council meeting add XQ-C1 --present 甲,乙,丙 --date 2024-02-01 >/dev/null &&
	at xq council decide XQ-M1 --motion 加装坡道 --date 2024-02-01 >/dev/null &&
	at xq council decide XQ-M1 --motion 修缮门禁 --for 甲,乙 --close --date 2024-02-01 >/dev/null &&
	two_offices_cloned &&
	at xq council vote XQ-D1 --member 甲 --vote against >/dev/null &&
	at xq council vote XQ-D1 --member 乙 --vote against >/dev/null &&
	at xq council close XQ-D1 >/dev/null &&
	at ya council action add XQ-D1 --action 修坡道 --dept 房管办 --due 2024-03-01 >/dev/null &&
	at ya council action add XQ-D2 --action 换门禁 --dept 房管办 >/dev/null &&
	at ya council action add XQ-D2 --action 贴告示 --dept 房管办 >/dev/null &&
	at ya push -q &&
	at xq pull 2>err &&
	grep "YA-A1 is an action of XQ-D1, closed rejected: it can never be done (void it)" err &&
	at xq inbox --dept 房管办 >inbox &&
	grep "YA-A1" inbox
'

test_expect_success 'void needs a reason: usage error, nothing written' '
	ZDH_DIR=xq/.zdh log_tip xinqiao >before &&
	test_expect_code 129 at xq council action void YA-A1 2>err &&
	grep "needs -m REASON" err &&
	test_expect_code 129 at xq council action void YA-A1 -m "" 2>err &&
	test_expect_code 129 at xq council action void 2>err &&
	ZDH_DIR=xq/.zdh log_tip xinqiao >after &&
	test_cmp before after
'

test_expect_success 'void: the action leaves the inbox and the open list, shows void' '
	at xq council action void ya-a1 -m "决议未通过，不再施工" >out &&
	test_must_be_empty out &&
	at xq inbox --dept 房管办 >inbox &&
	! grep "YA-A1" inbox &&
	grep "YA-A2" inbox &&
	at xq council action list --open --format csv >open &&
	! grep "^YA-A1," open &&
	grep "^YA-A2," open &&
	at xq council action list --overdue --format csv >overdue &&
	! grep "^YA-A1," overdue &&
	at xq council action list --format csv >all &&
	grep "^YA-A1,.*,void," all &&
	at xq council decision show XQ-D1 >show &&
	grep "YA-A1  void" show &&
	at xq council decision show XQ-D1 --json >show.json &&
	grep "\"status\": \"void\"" show.json &&
	LANGUAGE=zh_CN at xq council decision show XQ-D1 >show.zh &&
	grep "YA-A1  已作废" show.zh
'

test_expect_success 'a void action is neither done nor voided again; a done one is not voided' '
	ZDH_DIR=xq/.zdh log_tip xinqiao >before &&
	test_expect_code 1 at xq council action done YA-A1 -m 已修 2>err &&
	echo "zdh: YA-A1 is void" >expect && test_cmp expect err &&
	test_expect_code 1 at xq council action void YA-A1 -m 再次 2>err &&
	echo "zdh: YA-A1 is void" >expect && test_cmp expect err &&
	ZDH_DIR=xq/.zdh log_tip xinqiao >after &&
	test_cmp before after &&
	at xq council action done YA-A3 -m 已贴 >/dev/null &&
	ZDH_DIR=xq/.zdh log_tip xinqiao >before &&
	test_expect_code 1 at xq council action void YA-A3 -m 不需要 2>err &&
	echo "zdh: YA-A3 is done already" >expect && test_cmp expect err &&
	LANGUAGE=zh_CN test_expect_code 1 at xq council action void YA-A3 -m 不需要 2>err &&
	grep "YA-A3" err &&
	! grep "is done already" err &&
	test_expect_code 1 at xq council action void XQ-A9 -m 无此行动 2>err &&
	ZDH_DIR=xq/.zdh log_tip xinqiao >after &&
	test_cmp before after
'

test_expect_success 'the history says it was voided and why' '
	at xq log >log &&
	grep "YA-A1" log >lines &&
	grep "void" lines &&
	at xq log --json >log.json &&
	grep "决议未通过，不再施工" log.json &&
	LANGUAGE=zh_CN at xq log >log.zh &&
	grep "YA-A1" log.zh | grep "作废"
'

test_expect_success 'the pull of the void says nothing more of the action' '
	at xq push -q &&
	at ya pull >out 2>err &&
	! grep "YA-A1" err &&
	at ya council action list --open --format csv >open &&
	! grep "^YA-A1," open
'

test_expect_success 'done at one office, void at the other: the same at both, the later without effect' '
	at ya council action done YA-A2 -m 已换 >/dev/null &&
	at xq council action void YA-A2 -m 不换了 >/dev/null &&
	at ya push -q && at xq pull -q && at xq push -q && at ya pull -q &&
	at xq council action list --format csv >xq.list &&
	at ya council action list --format csv >ya.list &&
	test_cmp xq.list ya.list &&
	grep "^YA-A2,.*,\(done\|void\)," xq.list &&
	at xq export >xq.json &&
	at ya export >ya.json &&
	test_cmp xq.json ya.json &&
	# (the same lines, but writers of the other office named with their replica: t8255)
	at xq log | grep "YA-A2" | sed -e "s/@[a-z0-9-]*//" -e "s/  */ /g" >xq.log &&
	at ya log | grep "YA-A2" | sed -e "s/@[a-z0-9-]*//" -e "s/  */ /g" >ya.log &&
	test_cmp xq.log ya.log &&
	grep "no effect: YA-A2 is \(void\|done already\)" xq.log >noeffect &&
	test_line_count = 1 noeffect &&
	at xq verify -q &&
	at ya verify -q
'

test_done
