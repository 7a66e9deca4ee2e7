#!/bin/sh
# zdh council: councils and members, the charter and its amendment by a
# decision, meetings, votes and the result, consents, actions, the inbox,
# the listings (table, CSV, JSON) and the history.
test_description='council, members, charter, meetings, decisions, consents, actions'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a registry' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs area 新桥 延安公寓 &&
	orgs dept 房管办 派出所 &&
	orgs unit 上海博物馆 &&
	zdh issue add "楼道堆物" --area 新桥 --date 2024-01-05 >/dev/null
'

test_expect_success 'add a council, by name with did you mean' '
	zdh council add 新桥理事会 --area 新桥 --date 2024-01-10 >actual &&
	echo XQ-C1 >expect &&
	test_cmp expect actual &&
	test_must_fail zdh council add 新桥理事会 --area 新桥 2>err &&
	echo "zdh: a council named '"'"'新桥理事会'"'"' exists already" >expect &&
	test_cmp expect err &&
	test_must_fail zdh council show 新桥理事 2>err &&
	echo "zdh: no council named '"'"'新桥理事'"'"'; did you mean '"'"'新桥理事会'"'"'?" >expect &&
	test_cmp expect err &&
	test_must_fail zdh council add 另一个 --area 新乔 2>err &&
	grep "did you mean" err
'

test_expect_success 'members with roles, parties and terms' '
	zdh council member add 新桥理事会 王阿姨 --role chair --party resident --date 2024-01-10 &&
	zdh council member add XQ-C1 李师傅 --role member --party shop --date 2024-01-10 &&
	zdh council member add xq-c1 赵老师 --role member --party resident --date 2024-01-10 &&
	zdh council member add XQ-C1 钱经理 --role member --party property-manager --to 2024-02-29 --date 2024-01-10 &&
	zdh council member add XQ-C1 派出所 --role supporting-unit --party unit --org 派出所 --date 2024-01-10 &&
	zdh council member add XQ-C1 孙秘书 --role secretary --party resident --date 2024-01-10 &&
	test_must_fail zdh council member add XQ-C1 王阿姨 --role member 2>err &&
	echo "zdh: 王阿姨 is a member of XQ-C1 already" >expect &&
	test_cmp expect err &&
	test_must_fail zdh council member add XQ-C1 周 --role boss 2>err &&
	grep "unknown role '"'"'boss'"'"'" err &&
	test_must_fail zdh council member edit XQ-C1 王阿 --role deputy 2>err &&
	echo "zdh: 王阿 is not a member of XQ-C1; did you mean '"'"'王阿姨'"'"'?" >expect &&
	test_cmp expect err
'

test_expect_success 'show on a day: members in term, and the default rules' '
	zdh council show XQ-C1 --date 2024-03-01 >out &&
	sed -n "/^members on/,/^history:/p" out >actual &&
	cat >expect <<-\EOF &&
	members on 2024-03-01:
	NAME    ROLE             PARTY     ORG     FROM        TO
	王阿姨  chair            resident          2024-01-10
	李师傅  member           shop              2024-01-10
	赵老师  member           resident          2024-01-10
	孙秘书  secretary        resident          2024-01-10
	派出所  supporting-unit  unit      派出所  2024-01-10
	other members (term ended or not begun):
	NAME    ROLE    PARTY             ORG  FROM        TO
	钱经理  member  property-manager       2024-01-10  2024-02-29

	charter in force on 2024-03-01: none adopted; decided by the defaults
	  quorum:       1/2 of the voting members
	  who votes:    chair, deputy, member
	  majority:     charter two-thirds, general simple

	history:
	EOF
	test_cmp expect actual
'

test_expect_success 'the first charter; an amendment needs an adopted charter decision' '
	zdh council charter XQ-C1 --quorum 2/3 --majority facility=unanimous --consent facility \
		--meeting-weeks 4 --duties "议事、协商、监督" --date 2024-01-10 &&
	test_must_fail zdh council charter XQ-C1 --quorum 1/2 2>err &&
	echo "zdh: XQ-C1 has a charter; amending it needs a decision of type charter (--decision)" >expect &&
	test_cmp expect err &&
	test_must_fail zdh council charter XQ-C1 --quorum 3/2 --decision XQ-D9 2>err &&
	echo "zdh: no decision XQ-D9" >expect &&
	test_cmp expect err
'

test_expect_success 'a meeting with attendance, a proxy, guests and an agenda' '
	echo "signed minutes" >minutes.pdf &&
	zdh council meeting add 新桥理事会 --kind hearing --agenda xq-1 --item "商户垃圾" \
		--present 王阿姨,李师傅 --proxy 赵老师=王阿姨 --excused 孙秘书 \
		--guest 房管办 --guest 居民代表 --minutes "听证会记录" --attach minutes.pdf \
		--date "2024-02-01 19:00" >actual &&
	echo XQ-M1 >expect &&
	test_cmp expect actual &&
	zdh council meeting show XQ-M1 >out &&
	sed -n "1,13p" out >actual &&
	cat >expect <<-\EOF &&
	XQ-M1  2024-02-01  hearing  XQ-C1

	area:         新桥
	attendance:   王阿姨  present
	              李师傅  present
	              赵老师  proxy by 王阿姨
	              孙秘书  excused
	guest:        房管办
	              居民代表
	agenda:       XQ-1  open  楼道堆物
	              商户垃圾
	attachment:   minutes.pdf  (15 bytes)

	EOF
	test_cmp expect actual &&
	zh council meeting show XQ-M1 >zh &&
	grep "^附件： *minutes.pdf  （15 字节）$" zh &&
	zdh council attachment XQ-M1 minutes.pdf >actual &&
	test_cmp minutes.pdf actual &&
	test_must_fail zdh council meeting add XQ-C1 --present 王阿 2>err &&
	grep "did you mean '"'"'王阿姨'"'"'" err &&
	test_must_fail zdh council meeting add XQ-C1 --agenda XQ-99 2>err &&
	echo "zdh: no issue XQ-99" >expect &&
	test_cmp expect err
'

test_expect_success 'the issue on the agenda shows the meeting' '
	zdh issue show XQ-1 >out &&
	grep "^meetings:     XQ-M1  2024-02-01  XQ-C1$" out &&
	zdh issue show XQ-1 --json >out.json &&
	grep "\"id\": \"XQ-M1\"" out.json &&
	zdh council meeting list --issue XQ-1 --format csv >actual &&
	cat >expect <<-\EOF &&
	id,date,council,area,kind,present,absent,agenda,guests
	XQ-M1,2024-02-01,XQ-C1,新桥,hearing,3,1,XQ-1;商户垃圾,房管办;居民代表
	EOF
	test_cmp expect actual
'

test_expect_success 'a vote under the charter in force: result and explanation' '
	zdh council decide XQ-M1 --motion "商户垃圾单独收运" --for 王阿姨,李师傅 --against 赵老师 \
		--close --date "2024-02-01 20:00" >actual &&
	echo XQ-D1 >expect &&
	test_cmp expect actual &&
	zdh council decision show XQ-D1 >out &&
	sed -n "1,12p" out >actual &&
	cat >expect <<-\EOF &&
	XQ-D1  adopted  商户垃圾单独收运

	meeting:      XQ-M1  2024-02-01  XQ-C1
	type:         general
	rule:         charter version 1: quorum 2/3, simple majority
	result:       3 of 4 voting members present, quorum 2/3 reached; 2 for, 1 against, 0 abstaining: adopted by simple majority
	votes:        王阿姨  for
	              李师傅  for
	              赵老师  against
	              钱经理  (not present)

	history:
	EOF
	test_cmp expect actual
'

test_expect_success 'votes: not a voting member, after the close, twice' '
	test_must_fail zdh council vote XQ-D1 --member 王阿姨 --vote for 2>err &&
	echo "zdh: XQ-D1: the decision is closed; a vote cannot be recorded" >expect &&
	test_cmp expect err &&
	zdh council decide XQ-M1 --motion "设立志愿者巡查" >/dev/null &&
	test_must_fail zdh council vote XQ-D2 --member 孙秘书 --vote for 2>err &&
	echo "zdh: XQ-D2: 孙秘书 is not a voting member for this decision" >expect &&
	test_cmp expect err &&
	test_must_fail zdh council decide XQ-M1 --motion x --for 孙秘书 2>err &&
	echo "zdh: 孙秘书 is not a voting member of XQ-C1 on the meeting'"'"'s day" >expect &&
	test_cmp expect err &&
	test_must_fail zdh council vote XQ-D2 --member 王阿姨 --vote yes 2>err &&
	grep "unknown vote '"'"'yes'"'"'" err &&
	zdh council vote XQ-D2 --member 王阿姨 --vote against &&
	zdh council vote XQ-D2 --member 王阿姨 --vote for -m "改主意" &&
	zdh council vote XQ-D2 --member 李师傅 --vote abstain &&
	zdh council decision list --format csv >actual &&
	cat >expect <<-\EOF &&
	id,date,council,meeting,type,status,voters,present,for,against,abstain,parties,consented,issue,motion
	XQ-D1,2024-02-01,XQ-C1,XQ-M1,general,adopted,4,3,2,1,0,0,0,,商户垃圾单独收运
	XQ-D2,2024-02-01,XQ-C1,XQ-M1,general,open,4,3,1,0,1,0,0,,设立志愿者巡查
	EOF
	test_cmp expect actual &&
	zdh council close XQ-D2 &&
	zdh council decision list --status rejected >actual &&
	cat >expect <<-\EOF &&
	ID     DATE        MEETING  STATUS    TYPE     MOTION
	XQ-D2  2024-02-01  XQ-M1    rejected  general  设立志愿者巡查
	EOF
	test_cmp expect actual &&
	test_must_fail zdh council close XQ-D2 2>err &&
	echo "zdh: XQ-D2 is closed already" >expect &&
	test_cmp expect err
'

test_expect_success 'the charter amended by a charter decision, in force from its day' '
	zdh council meeting add XQ-C1 --present 王阿姨,李师傅,赵老师 --date 2024-03-05 >/dev/null &&
	zdh council decide XQ-M2 --type charter --motion "法定人数改为过半" \
		--for 王阿姨,李师傅 --against 赵老师 --close >/dev/null &&
	zdh council decision show XQ-D3 --json >out.json &&
	grep "\"status\": \"adopted\"" out.json &&
	grep "\"majority\": \"two-thirds\"" out.json &&
	zdh council charter XQ-C1 --quorum 1/2 --decision xq-d3 &&
	zdh council show XQ-C1 --date 2024-03-04 >out &&
	grep "^charter in force on 2024-03-04: version 1, from 2024-01-10$" out &&
	zdh council show XQ-C1 --date 2024-03-05 >out &&
	grep "^charter in force on 2024-03-05: version 2, from 2024-03-05, adopted by XQ-D3$" out &&
	grep "^  quorum:       1/2 of the voting members$" out &&
	grep "^  majority:     charter two-thirds, facility unanimous, general simple$" out &&
	test_must_fail zdh council charter XQ-C1 --quorum 1 --decision XQ-D1 2>err &&
	echo "zdh: XQ-D1 is a decision of type general, not charter" >expect &&
	test_cmp expect err
'

test_expect_success 'written consent: pending, refused, adopted with the last one' '
	zdh council meeting add XQ-C1 --present 王阿姨,李师傅,赵老师 --date 2024-04-01 >/dev/null &&
	test_must_fail zdh council decide XQ-M3 --type facility --motion "装坡道" 2>err &&
	echo "zdh: the charter of XQ-C1 asks written consent for decisions of type facility: name the parties (--party)" >expect &&
	test_cmp expect err &&
	zdh council decide XQ-M3 --type facility --motion "装坡道" --issue XQ-1 \
		--for 王阿姨,李师傅,赵老师 --close --party 101室 --party 102室 --party 上海博物馆 \
		--action "建坡道" --dept 房管办 --due 2024-05-31 --resolves --date 2024-04-01 >actual &&
	echo XQ-D4 >expect &&
	test_cmp expect actual &&
	zdh council consents --format csv >actual &&
	cat >expect <<-\EOF &&
	decision,council,party,status,motion
	XQ-D4,XQ-C1,101室,pending,装坡道
	XQ-D4,XQ-C1,102室,pending,装坡道
	XQ-D4,XQ-C1,上海博物馆,pending,装坡道
	EOF
	test_cmp expect actual &&
	test_must_fail zdh council action done XQ-A1 2>err &&
	grep "^zdh: XQ-D4 is not adopted yet (pending-consent)" err &&
	zdh council consent XQ-D4 --party 101室 --refused -m "担心噪音" &&
	zdh council decision show XQ-D4 --json >out.json &&
	grep "\"status\": \"blocked\"" out.json &&
	test_must_fail zdh council consent XQ-D4 --party 101室 --refused 2>err &&
	echo "zdh: XQ-D4: 101室 has refused already" >expect &&
	test_cmp expect err &&
	echo scan >consent.pdf &&
	zdh council consent XQ-D4 --party 101室 --attach consent.pdf -m "协商后同意" &&
	zdh council consent XQ-D4 --party 102室 &&
	test_must_fail zdh council consent XQ-D4 --party 102 2>err &&
	echo "zdh: XQ-D4 does not need the consent of '"'"'102'"'"'; did you mean '"'"'102室'"'"'?" >expect &&
	test_cmp expect err &&
	zdh council decision show XQ-D4 >out &&
	grep "^result:       3 of 3 voting members present, quorum 1/2 reached; 3 for, 0 against, 0 abstaining: carried by unanimous majority; written consent of 2 of 3 parties: pending consent$" out &&
	zdh council consent XQ-D4 --party 上海博物馆 &&
	zdh council decision show XQ-D4 >out &&
	sed -n "1p;/^consents:/,/^actions:/p" out >actual &&
	cat >expect <<-\EOF &&
	XQ-D4  adopted  装坡道
	consents:     101室       given  协商后同意
	              102室       given
	              上海博物馆  given
	actions:      XQ-A1  open  房管办  建坡道  due 2024-05-31
	EOF
	test_cmp expect actual &&
	zdh council attachment XQ-D4 consent.pdf >actual &&
	test_cmp consent.pdf actual
'

test_expect_success 'actions in the inbox; done resolves the issue' '
	zdh inbox --dept 房管办 >actual &&
	cat >expect <<-\EOF &&
	ID     STATUS  AREA  DEPT    DUE         TITLE
	XQ-A1  open    新桥  房管办  2024-05-31  建坡道
	EOF
	test_cmp expect actual &&
	zdh inbox --dept 房管办 --json >out.json &&
	grep "\"id\": \"XQ-A1\"" out.json &&
	grep "\"area\": \"新桥\"" out.json &&
	zdh council action list --overdue >actual &&
	cat >expect <<-\EOF &&
	ID     DUE         STATUS  DEPT    DECISION  ACTION
	XQ-A1  2024-05-31  open    房管办  XQ-D4     建坡道
	EOF
	test_cmp expect actual &&
	zdh council action done XQ-A1 -m "坡道建成" --date 2024-05-20 &&
	zdh issue show XQ-1 --json >out.json &&
	grep "\"status\": \"resolved\"" out.json &&
	grep "\"dept\": \"房管办\"" out.json &&
	zdh inbox --dept 房管办 >actual &&
	echo "ID  STATUS  AREA  DEPT  DUE  TITLE" >expect &&
	test_cmp expect actual &&
	test_must_fail zdh council action done XQ-A1 2>err &&
	echo "zdh: XQ-A1 is done already" >expect &&
	test_cmp expect err
'

test_expect_success 'discussion: @dept mentions wait in the inbox until the dept answers' '
	zdh council discuss XQ-C1 -m "@派出所 夜间有人高空抛物，请协助" --date 2024-05-21 &&
	zdh inbox --dept 派出所 >actual &&
	cat >expect <<-\EOF &&
	ID     STATUS     AREA  DEPT    DUE  TITLE
	XQ-C1  mentioned  新桥  派出所       新桥理事会: @派出所 夜间有人高空抛物，请协助
	EOF
	test_cmp expect actual &&
	zdh inbox --dept 派出所 --json >out.json &&
	grep "\"status\": \"mentioned\"" out.json &&
	ZDH_USER_DEPT=派出所 zdh council discuss XQ-C1 -m "已安排巡逻" --date 2024-05-22 &&
	zdh inbox --dept 派出所 >actual &&
	echo "ID  STATUS  AREA  DEPT  DUE  TITLE" >expect &&
	test_cmp expect actual &&
	test_must_fail zdh council discuss XQ-C1 -m "@城管 看看" 2>err &&
	grep "^zdh: no dept named" err
'

test_expect_success 'lists: councils, meetings by month and area, JSON' '
	zdh council add 延安公寓理事会 --area 延安公寓 --date 2024-01-02 >/dev/null &&
	zdh council list >actual &&
	cat >expect <<-\EOF &&
	ID     NAME            AREA      MEMBERS  STATUS
	XQ-C1  新桥理事会      新桥      6        active
	XQ-C2  延安公寓理事会  延安公寓  0        active
	EOF
	test_cmp expect actual &&
	zdh council list --format csv >actual &&
	cat >expect <<-\EOF &&
	id,name,area,members,status,charter_version,created
	XQ-C1,新桥理事会,新桥,6,active,2,2024-01-10T00:00:00+08:00
	XQ-C2,延安公寓理事会,延安公寓,0,active,0,2024-01-02T00:00:00+08:00
	EOF
	test_cmp expect actual &&
	zdh council meeting list --month 2024-03 --area 新桥 >actual &&
	cat >expect <<-\EOF &&
	ID     DATE        COUNCIL  AREA  KIND     PRESENT  AGENDA
	XQ-M2  2024-03-05  XQ-C1    新桥  regular  3
	EOF
	test_cmp expect actual &&
	zdh council meeting list --since 2024-03-01 --until 2024-04-01 --format csv >actual &&
	cat >expect <<-\EOF &&
	id,date,council,area,kind,present,absent,agenda,guests
	XQ-M2,2024-03-05,XQ-C1,新桥,regular,3,0,,
	XQ-M3,2024-04-01,XQ-C1,新桥,regular,3,0,,
	EOF
	test_cmp expect actual &&
	zdh council meeting list --since 2024/3/1 --until "2024年4月1日" --format csv >again &&
	test_cmp actual again &&
	test_must_fail zdh council meeting list --since " 024-03-01" 2>err &&
	echo "zdh: --since: invalid date '"'"'024-03-01'"'"' (YYYY-MM-DD, YYYY/MM/DD, YYYY年MM月DD日 or MM月DD日 (this year), a time HH:MM after it; today/今天, tomorrow/明天, yesterday/昨天, 后天, 前天, now/现在)" >expect &&
	test_cmp expect err &&
	# a day refused lists the forms a day takes, as every date option does
	LANGUAGE=zh_CN test_expect_code 1 zdh council member add XQ-C1 新人 --role member --from 2024/13/01 2>err &&
	grep "^zdh: --from：无效的日期 '"'"'2024/13/01'"'"'（YYYY-MM-DD、YYYY/MM/DD、YYYY年MM月DD日 或 MM月DD日" err &&
	zdh council meeting list --area 延安公寓 --json >actual &&
	echo "[]" >expect &&
	test_cmp expect actual &&
	zdh council show XQ-C1 --json >out.json &&
	grep "\"meetings\": 3," out.json &&
	grep "\"decisions\": 4," out.json &&
	zdh council action list --json >out.json &&
	grep "\"resolves\": true" out.json
'

test_expect_success 'edit and dissolve; a dissolved council takes no more events' '
	zdh council edit XQ-C2 --name 延安公寓自治理事会 -m "更名" &&
	zdh council dissolve XQ-C2 -m "并入" &&
	test_must_fail zdh council member add XQ-C2 甲 --role member 2>err &&
	echo "zdh: XQ-C2 is dissolved" >expect &&
	test_cmp expect err &&
	zdh council list >actual &&
	test_line_count = 2 actual &&
	zdh council list --all >actual &&
	test_line_count = 3 actual
'

test_expect_success 'log, verify, reindex and export cover the new kinds' '
	zdh log --record XQ-D4 >actual &&
	test_line_count = 5 actual &&
	zdh verify --quiet &&
	zdh export >before.json &&
	grep "\"council\": \[" before.json &&
	grep "\"decision\": \[" before.json &&
	zdh reindex >/dev/null &&
	zdh export >after.json &&
	test_cmp before.json after.json
'

test_done
