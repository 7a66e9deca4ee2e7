#!/bin/sh
# "zdh menu publish --title ''" printed a document whose heading was
# empty, and a saved report, an issue's reporter or location of blanks
# only (" ") was written and shown as nothing.  An empty or blank title
# of publish, and a name or a location of blanks only, are refused:
# exit 1, one line, nothing written or printed.
test_description='an empty or blank title, name or location is refused'
. "$(dirname "$0")/lib.sh"

test_expect_success 'a menu with an offer, an issue' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	orgs area 新桥 && orgs dept 房管办 &&
	zdh menu offer add 理发 --provider 房管办 --category elderly >/dev/null &&
	zdh issue add 路灯不亮 --area 新桥 >/dev/null
'

test_expect_success 'menu publish refuses an empty or blank --title' '
	test_refused "title is empty" menu publish --title "" &&
	test_refused "title is empty" menu publish --title "   " &&
	test_refused "title is empty" menu publish --format html --title " " &&
	test_expect_code 1 zh menu publish --title "" 2>err &&
	grep "^zdh: 标题 为空\$" err &&
	zdh menu publish --title 新桥资源菜单 >doc &&
	grep "^# 新桥资源菜单\$" doc
'

test_expect_success 'a saved report, a reporter or a location of blanks only is refused' '
	test_refused "name is empty" report save " " --sql "select 1" &&
	test_refused "reporter is empty" issue add 井盖松动 --area 新桥 --reporter " " &&
	test_refused "location is empty" issue add 井盖松动 --area 新桥 --location "  " &&
	test_refused "reporter is empty" issue edit XQ-1 --reporter " " &&
	test_refused "location is empty" issue edit XQ-1 --location " "
'

test_expect_success 'an empty location or reporter is none, as before' '
	zdh issue add 井盖松动 --area 新桥 --location "" --reporter "" >id &&
	zdh issue show "$(cat id)" --json >show &&
	! grep "\"location\"\\|\"reporter\"" show
'

test_done
