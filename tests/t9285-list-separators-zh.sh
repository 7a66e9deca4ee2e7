#!/bin/sh
# Staff list names as they would in a document: 李明、张伟, 李明，张伟,
# and also 李明；张伟 or 李明;张伟.  A list split on the commas alone,
# so "--present 李明；张伟" was one name, refused as no member; and
# "--present '李明 张伟'" was refused the same way, "李明 张伟 不是
# XQ-C1 的成员", which does not say that names are not parted by blanks.
# A semicolon (ASCII or full width) parts a list now, and names given
# apart by a blank are refused saying how a list is written.
test_description='lists: ; and ； part names; a blank is told'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a council of three' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind area 延安公寓 >/dev/null &&
	zdh org add --kind dept 派出所 >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 --date 2026-11-01 >/dev/null &&
	for m in 李明 张伟 陈静; do
		zdh council member add XQ-C1 $m --role member --party resident --from 2026-11-01 --date 2026-11-01 || return 1
	done
'

test_expect_success 'a meeting: --present 李明；张伟;陈静 is three members' '
	zdh council meeting add XQ-C1 --present "李明；张伟;陈静" --date 2026-11-03 >/dev/null &&
	zdh council meeting show XQ-M1 --json >out &&
	sed -n "/^  \"attendance\": {/,/^  }/p" out >att &&
	cat >expect <<-\EOF &&
	  "attendance": {
	    "张伟": "present",
	    "李明": "present",
	    "陈静": "present"
	  },
	EOF
	test_cmp expect att
'

test_expect_success 'a liaison: --areas 新桥；延安公寓 is two areas' '
	zdh visit liaison add 王强 --dept 派出所 --areas "新桥；延安公寓" >/dev/null &&
	zdh visit liaison list --format csv >out &&
	grep "^XQ-L1,王强,派出所,0,\"延安公寓,新桥\"," out
'

test_expect_success 'names apart by a blank: refused saying how a list is written' '
	test_refused "李明 张伟 is not a member of XQ-C1; names are separated by 、 or ，, not blanks (李明、张伟)" council meeting add XQ-C1 --present "李明 张伟" &&
	LANGUAGE=zh_CN test_refused "李明　张伟 不是 XQ-C1 的成员；多个名字用 、 或 ， 分隔（李明、张伟），不用空格" council meeting add XQ-C1 --present "李明　张伟"
'

test_done
