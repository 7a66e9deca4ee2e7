#!/bin/sh
# A mistyped option (--knd, --stauts, --motoin) was refused with the
# verb's usage and no hint, where a mistyped command, verb or word gets
# the most similar; -C DIR typed after the command, as one does with
# other tools' options, was an unknown option of the verb.  The first
# names the verb's option most like it, the second says -C goes before
# the command; both exit 129 as before and write nothing.
test_description='a mistyped option gets the most similar; -C after the command'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ r >/dev/null
'

test_expect_success 'a mistyped long option: the one most like it' '
	cd r &&
	test_expect_code 129 zdh org add --knd dept 派出所 2>err &&
	echo "zdh: unknown option '"'"'--knd'"'"' for '"'"'zdh org add'"'"'; did you mean '"'"'--kind'"'"'?" >expect &&
	head -n 1 err >actual &&
	test_cmp expect actual &&
	grep "^usage: zdh org add " err &&
	test_expect_code 129 zdh issue list --stauts open 2>err &&
	grep "did you mean '"'"'--status'"'"'?\$" err &&
	test_expect_code 129 zdh council decide XQ-M1 --motoin x 2>err &&
	grep "did you mean '"'"'--motion'"'"'?\$" err &&
	test_expect_code 129 zh org add --knd dept 派出所 2>err &&
	echo "zdh: '"'"'zdh org add'"'"' 没有选项 '"'"'--knd'"'"'；您是指 '"'"'--kind'"'"' 吗？" >expect &&
	head -n 1 err >actual &&
	test_cmp expect actual &&
	zdh log >out &&
	test_must_be_empty out
'

test_expect_success 'nothing like it, or two as like: as before' '
	cd r &&
	test_expect_code 129 zdh issue list --frobnicate 2>err &&
	echo "zdh: unknown option '"'"'--frobnicate'"'"' for '"'"'zdh issue list'"'"'" >expect &&
	head -n 1 err >actual &&
	test_cmp expect actual
'

test_expect_success '-C after the command: said to go before it' '
	cd r &&
	test_expect_code 129 zdh issue list -C . 2>err &&
	echo "zdh: unknown option '"'"'-C'"'"' for '"'"'zdh issue list'"'"': -C DIR goes before the command (zdh -C DIR issue list)" >expect &&
	head -n 1 err >actual &&
	test_cmp expect actual &&
	test_expect_code 129 zh log -C . 2>err &&
	grep "^zdh: '"'"'zdh log'"'"' 没有选项 '"'"'-C'"'"'：-C DIR 要写在命令之前（zdh -C DIR log）\$" err &&
	cd .. && zdh -C r issue list >out
'

test_done
