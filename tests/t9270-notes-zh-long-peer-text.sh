#!/bin/sh
# A note of an event without effect embeds what a peer wrote (a field
# name): shown under a Chinese catalogue, zdh_i18n_shown() looks for the
# message that makes it, and tried every split of the text for every
# %s: a 1 KB field name cost a third of a second a note, so that ten
# such events made every log and show under zh_CN take seconds (the
# review of 7042bb4).  Each split is now tried once.
test_description='notes of a peer text shown in Chinese in linear time'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: a peer edits an issue with 40 long, crafted field names' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq issue add 路灯 >/dev/null &&
	craft_peer 井盖 &&
	tip=$(craft_tip) &&
	k=$(perl -e "print q{a had no effect: a by a at } x 37") &&
	i=0 &&
	while test $i -lt 40
	do
		tip=$(craft ya/.zdh "$tip" event issue XQ-1 edit "{\"set\":{\"$k$i\":\"x\"}}") || return 1
		i=$((i + 1))
	done &&
	craft_publish "$tip" &&
	at xq pull ya >/dev/null 2>&1
'

test_expect_success 'log and show under zh_CN say the notes, in seconds at most (minutes before)' '
	(cd xq && LANGUAGE=zh_CN timeout 5 "$ZDH" log -n 40 >../log.out) &&
	test "$(grep -c "a had no effect" log.out)" -ge 40 &&
	(cd xq && LANGUAGE=zh_CN timeout 5 "$ZDH" issue show XQ-1 >../show.out) &&
	grep "路灯" show.out
'

test_done
