#!/bin/sh
# The source's cases 2-4 (see the domain notes) told with zdh issue, as the
# people in them would type it.  At the end the repository verifies, git
# fsck is clean, and plain `git log` of the office's log tells the story.
test_description='issue stories: Xinqiao lane 52, Yan'"'"'an Apartments, Tianjin Road 426'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-issue.sh"

test_expect_success 'setup: the sub-district office and its registry' '
	zdh init --replica nanjingdonglu --prefix ND >/dev/null 2>&1 &&
	orgs district 第一片区 第三片区 &&
	orgs area --district 第一片区 新桥 延安公寓 &&
	orgs area --district 第三片区 天津路426弄 &&
	orgs dept 街道机关 派出所 市场监管所 绿化市容所 城管中队 房管办 &&
	orgs group 猫头鹰巡查队 &&
	orgs building 新桥大楼
'

# --- case 2: Xinqiao, lane 52 ----------------------------------------------

test_expect_success 'case 2: a block visit finds rubbish and parking in lane 52' '
	rubbish=$(as 陈书记 居委会 issue add "52弄垃圾桶满溢：饭店和大楼把垃圾倒进居民垃圾桶" \
		-m "居民垃圾桶一天清运三次仍满溢" --area 新桥 --category environment \
		--source visit --reporter 陈书记 --location 新桥52弄 --date "2024-03-01 09:00") &&
	parking=$(as 陈书记 居委会 issue add "52弄车辆随意停放" \
		-m "外来车辆随意停放，弄堂堵塞" --area 新桥 --category parking \
		--source visit --reporter 陈书记 --location 新桥52弄 --date "2024-03-01 09:30") &&
	as 陈书记 居委会 issue link $rubbish $parking -m "同一弄堂的顽症" --date "2024-03-01 10:00" &&
	as 陈书记 居委会 issue link $parking $rubbish --date "2024-03-01 10:00"
'

test_expect_success 'case 2: the residents'"'"' hearing proposes a three-step plan' '
	gate=$(as 陈书记 居委会 issue add "弄口设道闸、划行车道、商户垃圾分开收集" \
		-m "居民听证会提出三步方案" --area 新桥 --category parking --source hearing \
		--location 新桥52弄弄口 --date "2024-03-08 19:00") &&
	as 陈书记 居委会 issue link $gate $rubbish -m "听证会方案" --date "2024-03-08 19:30" &&
	as 陈书记 居委会 issue link $gate $parking --date "2024-03-08 19:30" &&
	as 陈书记 居委会 issue comment $rubbish -m "听证会：商户垃圾分开收集 @绿化市容所" --date "2024-03-08 19:30" &&
	as 陈书记 居委会 issue comment $parking -m "听证会：弄口设道闸、划行车道 @城管中队" --date "2024-03-08 19:30"
'

test_expect_success 'case 2: the council adopts it; the gate goes to the grid platform' '
	as 理事长 理事会 issue comment $gate -m "理事会表决通过三步方案" --date "2024-03-15 14:00" &&
	as 城管小刘 城管中队 issue claim $gate --dept 城管中队 --due 2024-04-30 --date "2024-03-16 09:00" &&
	as 城管小刘 城管中队 issue escalate $gate -m "道闸涉及多部门，提交街道网格平台" --date "2024-03-18 09:00" &&
	as 网格员 街道机关 issue comment $gate -m "街道以微实事项目出资建设道闸 @街道机关" --date "2024-03-25 10:00" &&
	as 网格员 街道机关 issue assign $gate --to 王工程师 --date "2024-03-25 10:00" &&
	as 王工程师 街道机关 issue resolve $gate -m "道闸建成，划出行车道" --date "2024-04-20 16:00" &&
	as 陈书记 居委会 issue close $gate --satisfaction 5 -m "居民满意" --date "2024-04-22 10:00" &&
	expect_field $gate status closed &&
	expect_field $gate escalated true &&
	expect_field $gate assignee 王工程师
'

test_expect_success 'case 2: parking and rubbish are resolved; a first callback is unhappy' '
	as 城管小刘 城管中队 issue claim $parking --dept 城管中队 --due 2024-04-30 --date "2024-03-16 09:00" &&
	as 城管小刘 城管中队 issue resolve $parking -m "道闸启用，外来车辆不再进入" --date "2024-04-21 09:00" &&
	as 陈书记 居委会 issue close $parking --satisfaction 5 --date "2024-04-22 10:00" &&
	as 绿化小张 绿化市容所 issue claim $rubbish --dept 绿化市容所 --date "2024-03-11 09:00" &&
	as 绿化小张 绿化市容所 issue resolve $rubbish -m "商户垃圾单独收运" --date "2024-04-01 09:00" &&
	as 陈书记 居委会 issue close $rubbish --satisfaction 2 -m "大楼垃圾房仍外溢" --date "2024-04-03 10:00" &&
	expect_field $rubbish status claimed &&
	expect_field $rubbish callback_returns 1 &&
	as 绿化小张 绿化市容所 issue resolve $rubbish -m "大楼垃圾房改建完成" --date "2024-05-10 09:00" &&
	as 陈书记 居委会 issue close $rubbish --satisfaction 5 --date "2024-05-12 10:00" &&
	expect_field $rubbish status closed
'

test_expect_success 'case 2: volunteers and the Owl team patrol three times a day' '
	for d in 2024-05-13 2024-05-14 2024-05-15
	do
		for t in 07:00 12:00 20:00
		do
			as 猫头鹰巡查队 猫头鹰巡查队 issue follow-up $rubbish \
				-m "猫头鹰巡查：垃圾分收正常" --date "$d $t" || return 1
		done
	done &&
	as 志愿者 居委会 issue follow-up $parking -m "志愿者弄口值守" --date "2024-05-13 08:00" &&
	expect_field $rubbish followups 9 &&
	expect_field $parking followups 1 &&
	expect_field $rubbish links "[\"$parking\"]"
'

test_expect_success 'case 2: the log of lane 52' '
	log_ops nanjingdonglu $rubbish >actual &&
	cat >expect <<-EOT &&
	add
	link
	comment
	claim
	resolve
	close
	resolve
	close
	$(printf "follow-up\n%.0s" 1 2 3 4 5 6 7 8 9)
	EOT
	test_cmp expect actual &&
	log_ops nanjingdonglu $gate >actual &&
	printf "%s\n" add link link comment claim escalate comment assign resolve close >expect &&
	test_cmp expect actual
'

# --- case 3: Yan'an Apartments --------------------------------------------

test_expect_success 'case 3: group renting and the shops, reported by residents' '
	renting=$(as 居委会主任 居委会 issue add "延安公寓群租" -m "二房东隔间转租，消防隐患" \
		--area 延安公寓 --category group-renting --source petition \
		--location "延安东路1060号" --date "2024-04-01 09:00") &&
	shops=$(as 居委会主任 居委会 issue add "底层商铺与居民纠纷" -m "油烟、噪音、垃圾" \
		--area 延安公寓 --category shops --source wechat \
		--location "延安东路1060号底层" --date "2024-04-01 09:10") &&
	throwing=$(as 居委会主任 居委会 issue add "高空抛物" --area 延安公寓 --category safety \
		--source visit --location "延安东路1060号" --date "2024-04-01 09:20")
'

test_expect_success 'case 3: group renting: housing claims, police joins, resolved' '
	as 房管小王 房管办 issue claim $renting --dept 房管办 --due 2024-04-15 --date "2024-04-02 09:00" &&
	as 房管小王 房管办 issue comment $renting -m "@派出所 请联合检查" --date "2024-04-03 09:00" &&
	as 居委会主任 居委会 issue urge $renting -m "已超期，请加快" --date "2024-04-16 09:00" &&
	as 房管小王 房管办 issue resolve $renting -m "联合整治，恢复原状" --date "2024-04-25 09:00" &&
	as 居委会主任 居委会 issue close $renting --satisfaction 4 --date "2024-04-26 09:00" &&
	expect_field $renting status closed &&
	expect_field $renting urges 1 &&
	expect_field $renting mentions "[\"派出所\"]"
'

test_expect_success 'case 3: the shops: returned once, rerouted, settled by the council' '
	as 城管小刘 城管中队 issue claim $shops --dept 城管中队 --date "2024-04-02 09:00" &&
	as 城管小刘 城管中队 issue return $shops --reason not-our-area -m "油烟归市场监管" --date "2024-04-02 11:00" &&
	as 监管小赵 市场监管所 issue claim $shops --dept 市场监管所 --date "2024-04-03 09:00" &&
	as 理事长 理事会 issue comment $shops -m "理事会章程：居民、商户、业委会、物业共同议事" --date "2024-04-10 19:00" &&
	as 监管小赵 市场监管所 issue resolve $shops -m "商户签订公约，加装油烟净化" --date "2024-04-20 09:00" &&
	as 居委会主任 居委会 issue close $shops --satisfaction 5 --date "2024-04-21 09:00" &&
	expect_field $shops status closed &&
	expect_field $shops returns 1 &&
	expect_field $shops dept 市场监管所
'

test_expect_success 'case 3: throwing from height: escalated and still waiting' '
	as 民警老李 派出所 issue claim $throwing --dept 派出所 --due 2024-04-30 --date "2024-04-02 09:00" &&
	as 民警老李 派出所 issue escalate $throwing -m "需安装高空监控，提交网格平台" --date "2024-04-05 09:00" &&
	zdh inbox --dept 派出所 >out &&
	grep "$throwing" out &&
	! grep "$renting" out
'

# --- case 4: Tianjin Road lane 426 -----------------------------------------

test_expect_success 'case 4: three steps and a wheelchair; the block cadre proposes a ramp' '
	ramp=$(as 包块干部 居委会 issue add "天津路426弄三级台阶，轮椅无法通行" \
		-m "老人每周三次推轮椅送老伴透析，提议建无障碍坡道（一米阳光）" \
		--area 天津路426弄 --category accessibility --source visit \
		--reporter 包块干部 --location 天津路426弄 --date "2024-05-06 10:00")
'

test_expect_success 'case 4: the chat: housing office, lawyer, police' '
	as 包块干部 居委会 issue comment $ramp -m "@房管办 @派出所 请就坡道给意见" --date "2024-05-06 11:00" &&
	as 房管小王 房管办 issue comment $ramp -m "公房改造须13户租户全部书面同意" --date "2024-05-06 12:00" &&
	as 法律顾问 居委会 issue comment $ramp -m "老人须先提交书面申请" --date "2024-05-06 13:00" &&
	as 民警老李 派出所 issue comment $ramp -m "坡道须保证通行安全" --date "2024-05-06 14:00" &&
	expect_field $ramp mentions "[\"房管办\",\"派出所\"]" &&
	zdh inbox --dept 房管办 >out &&
	grep "$ramp" out
'

test_expect_success 'case 4: thirteen written consents; the ramp is built; closed' '
	as 包块干部 居委会 issue comment $ramp -m "已收到老人书面申请" --date "2024-05-10 10:00" &&
	as 理事长 理事会 issue comment $ramp -m "13户书面同意已收齐" --date "2024-05-20 10:00" &&
	as 房管小王 房管办 issue claim $ramp --dept 房管办 --due 2024-06-30 --date "2024-05-21 09:00" &&
	as 房管小王 房管办 issue resolve $ramp -m "一米阳光坡道建成" --date "2024-06-15 09:00" &&
	as 包块干部 居委会 issue close $ramp --satisfaction 5 -m "老人满意" --date "2024-06-17 09:00" &&
	expect_field $ramp status closed &&
	expect_field $ramp satisfaction 5 &&
	log_ops nanjingdonglu $ramp >actual &&
	printf "%s\n" add comment comment comment comment comment comment claim resolve close >expect &&
	test_cmp expect actual
'

# --- the whole -----------------------------------------------------------------

test_expect_success 'the listing at the end' '
	zdh issue list --status closed --format csv >out &&
	sed 1d out | cut -d, -f1 | sort >actual &&
	printf "%s\n" $rubbish $parking $gate $renting $shops $ramp | sort >expect &&
	test_cmp expect actual &&
	zdh issue list --overdue --format csv >out &&
	sed 1d out | cut -d, -f1 >actual &&
	echo $throwing >expect &&
	test_cmp expect actual
'

test_expect_success 'zdh verify and git fsck --strict are clean' '
	zdh verify >out &&
	grep "^verified 1 log, " out &&
	git --git-dir=.zdh fsck --strict
'

test_expect_success 'git log of the office tells the story, with who did it' '
	git --git-dir=.zdh log --format="%an|%ad" --date=short refs/zdh/log/nanjingdonglu >authors &&
	grep "^猫头鹰巡查队|2024-05-15$" authors &&
	grep "^房管小王|2024-06-15$" authors &&
	grep "^民警老李|2024-04-05$" authors &&
	git --git-dir=.zdh log --format=%B refs/zdh/log/nanjingdonglu >bodies &&
	grep "一米阳光坡道建成" bodies &&
	grep "理事会表决通过三步方案" bodies &&
	grep "\"dept\":\"房管办\"" bodies &&
	zdh log --record $ramp >out &&
	test_line_count = 10 out &&
	zdh log --author 猫头鹰巡查队 >out &&
	test_line_count = 9 out
'

test_expect_success 'the state survives a reindex' '
	zdh export >before.json &&
	zdh reindex >/dev/null &&
	zdh export >after.json &&
	test_cmp before.json after.json
'

test_done
