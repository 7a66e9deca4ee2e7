#!/bin/sh
# A hostile hub shows refs under refs/zdh/log/ that are no replica's log:
# aaa/bbb (a folder of the name aaa), AB (upper case).  A pull copied
# every name into its tracking refs, so once the hub swapped aaa/bbb for
# aaa, refs/zdh/remotes/origin/aaa could not be written (a folder was
# there) and every pull of that remote failed, on both paths (a folder
# copied by zdh, a file:// URL through libgit2).  Now a pull skips such a
# name with one warning line naming it and the remote, takes the others,
# and goes on working.
test_description='a hub showing names that are no replica: skipped, pulls keep working'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

skipped () {
	echo "zdh: warning: refs/zdh/log/$1 from $2 is not the log of a replica (a replica name is a-z, 0-9 and '-'); skipped"
}

test_expect_success 'setup: an office on a hub, which a peer gives odd log names' '
	office_on_hub hub.git &&
	tip=$(git --git-dir=hub.git rev-parse refs/zdh/log/xinqiao) &&
	git --git-dir=hub.git update-ref refs/zdh/log/aaa/bbb $tip &&
	git --git-dir=hub.git update-ref refs/zdh/log/AB $tip &&
	zdh init --replica tianjin --prefix TJ tj >/dev/null 2>&1 &&
	at tj remote add origin ../hub.git &&
	at tj remote add url "file://$PWD/hub.git"
'

for remote in origin url
do
	test_expect_success "pull $remote: each odd name skipped in one line, the office's log taken" '
		at tj pull $remote >out 2>err &&
		{ skipped AB $remote && skipped aaa/bbb $remote; } >expect &&
		test_cmp expect err &&
		at tj issue list --format csv >list &&
		grep "^XQ-1,路灯," list &&
		git --git-dir=tj/.zdh for-each-ref --format="%(refname)" refs/zdh/remotes/$remote/ >refs &&
		echo refs/zdh/remotes/$remote/xinqiao >expect &&
		test_cmp expect refs
	'
done

test_expect_success 'the hub swaps aaa/bbb for aaa: both pulls still work, and again' '
	git --git-dir=hub.git update-ref -d refs/zdh/log/aaa/bbb &&
	git --git-dir=hub.git update-ref refs/zdh/log/aaa $tip &&
	for remote in origin url origin url
	do
		at tj pull $remote >out 2>err &&
		grep "^$(skipped AB $remote)$" err &&
		test "$(git --git-dir=tj/.zdh rev-parse refs/zdh/remotes/$remote/aaa)" = $tip || return 1
	done
'

test_expect_success 'a tracking ref an older zdh copied (origin/zz/top) is removed, zz then taken' '
	git --git-dir=tj/.zdh update-ref refs/zdh/remotes/origin/zz/top $tip &&
	git --git-dir=hub.git update-ref refs/zdh/log/zz $tip &&
	at tj pull origin >out 2>err &&
	test "$(git --git-dir=tj/.zdh rev-parse refs/zdh/remotes/origin/zz)" = $tip &&
	test "$(git --git-dir=tj/.zdh rev-parse refs/zdh/log/zz)" = $tip
'

# Removing a packed ref rewrites packed-refs, whose stale lock a recovery
# removes under the write lock: a pull removes odd tracking refs only
# holding that lock, and leaves them while another writer holds it.
test_expect_success FLOCK 'an odd tracking ref, packed, is removed only under the write lock' '
	git --git-dir=tj/.zdh update-ref refs/zdh/remotes/origin/yy/top $tip &&
	git --git-dir=tj/.zdh pack-refs --all &&
	at tj config zdh.lock-timeout 1 &&
	flock -o tj/.zdh/zdh.lock sh -c ": >held; sleep 4" &
	holder=$! &&
	test_wait_for held 10 &&
	test_expect_code 2 at tj pull origin >out 2>err &&
	grep "locked by another writer" err &&
	test "$(git --git-dir=tj/.zdh rev-parse refs/zdh/remotes/origin/yy/top)" = $tip &&
	wait $holder &&
	at tj pull origin >out 2>err &&
	test_must_fail git --git-dir=tj/.zdh rev-parse -q --verify refs/zdh/remotes/origin/yy/top &&
	test ! -e tj/.zdh/packed-refs.lock
'

# hub_of DIR NAME: a bare hub holding the office's log and 3,000 more
# refs/zdh/log/NAME0, NAME1 ... at its tip, packed
hub_of () {
	git init -q --bare "$1" &&
	git --git-dir=hub.git push -q "$PWD/$1" refs/zdh/log/xinqiao:refs/zdh/log/xinqiao &&
	i=0 && while [ $i -lt 3000 ]; do echo "create refs/zdh/log/$2$i $tip"; i=$((i + 1)); done |
		git --git-dir="$1" update-ref --stdin &&
	git --git-dir="$1" pack-refs --all
}

test_expect_success 'a hub showing 3,000 odd names: five said, the rest counted in one line' '
	hub_of h3.git ODD &&
	zdh init --replica nanjing --prefix NJ nj >/dev/null 2>&1 &&
	at nj remote add origin ../h3.git &&
	at nj remote add url "file://$PWD/h3.git" &&
	for remote in origin url
	do
		at nj pull $remote >out 2>err &&
		test_line_count = 6 err &&
		echo "zdh: warning: and 2995 more refs from $remote that are not logs of replicas; skipped" >expect &&
		tail -n 1 err >last &&
		test_cmp expect last &&
		test "$(git --git-dir=nj/.zdh rev-parse refs/zdh/remotes/$remote/xinqiao)" = $tip || return 1
	done
'

test_expect_success 'a hub of 3,000 offices: every log taken' '
	hub_of h4.git o &&
	at nj remote add big "file://$PWD/h4.git" &&
	at nj pull big >out 2>err &&
	git --git-dir=nj/.zdh for-each-ref refs/zdh/remotes/big/ >refs &&
	test_line_count = 3001 refs
'

test_expect_success 'push to a hub holding aaa/bbb: the office aaa is refused for that log alone' '
	git init -q --bare h2.git &&
	git --git-dir=hub.git push -q "$PWD/h2.git" $tip:refs/zdh/log/aaa/bbb &&
	zdh init --replica aaa --prefix AA aaa >/dev/null 2>&1 &&
	at aaa remote add origin ../h2.git &&
	at aaa remote add hub ../hub.git &&
	at aaa pull hub >/dev/null 2>&1 &&
	test_expect_code 1 at aaa push origin >out 2>err &&
	grep "^zdh: refs/zdh/log/aaa: .* rejected by origin$" err &&
	test_line_count = 1 err &&
	test "$(git --git-dir=h2.git rev-parse refs/zdh/log/xinqiao)" = \
	     "$(git --git-dir=hub.git rev-parse refs/zdh/log/xinqiao)"
'

test_done
