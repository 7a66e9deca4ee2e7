#!/bin/sh
# zdh-issue(1) named the sources and categories by Chinese names zdh
# refused (`--category 停车交通`, `--source 包块走访`, 房屋修缮, 商户与居民,
# 为老服务: "unknown category"), and zdh-org(1) named a group 社会组织.
# Every Chinese name of these tables of the man pages is now one zdh takes
# for the English word of its row, in any locale; the first is the one it
# prints.
test_description='the Chinese names the man pages give are the ones zdh takes'
. "$(dirname "$0")/lib.sh"

# man_names PAGE HEADER: "word name" for each Chinese name of each row of
# the table of PAGE whose header row is HEADER
man_names () {
	awk -F'|' -v h="$2" '
	$0 == h { on = 1; next }
	on && /^\.TE/ { exit }
	on {
		w = $1; gsub(/\\/, "", w)
		n = split($2, z, /, /)
		for (i = 1; i <= n; i++) print w, z[i]
	}' "$TEST_DIRECTORY/../man/$1"
}

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	orgs area 新桥 &&
	man_names zdh-issue.1 "source|Chinese|meaning" >sources &&
	man_names zdh-issue.1 "category|Chinese|meaning" >categories &&
	man_names zdh-org.1 "KIND|Chinese|meaning" >kinds &&
	test_line_count = 9 sources &&
	test_line_count = 13 categories &&
	test_line_count = 9 kinds
'

test_expect_success 'every source and category of zdh-issue(1), by each of its names' '
	while read word name
	do
		zdh issue add "$name" --area 新桥 --source "$name" >id &&
		zdh issue show "$(cat id)" --json >show.json &&
		grep "^  \"source\": \"$word\",$" show.json || return 1
	done <sources &&
	while read word name
	do
		zdh issue add "$name" --area 新桥 --category "$name" >id &&
		zdh issue show "$(cat id)" --json >show.json &&
		grep "^  \"category\": \"$word\",$" show.json || return 1
	done <categories
'

test_expect_success 'every kind of zdh-org(1), by each of its names' '
	while read word name
	do
		zdh org add --kind "$name" "组织$name" >id &&
		zdh org show "$(cat id)" --json >show.json &&
		grep "^  \"kind\": \"$word\",$" show.json || return 1
	done <kinds
'

test_expect_success 'the first name is the one printed in Chinese' '
	zh issue list --category 停车交通 --limit 2 >list &&
	cat >expect <<-\EOF &&
	ID     状态    居民区  部门  截止  标题
	XQ-11  待认领  新桥                停车
	XQ-12  待认领  新桥                停车交通
	EOF
	test_cmp expect list &&
	zh issue show XQ-12 >show &&
	grep "^类别：  *停车$" show
'

test_done
