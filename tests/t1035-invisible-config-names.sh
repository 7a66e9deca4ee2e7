#!/bin/sh
# The names set through zdh config (a category's, a menu category's, a
# remote's: the name between a key's dots) and a category's title are
# names people type again and read in lists: like the names written in
# records (t1030), they may hold no invisible character (a zero-width
# space, a direction override, a byte-order mark) nor a control one.
# Refused when set, one line, exit 1, the config unchanged; --unset still
# removes such a key.  Remote and replica names are ASCII words already.
test_description='config: names in keys hold no invisible character'
. "$(dirname "$0")/lib.sh"

ZWSP=$(printf '\342\200\213')	# U+200B
RLO=$(printf '\342\200\256')	# U+202E
BOM=$(printf '\357\273\277')	# U+FEFF

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1
'

test_expect_success 'a category name with an invisible character is refused' '
	test_refused "the category name contains an invisible character (U+200B), so it would look like a name it is not" \
		config "category.医${ZWSP}疗.response-days" 3 &&
	test_refused "the category name contains an invisible character (U+202E), so it would look like a name it is not" \
		config "category.医疗${RLO}.title" 医疗卫生 &&
	test_refused "the menu-category name contains an invisible character (U+FEFF), so it would look like a name it is not" \
		config "menu-category.${BOM}助老.title" 助老服务 &&
	test_refused "the category name contains a control character (U+0009)" \
		config "category.医	疗.title" 医疗卫生
'

test_expect_success 'so is a title with one' '
	test_refused "category.医疗.title contains an invisible character (U+200B), so it would look like a name it is not" \
		config category.医疗.title "医疗${ZWSP}卫生" &&
	test_refused "menu-category.助老.title contains an invisible character (U+200B), so it would look like a name it is not" \
		config menu-category.助老.title "助${ZWSP}老服务"
'

test_expect_success 'and a remote name set by hand' '
	test_refused "the remote name contains an invisible character (U+200B), so it would look like a name it is not" \
		config "remote.hub${ZWSP}.url" /srv/hub.git &&
	test_refused "'"'"'hub${ZWSP}'"'"' is not a valid remote name (letters, digits, '"'"'-'"'"', '"'"'_'"'"', '"'"'.'"'"')" \
		remote add "hub${ZWSP}" /srv/hub.git &&
	test_refused "invalid replica name '"'"'xin${ZWSP}qiao'"'"'" \
		config zdh.replica "xin${ZWSP}qiao"
'

test_expect_success 'in Chinese too' '
	snapshot zh &&
	test_expect_code 1 zh config "category.医${ZWSP}疗.response-days" 3 2>err &&
	echo "zdh: category 的名称 含有不可见字符（U+200B），看上去会像另一个名称" >expect &&
	test_cmp expect err &&
	check_unchanged zh
'

test_expect_success 'visible names are kept; one set before is removed by --unset' '
	zdh config category.医疗.response-days 3 &&
	zdh config category.医疗.title 医疗卫生 &&
	zdh config "remote.总 站.url" /srv/hub.git &&
	printf "[category \"医${ZWSP}疗\"]\n\tresponse-days = 2\n" >>.zdh/config &&
	zdh config --unset "category.医${ZWSP}疗.response-days" &&
	! grep "response-days = 2" .zdh/config &&
	zdh config category.医疗.response-days >out &&
	echo 3 >expect &&
	test_cmp expect out
'

test_done
