#!/bin/sh
# zdh under a Chinese locale: LANGUAGE=zh_CN with LC_ALL=C.UTF-8 (what
# lib.sh sets; C.UTF-8 is in every Debian, so no locale is generated).
# Messages and table headers are Chinese and aligned by display width;
# enumerations accept their Chinese names and print them; --json and CSV
# keep the English words.
test_description='Chinese messages, aliases of enumerations, aligned headers'
. "$(dirname "$0")/lib.sh"

test_expect_success 'set-up: orgs and an issue given with Chinese names' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zh org add --kind 居民区 新桥 --date 2026-11-02 &&
	zh org add --kind 部门 房管办 --date 2026-11-02 &&
	zh org add --kind 片区 第一片区 --date 2026-11-02 &&
	zh issue add --area 新桥 --source 信访 --category 停车 --date 2026-11-02 路灯不亮 &&
	zh issue claim XQ-1 --dept 房管办 --due 2026-11-09 --date 2026-11-02 &&
	zdh issue add --area 新桥 --date 2026-11-03 楼道堆物
'

test_expect_success 'the Chinese names were stored as the English words' '
	zdh org list --json | grep "\"kind\": \"area\"" &&
	zdh issue show XQ-1 --json >json &&
	grep "\"source\": \"petition\"" json &&
	grep "\"category\": \"parking\"" json &&
	grep "\"status\": \"claimed\"" json
'

test_expect_success 'issue list under zh_CN: Chinese headers and statuses, aligned' '
	cat >expect <<-\EOF_ &&
	ID    状态    居民区  部门    截止        标题
	XQ-1  已认领  新桥    房管办  2026-11-09  路灯不亮
	XQ-2  待认领  新桥                        楼道堆物
	EOF_
	zh issue list >actual &&
	test_cmp expect actual
'

test_expect_success 'a filter takes the Chinese name of a status' '
	zh issue list --status 已认领 --format csv | cut -d, -f1,9 >actual &&
	printf "id,status\nXQ-1,claimed\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'the same list in English is unchanged' '
	cat >expect <<-\EOF_ &&
	ID    STATUS   AREA  DEPT    DUE         TITLE
	XQ-1  claimed  新桥  房管办  2026-11-09  路灯不亮
	XQ-2  open     新桥                      楼道堆物
	EOF_
	zdh issue list >actual &&
	test_cmp expect actual
'

test_expect_success 'issue show under zh_CN: labels aligned by display width, Chinese words' '
	zh issue show XQ-1 | sed -n "1,6p" >actual &&
	cat >expect <<-\EOF_ &&
	XQ-1  已认领  路灯不亮

	居民区：      新桥
	类别：        停车
	来源：        信访
	部门：        房管办
	EOF_
	test_cmp expect actual
'

test_expect_success 'org list under zh_CN prints kinds in Chinese; CSV keeps the words' '
	cat >expect <<-\EOF_ &&
	ID     类型    名称      片区  代码
	XQ-O1  居民区  新桥
	XQ-O2  部门    房管办
	XQ-O3  片区    第一片区
	EOF_
	zh org list >actual &&
	test_cmp expect actual &&
	zh org list --kind 部门 --format csv | tail -n 1 >actual &&
	echo "XQ-O2,dept,房管办,," >expect &&
	test_cmp expect actual
'

test_expect_success 'errors are Chinese, with the usage code and nothing written' '
	snapshot before &&
	test_expect_code 1 zh issue list --status 乱 2>err &&
	grep "^zdh: 未知的状态 '\''乱'\''" err &&
	test_expect_code 129 zh org frob 2>err &&
	grep "^zdh: '\''frob'\'' 不是 '\''zdh org'\'' 的子命令" err &&
	test_expect_code 129 zh org add --kind 居民区 2>err &&
	head -n 1 err >actual &&
	echo "zdh: '\''zdh org add'\'' 需要一个名称" >expect &&
	test_cmp expect actual &&
	grep "^用法：zdh org add --kind KIND NAME" err &&
	check_unchanged before
'

test_expect_success 'an unknown Chinese word is refused, not taken as a word' '
	test_expect_code 1 zh org add --kind 街道 某街道 2>err &&
	grep "zdh: " err &&
	zdh org list --format csv >list &&
	! grep 某街道 list
'

test_expect_success 'report under zh_CN: categories and sources by their Chinese names' '
	zh report monthly --month 2026-11 >report &&
	sed -n "/^按类别\$/,/^\$/p;/^按来源\$/,/^\$/p" report >actual &&
	cat >expect <<-\EOF_ &&
	按类别
	类别  新增  已解决  已关闭  未办结  逾期
	其他     1       0       0       1     0
	停车     1       0       0       1     1

	按来源
	来源  新增  已解决  已关闭  未办结  逾期
	其他     1       0       0       1     0
	信访     1       0       0       1     1

	EOF_
	test_cmp expect actual &&
	zdh report monthly --month 2026-11 --json | grep "\"parking\""
'

test_expect_success 'dates as offices type them' '
	zh issue add --area 新桥 --date 2026/11/03 积水 >id &&
	zh issue claim "$(cat id)" --dept 房管办 --due 2026年11月9日 --date "2026年11月4日 9:30" &&
	zdh issue show "$(cat id)" --json >json &&
	grep "\"due\": \"2026-11-09\"" json &&
	zdh log --record "$(cat id)" --json >log &&
	grep "\"date\": \"2026-11-04T09:30:00+08:00\"" log &&
	grep "\"date\": \"2026-11-03T00:00:00+08:00\"" log &&
	zdh issue list --since 2026-11-3 --until 2026/11/03 --format csv | cut -d, -f1 >actual &&
	printf "id\nXQ-2\nXQ-3\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'a refused date lists the forms, in Chinese under zh_CN' '
	snapshot before &&
	test_expect_code 1 zdh issue add --date 2026/13/01 x 2>err &&
	echo "zdh: --date: invalid date '\''2026/13/01'\'' (YYYY-MM-DD, YYYY/MM/DD, YYYY年MM月DD日 or MM月DD日 (this year), a time HH:MM after it; today/今天, tomorrow/明天, yesterday/昨天, 后天, 前天, now/现在)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zh issue add --date 2026年13月1日 x 2>err &&
	grep "无效的日期 '\''2026年13月1日'\''（YYYY-MM-DD、YYYY/MM/DD、YYYY年MM月DD日 或 MM月DD日（今年）" err &&
	check_unchanged before
'

test_expect_success 'a refused word lists the Chinese names it would take too' '
	test_expect_code 1 zh issue list --status 乱 2>err &&
	grep "（open/待认领, claimed/已认领, " err &&
	test_expect_code 1 zh issue add 路灯 --source 乱 2>err &&
	grep "visit/" err &&
	test_expect_code 1 zdh issue list --status 乱 2>err &&
	grep "(open, claimed, " err &&
	! grep "待认领" err &&
	check_unchanged before
'

test_expect_success 'an org not found is named by its kind in Chinese under zh_CN' '
	snapshot before &&
	test_expect_code 1 zh issue add 路灯 --area 无此居民区 2>err &&
	grep "没有名为 '\''无此居民区'\'' 的居民区（见 '\''zdh org list --kind area'\''）" err &&
	! grep " 的area" err &&
	test_expect_code 1 zdh issue add 路灯 --area 无此居民区 2>err &&
	grep "no area named" err &&
	check_unchanged before
'

test_expect_success 'a refused step names the state in Chinese under zh_CN' '
	zdh org add --kind area 状态居民区 >/dev/null &&
	id=$(zdh issue add 状态测试 --area 状态居民区) &&
	snapshot before &&
	test_expect_code 1 zh issue close "$id" 2>err &&
	grep "$id 为 待认领；允许：claim" err &&
	test_expect_code 1 zdh issue close "$id" 2>err &&
	grep "$id is open; allowed: claim" err &&
	check_unchanged before
'

test_done
