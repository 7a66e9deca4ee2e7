#!/bin/sh
# Members added today (their term from today) and last week's meeting
# recorded after them: decide --for refused each with "张建国 is not a
# voting member of XQ-C1 on the meeting's day", which does not say that
# the term began after that day, nor how to correct it.  It says the day,
# the term's start (or end) and the command that moves it; a member whose
# role does not vote is refused as before.
# A term whose end is "" (--to "", which reopens a term) has no end, for
# who votes and for the words of a refusal alike: not_voting() asks
# zdh_member_in_term(), not its own reading of the days.
test_description='decide: a member outside their term on the meeting.s day, said with the days'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: members added after the meeting they voted in' '
	zdh init --replica xinqiao --prefix XQ r >/dev/null &&
	cd r &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh council add 理事会 --area 新桥 --date 2026-11-01 >/dev/null &&
	zdh council member add 理事会 张建国 --role chair --date 2026-11-20 &&
	zdh council member add 理事会 李梅 --role member --from 2026-01-01 --to 2026-06-30 &&
	zdh council member add 理事会 房管办 --role supporting-unit --from 2026-01-01 &&
	zdh council meeting add 理事会 --present 张建国,李梅 --date 2026-11-18 >/dev/null &&
	zdh log --json >before.json
'

test_expect_success 'a term that began after the day: the days and the command' '
	cd r &&
	test_expect_code 1 zdh council decide XQ-M1 --motion 方案 --for 张建国 2>err &&
	cat >expect <<-\EOT &&
	zdh: 张建国 is not a voting member of XQ-C1 on the meeting'"'"'s day, 2026-11-18: a member from 2026-11-20 (if the term began earlier: zdh council member edit XQ-C1 '"'"'张建国'"'"' --from DAY)
	EOT
	test_cmp expect err &&
	test_expect_code 1 zh council decide XQ-M1 --motion 方案 --for 张建国 2>err &&
	grep "^zdh: 会议当天（2026-11-18）张建国 不是 XQ-C1 有表决权的成员：其任期自 2026-11-20 起" err
'

test_expect_success 'a term that had ended; a role that does not vote' '
	cd r &&
	test_expect_code 1 zdh council decide XQ-M1 --motion 方案 --against 李梅 2>err &&
	echo "zdh: 李梅 is not a voting member of XQ-C1 on the meeting'"'"'s day, 2026-11-18: a member until 2026-06-30" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh council decide XQ-M1 --motion 方案 --abstain 房管办 2>err &&
	echo "zdh: 房管办 is not a voting member of XQ-C1 on the meeting'"'"'s day" >expect &&
	test_cmp expect err &&
	zdh log --json >after.json &&
	test_cmp before.json after.json
'

test_expect_success 'the command it names corrects it' '
	cd r &&
	zdh council member edit XQ-C1 张建国 --from 2026-11-01 &&
	zdh council decide XQ-M1 --motion 方案 --for 张建国 >out &&
	echo XQ-D1 >expect &&
	test_cmp expect out
'

test_expect_success 'a term whose end is empty: no end, in show and in the vote' '
	cd r &&
	zdh council member add XQ-C1 王芳 --role member --from 2026-01-01 --to "" &&
	zdh council member edit XQ-C1 李梅 --to "" &&
	zdh council show XQ-C1 --date 2026-11-18 >out &&
	sed -n "/^members on/,/^$/p" out >members &&
	cat >expect <<-\EOT &&
	members on 2026-11-18:
	NAME    ROLE             PARTY  ORG  FROM        TO
	张建国  chair                        2026-11-01
	李梅    member                       2026-01-01
	王芳    member                       2026-01-01
	房管办  supporting-unit              2026-01-01

	EOT
	test_cmp expect members &&
	zdh council decide XQ-M1 --motion 方案二 --for 张建国,王芳 --against 李梅 >out &&
	echo XQ-D2 >expect &&
	test_cmp expect out
'

test_done
