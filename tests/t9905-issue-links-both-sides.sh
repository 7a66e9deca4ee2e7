#!/bin/sh
# `zdh issue link A B` was one-way: `issue show B` said nothing of A.  The
# other side of a link is read from the index when an issue is shown
# ("linked from:", and "linked_from" in --json), no second event written;
# a void issue's links are left out; a link a peer office made shows after
# the pull that brings it.  The council's decisions about an issue and
# the actions that name it are listed on the issue too, as its meetings
# were.
test_description='issue links seen from both sides'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: four issues, two linked to the first' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq issue add 垃圾桶满溢 --area 新桥 >/dev/null &&
	at xq issue add 弄堂乱停车 --area 新桥 >/dev/null &&
	at xq issue add 弄口道闸 --area 新桥 >/dev/null &&
	at xq issue add 录入错误 --area 新桥 >/dev/null &&
	at xq issue link XQ-3 XQ-1 -m 听证会方案 &&
	at xq issue link XQ-2 XQ-1 &&
	git --git-dir=xq/.zdh rev-list --all | wc -l >events.before
'

test_expect_success 'show of the linked issue names those that link it' '
	at xq issue show XQ-1 >show &&
	grep "^linked from:  XQ-2, XQ-3$" show &&
	! grep "^links:" show &&
	at xq issue show XQ-3 >show3 &&
	grep "^links:        XQ-1$" show3 &&
	! grep "^linked from:" show3
'

test_expect_success '--json: linked_from, in id order; links as before' '
	at xq issue show XQ-1 --json >json &&
	json_ok <json &&
	python3 -c "import json,sys; d=json.load(open(\"json\")); assert d[\"linked_from\"] == [\"XQ-2\", \"XQ-3\"], d; assert \"links\" not in d" &&
	at xq issue show XQ-2 --json >json2 &&
	python3 -c "import json,sys; d=json.load(open(\"json2\")); assert d[\"links\"] == [\"XQ-1\"]; assert \"linked_from\" not in d"
'

test_expect_success 'no event was written for the other side' '
	git --git-dir=xq/.zdh rev-list --all | wc -l >events.after &&
	test_cmp events.before events.after &&
	at xq log --record XQ-1 >log &&
	test_line_count = 1 log
'

test_expect_success 'the link names both issues in its commit and in the log' '
	git --git-dir=xq/.zdh log -1 --format=%s refs/zdh/log/xinqiao >subject &&
	echo "issue link XQ-2 XQ-1" >expect && test_cmp expect subject &&
	at xq log --record XQ-3 >log &&
	grep "issue link XQ-3 XQ-1$" log &&
	LANGUAGE=zh_CN "$ZDH" -C xq log --record XQ-3 >log.zh &&
	grep "问题 XQ-1$" log.zh
'

test_expect_success 'a link both ways shows on both sides, each as it is' '
	at xq issue link XQ-1 XQ-2 &&
	at xq issue show XQ-1 >show &&
	grep "^links:        XQ-2$" show &&
	grep "^linked from:  XQ-2, XQ-3$" show
'

test_expect_success 'a void issue.s links are left out' '
	at xq issue link XQ-4 XQ-1 &&
	at xq issue show XQ-1 >show &&
	grep "^linked from:  XQ-2, XQ-3, XQ-4$" show &&
	at xq issue void XQ-4 -m 录入错误 &&
	at xq issue show XQ-1 >show &&
	grep "^linked from:  XQ-2, XQ-3$" show
'

test_expect_success 'a peer office.s link arrives with the pull' '
	git init -q --bare hub.git &&
	two_offices_cloned origin &&
	at ya issue add 商铺垃圾 --area 新桥 >/dev/null &&
	at ya issue link YA-1 XQ-1 -m 同一垃圾房 &&
	at ya sync -q && at xq sync -q &&
	at xq issue show XQ-1 >show &&
	grep "^linked from:  XQ-2, XQ-3, YA-1$" show &&
	at xq issue show XQ-1 --json >json &&
	grep "\"YA-1\"" json
'

test_expect_success 'a council.s decision about an issue and its action: shown on the issue' '
	at xq org add --kind dept 城管中队 >/dev/null &&
	at xq council add 新桥理事会 --area 新桥 --date 2024-01-10 >/dev/null &&
	at xq council member add XQ-C1 甲 --role chair --date 2024-01-10 &&
	at xq council member add XQ-C1 乙 --role member --date 2024-01-10 &&
	at xq council meeting add XQ-C1 --present 甲,乙 --agenda XQ-3 --date 2024-03-08 >/dev/null &&
	at xq council decide XQ-M1 --motion 安装弄口道闸 --issue XQ-3 --for 甲,乙 --close \
		--action 安装道闸 --dept 城管中队 --due 2024-04-30 --resolves --date 2024-03-08 >/dev/null &&
	at xq issue show XQ-3 >show &&
	grep "^meetings:     XQ-M1  2024-03-08  XQ-C1$" show &&
	grep "^decisions:    XQ-D1  adopted  2024-03-08  安装弄口道闸$" show &&
	grep "^actions:      XQ-A1  open  城管中队  安装道闸  due 2024-04-30$" show &&
	at xq issue show XQ-3 --json >json &&
	python3 -c "
import json
d = json.load(open(\"json\"))
assert d[\"decisions\"] == [{\"id\": \"XQ-D1\", \"status\": \"adopted\", \"date\": \"2024-03-08\", \"motion\": \"安装弄口道闸\"}], d[\"decisions\"]
assert d[\"actions\"] == [{\"id\": \"XQ-A1\", \"status\": \"open\", \"dept\": \"城管中队\", \"text\": \"安装道闸\", \"due\": \"2024-04-30\"}], d[\"actions\"]
" &&
	at xq issue show XQ-2 >show2 &&
	! grep "^decisions:\|^actions:" show2
'

test_expect_success 'under zh_CN: 被关联' '
	LANGUAGE=zh_CN zdh -C xq issue show XQ-1 >show &&
	grep "^被关联： *XQ-2、XQ-3、YA-1$" show
'

test_done
