#!/bin/sh
# Case 2 of the source as a story, the council's part included: a liaison
# visits lane 52 of Xinqiao and raises the issue, the residents' council
# meets and adopts the lane gate, the gate becomes a micro-project of that
# decision (project add --decision), paid from the area's party service
# fund; the link is shown from both ends.  A decision that is not recorded
# or not adopted is refused with no change.
test_description='case 2: the lane gate, decided by the council, paid from the fund'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: Xinqiao, its liaison, its fund and its council' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 派出所 >/dev/null &&
	zdh visit liaison add 民警老周 --dept 派出所 --areas 新桥 --date 2026-10-01 >/dev/null &&
	zdh fund set --area 新桥 --year 2026 450000 --date 2026-01-05 >/dev/null &&
	zdh council add 新桥居民区理事会 --area 新桥 --date 2026-10-01 >/dev/null &&
	for m in 王书记 李主任 张阿姨 陈老板
	do
		zdh council member add XQ-C1 $m --role member --party resident \
			--date 2026-10-01 || return 1
	done
'

test_expect_success 'a visit raises the issue of lane 52' '
	zdh visit add --area 新桥 --liaison 民警老周 --raises "52弄车辆乱停、商户垃圾倒入居民垃圾桶" \
		-m "弄口无门，外来车辆乱停" --date 2026-11-02 >out &&
	grep XQ-1 out
'

test_expect_success 'the council meets and adopts the gate; a second motion stays open' '
	zdh council meeting add XQ-C1 --agenda XQ-1 --present 王书记,李主任,张阿姨,陈老板 \
		--date "2026-11-08 19:00" >/dev/null &&
	zdh council decide XQ-M1 --motion "弄口装旋转铁门，由党建服务经费出资" --issue XQ-1 \
		--consensus --date "2026-11-08 20:00" >/dev/null &&
	zdh council decide XQ-M1 --motion "弄内加装监控" --date "2026-11-08 20:10" >/dev/null &&
	zdh council decision list --format csv >list &&
	grep "^XQ-D1,.*,adopted," list &&
	grep "^XQ-D2,.*,open," list
'

test_expect_success 'a project from a decision not recorded, or not adopted, is refused, nothing written' '
	zdh log >before &&
	test_expect_code 1 zdh project add 铁门 --area 新桥 --kind micro --decision XQ-D9 2>err &&
	echo "zdh: no decision XQ-D9" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh project add 监控 --area 新桥 --kind micro --decision XQ-D2 2>err &&
	echo "zdh: XQ-D2 is open, not adopted" >expect &&
	test_cmp expect err &&
	zdh log >after &&
	test_cmp before after &&
	zdh project list --format csv >out &&
	test_line_count = 1 out
'

test_expect_success 'the gate is a micro-project of the adopted decision, paid from the fund' '
	zdh project add 52弄弄口旋转铁门 --area 新桥 --kind micro --decision xq-d1 --date 2026-11-10 >id &&
	echo XQ-J1 >expect &&
	test_cmp expect id &&
	zdh project budget XQ-J1 12000 --item 旋转式铁门 --date 2026-11-10 &&
	zdh project budget XQ-J1 800.50 --item 安装 --date 2026-11-10 &&
	zdh project approve XQ-J1 -m "理事会通过三衔接方案" --date 2026-11-12 &&
	zdh project spend XQ-J1 12800.50 --item 铁门及安装 --date 2026-11-15 &&
	zdh project done XQ-J1 -m "弄内不再乱停车" --satisfaction 5 --date 2026-11-30 &&
	zdh fund show --area 新桥 --year 2026 --format csv >fund &&
	tail -n 1 fund >actual &&
	echo "XQ-B1,新桥,2026,450000.00,12800.50,12800.50,437199.50" >expect &&
	test_cmp expect actual
'

test_expect_success 'the project names its decision, the decision lists its project' '
	zdh project show XQ-J1 >show &&
	grep "^decision:     XQ-D1$" show &&
	zdh project show XQ-J1 --json >show.json &&
	grep "\"decision\": \"XQ-D1\"" show.json &&
	zdh council decision show XQ-D1 >dec &&
	grep "^projects:     XQ-J1  done  micro  52弄弄口旋转铁门$" dec &&
	zdh council decision show XQ-D1 --json >dec.json &&
	grep -A6 "\"projects\": \[" dec.json >p &&
	grep "\"id\": \"XQ-J1\"" p &&
	grep "\"status\": \"done\"" p &&
	zdh council decision show XQ-D2 >dec2 &&
	! grep "^projects:" dec2
'

test_expect_success 'the story verifies, and the export holds the link' '
	zdh verify -q &&
	zdh export >export &&
	grep "\"decision\": *\"XQ-D1\"" export
'

test_done
