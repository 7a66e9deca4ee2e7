#!/bin/sh
# The fold decides each take of an offer's place from the offer's state.
# It counted every month of the take's term, each against every place:
# a peer's 300 takes of terms from 1970 to 9999 made a pull of them fold
# for six minutes (every office, every reindex).  It now looks only at the
# months where a place starts.  The places it takes and refuses, and the
# month a refusal names, are those of the month-by-month count.
test_description='many takes of long terms fold fast; the full month is the first one'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: an offer of 100000 places, one of 2; a peer' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind unit 博物馆 >/dev/null &&
	at xq menu offer add 大课 --provider 博物馆 --category education --capacity 100000 >/dev/null &&
	at xq menu offer add 小课 --provider 博物馆 --category education --capacity 2 >/dev/null &&
	craft_peer 路灯
'

test_expect_success 'a peer'\''s 400 takes, later terms first, fold in seconds and all take a place' '
	i=400 &&
	while test $i -gt 0
	do
		y=$((1970 + i / 12)) && m=$((i % 12 + 1)) &&
		printf "event offer XQ-F1 take {\"pairing\":\"YA-P%d\",\"from\":\"%04d-%02d-01\",\"until\":\"9999-11-30\"}\n" \
			$i $y $m || return 1
		i=$((i - 1))
	done >takes &&
	test_line_count = 400 takes &&
	tip=$(craft_many ya/.zdh "$(craft_tip)" <takes) &&
	craft_publish "$tip" &&
	timeout 60 "$ZDH" -C xq pull ya >/dev/null 2>err &&
	at xq menu show XQ-F1 --json >json &&
	test $(grep -c "\"YA-P[0-9]*\": {" json) = 400 &&
	timeout 60 "$ZDH" -C xq reindex >/dev/null
'

# 小课, 2 places a month: A 2026-01..12 and B 2026-06..2027-06 fit; C
# 2026-03..05 fits (A alone there); D 2026-04 does not (A and C), nor E
# 2026-02..07 (full from 2026-03, where C starts); F 2027-01..03 fits (B).
# A to F are the pairings YA-P901 to YA-P906 (a take names a pairing's id).
test_expect_success 'on an offer of 2 places: the takes that fit, the first full month of the rest' '
	for t in "1 2026-01-01 2026-12-31" "2 2026-06-01 2027-06-30" "3 2026-03-01 2026-05-31" \
		"4 2026-04-01 2026-04-30" "5 2026-02-01 2026-07-31" "6 2027-01-01 2027-03-31"
	do
		set -- $t &&
		echo "event offer XQ-F2 take {\"pairing\":\"YA-P90$1\",\"from\":\"$2\",\"until\":\"$3\"}" || return 1
	done >takes &&
	tip=$(craft_many ya/.zdh "$tip" <takes) &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan "$tip" &&
	at xq pull ya >/dev/null 2>&1 &&
	at xq menu show XQ-F2 --json >json &&
	for p in 1 2 3 6; do grep "\"YA-P90$p\": {" json || return 1; done &&
	! grep "\"YA-P904\": {\|\"YA-P905\": {" json &&
	at xq log --record XQ-F2 >log &&
	grep "no effect: offer XQ-F2 is full in 2026-04: capacity 2 a month, 2 taken (YA-P901, YA-P903)" log &&
	grep "no effect: offer XQ-F2 is full in 2026-03: capacity 2 a month, 2 taken (YA-P901, YA-P903)" log
'

test_done
