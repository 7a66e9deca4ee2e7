#!/bin/sh
# Two lines put a name and what qualifies it in ASCII brackets whatever
# the language, beside Chinese that writes （…） everywhere else: visit
# show's first line, "王联络 (城管中队)", and the org retire warning,
# "仍有 1 项……指向 上海博物馆 (XQ-O3)".  Both are messages of the
# catalogue now (王联络（城管中队）, 上海博物馆（XQ-O3）); English as before.
test_description='a name and its department or id in the catalogue.s brackets'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ r >/dev/null &&
	cd r &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 城管中队 >/dev/null &&
	zdh org add --kind unit 上海博物馆 >/dev/null &&
	zdh org add --kind unit 银行 >/dev/null &&
	zdh menu offer add 文化活动 --provider 上海博物馆 --category students >/dev/null &&
	zdh menu offer add 理财讲座 --provider 银行 --category education >/dev/null &&
	zdh visit liaison add 王联络 --dept 城管中队 --areas 新桥 >/dev/null &&
	zdh visit add --area 新桥 --liaison 王联络 -m 走访 --date 2026-12-01 >/dev/null
'

test_expect_success 'visit show: the liaison and their department' '
	cd r &&
	zh visit show XQ-V1 >out &&
	echo "XQ-V1  2026-12-01  新桥  王联络（城管中队）" >expect &&
	head -n 1 out >actual &&
	test_cmp expect actual &&
	zdh visit show XQ-V1 >out &&
	echo "XQ-V1  2026-12-01  新桥  王联络 (城管中队)" >expect &&
	head -n 1 out >actual &&
	test_cmp expect actual
'

test_expect_success 'org retire: the org still named, by name and id' '
	cd r &&
	zh org retire 上海博物馆 -m 合并 2>err &&
	grep "^zdh: 警告：.*上海博物馆（XQ-O3）\$" err &&
	zdh org retire 银行 -m 合并 2>err &&
	echo "zdh: warning: 1 live menu offer or need still names 银行 (XQ-O4)" >expect &&
	test_cmp expect err
'

test_done
