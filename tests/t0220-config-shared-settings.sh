#!/bin/sh
# The sub-district's calendar is shared: zdh.holidays, zdh.workdays and
# zdh.overdue-days set by zdh config in a repository are an event of the
# record ZDH-S1 (kind setting) that every replica folds, so that two
# offices holding the same events print the same report; a clone made
# from the hub used to count the first office's holidays as working days
# (eea2a27).  The files (.zdh/config, ~/.zdhconfig) are the fallback.
test_description='zdh config: the shared settings every office folds'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-sign.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

# report_both: xq's and ya's monthly report of 2025-11, text and JSON, the same
report_both () {
	at xq report monthly --month 2025-11 >xq.txt &&
	at ya report monthly --month 2025-11 >ya.txt &&
	test_cmp xq.txt ya.txt &&
	at xq report monthly --month 2025-11 --json >xq.json &&
	at ya report monthly --month 2025-11 --json >ya.json &&
	test_cmp xq.json ya.json
}

# log_count_at DIR REPLICA: the events on REPLICA's log in DIR
log_count_at () {
	git --git-dir="$1/.zdh" rev-list --count "refs/zdh/log/$2"
}

# Monday 2025-11-03 to Friday and Thursday: 4 and 3 working days, 2 and 1
# when the Tuesday and Wednesday are holidays
test_expect_success 'setup: xq resolves two issues in a week, pushes; ya clones' '
	git init -q --bare hub.git &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null 2>&1 &&
	at xq org add --kind area 新桥 --date 2025-01-01 >/dev/null &&
	at xq org add --kind dept 房管办 --date 2025-01-01 >/dev/null &&
	at xq issue add 漏水 --area 新桥 --date "2025-11-03 09:00" >/dev/null &&
	at xq issue add 路灯 --area 新桥 --date "2025-11-03 09:00" >/dev/null &&
	at xq issue claim XQ-1 --dept 房管办 --date "2025-11-03 10:00" &&
	at xq issue claim XQ-2 --dept 房管办 --date "2025-11-03 10:00" &&
	at xq issue resolve XQ-1 -m 已修 --date "2025-11-07 09:00" &&
	at xq issue resolve XQ-2 -m 已修 --date "2025-11-06 09:00" &&
	two_offices_cloned origin &&
	report_both &&
	grep "^working days to first resolve: 90th percentile  *4$" xq.txt
'

test_expect_success 'holidays set at xq, pushed, pulled: both offices print the same report' '
	at xq config zdh.holidays 2025-11-04,2025-11-05 >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	at xq push -q &&
	at ya pull -q &&
	echo 2025-11-04,2025-11-05 >expect &&
	at ya config zdh.holidays >actual &&
	test_cmp expect actual &&
	report_both &&
	grep "^working days to first resolve: 90th percentile  *2$" ya.txt &&
	grep "^working days to first resolve: median  *1.5$" ya.txt
'

test_expect_success 'a clone made after the setting reads it too' '
	zdh clone hub.git tj --replica tianjin --prefix TJ -q &&
	! grep -i -e holidays -e "prefix \"ZDH\"" tj/.zdh/config &&
	at xq report monthly --month 2025-11 >xq.txt &&
	at tj report monthly --month 2025-11 >tj.txt &&
	test_cmp xq.txt tj.txt &&
	grep "^working days to first resolve: 90th percentile  *2$" tj.txt
'

test_expect_success 'a report counts no settings among its other records' '
	at xq report monthly --month 2025-11 >xq.txt &&
	at xq report monthly --month 2025-11 --json >xq.json &&
	! grep "^setting " xq.txt &&
	! grep "\"setting\":" xq.json &&
	grep "\"kinds\":" xq.json
'

test_expect_success 'the setting is an event on the log, as plain git reads it' '
	git --git-dir=xq/.zdh log -1 --format=%s refs/zdh/log/xinqiao >actual &&
	echo "setting set zdh.holidays 2025-11-04,2025-11-05" >expect &&
	test_cmp expect actual &&
	git --git-dir=xq/.zdh log -1 --format=%b refs/zdh/log/xinqiao >body &&
	grep "\"data\":{\"set\":{\"zdh.holidays\":\"2025-11-04,2025-11-05\"}}" body &&
	grep "\"kind\":\"setting\",\"op\":\"set\",\"record\":\"ZDH-S1\"" body &&
	at ya log ZDH-S1 >log &&
	test_line_count = 1 log &&
	grep "  ZDH-S1  set  setting set zdh.holidays 2025-11-04,2025-11-05$" log
'

test_expect_success 'bad values refused in one line, nothing written' '
	n=$(log_count_at xq xinqiao) &&
	test_expect_code 1 at xq config zdh.holidays 2025-11-04,2025-13-01 2>err &&
	echo "zdh: zdh.holidays: '"'"'2025-13-01'"'"' is not a day (YYYY-MM-DD)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 at xq config zdh.overdue-days 十 2>err &&
	one_line_error err &&
	test_expect_code 1 at xq config zdh.workdays "2025-11-08
2025-11-09" 2>err &&
	one_line_error err &&
	test "$(log_count_at xq xinqiao)" = "$n" &&
	echo 2025-11-04,2025-11-05 >expect &&
	at xq config zdh.holidays >actual &&
	test_cmp expect actual
'

test_expect_success 'the record stands over the files; a key it lacks is the files'"'"'' '
	git config --file ya/.zdh/config zdh.holidays 2025-11-06 &&
	git config --file ya/.zdh/config zdh.workdays 2025-11-08 &&
	echo 2025-11-04,2025-11-05 >expect &&
	at ya config zdh.holidays >actual &&
	test_cmp expect actual &&
	echo 2025-11-08 >expect &&
	at ya config zdh.workdays >actual &&
	test_cmp expect actual &&
	at ya config --list >list &&
	grep "^zdh.holidays=" list >actual &&
	echo zdh.holidays=2025-11-04,2025-11-05 >expect &&
	test_cmp expect actual &&
	grep "^zdh.workdays=2025-11-08$" list &&
	git config --file ya/.zdh/config --unset zdh.workdays
'

test_expect_success '--unset: the default for every office, whatever its files say' '
	at xq config --unset zdh.holidays &&
	at xq push -q && at ya pull -q &&
	test_expect_code 1 at xq config zdh.holidays >out &&
	test_must_be_empty out &&
	test_expect_code 1 at ya config zdh.holidays >out &&
	test_must_be_empty out &&
	at ya config --list >list2 &&
	! grep "^zdh.holidays=" list2 &&
	report_both &&
	grep "^working days to first resolve: 90th percentile  *4$" ya.txt &&
	git --git-dir=xq/.zdh log -1 --format=%s refs/zdh/log/xinqiao >actual &&
	echo "setting unset zdh.holidays" >expect &&
	test_cmp expect actual &&
	at ya log ZDH-S1 >log &&
	head -n 1 log | grep "  ZDH-S1  unset  setting unset zdh.holidays$" &&
	LANGUAGE=zh_CN "$ZDH" -C ya log ZDH-S1 >log &&
	head -n 1 log | grep "  ZDH-S1  取消设定  共用设置 zdh.holidays$" &&
	at xq config zdh.workdays "" &&
	git --git-dir=xq/.zdh log -1 --format=%s refs/zdh/log/xinqiao >actual &&
	echo "setting unset zdh.workdays" >expect &&
	test_cmp expect actual
'

test_expect_success '--global writes the user'"'"'s file, read where the record has no value' '
	n=$(log_count_at xq xinqiao) &&
	at xq config --global zdh.overdue-days 7 &&
	echo 7 >expect &&
	git config --file "$HOME/.zdhconfig" zdh.overdue-days >actual &&
	test_cmp expect actual &&
	at xq config zdh.overdue-days >actual &&
	test_cmp expect actual &&
	test "$(log_count_at xq xinqiao)" = "$n"
'

test_expect_success 'set at both offices at once: a conflict, the same value, settled by a set' '
	at xq config zdh.overdue-days 10 &&
	at ya config zdh.overdue-days ２０ &&
	at xq push -q && at ya pull -q 2>/dev/null && at ya push -q && at xq pull -q 2>/dev/null &&
	for d in xq ya
	do
		at $d conflicts --kind setting --no-header >c.$d || return 1
	done &&
	test_cmp c.xq c.ya &&
	grep "^setting  ZDH-S1  zdh.overdue-days  \"[12]0\" (.*) vs \"[12]0\" (.*, provisional)$" c.xq &&
	grep "\"10\"" c.xq && grep "\"20\"" c.xq &&
	at xq config zdh.overdue-days >x && at ya config zdh.overdue-days >y &&
	test_cmp x y &&
	at xq report monthly --month 2025-11 >xq.txt &&
	at ya report monthly --month 2025-11 >ya.txt &&
	test_cmp xq.txt ya.txt &&
	at xq config zdh.overdue-days 15 &&
	at xq push -q && at ya pull -q &&
	at ya conflicts --no-header >c &&
	test_must_be_empty c &&
	echo 15 >expect &&
	at ya config zdh.overdue-days >actual &&
	test_cmp expect actual
'

# what no zdh writes, from a peer: kept, no effect on any office, the value as it was
test_expect_success 'a peer'"'"'s bad value or another record: no effect, on every office' '
	tip=$(git --git-dir=ya/.zdh rev-parse refs/zdh/log/yanan) &&
	one=$(craft ya/.zdh $tip event setting ZDH-S1 set "{\"set\":{\"zdh.overdue-days\":\"-3\"}}") &&
	two=$(craft ya/.zdh $one event setting ZDH-S2 set "{\"set\":{\"zdh.overdue-days\":\"3\"}}") &&
	three=$(craft ya/.zdh $two event setting ZDH-S1 set "{\"set\":{\"zdh.overdue-days\":\"\"}}") &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan $three $tip &&
	at ya push -q && at xq pull -q 2>/dev/null &&
	for d in xq ya
	do
		echo 15 >expect &&
		at $d config zdh.overdue-days >actual &&
		test_cmp expect actual &&
		at $d log ZDH-S1 --json >log.json &&
		test "$(grep -c "\"effect\": false" log.json)" = 2 &&
		at $d log ZDH-S2 >log &&
		grep "\[no effect: the shared settings are the record ZDH-S1, not ZDH-S2\]$" log || return 1
	done
'

test_expect_success 'roles granted: only a sub-district admin sets them' '
	keys wf zs &&
	zdh init --replica roles --prefix RO ro >/dev/null 2>&1 &&
	at ro config user.signingkey "$HOME/wf" &&
	at ro person add 王芳 --email wf@example.org --key ../wf.pub >/dev/null &&
	at ro person add 张三 --email zs@example.org --key ../zs.pub >/dev/null &&
	at ro person grant RO-U1 subdistrict-admin &&
	at ro org add --kind area 新桥 >/dev/null &&
	at ro person grant RO-U2 area-staff --area 新桥 &&
	n=$(log_count_at ro roles) &&
	test_expect_code 1 env ZDH_SIGNING_KEY="$HOME/zs" "$ZDH" -C ro config zdh.holidays 2025-11-04 2>err &&
	one_line_error err &&
	grep "setting set needs the role subdistrict-admin" err &&
	test "$(log_count_at ro roles)" = "$n" &&
	test_expect_code 1 at ro config zdh.holidays &&
	at ro config zdh.holidays 2025-11-04 &&
	echo 2025-11-04 >expect &&
	at ro config zdh.holidays >actual &&
	test_cmp expect actual
'

test_done
