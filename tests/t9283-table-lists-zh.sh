#!/bin/sh
# A liaison's areas and an offer's areas were joined by "," in the table
# as in the CSV, so a Chinese table read "延安公寓,新桥" where every other
# list of names reads 延安公寓、新桥 (a meeting's agenda, a charter's
# voters).  The tables join them as a list reads (list_sep(): 、 in
# Chinese, ", " in English); the CSV keeps "," for import.
test_description='liaison list, offer list: areas in a table as a list reads'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a liaison and an offer of two areas' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind area 延安公寓 >/dev/null &&
	zdh org add --kind dept 派出所 >/dev/null &&
	zdh org add --kind unit 上海博物馆 >/dev/null &&
	zdh visit liaison add 王强 --dept 派出所 --areas "新桥、延安公寓" >/dev/null &&
	zdh menu offer add 青少年文化活动 --provider 上海博物馆 --category students --areas "新桥，延安公寓" >/dev/null
'

test_expect_success 'Chinese tables: 延安公寓、新桥' '
	LANGUAGE=zh_CN zdh visit liaison list >out &&
	grep "^XQ-L1  .*  延安公寓、新桥\$" out &&
	LANGUAGE=zh_CN zdh menu offer list >out &&
	grep "^XQ-F1  .*  延安公寓、新桥  青少年文化活动\$" out
'

test_expect_success 'English tables: 延安公寓, 新桥; the CSV keeps ","' '
	zdh visit liaison list >out &&
	grep "^XQ-L1  .*  延安公寓, 新桥\$" out &&
	zdh menu offer list >out &&
	grep "^XQ-F1  .*  延安公寓, 新桥  青少年文化活动\$" out &&
	LANGUAGE=zh_CN zdh visit liaison list --format csv >out &&
	grep "^XQ-L1,王强,派出所,0,\"延安公寓,新桥\",\$" out &&
	LANGUAGE=zh_CN zdh menu offer list --format csv >out &&
	grep "^XQ-F1,students,上海博物馆,,\"延安公寓,新桥\",青少年文化活动\$" out
'

test_done
