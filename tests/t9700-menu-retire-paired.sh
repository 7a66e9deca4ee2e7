#!/bin/sh
# `menu offer retire` (and `need retire`) while a pairing of it was still
# active retired it and left the pairing active: listed by `menu pairings`,
# taking deliveries, under an offer that was gone from the menu.  The retire
# is refused now while pairings are active, naming them (unpair them first,
# as an action of a rejected decision is refused when written); a pairing
# made on another replica at the same time as the retire stays active there
# but takes no delivery, and unpair ends it.
test_description='menu retire: refused while pairings of it are active'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: an offer, two needs, two pairings' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind unit 上海博物馆 >/dev/null &&
	zdh menu offer add 助老服务 --provider 上海博物馆 --category elderly --date 2026-11-01 >/dev/null &&
	zdh menu need add 老人助餐 --area 新桥 --category elderly --date 2026-11-01 >/dev/null &&
	zdh menu need add 独居老人 --area 新桥 --category elderly --date 2026-11-01 >/dev/null &&
	zdh menu pair XQ-N1 XQ-F1 --date 2026-11-02 >/dev/null &&
	zdh menu pair XQ-N2 XQ-F1 --date 2026-11-02 >/dev/null
'

test_expect_success 'an offer or a need with active pairings is not retired' '
	test_refused "offer XQ-F1 has 2 active pairings (XQ-P1, XQ-P2): unpair them first (zdh menu unpair)" \
		menu offer retire XQ-F1 -m 停止 &&
	test_refused "need XQ-N1 has 1 active pairing (XQ-P1): unpair it first (zdh menu unpair)" \
		menu need retire xq-n1 &&
	test_expect_code 1 zh menu need retire XQ-N1 2>err &&
	echo "zdh: 服务需求 XQ-N1 有 1 个进行中的结对（XQ-P1）：请先解除（zdh menu unpair）" >expect &&
	test_cmp expect err
'

test_expect_success 'once unpaired, it is retired; its retired state named in Chinese' '
	zdh menu unpair XQ-P1 --date 2026-11-05 &&
	zdh menu unpair XQ-P2 --date 2026-11-05 &&
	zdh menu offer retire XQ-F1 --date 2026-11-06 &&
	zdh menu need retire XQ-N1 --date 2026-11-06 &&
	test_expect_code 1 zh menu pair XQ-N2 XQ-F1 2>err &&
	echo "zdh: 服务供给 XQ-F1 已撤销" >expect &&
	test_cmp expect err
'

test_expect_success 'a pairing made while another office retired the offer takes no delivery' '
	zdh init --replica hub --prefix HB hub >/dev/null &&
	at hub org add --kind area 新桥 >/dev/null &&
	at hub org add --kind unit 上海博物馆 >/dev/null &&
	at hub menu offer add 助学 --provider 上海博物馆 --category students --date 2026-11-01 >/dev/null &&
	at hub menu need add 课后辅导 --area 新桥 --category students --date 2026-11-01 >/dev/null &&
	at hub replica confirm >/dev/null &&
	zdh clone hub a --replica yanan --prefix YA --quiet &&
	at a menu pair HB-N1 HB-F1 --date 2026-11-02 >/dev/null &&
	at hub menu offer retire HB-F1 --date 2026-11-02 &&
	at a sync -q && at a sync -q &&
	test_expect_code 1 at a menu deliver YA-P1 --people 3 --date 2026-11-03 2>err &&
	echo "zdh: offer HB-F1 is retired" >expect &&
	test_cmp expect err &&
	at a menu unpair YA-P1 --date 2026-11-03 &&
	at a menu pairings >actual &&
	test_line_count = 1 actual
'

test_expect_success 'the pull that brings the pairing or the retire says it takes no delivery' '
	rm -rf hub a &&
	zdh init --replica hub --prefix HB hub >/dev/null &&
	at hub org add --kind area 新桥 >/dev/null &&
	at hub org add --kind unit 上海博物馆 >/dev/null &&
	at hub menu offer add 助学 --provider 上海博物馆 --category students --date 2026-11-01 >/dev/null &&
	at hub menu need add 课后辅导 --area 新桥 --category students --date 2026-11-01 >/dev/null &&
	at hub menu need add 陪伴 --area 新桥 --category students --date 2026-11-01 >/dev/null &&
	at hub replica confirm >/dev/null &&
	zdh clone hub a --replica yanan --prefix YA --quiet &&
	at hub remote add a ../a &&
	at a menu pair HB-N1 HB-F1 --date 2026-11-02 >/dev/null &&
	at a menu pair HB-N2 HB-F1 --date 2026-11-02 >/dev/null &&
	at hub menu offer retire HB-F1 --date 2026-11-02 &&
	at hub menu need retire HB-N1 --date 2026-11-02 &&
	cp -r hub hub.zh &&
	cat >expect <<-\EOF &&
	YA-P1 is an active pairing of offer HB-F1, retired: it takes no delivery (unpair it)
	YA-P1 is an active pairing of need HB-N1, retired: it takes no delivery (unpair it)
	YA-P2 is an active pairing of offer HB-F1, retired: it takes no delivery (unpair it)
	EOF
	at hub pull a >out 2>err &&
	test_cmp expect err &&
	at a pull >out 2>err &&
	test_cmp expect err &&
	LANGUAGE=zh_CN at hub.zh pull a >out 2>err &&
	head -n 1 err >first &&
	echo "YA-P1 是服务供给 HB-F1 的进行中的结对，而它已撤销：不能再记录服务（请解除结对，zdh menu unpair）" >expect &&
	test_cmp expect first &&
	at a pull >out 2>err &&
	test_must_be_empty err &&
	at a menu unpair YA-P1 --date 2026-11-03 &&
	at a menu unpair YA-P2 --date 2026-11-03 &&
	at hub pull a >out 2>err &&
	test_must_be_empty err
'

test_done
