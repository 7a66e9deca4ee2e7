#!/bin/sh
# Every option that takes an enumeration takes its Chinese name in any
# locale (--category 停车), but a CSV cell did not: `issue import` of a
# row with category 停车 said "unknown category '停车'; did you mean
# '停车'?" (suggesting the word refused), `org import` refused kind
# 居民区 and `visit import` category 环境卫生.  The cells are read as the
# options read them now, and a refused Chinese name suggests its word.
test_description='import: Chinese names of enumerations in CSV cells'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 房管办 >/dev/null &&
	zdh visit liaison add 李明 --dept 房管办 --areas 新桥 >/dev/null
'

test_expect_success 'issue import: category, source and status by Chinese name' '
	printf "title,area,category,source,status,dept\n路灯不亮,新桥,停车,走访,已认领,房管办\n" >i.csv &&
	zdh issue import i.csv &&
	zdh issue list --format csv >out &&
	grep "^XQ-1,路灯不亮,,新桥,parking,visit,,,claimed,房管办," out
'

test_expect_success 'org import: kind by Chinese name' '
	printf "kind,name\n居民区,延安\n" >o.csv &&
	zdh org import o.csv &&
	zdh org list --kind area --format csv >out &&
	grep ",延安," out
'

test_expect_success 'visit import: category by Chinese name' '
	printf "date,area,liaison,notes,raises,category\n2026-12-01,新桥,李明,看看,积水,环境卫生\n" >v.csv &&
	zdh visit import v.csv &&
	zdh issue list --format csv >out &&
	grep "积水,看看,新桥,environment,visit" out
'

test_expect_success 'a word that is no name is refused as before, nothing written' '
	snapshot before &&
	printf "title,area,category\n灯,新桥,停车场\n" >bad.csv &&
	test_expect_code 1 zdh issue import bad.csv 2>err &&
	grep "unknown category '\''停车场'\''" err &&
	check_unchanged before
'

test_done
