#!/bin/sh
# The source's cases 3 and 4 told with zdh council, as the people in them
# would type it: Yan'an Apartments' self-governance group growing into a
# council with a charter, and the ramp of Lane 426 Tianjin Road (13
# written consents, the lawyer's written application first, the police's
# safety condition, the issue resolved by the decision's action).  At the
# end the repository verifies and plain git tells the story.
test_description='council stories: Yan'"'"'an Apartments, Tianjin Road 426'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: the sub-district office and its registry' '
	zdh init --replica nanjingdonglu --prefix ND >/dev/null 2>&1 &&
	orgs area 延安公寓 天津路426弄 &&
	orgs dept 派出所 房管办 绿化市容所 市场监管所 街道机关
'

# --- case 3: Yan'an Apartments ----------------------------------------------

test_expect_success 'case 3: a self-governance group of residents, no charter yet' '
	group=$(as 居委会小李 居委会 council add 延安公寓自治小组 --area 延安公寓 --date 2024-01-08) &&
	test "$group" = ND-C1 &&
	as 居委会小李 居委会 council member add $group 刘阿姨 --role chair --party resident --date 2024-01-08 &&
	as 居委会小李 居委会 council member add $group 陈先生 --role member --party resident --date 2024-01-08 &&
	as 居委会小李 居委会 council member add $group 吴老师 --role member --party resident --date 2024-01-08 &&
	as 居委会小李 居委会 issue add "底层商户与居民纠纷：油烟、垃圾" --area 延安公寓 --date 2024-01-09 >/dev/null &&
	as 居委会小李 居委会 issue add "高空抛物" --area 延安公寓 --date 2024-01-09 >/dev/null &&
	as 居委会小李 居委会 issue add "群租" --area 延安公寓 --date 2024-01-09 >/dev/null &&
	as 居委会小李 居委会 council meeting add $group --agenda ND-1 --agenda ND-2 --agenda ND-3 \
		--present 刘阿姨,陈先生,吴老师 --date "2024-01-15 19:00" >/dev/null &&
	as 居委会小李 居委会 council decide ND-M1 --motion "邀请商户、业委会、物业共同成立理事会" \
		--consensus --date "2024-01-15 20:00" >/dev/null &&
	as 居委会小李 居委会 council decision show ND-D1 >out &&
	grep "^result:       3 of 3 voting members present, quorum 1/2 reached; by consensus: adopted by consensus$" out &&
	grep "^rule:         the default rules (no charter adopted yet): quorum 1/2, simple majority$" out
'

test_expect_success 'case 3: the group grows into a council of all the parties, with its units' '
	as 居委会小李 居委会 council edit ND-C1 --name 延安公寓理事会 -m "自治小组成为理事会" --date 2024-02-01 &&
	as 居委会小李 居委会 council member add 延安公寓理事会 张老板 --role member --party shop --date 2024-02-01 &&
	as 居委会小李 居委会 council member add 延安公寓理事会 业委会王主任 --role deputy --party owners-committee --date 2024-02-01 &&
	as 居委会小李 居委会 council member add 延安公寓理事会 物业赵经理 --role member --party property-manager --date 2024-02-01 &&
	as 居委会小李 居委会 council member add 延安公寓理事会 孙律师 --role legal-advisor --party unit --date 2024-02-01 &&
	for u in 派出所 房管办 绿化市容所 市场监管所
	do
		as 居委会小李 居委会 council member add 延安公寓理事会 $u --role supporting-unit \
			--party unit --org $u --date 2024-02-01 || return 1
	done &&
	as 居委会小李 居委会 council charter 延安公寓理事会 --quorum 2/3 \
		--majority charter=two-thirds --majority facility=two-thirds --consent facility \
		--voters chair,deputy,member --meeting-weeks 4 \
		--duties "协调居民与商户纠纷，治理垃圾、高空抛物、群租" --date 2024-02-01 &&
	as 居委会小李 居委会 council show 延安公寓理事会 --date 2024-02-01 >out &&
	sed -n "/^charter in force/,/^history:/p" out >actual &&
	cat >expect <<-\EOF &&
	charter in force on 2024-02-01: version 1, from 2024-02-01
	  quorum:       2/3 of the voting members
	  who votes:    chair, deputy, member
	  majority:     charter two-thirds, facility two-thirds, general simple
	  consent for:  facility
	  meetings:     every 4 weeks
	  duties:
	    协调居民与商户纠纷，治理垃圾、高空抛物、群租

	history:
	EOF
	test_cmp expect actual &&
	as 居委会小李 居委会 council show ND-C1 --json >out.json &&
	grep "\"name\": \"延安公寓理事会\"" out.json
'

test_expect_success 'case 3: the council decides on the disputes; departments act' '
	as 居委会小李 居委会 council meeting add ND-C1 --agenda ND-1 --agenda ND-3 \
		--present 刘阿姨,陈先生,张老板,业委会王主任,物业赵经理 --excused 吴老师 \
		--guest 派出所 --guest 房管办 --date "2024-02-20 19:00" >/dev/null &&
	as 居委会小李 居委会 council decide ND-M2 --motion "商户垃圾定时定点收运，油烟装净化器" \
		--issue ND-1 --for 刘阿姨,陈先生,张老板,业委会王主任 --against 物业赵经理 --close \
		--action "检查油烟净化器" --dept 市场监管所 --due 2024-03-20 \
		--action "商户垃圾定时收运" --dept 绿化市容所 --due 2024-03-01 --resolves \
		--date "2024-02-20 20:30" >/dev/null &&
	as 居委会小李 居委会 council decision show ND-D2 >out &&
	grep "^ND-D2  adopted  " out &&
	grep "^result:       5 of 6 voting members present, quorum 2/3 reached; 4 for, 1 against, 0 abstaining: adopted by simple majority$" out &&
	as 绿化小张 绿化市容所 council action done ND-A2 -m "商户垃圾每日两次定时收运" --date 2024-02-28 &&
	test "$(log_ops nanjingdonglu ND-1 | tr "\n" " ")" = "add claim resolve " &&
	as 居委会小李 居委会 council action list --dept 市场监管所 --open --format csv >actual &&
	cat >expect <<-\EOF &&
	id,decision,council,area,dept,due,status,issue,text,created,done_at
	ND-A1,ND-D2,ND-C1,延安公寓,市场监管所,2024-03-20,open,,检查油烟净化器,2024-02-20T20:30:00+08:00,
	EOF
	test_cmp expect actual
'

test_expect_success 'case 3: the property manager leaves; the charter is amended by a charter decision' '
	as 居委会小李 居委会 council member remove ND-C1 物业赵经理 -m "物业公司更换" --date 2024-05-31 &&
	as 居委会小李 居委会 council member add ND-C1 新物业钱经理 --role member --party property-manager --date 2024-06-01 &&
	as 居委会小李 居委会 council meeting add ND-C1 --present 刘阿姨,陈先生,吴老师,张老板,新物业钱经理 \
		--date "2024-06-10 19:00" >/dev/null &&
	as 居委会小李 居委会 council decide ND-M3 --type charter --motion "章程增加群租治理条款" \
		--for 刘阿姨,陈先生,吴老师,张老板 --abstain 新物业钱经理 --close --date "2024-06-10 20:00" >/dev/null &&
	as 居委会小李 居委会 council decision show ND-D3 >out &&
	grep "^result:       5 of 6 voting members present, quorum 2/3 reached; 4 for, 0 against, 1 abstaining: adopted by two-thirds majority$" out &&
	as 居委会小李 居委会 council charter ND-C1 --decision ND-D3 \
		--duties "协调居民与商户纠纷，治理垃圾、高空抛物、群租；群租举报由房管办会同派出所核查" &&
	as 居委会小李 居委会 council show ND-C1 --date 2024-06-30 >out &&
	grep "^charter in force on 2024-06-30: version 2, from 2024-06-10, adopted by ND-D3$" out &&
	grep "^物业赵经理  member  property-manager       2024-02-01  2024-05-31$" out &&
	as 居委会小李 居委会 council show ND-C1 --date 2024-03-01 >out &&
	grep "^charter in force on 2024-03-01: version 1, from 2024-02-01$" out
'

# --- case 4: Lane 426 Tianjin Road ------------------------------------------

test_expect_success 'case 4: the block cadre proposes a ramp; the chat asks what it needs' '
	as 居委会老周 居委会 council add 天津路426弄理事会 --area 天津路426弄 --date 2024-03-01 >/dev/null &&
	for m in 周书记:chair 黄阿姨:member 马先生:member 林师傅:member
	do
		as 居委会老周 居委会 council member add 天津路426弄理事会 ${m%%:*} --role ${m#*:} \
			--party resident --date 2024-03-01 || return 1
	done &&
	as 居委会老周 居委会 council member add 天津路426弄理事会 何律师 --role legal-advisor --date 2024-03-01 &&
	as 居委会老周 居委会 council charter 天津路426弄理事会 --quorum 2/3 --consent facility --date 2024-03-01 &&
	ramp=$(as 居委会老周 居委会 issue add "老人推轮椅下三级台阶去透析" --area 天津路426弄 \
		--category accessibility --source visit --date 2024-03-04) &&
	test "$ramp" = ND-4 &&
	as 居委会老周 居委会 council discuss 天津路426弄理事会 -m "建议建一米阳光坡道 @房管办 @派出所" --date "2024-03-05 09:00" &&
	as 居委会老周 居委会 inbox --dept 房管办 >actual &&
	cat >expect <<-\EOF &&
	ID     STATUS     AREA         DEPT    DUE  TITLE
	ND-C2  mentioned  天津路426弄  房管办       天津路426弄理事会: 建议建一米阳光坡道 @房管办 @派出所
	EOF
	test_cmp expect actual &&
	as 房管小王 房管办 council discuss ND-C2 -m "需13户租户全部书面同意" --date "2024-03-05 10:00" &&
	as 何律师 法律顾问 council discuss ND-C2 -m "先由张老伯本人提出书面申请" --date "2024-03-05 10:30" &&
	as 民警小刘 派出所 council discuss ND-C2 -m "坡道须有扶手和防滑，保证通行安全" --date "2024-03-05 11:00" &&
	as 居委会老周 居委会 inbox --dept 房管办 >actual &&
	echo "ID  STATUS  AREA  DEPT  DUE  TITLE" >expect &&
	test_cmp expect actual
'

test_expect_success 'case 4: the council decides; 13 tenants, the applicant and the police must consent' '
	as 居委会老周 居委会 council meeting add ND-C2 --kind consultation --agenda ND-4 \
		--present 周书记,黄阿姨,马先生 --absent 林师傅 --guest 张老伯 --guest 房管办 --guest 派出所 \
		--date "2024-03-12 14:00" >/dev/null &&
	parties="--party 张老伯" &&
	for n in 1 2 3 4 5 6 7 8 9 10 11 12 13
	do
		parties="$parties --party 租户$n"
	done &&
	as 居委会老周 居委会 council decide ND-M4 --type facility --motion "建设无障碍坡道（一米阳光）" \
		--issue ND-4 --for 周书记,黄阿姨,马先生 --close $parties --party 派出所 \
		--action "建设坡道（含扶手、防滑）" --dept 房管办 --due 2024-05-31 --resolves \
		--date "2024-03-12 15:00" >actual &&
	echo ND-D4 >expect &&
	test_cmp expect actual &&
	as 居委会老周 居委会 council decision show ND-D4 --json >out.json &&
	grep "\"status\": \"pending-consent\"" out.json &&
	grep "\"explanation\": \"3 of 4 voting members present, quorum 2/3 reached; 3 for, 0 against, 0 abstaining: carried by simple majority; written consent of 0 of 15 parties: pending consent\"" out.json
'

test_expect_success 'case 4: the written application first, then the police, then the tenants one by one' '
	echo "书面申请（扫描件）" >application.pdf &&
	as 居委会老周 居委会 council consent ND-D4 --party 张老伯 --attach application.pdf \
		-m "本人书面申请建坡道" --date 2024-03-13 &&
	as 民警小刘 派出所 council consent ND-D4 --party 派出所 -m "条件：加装扶手、防滑条" --date 2024-03-14 &&
	n=1 &&
	while test $n -le 12
	do
		echo "租户$n 同意书" >consent$n.pdf &&
		as 居委会老周 居委会 council consent ND-D4 --party 租户$n --attach consent$n.pdf \
			--date "2024-03-$((14 + n))" || return 1
		n=$((n + 1))
	done &&
	as 居委会老周 居委会 council consents --council 天津路426弄理事会 >actual &&
	cat >expect <<-\EOF &&
	DECISION  COUNCIL  PARTY   STATUS   MOTION
	ND-D4     ND-C2    租户13  pending  建设无障碍坡道（一米阳光）
	EOF
	test_cmp expect actual &&
	test_must_fail as 房管小王 房管办 council action done ND-A3 2>err &&
	grep "^zdh: ND-D4 is not adopted yet (pending-consent)" err &&
	echo "租户13 同意书" >consent13.pdf &&
	# (typed with a Chinese input method: full-width digits are the party 租户13)
	as 居委会老周 居委会 council consent ND-D4 --party 租户１３ --attach consent13.pdf --date 2024-03-28 &&
	as 居委会老周 居委会 council decision show ND-D4 --json >out.json &&
	grep "^    \"租户13\": {" out.json &&
	! grep "租户１３" out.json &&
	as 居委会老周 居委会 council decision show ND-D4 >out &&
	grep "^ND-D4  adopted  建设无障碍坡道（一米阳光）$" out &&
	grep "^              派出所  given  条件：加装扶手、防滑条$" out &&
	as 居委会老周 居委会 council attachment ND-D4 application.pdf >actual &&
	test_cmp application.pdf actual &&
	as 居委会老周 居委会 council consents >actual &&
	echo "DECISION  COUNCIL  PARTY  STATUS  MOTION" >expect &&
	test_cmp expect actual
'

test_expect_success 'case 4: the housing office builds the ramp; the issue is resolved by the action' '
	as 房管小王 房管办 inbox --dept 房管办 >actual &&
	cat >expect <<-\EOF &&
	ID     STATUS  AREA         DEPT    DUE         TITLE
	ND-A3  open    天津路426弄  房管办  2024-05-31  建设坡道（含扶手、防滑）
	EOF
	test_cmp expect actual &&
	echo "竣工照片" >ramp.jpg &&
	as 房管小王 房管办 council action done ND-A3 -m "坡道建成，扶手防滑到位" --attach ramp.jpg --date 2024-04-25 &&
	as 房管小王 房管办 issue show ND-4 >out &&
	grep "^ND-4  resolved  老人推轮椅下三级台阶去透析$" out &&
	grep "^meetings:     ND-M4  2024-03-12  ND-C2$" out &&
	grep "resolved by ND-A3 of decision ND-D4: 坡道建成，扶手防滑到位" out &&
	test "$(log_ops nanjingdonglu ND-4 | tr "\n" " ")" = "add claim resolve " &&
	test "$(log_ops nanjingdonglu ND-D4 | sort | uniq -c | tr -s " " | tr "\n" ";")" = " 1 add; 15 consent;" &&
	as 居委会老周 居委会 issue close ND-4 --satisfaction 5 -m "张老伯：谢谢大家" --date 2024-04-26
'

test_expect_success 'the stories verify, and plain git holds every event' '
	zdh verify --quiet &&
	git --git-dir=.zdh fsck --strict --no-progress >fsck.out 2>&1 &&
	! grep -v "^notice: HEAD points to an unborn branch" fsck.out &&
	zdh export >before.json &&
	zdh reindex >/dev/null &&
	zdh export >after.json &&
	test_cmp before.json after.json
'

test_done
