#!/bin/sh
# Two of the council's Chinese texts said another word than they meant:
# decision show wrote a voter who was not at the meeting as （缺席）, the
# word of the attendance absent, so a member excused (请假) read as
# absent; and an amended charter without --decision asked for a decision
# of type "charter", the English word, where --type takes 章程修改.
test_description='council: not present and the charter type in Chinese'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a meeting with one member excused' '
	zdh init --replica yanan --prefix YA >/dev/null 2>&1 &&
	zdh org add --kind area 延安公寓 --date 2024-01-10 >/dev/null &&
	zdh council add 延安公寓理事会 --area 延安公寓 --date 2024-01-10 >/dev/null &&
	for m in 王阿姨 李老板 钱经理; do
		zdh council member add YA-C1 $m --role member --date 2024-01-10 || return 1
	done &&
	zdh council charter YA-C1 --quorum 1/2 --date 2024-01-10 &&
	zdh council meeting add YA-C1 --present 王阿姨,李老板 --excused 钱经理 \
		--date 2024-02-01 >/dev/null &&
	zdh council decide YA-M1 --motion 装门 --for 王阿姨,李老板 --close >/dev/null
'

test_expect_success 'zh_CN decision show: the excused member is not present, not absent' '
	zh council decision show YA-D1 >out &&
	grep "^              钱经理  （未出席）\$" out &&
	! grep "缺席" out &&
	zh council meeting show YA-M1 >meeting &&
	grep "钱经理  请假\$" meeting
'

test_expect_success 'zh_CN: an amendment without --decision names the type as --type takes it' '
	test_expect_code 1 zh council charter YA-C1 --quorum 2/3 --date 2024-03-01 2>err &&
	echo "zdh: YA-C1 已有章程；修改章程需要类型为 charter（章程修改）的决议（--decision）" >expect &&
	test_cmp expect err
'

test_done
