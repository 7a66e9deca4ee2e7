#!/bin/sh
# Two offices (and the hub they sync through) record votes, a change of
# vote, consents and the close of the same decision at once, in a random
# mix; for many seeds, syncs in a random order leave every replica with
# the same decision (status, votes, explanation), the same export, verify
# clean, and every event written still there — the votes that came after
# the close in the fold order kept in the history with no effect.
test_description='two offices voting on one decision converge in any sync order'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

SEEDS=${ZDH_SYNC_SEEDS:-6}

vote_of () {
	case $(rnd 3) in 0) echo for ;; 1) echo against ;; 2) echo abstain ;; esac
}

test_expect_success 'setup: the hub office, its council and a decision open for votes' '
	zdh init --replica hub --prefix HB hub >/dev/null &&
	at hub org add --kind area 新桥 >/dev/null &&
	at hub council add 新桥理事会 --area 新桥 --date 2024-01-10 >/dev/null &&
	for m in 甲 乙 丙 丁 戊 己
	do
		at hub council member add HB-C1 $m --role member --party resident --date 2024-01-10 || return 1
	done &&
	at hub council member add HB-C1 秘书 --role secretary --date 2024-01-10 &&
	at hub council charter HB-C1 --quorum 2/3 --date 2024-01-10 &&
	at hub council meeting add HB-C1 --present 甲,乙,丙,丁,戊 --date 2024-02-01 >/dev/null &&
	at hub council decide HB-M1 --motion "加装电梯" --party 一楼 --party 二楼 --date 2024-02-01 >/dev/null
'

round () {
	rnd_start $1
	rm -rf r$seed && mkdir r$seed && cp -r hub r$seed/hub &&
	(
		cd r$seed &&
		at hub replica confirm >/dev/null &&	# a copy of the setup, the only one that writes
		zdh clone hub a --replica xinqiao --prefix XQ --quiet &&
		zdh clone hub b --replica yanan --prefix YA --quiet &&
		# before any sync: both offices take votes, one of them closes
		for m in 甲 乙 丙
		do
			at a council vote HB-D1 --member $m --vote $(vote_of) >/dev/null || exit 1
		done &&
		for m in 丙 丁 戊
		do
			at b council vote HB-D1 --member $m --vote $(vote_of) >/dev/null || exit 1
		done &&
		at hub council consent HB-D1 --party 一楼 >/dev/null &&
		for step in 1 2 3 4 5 6 7 8
		do
			case $(rnd 7) in
			0) at a sync --quiet ;;
			1) at b sync --quiet ;;
			2) at a pull --quiet ;;
			3) at b push --quiet ;;
			4) at b council vote HB-D1 --member 己 --vote $(vote_of) >/dev/null 2>&1 || true ;;
			5) at a council vote HB-D1 --member 甲 --vote $(vote_of) >/dev/null 2>&1 || true ;;
			6) if test $(rnd 2) = 0
			   then at a council close HB-D1 >/dev/null 2>&1 || true
			   else at b council close HB-D1 >/dev/null 2>&1 || true
			   fi ;;
			esac || exit 1
			if test $(rnd 3) = 0
			then
				at b council consent HB-D1 --party 二楼 $(test $(rnd 2) = 0 && echo --refused) \
					>/dev/null 2>&1 || true
			fi
		done &&
		# a last vote and a close on each side, before they hear of each other
		at a council vote HB-D1 --member 乙 --vote $(vote_of) >/dev/null 2>&1 ;
		at b council close HB-D1 >/dev/null 2>&1 ;
		at a council close HB-D1 >/dev/null 2>&1 ;
		at b council vote HB-D1 --member 丁 --vote $(vote_of) >/dev/null 2>&1 ;
		settle_three &&
		at hub council decision show HB-D1 --json | grep -v "\"recorded\": " >hub.show &&
		at a council decision show HB-D1 --json | grep -v "\"recorded\": " >a.show &&
		at b council decision show HB-D1 --json | grep -v "\"recorded\": " >b.show &&
		cmp hub.show a.show && cmp hub.show b.show &&
		grep "\"closed\": true" a.show >/dev/null &&
		# rebuilt from nothing: the same decision
		at a reindex >/dev/null &&
		at a council decision show HB-D1 --json | grep -v "\"recorded\": " >a.after &&
		cmp a.show a.after &&
		three_hold_written
	) && rm -rf r$seed
}

test_expect_success "$SEEDS random orders of syncs all converge" '
	s=1 &&
	while test $s -le $SEEDS
	do
		round $s || { echo "seed $s did not converge (tree kept in r$s)"; return 1; }
		s=$((s + 1))
	done
'

test_expect_success 'a vote written before hearing of the close is kept with no effect' '
	rm -rf r1000 && mkdir r1000 && cp -r hub r1000/hub && cd r1000 &&
	at hub replica confirm >/dev/null &&
	zdh clone hub a --replica xinqiao --prefix XQ --quiet &&
	zdh clone hub b --replica yanan --prefix YA --quiet &&
	at a council vote HB-D1 --member 甲 --vote for >/dev/null &&
	at a council close HB-D1 >/dev/null &&
	at a sync --quiet &&
	at b council vote HB-D1 --member 乙 --vote against >/dev/null &&
	at b council vote HB-D1 --member 丙 --vote against >/dev/null &&
	at b sync --quiet && at a sync --quiet &&
	at a council decision show HB-D1 --json >a.json &&
	at b council decision show HB-D1 --json >b.json &&
	grep -v "\"recorded\": " a.json >a.cmp &&
	grep -v "\"recorded\": " b.json >b.cmp &&
	test_cmp a.cmp b.cmp &&
	at a log --record HB-D1 --json >log.json &&
	grep -c "\"op\": \"vote\"" log.json >votes &&
	echo 3 >expect &&
	test_cmp expect votes &&
	test $(grep -c "\"effect\": false" log.json) -ge 1 &&
	grep "the decision is closed; a vote cannot be recorded" log.json
'

test_done
