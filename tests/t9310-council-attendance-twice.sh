#!/bin/sh
# A member's attendance given twice in one meeting add or update with two
# different answers (present and absent, present and represented by
# proxy, represented by two people) was taken silently, the last one
# winning: bad input, refused in one line with nothing written.
test_description='council meeting: one member, two attendances in one write'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a council of three' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 >/dev/null &&
	zdh council member add XQ-C1 王阿姨 --role chair &&
	zdh council member add XQ-C1 李师傅 --role member &&
	zdh council member add XQ-C1 赵老师 --role member &&
	zdh council meeting add XQ-C1 --present 王阿姨 >/dev/null
'

test_expect_success 'present and absent, present and excused, present and proxy are refused' '
	test_refused "王阿姨 cannot be both present and absent at one meeting" \
		council meeting add XQ-C1 --present 王阿姨,李师傅 --absent 王阿姨 &&
	test_refused "李师傅 cannot be both present and excused at one meeting" \
		council meeting add XQ-C1 --present 李师傅 --excused 李师傅 &&
	test_refused "王阿姨 cannot be both present and proxy at one meeting" \
		council meeting add XQ-C1 --proxy 王阿姨=李师傅 --present 王阿姨 &&
	test_refused "赵老师 cannot be represented by both 李师傅 and 王阿姨" \
		council meeting add XQ-C1 --proxy 赵老师=李师傅 --proxy 赵老师=王阿姨 &&
	test_refused "王阿姨 cannot be both present and absent at one meeting" \
		council meeting update XQ-M1 --present 王阿姨 --absent 王阿姨
'

test_expect_success 'in Chinese, the attendances by their Chinese names' '
	snapshot before &&
	test_expect_code 1 env LANGUAGE=zh_CN LC_ALL=C.UTF-8 "$ZDH" council meeting add XQ-C1 \
		--present 王阿姨 --excused 王阿姨 2>err &&
	echo "zdh: 王阿姨 不能在同一次会议中既是出席又是请假" >expect && test_cmp expect err &&
	check_unchanged before
'

test_expect_success 'the same answer twice is one answer; a later update may change it' '
	zdh council meeting add XQ-C1 --present 王阿姨,王阿姨 --proxy 赵老师=李师傅 --proxy 赵老师=李师傅 \
		--present 李师傅 >out &&
	echo XQ-M2 >expect && test_cmp expect out &&
	zdh council meeting update XQ-M2 --absent 王阿姨 &&
	zdh council meeting show XQ-M2 --json >json &&
	grep "\"王阿姨\": \"absent\"" json &&
	grep "\"赵老师\": \"proxy\"" json
'

test_done
