#!/bin/sh
# zdh menu: offers and needs, categories, match (ranking and its reasons),
# pair with capacity, deliveries and feedback, publish; case 1 of the
# source (the Shanghai Museum) as a story.
test_description='zdh menu'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: the registry of case 1' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs district 第一片区 第二片区 &&
	orgs area --district 第一片区 新桥 &&
	orgs area --district 第二片区 延安公寓 &&
	orgs unit --district 第一片区 上海博物馆 &&
	orgs unit --district 第二片区 工商银行 &&
	orgs group 律师事务所
'

test_expect_success 'offer add prints ids; names are kept as registered' '
	zdh menu offer add 青少年文化体验活动 --provider 上海博物馆 --category education \
		--capacity 2 --areas 新桥 --schedule 每月第一个周六 --contact 021-63723500 \
		--date 2026-11-01 >id1 &&
	zdh menu offer add 孤老结对助老 --provider XQ-O5 --category elderly --capacity 1 \
		--date 2026-11-01 >id2 &&
	zdh menu offer add 金融知识讲座 --provider 工商银行 --category education \
		--date 2026-11-01 >id3 &&
	zdh menu offer add 困难学生助学 --provider 上海博物馆 --category students --capacity 3 \
		--areas "延安公寓，新桥" --date 2026-11-01 >id4 &&
	cat id1 id2 id3 id4 >actual &&
	printf "XQ-F1\nXQ-F2\nXQ-F3\nXQ-F4\n" >expect &&
	test_cmp expect actual &&
	zdh menu offer list >actual &&
	cat >expect <<-\EOT &&
	ID     CATEGORY   PROVIDER    CAPACITY  AREAS           TITLE
	XQ-F1  education  上海博物馆         2  新桥            青少年文化体验活动
	XQ-F2  elderly    上海博物馆         1                  孤老结对助老
	XQ-F3  education  工商银行                              金融知识讲座
	XQ-F4  students   上海博物馆         3  延安公寓, 新桥  困难学生助学
	EOT
	test_cmp expect actual
'

test_expect_success 'provider and area with did-you-mean; unknown category lists them' '
	test_expect_code 1 zdh menu offer add x --provider 上海博物院 --category education 2>err &&
	echo "zdh: no org named '\''上海博物院'\''; did you mean '\''上海博物馆'\''?" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh menu need add x --area 新侨 --category elderly 2>err &&
	echo "zdh: no area named '\''新侨'\''; did you mean '\''新桥'\''?" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh menu offer add x --provider 上海博物馆 --category elderlyy 2>err &&
	echo "zdh: unknown menu category '\''elderlyy'\''; did you mean '\''elderly'\''? (party-lesson, education, sharing, needy, elderly, students, disabled)" >expect &&
	test_cmp expect err &&
	test_expect_code 129 zdh menu offer add x --category elderly 2>err &&
	grep "needs --provider" err
'

test_expect_success 'categories from the configuration, with their label' '
	zdh config menu-category.culture.title 文化体验 &&
	zdh menu offer add 博物馆夜场 --provider 上海博物馆 --category culture --date 2026-11-01 >id &&
	echo XQ-F5 >expect &&
	test_cmp expect id &&
	zdh menu publish --format csv >actual &&
	grep "^culture,文化体验,XQ-F5,博物馆夜场,上海博物馆" actual &&
	zdh menu offer retire XQ-F5 -m 试点结束 --date 2026-11-02 &&
	zdh menu offer list --category culture >actual &&
	echo "ID  CATEGORY  PROVIDER  CAPACITY  AREAS  TITLE" >expect &&
	test_cmp expect actual &&
	zdh menu offer list --category culture --all --json >actual &&
	grep "\"retired\": true" actual
'

test_expect_success 'need add, list, from an issue' '
	zdh issue add "孤老无人陪伴" --area 新桥 >/dev/null &&
	zdh menu need add 孤老陪伴 --area 新桥 --category elderly --people 3 --issue xq-1 \
		--date 2026-11-03 >id &&
	zdh menu need add 困难家庭学生辅导 --area 延安公寓 --category students --people 2 \
		--date 2026-11-03 >>id &&
	printf "XQ-N1\nXQ-N2\n" >expect &&
	test_cmp expect id &&
	zdh menu need list >actual &&
	cat >expect <<-\EOT &&
	ID     CATEGORY  AREA      PEOPLE  ISSUE  TITLE
	XQ-N1  elderly   新桥           3  XQ-1   孤老陪伴
	XQ-N2  students  延安公寓       2         困难家庭学生辅导
	EOT
	test_cmp expect actual &&
	test_expect_code 1 zdh menu need add x --area 新桥 --category elderly --issue XQ-99 2>err &&
	echo "zdh: no issue XQ-99" >expect &&
	test_cmp expect err
'

test_expect_success 'match: ranked, explained, deterministic' '
	zdh menu match XQ-N1 --month 2026-12 >actual &&
	cat >expect <<-\EOT &&
	RANK  SCORE  ID     TITLE               WHY
	   1     80  XQ-F2  孤老结对助老        category elderly; provider in the same district (第一片区); 1 of 1 left in 2026-12; not rated yet
	   2     50  XQ-F1  青少年文化体验活动  other category (education, wanted elderly); serves 新桥; 2 of 2 left in 2026-12; not rated yet
	   3     50  XQ-F4  困难学生助学        other category (students, wanted elderly); serves 新桥; 3 of 3 left in 2026-12; not rated yet
	   4     15  XQ-F3  金融知识讲座        other category (education, wanted elderly); open to every area; no capacity given; not rated yet
	EOT
	test_cmp expect actual &&
	zdh menu match XQ-N1 --month 2026-12 --limit 1 --format csv >actual &&
	cat >expect <<-\EOT &&
	rank,score,id,title,why
	1,80,XQ-F2,孤老结对助老,category elderly; provider in the same district (第一片区); 1 of 1 left in 2026-12; not rated yet
	EOT
	test_cmp expect actual
'

test_expect_success 'match --json gives the scores and their parts' '
	zdh menu match XQ-N1 --month 2026-12 --limit 1 --json >actual &&
	cat >expect <<-\EOT &&
	{
	  "candidates": [
	    {
	      "id": "XQ-F2",
	      "parts": {
	        "capacity": 20,
	        "category": 40,
	        "pair": 0,
	        "place": 20,
	        "rating": 0
	      },
	      "rank": 1,
	      "score": 80,
	      "title": "孤老结对助老",
	      "why": [
	        "category elderly",
	        "provider in the same district (第一片区)",
	        "1 of 1 left in 2026-12",
	        "not rated yet"
	      ]
	    }
	  ],
	  "for": "XQ-N1",
	  "month": "2026-12"
	}
	EOT
	test_cmp expect actual
'

test_expect_success 'match an offer ranks the needs' '
	zdh menu match XQ-F4 --month 2026-12 >actual &&
	cat >expect <<-\EOT &&
	RANK  SCORE  ID     TITLE             WHY
	   1     90  XQ-N2  困难家庭学生辅导  category students; serves 延安公寓; 3 of 3 left in 2026-12; not rated yet
	   2     50  XQ-N1  孤老陪伴          other category (students, wanted elderly); serves 新桥; 3 of 3 left in 2026-12; not rated yet
	EOT
	test_cmp expect actual
'

test_expect_success 'pair; the full offer is refused with the numbers; the pair goes last' '
	zdh menu pair XQ-N1 XQ-F2 --from 2026-12-01 --date 2026-11-20 >id &&
	echo XQ-P1 >expect &&
	test_cmp expect id &&
	zdh menu need add 高龄独居老人 --area 延安公寓 --category elderly --date 2026-11-21 >/dev/null &&
	test_expect_code 1 zdh menu pair XQ-N3 XQ-F2 --from 2027-03-01 --date 2026-11-21 2>err &&
	echo "zdh: offer XQ-F2 is full in 2027-03: capacity 1 a month, 1 taken (XQ-P1)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh menu pair XQ-N1 XQ-F2 --from 2027-01-01 --until 2027-02-01 2>err &&
	echo "zdh: XQ-N1 and XQ-F2 are paired already (XQ-P1)" >expect &&
	test_cmp expect err &&
	zdh menu match XQ-N1 --month 2026-12 --json >actual &&
	grep -A3 "\"id\": \"XQ-F2\"" actual | grep "\"capacity\": -50" &&
	zdh menu match XQ-N1 --month 2026-12 --format csv >actual &&
	tail -n 1 actual >last &&
	echo "4,-90,XQ-F2,孤老结对助老,category elderly; provider in the same district (第一片区); full in 2026-12 (1 of 1 taken); not rated yet; already paired (XQ-P1)" >expect &&
	test_cmp expect last &&
	zdh menu pairings >actual &&
	cat >expect <<-\EOT &&
	ID     NEED   OFFER  FROM        UNTIL       STATUS
	XQ-P1  XQ-N1  XQ-F2  2026-12-01  2027-11-30  active
	EOT
	test_cmp expect actual
'

test_expect_success 'deliveries with feedback; the pairing shows them and the average' '
	echo "合影" >photo.jpg &&
	zdh menu deliver XQ-P1 --people 3 --hours 2.5 --attach photo.jpg -m 上门陪伴 \
		--date 2026-12-05 --future >id &&
	zdh menu deliver xq-p1 --people 2 --hours 1 --date 2026-12-12 --future >>id &&
	printf "XQ-Y1\nXQ-Y2\n" >expect &&
	test_cmp expect id &&
	zdh menu feedback XQ-Y1 --satisfaction 5 -m 老人很开心 --date 2026-12-06 --future &&
	zdh menu feedback XQ-Y2 --satisfaction 4 --date 2026-12-13 --future &&
	zdh menu show XQ-P1 | sed -n "1,/^history:/p" >actual &&
	cat >expect <<-\EOT &&
	XQ-P1  pairing
	need:         XQ-N1
	offer:        XQ-F2
	from:         2026-12-01
	until:        2027-11-30
	status:       active

	deliveries:           2
	average satisfaction: 4.50
	ID     DAY         PEOPLE  HOURS  SATISFACTION  NOTE
	XQ-Y1  2026-12-05       3   2.50             5  上门陪伴
	XQ-Y2  2026-12-12       2   1.00             4

	history:
	EOT
	test_cmp expect actual &&
	zdh menu show XQ-Y1 --json >actual &&
	grep "\"name\": \"photo.jpg\"" actual &&
	grep "\"minutes\": 150" actual &&
	grep "\"feedback\": \"老人很开心\"" actual
'

test_expect_success 'ratings count in the match of the offer' '
	zdh menu need add 空巢老人 --area 新桥 --category elderly --date 2026-12-14 --future >/dev/null &&
	zdh menu match XQ-N4 --month 2026-12 --json >actual &&
	grep -A20 "\"id\": \"XQ-F2\"" actual >f2 &&
	grep "\"rating\": 7" f2 &&
	grep "rated 4.5 by 2 deliveries" f2
'

test_expect_success 'a delivery outside the term or of an ended pairing is refused' '
	test_expect_code 1 zdh menu deliver XQ-P1 --date 2028-01-01 --future 2>err &&
	echo "zdh: 2028-01-01 is outside the term of XQ-P1 (2026-12-01 to 2027-11-30)" >expect &&
	test_cmp expect err &&
	zdh menu unpair XQ-P1 -m 老人入住养老院 --date 2027-03-01 --future &&
	test_expect_code 1 zdh menu deliver XQ-P1 --date 2027-03-02 --future 2>err &&
	echo "zdh: pairing XQ-P1 has ended" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh menu unpair XQ-P1 --date 2027-03-03 --future 2>err &&
	echo "zdh: pairing XQ-P1 has ended already" >expect &&
	test_cmp expect err &&
	zdh menu pair XQ-N3 XQ-F2 --from 2027-04-01 --date 2027-03-05 --future >id &&
	echo XQ-P2 >expect &&
	test_cmp expect id
'

test_expect_success 'edit and retire; a retired offer is not matched' '
	zdh menu offer edit XQ-F3 --capacity 10 --areas 延安公寓 -m 只在延安 --date 2027-03-06 --future &&
	zdh menu show XQ-F3 --json >actual &&
	grep "\"capacity\": 10" actual &&
	zdh menu offer edit XQ-F3 --capacity 0 --date 2027-03-06 --future &&
	zdh menu show XQ-F3 --json >actual &&
	grep "\"capacity\": 0" actual &&
	zdh menu offer list --all >actual &&
	grep "^XQ-F3  education  工商银行  *延安公寓  *金融知识讲座  *live$" actual &&
	zdh menu offer retire XQ-F3 --date 2027-03-07 --future &&
	zdh menu match XQ-N2 --month 2027-03 --all >actual &&
	! grep XQ-F3 actual &&
	test_expect_code 1 zdh menu offer edit XQ-F3 --title x 2>err &&
	echo "zdh: offer XQ-F3 is retired" >expect &&
	test_cmp expect err
'

test_expect_success 'publish md groups by category, with labels' '
	zdh menu publish >actual &&
	cat >expect <<-\EOT &&
	# 资源菜单

	共 3 项服务。

	## 公共教育（education）

	| 编号 | 服务项目 | 提供单位 | 联系方式 | 每月名额 | 服务居民区 | 时间安排 |
	| --- | --- | --- | --- | ---: | --- | --- |
	| XQ-F1 | 青少年文化体验活动 | 上海博物馆 | 021-63723500 | 2 | 新桥 | 每月第一个周六 |

	## 助老（elderly）

	| 编号 | 服务项目 | 提供单位 | 联系方式 | 每月名额 | 服务居民区 | 时间安排 |
	| --- | --- | --- | --- | ---: | --- | --- |
	| XQ-F2 | 孤老结对助老 | 上海博物馆 |  | 1 | 全部居民区 |  |

	## 助学（students）

	| 编号 | 服务项目 | 提供单位 | 联系方式 | 每月名额 | 服务居民区 | 时间安排 |
	| --- | --- | --- | --- | ---: | --- | --- |
	| XQ-F4 | 困难学生助学 | 上海博物馆 |  | 3 | 延安公寓、新桥 |  |
	EOT
	test_cmp expect actual
'

test_expect_success 'publish html: self-contained, printable, escaped, written atomically' '
	zdh menu offer add "<b>讲座</b> & 课" --provider 律师事务所 --category party-lesson \
		--date 2027-03-08 --future >/dev/null &&
	echo old >menu.html &&
	zdh menu publish --format html --title "南京东路街道 资源菜单" -o menu.html >out &&
	test_must_be_empty out &&
	grep "<meta charset=\"utf-8\">" menu.html &&
	grep "@media print" menu.html &&
	grep "Noto Sans CJK SC" menu.html &&
	grep "&lt;b&gt;讲座&lt;/b&gt; &amp; 课" menu.html &&
	! grep -i "http\|<script\|<link\|<img" menu.html &&
	tail -n 1 menu.html | grep "</html>" &&
	ls menu.html* >files &&
	echo menu.html >expect &&
	test_cmp expect files &&
	test_expect_code 128 zdh menu publish --format html -o no/such/dir/menu.html 2>err &&
	grep "^zdh: cannot write" err &&
	test_expect_code 129 zdh menu publish --format pdf
'

test_expect_success 'log, verify and export cover the menu' '
	zdh log --record XQ-P1 >actual &&
	grep "pairing add XQ-N1 XQ-F2" actual &&
	grep "end" actual &&
	zdh verify >/dev/null &&
	zdh export >export.json &&
	grep "XQ-Y1" export.json &&
	rm .zdh/index.db &&
	zdh export >again.json &&
	test_cmp export.json again.json
'

test_done
