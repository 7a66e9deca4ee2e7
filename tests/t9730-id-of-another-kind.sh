#!/bin/sh
# `issue show XQ-O3`, where XQ-O3 is an org, said "no issue XQ-O3", as if
# the id were wrong rather than of another kind.  It says what the id is
# now ("XQ-O3 is an org, not an issue"), exit status 1 as before; an id
# of no record at all is still "no issue XQ-9".
test_description='an id of another kind: said what it is'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: an org, an issue, an offer, a project' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind unit 上海博物馆 >/dev/null &&
	zdh issue add 楼道堆物 --area 新桥 >/dev/null &&
	zdh menu offer add 助老服务 --provider 上海博物馆 --category elderly >/dev/null &&
	zdh menu need add 助餐 --area 新桥 --category elderly >/dev/null
'

test_expect_success 'issue show, claim, a filter, project show: the id named for what it is' '
	test_refused "XQ-O1 is an org, not an issue" issue show XQ-O1 &&
	test_refused "XQ-N1 is a need, not an issue" issue show xq-n1 &&
	test_refused "XQ-O2 is an org, not an issue" issue claim XQ-O2 --dept 新桥 &&
	test_refused "XQ-F1 is an offer, not a project" project show XQ-F1 &&
	test_refused "XQ-N1 is a need, not an offer" menu pairings --offer XQ-N1
'

test_expect_success 'a write verb of another kind.s id: the same' '
	test_refused "XQ-N1 is a need, not an issue" issue comment XQ-N1 -m 已联系 &&
	test_refused "XQ-O2 is an org, not an issue" issue edit XQ-O2 --title x &&
	test_refused "no issue XQ-9" issue comment XQ-9 -m 已联系
'

test_expect_success 'a link, a visit following up: the other id named for what it is' '
	zdh org add --kind dept 派出所 >/dev/null &&
	zdh visit liaison add 王强 --dept 派出所 --areas 新桥 >/dev/null &&
	test_refused "XQ-O1 is an org, not an issue" issue link XQ-1 XQ-O1 &&
	test_refused "no issue XQ-9" issue link XQ-1 XQ-9 &&
	test_refused "XQ-N1 is a need, not an issue" \
		visit add --area 新桥 --liaison 王强 -m 回访 --issue XQ-N1 &&
	test_refused "no issue XQ-9" visit add --area 新桥 --liaison 王强 -m 回访 --issue XQ-9
'

test_expect_success 'no record of that id: as before; in Chinese' '
	test_refused "no issue XQ-9" issue show XQ-9 &&
	test_expect_code 1 zh issue show XQ-O1 2>err &&
	echo "zdh: XQ-O1 是组织，不是问题" >expect &&
	test_cmp expect err
'

test_done
