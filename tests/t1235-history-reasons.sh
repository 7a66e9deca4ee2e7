#!/bin/sh
# What a writer gives with -m (a reason, a note) was shown three ways in
# the histories of show: an issue's or a council's "  重复录入 …" (the
# message, its first line), an org's "reason: 并入房管办" (its whole text,
# lines and all, in the table's cell), a menu entry's, a pairing's and a
# liaison's "reason=不需要了" (as a field).  Every kind now says it as a
# message: after the fields, two spaces, its first line, " …" when there
# is more; an issue's return keeps its code as a field (reason=...).
test_description='a reason in every kind of history, one form'
. "$(dirname "$0")/lib.sh"

REASON="不再需要
详见会议纪要"

test_expect_success 'setup: each kind written with a two-line reason' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 房管办 >/dev/null &&
	zdh org add --kind unit 社区医院 >/dev/null &&
	zdh org add --kind dept 旧所 >/dev/null &&
	zdh org retire 旧所 -m "$REASON" >/dev/null &&
	zdh org edit 新桥 --code 3101 -m "$REASON" >/dev/null &&
	zdh issue add 路灯 --area 新桥 >/dev/null &&
	zdh issue void XQ-1 -m "$REASON" >/dev/null &&
	zdh issue add 漏水 --area 新桥 >/dev/null &&
	zdh issue claim XQ-2 --dept 房管办 >/dev/null &&
	zdh issue return XQ-2 --reason not-our-area -m "$REASON" >/dev/null &&
	zdh menu offer add 义诊 --provider 社区医院 --category elderly --areas 新桥 >/dev/null &&
	zdh menu need add 体检 --area 新桥 --category elderly >/dev/null &&
	zdh menu pair XQ-N1 XQ-F1 >/dev/null &&
	zdh menu unpair XQ-P1 -m "$REASON" >/dev/null &&
	zdh menu offer retire XQ-F1 -m "$REASON" >/dev/null &&
	zdh visit liaison add 李明 --dept 房管办 --areas 新桥 >/dev/null &&
	zdh visit liaison retire 李明 -m "$REASON" >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 >/dev/null &&
	zdh council member add XQ-C1 王芳 --role chair >/dev/null &&
	zdh council meeting add XQ-C1 --present 王芳 >/dev/null &&
	zdh council decide XQ-M1 --motion 装门 --consensus --action 装门 --dept 房管办 >/dev/null &&
	zdh council action void XQ-A1 -m "$REASON" >/dev/null
'

# the "what" of the last history line of zdh ARGS (after date, time, who, op)
last_what () {
	"$@" | tail -n 1 | sed "s/^[^ ]* [^ ]*  [^ ]*  [^ ]*  *//"
}

test_expect_success 'every kind: the reason as a message, its first line' '
	for show in "org show XQ-O4" "issue show XQ-1" "menu show XQ-P1" "menu show XQ-F1" \
		"visit show XQ-L1" "council action show XQ-A1"; do
		last_what zdh $show >what &&
		echo "不再需要 …" >expect &&
		test_cmp expect what || { echo "# zdh $show"; return 1; }
	done
'

test_expect_success 'after the fields two spaces; a return keeps its code as a field' '
	last_what zdh org show XQ-O1 >what &&
	echo "code=3101  不再需要 …" >expect &&
	test_cmp expect what &&
	last_what zdh issue show XQ-2 >what &&
	echo "reason=not-our-area  不再需要 …" >expect &&
	test_cmp expect what
'

test_expect_success 'the same under zh_CN' '
	for show in "org show XQ-O4" "menu show XQ-P1" "visit show XQ-L1" "council action show XQ-A1"; do
		last_what zh $show >what &&
		echo "不再需要 …" >expect &&
		test_cmp expect what || { echo "# zdh $show"; return 1; }
	done &&
	last_what zh issue show XQ-2 >what &&
	echo "原因=非本部门职责  不再需要 …" >expect &&
	test_cmp expect what
'

test_expect_success '--json keeps the reason whole, where the event has it' '
	zdh org show XQ-O4 --json >out &&
	grep "\"reason\": \"不再需要\\\\n详见会议纪要\"" out &&
	zdh menu show XQ-P1 --json >out &&
	grep "\"reason\": \"不再需要\\\\n详见会议纪要\"" out
'

test_done
