#!/bin/sh
# How pull and push tell which of two logs is ahead (core/sync.c,
# relation()): zdh walks both histories back in turn through its own
# object reader.  A peer's log crafted with plain git may hold merges;
# a log is read by its first parents, as every reader of it does (a tip
# reached only through a second parent has not moved forward: taking it
# dropped from the index every event only ours held), a log behind ours
# is left, and one that parted from ours is kept aside.
test_description='pull and push: ahead, behind, merged and parted logs'
. "$(dirname "$0")/lib.sh"

E=4b825dc642cb6eb9a060e54bf8d69288fbee4904
# ev CLOCK TITLE: a yanan issue add, as a hostile peer's plain git writes it
ev () {
	printf '%s\n\n{"actor":{"email":"x@example.org","name":"攻击者"},"clock":%s,"data":{"set":{"category":"other","source":"other","title":"%s"}},"date":"2026-01-05T10:00:00+08:00","kind":"issue","op":"add","record":"YA-%s","replica":"yanan","seen":null,"v":2}\n' \
		"issue add $2" "$1" "$2" "$1"
}
# commit CLOCK TITLE [PARENT...]: the commit of ev in hub.git
commit () {
	commit_c_=$1 commit_t_=$2
	shift 2
	commit_p_=
	for commit_x_
	do
		commit_p_="$commit_p_ -p $commit_x_"
	done
	ev "$commit_c_" "$commit_t_" | git --git-dir=hub.git commit-tree $E $commit_p_
}
hub_log () { git --git-dir=hub.git update-ref refs/zdh/log/yanan "$1"; }
our_log () { git --git-dir=.zdh rev-parse refs/zdh/log/yanan; }

test_expect_success 'setup: an office and a hub holding a peer log of two events' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh issue add "本地" >/dev/null &&
	git init -q --bare hub.git &&
	zdh remote add hub hub.git &&
	zdh push >/dev/null 2>&1 &&
	c1=$(commit 1 a) &&
	c2=$(commit 2 b "$c1") &&
	hub_log "$c2" &&
	zdh pull >/dev/null 2>&1 &&
	test "$(our_log)" = "$c2"
'

test_expect_success 'a merge on top of ours (its first parent ours) is ahead: taken' '
	m=$(commit 3 c "$c2" "$c1") &&
	hub_log "$m" &&
	zdh pull >/dev/null 2>&1 &&
	test "$(our_log)" = "$m"
'

test_expect_success 'a merge reaching ours only through its second parent has diverged: kept aside' '
	o1=$(commit 9 z) &&
	m2=$(commit 4 d "$o1" "$m") &&
	hub_log "$m2" &&
	test_expect_code 1 zdh pull >out 2>err &&
	grep "refs/zdh/log/yanan from hub diverged from ours; kept aside as refs/zdh/diverged/hub/yanan\$" err &&
	test "$(our_log)" = "$m" &&
	git --git-dir=.zdh update-ref -d refs/zdh/diverged/hub/yanan
'

test_expect_success 'a hub log behind ours is left as it is, and push sends ours' '
	hub_log "$c2" &&
	zdh pull >out 2>err &&
	test "$(our_log)" = "$m" &&
	! grep -i "diverged\|kept aside" err &&
	zdh push >/dev/null 2>&1 &&
	test "$(git --git-dir=hub.git rev-parse refs/zdh/log/yanan)" = "$m"
'

test_expect_success 'a log that parted from ours is kept aside, ours stays' '
	x=$(commit 5 e "$c2") &&
	hub_log "$x" &&
	test_expect_code 1 zdh pull >out 2>err &&
	grep "refs/zdh/log/yanan from hub diverged from ours; kept aside as refs/zdh/diverged/hub/yanan" err &&
	test "$(our_log)" = "$m" &&
	test "$(git --git-dir=.zdh rev-parse refs/zdh/diverged/hub/yanan)" = "$x"
'

test_expect_success 'a long line of ours ahead of the hub: push moves the hub, pull changes nothing' '
	hub_log "$m" &&
	i=0 &&
	while test $i -lt 30
	do
		zdh issue add "第$i" >/dev/null || return 1
		i=$((i + 1))
	done &&
	zdh push >/dev/null 2>&1 &&
	test "$(git --git-dir=hub.git rev-parse refs/zdh/log/xinqiao)" = "$(git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao)" &&
	git --git-dir=hub.git update-ref refs/zdh/log/xinqiao "$(git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao~20)" &&
	zdh pull >out 2>err &&
	! grep -i "diverged\|kept aside" err &&
	zdh push >/dev/null 2>&1 &&
	test "$(git --git-dir=hub.git rev-parse refs/zdh/log/xinqiao)" = "$(git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao)"
'

test_done
