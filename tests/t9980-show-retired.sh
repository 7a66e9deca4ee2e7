#!/bin/sh
# zdh-visit(1): show prints a liaison by name or id, and a retired one
# says so; but after "visit liaison retire XQ-L1", "visit show XQ-L1"
# said "no liaison named 'XQ-L1'" (the show looked the name up among the
# live liaisons only, as a write does).  A retired org, offer or need,
# an ended pairing, a dissolved council and a void issue were shown all
# along; each is checked here beside the liaison, with its list: the
# record left out, and listed with --all.
test_description='show of a retired, ended, dissolved or void record: shown, and says so'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a record of each kind that ends, ended' '
	zdh init --replica xinqiao --prefix XQ r >/dev/null &&
	cd r &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 派出所 >/dev/null &&
	zdh org add --kind area 旧区 >/dev/null &&
	zdh org add --kind unit 博物馆 >/dev/null &&
	zdh visit liaison add 王强 --dept 派出所 --areas 新桥 >/dev/null &&
	zdh visit add --area 新桥 --liaison 王强 -m 巡查 >/dev/null &&
	zdh visit liaison retire XQ-L1 -m 调走 &&
	zdh menu offer add 体验 --provider 博物馆 --category education >/dev/null &&
	zdh menu need add 老人 --area 新桥 --category education >/dev/null &&
	zdh menu pair XQ-N1 XQ-F1 >/dev/null &&
	zdh menu unpair XQ-P1 -m 结束 &&
	zdh menu offer retire XQ-F1 -m 停办 &&
	zdh menu need retire XQ-N1 -m 已解决 &&
	zdh org retire 旧区 -m 撤并 &&
	zdh council add 议事会 --area 新桥 >/dev/null &&
	zdh council dissolve 议事会 -m 合并 &&
	zdh issue add 重复 --area 新桥 >/dev/null &&
	zdh issue void XQ-1 -m 重复登记
'

test_expect_success 'visit show: a retired liaison by id (any case) and by name, marked retired' '
	cd r &&
	zdh visit show XQ-L1 >out &&
	head -n 1 out >first &&
	echo "XQ-L1  王强  派出所  (retired)" >expect &&
	test_cmp expect first &&
	grep "retire .*调走" out &&
	zdh visit show xq-l1 >lower &&
	test_cmp out lower &&
	zdh visit show 王强 >byname &&
	test_cmp out byname &&
	zdh visit show XQ-L1 --json >out.json &&
	grep "\"retired\": true" out.json &&
	zh visit show XQ-L1 >zh &&
	head -n 1 zh >first &&
	echo "XQ-L1  王强  派出所  （已撤销）" >expect &&
	test_cmp expect first &&
	test_expect_code 1 zdh visit show 李四 2>err &&
	grep "no liaison named .李四." err
'

test_expect_success 'visit show: of a live and a retired liaison of one name, the live one; each by id' '
	cd r &&
	zdh visit liaison add 王强 --dept 派出所 --areas 新桥 >id &&
	echo XQ-L2 >expect &&
	test_cmp expect id &&
	zdh visit show 王强 >out &&
	head -n 1 out >first &&
	echo "XQ-L2  王强  派出所" >expect &&
	test_cmp expect first &&
	zdh visit show XQ-L1 >out &&
	head -n 1 out | grep "^XQ-L1 .*(retired)\$"
'

test_expect_success 'visit liaison list: the live liaisons; --all the retired one too' '
	cd r &&
	zdh visit liaison list --format csv >out &&
	! grep "^XQ-L1," out &&
	grep "^XQ-L2," out &&
	zdh visit liaison list --all --format csv >out &&
	grep "^XQ-L1,王强,派出所,1," out &&
	grep "^XQ-L2," out &&
	zdh visit list --liaison XQ-L1 --format csv >out &&
	grep ",巡查\$" out &&
	zdh visit liaison list --all --json >out.json &&
	test $(grep -c "\"retired\": true" out.json) = 1
'

test_expect_success 'the other kinds: show works and says the state; list leaves it out but for --all' '
	cd r &&
	zdh org show 旧区 >out && head -n 1 out | grep "(retired)\$" &&
	zdh menu show XQ-F1 >out && head -n 1 out | grep "(retired)\$" &&
	zdh menu show XQ-N1 >out && head -n 1 out | grep "(retired)\$" &&
	zdh menu show XQ-P1 >out && grep "^status: *ended\$" out &&
	zdh council show XQ-C1 >out && head -n 1 out | grep "dissolved" &&
	zdh issue show XQ-1 >out && head -n 1 out | grep "^XQ-1  void  " &&
	for l in "org list" "menu offer list" "menu need list" "menu pairings" \
		 "council list" "issue list"
	do
		zdh $l --format csv >live &&
		zdh $l --all --format csv >all &&
		! grep "^XQ-\(O3\|F1\|N1\|P1\|C1\|1\)," live &&
		grep "^XQ-\(O3\|F1\|N1\|P1\|C1\|1\)," all || return 1
	done &&
	zdh menu offer list --all --json >out.json &&
	grep "\"retired\": true" out.json &&
	zdh menu need list --all --json >out.json &&
	grep "\"retired\": true" out.json
'

test_expect_success 'a write naming a retired liaison: refused naming it retired, nothing written' '
	cd r &&
	git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao >before &&
	test_expect_code 1 zdh visit liaison edit XQ-L1 --phone 123 2>err &&
	echo "zdh: 王强 (XQ-L1) was retired" >expect && test_cmp expect err &&
	test_expect_code 1 zdh visit liaison retire xq-l1 -m 再次 2>err &&
	test_cmp expect err &&
	test_expect_code 1 env LANGUAGE=zh_CN "$ZDH" visit liaison retire XQ-L1 -m 再次 2>err &&
	echo "zdh: 王强（XQ-L1）已撤销" >expect && test_cmp expect err &&
	git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao >after &&
	test_cmp before after &&
	test_expect_code 1 zdh visit add --area 新桥 --liaison 王张 -m x 2>err &&
	grep "no liaison named" err
'

test_expect_success 'list --all of liaisons, offers and needs: a STATUS column, as org list --all' '
	cd r &&
	zdh visit liaison list --all --format csv >out &&
	head -n 1 out >head && echo "id,name,dept,visits,areas,phone,status" >expect && test_cmp expect head &&
	grep "^XQ-L1,.*,retired\$" out && grep "^XQ-L2,.*,live\$" out &&
	zdh visit liaison list --format csv | head -n 1 >head &&
	echo "id,name,dept,visits,areas,phone" >expect && test_cmp expect head &&
	zdh menu offer list --all --format csv >out &&
	grep "^XQ-F1,.*,retired\$" out &&
	zdh menu need list --all --format csv >out &&
	grep "^XQ-N1,.*,retired\$" out &&
	zdh menu offer list --all >out &&
	head -n 1 out | grep "  STATUS\$" && grep "^XQ-F1 .*  retired\$" out &&
	LANGUAGE=zh_CN "$ZDH" menu need list --all >out &&
	grep "^XQ-N1 .*已撤销\$" out
'

test_done
