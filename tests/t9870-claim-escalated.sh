#!/bin/sh
# An issue the residents' committee escalated before any department
# claimed it (出口机制) could never get one: claim was allowed from open
# only, and edit sets a dept only once there is one.  The grid platform's
# dispatch (派单) is a claim of the escalated issue: it stays escalated,
# now with its department and due day, in that department's inbox; one
# that has a department is not claimed again (issue kind version 3).
test_description='claim of an issue escalated before any department claimed it'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

status_of () {
	zdh -C "$1" issue show "$2" --json >status.json &&
	sed -n 's/^  "status": "\([a-z]*\)",*$/\1/p' status.json
}

test_expect_success 'setup: an issue escalated before any claim' '
	zdh init --replica xinqiao --prefix XQ a >/dev/null &&
	zdh -C a org add --kind area 新桥 >/dev/null &&
	zdh -C a org add --kind dept 城管 >/dev/null &&
	zdh -C a org add --kind dept 房管办 >/dev/null &&
	zdh -C a issue add 商户占道经营 --area 新桥 --category environment >/dev/null &&
	zdh -C a issue escalate XQ-1 -m 居委会处理不了 &&
	test "$(status_of a XQ-1)" = escalated
'

test_expect_success 'the platform dispatches it: claimed, it stays escalated with its department and due day' '
	zdh -C a issue claim XQ-1 --dept 城管 --due 2099-01-08 &&
	test "$(status_of a XQ-1)" = escalated &&
	grep "^  \"dept\": \"城管\"" status.json &&
	grep "^  \"due\": \"2099-01-08\"" status.json &&
	zdh -C a inbox --dept 城管 >inbox &&
	grep XQ-1 inbox &&
	zdh -C a issue resolve XQ-1 -m 已劝离 &&
	test "$(status_of a XQ-1)" = resolved
'

test_expect_success 'one that has a department is not claimed again' '
	zdh -C a issue add 楼道堆物 --area 新桥 >/dev/null &&
	zdh -C a issue escalate XQ-2 -m 上报 &&
	zdh -C a issue claim XQ-2 --dept 城管 &&
	test_expect_code 1 zdh -C a issue claim XQ-2 --dept 房管办 >out 2>err &&
	test_must_be_empty out &&
	grep "^zdh: XQ-2 is escalated; allowed: assign, comment, resolve, edit, link, urge, void$" err &&
	zdh -C a issue show XQ-2 --json >show.json &&
	grep "^  \"dept\": \"城管\"" show.json
'

test_expect_success 'two offices dispatch it at once: the first in fold order wins, on both, after a rebuild too' '
	zdh -C a issue add 路灯不亮 --area 新桥 >/dev/null &&
	zdh -C a issue escalate XQ-3 -m 上报 &&
	git init -q --bare hub.git &&
	zdh -C a remote add hub ../hub.git && zdh -C a push hub >/dev/null 2>&1 &&
	zdh clone hub.git b --replica jiedao --prefix JD -q &&
	zdh -C a issue claim XQ-3 --dept 城管 &&
	zdh -C b issue claim XQ-3 --dept 房管办 &&
	zdh -C a push hub >/dev/null 2>&1 && zdh -C b pull >/dev/null 2>&1 &&
	zdh -C b push >/dev/null 2>&1 && zdh -C a pull hub >/dev/null 2>&1 &&
	zdh -C a export >a.json && zdh -C b export >b.json &&
	test_cmp a.json b.json &&
	zdh -C a log --record XQ-3 >log &&
	grep "already claimed by" log &&
	zdh -C a reindex >/dev/null 2>&1 && zdh -C a export >a2.json &&
	test_cmp a.json a2.json
'

test_done
