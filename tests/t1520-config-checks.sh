#!/bin/sh
# zdh config checks a value when it is set, also the keys with a
# subsection (category.NAME.response-days, prefix.P.owner): a bad one is
# refused at once, one line, exit 1, the configuration unchanged; a typo
# in the name of such a key is refused as unknown.
test_description='config values checked when set'
. "$(dirname "$0")/lib.sh"

# refused MESSAGE ARGS...: zdh ARGS exits 1 with MESSAGE, nothing changed.
refused () {
	refused_msg_=$1
	shift
	cp .zdh/config config.before &&
	test_expect_code 1 zdh "$@" >out 2>err &&
	test_must_be_empty out &&
	echo "$refused_msg_" >expect &&
	test_cmp expect err &&
	cmp config.before .zdh/config
}

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null
'

test_expect_success 'a category response-days that is not a number is refused when set' '
	refused "zdh: category.医疗.response-days must be a whole number of days from 0 to 366" \
		config category.医疗.response-days three &&
	refused "zdh: category.other.response-days must be a whole number of days from 0 to 366" \
		config category.other.response-days 400 &&
	refused "zdh: category.other.response-days must be a whole number of days from 0 to 366" \
		config category.other.response-days 1.5
'

test_expect_success 'a good one is kept and used' '
	zdh config category.医疗.response-days 3 &&
	zdh config category.医疗.title 医疗卫生 &&
	zdh config category.医疗.response-days >out &&
	echo 3 >expect &&
	test_cmp expect out &&
	zdh issue add 药店 --area 新桥 --category 医疗 --date 2026-03-02 >/dev/null &&
	zdh issue claim XQ-1 --dept 新桥 --date 2026-03-02 2>/dev/null ||
	{ zdh org add --kind dept 卫生所 >/dev/null && zdh issue claim XQ-1 --dept 卫生所 --date 2026-03-02; } &&
	zdh issue show XQ-1 --json >show &&
	grep "\"due\": \"2026-03-05\"" show
'

test_expect_success 'a typo in the name of a key with a subsection is unknown' '
	refused "zdh: unknown setting '"'"'category.医疗.respons-days'"'"' (see zdh-config(1))" \
		config category.医疗.respons-days 3 &&
	refused "zdh: unknown setting '"'"'menu-category.助老.titel'"'"' (see zdh-config(1))" \
		config menu-category.助老.titel 助老服务 &&
	zdh config menu-category.助老.title 助老服务
'

test_expect_success 'prefix.P.owner must name a replica' '
	refused "zdh: invalid replica name '"'"'新 桥'"'"'" config prefix.HS.owner "新 桥" &&
	zdh config prefix.HS.owner huashan
'

test_expect_success 'keys zdh does not read stay free (remote.NAME.url)' '
	zdh config remote.hub.url /srv/hub.git &&
	zdh config remote.hub.url >out &&
	echo /srv/hub.git >expect &&
	test_cmp expect out
'

test_done
