#!/bin/sh
# --satisfaction is 1 to 5 wherever it is taken (an issue's callback, a
# delivery's feedback, a project's evaluation), but menu feedback refused
# 9 with "must be a whole number from 0 to 5" and then 0 with "must be 1
# to 5": the first message named a 0 it refuses.  One check and one
# message for the three now.
test_description='--satisfaction: one rule, one message'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: an issue resolved, a delivery, a project approved' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	orgs area 新桥 && orgs dept 房管办 && orgs unit 社区医院 &&
	zdh issue add 路灯不亮 --area 新桥 >/dev/null &&
	zdh issue claim XQ-1 --dept 房管办 >/dev/null &&
	zdh issue resolve XQ-1 -m 修好了 >/dev/null &&
	zdh menu offer add 义诊 --provider 社区医院 --category elderly --capacity 5 >/dev/null &&
	zdh menu deliver XQ-F1 --people 3 >/dev/null &&
	zdh fund set --area 新桥 --year 2026 1000 >/dev/null &&
	zdh project add 道闸 --area 新桥 --year 2026 >/dev/null &&
	zdh project budget XQ-J1 100 --item 材料 >/dev/null &&
	zdh project approve XQ-J1 >/dev/null
'

test_expect_success 'out of 1 to 5: the same line for the three' '
	for s in 0 9 3.5 ""
	do
		test_refused "satisfaction is 1 to 5, not '\''$s'\''" issue close XQ-1 --satisfaction "$s" &&
		test_refused "satisfaction is 1 to 5, not '\''$s'\''" menu feedback XQ-Y1 --satisfaction "$s" &&
		test_refused "satisfaction is 1 to 5, not '\''$s'\''" project done XQ-J1 -m 好 --satisfaction "$s" ||
		return 1
	done
'

test_expect_success 'in Chinese' '
	test_expect_code 1 zh menu feedback XQ-Y1 --satisfaction 0 2>err &&
	echo "zdh: 满意度为 1 到 5，而不是 '\''0'\''" >expect &&
	test_cmp expect err
'

test_expect_success '1 to 5 is taken' '
	zdh issue close XQ-1 --satisfaction 5 &&
	zdh menu feedback XQ-Y1 --satisfaction 4 &&
	zdh project done XQ-J1 -m 好 --satisfaction 3
'

test_done
