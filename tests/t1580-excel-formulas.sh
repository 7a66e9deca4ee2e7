#!/bin/sh
# --excel is CSV for a spreadsheet, and a spreadsheet runs a cell that
# begins with =, +, -, @, a tab or a CR as a formula: a title a peer wrote
# (=HYPERLINK("http://...","点我"), a DDE call) ran on the clerk's machine
# when the list or the report was opened in Excel.  Such a cell now goes
# out after a single quote (shown as text, never run) under --excel
# only; --format csv and --json carry the data unchanged, a plain number
# (-3) stays a number, and an import of the --excel file takes the quote
# off again.
test_description='--excel: cells a spreadsheet would run go out as text'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: titles and an area a spreadsheet would take for formulas' '
	zdh init -q --replica xinqiao --prefix XQ &&
	zdh org add --kind area "=1+1" >/dev/null &&
	zdh issue add "=HYPERLINK(\"http://evil.example/点我\")" --area "=1+1" >/dev/null &&
	zdh issue add -- -3 >/dev/null &&
	zdh issue add "+86 138 0000 0000" >/dev/null &&
	zdh issue add "@SUM(A1)" >/dev/null &&
	zdh issue add "'"'"'=有引号的" >/dev/null &&
	zdh issue add "普通" >/dev/null
'

test_expect_success 'issue list --excel: each such title after a single quote' '
	zdh issue list --excel | cut -d, -f1-2 | tail -n +2 >actual &&
	cat >expect <<-\EOF &&
	XQ-1,"'"'"'=HYPERLINK(""http://evil.example/点我"")"
	XQ-2,-3
	XQ-3,'"'"'+86 138 0000 0000
	XQ-4,'"'"'@SUM(A1)
	XQ-5,'"'"''"'"'=有引号的
	XQ-6,普通
	EOF
	test_cmp expect actual
'

test_expect_success '--format csv carries them unchanged' '
	zdh issue list --format csv | cut -d, -f1-2 | sed -n 2p >actual &&
	echo "XQ-1,\"=HYPERLINK(\"\"http://evil.example/点我\"\")\"" >expect &&
	test_cmp expect actual &&
	zdh org list --excel >orgs &&
	grep "^XQ-O1,area,'"'"'=1+1," orgs
'

test_expect_success 'report --excel: an area of the breakdown after a quote too' '
	zdh report monthly --month $(date +%Y-%m) --excel >excel &&
	grep "^'"'"'=1+1,1," excel &&
	zdh report monthly --month $(date +%Y-%m) --format csv >csv &&
	grep "^=1+1,1," csv
'

test_expect_success 'the --excel file imported again gives back every title' '
	zdh issue list --excel >list.csv &&
	zdh init -q --replica other --prefix OT other &&
	zdh -C other org add --kind area "=1+1" >/dev/null &&
	zdh -C other issue import ../list.csv >/dev/null &&
	zdh issue list --format csv | cut -d, -f2 >expect &&
	zdh -C other issue list --format csv | cut -d, -f2 >actual &&
	test_cmp expect actual
'

test_done
