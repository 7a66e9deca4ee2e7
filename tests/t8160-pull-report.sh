#!/bin/sh
# What pull and verify report once signatures or roles are checked (issue
# 11): pull, one line for each event new to this replica that the trust
# gave no effect (a signature, a role), not every event without effect (an
# edit that lost to a concurrent one is the fold's ordinary outcome, shown
# by log and show), and an event reported once is not reported again;
# verify names each event the roles refused, with the reason, and exits 1.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

test_expect_success 'setup: people, a clone made before the roles, then the roles' '
	keys wf st au &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 房管办 >/dev/null &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email wf@example.org --key wf.pub >/dev/null &&
	zdh person add 赵六 --email st@example.org --key st.pub >/dev/null &&
	zdh person add 孙八 --email au@example.org --key au.pub >/dev/null &&
	zdh issue add "楼道堆物" --area 新桥 >/dev/null &&
	zdh issue claim XQ-1 --dept 房管办 &&
	zdh issue resolve XQ-1 -m 清理 &&
	git init -q --bare hub.git &&
	zdh remote add hub hub.git && zdh push >/dev/null 2>&1 &&
	zdh clone hub.git other --replica tianjin --prefix TJ >/dev/null 2>&1 &&
	zdh person grant XQ-U1 subdistrict-admin &&
	zdh person grant XQ-U2 area-staff --area 新桥 &&
	zdh person grant XQ-U3 auditor
'

test_expect_success 'the peer, not knowing the roles: an auditor.s comment, then a close after ours' '
	ZDH_SIGNING_KEY="$HOME/au" zdh -C other issue comment XQ-1 -m 审计意见 &&
	refused=$(git --git-dir=other/.zdh rev-parse refs/zdh/log/tianjin) &&
	for i in 1 2 3 4 5 6
	do
		ZDH_SIGNING_KEY="$HOME/st" zdh -C other issue comment XQ-1 -m "回访 $i" || return 1
	done &&
	ZDH_SIGNING_KEY="$HOME/st" zdh -C other issue close XQ-1 &&
	lost=$(git --git-dir=other/.zdh rev-parse refs/zdh/log/tianjin) &&
	echo $refused >refused && echo $lost >lost &&
	zdh issue close XQ-1 &&
	zdh -C other push >/dev/null 2>&1
'

test_expect_success 'pull names the refused event in one line, not the close that lost' '
	refused=$(cat refused) lost=$(cat lost) &&
	zdh pull >out 2>err &&
	echo "zdh: warning: refs/zdh/log/tianjin: commit $(echo $refused | cut -c1-12): no effect: issue comment needs a role (an auditor only reads)" >expect &&
	grep "^zdh: warning: refs/zdh/log/" err >actual &&
	test_cmp expect actual &&
	zdh log >out &&
	grep "XQ-1 *close .*\[no effect: XQ-1 is closed" out
'

test_expect_success 'an event reported once is not reported again' '
	zdh pull >out 2>err &&
	! grep "no effect" err &&
	ZDH_SIGNING_KEY="$HOME/st" zdh -C other issue comment XQ-1 -m 又一条 &&
	zdh -C other push >/dev/null 2>&1 &&
	zdh pull >out 2>err &&
	! grep "no effect" err
'

test_expect_success 'verify names the refused event with the reason, exit 1, on every replica' '
	refused=$(cat refused) &&
	line="zdh: warning: refs/zdh/log/tianjin: commit $(echo $refused | cut -c1-12): no effect: issue comment needs a role (an auditor only reads)" &&
	test_expect_code 1 zdh verify >out 2>err &&
	echo "$line" >expect &&
	grep "^zdh: warning: refs/zdh/log/" err >actual &&
	test_cmp expect actual &&
	grep "^zdh: 1 event by someone without the role it needs: it has no effect on any record$" err &&
	zdh push >/dev/null 2>&1 && zdh -C other pull >/dev/null 2>&1 &&
	test_expect_code 1 zdh -C other verify >out 2>err &&
	grep "^zdh: warning: refs/zdh/log/" err >actual &&
	test_cmp expect actual &&
	ls .zdh >files &&
	! grep verify files
'

test_expect_success 'a verify that was killed leaves nothing the next one keeps' '
	sh -c "exit 0" & dead=$! && wait $dead &&
	: >.zdh/verify-$dead.db && : >.zdh/verify-$dead.db-wal &&
	test_expect_code 1 zdh verify >out 2>err &&
	ls .zdh >files &&
	! grep verify files
'

# a scratch file is told in use by its lock, not by its PID: a PID is
# reused (here: a live process that is no verify), and one of another
# PID namespace sharing the folder is not seen
test_expect_success FLOCK 'a scratch file whose lock is free is swept though its PID lives; a locked one stays' '
	sleep 60 >/dev/null 2>&1 </dev/null & live=$! &&
	: >.zdh/verify-$live.db && : >.zdh/verify-$live.db-wal &&
	: >.zdh/verify-1.db &&
	exec 9<.zdh/verify-1.db && flock -x 9 &&
	test_expect_code 1 zdh verify >out 2>err &&
	exec 9<&- &&
	kill $live &&
	ls .zdh >files &&
	echo verify-1.db >expect &&
	grep verify files >actual &&
	test_cmp expect actual &&
	rm .zdh/verify-1.db
'

test_done
