#!/bin/sh
# A peer's event whose message (or reason, link, mention) is not a string
# stays in the record's history, with or without effect.  Printing that
# history read the value as a string: issue show and council show died
# of a NULL pointer (SIGSEGV) on every office that pulled one event.
test_description='show prints a history whose peer events hold values of any type'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: an office with an issue, a council and an org; a peer that crafts' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq issue add 路灯 --area 新桥 >/dev/null &&
	at xq council add 新桥理事会 --area 新桥 >/dev/null &&
	craft_peer 井盖 &&
	tip=$(craft_tip) &&
	for ev in "issue XQ-1 comment {\"message\":5}" \
		"issue XQ-1 comment {\"message\":\"看\",\"mentions\":[7]}" \
		"issue XQ-1 link {\"link\":[\"XQ-2\"]}" \
		"issue XQ-1 edit {\"reason\":{\"a\":1},\"set\":{\"title\":\"路灯坏了\"}}" \
		"council XQ-C1 edit {\"message\":null,\"set\":{\"name\":\"新桥议事会\"}}" \
		"council XQ-C1 discuss {\"message\":[\"x\"],\"mentions\":[false]}" \
		"org XQ-O1 edit {\"reason\":3,\"set\":{\"code\":\"310101\"}}"
	do
		set -- $ev &&
		tip=$(craft ya/.zdh "$tip" event "$1" "$2" "$3" "$4") || return 1
	done &&
	craft_publish "$tip" &&
	at xq pull ya >/dev/null 2>&1
'

test_expect_success 'issue show, council show and org show print the history, a "?" for such a value' '
	at xq issue show XQ-1 >out &&
	grep "comment  ?" out &&
	at xq council show XQ-C1 >out &&
	grep "edit .* ?" out &&
	at xq org show XQ-O1 >out &&
	grep "  edit  *code=310101  ?" out &&
	at xq issue show XQ-1 --json >/dev/null &&
	at xq council show XQ-C1 --json >/dev/null &&
	LANGUAGE=zh_CN LC_ALL=C.UTF-8 "$ZDH" -C xq issue show XQ-1 >/dev/null &&
	at xq log >/dev/null
'

test_done
