#!/bin/sh
# Three offices edit one issue in turn: xinqiao sets the title, yanan
# comments having seen it, tianjin sets the title having seen yanan's
# comment.  Whether tianjin saw xinqiao's edit is found by following the
# seen links two steps; that walk left its statement on a row, which kept
# a read transaction open, and the end of every index rebuild (setting the
# journal mode) failed: "cannot change into wal mode from within a
# transaction", exit 128.  zdh reindex, a clone, and every command after
# index.db was removed failed, on every office holding the three events.
test_description='a rebuild after a two-step seen chain'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: three offices, one issue edited in turn' '
	git init -q --bare hub.git &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq issue add 路灯 >/dev/null &&
	two_offices_cloned origin &&
	zdh clone hub.git tj --replica tianjin --prefix TJ -q &&
	at xq issue edit XQ-1 --title 路灯坏了 && at xq push -q &&
	at ya pull -q && at ya issue comment XQ-1 -m 看过 && at ya push -q &&
	at tj pull -q && at tj issue edit XQ-1 --title 路灯修好了 && at tj push -q &&
	at xq pull -q && at ya pull -q
'

test_expect_success 'reindex rebuilds, on each office' '
	for r in xq ya tj
	do
		at $r reindex >out &&
		grep "^reindexed 4 events from 3 logs$" out || return 1
	done
'

test_expect_success 'a command after index.db was removed rebuilds it' '
	rm -f tj/.zdh/index.db tj/.zdh/index.db-wal tj/.zdh/index.db-shm &&
	at tj issue list --format csv >out &&
	grep "^XQ-1,路灯修好了," out
'

test_expect_success 'a clone of the hub is made' '
	zdh clone hub.git nx --replica nanxi --prefix NX -q &&
	at nx issue list --format csv >out &&
	grep "^XQ-1,路灯修好了," out
'

test_expect_success 'tianjin had seen every title: no conflict, the same everywhere' '
	for r in xq ya tj nx
	do
		at $r conflicts --no-header >c &&
		test_must_be_empty c &&
		at $r export >$r.json || return 1
	done &&
	test_cmp xq.json tj.json && test_cmp xq.json nx.json
'

test_done
