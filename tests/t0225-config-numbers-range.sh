#!/bin/sh
# A number a setting's check takes is one its reader reads.  The checks
# read a number with strtol() and never asked whether it overflowed, nor
# whether the reader could use it: zdh.overdue-days 99999999999999999999
# was taken (and, shared, folded by every office), after which every
# report and list --overdue of every office failed ("zdh.overdue-days is
# not a number"); 9223372036854775807 made every open issue overdue (the
# days in seconds overflowed); zdh.lock-timeout 99999999999999999999 was
# taken, after which every command failed, zdh config --unset too.
test_description='zdh config: numbers the reader reads, in range'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: xq has an open issue, pushes; ya clones' '
	git init -q --bare hub.git &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null 2>&1 &&
	at xq org add --kind area 新桥 --date 2025-01-01 >/dev/null &&
	at xq issue add 漏水 --area 新桥 --date "2025-11-03 09:00" >/dev/null &&
	two_offices_cloned origin &&
	at ya org add --kind dept 房管办 >/dev/null
'

test_expect_success 'zdh config refuses a number beyond its range, nothing written' '
	for v in 99999999999999999999 9223372036854775807 1000001
	do
		n=$(git --git-dir=xq/.zdh rev-list --count refs/zdh/log/xinqiao) &&
		test_expect_code 1 at xq config zdh.overdue-days $v 2>err &&
		echo "zdh: zdh.overdue-days must be a whole number of days from 0 to 1000000" >expect &&
		test_cmp expect err &&
		test "$(git --git-dir=xq/.zdh rev-list --count refs/zdh/log/xinqiao)" = "$n" || return 1
	done &&
	at xq config zdh.overdue-days 1000000 &&
	at xq issue list --overdue >out &&
	! grep XQ-1 out &&
	at xq config --unset zdh.overdue-days
'

test_expect_success 'the local numbers too: one line, the file as it was' '
	cp xq/.zdh/config config.before &&
	for kv in zdh.lock-timeout=99999999999999999999 zdh.sync-timeout=99999999999999999999 \
		zdh.attachment-max=99999999999999999999 zdh.attachment-max=9999999999999g \
		zdh.sync-low-speed=99999999999999999999k \
		category.parking.response-days=99999999999999999999
	do
		test_expect_code 1 at xq config "${kv%%=*}" "${kv#*=}" 2>err &&
		one_line_error err &&
		test_cmp config.before xq/.zdh/config || return 1
	done &&
	at xq org list >/dev/null
'

test_expect_success 'a peer'"'"'s overdue-days beyond any number: no effect; reports go on everywhere' '
	at ya pull -q &&
	tip=$(git --git-dir=ya/.zdh rev-parse refs/zdh/log/yanan) &&
	one=$(craft ya/.zdh $tip event setting ZDH-S1 set "{\"set\":{\"zdh.overdue-days\":\"99999999999999999999\"}}") &&
	two=$(craft ya/.zdh $one event setting ZDH-S1 set "{\"set\":{\"zdh.overdue-days\":\"9223372036854775807\"}}") &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan $two $tip &&
	at ya push -q && at xq pull -q 2>/dev/null &&
	for d in xq ya
	do
		test_expect_code 1 at $d config zdh.overdue-days >actual &&
		test_must_be_empty actual &&
		at $d report monthly --month 2025-11 >report &&
		at $d issue list --overdue >out &&
		grep "^XQ-1 " out &&
		at $d log ZDH-S1 --json >log.json &&
		test "$(grep -c "\"effect\": false" log.json)" = 2 || return 1
	done
'

test_done
