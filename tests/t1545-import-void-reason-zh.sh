#!/bin/sh
# An import row of status void comes back void, with the reason "void in
# the imported file", kept in English in the event as a commit's subject
# is; under zh_CN show printed it so, the one English line of a Chinese
# history.  It is shown in the reader's words, as the note of an action
# that resolves an issue is; English, --json and log keep it as written.
test_description='issue import: the reason of an imported void in the reader.s words'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a void issue imported' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	printf "title,area,status,created\n重复录入,新桥,void,2026-11-03\n" >in.csv &&
	zdh issue import in.csv >/dev/null &&
	zdh issue list --status void --format csv >out &&
	grep "^XQ-1,重复录入,.*,void," out
'

test_expect_success 'zh_CN show: the reason in Chinese' '
	zh issue show XQ-1 >show &&
	grep "  作废  导入文件中已作废  （记录于 " show &&
	! grep "imported file" show
'

test_expect_success 'English, --json and the log keep it as written' '
	zdh issue show XQ-1 >show &&
	grep "  void  void in the imported file  (recorded " show &&
	zh issue show XQ-1 --json >json &&
	grep "\"message\": \"void in the imported file\"" json &&
	zdh log --record XQ-1 --json >log &&
	grep "\"message\": \"void in the imported file\"" log
'

test_expect_success 'a reason typed so by hand reads the same' '
	zdh issue add 另一个 --area 新桥 >/dev/null &&
	zdh issue void XQ-2 -m "void in the imported file" &&
	zh issue show XQ-2 >show &&
	grep "  作废  导入文件中已作废\$" show
'

test_done
