#!/bin/sh
# The HTML report opens in a browser: Debian's chromium, headless, renders
# it to a screenshot and to A4 pages (PDF), with no network.  Skipped, with
# the reason, when chromium is not installed (make deps installs it).
test_description='report --format html in a headless browser'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-report.sh"

CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
test -n "$CHROMIUM" && test_set_prereq CHROMIUM

browser () {
	# no sandbox: tests may run as root; a profile of its own in the trash
	timeout 300 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
		--user-data-dir="$TRASH_DIRECTORY/profile" "$@" >browser.log 2>&1
}

test_expect_success 'setup: a month of issues, as HTML' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	registry_two_districts >/dev/null &&
	for d in 03 05 07 10 12 14 17 19 21 24
	do
		zdh issue add "问题$d" --area 新桥 --category parking --date "2025-11-$d 09:00" >/dev/null &&
		zdh issue add "问题b$d" --area 延安公寓 --source petition --date "2025-11-$d 10:00" >/dev/null || return 1
	done &&
	zdh issue claim XQ-1 --dept 房管办 --date "2025-11-03 10:00" &&
	zdh issue resolve XQ-1 -m x --date "2025-11-06 10:00" &&
	zdh issue close XQ-1 --satisfaction 4 --date "2025-11-07 10:00" &&
	zdh report monthly --month 2025-11 --format html -o report.html
'

if test_have_prereq CHROMIUM
then
	test_expect_success CHROMIUM 'chromium renders a screenshot of it' '
		browser --screenshot="$TRASH_DIRECTORY/shot.png" --window-size=900,2000 \
			"file://$TRASH_DIRECTORY/report.html" &&
		printf "\211PNG" >magic && head -c 4 shot.png >got && cmp magic got &&
		test $(wc -c <shot.png) -gt 20000
	'
	test_expect_success CHROMIUM 'and prints it on A4 pages' '
		browser --print-to-pdf="$TRASH_DIRECTORY/report.pdf" --no-pdf-header-footer \
			"file://$TRASH_DIRECTORY/report.html" &&
		head -c 5 report.pdf >got && echo "%PDF-" | tr -d "\n" >magic && cmp magic got &&
		grep -a "/MediaBox \[0 0 59[45][0-9.]* 84[12][0-9.]*\]" report.pdf
	'
else
	test_skip 'chromium renders the HTML report' 'chromium is not installed (apt-get install chromium)'
fi

test_done
