#!/bin/sh
# A show's history words the values of an event's fields under a Chinese
# catalogue (category=环境卫生), but only with the words every command
# shares: a decision's type=general, a meeting's kind=hearing stayed in
# English in `council decision show` and `council meeting show`.  The
# words of the record's own command are used now.
test_description='histories: the words of the record kind.s own command, in Chinese'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a council, a hearing, a decision' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 >/dev/null &&
	zdh council member add XQ-C1 张三 --role 理事 &&
	zdh council meeting add XQ-C1 --kind hearing --present 张三 >/dev/null &&
	zdh council decide XQ-M1 --motion 装道闸 --for 张三 >/dev/null
'

test_expect_success 'decision and meeting history: the type and kind in Chinese' '
	zh council decision show XQ-D1 >out &&
	grep "动议=装道闸 类型=一般事项" out &&
	zh council meeting show XQ-M1 >out &&
	grep "类型=听证会" out &&
	zdh council decision show XQ-D1 >out &&
	grep "motion=装道闸 type=general" out
'

test_done
