#!/bin/sh
# Small things a user reads: report -o into a folder that is not there
# named its temporary file (nodir/x.html.tmp.XXXXXX), not the file.
test_description='report -o names the file it cannot write'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null
'

test_expect_success 'report -o into a missing folder: the file named, exit 128, nothing made' '
	test_expect_code 128 zdh report monthly -o nodir/x.html 2>err &&
	echo "zdh: cannot write '"'"'nodir/x.html'"'"': No such file or directory" >expect &&
	test_cmp expect err &&
	test_expect_code 128 zdh report yearly --format csv -o nodir/y.csv 2>err &&
	grep "^zdh: cannot write '"'"'nodir/y.csv'"'"': " err &&
	! test -e nodir
'

test_done
