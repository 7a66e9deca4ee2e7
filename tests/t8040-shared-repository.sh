#!/bin/sh
# A repository in a folder of a group that several staff accounts write.
# zdh made every file 0644 and every folder 0755 whatever the umask, so
# the second account's first write failed ("this repository cannot be
# written (only read): cannot open '.../zdh.lock': Permission denied"),
# even with umask 002, where git makes them group-writable.  Files and
# folders now follow the umask, and core.sharedRepository (zdh init
# --shared, as git init --shared) makes what any account creates
# writable by the group whatever its umask (zdh-init(1)).
test_description='a repository several accounts of one group write'
. "$(dirname "$0")/lib.sh"

. "$TEST_DIRECTORY/lib-accounts.sh"

# not_shared DIR: the files and folders of DIR/.zdh the group could not
# write (objects and packs are read-only for all, as git makes them), and
# the folders without the set-group-ID bit
not_shared () {
	find "$1/.zdh" -type f -perm -u+w ! -perm -g+w
	find "$1/.zdh" -type d ! -perm -g+ws
}

test_expect_success ACCOUNTS 'setup: a folder of the group, a hub' '
	mkdir office office2 &&
	chgrp 4242 office office2 &&
	chmod 2775 office office2 &&
	git init -q --bare hub.git &&
	zdh init -q --replica yanan --prefix YA ya &&
	zdh -C ya org add --kind area 新桥 >/dev/null &&
	zdh -C ya remote add origin ../hub.git &&
	zdh -C ya push 2>/dev/null &&
	chmod -R a+rwX hub.git
'

test_expect_success ACCOUNTS 'umask 002: what one account makes, the other writes' '
	(
		umask 002 &&
		cd office &&
		A init -q --replica xinqiao --prefix XQ &&
		A remote add origin ../hub.git &&
		A pull -q &&
		A issue add 楼道堆物 --area 新桥 >/dev/null &&
		B issue add 路灯不亮 --area 新桥 >../out &&
		B reindex >/dev/null &&
		A issue add 积水 --area 新桥 >>../out
	) &&
	printf "XQ-2\nXQ-3\n" >expect &&
	test_cmp expect out &&
	not_shared office >wrong &&
	test_must_be_empty wrong
'

test_expect_success ACCOUNTS 'init --shared group: the group writes whatever its umask' '
	(
		umask 022 &&
		cd office2 &&
		A init -q --replica xinqiao --prefix XQ --shared group &&
		A remote add origin ../hub.git &&
		A pull -q &&
		A issue add 楼道堆物 --area 新桥 >/dev/null &&
		B issue add 路灯不亮 --area 新桥 >../out &&
		B reindex >/dev/null &&
		A issue add 积水 --area 新桥 >>../out &&
		zdh -C ../ya issue add 噪音 --area 新桥 >/dev/null &&
		zdh -C ../ya push 2>/dev/null &&
		B pull -q &&
		A issue list >../list
	) &&
	printf "XQ-2\nXQ-3\n" >expect &&
	test_cmp expect out &&
	grep "^YA-1 .*噪音" list &&
	not_shared office2 >wrong &&
	test_must_be_empty wrong &&
	test "$(find office2/.zdh -user 5002 | wc -l)" -gt 0
'

test_expect_success ACCOUNTS 'clone --shared group: the group writes whatever its umask, as init --shared' '
	mkdir office3 &&
	chgrp 4242 office3 &&
	chmod 2775 office3 &&
	(
		umask 022 &&
		cd office3 &&
		A clone -q ../hub.git . --replica xinqiao --prefix XQ --shared group &&
		A issue add 楼道堆物 --area 新桥 >/dev/null &&
		B issue add 路灯不亮 --area 新桥 >../out &&
		B reindex >/dev/null &&
		A issue add 积水 --area 新桥 >>../out &&
		B pull -q &&
		A issue list >../list
	) &&
	printf "XQ-2\nXQ-3\n" >expect &&
	test_cmp expect out &&
	grep "^XQ-3 .*积水" list &&
	not_shared office3 >wrong &&
	test_must_be_empty wrong &&
	test "$(find office3/.zdh -user 5002 | wc -l)" -gt 0 &&
	echo 1 >expect &&
	git --git-dir=office3/.zdh config core.sharedRepository >actual &&
	test_cmp expect actual
'

test_expect_success 'clone --shared with a value it cannot read: exit 1, nothing made' '
	test_expect_code 1 zdh clone -q hub.git badclone --replica xinqiao --prefix XQ --shared grup 2>err &&
	grep "invalid core.sharedRepository .grup." err &&
	! test -e badclone
'

test_expect_success ACCOUNTS 'git reads the same setting (git gc, fsck keep it)' '
	echo 1 >expect &&
	git --git-dir=office2/.zdh config core.sharedRepository >actual &&
	test_cmp expect actual
'

test_expect_success 'init --shared with a value it cannot read: exit 1, nothing made' '
	test_expect_code 1 zdh init -q --replica xinqiao --prefix XQ --shared grup bad 2>err &&
	grep "invalid core.sharedRepository .grup." err &&
	test_expect_code 1 zdh init -q --replica xinqiao --prefix XQ --shared 0440 bad 2>err &&
	grep "invalid core.sharedRepository .0440." err &&
	! test -e bad/.zdh
'

test_expect_success 'config core.sharedRepository is checked, its words taken' '
	zdh init -q --replica xinqiao --prefix XQ cfg &&
	test_expect_code 1 zdh -C cfg config core.sharedRepository grup 2>err &&
	echo "zdh: invalid core.sharedRepository '\''grup'\'' (umask, group, all, or an octal mode such as 0660 that lets the owner read and write)" >expect &&
	test_cmp expect err &&
	for w in umask FALSE 0 group true 1 all World everybody 2
	do
		zdh -C cfg config core.sharedRepository $w || return 1
	done &&
	zdh -C cfg config core.sharedRepository all &&
	zdh -C cfg config core.sharedRepository 0660 &&
	zdh -C cfg issue list >/dev/null
'

test_expect_success 'a value written by hand that it cannot read is said, exit 1' '
	git --git-dir=cfg/.zdh config core.sharedRepository grup &&
	test_expect_code 1 zdh -C cfg issue list 2>err &&
	grep "invalid core.sharedRepository .grup." err
'

test_have_prereq ACCOUNTS ||
	test_skip 'two accounts of one group' 'not root, or setpriv missing'
test_done
