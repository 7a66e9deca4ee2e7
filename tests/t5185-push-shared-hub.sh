#!/bin/sh
# A hub in a folder on a shared drive (zdh-sync(1)), made by one office's
# account with git init --bare --shared=group, pushed to by the accounts
# of the others.  The second account's push failed: libgit2 refused the
# hub as another user's ("config value 'safe.directory' was not found",
# exit 128), and the refs zdh made there (refs/zdh/log/ and its logs)
# ignored the hub's core.sharedRepository, 0755 and 0644 under umask 022,
# so that no other account could add its log.
test_description='push: a hub in a folder several accounts of one group write'
. "$(dirname "$0")/lib.sh"

. "$TEST_DIRECTORY/lib-accounts.sh"

test_expect_success ACCOUNTS 'setup: a hub made by A, shared with the group; an office each' '
	mkdir a b &&
	chown 5001:4242 a &&
	chown 5002:4242 b &&
	chgrp 4242 . &&
	chmod 2775 . &&
	(umask 022 && as_A git init -q --bare --shared=group hub.git) &&
	(umask 022 && cd a &&
		A init -q --replica xinqiao --prefix XQ &&
		A org add --kind area 新桥 >/dev/null &&
		A remote add origin ../hub.git &&
		A push 2>../err) &&
	(umask 022 && cd b &&
		B clone -q ../hub.git yanan --replica yanan --prefix YA)
'

test_expect_success ACCOUNTS 'B pushes into the hub A made, A pushes again' '
	(umask 022 && cd b/yanan &&
		B issue add 路灯不亮 --area 新桥 >/dev/null &&
		B push 2>../../err) &&
	(umask 022 && cd a &&
		A issue add 楼道堆物 --area 新桥 >/dev/null &&
		A push 2>>../err &&
		A pull -q &&
		A issue list >../list) &&
	grep "^XQ-1 .*楼道堆物" list &&
	grep "^YA-1 .*路灯不亮" list
'

test_expect_success ACCOUNTS 'what the pushes made in the hub the group may write' '
	find hub.git -type f -perm -u+w ! -perm -g+w >wrong &&
	find hub.git -type d ! -perm -g+ws >>wrong &&
	test_must_be_empty wrong &&
	git --git-dir=hub.git fsck --strict 2>fsck.err
'

test_have_prereq ACCOUNTS ||
	test_skip 'two accounts of one group' 'not root, or setpriv missing'
test_done
