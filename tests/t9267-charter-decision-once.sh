#!/bin/sh
test_description='a charter decision adopts one amendment, not every later one'
. "$(dirname "$0")/lib.sh"

# An amendment of a council's charter needs an adopted decision of type
# charter; one such decision was taken again and again, so after one
# vote a secretary could amend the charter at will (quorum, majority,
# who votes), each version naming the same decision.

test_expect_success 'a council with a charter and an adopted charter decision' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 >/dev/null &&
	zdh council member add XQ-C1 李阿姨 --role chair &&
	zdh council member add XQ-C1 张师傅 --role member &&
	zdh council member add XQ-C1 赵老师 --role member &&
	zdh council charter XQ-C1 --quorum 1/2 &&
	zdh council meeting add XQ-C1 --present 李阿姨,张师傅,赵老师 >/dev/null &&
	zdh council decide XQ-M1 --motion 法定人数改为三分之二 --type charter \
		--for 李阿姨,张师傅,赵老师 --close >/dev/null &&
	zdh council decide XQ-M1 --motion 每月开会 --type charter \
		--for 李阿姨,张师傅,赵老师 --close >/dev/null
'

test_expect_success 'the decision amends the charter once' '
	zdh council charter XQ-C1 --quorum 2/3 --decision XQ-D1 &&
	zdh log >before &&
	test_expect_code 1 zdh council charter XQ-C1 --quorum 1 --decision XQ-D1 2>err &&
	echo "zdh: XQ-D1 adopted version 2 of the charter of XQ-C1 already; another amendment needs a decision of its own" >expect &&
	test_cmp expect err &&
	zdh log >after &&
	test_cmp before after &&
	zdh council show XQ-C1 --json >out.json &&
	grep "\"quorum\": \"2/3\"" out.json &&
	! grep "\"quorum\": \"1\"" out.json
'

test_expect_success 'in Chinese; another decision amends it again' '
	LANGUAGE=zh_CN test_expect_code 1 zdh council charter XQ-C1 --meeting-weeks 4 --decision XQ-D1 2>err &&
	echo "zdh: XQ-D1 已用于通过 XQ-C1 章程第 2 版；再次修改章程需要另一项决议" >expect &&
	test_cmp expect err &&
	zdh council charter XQ-C1 --meeting-weeks 4 --decision XQ-D2 &&
	zdh council show XQ-C1 >out &&
	grep "version 3, from .*, adopted by XQ-D2" out
'

test_done
