#!/bin/sh
# `menu unpair XQ-F1` (an offer, not a pairing) under zh_CN said
# "'XQ-F1' 不是 一个结对（XQ-P1）", a space between two Chinese words.
# An offer's id is named for what it is, as a peer's event naming it has
# its note say (t9975); what is no menu id at all shows the form wanted.
test_description='menu: an id of the wrong kind, in Chinese without a stray space'
. "$(dirname "$0")/lib.sh"

test_expect_success 'the message reads as one phrase' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	test_expect_code 1 zh menu unpair XQ-F1 2>err &&
	echo "zdh: XQ-F1 是一项服务供给，不是一个结对" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zh menu unpair P1 2>err &&
	echo "zdh: '"'"'P1'"'"' 不是一个结对（XQ-P1）" >expect &&
	test_cmp expect err
'

test_done
