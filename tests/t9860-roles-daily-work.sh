#!/bin/sh
# With roles on and signatures required, as an office runs it, the daily
# work of the stories of the domain is accepted, across two offices
# syncing through a bare folder: the sub-district office (jd) and the
# residents' committee of 新桥 (xq).  Each step by someone who holds the
# role takes effect; the same step by someone without it is refused with
# one line naming the role, and nothing is written.  The scoped rules of
# trust versions 3 and 4 (a record's own area and department) must not
# block an escalation, a return and claim by another department, a move
# between areas by the sub-district admin, a council's action done by
# its department's liaison, nor a pairing ended by another office.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

# jd KEY ARGS..., xq KEY ARGS...: zdh ARGS in that office, signed by KEY
jd () {
	k_=$1
	shift
	ZDH_SIGNING_KEY="$HOME/$k_" "$ZDH" -C jd "$@"
}
xq () {
	k_=$1
	shift
	ZDH_SIGNING_KEY="$HOME/$k_" "$ZDH" -C xq "$@"
}
# both: the two offices hear each other
both () {
	"$ZDH" -C xq sync -q && "$ZDH" -C jd sync -q && "$ZDH" -C xq sync -q
}
# refused WHAT OFFICE KEY ARGS...: refused (exit 1) with one line naming
# the role WHAT needs, and nothing written
refused () {
	r_what_=$1 r_dir_=$2
	shift 2
	git --git-dir=$r_dir_/.zdh for-each-ref >refs.before &&
	test_expect_code 1 $r_dir_ "$@" 2>err &&
	one_line_error err &&
	grep "$r_what_ needs the role" err &&
	git --git-dir=$r_dir_/.zdh for-each-ref >refs.after &&
	test_cmp refs.before refs.after
}
status_is () {
	"$ZDH" -C "$1" issue show "$2" --json >show.json &&
	grep "\"status\": \"$3\"" show.json
}

test_expect_success 'setup: people, keys, roles; the 新桥 office cloned' '
	keys adm xs ys fg cg cs &&
	zdh init --replica jiedao --prefix JD jd >/dev/null 2>&1 &&
	for a in 新桥 延安; do zdh -C jd org add --kind area $a >/dev/null || return 1; done &&
	for d in 房管办 城管 派出所; do zdh -C jd org add --kind dept $d >/dev/null || return 1; done &&
	# the key signs from the founder on: the events before it unsigned,
	# written before the repository had people (signed by it, they were
	# outside its dates whenever the clock passed a second in between)
	zdh -C jd config user.signingkey "$HOME/adm" &&
	zdh -C jd person add 王芳 --email adm@example.org --key "$HOME/adm.pub" >/dev/null &&
	zdh -C jd person add 孙八 --email xs@example.org --key "$HOME/xs.pub" >/dev/null &&
	zdh -C jd person add 赵六 --email ys@example.org --key "$HOME/ys.pub" >/dev/null &&
	zdh -C jd person add 房一 --email fg@example.org --key "$HOME/fg.pub" >/dev/null &&
	zdh -C jd person add 城一 --email cg@example.org --key "$HOME/cg.pub" >/dev/null &&
	zdh -C jd person add 钱七 --email cs@example.org --key "$HOME/cs.pub" >/dev/null &&
	zdh -C jd person grant JD-U1 subdistrict-admin &&
	zdh -C jd person grant JD-U2 area-staff --area 新桥 &&
	zdh -C jd person grant JD-U3 area-staff --area 延安 &&
	zdh -C jd person grant JD-U4 liaison --dept 房管办 &&
	zdh -C jd person grant JD-U5 liaison --dept 城管 &&
	zdh -C jd person grant JD-U6 council-secretary --area 新桥 &&
	zdh -C jd config zdh.require-signatures true &&
	git init -q --bare hub.git &&
	zdh -C jd remote add origin ../hub.git &&
	zdh -C jd push >/dev/null 2>&1 &&
	zdh clone hub.git xq --replica xinqiao --prefix XQ -q &&
	zdh -C xq config user.signingkey "$HOME/xs"
'

test_expect_success 'a resident reports to the committee; its staff escalates it' '
	xq xs issue add 52弄垃圾桶满溢 --area 新桥 --category environment --source visit >id &&
	echo XQ-1 >expect && test_cmp expect id &&
	xq ys issue comment XQ-1 -m 延安也看到了 &&
	refused "issue escalate" xq ys issue escalate XQ-1 -m 处理不了 &&
	grep "area-staff of 新桥" err &&
	xq xs issue escalate XQ-1 -m 居委会处理不了 &&
	status_is xq XQ-1 escalated && both
'

test_expect_success 'escalated before a claim: the platform resolves it, a liaison is told it has no department' '
	refused "issue resolve" jd cg issue resolve XQ-1 -m 已清理 &&
	grep "liaison of its department (it has none)" err &&
	test_expect_code 1 env LANGUAGE=zh_CN ZDH_SIGNING_KEY="$HOME/cg" "$ZDH" -C jd issue resolve XQ-1 -m 已清理 2>err &&
	grep "联络员（所属部门：尚无）" err &&
	jd adm issue resolve XQ-1 -m 街道网格平台协调清运 &&
	status_is jd XQ-1 resolved && both
'

test_expect_success 'a department claims an issue of the area; another cannot claim or return it for it' '
	xq xs issue add 楼道堆物 --area 新桥 --category housing >/dev/null && both &&
	refused "issue claim" jd cg issue claim XQ-2 --dept 房管办 &&
	grep "liaison of 房管办" err &&
	jd fg issue claim XQ-2 --dept 房管办 &&
	refused "issue return" jd cg issue return XQ-2 --reason not-our-area -m 不归我们 &&
	jd fg issue assign XQ-2 --to 房二 &&
	status_is jd XQ-2 claimed
'

test_expect_success 'returned by one department, claimed by another, who alone resolves it' '
	jd fg issue return XQ-2 --reason not-our-area -m 不归房管办 &&
	status_is jd XQ-2 open &&
	jd cg issue claim XQ-2 --dept 城管 &&
	refused "issue resolve" jd fg issue resolve XQ-2 -m 不是我们的 &&
	grep "liaison of 城管" err &&
	jd cg issue comment XQ-2 -m "@派出所 请协助" && both
'

test_expect_success 'the committee escalates a claimed issue; its department resolves it' '
	xq xs issue escalate XQ-2 -m 部门一家解决不了 && both &&
	jd cg issue resolve XQ-2 -m 已清理 && both &&
	status_is xq XQ-2 resolved
'

test_expect_success 'callback: only the committee of its area records it; dissatisfied goes back' '
	refused "issue close" xq ys issue close XQ-2 --satisfaction 5 &&
	xq xs issue close XQ-2 --satisfaction 2 -m 还有堆物 &&
	status_is xq XQ-2 escalated &&
	xq xs issue urge XQ-2 -m 请尽快 --date 2099-01-01 --future && both &&
	jd cg issue resolve XQ-2 -m 再次清理 && both &&
	xq xs issue close XQ-2 --satisfaction 5 -m 满意 &&
	status_is xq XQ-2 closed
'

test_expect_success 'follow-up by both offices, reopen by the committee, resolve by the department' '
	xq xs issue follow-up XQ-2 -m 志愿者巡查 && both &&
	jd cg issue follow-up XQ-2 -m 城管巡查 && both &&
	refused "issue reopen" jd fg issue reopen XQ-2 -m 又堆了 &&
	xq xs issue reopen XQ-2 -m 又堆了 && both &&
	status_is jd XQ-2 claimed &&
	jd cg issue resolve XQ-2 -m 第三次清理 && both &&
	status_is xq XQ-2 resolved
'

test_expect_success 'the committee reassigns a claimed issue to another department' '
	xq xs issue add 楼顶漏水 --area 新桥 --category housing >/dev/null && both &&
	jd fg issue claim XQ-3 --dept 房管办 && both &&
	xq xs issue edit XQ-3 --dept 城管 -m 改派城管 && both &&
	refused "issue resolve" jd fg issue resolve XQ-3 -m 修好了 &&
	jd cg issue resolve XQ-3 -m 修好了 &&
	status_is jd XQ-3 resolved && both
'

test_expect_success 'an issue of the wrong area is moved by the sub-district admin, not by one area' '
	xq xs issue add 错登的问题 --area 新桥 >/dev/null && both &&
	refused "issue edit" xq xs issue edit XQ-4 --area 延安 -m 属于延安 &&
	grep "area-staff of 延安" err &&
	jd adm issue edit XQ-4 --area 延安 -m 属于延安 && both &&
	refused "issue escalate" xq xs issue escalate XQ-4 -m 新桥不能再管 &&
	xq ys issue escalate XQ-4 -m 延安上报 &&
	status_is xq XQ-4 escalated && both
'

test_expect_success 'a council: set up, meets, decides, assigns an action to a department' '
	xq xs council add 新桥理事会 --area 新桥 --date 2024-01-10 >id &&
	echo XQ-C1 >expect && test_cmp expect id &&
	refused "council add" xq ys council add 冒名理事会 --area 新桥 --date 2024-01-10 &&
	for m in 甲 乙 丙; do xq cs council member add XQ-C1 $m --role member --date 2024-01-10 || return 1; done &&
	xq cs council meeting add XQ-C1 --present 甲,乙,丙 --date 2024-02-01 >/dev/null &&
	refused "decision add" xq xs council decide XQ-M1 --motion 装门 --for 甲,乙 --close --date 2024-02-01 &&
	xq cs council decide XQ-M1 --motion 装门 --for 甲,乙 --close --date 2024-02-01 >/dev/null &&
	xq cs council action add XQ-D1 --action 巷口装门 --dept 城管 --date 2024-02-02 >/dev/null &&
	xq cs council discuss XQ-C1 -m 讨论门的位置 && both &&
	jd fg council discuss XQ-C1 -m 房管办的意见 && both
'

test_expect_success 'the action is done by its department'"'"'s liaison at the other office' '
	refused "action done" jd fg council action done XQ-A1 --date 2024-03-01 &&
	grep "liaison of 城管" err &&
	jd cg council action done XQ-A1 --date 2024-03-01 && both &&
	zdh -C xq council action list --council XQ-C1 >list &&
	grep "XQ-A1.*done" list
'

test_expect_success 'a council moved by the admin: its new area'"'"'s secretary follows up its decision' '
	zdh -C jd person grant JD-U3 council-secretary --area 延安 &&
	jd adm council edit XQ-C1 --area 延安 && both &&
	xq ys council action add XQ-D1 --action 延安跟进 --dept 城管 --date 2024-04-02 >id &&
	echo XQ-A2 >expect && test_cmp expect id &&
	refused "action add" xq cs council action add XQ-D1 --action 旧区跟进 --dept 城管 --date 2024-04-02 &&
	grep "council-secretary of 延安" err &&
	zdh -C xq council action list --council XQ-C1 >list &&
	grep "XQ-A2.*延安跟进" list && both &&
	jd cg council action done XQ-A2 --date 2024-04-03 && both
'

test_expect_success 'menu: an offer of the office, a need of the committee, paired and ended by either' '
	jd adm menu offer add 孤老结对助老 --provider 房管办 --category elderly --capacity 1 >/dev/null &&
	xq xs menu need add 孤老陪伴 --area 新桥 --category elderly --people 1 >/dev/null && both &&
	xq xs menu pair XQ-N1 JD-F1 >/dev/null && both &&
	xq xs menu deliver XQ-P1 --people 1 --hours 2 >/dev/null &&
	xq xs menu unpair XQ-P1 -m 结束 && both &&
	xq xs menu need add 孤老陪伴二 --area 新桥 --category elderly --people 1 >/dev/null &&
	xq xs menu pair XQ-N2 JD-F1 >/dev/null && both &&
	jd adm menu unpair XQ-P2 -m 由街道结束 && both &&
	xq xs menu pair XQ-N2 JD-F1 >/dev/null && both &&
	zdh -C xq menu pairings --offer JD-F1 >list &&
	grep XQ-P3 list && ! grep "XQ-P[12] " list
'

# zdh-issue(1): escalate is for problems one department cannot solve;
# the department that claimed it says so (trust version 5)
test_expect_success 'the department that claimed an issue escalates it; another department cannot' '
	xq xs issue add 外墙脱落 --area 新桥 --category housing >id && both &&
	jd fg issue claim $(cat id) --dept 房管办 && both &&
	refused "issue escalate" jd cg issue escalate $(cat id) -m 不是我们的 &&
	grep "liaison of 房管办" err &&
	jd fg issue escalate $(cat id) -m 需要多个部门 && both &&
	status_is xq $(cat id) escalated
'

test_expect_success 'both offices hold every event, all with effect, and agree' '
	both &&
	zdh -C jd verify >out 2>&1 && ! grep -i "no effect" out &&
	zdh -C xq verify >out 2>&1 && ! grep -i "no effect" out &&
	zdh -C jd log >log && ! grep "no effect" log &&
	zdh -C jd export >jd.export && zdh -C xq export >xq.export &&
	test_cmp jd.export xq.export
'

# (after the check above: this one leaves an event without effect)
test_expect_success 'a move and an escalate at once: the office told names the area, not its id' '
	xq xs issue add 同时处理 --area 新桥 >id && both &&
	jd adm issue edit $(cat id) --area 延安 -m 属于延安 &&
	xq xs issue escalate $(cat id) -m 新桥上报 &&
	"$ZDH" -C jd sync -q && "$ZDH" -C xq sync -q &&
	"$ZDH" -C jd sync -q 2>err &&
	grep "no effect: issue escalate needs the role .*area-staff of 延安" err &&
	! grep "JD-O[0-9]" err &&
	# (verify names it from its own fold of the logs: the area by name too)
	test_expect_code 1 "$ZDH" -C jd verify >out 2>err &&
	grep "no effect: issue escalate needs the role .*area-staff of 延安" err &&
	! grep "JD-O[0-9]" err
'

test_done
