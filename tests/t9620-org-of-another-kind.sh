#!/bin/sh
# An org of the registry given where another kind is wanted (a district
# for --area, an area for --dept) was refused as if it did not exist: "no
# area named '第一片区'", while 第一片区 is right there in `zdh org list`.
# It is named with its kind now, nothing written.
test_description='an org of another kind: named with its kind'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	orgs district 第一片区 &&
	orgs area --district 第一片区 新桥 &&
	orgs dept 房管办 &&
	zdh issue add 路灯不亮 --area 新桥 >/dev/null
'

test_expect_success 'a district for an area, an area for a dept or a district' '
	test_refused "'\''第一片区'\'' is of kind district, not area (see '\''zdh org list --kind area'\'')" \
		issue add 积水 --area 第一片区 &&
	test_refused "'\''新桥'\'' is of kind area, not dept (see '\''zdh org list --kind dept'\'')" \
		issue claim XQ-1 --dept 新桥 &&
	test_refused "'\''XQ-O3'\'' is of kind dept, not district (see '\''zdh org list --kind district'\'')" \
		issue list --district XQ-O3
'

test_expect_success 'in Chinese, with the kinds by their Chinese names' '
	test_expect_code 1 zh issue add 积水 --area 第一片区 2>err &&
	echo "zdh: '\''第一片区'\'' 的类型是片区，不是居民区（见 '\''zdh org list --kind area'\''）" >expect &&
	test_cmp expect err
'

test_expect_success 'a name no org has keeps its message' '
	test_refused "no area named '\''第二片区'\'' (see '\''zdh org list --kind area'\'')" issue list --area 第二片区
'

test_done
