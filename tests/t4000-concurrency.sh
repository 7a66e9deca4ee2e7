#!/bin/sh
# Writers at the same moment: the write lock serialises them, nothing is
# lost, ids stay distinct, readers never fail; a held lock times out with
# exit 2.
. "$(dirname "$0")/lib.sh"

N=200

# adder TAG N: wait for ./go, then add N units named TAG1..TAGN; the ids
# printed go to TAG.ids, the numbers that failed to TAG.fail.
adder () {
	test_wait_for go 60 || return 1
	adder_i_=1
	while test "$adder_i_" -le "$2"
	do
		"$ZDH" org add --kind unit "$1$adder_i_" >>"$1.ids" 2>>"$1.err" ||
			echo "$adder_i_" >>"$1.fail"
		adder_i_=$((adder_i_ + 1))
	done
}

# reader: list until ./stop exists; failures to reader.fail
reader () {
	test_wait_for go 60 || return 1
	while ! test -e stop
	do
		"$ZDH" org list --all --format csv >/dev/null 2>>reader.err ||
			echo failed >>reader.fail
	done
}

# org_ids: the ids of every org, live or retired, one a line
org_ids () {
	zdh org list --all --format csv | sed -n "s/^\([A-Z][A-Z0-9]*-O[0-9][0-9]*\),.*/\1/p"
}

# has_names CSV N: CSV holds ",甲I," and ",乙I," somewhere for every I
# from 1 to N (what a grep of each finds, one awk for all); else says
# "missing I"
has_names () {
	awk -v n="$2" '{ all = all $0 "\n" }
		END {
			for (i = 1; i <= n; i++)
				if (!index(all, ",甲" i ",") || !index(all, ",乙" i ",")) {
					print "missing " i
					exit 1
				}
		}' "$1"
}

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	>甲.fail && >乙.fail && >reader.fail &&
	>甲.ids && >乙.ids
'

test_expect_success "two writers adding $N orgs each at the same moment, a reader beside them" '
	adder 甲 $N &
	p1=$!
	adder 乙 $N &
	p2=$!
	reader &
	p3=$!
	>go
	wait $p1
	wait $p2
	>stop
	wait $p3
	test_must_be_empty 甲.fail &&
	test_must_be_empty 乙.fail &&
	test_must_be_empty reader.fail
'

test_expect_success 'every add printed one id, all distinct' '
	cat 甲.ids 乙.ids >all.ids &&
	test_line_count = $((2 * N)) all.ids &&
	sort all.ids | uniq -d >dups &&
	test_must_be_empty dups &&
	! grep -v "^XQ-O[0-9][0-9]*$" all.ids
'

test_expect_success "all $((2 * N)) orgs are listed, under the ids printed" '
	org_ids | sort >listed &&
	test_line_count = $((2 * N)) listed &&
	sort all.ids >printed &&
	test_cmp printed listed
'

test_expect_success 'every name is there' '
	zdh org list --all --format csv >csv &&
	has_names csv $N
'

test_expect_success 'one event per add, verify and git fsck clean' '
	echo $((2 * N)) >expect &&
	log_count xinqiao >actual &&
	test_cmp expect actual &&
	zdh verify >out 2>&1 &&
	grep "verified 1 logs*, $((2 * N)) events" out &&
	git --git-dir=.zdh fsck --strict
'

test_expect_success 'the index agrees with a rebuilt one' '
	zdh export >before.export &&
	zdh reindex >/dev/null 2>&1 &&
	zdh export >after.export &&
	test_cmp before.export after.export
'

test_expect_success 'setup two CSV files of 100 rows' '
	i=1 &&
	echo "kind,name,district,code" >a.csv &&
	echo "kind,name,district,code" >b.csv &&
	while test $i -le 100
	do
		echo "group,丙$i,," >>a.csv &&
		echo "group,丁$i,," >>b.csv &&
		i=$((i + 1))
	done
'

test_expect_success 'two imports at the same moment' '
	rm -f go
	(test_wait_for go 60 && "$ZDH" org import a.csv >a.out 2>&1; echo $? >a.rc) &
	p1=$!
	(test_wait_for go 60 && "$ZDH" org import b.csv >b.out 2>&1; echo $? >b.rc) &
	p2=$!
	>go
	wait $p1
	wait $p2
	echo 0 >expect &&
	test_cmp expect a.rc &&
	test_cmp expect b.rc &&
	org_ids >listed &&
	test_line_count = $((2 * N + 200)) listed &&
	sort listed | uniq -d >dups &&
	test_must_be_empty dups &&
	zdh verify
'

test_expect_success 'setup a short lock timeout' '
	zdh config zdh.lock-timeout 1 &&
	snapshot before
'

test_expect_success FLOCK 'a write lock held too long: exit 2, nothing written' '
	flock -o .zdh/zdh.lock sh -c ": >held; sleep 4" &
	holder=$!
	test_wait_for held 10 &&
	start=$(date +%s) &&
	test_expect_code 2 zdh org add --kind dept 派出所 >out 2>err &&
	end=$(date +%s) &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: " err &&
	test $((end - start)) -le 3 &&
	check_unchanged before &&
	wait $holder &&
	zdh org add --kind dept 派出所 >id &&
	grep "^XQ-O[0-9]*$" id
'

# Every write of the config holds the write lock (a recovery takes over a
# config.lock left by a killed writer: zdh_config_set_locked)
test_expect_success FLOCK 'remote add waits for the write lock: exit 2, the config unchanged' '
	cp .zdh/config config.before &&
	flock -o .zdh/zdh.lock sh -c ": >held3; sleep 4" &
	holder=$!
	test_wait_for held3 10 &&
	test_expect_code 2 zdh remote add hub /nowhere/hub.git >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	test_cmp config.before .zdh/config &&
	wait $holder &&
	zdh remote add hub /nowhere/hub.git &&
	zdh remote remove hub
'

test_expect_success FLOCK 'readers do not wait for the write lock' '
	flock -o .zdh/zdh.lock sh -c ": >held2; sleep 4" &
	holder=$!
	test_wait_for held2 10 &&
	start=$(date +%s) &&
	zdh org list >/dev/null &&
	zdh export >/dev/null &&
	zdh log -n 1 >/dev/null &&
	end=$(date +%s) &&
	test $((end - start)) -le 2 &&
	wait $holder
'

# index.use held exclusively: a rebuild, an import or a large pull writing
# index.db whole; one suspended (^Z) held every other command without end
test_expect_success FLOCK 'the index held by a writer too long: readers and writers exit 2 after zdh.lock-timeout' '
	flock -x .zdh/index.use sh -c ": >held4; sleep 6" &
	holder=$!
	test_wait_for held4 10 &&
	start=$(date +%s) &&
	test_expect_code 2 zdh org list >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: the index is being written by another zdh command (waited 1 second)$" err &&
	test_expect_code 2 zdh org add --kind dept 城管 >out 2>err &&
	test_must_be_empty out &&
	grep "^zdh: the index is being written by another zdh command" err &&
	end=$(date +%s) &&
	test $((end - start)) -ge 2 &&
	test $((end - start)) -le 4 &&
	wait $holder &&
	zdh org list >list &&
	! grep 城管 list
'

# index.db removed by hand (it is only a cache) while another command had
# it open: a new file beside that one's -wal and -shm read them as its own,
# and every command failed with "disk I/O error" until it ended
test_expect_success FLOCK,SQLITE 'index.db removed while another command has it open: the next waits for that one, then rebuilds' '
	zdh config zdh.lock-timeout 5 &&
	zdh org list --all >before.list &&
	flock -s .zdh/index.use sqlite3 .zdh/index.db "BEGIN IMMEDIATE" "CREATE TABLE zz(a)" \
		"COMMIT" "BEGIN IMMEDIATE" "INSERT INTO zz VALUES(1)" ".shell : >held5; sleep 2" \
		"COMMIT" >holder.out 2>&1 &
	holder=$!
	test_wait_for held5 10 &&
	rm .zdh/index.db &&
	zdh org list --all >after.list 2>err &&
	test_must_be_empty err &&
	test_cmp before.list after.list &&
	wait $holder &&
	zdh org add --kind unit 丙0 >/dev/null &&
	zdh org list --all >list &&
	grep 丙0 list &&
	echo 0 >expect &&
	sqlite3 .zdh/index.db "SELECT count(*) FROM sqlite_master WHERE name = '"'"'zz'"'"'" >actual &&
	test_cmp expect actual
'

test_expect_success FLOCK,SQLITE 'index.db removed while another has it open too long: exit 2 after zdh.lock-timeout, then it is rebuilt' '
	zdh config zdh.lock-timeout 1 &&
	flock -s .zdh/index.use sh -c ": >held6; sleep 4" &
	holder=$!
	test_wait_for held6 10 &&
	rm .zdh/index.db &&
	test_expect_code 2 zdh org list >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: index.db was removed while another zdh command had it open (waited 1 second)$" err &&
	! test -e .zdh/index.db &&
	wait $holder &&
	zdh org list --all >after.list &&
	test_cmp list after.list
'

test_expect_success 'a new repository: the first commands create the index at once, none fails' '
	r=1 &&
	while test $r -le 20
	do
		rm -rf new$r && zdh init new$r >/dev/null || return 1
		( "$ZDH" -C new$r org add --kind unit 甲$r >/dev/null 2>>race.err || echo $r >>race.fail ) &
		( "$ZDH" -C new$r org add --kind unit 乙$r >/dev/null 2>>race.err || echo $r >>race.fail ) &
		( "$ZDH" -C new$r org list --all >/dev/null 2>>race.err || echo $r >>race.fail ) &
		( "$ZDH" -C new$r log >/dev/null 2>>race.err || echo $r >>race.fail ) &
		wait
		r=$((r + 1))
	done &&
	! test -e race.fail || { cat race.err; false; }
'

test_done
