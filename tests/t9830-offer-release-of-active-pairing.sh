#!/bin/sh
# An offer's place is released by its pairing's end: a release has effect
# only after the end of its pairing in the same log (offer version 3).
# A peer's bare release of XQ-P1 while XQ-P1 stays active freed its place
# on every replica, so that a later take filled the offer beyond its
# capacity; now it has no effect, and says why.  Ending the pairing, by
# any office, still frees the place.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

release () {
	craft_json yanan $1 offer release XQ-F1 "{\"pairing\":\"$2\"}" ${3:+\"$3\"}
}

test_expect_success 'setup: an offer of one place, paired' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind unit 上海博物馆 >/dev/null &&
	zdh menu offer add 助老 --provider 上海博物馆 --category elderly --capacity 1 --date 2026-01-01 >/dev/null &&
	zdh menu need add 陪伴 --area 新桥 --category elderly --date 2026-01-01 >/dev/null &&
	zdh menu need add 独居 --area 新桥 --category elderly --date 2026-01-01 >/dev/null &&
	zdh menu pair XQ-N1 XQ-F1 --from 2026-01-02 --date 2026-01-02 >/dev/null
'

test_expect_success 'a peer release of an active pairing has no effect' '
	one=$(craft .zdh refs/zdh/log/yanan "offer release XQ-F1 XQ-P1" "$(release 100 XQ-P1)") &&
	zdh log --record XQ-F1 >log &&
	grep "release.*no effect: pairing XQ-P1 has not ended" log &&
	zdh menu pairings >list &&
	grep "^XQ-P1 .* active$" list
'

test_expect_success 'so a peer take of the place it would have freed has no effect either' '
	two=$(craft .zdh refs/zdh/log/yanan "offer take XQ-F1 YA-P9" \
		"$(craft_json yanan 101 offer take XQ-F1 "{\"from\":\"2026-02-01\",\"pairing\":\"YA-P9\",\"until\":\"2026-12-31\"}")" $one) &&
	zdh log --record XQ-F1 >log &&
	grep "offer take XQ-F1 YA-P9 .*no effect: offer XQ-F1 is full" log
'

test_expect_success 'ending the pairing still frees its place' '
	zdh menu unpair XQ-P1 -m 另行安排 --date 2026-03-01 &&
	zdh log --record XQ-F1 >log &&
	grep "测试员.*offer release XQ-F1 XQ-P1" log >mine &&
	! grep "no effect" mine &&
	zdh menu pair XQ-N2 XQ-F1 --from 2026-03-02 --date 2026-03-02 >id &&
	echo XQ-P2 >expect &&
	test_cmp expect id &&
	zdh menu pairings >list &&
	grep "^XQ-P2 .* active$" list
'

test_expect_success 'an end the pairing refuses whatever its state does not free it' '
	tip=$(git --git-dir=.zdh rev-parse refs/zdh/log/yanan) &&
	three=$(craft .zdh refs/zdh/log/yanan "pairing end XQ-P2" \
		"$(craft_json yanan 200 pairing end XQ-P2 "{\"reason\":5}")" $tip) &&
	four=$(craft .zdh refs/zdh/log/yanan "offer release XQ-F1 XQ-P2" "$(release 201 XQ-P2)" $three) &&
	zdh log --record XQ-F1 >log &&
	grep "release XQ-F1 XQ-P2 .*no effect: pairing XQ-P2 has not ended" log &&
	zdh menu pairings >list &&
	grep "^XQ-P2 .* active$" list
'

test_expect_success 'a peer that ends the pairing frees its place' '
	five=$(craft .zdh refs/zdh/log/yanan "pairing end XQ-P2" \
		"$(craft_json yanan 202 pairing end XQ-P2 "{\"reason\":\"搬走\"}")" $four) &&
	six=$(craft .zdh refs/zdh/log/yanan "offer release XQ-F1 XQ-P2" "$(release 203 XQ-P2)" $five) &&
	zdh log --record XQ-F1 >log &&
	grep "release XQ-F1 XQ-P2" log >rel &&
	test_line_count = 2 rel &&
	head -1 rel >last &&
	! grep "no effect" last
'

test_expect_success 'the same after a reindex' '
	zdh log --record XQ-F1 >before &&
	zdh reindex >/dev/null 2>&1 &&
	zdh log --record XQ-F1 >after &&
	test_cmp before after
'

test_done
