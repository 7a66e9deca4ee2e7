#!/bin/sh
# A pull's new events go into index.db where they belong, not at random:
# an event's row is found by its clock and id (zdh-repository(5), INDEX:
# events_id), and clocks grow, so the new events of a pull go at the end
# of that index.  By ids alone (hashes) each new event changed a page of
# its own: a pull of 1,000 events into 100,000 wrote 821 pages of it.
# What finds a row by its id alone still finds it: conflicts shown by a
# pull and by show (t2100), a commit on two logs (t9020), a seen chain
# (t9350).
test_description='a pull changes few pages of the index of event ids'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

# pages DB NAME: the pages of DB's b-tree NAME, one a line
pages () {
	sqlite3 "$1" "SELECT pageno FROM dbstat WHERE name = '$2' ORDER BY pageno"
}

# changed A B: the numbers of the 4 KiB pages that differ between files A and B
changed () {
	perl -e 'open my $a, "<", $ARGV[0] or die; open my $b, "<", $ARGV[1] or die;
		binmode $a; binmode $b;
		for (my $n = 1;; $n++) {
			my $x = read($a, my $pa, 4096); my $y = read($b, my $pb, 4096);
			last unless $x || $y;
			print "$n\n" if $pa ne $pb;
		}' "$1" "$2"
}

test_expect_success SQLITE 'setup: an office of 20,000 issues and its clone' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	open_issues_csv 20000 base >base.csv &&
	at xq issue import "$(pwd)/base.csv" >/dev/null &&
	zdh clone xq/.zdh ya --replica yanan --prefix YA -q &&
	sqlite3 ya/.zdh/index.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
	test "$(sqlite3 ya/.zdh/index.db "SELECT count(*) FROM events")" = 20000
'

test_expect_success SQLITE 'a pull of 300 new events changes few pages of events_id' '
	open_issues_csv 300 new >new.csv &&
	at xq issue import "$(pwd)/new.csv" >/dev/null &&
	cp ya/.zdh/index.db before.db &&
	at ya pull -q &&
	sqlite3 ya/.zdh/index.db "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null &&
	test "$(sqlite3 ya/.zdh/index.db "SELECT count(*) FROM events")" = 20300 &&
	changed before.db ya/.zdh/index.db | sort >changed &&
	pages ya/.zdh/index.db events_id | sort >ids &&
	test "$(wc -l <ids)" -gt 100 &&
	comm -12 changed ids >both &&
	test_line_count -lt 20 both
'

# The founder's claims and the trust are read from the person events,
# through an index of them made when first needed: with no person folded
# and none new, there is none to read, and no such index to make (the
# first pull after a clone of 100,000 events spent a sixth of its
# instructions making it).
test_expect_success SQLITE 'a pull with no person event makes no index of person events' '
	sqlite3 ya/.zdh/index.db "SELECT name FROM sqlite_master WHERE name = '"'events_person'"'" >made &&
	test_must_be_empty made
'

test_expect_success SQLITE 'and every event is still found by its id' '
	at ya verify >/dev/null &&
	at ya reindex >/dev/null &&
	at ya export >after-reindex &&
	at xq export >expect &&
	test_cmp expect after-reindex
'

test_done
