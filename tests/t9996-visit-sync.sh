#!/bin/sh
# Three replicas — a hub office and two offices that sync through it —
# change the same liaisons at once and record visits of them: an edit of
# a liaison while another office retires it, a visit by a liaison another
# office retires, two edits of one field, visits that raise issues.  For
# many seeds, syncs in a random order leave every replica with the same
# export, verify clean, every event written still there, and each
# disagreement visible: the edit after the retire says it had no effect,
# the two departments are a conflict in show, the lists and zdh conflicts.
test_description='visits and liaisons converge through any order of syncs'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

SEEDS=${ZDH_SYNC_SEEDS:-6}

test_expect_success 'setup: the hub office, its registry and liaisons' '
	zdh init --replica hub --prefix HB hub >/dev/null &&
	at hub org add --kind area 新桥 >/dev/null &&
	at hub org add --kind area 延安 >/dev/null &&
	for d in 派出所 房管办 城管中队
	do
		at hub org add --kind dept $d >/dev/null || return 1
	done &&
	at hub visit liaison add 王强 --dept 派出所 --areas 新桥 --date 2026-02-01 >/dev/null &&
	at hub visit liaison add 李敏 --dept 房管办 --areas 新桥,延安 --date 2026-02-01 >/dev/null &&
	at hub visit liaison add 张伟 --dept 城管中队 --areas 延安 --date 2026-02-01 >/dev/null &&
	at hub visit liaison list --format csv >list &&
	test_line_count = 4 list
'

office () {
	case $(rnd 2) in 0) echo a ;; 1) echo b ;; esac
}

round () {
	rnd_start $1
	rm -rf r$seed && mkdir r$seed && cp -r hub r$seed/hub &&
	(
		cd r$seed &&
		at hub replica confirm >/dev/null &&	# a copy of the setup, the only one that writes
		zdh clone hub a --replica xinqiao --prefix XQ --quiet &&
		zdh clone hub b --replica yanan --prefix YA --quiet &&
		# before any sync: a liaison edited at one office, retired at
		# the other, which the first still sends visiting
		at a visit liaison edit 王强 --phone 1380000000$(rnd 10) --date 2026-03-0$((1 + $(rnd 4))) \
			>/dev/null &&
		at b visit liaison retire 王强 -m 调岗 --date 2026-03-0$((1 + $(rnd 4))) >/dev/null &&
		at a visit add --area 新桥 --liaison 王强 -m 楼道堆物 --date 2026-03-05 >/dev/null &&
		# one field edited at two offices
		at a visit liaison edit 李敏 --dept 派出所 --date 2026-03-02 >/dev/null &&
		at hub visit liaison edit HB-L2 --dept 城管中队 --date 2026-03-02 >/dev/null &&
		for step in 1 2 3 4 5 6 7 8
		do
			case $(rnd 7) in
			0) at a sync --quiet ;;
			1) at b sync --quiet ;;
			2) at a pull --quiet ;;
			3) at b push --quiet ;;
			4) at $(office) visit add --area 延安 --liaison 张伟 -m "第$step次走访" \
				--date 2026-03-1$step >/dev/null ;;
			5) at $(office) visit add --area 延安 --liaison 李敏 -m "商户垃圾$step" \
				--raises "商户垃圾$step" --category environment --date 2026-03-1$step >/dev/null ;;
			6) at $(office) visit liaison edit 张伟 --areas $(test $(rnd 2) = 0 && echo 延安 || echo 新桥,延安) \
				--date 2026-03-2$step >/dev/null 2>&1 || true ;;
			esac || exit 1
		done &&
		# a last visit and edit on each side before they hear of each other
		at a visit add --area 延安 --liaison 李敏 -m 回访 --date 2026-03-30 >/dev/null &&
		at b visit liaison edit 李敏 --phone 13900000000 --date 2026-03-30 >/dev/null &&
		settle_three &&
		three_hold_written &&
		n=$(at hub log --json | grep -c "\"id\": ") &&
		test "$n" = "$written" &&
		for d in hub a b
		do
			at $d visit list --json >$d.visits &&
			at $d visit liaison list --all --json >$d.liaisons || exit 1
		done &&
		cmp hub.visits a.visits && cmp hub.visits b.visits &&
		cmp hub.liaisons a.liaisons && cmp hub.liaisons b.liaisons &&
		# the retire stands; the edit that came after it says why it had none
		at a visit liaison list --all --format csv >all &&
		grep "^HB-L1,王强,派出所,1,新桥,.*,retired$" all >/dev/null &&
		at b visit show HB-L1 >show &&
		if grep "edit .*phone=" show | grep -v "no effect" >/dev/null
		then
			test $(grep -c "^[0-9-]* [0-9:]*  .*  retire " show) = 1
		else
			grep "edit .*\[no effect: liaison HB-L1 is retired\]" show >/dev/null
		fi &&
		# the visit of the retired liaison is kept, with his department
		at b visit list --liaison HB-L1 --format csv >v &&
		grep ",新桥,王强,派出所,,楼道堆物$" v >/dev/null &&
		# the two departments: a conflict in show, the lists and zdh conflicts
		at b visit show 李敏 >show &&
		grep "^conflicts: *dept: \"" show >/dev/null &&
		at b visit liaison list >list &&
		grep "^HB-L2! " list >/dev/null &&
		at b conflicts --no-header >conflicts &&
		grep "^liaison  *HB-L2  *dept " conflicts >/dev/null &&
		# rebuilt from nothing, the records cached one at a time: the same state
		(ZDH_TEST_RECORD_CACHE=1 && export ZDH_TEST_RECORD_CACHE && at a reindex >/dev/null) &&
		at a export >a.again && cmp hub.json a.again &&
		at a visit liaison list --all --json >a.liaisons.again &&
		cmp hub.liaisons a.liaisons.again
	) && rm -rf r$seed
}

test_expect_success 'two offices adding a liaison of one name: both stay, and say so' '
	rm -rf r0 && mkdir r0 && cp -r hub r0/hub && (
		cd r0 &&
		at hub replica confirm >/dev/null &&
		zdh clone hub a --replica xinqiao --prefix XQ --quiet &&
		zdh clone hub b --replica yanan --prefix YA --quiet &&
		at a visit liaison add 赵磊 --dept 派出所 --areas 新桥 --date 2026-03-01 >out &&
		echo XQ-L1 >expect && test_cmp expect out &&
		at b visit liaison add 赵磊 --dept 房管办 --areas 延安 --date 2026-03-01 >out &&
		echo YA-L1 >expect && test_cmp expect out &&
		at a sync --quiet &&
		at b sync 2>news &&
		echo "XQ-L1 same name as YA-L1: a liaison named '\''赵磊'\''" >expect &&
		test_cmp expect news &&
		at a sync 2>news &&
		echo "YA-L1 same name as XQ-L1: a liaison named '\''赵磊'\''" >expect &&
		test_cmp expect news &&
		at a sync 2>news &&
		test_must_be_empty news &&
		# the shared name is refused, naming both; each is shown by its id
		test_expect_code 1 zdh -C a visit show 赵磊 2>err &&
		echo "zdh: '\''赵磊'\'' names more than one liaison: XQ-L1, YA-L1; give the id" >expect &&
		test_cmp expect err &&
		at a visit show xq-l1 >show &&
		head -1 show >first &&
		echo "XQ-L1  赵磊  派出所" >expect && test_cmp expect first &&
		grep "^same name: *YA-L1$" show &&
		at b visit show YA-L1 --json >json &&
		tr -d " \\n" <json | grep "\"same_name\":\[\"XQ-L1\"\]" &&
		zh -C b visit show YA-L1 >show &&
		grep "^同名联络员： *XQ-L1$" show &&
		# once one is retired, the name means the other
		at b visit liaison retire XQ-L1 --date 2026-03-02 >/dev/null &&
		at b visit show 赵磊 >show &&
		head -1 show >first &&
		echo "YA-L1  赵磊  房管办" >expect && test_cmp expect first &&
		! grep "same name" show &&
		at b export >b.json && at b sync --quiet && at a sync --quiet &&
		at a export >a.json && at b export >b.json && test_cmp a.json b.json
	)
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
