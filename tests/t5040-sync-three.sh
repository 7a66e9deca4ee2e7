#!/bin/sh
# Three replicas — a hub that is itself a zdh office, and two offices that
# sync through it — edit the same issues at once: claims by two
# departments, resolve against reopen, edits of one field, comments.  For
# many seeds, syncs in a random order leave every replica with the same
# export, verify clean, and every event written still there.
test_description='three replicas converge through any order of syncs'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

SEEDS=${ZDH_SYNC_SEEDS:-10}	# (make stress: 100)

test_expect_success 'setup: the hub office and its registry' '
	zdh init --replica hub --prefix HB hub >/dev/null &&
	at hub org add --kind area 新桥 >/dev/null &&
	for d in 房管办 派出所 城管中队
	do
		at hub org add --kind dept $d >/dev/null || return 1
	done
'

# The start every round shares, made once, in r/, then kept as tmpl/ (a
# clone's remote is its hub's absolute path, .../r/hub/.zdh, which each
# round's copy in r/ has again): the hub's issues, a and b cloned, the
# same issues edited on the three replicas before any sync
test_expect_success 'setup: the three replicas before any sync, where every round starts' '
	rm -rf r && mkdir r && cp -r hub r/hub &&
	(
		cd r &&
		at hub replica confirm >/dev/null &&	# a copy of the setup, the only one that writes
		at hub issue add "52弄车辆乱停" --area 新桥 >/dev/null &&
		at hub issue add "楼道堆物" --area 新桥 >/dev/null &&
		at hub issue claim HB-1 --dept 城管中队 >/dev/null &&
		at hub issue resolve HB-1 -m "弄口道闸已装" >/dev/null &&
		zdh clone hub a --replica xinqiao --prefix XQ --quiet &&
		zdh clone hub b --replica yanan --prefix YA --quiet &&
		# the same issues edited on the three replicas before any sync
		at a issue claim HB-2 --dept 房管办 >/dev/null &&
		at b issue claim HB-2 --dept 派出所 >/dev/null &&
		at a issue reopen HB-1 -m "晚上仍有车辆" >/dev/null &&
		at b issue close HB-1 --satisfaction 5 >/dev/null &&
		at hub issue edit HB-2 --title "楼道堆物（3号楼）" >/dev/null &&
		at a issue edit HB-2 --title "楼道堆物，消防通道" >/dev/null &&
		at b issue comment HB-2 -m "@派出所 请协助" >/dev/null &&
		at hub issue comment HB-1 -m "猫头鹰巡查队夜查" >/dev/null
	) &&
	rm -rf tmpl && mv r tmpl
'

round () {
	rnd_start $1
	rm -rf r && cp -a tmpl r &&
	(
		cd r &&
		# copies of the start, each the only one that writes as its replica
		at hub replica confirm >/dev/null &&
		at a replica confirm >/dev/null &&
		at b replica confirm >/dev/null &&
		for step in 1 2 3 4 5 6 7 8
		do
			case $(rnd 5) in
			0) at a sync --quiet ;;
			1) at b sync --quiet ;;
			2) at a pull --quiet ;;
			3) at b push --quiet ;;
			4) at b issue comment HB-2 -m "第$step次回访" >/dev/null ;;
			esac || exit 1
			if test $(rnd 3) = 0
			then
				at a issue comment HB-1 -m "巡查$step" >/dev/null || exit 1
			fi
		done &&
		settle_three &&
		# rebuilt from nothing, the records cached one at a time: the same state
		at a issue list --json >list.before &&
		at a issue show HB-2 --json >show.before &&
		(ZDH_TEST_RECORD_CACHE=1 && export ZDH_TEST_RECORD_CACHE && at a reindex >/dev/null) &&
		at a issue list --json >list.after &&
		at a issue show HB-2 --json >show.after &&
		cmp list.before list.after && cmp show.before show.after &&
		three_hold_written &&
		n=$(at hub log --json | grep -c "\"id\": ") &&
		test "$n" = "$written"
	) && rm -rf r
}

test_expect_success "$SEEDS random orders of syncs all converge" '
	s=1 &&
	while test $s -le $SEEDS
	do
		round $s || { echo "seed $s did not converge (tree kept in r)"; return 1; }
		s=$((s + 1))
	done
'

test_expect_success 'concurrent claims: one wins on every replica, the other is kept without effect' '
	rm -rf r1000 && mkdir r1000 && cp -r hub r1000/hub && cd r1000 &&
	at hub replica confirm >/dev/null &&
	at hub issue add "楼道堆物" --area 新桥 >/dev/null &&
	zdh clone hub a --replica xinqiao --prefix XQ --quiet &&
	zdh clone hub b --replica yanan --prefix YA --quiet &&
	at a issue claim HB-1 --dept 房管办 >/dev/null &&
	at b issue claim HB-1 --dept 派出所 >/dev/null &&
	at a sync --quiet && at b sync --quiet && at a sync --quiet &&
	at a issue show HB-1 --json >a.json &&
	at b issue show HB-1 --json >b.json &&
	grep "\"dept\": " a.json >a.dept &&
	grep "\"dept\": " b.json >b.dept &&
	test_cmp a.dept b.dept &&
	at a log --record HB-1 --json >log.json &&
	grep -c "\"op\": \"claim\"" log.json >claims &&
	echo 2 >expect &&
	test_cmp expect claims &&
	grep "\"effect\": false" log.json
'

test_done
