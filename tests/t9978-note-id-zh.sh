#!/bin/sh
# A vote another office wrote on a decision this office had closed has no
# effect; its note, "XQ-D1: the decision is closed; a vote cannot be
# recorded", is the record's id before a message of the catalogue, and
# under zh_CN pull, log and show printed it in English.  A note of the
# form "ID: why" is shown with why in the reader's words, as "RULE: why"
# was; English and --json keep the text as stored.
test_description='a note "ID: why" of an event without effect, in the catalogue.s words'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: one office closes a decision, the other votes on it' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 --date 2026-11-01 >/dev/null &&
	at xq council add 新桥理事会 --area 新桥 --date 2026-11-01 >/dev/null &&
	for m in 张建国 李梅 陈华; do
		at xq council member add 新桥理事会 $m --role member --date 2026-11-01 || return 1
	done &&
	at xq council meeting add 新桥理事会 --present 张建国,李梅 --date 2026-12-03 >/dev/null &&
	at xq council decide XQ-M1 --motion 三步方案 --for 张建国,李梅 --date 2026-12-03 >/dev/null &&
	zdh clone xq ya --replica yanan --prefix YA >/dev/null 2>&1 &&
	ZDH_USER_NAME=李明 at ya council vote XQ-D1 --member 陈华 --vote against --date "2026-12-04 10:00" &&
	at xq council close XQ-D1 --date "2026-12-04 09:00"
'

test_expect_success 'zh_CN: pull, log and show say why in Chinese' '
	LANGUAGE=zh_CN "$ZDH" -C ya pull -v 2>pull &&
	at ya push -q &&
	grep "^XQ-D1 表决 未生效：" pull &&
	grep "（XQ-D1：决议已结束；不能再记录投票）\$" pull &&
	LANGUAGE=zh_CN "$ZDH" -C xq log --record XQ-D1 >log &&
	grep "  表决  .*\[无效果：XQ-D1：决议已结束；不能再记录投票\]" log &&
	LANGUAGE=zh_CN "$ZDH" -C ya council decision show XQ-D1 >show &&
	grep "  表决  .*\[无效果：XQ-D1：决议已结束；不能再记录投票\]" show &&
	! grep "cannot be recorded" pull log show
'

test_expect_success 'English and --json: the note as stored' '
	at xq log --record XQ-D1 >log &&
	grep "\[no effect: XQ-D1: the decision is closed; a vote cannot be recorded\]" log &&
	LANGUAGE=zh_CN "$ZDH" -C xq log --record XQ-D1 --json >log.json &&
	grep "\"XQ-D1: the decision is closed; a vote cannot be recorded\"" log.json
'

test_done
