#!/bin/sh
# Menu categories beyond the built-in ones are configured by each office
# (menu-category.X.title), not synced: a peer's offers in its own
# category come here by pull and list, and 'offer list --category X' was
# refused as an unknown category (4d8d580).  A category no configuration
# names is taken as a filter when a record holds it; refused only when
# neither.
test_description='menu offer/need list --category: a category a peer configured'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: xq configures culture and offers in it; ya clones' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq config menu-category.culture.title 文化体验 &&
	at xq org add --kind unit 博物馆 >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq menu offer add 参观 --provider 博物馆 --category culture --capacity 1 >/dev/null &&
	at xq menu need add 想看展 --area 新桥 --category culture >/dev/null &&
	zdh clone xq ya --replica yanan --prefix YA >/dev/null 2>&1
'

test_expect_success 'ya lists the offers and needs of that category' '
	at ya menu offer list --category culture >out &&
	grep "XQ-F1" out &&
	at ya menu need list --category culture >out &&
	grep "XQ-N1" out
'

test_expect_success 'a category neither configured nor held is still refused' '
	test_expect_code 1 zdh -C ya menu offer list --category no-such 2>err &&
	grep "no-such" err &&
	test_expect_code 1 zdh -C ya menu need list --category no-such 2>err &&
	grep "no-such" err
'

test_done
