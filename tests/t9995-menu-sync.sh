#!/bin/sh
# Three replicas of the resource menu — a hub office and two offices that
# sync through it — change the same offers, needs and pairings at once:
# two pairings of the last place of an offer, a retire of an offer while
# another office pairs it, two ends of one pairing, a delivery under a
# pairing another office ends, two edits of one field.  For many seeds,
# syncs in a random order leave every replica with the same export,
# verify clean, every event written still there, no offer holding more
# places than its capacity, and each disagreement visible as zdh-menu(1)
# promises: the take that lost says so in the offer's history and its
# pairing is no-place; the two titles are a conflict in show and lists.
test_description='the resource menu converges through any order of syncs'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

SEEDS=${ZDH_SYNC_SEEDS:-6}

test_expect_success 'setup: the hub office, its offers, needs and a pairing' '
	zdh init --replica hub --prefix HB hub >/dev/null &&
	at hub org add --kind area 新桥 >/dev/null &&
	at hub org add --kind unit 上海博物馆 >/dev/null &&
	at hub menu offer add 孤老结对助老 --provider 上海博物馆 --category elderly \
		--capacity 1 --date 2026-02-01 >/dev/null &&
	at hub menu offer add 青少年文化体验 --provider 上海博物馆 --category education \
		--capacity 2 --date 2026-02-01 >/dev/null &&
	at hub menu offer add 助老理发 --provider 上海博物馆 --category elderly \
		--capacity 1 --date 2026-02-01 >/dev/null &&
	for n in 孤老陪伴 独居老人 送餐 学生托管 助浴
	do
		at hub menu need add $n --area 新桥 --category elderly --date 2026-02-01 >/dev/null ||
		return 1
	done &&
	at hub menu pair HB-N5 HB-F2 --from 2026-04-01 --date 2026-02-02 >out &&
	echo HB-P1 >expect &&
	test_cmp expect out &&
	at hub menu deliver HB-P1 --people 3 --hours 2 --date 2026-04-15 >out &&
	echo HB-Y1 >expect &&
	test_cmp expect out
'

# capacity_kept OFFER CAP DIR: no month of 2026-04..2027-12 holds more than
# CAP active pairings of OFFER in DIR
capacity_kept () {
	at "$3" menu pairings --offer "$1" --format csv >held &&
	awk -F, -v cap="$2" '
		NR > 1 && $6 == "active" { from[++n] = substr($4, 1, 7); until[n] = substr($5, 1, 7) }
		END {
			for (y = 2026; y <= 2027; y++)
				for (m = (y == 2026 ? 4 : 1); m <= 12; m++) {
					mon = sprintf("%d-%02d", y, m); used = 0
					for (i = 1; i <= n; i++)
						if (from[i] <= mon && until[i] >= mon)
							used++
					if (used > cap) { print "over capacity in " mon ": " used; exit 1 }
				}
		}' held
}

# placeless_told DIR: every pairing of DIR with no place says why in its
# show, and its offer's history shows its take with no effect
placeless_told () {
	at "$1" menu pairings --all --format csv >all &&
	for p in $(awk -F, "\$6 == \"no-place\" { print \$1 \":\" \$3 }" all)
	do
		at "$1" menu show ${p%%:*} >pshow &&
		grep "no place: *offer ${p#*:} is full in " pshow >/dev/null &&
		at "$1" menu show ${p#*:} >oshow &&
		grep "take .*pairing=${p%%:*} .*\[no effect: offer ${p#*:} is full in " oshow >/dev/null ||
		return 1
	done
}

# some_pairing DIR OFFER: an active pairing of OFFER that DIR holds, or nothing
some_pairing () {
	at "$1" menu pairings --offer "$2" --format csv | awk -F, -v k=$(rnd 3) '
		NR > 1 && $6 == "active" { p[n++] = $1 }
		END { if (n) print p[k % n] }'
}

round () {
	rnd_start $1
	rm -rf r$seed && mkdir r$seed && cp -r hub r$seed/hub &&
	(
		cd r$seed &&
		at hub replica confirm >/dev/null &&	# a copy of the setup, the only one that writes
		zdh clone hub a --replica xinqiao --prefix XQ --quiet &&
		zdh clone hub b --replica yanan --prefix YA --quiet &&
		# before any sync: the last place of HB-F1 paired at both offices
		at a menu pair HB-N1 HB-F1 --from 2026-04-01 --date 2026-03-02 >/dev/null &&
		at b menu pair HB-N2 HB-F1 --from 2026-0$((4 + $(rnd 3)))-01 --date 2026-03-02 >/dev/null &&
		# one field edited at two offices
		at a menu offer edit HB-F2 --title 青少年文化体验（新桥） --date 2026-03-02 >/dev/null &&
		at hub menu offer edit HB-F2 --title 青少年文化体验（博物馆） --date 2026-03-02 >/dev/null &&
		# the feedback on one delivery given at two offices
		at a menu feedback HB-Y1 --satisfaction 5 -m 老人很开心 --date 2026-04-20 >/dev/null &&
		at b menu feedback HB-Y1 --satisfaction $((1 + seed % 4)) -m 时间太短 --date 2026-04-2$((seed % 2)) \
			>/dev/null &&
		# an offer retired at one office while the other pairs it
		at b menu offer retire HB-F3 -m 理发师离职 --date 2026-03-03 >/dev/null &&
		at a menu pair HB-N3 HB-F3 --from 2026-04-01 --date 2026-03-03 >/dev/null &&
		# one pairing ended at one office, ended or delivered under at the other
		at a menu unpair HB-P1 -m 结束 --date 2026-05-10 >/dev/null &&
		if test $(rnd 2) = 0
		then
			at b menu unpair HB-P1 -m 到期 --date 2026-05-11 >/dev/null
		else
			at b menu deliver HB-P1 --people 3 --hours 2 --date 2026-05-12 >/dev/null
		fi &&
		for step in 1 2 3 4 5 6 7 8
		do
			case $(rnd 8) in
			0) at a sync --quiet ;;
			1) at b sync --quiet ;;
			2) at a pull --quiet ;;
			3) at b push --quiet ;;
			4) at a menu pair HB-N$((1 + $(rnd 4))) HB-F2 --from 2026-0$((5 + $(rnd 3)))-01 \
				--date 2026-03-1$step >/dev/null 2>&1 || true ;;
			5) at b menu pair HB-N$((1 + $(rnd 4))) HB-F2 --from 2026-0$((5 + $(rnd 3)))-01 \
				--date 2026-03-1$step >/dev/null 2>&1 || true ;;
			6) p=$(some_pairing b HB-F2) &&
			   if test -n "$p"
			   then at b menu unpair $p --date 2026-0$((6 + $(rnd 3)))-15 >/dev/null 2>&1 || true
			   fi ;;
			7) p=$(some_pairing a HB-F2) &&
			   if test -n "$p"
			   then
				at a menu deliver $p --people 2 --hours 1.5 --date 2026-09-0$step \
					>/dev/null 2>&1 || true
			   fi ;;
			esac || exit 1
			if test $(rnd 3) = 0
			then
				at b menu need edit HB-N4 --note "第$step次回访" --date 2026-03-2$step \
					>/dev/null || exit 1
			fi
		done &&
		# a last race for the places of HB-F2, before the offices hear of it
		at a menu pair HB-N4 HB-F2 --from 2026-10-01 --date 2026-03-30 >/dev/null 2>&1 ;
		at b menu pair HB-N3 HB-F2 --from 2026-10-01 --date 2026-03-30 >/dev/null 2>&1 ;
		settle_three &&
		three_hold_written &&
		n=$(at hub log --json | grep -c "\"id\": ") &&
		test "$n" = "$written" &&
		for d in hub a b
		do
			at $d menu pairings --all --json >$d.pairings || exit 1
		done &&
		cmp hub.pairings a.pairings && cmp hub.pairings b.pairings &&
		# no offer beyond its capacity; of the two pairings of the last
		# place of HB-F1, exactly one holds none, and says so
		capacity_kept HB-F1 1 a && capacity_kept HB-F2 2 a &&
		at a menu pairings --offer HB-F1 --all --format csv >f1 &&
		test $(grep -c ",no-place$" f1) = 1 &&
		placeless_told a &&
		# the two titles: a conflict in show, the lists and zdh conflicts
		at b menu show HB-F2 >show &&
		grep "^conflicts: *title: \"青少年文化体验（" show >/dev/null &&
		at b menu offer list >list &&
		grep "^HB-F2! " list >/dev/null &&
		at b conflicts --no-header >conflicts &&
		grep "^offer  *HB-F2  *title " conflicts >/dev/null &&
		# the two feedbacks: a conflict of both fields in the delivery's show
		at a menu show HB-Y1 >show &&
		grep "^conflicts: *feedback: \"" show >/dev/null &&
		grep "^ *satisfaction: 5 (.*) vs [1-4] (\|^ *satisfaction: [1-4] (.*) vs 5 (" show >/dev/null &&
		grep "^delivery  *HB-Y1  *satisfaction " conflicts >/dev/null &&
		# the offer retired while paired: retired, the pairing active and
		# holding no delivery from now on
		at a menu offer list --all --format csv >offers &&
		grep "^HB-F3,.*,retired$" offers >/dev/null &&
		p3=$(at a menu pairings --offer HB-F3 --format csv | awk -F, "NR > 1 { print \$1 }") &&
		test -n "$p3" &&
		test_must_fail at a menu deliver $p3 --people 1 --date 2026-04-20 2>err &&
		grep "offer HB-F3 is retired\|HB-F3.*retired" err >/dev/null &&
		# rebuilt from nothing, the records cached one at a time: the same state
		(ZDH_TEST_RECORD_CACHE=1 && export ZDH_TEST_RECORD_CACHE && at a reindex >/dev/null) &&
		at a export >a.again && cmp hub.json a.again &&
		at a menu pairings --all --json >a.pairings.again &&
		cmp hub.pairings a.pairings.again
	) && rm -rf r$seed
}

# seed 9: the take that lost to two places named them in the order the
# offer's state had them, which its history made (a rebuilt index named
# them the other way round): now in id order.  (Seed 11 found it while
# rnd gave one number all round; of the seeds 1-40 now, 1, 2, 5, 7, 9,
# 10, ... find it.)
test_expect_success 'seed 9: a lost take names the places in id order everywhere' '
	round 9
'

test_expect_success "$SEEDS random orders of syncs all converge" '
	s=1 &&
	while test $s -le $SEEDS
	do
		round $s || { echo "seed $s did not converge (tree kept in r$s)"; return 1; }
		s=$((s + 1))
	done
'

test_done
