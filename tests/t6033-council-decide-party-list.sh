#!/bin/sh
# council decide --party takes a list in one argument, as --for and the
# attendance do (LISTS in zdh(1)): a secretary gathering the written
# consent of the 13 tenants of Tianjin Road 426 (case 4) types them once.
# Before, "租户1、租户2" was one party of that name, whose consent no one
# could give.  consent --party still names one party.
test_description='council decide --party as a list'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a council whose facility decisions need consent, a meeting' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 天津路426弄 >/dev/null &&
	zdh council add 天津路426弄理事会 --area 天津路426弄 --date 2026-10-01 >/dev/null &&
	zdh council member add 天津路426弄理事会 张师傅 --role chair --date 2026-10-01 &&
	zdh council member add 天津路426弄理事会 李阿姨 --role member --date 2026-10-01 &&
	zdh council charter 天津路426弄理事会 --quorum 1/2 --consent facility \
		--date 2026-10-01 &&
	zdh council meeting add 天津路426弄理事会 --present 张师傅、李阿姨 \
		--date 2026-11-13 >/dev/null
'

test_expect_success 'decide --party with a list: one party each, with a repeated --party' '
	zdh council decide XQ-M1 --motion 建坡道 --type facility --for 张师傅、李阿姨 --close \
		--party "租户1、租户2，租户3,租户4；租户5" --party 租户6 --date 2026-11-13 >id &&
	echo XQ-D1 >expect &&
	test_cmp expect id &&
	zdh council consents --format csv >consents &&
	cut -d, -f3 consents >parties &&
	printf "party\n租户1\n租户2\n租户3\n租户4\n租户5\n租户6\n" >expect &&
	test_cmp expect parties
'

test_expect_success 'consent --party names one party of them; the last adopts it' '
	for i in 1 2 3 4 5; do
		zdh council consent XQ-D1 --party 租户$i --date 2026-11-14 || return 1
	done &&
	zdh council decision show XQ-D1 --json >d.json &&
	grep "\"status\": \"pending-consent\"" d.json &&
	test_expect_code 1 zdh council consent XQ-D1 --party "租户6、租户1" 2>err &&
	zdh council consent XQ-D1 --party 租户6 --date 2026-11-14 &&
	zdh council decision show XQ-D1 --json >d.json &&
	grep "\"status\": \"adopted\"" d.json
'

test_expect_success 'the -h of decide says --party takes a list' '
	zdh council decide -h >help &&
	grep -- "--party P .*101室、102室" help
'

test_done
