#!/bin/sh
# council action done resolves its issue with a note zdh composes,
# "resolved by XQ-A1 of decision XQ-D1: 已修", in the writer's language;
# an issue's history under zh_CN printed that English beside its Chinese
# labels.  The history prints a note composed in English in the reader's
# words, its message as written; English, --json and export keep the
# text as stored, and a message that only looks like one is as written.
test_description='a council-composed note in an issue history, in the catalogue.s words'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: an action that resolves an issue, done in English' '
	zdh init --replica xinqiao --prefix XQ r >/dev/null &&
	cd r &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 派出所 >/dev/null &&
	zdh issue add 灯坏 --area 新桥 >/dev/null &&
	zdh issue add 漏水 --area 新桥 --date 2026-12-01 >/dev/null &&
	zdh issue claim XQ-2 --dept 派出所 >/dev/null &&
	zdh council add 议事会 --area 新桥 >/dev/null &&
	zdh council member add 议事会 李四 --role chair >/dev/null &&
	zdh council meeting add 议事会 --present 李四 >/dev/null &&
	zdh council decide XQ-M1 --motion 修灯 --for 李四 --close --issue XQ-1 \
		--action 修 --dept 派出所 --resolves >/dev/null &&
	zdh council action done XQ-A1 -m 已修 &&
	zdh issue resolve XQ-2 -m "resolved by XQ-A1 of decision XQ-D1: 自己写的"
'

test_expect_success 'English: the note as written' '
	cd r &&
	zdh issue show XQ-1 >out &&
	grep "  claim  .*  resolved by XQ-A1 of decision XQ-D1: 已修\$" out &&
	grep "  resolve  *resolved by XQ-A1 of decision XQ-D1: 已修\$" out
'

test_expect_success 'zh_CN: the note in Chinese, its message as written' '
	cd r &&
	zh issue show XQ-1 >out &&
	grep "  认领  .*  由决议 XQ-D1 的 XQ-A1 解决: 已修\$" out &&
	grep "  办结  *由决议 XQ-D1 的 XQ-A1 解决: 已修\$" out &&
	! grep "resolved by" out
'

test_expect_success 'zh_CN: --json keeps the text as stored; a look-alike on another issue as written' '
	cd r &&
	zh issue show XQ-1 --json >out.json &&
	test $(grep -c "\"message\": \"resolved by XQ-A1 of decision XQ-D1: 已修\"" out.json) = 2 &&
	zh issue show XQ-2 >out &&
	grep "resolved by XQ-A1 of decision XQ-D1: 自己写的\$" out
'

test_expect_success 'done under zh_CN: stored in English, each reader its own words' '
	cd r &&
	zdh issue add 积水 --area 新桥 >/dev/null &&
	zdh council decide XQ-M1 --motion 排水 --for 李四 --close --issue XQ-3 \
		--action 疏通 --dept 派出所 --resolves >/dev/null &&
	zh council action done XQ-A2 -m 已通 &&
	zdh issue show XQ-3 --json >out.json &&
	test $(grep -c "\"message\": \"resolved by XQ-A2 of decision XQ-D2: 已通\"" out.json) = 2 &&
	zdh issue show XQ-3 >out &&
	grep "  resolve  *resolved by XQ-A2 of decision XQ-D2: 已通\$" out &&
	zh issue show XQ-3 >out &&
	grep "  办结  *由决议 XQ-D2 的 XQ-A2 解决: 已通\$" out
'

test_done
