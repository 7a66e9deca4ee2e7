#!/bin/sh
# A pull inserts the new events' rows as applied and the fold marks those
# it refuses (core/index-catchup.c, take_child; index-fold.c,
# rows_applied); a record folded again (an event that sorts before what
# was folded) writes every effect again.  Whichever way, each event's
# effect and note are those a reindex gives.
test_description='zdh pull: the effects of the events it folds are those of a reindex'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

# effects: every event's id, effect and note, in fold order
effects () {
	sqlite3 .zdh/index.db "SELECT lower(hex(id)), coalesce(effect, 'null'), coalesce(note, '')
		FROM events ORDER BY clock, replica, id"
}
# resolve_effect: the effect of HB-3's resolve
resolve_effect () {
	sqlite3 .zdh/index.db "SELECT effect FROM events WHERE record = 'HB-3' AND op = 'resolve'"
}
# same_after_reindex DIR: DIR's effects, then again after a reindex, are the same
same_after_reindex () {
	same_by_reindex effects "$1"
}

test_expect_success SQLITE 'setup: a hub with an issue, cloned by an office' '
	zdh init --replica hub --prefix HB hub >/dev/null &&
	at hub org add --kind dept 房管办 >/dev/null &&
	at hub issue add "楼道堆物" --category safety --source hotline >/dev/null &&
	at hub issue add "路灯不亮" --category safety --source hotline >/dev/null &&
	zdh clone hub/.zdh office --replica office --prefix OF -q &&
	at hub remote add office "$(pwd)/office/.zdh"
'

test_expect_success SQLITE 'a pull of events that take effect: all applied, as a reindex has them' '
	at hub issue claim HB-1 --dept 房管办 >/dev/null &&
	at hub issue comment HB-1 -m 已派人 >/dev/null &&
	at office pull -q &&
	(cd office && effects >../e) &&
	! grep -v "|1|$" e &&
	same_after_reindex office
'

test_expect_success SQLITE 'a pull of an event the state refuses: it is marked, as a reindex marks it' '
	at office issue void HB-2 -m 重复 >/dev/null &&
	at hub issue claim HB-2 --dept 房管办 >/dev/null &&
	at hub issue resolve HB-2 -m 已修 >/dev/null &&
	at hub pull -q &&
	at office pull -q &&
	(cd office && effects >../e) &&
	grep -v "|1|$" e &&
	same_after_reindex office &&
	same_after_reindex hub
'

test_expect_success SQLITE 'a record folded again by a pull: its effects are those of a reindex' '
	at hub issue resolve HB-1 -m 已清 >/dev/null &&
	at office issue void HB-1 -m 重复 >/dev/null &&
	at office pull -q &&
	at hub pull -q &&
	(cd hub && effects >../h) && (cd office && effects >../o) &&
	test_cmp h o &&
	same_after_reindex office &&
	same_after_reindex hub
'

# HB-3 claimed by a third office, then resolved by the hub; the office
# first pulls the hub's log alone (the resolve refused: HB-3 is open to
# it), then the third's: the claim sorts before the resolve, the record is
# folded again, and the resolve takes effect
test_expect_success SQLITE 'an event refused, then taking effect when an earlier one comes: as a reindex has it' '
	at hub issue add "井盖松动" --category safety --source hotline >/dev/null &&
	at office pull -q &&
	zdh clone hub/.zdh third --replica third --prefix TH -q &&
	at third issue claim HB-3 --dept 房管办 >/dev/null &&
	at hub remote add third "$(pwd)/third/.zdh" &&
	at hub pull -q third &&
	at hub issue resolve HB-3 -m 已修 >/dev/null &&
	git clone -q --mirror hub/.zdh hubonly.git &&
	git --git-dir=hubonly.git update-ref -d refs/zdh/log/third &&
	at office remote add hubonly "$(pwd)/hubonly.git" &&
	at office pull -q hubonly &&
	(cd office && resolve_effect >../e1) &&
	echo 0 >want && test_cmp want e1 &&
	at office pull -q &&
	(cd office && resolve_effect >../e2) &&
	echo 1 >want && test_cmp want e2 &&
	same_after_reindex office
'

# A peer comments on HB-9 before the hub made it: refused (no such
# issue), the number counted as named by a replica not owning HB
# (count_number).  When the hub's HB-4 to HB-9 come, HB-9 is no new
# number (ix_number_fresh): it is folded again with the comment, which
# sorts after its add and takes effect, as a reindex has it.
test_expect_success SQLITE 'a number a peer named before its owner made it: folded again, as a reindex has it' '
	craft office/.zdh refs/zdh/log/yanan "issue comment 抢先" \
		"$(craft_json yanan 100000 issue comment HB-9 "{}")" >/dev/null &&
	(cd office && zdh issue list >/dev/null &&
	 sqlite3 .zdh/index.db "SELECT op, effect FROM events WHERE record = '\''HB-9'\''" >../e1) &&
	echo "comment|0" >want && test_cmp want e1 &&
	for i in 4 5 6 7 8 9
	do
		at hub issue add "问题$i" --category safety --source hotline >/dev/null || return 1
	done &&
	at office pull -q origin &&
	(cd office && sqlite3 .zdh/index.db "SELECT op, effect FROM events WHERE record = '\''HB-9'\''
		ORDER BY clock" >../e2) &&
	printf "add|1\ncomment|1\n" >want && test_cmp want e2 &&
	same_after_reindex office
'

test_done
