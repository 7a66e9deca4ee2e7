#!/bin/sh
# zdh project and zdh fund: the project life (add, budget lines, approve,
# spend, done), exact amounts, a fund never below zero, fund show; case 2
# of the source (Xinqiao's lane gate paid as a micro-project) as a story.
test_description='zdh project, zdh fund'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs district 第一片区 &&
	orgs area --district 第一片区 新桥 延安公寓 &&
	orgs dept 城管中队
'

test_expect_success 'fund set creates the fund of an area and year, then sets it' '
	zdh fund set --area 新桥 --year 2026 450000 --date 2026-01-05 >id &&
	echo XQ-B1 >expect &&
	test_cmp expect id &&
	zdh fund set --area 延安公寓 --year 2026 450000.5 --date 2026-01-05 >id &&
	echo XQ-B2 >expect &&
	test_cmp expect id &&
	zdh fund set --area 延安公寓 --year 2026 450000 -m 更正 --date 2026-01-06 >id &&
	test_cmp expect id &&
	zdh fund set --area 新桥 --year 2025 400000 --date 2026-01-06 >/dev/null &&
	zdh fund show >actual &&
	cat >expect <<-\EOT &&
	ID     AREA      YEAR     BUDGET  COMMITTED  SPENT    BALANCE
	XQ-B2  延安公寓  2026  450000.00       0.00   0.00  450000.00
	XQ-B3  新桥      2025  400000.00       0.00   0.00  400000.00
	XQ-B1  新桥      2026  450000.00       0.00   0.00  450000.00
	EOT
	test_cmp expect actual
'

test_expect_success 'case 2: the council decides, the gate is a micro-project paid from the fund' '
	zdh issue add "52弄车辆乱停、商户垃圾倒入居民垃圾桶" --area 新桥 --category parking \
		--source visit --date 2026-11-02 >/dev/null &&
	zdh project add 52弄弄口旋转铁门 --area 新桥 --kind micro --date 2026-11-10 >id &&
	echo XQ-J1 >expect &&
	test_cmp expect id &&
	zdh project budget XQ-J1 12000 --item 旋转式铁门 --date 2026-11-10 &&
	zdh project budget xq-j1 800.5 --item 安装 --date 2026-11-10 &&
	zdh project approve XQ-J1 -m "理事会通过三衔接方案" --date 2026-11-12 &&
	echo "发票" >receipt.jpg &&
	zdh project spend XQ-J1 12000 --item 旋转式铁门 --attach receipt.jpg --date 2026-11-15 &&
	zdh project spend XQ-J1 800.50 --item 安装 --date 2026-11-16 &&
	zdh project done XQ-J1 -m "弄内不再乱停车，垃圾分开收运" --satisfaction 5 --date 2026-12-15 --future &&
	zdh project show XQ-J1 | sed -n "1,/^history:/p" >actual &&
	cat >expect <<-\EOT &&
	XQ-J1  done  52弄弄口旋转铁门
	area:         新桥
	year:         2026
	kind:         micro
	fund:         XQ-B1

	budget:
	      12000.00  旋转式铁门
	        800.50  安装
	      12800.50  total
	approved:     12800.50
	spent:        12800.50

	spends:
	DATE          AMOUNT  ITEM        NOTE
	2026-11-15  12000.00  旋转式铁门  [receipt.jpg]
	2026-11-16    800.50  安装

	evaluation:   弄内不再乱停车，垃圾分开收运
	satisfaction: 5

	history:
	EOT
	test_cmp expect actual &&
	zdh fund show --area 新桥 --year 2026 >actual &&
	cat >expect <<-\EOT &&
	ID     AREA  YEAR     BUDGET  COMMITTED     SPENT    BALANCE
	XQ-B1  新桥  2026  450000.00   12800.50  12800.50  437199.50
	EOT
	test_cmp expect actual
'

test_expect_success 'show --json: amounts in fen, the receipt with its spend' '
	zdh project show XQ-J1 --json >actual &&
	grep "\"approved\": 1280050" actual &&
	grep "\"spent\": 1280050" actual &&
	grep "\"name\": \"receipt.jpg\"" actual &&
	zdh fund show --json --year 2026 --area 新桥 >actual &&
	cat >expect <<-\EOT &&
	[
	  {
	    "area": "新桥",
	    "balance": 43719950,
	    "budget": 45000000,
	    "committed": 1280050,
	    "conflicts": [],
	    "id": "XQ-B1",
	    "spent": 1280050,
	    "year": 2026
	  }
	]
	EOT
	test_cmp expect actual
'

test_expect_success 'a fund never goes below zero: refused with the balance' '
	zdh fund set --area 延安公寓 --year 2027 1000 --date 2027-01-02 --future >/dev/null &&
	zdh project add 楼道灯 --area 延安公寓 --year 2027 --date 2027-01-03 --future >id &&
	echo XQ-J2 >expect &&
	test_cmp expect id &&
	zdh project budget XQ-J2 1500 --item 灯具 --date 2027-01-03 --future &&
	zdh project approve XQ-J2 --date 2027-01-04 --future &&
	zdh project spend XQ-J2 700 --item 第一批 --date 2027-01-05 --future &&
	snapshot before &&
	test_expect_code 1 zdh project spend XQ-J2 300.01 --item 第二批 --date 2027-01-06 --future 2>err &&
	echo "zdh: fund XQ-B4 (延安公寓 2027) has 300.00 left; 300.01 would take it below zero" >expect &&
	test_cmp expect err &&
	check_unchanged before &&
	zdh project spend XQ-J2 300 --item 第二批 --date 2027-01-06 --future &&
	zdh fund show --area 延安公寓 --year 2027 --format csv >actual &&
	cat >expect <<-\EOT &&
	id,area,year,budget,committed,spent,balance
	XQ-B4,延安公寓,2027,1000.00,1500.00,1000.00,0.00
	EOT
	test_cmp expect actual &&
	test_expect_code 1 zdh fund set --area 延安公寓 --year 2027 999.99 --date 2027-01-07 --future 2>err &&
	echo "zdh: fund XQ-B4 (延安公寓 2027) has spent 1000.00 already; its budget cannot be 999.99" >expect &&
	test_cmp expect err
'

test_expect_success 'the project rules: approved only, within its approved amount' '
	zdh project add 睦邻节 --area 新桥 --kind co-governance --date 2026-11-20 >/dev/null &&
	test_expect_code 1 zdh project spend XQ-J3 10 --item x 2>err &&
	echo "zdh: project XQ-J3 is proposed; only an approved project spends" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh project approve XQ-J3 2>err &&
	echo "zdh: project XQ-J3 has no budget lines" >expect &&
	test_cmp expect err &&
	zdh project budget XQ-J3 100 --item 场地 --date 2026-11-20 &&
	zdh project approve XQ-J3 --date 2026-11-21 &&
	test_expect_code 1 zdh project budget XQ-J3 1 --item x 2>err &&
	echo "zdh: project XQ-J3 is approved; '\''budget'\'' needs it proposed" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh project spend XQ-J3 100.01 --item x --date 2026-11-22 2>err &&
	echo "zdh: project XQ-J3 was approved for 100.00 and has spent 0.00; 100.01 more is beyond it" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh project done XQ-J2 -m ok --satisfaction 6 2>err &&
	test_expect_code 1 zdh project add x --area 新侨 2>err &&
	echo "zdh: no area named '\''新侨'\''; did you mean '\''新桥'\''?" >expect &&
	test_cmp expect err
'

test_expect_success 'a decision that is not recorded is refused' '
	test_expect_code 1 zdh project add 铁门 --area 新桥 --decision XQ-D99 2>err &&
	grep "^zdh: " err &&
	test_line_count = 1 err
'

test_expect_success 'list, filters, csv' '
	zdh project list --format csv >actual &&
	cat >expect <<-\EOT &&
	id,status,kind,area,year,budget,spent,title
	XQ-J1,done,micro,新桥,2026,12800.50,12800.50,52弄弄口旋转铁门
	XQ-J2,approved,self-governance,延安公寓,2027,1500.00,1000.00,楼道灯
	XQ-J3,approved,co-governance,新桥,2026,100.00,0.00,睦邻节
	EOT
	test_cmp expect actual &&
	zdh project list --status approved --area 新桥 --format csv >actual &&
	tail -n +2 actual | cut -d, -f1 >ids &&
	echo XQ-J3 >expect &&
	test_cmp expect ids
'

test_expect_success 'log, verify and export cover projects and funds' '
	zdh log --record XQ-B1 >actual &&
	grep "fund spend XQ-B1 XQ-J1 12000.00" actual &&
	zdh verify >/dev/null &&
	zdh export >a.json &&
	rm .zdh/index.db &&
	zdh export >b.json &&
	test_cmp a.json b.json
'

test_expect_success 'list refuses an unknown status or kind, naming the words it takes' '
	test_expect_code 1 zdh project list --status finished >out 2>err &&
	test_must_be_empty out &&
	echo "zdh: unknown status '"'"'finished'"'"' (proposed, approved, done)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh project list --kind big 2>err &&
	echo "zdh: unknown kind '"'"'big'"'"' (self-governance, co-governance, micro)" >expect &&
	test_cmp expect err &&
	LANGUAGE=zh_CN zdh project list --kind 微实事 --format csv >out &&
	zdh project list --kind micro --format csv >expect &&
	test_cmp expect out
'

test_done
