#!/bin/sh
# A machine without tzdata (a minimal Debian) has no zone files: the C
# library then takes UTC for Asia/Shanghai without a word.  zdh wrote
# every event of such a machine at +00:00, its days and months in UTC,
# and `zdh init` called the zone "unknown".  Now a write, an import, a
# monthly or yearly report and `zdh init` are refused in one line naming
# what to install; reads go on, warned once where a day is counted.
test_description='a time zone this machine cannot read'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

zones_msg="time zone 'Asia/Shanghai' cannot be read: no time zones are installed in '$PWD/nozones' (install the tzdata package)"

test_expect_success 'setup: an office, and an empty zone folder' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq issue add 楼道堆物 --area 新桥 >/dev/null &&
	mkdir nozones
'

test_expect_success 'zdh init is refused, naming tzdata, nothing made' '
	test_expect_code 1 env TZDIR="$PWD/nozones" "$ZDH" init --replica hs --prefix HS hs 2>err &&
	echo "zdh: $zones_msg" >expect && test_cmp expect err &&
	test ! -e hs
'

test_expect_success 'a write is refused in one line, nothing written' '
	(z=$PWD/nozones && cd xq && export TZDIR="$z" &&
	 test_refused "$zones_msg" issue add 电梯故障 --area 新桥 &&
	 test_refused "$zones_msg" issue add 电梯故障 --area 新桥 --date 2026-12-01 &&
	 test_refused "$zones_msg" issue claim XQ-1 --dept 新桥)
'

test_expect_success 'an import and the monthly and yearly reports are refused' '
	printf "title,area\n积水,新桥\n" >in.csv &&
	(z=$PWD/nozones && cd xq && export TZDIR="$z" &&
	 test_refused "$zones_msg" issue import ../in.csv &&
	 test_refused "$zones_msg" report monthly &&
	 test_refused "$zones_msg" report yearly)
'

test_expect_success 'reads go on; a day counted in UTC is said once' '
	TZDIR="$PWD/nozones" "$ZDH" -C xq issue list >out 2>err &&
	test_must_be_empty err && grep 楼道堆物 out &&
	TZDIR="$PWD/nozones" "$ZDH" -C xq issue list --overdue >out 2>err &&
	echo "zdh: warning: $zones_msg; its days are counted in UTC" >expect &&
	test_cmp expect err
'

test_expect_success 'the zone named in config is refused so too' '
	(z=$PWD/nozones && cd xq && export TZDIR="$z" &&
	 test_refused "$zones_msg" config zdh.timezone Asia/Shanghai)
'

test_expect_success 'with the zones installed, a zone that is not one is unknown as before' '
	test_expect_code 1 zdh init --replica bad --timezone Mars/Olympus bad 2>err &&
	echo "zdh: unknown time zone '\''Mars/Olympus'\'' (an IANA name such as Asia/Shanghai, or UTC)" >expect && test_cmp expect err &&
	at xq issue add 电梯故障 --area 新桥 >out && echo XQ-2 >expect && test_cmp expect out
'

test_expect_success 'under zh_CN: the refusal in Chinese' '
	test_expect_code 1 env TZDIR="$PWD/nozones" LANGUAGE=zh_CN "$ZDH" -C xq issue add 积水 --area 新桥 2>err &&
	! grep "cannot be read" err && grep tzdata err
'

test_done
