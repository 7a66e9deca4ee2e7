#!/bin/sh
# A new member of staff reads histories under zh_CN (新增, 认领, 会议) and
# types those words as commands and verbs: "zdh issue 新增" and "zdh 问题
# list" were refused with no suggestion at all.  A command or verb given
# by a Chinese name of the words table is refused as before (exit 129),
# the command or verb it names offered as the most similar.
test_description='a command or verb typed by its Chinese name'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ r >/dev/null
'

test_expect_success 'a verb by its Chinese name: the verb it names' '
	cd r &&
	test_expect_code 129 zh issue 新增 灯坏 2>err &&
	sed -n 1,4p err >actual &&
	cat >expect <<-\EOT &&
	zdh: '"'"'新增'"'"' 不是 '"'"'zdh issue'"'"' 的子命令

	最相似的子命令是
	${TAB}add
	EOT
	sed "s/\${TAB}/	/" expect >expect.t &&
	test_cmp expect.t actual &&
	test_expect_code 129 zdh issue 认领 XQ-1 2>err &&
	grep "^	claim\$" err &&
	test_expect_code 129 zdh council 会议 list 2>err &&
	grep "^	meeting\$" err &&
	test_expect_code 129 zdh issue 办结 2>err &&
	grep "^	resolve\$" err
'

test_expect_success 'a command by its Chinese name: the command it names' '
	cd r &&
	test_expect_code 129 zdh 问题 list 2>err &&
	grep "^	issue\$" err &&
	test_expect_code 129 zdh 走访 list 2>err &&
	grep "^	visit\$" err &&
	test_expect_code 129 zdh help 理事会 2>err &&
	grep "^	council\$" err
'

test_expect_success 'a Chinese word that names nothing: no suggestion, nothing written' '
	cd r &&
	test_expect_code 129 zdh issue 列表 2>err &&
	! grep "最相似\|similar" err &&
	test_expect_code 129 zdh issue 新增 x 2>/dev/null &&
	zdh log >out &&
	test_must_be_empty out
'

test_done
