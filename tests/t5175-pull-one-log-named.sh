#!/bin/sh
# A pull through libgit2 that had one log to fetch, which the remote could
# not send (a peer's commit git cannot parse, put there by plain git),
# failed as "cannot fetch from 'hub' (URL): ..." exit 128, naming no log:
# with two logs or more the one that fails is named and skipped (t5170),
# and a pull from a folder names what it refuses.  The log is named now,
# "cannot fetch refs/zdh/log/yanan from 'yafile' (URL): ...", exit 128 as
# before (the remote's silence cannot be told from the log's), nothing
# taken.
test_description='a pull whose one log cannot be fetched names it'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'an office that holds a peer; the peer.s log then ends in a commit git cannot parse' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq issue add "路灯不亮" >/dev/null &&
	craft_peer "噪音" &&
	at xq remote add yafile "file://$PWD/ya/.zdh" &&
	at xq pull -q yafile &&
	g=ya/.zdh &&
	bad=$(craft_edit $g $(craft $g $(craft_tip) valid) "s/^parent (\\w+)\$/parent \$1 /m") &&
	git --git-dir=$g pack-refs --all &&
	sed -i "/ refs\/zdh\/log\/yanan\$/d" $g/packed-refs &&
	mkdir -p $g/refs/zdh/log && echo $bad >$g/refs/zdh/log/yanan &&
	test_must_fail git --git-dir=$g log -1 $bad
'

test_expect_success 'pull through libgit2: the log named, exit 128, nothing taken' '
	before=$(git --git-dir=xq/.zdh for-each-ref) &&
	test_expect_code 128 at xq pull yafile >out 2>err &&
	test_must_be_empty out &&
	one_line_error err &&
	grep "^zdh: cannot fetch refs/zdh/log/yanan from .yafile. (file://.*): " err &&
	test "$(git --git-dir=xq/.zdh for-each-ref)" = "$before"
'

test_expect_success 'in Chinese too' '
	test_expect_code 128 zh -C xq pull yafile 2>err &&
	grep "^zdh: 无法从 .yafile. 获取 refs/zdh/log/yanan" err
'

test_done
