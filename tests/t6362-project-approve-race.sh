#!/bin/sh
# Two approvals of one project at once, at one office (two clerks, two
# terminals) and at two offices before they synced: what each side sees.
# At one office the write lock orders them: one is written, the others
# are refused (exit 1, nothing written).  At two offices both are kept;
# the first in fold order (clock, replica, commit) is the approval, the
# other has no effect, and both offices show the same history with the
# same reason whatever order the events came in; the office whose
# approval had no effect (here xq's: it wrote more before, so its clock
# is higher) is told by the pull that brings the other, and only it.
# (A check of what happens, pinned: nothing here changed zdh.)
test_description='project approve: two at once, at one office and at two'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: a fund and two projects budgeted; a second office clones' '
	xq_and_hub &&
	at xq fund set --area 新桥 --year 2026 1000 --date 2026-01-05 >/dev/null &&
	at xq project add 铁门 --area 新桥 --year 2026 --date 2026-02-01 >/dev/null &&
	at xq project add 路灯 --area 新桥 --year 2026 --date 2026-02-01 >/dev/null &&
	at xq project budget XQ-J1 300 --item 铁门 --date 2026-02-02 &&
	at xq project budget XQ-J2 200 --item 路灯 --date 2026-02-02 &&
	at xq remote add origin ../hub.git &&
	at xq push -q &&
	zdh clone -q hub.git ya --replica yanan --prefix YA
'

test_expect_success 'at one office: four at once, one written, three refused' '
	for i in 1 2 3 4
	do
		( at xq project approve XQ-J1 --date 2026-02-03 2>err$i; echo $? >rc$i ) &
	done &&
	wait &&
	cat rc1 rc2 rc3 rc4 | sort >rcs &&
	printf "0\n1\n1\n1\n" >expect &&
	test_cmp expect rcs &&
	cat err1 err2 err3 err4 | sort -u >errs &&
	echo "zdh: project XQ-J1 is approved; '"'"'approve'"'"' needs it proposed" >expect &&
	test_cmp expect errs &&
	test $(at xq log --record XQ-J1 | grep -c " approve ") = 1
'

test_expect_success 'at two offices: one approval stands, the same at both, whatever came first' '
	at xq project approve XQ-J2 --date 2026-02-04 &&
	at ya project approve XQ-J2 --date 2026-02-04 &&
	at ya push -q &&
	at xq pull >out 2>xq.err &&
	at xq push -q &&
	at ya pull >out 2>ya.err &&
	cat xq.err ya.err >err &&
	grep "^XQ-J2 approve had no effect: approve by .* came first (project XQ-J2 is approved; '"'"'approve'"'"' needs it proposed)\$" err &&
	test $(wc -l <err) = 1 &&
	test_must_be_empty ya.err &&
	at xq project show XQ-J2 --json >xq.json &&
	at ya project show XQ-J2 --json >ya.json &&
	test_cmp xq.json ya.json &&
	grep "\"approved\": 20000," xq.json &&
	# (the same, but writers of the other office named with their replica: t8255)
	at xq project show XQ-J2 | sed -e "s/@[a-z0-9-]*//" -e "s/  */ /g" >xq.txt &&
	at ya project show XQ-J2 | sed -e "s/@[a-z0-9-]*//" -e "s/  */ /g" >ya.txt &&
	test_cmp xq.txt ya.txt &&
	test $(grep -c "approve .*\[no effect: project XQ-J2 is approved; '"'"'approve'"'"' needs it proposed\]" xq.txt) = 1 &&
	at ya reindex >/dev/null &&
	at ya project show XQ-J2 --json >again.json &&
	test_cmp ya.json again.json &&
	at xq verify -q && at ya verify -q
'

test_done
