#!/bin/sh
# A name or id is an id by its whole shape (zdh_record_id_valid), not by
# the letter after its last dash: visit show took any argument whose
# folded form had a V there for a visit's id, so the liaison Anna-Vogel
# was "no visit ANNA-VOGEL"; menu ids and council attachment ids were
# told the same way, so XQ-FAB was looked for as an offer and XQ-CX as
# a council, where they are no one's ids.
test_description='ids told by their whole shape, not a letter'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: liaisons whose names have a V after a dash' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs area 新桥 &&
	orgs dept 派出所 &&
	zdh visit liaison add Anna-Vogel --dept 派出所 --areas 新桥 --date 2026-11-01 >out &&
	zdh visit liaison add 王-V2组 --dept 派出所 --areas 新桥 --date 2026-11-01 >>out &&
	zdh visit add --area 新桥 --liaison Anna-Vogel -m 走访 --date 2026-11-05 >>out &&
	printf "XQ-L1\nXQ-L2\nXQ-V1\n" >expect &&
	test_cmp expect out
'

test_expect_success 'visit show: a liaison by a name like that, a visit by its id' '
	zdh visit show Anna-Vogel >out &&
	head -n 1 out >actual &&
	echo "XQ-L1  Anna-Vogel  派出所" >expect &&
	test_cmp expect actual &&
	zdh visit show 王-V2组 >out &&
	head -n 1 out >actual &&
	echo "XQ-L2  王-V2组  派出所" >expect &&
	test_cmp expect actual &&
	zdh visit show xq-v1 --json >json &&
	grep "\"id\": \"XQ-V1\"" json &&
	test_must_fail zdh visit show xq-v9 2>err &&
	echo "zdh: no visit XQ-V9" >expect &&
	test_cmp expect err
'

test_expect_success 'menu: a malformed id is no one'"'"'s, not a missing offer' '
	test_must_fail zdh menu show xq-fab 2>err &&
	echo "zdh: '"'"'XQ-FAB'"'"' is not the id of an offer, need, pairing or delivery" >expect &&
	test_cmp expect err &&
	test_must_fail zdh menu offer edit xq-f1x --title 理发 2>err &&
	echo "zdh: '"'"'XQ-F1X'"'"' is not an offer (XQ-F1)" >expect &&
	test_cmp expect err &&
	test_must_fail zdh menu show xq-f9 2>err &&
	echo "zdh: no offer XQ-F9" >expect &&
	test_cmp expect err
'

test_expect_success 'council attachment: a malformed id is no meeting'"'"'s' '
	test_must_fail zdh council attachment xq-cx a.pdf 2>err &&
	echo "zdh: no meeting, decision or action XQ-CX" >expect &&
	test_cmp expect err
'

test_done
