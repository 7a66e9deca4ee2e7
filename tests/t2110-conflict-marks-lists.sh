#!/bin/sh
# Conflicts on every list: the menu's, visits', councils' and persons'
# lists mark a conflicted record's id in the table (XQ-F1!), take
# --conflicts (only those) and give each --json row "conflicts": [the
# fields], as issue, org and project lists did; council's lists do it
# through the shared listing (cmd/common.c), which also translates their
# table headers now.  Two offices edit the same records unseen.
test_description='conflict marks, --conflicts and JSON on every list of records'
. "$(dirname "$0")/lib.sh"

xq () {
	ZDH_USER_NAME=王芳 ZDH_USER_EMAIL=wf@example.org "$ZDH" -C xq "$@"
}
hs () {
	ZDH_USER_NAME=李明 ZDH_USER_EMAIL=lm@example.org "$ZDH" -C hs "$@"
}

test_expect_success 'setup: two offices edit an offer, a need, a liaison, a council, a meeting unseen' '
	git init -q --bare hub.git &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	{
		xq org add --kind area 新桥 --date 2026-11-02 &&
		xq org add --kind dept 房管办 --date 2026-11-02 &&
		xq org add --kind unit 上海博物馆 --date 2026-11-02 &&
		xq menu offer add 助老 --provider 上海博物馆 --category elderly --date 2026-11-03 &&
		xq menu offer add 讲座 --provider 上海博物馆 --category education --date 2026-11-03 &&
		xq menu need add 孤老 --area 新桥 --category elderly --date 2026-11-03 &&
		xq menu need add 助学 --area 新桥 --category students --date 2026-11-03 &&
		xq menu pair XQ-N1 XQ-F1 --from 2026-11-05 --date 2026-11-05 &&
		xq visit liaison add 李明 --dept 房管办 --areas 新桥 --date 2026-11-03 &&
		xq visit liaison add 张强 --dept 房管办 --areas 新桥 --date 2026-11-03 &&
		xq council add 新桥理事会 --area 新桥 --date 2026-11-04 &&
		xq council add 第二理事会 --area 新桥 --date 2026-11-04 &&
		xq council member add XQ-C1 王阿姨 --role chair --party resident --date 2026-11-04 &&
		xq council meeting add XQ-C1 --present 王阿姨 --date 2026-11-05 &&
		xq council meeting add XQ-C1 --present 王阿姨 --date 2026-11-06 &&
		xq council decide XQ-M1 --motion 装路灯 --for 王阿姨 --date 2026-11-05 &&
		xq council action add XQ-D1 --action 修灯 --dept 房管办 --due 2026-12-01 --date 2026-11-05
	} >/dev/null &&
	xq remote add hub ../hub.git &&
	xq push -q &&
	zdh clone hub.git hs --replica huashan --prefix HS -q &&
	xq menu offer edit XQ-F1 --title 结对助老 --date 2026-11-10 &&
	hs menu offer edit XQ-F1 --title 孤老助老 --date 2026-11-10 &&
	xq menu need edit XQ-N1 --people 3 --date 2026-11-10 &&
	hs menu need edit XQ-N1 --people 4 --date 2026-11-10 &&
	xq visit liaison edit 李明 --phone 111 --date 2026-11-10 &&
	hs visit liaison edit 李明 --phone 222 --date 2026-11-10 &&
	xq council edit XQ-C1 --name 新桥居民理事会 --date 2026-11-10 &&
	hs council edit XQ-C1 --name 新桥自治理事会 --date 2026-11-10 &&
	xq council meeting update XQ-M2 --minutes 甲 --date 2026-11-10 &&
	hs council meeting update XQ-M2 --minutes 乙 --date 2026-11-10 &&
	hs push -q &&
	xq pull -q 2>/dev/null &&
	xq conflicts --format csv | cut -d, -f1-3 >actual &&
	cat >expect <<-\EOF &&
	kind,id,field
	council,XQ-C1,name
	liaison,XQ-L1,phone
	meeting,XQ-M2,minutes
	need,XQ-N1,people
	offer,XQ-F1,title
	EOF
	test_cmp expect actual
'

# marked LIST...: the ids of the table of zdh LIST (first column, header left out)
ids () {
	xq "$@" | sed 1d | cut -d" " -f1
}

test_expect_success 'tables mark the conflicted ids with !, the others not' '
	{
		ids menu offer list && ids menu need list && ids visit liaison list &&
		ids council list && ids council meeting list
	} >actual &&
	cat >expect <<-\EOF &&
	XQ-F1!
	XQ-F2
	XQ-N1!
	XQ-N2
	XQ-L1!
	XQ-L2
	XQ-C1!
	XQ-C2
	XQ-M1
	XQ-M2!
	EOF
	test_cmp expect actual
'

test_expect_success '--conflicts: only those; CSV keeps the plain id' '
	for l in "menu offer list" "menu need list" "visit liaison list" "council list" \
		 "council meeting list"; do
		xq $l --conflicts --format csv | sed 1d | cut -d, -f1 || return 1
	done >actual &&
	printf "XQ-F1\nXQ-N1\nXQ-L1\nXQ-C1\nXQ-M2\n" >expect &&
	test_cmp expect actual &&
	for l in "menu pairings" "council decision list" "council action list" "person list"; do
		xq $l --conflicts --format csv | sed 1d || return 1
	done >actual &&
	test_must_be_empty actual
'

test_expect_success PYTHON '--json: every row says "conflicts", the fields in conflict' '
	for l in "menu offer list" "menu need list" "menu pairings" "visit liaison list" \
		 "council list" "council meeting list" "council decision list" \
		 "council action list" "person list"; do
		xq $l --json >rows.json &&
		python3 -c "
import json, sys
for r in json.load(open(\"rows.json\")):
    assert isinstance(r[\"conflicts\"], list), r
    if r[\"conflicts\"]:
        print(r[\"id\"], \",\".join(r[\"conflicts\"]))
" || return 1
	done >actual &&
	cat >expect <<-\EOF &&
	XQ-F1 title
	XQ-N1 people
	XQ-L1 phone
	XQ-C1 name
	XQ-M2 minutes
	EOF
	test_cmp expect actual &&
	xq council list --conflicts --json >c.json &&
	test $(grep -c "\"id\": \"XQ-C" c.json) = 1
'

test_expect_success 'council lists: their table headers follow the language now' '
	LANGUAGE=zh_CN xq council list | sed -n 1p >head &&
	LANGUAGE=zh_CN xq council meeting list | sed -n 1p >>head &&
	grep "^ID  *名称  *居民区  *成员  *状态$" head &&
	grep "^ID  *日期  *理事会  *居民区  *类型  *出席  *议程$" head
'

test_expect_success 'settled by an edit, the marks go' '
	xq menu offer edit XQ-F1 --title 孤老助老 --date 2026-11-11 &&
	xq council edit XQ-C1 --name 新桥自治理事会 --date 2026-11-11 &&
	xq menu offer list --conflicts --format csv >actual &&
	test_line_count = 1 actual &&
	ids council list >actual &&
	printf "XQ-C1\nXQ-C2\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'under zh_CN the conflicts table names the kinds in Chinese; CSV keeps them' '
	LANGUAGE=zh_CN "$ZDH" -C xq conflicts | cut -d" " -f1 >actual &&
	cat >expect <<-\EOF &&
	类型
	联络员
	会议
	服务需求
	EOF
	test_cmp expect actual &&
	LANGUAGE=zh_CN "$ZDH" -C xq conflicts --format csv | sed -n 2p | grep "^liaison,XQ-L1,phone," &&
	LANGUAGE=zh_CN "$ZDH" -C xq council meeting show XQ-M2 >show &&
	grep "^冲突：        minutes：\"" show &&
	"$ZDH" -C xq conflicts --kind 联络员 --format csv | cut -d, -f1,2 >actual &&
	printf "kind,id\nliaison,XQ-L1\n" >expect &&
	test_cmp expect actual
'

test_done
