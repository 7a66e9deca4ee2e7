#!/bin/sh
# Three offices pair the last place of one offer at the same time.  The
# place is taken by an event on the offer's record, so the offer's fold
# decides: whatever the order of the syncs, every replica keeps the same
# pairing, the others hold no place (their take has no effect, the pull
# that brings the winner says so, the offer's history shows it), match
# counts the offer full and not over, a delivery to a pairing without a
# place is refused, and ending the pairing frees its place.
test_description='menu capacity under sync: the later pairings hold no place, on every replica'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: the hub office, an offer with one place a month, three needs' '
	zdh init --replica hub --prefix HB hub >/dev/null &&
	at hub org add --kind area 新桥 >/dev/null &&
	at hub org add --kind unit 上海博物馆 >/dev/null &&
	at hub menu offer add 孤老结对助老 --provider 上海博物馆 --category elderly --capacity 1 \
		--date 2026-02-01 >/dev/null &&
	for n in 孤老陪伴 独居老人 困难家庭
	do
		at hub menu need add $n --area 新桥 --category elderly --date 2026-02-01 >/dev/null ||
		return 1
	done
'

# round N ORDER: a fresh copy of the setup, two offices cloned from it, the
# three pair the last place before any sync, then the syncs of ORDER
# (a word of letters: a = xinqiao syncs, b = yanan syncs) and a last
# round so that everyone has everything.
round () {
	rm -rf r$1 && mkdir r$1 && cp -r hub r$1/hub &&
	(
		cd r$1 &&
		at hub replica confirm >/dev/null &&
		zdh clone hub a --replica xinqiao --prefix XQ --quiet &&
		zdh clone hub b --replica yanan --prefix YA --quiet &&
		at hub menu pair HB-N3 HB-F1 --from 2026-04-01 --date 2026-03-02 >/dev/null &&
		at a menu pair HB-N1 HB-F1 --from 2026-04-01 --date 2026-03-02 >/dev/null &&
		at b menu pair HB-N2 HB-F1 --from 2026-04-01 --date 2026-03-02 >/dev/null &&
		for s in $(echo $2 | sed "s/./& /g")
		do
			case $s in
			a) at a sync 2>>a.news ;;
			b) at b sync 2>>b.news ;;
			esac || return 1
		done &&
		at a sync -q && at b sync -q && at a sync -q
	)
}

test_expect_success 'each office pairs within the capacity it sees' '
	round 1 ab &&
	round 2 ba &&
	round 3 bba
'

test_expect_success 'in every order, every replica keeps the same pairing and exports the same' '
	for r in 1 2 3
	do
		for o in a b
		do
			at r$r/$o export >r$r/$o.export &&
			at r$r/$o menu pairings --all --format csv >r$r/$o.pairings || return 1
		done &&
		test_cmp r$r/a.export r$r/b.export &&
		test_cmp r1/a.pairings r$r/a.pairings &&
		test_cmp r1/a.pairings r$r/b.pairings &&
		at r$r/a verify -q &&
		at r$r/b verify -q || return 1
	done &&
	cat >expect <<-\EOT &&
	id,need,offer,from,until,status
	HB-P1,HB-N3,HB-F1,2026-04-01,2027-03-31,active
	XQ-P1,HB-N1,HB-F1,2026-04-01,2027-03-31,no-place
	YA-P1,HB-N2,HB-F1,2026-04-01,2027-03-31,no-place
	EOT
	test_cmp expect r1/a.pairings
'

test_expect_success 'the pull that brings the first pairing says which take had no effect, and why' '
	grep "^HB-F1 take had no effect: take by .* came first (offer HB-F1 is full in 2026-04: capacity 1 a month, 1 taken (HB-P1))$" r1/a.news &&
	grep "^HB-F1 take had no effect: take by .* came first (offer HB-F1 is full in 2026-04: capacity 1 a month, 1 taken (HB-P1))$" r2/b.news
'

test_expect_success 'the history shows the takes without effect; show and match agree' '
	cd r1 &&
	at a log --record HB-F1 >log &&
	grep -c "take .*\[no effect: offer HB-F1 is full in 2026-04" log >n &&
	echo 2 >expect &&
	test_cmp expect n &&
	at b menu show YA-P1 >show &&
	grep "^status:       no-place$" show &&
	grep "^no place:     offer HB-F1 is full in 2026-04: capacity 1 a month, 1 taken (HB-P1)$" show &&
	at b menu show HB-F1 >offer &&
	grep "^pairings:         HB-P1 XQ-P1(no place) YA-P1(no place)$" offer &&
	at b menu match HB-N2 --month 2026-04 >m &&
	grep "full in 2026-04 (1 of 1 taken)" m &&
	at b menu pairings --format csv >active &&
	test_line_count = 2 active
'

test_expect_success 'a delivery to a pairing without a place is refused, nothing written' '
	cd r1 &&
	at b log >before &&
	test_expect_code 1 at b menu deliver YA-P1 --people 2 --date 2026-04-03 2>err &&
	echo "zdh: pairing YA-P1 holds no place of HB-F1" >expect &&
	test_cmp expect err &&
	at b log >after &&
	test_cmp before after
'

test_expect_success 'ending the pairing that holds the place frees it for a new one, on every replica' '
	cd r1 &&
	at b menu unpair YA-P1 -m 另行安排 --date 2026-03-05 &&
	at a menu unpair HB-P1 -m 博物馆调整 --date 2026-03-05 &&
	at a log --record HB-F1 >log &&
	grep "offer release HB-F1 HB-P1" log &&
	at a sync -q && at b sync -q && at a sync -q &&
	at a log --record HB-F1 >log &&
	! grep "offer release HB-F1 YA-P1" log &&
	at a menu pair HB-N2 HB-F1 --from 2026-05-01 --date 2026-03-06 >id &&
	echo XQ-P2 >expect &&
	test_cmp expect id &&
	at a sync -q && at b sync -q && at a sync -q &&
	at a menu pairings --format csv >a.p &&
	at b menu pairings --format csv >b.p &&
	test_cmp a.p b.p &&
	grep "^XQ-P2,HB-N2,HB-F1,2026-05-01,2027-04-30,active$" a.p
'

test_expect_success 'a rebuilt index folds the same' '
	cd r2 &&
	at a export >before &&
	rm a/.zdh/index.db &&
	at a export >after &&
	test_cmp before after
'

test_done
