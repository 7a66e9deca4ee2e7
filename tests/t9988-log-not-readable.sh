#!/bin/sh
test_description='a log that cannot be read is named, with what to do'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

# Every command catches the index up from every log first.  A zdh before
# e9eb204 took a peer's ref naming a tree into refs/zdh/log/ (every
# repository holds the empty tree): from then on every command, pull and
# reindex too, failed with "object 4b825dc642cb is not a commit" and
# nothing said which ref, nor how to get out.
test_expect_success 'setup: a replica holding a log named at the empty tree' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq issue add 本地的事 >/dev/null &&
	zdh init --replica yanan --prefix YA ya >/dev/null &&
	at ya issue add 延安的事 >/dev/null &&
	at xq remote add ya ../ya &&
	g="git --git-dir=xq/.zdh" &&
	$g update-ref refs/zdh/log/yanan $($g hash-object -t tree -w /dev/null)
'

test_expect_success 'every command names the ref and the way out; exit 128' '
	printf "zdh: refs/zdh/log/yanan is no log (object 4b825dc642cb is not a commit): a pull from an office holding it replaces it, or delete it with git --git-dir=%s update-ref -d refs/zdh/log/yanan\n" \
		"$(pwd)/xq/.zdh" | sed "s|--git-dir=\([^ ]*\)|--git-dir='"'"'\1'"'"'|" >expect &&
	for cmd in "issue list" "reindex" "issue add 又一件"; do
		test_expect_code 128 zdh -C xq $cmd >out 2>err &&
		test_cmp expect err || return 1
	done &&
	test_expect_code 1 zdh -C xq verify >out 2>verify.err &&
	grep "refs/zdh/log/yanan: commit 4b825dc642cb: object 4b825dc642cb is not a commit" verify.err &&
	git --git-dir=xq/.zdh log --format=%s refs/zdh/log/xinqiao >log &&
	test_line_count = 1 log
'

test_expect_success 'the command it names frees the replica' '
	eval "$(sed -n "s/^zdh: .*, or delete it with //p" err)" &&
	git --git-dir=xq/.zdh for-each-ref refs/zdh/log/ >refs &&
	test_line_count = 1 refs &&
	at xq issue list --format csv >list &&
	grep "^XQ-1," list
'

test_expect_success 'a pull replaces such a log with the peer.s, saying so' '
	g="git --git-dir=xq/.zdh" &&
	$g update-ref -d refs/zdh/log/yanan &&
	at xq pull ya 2>err &&
	$g update-ref refs/zdh/log/yanan $($g hash-object -t tree -w /dev/null) &&
	at ya issue add 第二件 >/dev/null &&
	at xq pull ya 2>err &&
	echo "zdh: refs/zdh/log/yanan named no commit (4b825dc642cb); replaced by the log from ya" >expect &&
	test_cmp expect err &&
	at xq issue list --format csv >list &&
	grep "^YA-1,.*延安的事" list &&
	grep "^YA-2,.*第二件" list &&
	at xq verify
'

# An object missing further down a log (a damaged store) is named with the
# log it is missing from.
test_expect_success 'a commit missing inside a log is named with its log' '
	first=$(git --git-dir=ya/.zdh rev-list refs/zdh/log/yanan | tail -n 1) &&
	f=ya/.zdh/objects/$(echo $first | cut -c1-2)/$(echo $first | cut -c3-) &&
	test -f "$f" &&
	rm -f "$f" &&
	test_expect_code 128 zdh -C ya reindex 2>err &&
	echo "zdh: refs/zdh/log/yanan: missing or damaged object $(echo $first | cut -c1-12)" >expect &&
	test_cmp expect err
'

test_done
