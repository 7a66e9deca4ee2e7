#!/bin/sh
# zdh issue list and show: every filter, paging, the table aligned by
# display width with CJK text in every field, --json and --format csv.
test_description='issue list filters, paging and formats'
. "$(dirname "$0")/lib.sh"

# ids ARGS...: the ids `zdh issue list ARGS` prints, one a line.
ids () {
	"$ZDH" issue list "$@" >ids.out || return 1
	sed 1d ids.out | awk '{ print $1 }'
}

# expect_ids "ID..." ARGS...: zdh issue list ARGS lists exactly those ids.
expect_ids () {
	ei_want=$1
	shift
	printf "%s\n" $ei_want | sed '/^$/d' >ids.expect &&
	ids "$@" >ids.actual &&
	test_cmp ids.expect ids.actual
}

test_expect_success 'setup: six issues in every state, CJK everywhere' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs district 第一片区 第二片区 &&
	orgs area --district 第一片区 新桥 延安公寓 &&
	orgs area --district 第二片区 天津路426弄 &&
	orgs dept 房管办 派出所 绿化市容所 市场监管所 &&
	zdh issue add 垃圾桶满溢 -m "饭店和大楼把垃圾倒进居民垃圾桶" --area 新桥 \
		--category environment --source hearing --reporter 王阿姨 \
		--location 新桥52弄 --date 2024-03-01 >/dev/null &&
	zdh issue claim XQ-1 --dept 绿化市容所 --due 2024-03-08 --date 2024-03-02 &&
	zdh issue assign XQ-1 --to 李科员 --date 2024-03-02 &&
	zdh issue add 弄堂乱停车 --area 新桥 --category parking --source visit \
		--reporter 陈书记 --location 52弄口 --date 2024-03-05 >/dev/null &&
	zdh issue add 群租隐患 --area 延安公寓 --category group-renting \
		--source petition --date 2024-04-10 >/dev/null &&
	zdh issue claim XQ-3 --dept 房管办 --due 2099-12-31 --date 2024-04-11 &&
	zdh issue escalate XQ-3 -m 上报网格平台 --date 2024-04-12 &&
	zdh issue add 商铺油烟 --area 延安公寓 --category shops --source wechat \
		--date 2024-05-20 >/dev/null &&
	zdh issue claim XQ-4 --dept 市场监管所 --due 2024-05-27 --date 2024-05-21 &&
	zdh issue resolve XQ-4 -m 已安装净化器 --date 2024-05-25 &&
	zdh issue add 无障碍坡道 --area 天津路426弄 --category accessibility \
		--source council --date 2024-06-01 >/dev/null &&
	zdh issue comment XQ-5 -m "@房管办 需要13户书面同意 @派出所 请评估安全" --date 2024-06-02 &&
	zdh issue claim XQ-5 --dept 房管办 --due 2024-06-30 --date 2024-06-03 &&
	zdh issue resolve XQ-5 -m 坡道建成 --date 2024-06-20 &&
	zdh issue close XQ-5 --satisfaction 5 --date 2024-06-21 &&
	zdh issue add 楼道堆物 --area 天津路426弄 --category safety --source grid >/dev/null
'

test_expect_success 'list: the whole table, aligned by display width' '
	zdh issue list >actual &&
	cat >expect <<-\EOT &&
	ID    STATUS     AREA         DEPT        DUE         TITLE
	XQ-1  claimed    新桥         绿化市容所  2024-03-08  垃圾桶满溢
	XQ-2  open       新桥                                 弄堂乱停车
	XQ-3  escalated  延安公寓     房管办      2099-12-31  群租隐患
	XQ-4  resolved   延安公寓     市场监管所  2024-05-27  商铺油烟
	XQ-5  closed     天津路426弄  房管办      2024-06-30  无障碍坡道
	XQ-6  open       天津路426弄                          楼道堆物
	EOT
	test_cmp expect actual
'

test_expect_success 'list: columns fitted to the rows shown' '
	zdh issue list --area 新桥 >actual &&
	cat >expect <<-\EOT &&
	ID    STATUS   AREA  DEPT        DUE         TITLE
	XQ-1  claimed  新桥  绿化市容所  2024-03-08  垃圾桶满溢
	XQ-2  open     新桥                          弄堂乱停车
	EOT
	test_cmp expect actual
'

test_expect_success 'list output does not depend on the locale' '
	zdh issue list >expect &&
	env LC_ALL=C "$ZDH" issue list >actual &&
	test_cmp expect actual
'

test_expect_success 'list --status' '
	expect_ids "XQ-1" --status claimed &&
	expect_ids "XQ-2 XQ-6" --status open &&
	expect_ids "XQ-3" --status escalated &&
	expect_ids "XQ-4" --status resolved &&
	expect_ids "XQ-5" --status closed
'

test_expect_success 'list --area and --district' '
	expect_ids "XQ-1 XQ-2" --area 新桥 &&
	expect_ids "XQ-5 XQ-6" --area 天津路426弄 &&
	expect_ids "XQ-1 XQ-2 XQ-3 XQ-4" --district 第一片区 &&
	expect_ids "XQ-5 XQ-6" --district 第二片区
'

test_expect_success 'list --dept, --category, --source' '
	expect_ids "XQ-3 XQ-5" --dept 房管办 &&
	expect_ids "XQ-1" --dept 绿化市容所 &&
	expect_ids "XQ-2" --category parking &&
	expect_ids "XQ-3" --category group-renting &&
	expect_ids "XQ-3" --source petition &&
	expect_ids "XQ-6" --source grid
'

test_expect_success 'list --since and --until (created)' '
	expect_ids "XQ-3 XQ-4 XQ-5 XQ-6" --since 2024-04-01 &&
	expect_ids "XQ-1 XQ-2" --until 2024-03-31 &&
	expect_ids "XQ-3 XQ-4" --since 2024-04-01 --until 2024-05-31
'

test_expect_success 'list --grep, --mentions, --overdue' '
	expect_ids "XQ-5" --grep 坡道 &&
	expect_ids "XQ-2" --grep 乱停车 &&
	expect_ids "XQ-5" --mentions 派出所 &&
	expect_ids "XQ-5" --mentions 房管办 &&
	expect_ids "" --mentions 市场监管所 &&
	expect_ids "XQ-1 XQ-2" --overdue
'

test_expect_success 'filters combine' '
	expect_ids "XQ-2" --area 新桥 --status open &&
	expect_ids "XQ-3" --district 第一片区 --dept 房管办 &&
	expect_ids "" --area 新桥 --status closed
'

test_expect_success 'zdh config takes zdh.overdue-days' '
	zdh config zdh.overdue-days 100000 &&
	echo 100000 >expect &&
	zdh config zdh.overdue-days >actual &&
	test_cmp expect actual
'

# (the sub-district's value, written above as an event every office
# folds, stands over .zdh/config's: t0220)
test_expect_success 'list --overdue follows zdh.overdue-days' '
	git config --file .zdh/config zdh.overdue-days 5 &&
	expect_ids "XQ-1" --overdue &&
	zdh config --unset zdh.overdue-days &&
	expect_ids "XQ-1 XQ-2" --overdue &&
	git config --file .zdh/config --unset zdh.overdue-days
'

test_expect_success 'list --limit and --offset' '
	expect_ids "XQ-1 XQ-2" --limit 2 &&
	expect_ids "XQ-3 XQ-4" --limit 2 --offset 2 &&
	expect_ids "XQ-5 XQ-6" --offset 4 &&
	expect_ids "" --offset 6 &&
	expect_ids "XQ-6" --status open --offset 1
'

test_expect_success 'list --sort due' '
	ids --sort due >actual &&
	head -n 4 actual >actual.4 &&
	printf "%s\n" XQ-1 XQ-4 XQ-5 XQ-3 >expect &&
	test_cmp expect actual.4
'

test_expect_success 'list: unknown filter values are refused' '
	snapshot before &&
	test_expect_code 1 zdh issue list --status finished >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	test_expect_code 1 zdh issue list --area 新侨 >out 2>err &&
	test_must_be_empty out &&
	grep "did you mean '"'"'新桥'"'"'?" err &&
	test_expect_code 1 zdh issue list --category parkng >out 2>err &&
	test_must_be_empty out &&
	test_expect_code 1 zdh issue list --since 2024-02-30 >out 2>err &&
	test_must_be_empty out &&
	test_must_fail zdh issue list --limit many >out 2>err &&
	test_must_be_empty out &&
	test_expect_code 129 zdh issue list --json --format csv >out 2>err &&
	test_must_be_empty out &&
	check_unchanged before
'

test_expect_success PYTHON 'list --json parses, with the documented keys and CJK as stored' '
	zdh issue list --json >out &&
	python3 -c "
import json
issues = json.load(open(\"out\"))
assert [i[\"id\"] for i in issues] == [\"XQ-%d\" % n for n in range(1, 7)], issues
keys = (\"id\", \"title\", \"body\", \"area\", \"category\", \"source\", \"reporter\",
        \"location\", \"status\", \"dept\", \"assignee\", \"due\", \"created\")
assert not [k for k in keys if k not in issues[0]], issues[0]
for i in issues:
    keys = (\"id\", \"title\", \"status\", \"category\", \"source\", \"created\")
    missing = [k for k in keys if k not in i]
    assert not missing, (i[\"id\"], missing)
one = issues[0]
want = {\"title\": \"垃圾桶满溢\", \"body\": \"饭店和大楼把垃圾倒进居民垃圾桶\",
        \"area\": \"新桥\", \"category\": \"environment\", \"source\": \"hearing\",
        \"reporter\": \"王阿姨\", \"location\": \"新桥52弄\", \"status\": \"claimed\",
        \"dept\": \"绿化市容所\", \"assignee\": \"李科员\", \"due\": \"2024-03-08\"}
for k, v in want.items():
    assert one[k] == v, (k, one[k], v)
assert issues[4][\"mentions\"] == [\"房管办\", \"派出所\"], issues[4]
assert issues[4][\"satisfaction\"] == 5, issues[4]
assert issues[1].get(\"dept\") is None, issues[1]
" &&
	grep "\"垃圾桶满溢\"" out
'

test_expect_success PYTHON 'list --json with filters: the same rows as the table' '
	zdh issue list --district 第一片区 --limit 3 --json >out &&
	python3 -c "
import json
print(\" \".join(i[\"id\"] for i in json.load(open(\"out\"))))
" >actual &&
	echo "XQ-1 XQ-2 XQ-3" >expect &&
	test_cmp expect actual &&
	zdh issue list --status closed --area 新桥 --json >out &&
	python3 -c "import json; assert json.load(open(\"out\")) == []"
'

test_expect_success 'list --format csv: the header and RFC 4180 quoting' '
	mkdir quoting &&
	cd quoting &&
	zdh init --replica quoting --prefix QT >/dev/null 2>&1 &&
	zdh org add --kind area "华山, 居民区" >/dev/null &&
	zdh issue add "\"一米阳光\"坡道, 天津路" -m "$(printf "第一行\n第二行")" \
		--area "华山, 居民区" --reporter "张\"老伯\"" --location 天津路426弄 \
		--date 2024-06-01 >/dev/null &&
	zdh issue list --format csv >out &&
	sed -n 1p out | tr -d "\r" >actual &&
	echo "id,title,body,area,category,source,reporter,location,status,dept,assignee,due,created" >expect &&
	test_cmp expect actual &&
	tr -d "\r" <out | sed 1d >rows &&
	test_line_count = 2 rows &&
	grep "^QT-1,\"\"\"一米阳光\"\"坡道, 天津路\",\"第一行$" rows &&
	grep "^第二行\",\"华山, 居民区\",other,other,\"张\"\"老伯\"\"\",天津路426弄,open,,,,2024-06-01" rows
'

test_expect_success PYTHON 'list --format csv parses back to the same values' '
	cd quoting &&
	zdh issue list --format csv >out &&
	python3 -c "
import csv
rows = list(csv.DictReader(open(\"out\", newline=\"\", encoding=\"utf-8-sig\")))
assert len(rows) == 1, rows
r = rows[0]
assert r[\"title\"] == \"\\\"一米阳光\\\"坡道, 天津路\", r
assert r[\"body\"].replace(\"\\r\\n\", \"\\n\") == \"第一行\\n第二行\", r
assert r[\"area\"] == \"华山, 居民区\", r
assert r[\"reporter\"] == \"张\\\"老伯\\\"\", r
"
'

test_expect_success 'list in an empty repository prints nothing or only the header' '
	mkdir empty &&
	zdh init --replica empty empty >/dev/null 2>&1 &&
	zdh -C empty issue list >out &&
	test_line_count -le 1 out
'

test_expect_success 'show: fields with CJK, history oldest first' '
	zdh issue show XQ-5 >out &&
	grep 无障碍坡道 out &&
	grep 天津路426弄 out &&
	grep 房管办 out &&
	grep "需要13户书面同意" out &&
	grep -n "comment" out | head -n 1 | cut -d: -f1 >c.line &&
	grep -n "close" out | tail -n 1 | cut -d: -f1 >x.line &&
	test "$(cat c.line)" -lt "$(cat x.line)"
'

test_expect_success PYTHON 'show --json parses: the state and its history' '
	zdh issue show XQ-5 --json >out &&
	python3 -c "
import json
s = json.load(open(\"out\"))
assert s[\"id\"] == \"XQ-5\" and s[\"status\"] == \"closed\", s
ops = [e[\"op\"] for e in s[\"history\"]]
assert ops == [\"add\", \"comment\", \"claim\", \"resolve\", \"close\"], ops
for e in s[\"history\"]:
    for k in (\"id\", \"op\", \"date\", \"recorded\", \"actor\", \"data\", \"effect\"):
        assert k in e, (k, e)
assert s[\"history\"][0][\"date\"] == \"2024-06-01T00:00:00+08:00\", s[\"history\"][0]
"
'

test_done
