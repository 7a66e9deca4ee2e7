#!/bin/sh
# An id typed in full width is the id (ＸＱ－Ｏ２ is XQ-O2, b314f4c), and a
# Chinese input method in full-width mode types a name's digits so too:
# --area 天津路４２６弄 was refused as no area named so, though
# 天津路426弄 is one.  A name with full-width digits or letters finds the
# org whose name has them in ASCII, when no org has it as typed.
test_description='orgs: a name typed with full-width digits finds the org'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: 天津路426弄 in 第1片区' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind district 第1片区 >/dev/null &&
	zdh org add --kind area 天津路426弄 --district 第１片区 >/dev/null &&
	zdh org show XQ-O2 --json >out &&
	grep "\"district\": \"第1片区\"" out
'

test_expect_success 'a write and a filter by 天津路４２６弄' '
	zdh issue add 三级台阶 --area 天津路４２６弄 >/dev/null &&
	zdh issue list --area 天津路４２６弄 --format csv >out &&
	grep "^XQ-1,三级台阶,,天津路426弄," out &&
	zdh issue list --district 第１片区 --format csv >out &&
	grep "^XQ-1," out
'

test_expect_success 'a name not there in either width is refused as before' '
	test_expect_code 1 zdh issue list --area 天津路４２７弄 2>err &&
	grep "no area named" err
'

test_done
