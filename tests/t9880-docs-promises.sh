#!/bin/sh
# What the manual pages show, as the commands print it: each case here
# was a page and the tool disagreeing, settled on the side a user
# following the page would expect.
test_description='the manual pages as the tool does them'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ a >/dev/null &&
	zdh -C a org add --kind area 新桥 >/dev/null
'

test_expect_success 'log --json: the actor as stored, its keys sorted (zdh-log(1))' '
	ZDH_USER_DEPT=党建办 zdh -C a org edit 新桥 --code 1 &&
	zdh -C a log -n 1 --json >log.json &&
	sed -n "/\"actor\"/,/}/p" log.json >actual &&
	cat >expect <<-\EOT &&
	    "actor": {
	      "dept": "党建办",
	      "email": "tester@example.org",
	      "name": "测试员"
	    },
	EOT
	test_cmp expect actual
'

test_expect_success 'menu pair: --from defaults to the day of --date, as -h and zdh-menu(1) say' '
	zdh -C a org add --kind unit 博物馆 --date 2026-01-01 >/dev/null &&
	zdh -C a menu offer add 讲座 --provider 博物馆 --category education --date 2026-01-01 >/dev/null &&
	zdh -C a menu need add 学习 --area 新桥 --category education --date 2026-01-01 >/dev/null &&
	zdh -C a menu pair XQ-N1 XQ-F1 --date 2026-03-02 >/dev/null &&
	zdh -C a menu show XQ-P1 >show &&
	grep "^from: *2026-03-02$" show &&
	zdh menu pair -h >help &&
	grep -e "--from DAY .*(default: the day of --date)" help
'

test_done
