#!/bin/sh
# zdh issue: what each verb does (add, claim and its due date in working
# days, assign, return, urge, escalate, resolve, close with a callback,
# reopen, comment and @mentions, edit, follow-up, link) and zdh inbox.
test_description='issue lifecycle, verb by verb'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-issue.sh"

# refused ARGS...: zdh ARGS exits 1, prints one "zdh: " line on stderr and
# nothing on stdout, and changes nothing.  The message is left in err.
refused () {
	snapshot refused || return 1
	test_expect_code 1 "$ZDH" "$@" >out 2>err || { cat >&2 err; return 1; }
	test_must_be_empty out || return 1
	test_line_count = 1 err || return 1
	grep "^zdh: " err >/dev/null || { echo >&2 "not prefixed: $(cat err)"; return 1; }
	check_unchanged refused
}

# new ARGS...: add an issue, keep its id in $id.
new () {
	id=$("$ZDH" issue add "$@") || return 1
	case $id in [A-Z]*-[0-9]*) ;; *) echo >&2 "issue add printed '$id'"; return 1 ;; esac
}

test_expect_success 'setup: a repository and its registry' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs district 第一片区 第二片区 &&
	orgs area --district 第一片区 新桥 延安公寓 &&
	orgs area --district 第二片区 天津路426弄 &&
	orgs dept 房管办 派出所 城管中队 绿化市容所 市场监管所
'

test_expect_success 'usage (-h) works outside a repository' '
	mkdir outside &&
	(cd outside && zdh issue -h >../out) &&
	grep "^usage: zdh issue add \[TITLE\]" out &&
	grep "zdh issue claim ID --dept D" out &&
	zdh inbox -h >out &&
	grep "^usage: zdh inbox --dept D" out
'

test_expect_success 'add prints the new id and keeps every field' '
	zdh issue add "52弄垃圾桶满溢" -m "饭店和大楼把垃圾倒进居民垃圾桶" --area 新桥 \
		--category environment --source hearing --reporter 王阿姨 \
		--location 新桥52弄 --date "2024-03-01 09:00" >actual &&
	echo XQ-1 >expect &&
	test_cmp expect actual &&
	expect_field XQ-1 id XQ-1 &&
	expect_field XQ-1 title "52弄垃圾桶满溢" &&
	expect_field XQ-1 body "饭店和大楼把垃圾倒进居民垃圾桶" &&
	expect_field XQ-1 area 新桥 &&
	expect_field XQ-1 category environment &&
	expect_field XQ-1 source hearing &&
	expect_field XQ-1 reporter 王阿姨 &&
	expect_field XQ-1 location 新桥52弄 &&
	expect_field XQ-1 status open &&
	field XQ-1 created >actual &&
	grep "^2024-03-01" actual &&
	test "$(ops XQ-1)" = add
'

test_expect_success 'add: source and category default to other; ids count up' '
	zdh issue add "楼道堆物" >actual &&
	echo XQ-2 >expect &&
	test_cmp expect actual &&
	expect_field XQ-2 source other &&
	expect_field XQ-2 category other &&
	expect_field XQ-2 status open
'

test_expect_success 'add -m - reads the body from standard input' '
	printf "第一行\n第二行\n" >body &&
	new "群租隐患" -m - --area 延安公寓 <body &&
	field $id body >actual &&
	grep "^第一行" actual &&
	grep "第二行" actual
'

test_expect_success 'add: unknown area, category or source is refused' '
	refused issue add "乱停车" --area 新侨 &&
	grep "did you mean '"'"'新桥'"'"'?" err &&
	refused issue add "乱停车" --category parkng &&
	grep "did you mean '"'"'parking'"'"'?" err &&
	refused issue add "乱停车" --source radio &&
	refused issue add "乱停车" --area 房管办
'

test_expect_success 'add: bad titles are refused' '
	refused issue add "" &&
	refused issue add "$(printf "两行\n标题")" &&
	refused issue add "$(printf "坏\377")" &&
	refused issue add "$(printf "%0201d" 0)" &&
	zdh issue add "$(printf "%0200d" 0)" >/dev/null
'

test_expect_success 'an unknown issue is refused by every verb' '
	refused issue show XQ-999 &&
	refused issue claim XQ-999 --dept 房管办 &&
	refused issue comment XQ-999 -m 你好 &&
	refused issue close XQ-999
'

test_expect_success 'zdh config takes the working-day keys' '
	cp .zdh/config config.saved &&
	zdh config zdh.holidays 2024-03-04,2024-04-04 &&
	zdh config zdh.workdays 2024-03-16 &&
	zdh config category.lane-gate.title 弄口道闸 &&
	zdh config category.lane-gate.response-days 1 &&
	echo 2024-03-04,2024-04-04 >expect &&
	zdh config zdh.holidays >actual &&
	test_cmp expect actual
'

# The same settings written straight into the file, so that the tests of
# due dates below do not depend on zdh config accepting the keys.
test_expect_success 'setup: holidays, a make-up working day, a one-day category' '
	cp config.saved .zdh/config &&
	git config --file .zdh/config zdh.holidays 2024-03-04,2024-04-04 &&
	git config --file .zdh/config zdh.workdays 2024-03-16 &&
	git config --file .zdh/config category.lane-gate.title 弄口道闸 &&
	git config --file .zdh/config category.lane-gate.response-days 1
'

test_expect_success 'claim on a Friday: five working days, skipping the Monday holiday' '
	new "弄堂乱停车" --area 新桥 --category parking --date "2024-03-01 09:00" &&
	zdh issue claim $id --dept 城管中队 --date "2024-03-01 10:00" &&
	expect_field $id status claimed &&
	expect_field $id dept 城管中队 &&
	expect_field $id due 2024-03-11
'

test_expect_success 'claim: the category response-days from the config' '
	new "弄口道闸损坏" --area 新桥 --category lane-gate --date "2024-03-01 09:00" &&
	zdh issue claim $id --dept 城管中队 --date "2024-03-01 17:00" &&
	expect_field $id due 2024-03-05
'

test_expect_success 'claim: a make-up working Saturday counts' '
	new "弄口道闸又坏" --area 新桥 --category lane-gate --date "2024-03-15 09:00" &&
	zdh issue claim $id --dept 城管中队 --date "2024-03-15 10:00" &&
	expect_field $id due 2024-03-16
'

test_expect_success 'claim --due wins over working days' '
	new "垃圾房改造" --area 新桥 --date "2024-03-01 09:00" &&
	zdh issue claim $id --dept 绿化市容所 --due 2024-06-30 -m "纳入改造计划" --date "2024-03-02" &&
	expect_field $id due 2024-06-30 &&
	expect_field $id dept 绿化市容所
'

test_expect_success 'claim: unknown dept (did you mean), an org that is no dept, a bad --due' '
	new "商铺噪音" --area 延安公寓 --date "2024-03-01 09:00" &&
	refused issue claim $id --dept 房关办 &&
	grep "did you mean '"'"'房管办'"'"'?" err &&
	refused issue claim $id --dept 新桥 &&
	refused issue claim $id --dept 房管办 --due 2024-02-30 &&
	test_expect_code 129 zdh issue claim $id 2>err
'

test_expect_success 'an event dated before its issue began is refused' '
	refused issue claim $id --dept 房管办 --date 2024-02-01
'

test_expect_success 'assign sets the assignee' '
	zdh issue claim $id --dept 市场监管所 --date 2024-03-02 &&
	zdh issue assign $id --to 李科员 -m "请李科员跟进" --date 2024-03-02 &&
	expect_field $id assignee 李科员 &&
	expect_field $id status claimed &&
	test_expect_code 129 zdh issue assign $id 2>err
'

test_expect_success 'return: back to open, dept/assignee/due cleared, counted; then rerouted' '
	zdh issue return $id --reason not-our-area -m "不属于本所职责" --date 2024-03-03 &&
	expect_field $id status open &&
	expect_field $id dept null &&
	expect_field $id assignee null &&
	expect_field $id due null &&
	expect_field $id returns 1 &&
	zdh issue claim $id --dept 派出所 --due 2024-03-20 --date 2024-03-04 &&
	zdh issue return $id --reason unclear-ownership -m "职责不清" --date 2024-03-05 &&
	expect_field $id returns 2 &&
	zdh issue claim $id --dept 房管办 --due 2024-03-22 --date 2024-03-06 &&
	expect_field $id dept 房管办 &&
	expect_field $id status claimed &&
	expect_field $id returns 2 &&
	ops $id >actual &&
	printf "%s\n" add claim assign return claim return claim >expect &&
	test_cmp expect actual
'

test_expect_success 'return needs a known reason code' '
	refused issue return $id --reason bored -m "不想做" &&
	test_expect_code 129 zdh issue return $id -m "没有原因" 2>err
'

test_expect_success 'urge only once the event date is past due' '
	new "垃圾清运不及时" --area 新桥 --date "2024-03-01 09:00" &&
	zdh issue claim $id --dept 绿化市容所 --due 2024-03-08 --date "2024-03-01 10:00" &&
	refused issue urge $id -m "请尽快" --date "2024-03-07 10:00" &&
	refused issue urge $id -m "请尽快" --date "2024-03-08 18:00" &&
	zdh issue urge $id -m "已超期" --date "2024-03-09 09:00" &&
	expect_field $id urges 1 &&
	zdh issue urge $id -m "再次催办" --date "2024-03-11 09:00" &&
	expect_field $id urges 2 &&
	expect_field $id status claimed
'

test_expect_success 'escalate keeps the dept; urge works on escalated too' '
	zdh issue escalate $id -m "需要网格平台协调" --date 2024-03-12 &&
	expect_field $id status escalated &&
	expect_field $id escalated true &&
	expect_field $id dept 绿化市容所 &&
	zdh issue urge $id -m "网格催办" --date 2024-03-13 &&
	expect_field $id urges 3
'

test_expect_success 'resolve records when; close with satisfaction 1-2 goes back to work' '
	zdh issue resolve $id -m "已增加清运频次" --date "2024-03-14 10:00" &&
	expect_field $id status resolved &&
	field $id resolved_at >actual &&
	grep "^2024-03-14T10:00:00+08:00$" actual &&
	zdh issue close $id --satisfaction 2 -m "居民不满意" --date 2024-03-15 &&
	expect_field $id status escalated &&
	expect_field $id callback_returns 1 &&
	expect_field $id satisfaction 2 &&
	expect_field $id closed_at null
'

test_expect_success 'close: a claimed issue returns to claimed; satisfaction 3-5 closes' '
	new "油烟扰民" --area 延安公寓 --category shops --date "2024-03-01 09:00" &&
	zdh issue claim $id --dept 市场监管所 --due 2024-03-08 --date "2024-03-01 10:00" &&
	zdh issue resolve $id -m "责令安装净化器" --date 2024-03-05 &&
	zdh issue close $id --satisfaction 1 -m "油烟仍大" --date 2024-03-06 &&
	expect_field $id status claimed &&
	expect_field $id callback_returns 1 &&
	zdh issue resolve $id -m "复查合格" --date 2024-03-07 &&
	zdh issue close $id --satisfaction 2 --date 2024-03-08 &&
	expect_field $id status claimed &&
	expect_field $id callback_returns 2 &&
	zdh issue resolve $id -m "更换设备" --date 2024-03-09 &&
	zdh issue close $id --satisfaction 5 -m "满意" --date "2024-03-10 11:00" &&
	expect_field $id status closed &&
	expect_field $id satisfaction 5 &&
	expect_field $id callback_returns 2 &&
	field $id closed_at >actual &&
	grep "^2024-03-10T11:00:00+08:00$" actual
'

test_expect_success 'close: satisfaction outside 1-5 is refused' '
	new "路灯不亮" --date "2024-03-01 09:00" &&
	zdh issue claim $id --dept 城管中队 --date "2024-03-01 10:00" &&
	zdh issue resolve $id -m 已修 --date 2024-03-02 &&
	refused issue close $id --satisfaction 0 &&
	refused issue close $id --satisfaction 6 &&
	refused issue close $id --satisfaction 很好
'

test_expect_success 'reopen counts, and goes back to the claiming dept' '
	zdh issue close $id --satisfaction 4 --date 2024-03-03 &&
	zdh issue reopen $id -m "又不亮了" --date 2024-03-10 &&
	expect_field $id status claimed &&
	expect_field $id dept 城管中队 &&
	expect_field $id reopens 1 &&
	zdh issue resolve $id -m 换灯 --date 2024-03-11 &&
	zdh issue reopen $id -m "还是不亮" --date 2024-03-12 &&
	expect_field $id reopens 2 &&
	expect_field $id status claimed
'

test_expect_success 'reopen without a dept goes back to open' '
	new "高空抛物" --area 延安公寓 --category safety --date "2024-03-01 09:00" &&
	zdh issue escalate $id -m "直接上报网格" --date "2024-03-01 10:00" &&
	expect_field $id dept null &&
	zdh issue resolve $id -m "安装监控" --date 2024-03-05 &&
	zdh issue reopen $id -m "又发生" --date 2024-03-06 &&
	expect_field $id status open &&
	expect_field $id reopens 1
'

test_expect_success 'follow-up counts after resolve and after close' '
	zdh issue claim $id --dept 派出所 --due 2024-03-20 --date 2024-03-07 &&
	zdh issue resolve $id -m "加装探头" --date 2024-03-08 &&
	zdh issue follow-up $id -m "夜间巡查" --date 2024-03-09 &&
	zdh issue close $id --satisfaction 5 --date 2024-03-10 &&
	zdh issue follow-up $id -m "猫头鹰巡查队检查" --date 2024-03-11 &&
	expect_field $id followups 2 &&
	expect_field $id status closed
'

test_expect_success 'comment: @mentions of departments are recorded, sorted and unique' '
	new "无障碍坡道" --area 天津路426弄 --category accessibility --date "2024-03-01 09:00" &&
	zdh issue comment $id -m "@派出所 请评估安全 @房管办 请确认产权" --date 2024-03-02 &&
	zdh issue comment $id -m "@房管办 需13户书面同意" --date 2024-03-03 &&
	expect_field $id mentions "[\"房管办\",\"派出所\"]" &&
	expect_field $id status open
'

test_expect_success 'comment: @mention of an unknown dept is refused with did you mean' '
	refused issue comment $id -m "@房关办 请确认" &&
	grep "did you mean '"'"'房管办'"'"'?" err &&
	test_expect_code 129 zdh issue comment $id 2>err
'

test_expect_success PYTHON 'edit: every field change is kept in the history' '
	zdh issue edit $id --title "一米阳光坡道" -m "改标题" --date 2024-03-04 &&
	zdh issue edit $id --area 新桥 -m "改居民区" --date 2024-03-04 &&
	zdh issue edit $id --category elderly-care -m "改类别" --date 2024-03-04 &&
	zdh issue edit $id --source council -m "改来源" --date 2024-03-04 &&
	zdh issue edit $id --reporter 张老伯 -m "补记反映人" --date 2024-03-04 &&
	zdh issue edit $id --location "天津路426弄3号" --area 天津路426弄 -m "补记地点" --date 2024-03-04 &&
	expect_field $id title 一米阳光坡道 &&
	expect_field $id area 天津路426弄 &&
	expect_field $id category elderly-care &&
	expect_field $id source council &&
	expect_field $id reporter 张老伯 &&
	expect_field $id location 天津路426弄3号 &&
	zdh issue show $id --json >show.json &&
	python3 -c "
import json
h = json.load(open(\"show.json\"))[\"history\"]
sets = [e[\"data\"][\"set\"] for e in h if e[\"op\"] == \"edit\"]
print(json.dumps(sets, ensure_ascii=False, sort_keys=True))
" >actual &&
	cat >expect <<-\EOT &&
	[{"title": "一米阳光坡道"}, {"area": "新桥"}, {"category": "elderly-care"}, {"source": "council"}, {"reporter": "张老伯"}, {"area": "天津路426弄", "location": "天津路426弄3号"}]
	EOT
	test_cmp expect actual &&
	zdh issue show $id >show.txt &&
	for m in 改标题 改居民区 改类别 改来源 补记反映人 补记地点 一米阳光坡道
	do
		grep "$m" show.txt >/dev/null || { echo "show lacks $m"; return 1; }
	done
'

test_expect_success 'edit: unknown values and nothing to change are refused' '
	refused issue edit $id --area 新侨 &&
	refused issue edit $id --category parkng &&
	refused issue edit $id --title "" &&
	refused issue edit $id -m "什么也不改"
'

test_expect_success 'link: both ids must exist; links are sorted and unique' '
	refused issue link $id XQ-999 &&
	refused issue link XQ-999 $id &&
	test_expect_code 129 zdh issue link $id 2>err &&
	zdh issue link $id XQ-2 -m "同一楼道" --date 2024-03-05 &&
	zdh issue link $id XQ-1 --date 2024-03-05 &&
	expect_field $id links "[\"XQ-1\",\"XQ-2\"]"
'

test_expect_success 'show: the current state and the whole history' '
	zdh issue show $id >out &&
	grep "$id" out &&
	grep 一米阳光坡道 out &&
	grep 测试员 out &&
	grep "2024-03-01" out &&
	grep "comment" out &&
	grep "@派出所 请评估安全" out
'

test_expect_success 'identity is needed for writes' '
	snapshot before &&
	(unset ZDH_USER_NAME ZDH_USER_EMAIL; test_expect_code 1 "$ZDH" issue add "无名氏") >out 2>err &&
	test_must_be_empty out &&
	grep "^zdh: who are you" err &&
	check_unchanged before
'

test_expect_success 'setup: a fresh repository for the inbox' '
	mkdir inbox &&
	cd inbox &&
	zdh init --replica inbox --prefix IB >/dev/null 2>&1 &&
	orgs area 新桥 &&
	orgs dept 房管办 派出所 &&
	for t in 甲 乙 丙 丁 戊 己 庚
	do
		zdh issue add "问题$t" --area 新桥 --date 2024-03-01 >/dev/null || return 1
	done &&
	zdh issue claim IB-1 --dept 房管办 --due 2024-03-20 --date 2024-03-02 &&
	zdh issue claim IB-2 --dept 房管办 --due 2024-03-10 --date 2024-03-02 &&
	zdh issue claim IB-3 --dept 房管办 --due 2024-03-15 --date 2024-03-02 &&
	zdh issue escalate IB-3 -m 上报 --date 2024-03-03 &&
	zdh issue comment IB-4 -m "@房管办 请看看" --date 2024-03-03 &&
	zdh issue claim IB-5 --dept 房管办 --due 2024-03-05 --date 2024-03-02 &&
	zdh issue resolve IB-5 -m 已处理 --date 2024-03-03 &&
	zdh issue claim IB-6 --dept 派出所 --due 2024-03-01 --date 2024-03-02
'

test_expect_success 'inbox --dept: what waits for the dept, due dates first' '
	cd inbox &&
	zdh inbox --dept 房管办 >out &&
	grep -o "IB-[0-9]*" out >actual &&
	printf "%s\n" IB-2 IB-3 IB-1 IB-4 >expect &&
	test_cmp expect actual
'

test_expect_success PYTHON 'inbox --json parses, in the same order' '
	cd inbox &&
	zdh inbox --dept 房管办 --json >out &&
	python3 -c "
import json
for i in json.load(open(\"out\")):
    print(i[\"id\"])
" >actual &&
	printf "%s\n" IB-2 IB-3 IB-1 IB-4 >expect &&
	test_cmp expect actual
'

test_expect_success 'inbox: another dept; an unknown dept (did you mean); --dept is required' '
	cd inbox &&
	zdh inbox --dept 派出所 >out &&
	grep -o "IB-[0-9]*" out >actual &&
	echo IB-6 >expect &&
	test_cmp expect actual &&
	test_expect_code 1 zdh inbox --dept 房关办 >out 2>err &&
	test_must_be_empty out &&
	grep "did you mean '"'"'房管办'"'"'?" err &&
	test_expect_code 129 zdh inbox 2>err
'

test_expect_success 'inbox: an issue both claimed by and mentioning a dept comes once; a mention of it in another dept'"'"'s issue counts; a resolved one does not' '
	cd inbox &&
	zdh issue comment IB-1 -m "@房管办 再催一次" --date 2024-03-04 &&
	zdh issue comment IB-6 -m "@房管办 请配合" --date 2024-03-04 &&
	zdh issue comment IB-7 -m "@房管办 已答复" --date 2024-03-04 &&
	zdh issue claim IB-7 --dept 派出所 --due 2024-03-08 --date 2024-03-04 &&
	zdh issue resolve IB-7 -m 已处理 --date 2024-03-05 &&
	zdh inbox --dept 房管办 >out &&
	grep -o "IB-[0-9]*" out >actual &&
	printf "%s\n" IB-6 IB-2 IB-3 IB-1 IB-4 >expect &&
	test_cmp expect actual &&
	zdh issue list --mentions 房管办 --all --format csv | cut -d, -f1 >actual &&
	printf "%s\n" id IB-1 IB-4 IB-6 IB-7 >expect &&
	test_cmp expect actual &&
	zdh reindex >/dev/null &&
	zdh inbox --dept 房管办 >again &&
	test_cmp out again
'

test_expect_success 'the repository verifies and git fsck is clean' '
	zdh verify &&
	git --git-dir=.zdh fsck --strict &&
	zdh -C inbox verify
'

test_done
