#!/bin/sh
# A copy from a folder asks whether this replica holds an object already:
# its packs, then its loose objects, read a folder (objects/XX) at a time
# when first asked, as git's loose object cache does, and not one system
# call an object (every folder is there: zdh init makes objects/00 to ff,
# and a clone of 100,000 events asked the file system 100,000 times).  An
# object held loose still stops the walk: a log is not copied again.
test_description='a copy from a folder: loose objects read a folder at a time'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_strace_prereq

test_expect_success 'setup: an office of 300 issues' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	open_issues_csv 300 >issues.csv &&
	at xq issue import "$(pwd)/issues.csv" >/dev/null
'

test_expect_success STRACE 'a clone asks the file system about no object one by one' '
	strace_zdh -f -e trace=access,faccessat,faccessat2,newfstatat,stat,lstat -o trace \
		"$ZDH" clone xq/.zdh ya --replica yanan --prefix YA -q &&
	test "$(events ya/.zdh)" = 300 &&
	{ grep "/objects/[0-9a-f][0-9a-f]/[0-9a-f]\{38\}" trace || :; } >asked &&
	test_line_count -lt 10 asked
'

test_expect_success 'a log whose tip this replica holds loose is not copied again' '
	at ya issue add "路灯不亮" >/dev/null &&
	tip=$(git --git-dir=ya/.zdh rev-parse refs/zdh/log/yanan) &&
	test -f ya/.zdh/objects/$(echo $tip | cut -c1-2)/$(echo $tip | cut -c3-) &&
	at xq remote add ya ../ya/.zdh &&
	at xq pull -q ya &&
	git --git-dir=xq/.zdh cat-file -e $tip &&
	at ya remote add xq ../xq/.zdh &&
	ls ya/.zdh/objects/pack >before &&
	at ya pull -q xq 2>err &&
	test_must_be_empty err &&
	ls ya/.zdh/objects/pack >after &&
	test_cmp before after
'

test_expect_success 'and an object held loose is found in a folder of several' '
	at ya issue add "楼道堆物" >/dev/null &&
	at ya issue add "占道经营" >/dev/null &&
	at xq pull -q ya &&
	ls ya/.zdh/objects/pack >before &&
	at ya pull -q xq &&
	ls ya/.zdh/objects/pack >after &&
	test_cmp before after
'

test_done
