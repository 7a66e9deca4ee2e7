#!/bin/sh
# zdh(1) gives every command the same exit codes, and a reader too exits 2
# when the index stays held by another command writing it; the pages of
# the reading commands (conflicts, export, inbox, log, report, replica)
# left 2 out, person's page named only 1 and 129, remote's no 128.  Each
# command's page names every code it can give (init and clone make a
# repository, verify reads the logs alone: no lock to wait for), and the
# readers do exit 2.
test_description='each page.s EXIT STATUS names the codes its command gives'
. "$(dirname "$0")/lib.sh"

test_expect_success 'every command page names 0, 1, 2, 128 and 129 (those it can exit with)' '
	for page in "$TEST_DIRECTORY"/../man/zdh-*.1
	do
		# (its text lines alone: the line .BR zdh (1) of every page is a 1)
		sed -n "/^\.SH EXIT STATUS/,/^\.SH /p" "$page" | grep -v "^\." | tr "\n" " " >status &&
		case $page in
		*/zdh-init.1|*/zdh-clone.1|*/zdh-verify.1) codes="0 1 128 129" ;;
		*/zdh-export.1|*/zdh-reindex.1) codes="0 2 128 129" ;;	# (no input to refuse)
		*) codes="0 1 2 128 129" ;;
		esac &&
		for n in $codes
		do
			grep -qw "$n" status || { echo "${page##*/}: no $n"; return 1; }
		done || return 1
	done
'

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ r >/dev/null &&
	zdh -C r org add --kind dept 城管中队 >/dev/null &&
	zdh -C r config zdh.lock-timeout 1
'

test_expect_success FLOCK 'the readers exit 2 while the index stays held' '
	flock -x r/.zdh/index.use sh -c ": >r/held; sleep 8" &
	holder=$!
	cd r &&
	test_wait_for held 10 &&
	for cmd in conflicts export "inbox --dept 城管中队" log "report monthly"
	do
		test_expect_code 2 zdh $cmd >out 2>err || { echo "$cmd"; return 1; }
		grep "^zdh: the index is being written by another zdh command" err || return 1
	done &&
	wait $holder
'

test_done
