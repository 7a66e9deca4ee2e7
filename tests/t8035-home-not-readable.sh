#!/bin/sh
# A job run as an office account by su (without -), sudo or cron may keep
# HOME naming a folder that account cannot enter (/root).  Every command,
# a report or a list included, failed on it: "zdh: cannot read
# '/root/.zdhconfig': Permission denied", exit 128.  A ~/.zdhconfig that
# cannot be read for want of permission is taken as none, as git takes
# its own (zdh(1), HOME); zdh config --global still says it cannot read it.
test_description='a ~/.zdhconfig this user may not read is none'
. "$(dirname "$0")/lib.sh"

. "$TEST_DIRECTORY/lib-accounts.sh"

test_expect_success NOBODY 'setup: a repository of the job user, a HOME it cannot enter' '
	mkdir home repo &&
	printf "[user]\n\tname = 别人\n\temail = other@example.org\n" >home/.zdhconfig &&
	zdh -C repo init --replica xinqiao --prefix XQ >/dev/null &&
	zdh -C repo org add --kind area 新桥 --date 2025-01-01 >/dev/null &&
	zdh -C repo issue add 楼道堆物 --area 新桥 --date 2025-12-03 >/dev/null &&
	if test "$(id -u)" = 0
	then
		chown -R 65534:65534 repo &&
		chmod 700 home
	else
		chmod 000 home
	fi &&
	HOME=$TRASH_DIRECTORY/home &&
	export HOME
'

test_expect_success NOBODY 'a list and a report are read' '
	as_nobody "$ZDH" -C repo issue list >out 2>err &&
	test_must_be_empty err &&
	grep "^XQ-1 .*楼道堆物" out &&
	as_nobody "$ZDH" -C repo report monthly --month 2025-12 --format csv >out 2>err &&
	test_must_be_empty err &&
	grep "^issues.opened,1$" out
'

test_expect_success NOBODY 'a write by the identity of the environment is made' '
	as_nobody "$ZDH" -C repo issue add 路灯不亮 --area 新桥 >out 2>err &&
	test_must_be_empty err &&
	echo XQ-2 >expect &&
	test_cmp expect out
'

test_expect_success NOBODY 'no identity anywhere it can read: who are you, exit 1' '
	test_expect_code 1 as_nobody env -u ZDH_USER_NAME -u ZDH_USER_EMAIL \
		"$ZDH" -C repo issue add 积水 --area 新桥 2>err &&
	grep "who are you" err &&
	! grep "zdhconfig" err
'

test_expect_success NOBODY 'config --global says it cannot read it, exit 128' '
	test_expect_code 128 as_nobody "$ZDH" config --global --list 2>err &&
	grep "cannot read .*home/.zdhconfig.: Permission denied" err
'

test_expect_success NOBODY 'cleanup' '
	chmod 755 home
'

test_have_prereq NOBODY ||
	test_skip 'a HOME that cannot be entered' 'no other user to run as, and permissions are not enforced on us'
test_done
