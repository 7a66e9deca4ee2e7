#!/bin/sh
# Sync between two offices through a hub (a bare git repository made by
# plain git), reached by path and by file://: remotes, clone and what it
# refuses, convergence of concurrent edits through random orders of pull,
# push and sync, a rewritten log refused and kept aside, a push the hub
# refuses, a wrong URL.
test_description='zdh remote, clone, pull, push, sync over local transports'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

SEEDS=${ZDH_SYNC_SEEDS:-10}	# (make stress: 100)

test_expect_success 'setup: a hub made by git, the first office pushes to it by path' '
	xq_and_hub &&
	for d in 房管办 派出所 城管中队
	do
		at xq org add --kind dept $d >/dev/null || return 1
	done &&
	at xq issue add "52弄垃圾桶满溢" --area 新桥 >/dev/null &&
	at xq issue add "楼道堆物" --area 新桥 >/dev/null &&
	at xq remote add hub ../hub.git &&
	at xq push hub >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	test "$(git --git-dir=hub.git rev-parse refs/zdh/log/xinqiao)" = \
	     "$(git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao)"
'

test_expect_success 'remote list shows the remote; the config is as git writes it' '
	at xq remote list >actual &&
	echo hub >expect &&
	test_cmp expect actual &&
	at xq remote list -v >actual &&
	printf "hub\t%s/hub.git\n" "$(pwd -P)" >expect &&
	test_cmp expect actual &&
	test "$(git config -f xq/.zdh/config remote.hub.fetch)" = "+refs/zdh/log/*:refs/zdh/remotes/hub/*" &&
	test "$(git --git-dir=xq/.zdh config remote.hub.url)" = "$(pwd -P)/hub.git"
'

test_expect_success 'remote add, rename and remove' '
	at xq remote add spare file:///nowhere/spare.git &&
	test_expect_code 1 at xq remote add spare /elsewhere 2>err &&
	one_line_error err &&
	test_expect_code 1 at xq remote add bad/name /x 2>err &&
	one_line_error err &&
	at xq remote rename spare backup &&
	at xq remote list -v >actual &&
	printf "hub\t%s/hub.git\nbackup\tfile:///nowhere/spare.git\n" "$(pwd -P)" >expect &&
	test_cmp expect actual &&
	test_expect_code 1 at xq remote rename spare other 2>err &&
	one_line_error err &&
	test_expect_code 1 at xq remote rename backup hub 2>err &&
	one_line_error err &&
	at xq remote remove backup &&
	at xq remote list >actual &&
	echo hub >expect &&
	test_cmp expect actual &&
	test_expect_code 1 at xq remote remove backup 2>err &&
	one_line_error err &&
	! grep -i "nowhere" xq/.zdh/config
'

# git pulls from a URL named in place; zdh keeps a remote's logs under
# its name, and says how to name one
test_expect_success 'pull and push of a URL or a folder say to name it first' '
	for u in ../hub.git "file://$(pwd -P)/hub.git" host:hub.git
	do
		git --git-dir=xq/.zdh for-each-ref >before &&
		test_expect_code 1 at xq pull "$u" 2>err &&
		one_line_error err &&
		grep -F "zdh remote add NAME $u" err &&
		test_expect_code 1 at xq push "$u" 2>err &&
		grep -F "zdh remote add NAME $u" err &&
		git --git-dir=xq/.zdh for-each-ref >after &&
		test_cmp before after || return 1
	done &&
	test_expect_code 1 at xq pull "a b" 2>err &&
	grep "not a valid remote name" err
'

test_expect_success 'clone by file:// makes the second office with everything' '
	zdh clone "file://$(pwd -P)/hub.git" ya --replica yanan --prefix YA >out &&
	grep "^cloned .* (replica yanan, prefix YA): 6 events$" out &&
	at xq export >xq.export &&
	at ya export >ya.export &&
	test_cmp xq.export ya.export &&
	at ya remote list >actual &&
	echo origin >expect &&
	test_cmp expect actual &&
	at ya issue add "路灯不亮" >actual &&
	echo YA-1 >expect &&
	test_cmp expect actual &&
	at ya push >/dev/null &&
	at xq pull hub --verbose >out &&
	echo "pulled 1 new event from hub" >expect &&
	test_cmp expect out &&
	at xq pull hub --verbose >out &&
	echo "pulled 0 new events from hub" >expect &&
	test_cmp expect out
'

test_expect_success 'clone refuses a replica name or a prefix in use, and leaves nothing' '
	test_expect_code 1 zdh clone hub.git dup --replica xinqiao --prefix ZZ 2>err &&
	one_line_error err &&
	grep "replica name .xinqiao." err &&
	test ! -e dup &&
	test_expect_code 1 zdh clone hub.git dup --replica zhaojia --prefix YA 2>err &&
	one_line_error err &&
	grep "prefix .YA." err &&
	test ! -e dup &&
	mkdir keep &&
	echo mine >keep/file &&
	test_expect_code 1 zdh clone hub.git keep --replica zhaojia --prefix XQ 2>err &&
	one_line_error err &&
	test -f keep/file &&
	test ! -e keep/.zdh &&
	test_expect_code 129 zdh clone hub.git other 2>err &&
	test ! -e other
'

# An edit at office O (xq or ya), chosen by R: writes one event, or is
# refused (exit 1) by the state it sees.  Counted in written.
edit () {
	case $1 in xq) edit_dept_=房管办 ;; *) edit_dept_=派出所 ;; esac
	edit_issue_=XQ-$(( $2 % 2 + 1 ))
	case $(( $2 % 7 )) in
	0) at $1 issue claim $edit_issue_ --dept $edit_dept_ ;;
	1) at $1 issue comment $edit_issue_ -m "$1 说 $2" ;;
	2) at $1 issue edit $edit_issue_ --title "标题 $1 $2" ;;
	3) at $1 issue resolve $edit_issue_ -m "已处理 $1" ;;
	4) at $1 issue reopen $edit_issue_ -m "居民说没好 $1" ;;
	5) at $1 issue add "新问题 $1 $2" ;;
	6) at $1 issue edit $edit_issue_ --location "$1 的位置 $2" ;;
	esac >/dev/null 2>>edit.err
	edit_code_=$?
	case $edit_code_ in
	0) written=$((written + 1)) ;;
	1) ;;
	*) echo >&2 "edit at $1 ($2) exited $edit_code_"; return 1 ;;
	esac
}

# exchange O OP: a pull, push or sync at O in the random part: it may find
# the hub ahead (exit 1, "pull first") but nothing may ever diverge.
exchange () {
	at "$1" "$2" >/dev/null 2>ex.err
	ex_code_=$?
	case $ex_code_ in
	0|1) ;;
	*) cat >&2 ex.err; echo >&2 "$2 at $1 exited $ex_code_"; return 1 ;;
	esac
	# (the shell reads ex.err, a line or two: grep -i "diverged\|kept
	# aside" must find nothing, grep "pull first" a line if it failed)
	ex_first_=
	while IFS= read -r ex_line_ || test -n "$ex_line_"
	do
		case $ex_line_ in
		*[Dd][Ii][Vv][Ee][Rr][Gg][Ee][Dd]*|*[Kk][Ee][Pp][Tt]\ [Aa][Ss][Ii][Dd][Ee]*)
			cat >&2 ex.err; return 1 ;;
		*"pull first"*) ex_first_=t ;;
		esac
	done <ex.err
	test "$ex_code_" = 0 || test -n "$ex_first_" || { cat >&2 ex.err; return 1; }
}

test_expect_success "concurrent edits, $SEEDS random orders of pull, push and sync: all agree" '
	written=0 &&
	base=$(events hub.git) &&
	seed=1 &&
	while test $seed -le $SEEDS
	do
		awk -v s=$seed "BEGIN { srand(s); for (i = 0; i < 9; i++) print int(rand() * 1000) }" >steps &&
		while read r
		do
			case $(( r % 10 )) in
			0|1|2) edit xq $r ;;
			3|4|5) edit ya $r ;;
			6) exchange xq pull ;;
			7) exchange ya push ;;
			8) exchange xq sync ;;
			9) exchange ya sync ;;
			esac || return 1
		done <steps &&
		at ya sync --quiet && at xq sync --quiet && at ya sync --quiet &&
		at xq export >xq.export &&
		at ya export >ya.export &&
		test_cmp xq.export ya.export &&
		hub_events=$(events hub.git) &&
		test "$(events xq/.zdh)" = "$hub_events" &&
		test "$(events ya/.zdh)" = "$hub_events" &&
		test "$hub_events" = $((base + written)) || {
			echo >&2 "seed $seed disagrees"
			return 1
		}
		seed=$((seed + 1))
	done &&
	echo "# $written events written in $SEEDS rounds" &&
	at xq verify --quiet &&
	at ya verify --quiet
'

test_expect_success 'a third replica cloned from the hub agrees, and its verify is clean' '
	zdh clone hub.git third --replica third --prefix TH -q &&
	at third export >third.export &&
	test_cmp xq.export third.export &&
	at third verify >out &&
	grep "^verified 2 logs" out
'

test_expect_success 'a log rewritten with plain git is refused and kept aside; the other logs still sync' '
	# rewrite the hub'"'"'s yanan log: its tip again with another commit time
	# (a valid event, another id): what git commit-tree would make, byte-exact
	old=$(git --git-dir=hub.git rev-parse refs/zdh/log/yanan) &&
	new=$(git --git-dir=hub.git cat-file commit $old |
	      awk "/^committer / { \$(NF-1) = \$(NF-1) + 1 } { print }" |
	      git --git-dir=hub.git hash-object -t commit -w --stdin) &&
	test "$new" != "$old" &&
	git --git-dir=hub.git update-ref refs/zdh/log/yanan $new $old &&
	at xq issue comment XQ-1 -m "新的一条" >/dev/null &&
	ours=$(git --git-dir=xq/.zdh rev-parse refs/zdh/log/yanan) &&
	test_expect_code 1 at xq sync >out 2>err &&
	cat >expect <<-\EOF &&
	zdh: refs/zdh/log/yanan from hub diverged from ours; kept aside as refs/zdh/diverged/hub/yanan
	zdh: refs/zdh/log/yanan rejected by hub: the two histories diverged (see '"'"'zdh pull'"'"')
	EOF
	test_cmp expect err &&
	test "$(git --git-dir=xq/.zdh rev-parse refs/zdh/log/yanan)" = "$ours" &&
	test "$(git --git-dir=xq/.zdh rev-parse refs/zdh/diverged/hub/yanan)" = "$new" &&
	test "$(git --git-dir=hub.git rev-parse refs/zdh/log/xinqiao)" = \
	     "$(git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao)" &&
	test_expect_code 1 at xq verify >out 2>err &&
	grep "refs/zdh/diverged/hub/yanan: a log that diverged" err &&
	test_expect_code 1 at ya pull 2>err &&
	grep "refs/zdh/log/yanan from origin diverged from ours" err &&
	at ya issue show XQ-1 --json >show &&
	grep "新的一条" show
'

test_expect_success 'kept aside, never overwritten: a second pull changes nothing' '
	cd xq &&
	test_expect_code 1 zdh pull hub 2>err &&
	snapshot before &&
	test_expect_code 1 zdh pull hub 2>err &&
	one_line_error err &&
	check_unchanged before
'

test_expect_success 'resolved: the hub log put back, the kept-aside ref removed, verify is clean' '
	git --git-dir=hub.git update-ref refs/zdh/log/yanan $old $new &&
	git --git-dir=xq/.zdh update-ref -d refs/zdh/diverged/hub/yanan &&
	git --git-dir=ya/.zdh update-ref -d refs/zdh/diverged/origin/yanan &&
	at xq sync -q &&
	at ya sync -q &&
	at xq verify -q &&
	at ya verify -q
'

test_expect_success 'a push the hub refuses (its log ahead of ours): one clear line, nothing changed' '
	tip=$(git --git-dir=hub.git rev-parse refs/zdh/log/xinqiao) &&
	ahead=$(git --git-dir=hub.git cat-file commit $tip |
		sed "s/^parent .*/parent $tip/" |
		git --git-dir=hub.git hash-object -t commit -w --stdin) &&
	git --git-dir=hub.git update-ref refs/zdh/log/xinqiao $ahead $tip &&
	at xq issue comment XQ-2 -m "再来一条" >/dev/null &&
	(cd xq && snapshot before) &&
	test_expect_code 1 at xq push hub >out 2>err &&
	test_must_be_empty out &&
	echo "zdh: refs/zdh/log/xinqiao rejected by hub: it has events this replica does not have (pull first)" >expect &&
	test_cmp expect err &&
	(cd xq && check_unchanged before) &&
	test "$(git --git-dir=hub.git rev-parse refs/zdh/log/xinqiao)" = "$ahead" &&
	git --git-dir=hub.git update-ref refs/zdh/log/xinqiao $tip $ahead &&
	at xq push hub
'

test_expect_success 'a wrong URL: one line, exit 128, nothing changed' '
	at xq remote add nowhere /no/such/hub.git &&
	at xq remote add nowhere2 file:///no/such/hub.git &&
	(cd xq && snapshot before) &&
	for r in nowhere nowhere2
	do
		for op in pull push
		do
			test_expect_code 128 at xq $op $r >out 2>err &&
			test_must_be_empty out &&
			one_line_error err || return 1
		done
	done &&
	test_expect_code 1 at xq pull nosuchremote 2>err &&
	one_line_error err &&
	(cd xq && check_unchanged before)
'

test_expect_success 'a repository fetched by plain git is caught up by the next zdh command' '
	at ya issue comment XQ-1 -m "从延安来" >/dev/null &&
	at ya sync -q &&
	git --git-dir=xq/.zdh fetch -q hub.git "refs/zdh/log/yanan:refs/zdh/log/yanan" &&
	at xq issue show XQ-1 --json >show &&
	grep "从延安来" show
'

test_expect_success 'push while the hub holds events of another office we have not pulled: that log is left to pull, silently' '
	at xq issue comment XQ-1 -m "新桥先推" >/dev/null &&
	at xq push -q hub &&
	at ya issue comment XQ-1 -m "延安后推" >/dev/null &&
	at ya push -v >out 2>err &&
	echo "pushed 1 log to origin" >expect &&
	test_cmp expect out &&
	test_must_be_empty err &&
	test "$(git --git-dir=hub.git rev-parse refs/zdh/log/yanan)" = "$(git --git-dir=ya/.zdh rev-parse refs/zdh/log/yanan)" &&
	at ya pull -q &&
	at xq pull -q hub &&
	at xq export >xq.export &&
	at ya export >ya.export &&
	test_cmp xq.export ya.export
'

test_expect_success 'a folder holding a repository stands for its .zdh, as git takes office/.git' '
	zdh clone xq from-folder --replica folder --prefix FO --quiet &&
	echo "$(cd xq && pwd -P)/.zdh" >expect &&
	git --git-dir=from-folder/.zdh config remote.origin.url >actual &&
	test_cmp expect actual &&
	at xq export >xq.export &&
	at from-folder export >folder.export &&
	test_cmp xq.export folder.export
'

test_expect_success 'usage errors' '
	test_expect_code 129 zdh pull a b 2>err &&
	test_expect_code 129 zdh sync extra 2>err &&
	test_expect_code 129 zdh push --force 2>err &&
	test_expect_code 129 zdh remote add onlyname 2>err &&
	test_expect_code 129 zdh pull --quiet --verbose 2>err
'

test_done
