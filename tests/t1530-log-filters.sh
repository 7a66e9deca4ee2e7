#!/bin/sh
# zdh log: --recorded-since (what was entered, whatever its --date),
# --author matching part of "name <email>" as git's does, and an unknown
# --kind refused rather than answered with nothing.
test_description='log --recorded-since, --author, --kind'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: last month entered last month, and today' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	ZDH_USER_NAME=王芳 ZDH_USER_EMAIL=wangfang@xinqiao.example \
		GIT_COMMITTER_DATE="2026-01-05T09:00:00+08:00" \
		zdh org add --kind area 新桥 --date 2026-01-05 >/dev/null &&
	ZDH_USER_NAME=王强 ZDH_USER_EMAIL=wangqiang@huashan.example \
		zdh org add --kind dept 房管办 --date 2026-01-06 >/dev/null &&
	ZDH_USER_NAME=李敏 ZDH_USER_EMAIL=limin@xinqiao.example \
		zdh issue add 路灯不亮 --area 新桥 --date 2026-01-07 >/dev/null
'

# records: the RECORD column of zdh log ARGS, one a line.
records () {
	zdh log --json "$@" >log.json &&
	sed -n "s/^    \"record\": \"\(.*\)\",$/\1/p" log.json
}

test_expect_success '--recorded-since today: what was entered today, not what happened' '
	records --since today >actual &&
	test_must_be_empty actual &&
	records --recorded-since today >actual &&
	printf "%s\n" XQ-1 XQ-O2 XQ-O1 >expect &&
	test_cmp expect actual
'

test_expect_success 'recorded-since/until bound the commit time' '
	git --git-dir=.zdh log --format=%cI refs/zdh/log/xinqiao | tail -1 >first &&
	records --recorded-until 2026-01-05 >actual &&
	if grep -q "^2026-01-05" first
	then
		echo XQ-O1 >expect
	else
		: >expect
	fi &&
	test_cmp expect actual
'

test_expect_success '--author matches part of name <email>, case and all' '
	records --author 王 >actual &&
	printf "%s\n" XQ-O2 XQ-O1 >expect &&
	test_cmp expect actual &&
	records --author @xinqiao.example >actual &&
	printf "%s\n" XQ-1 XQ-O1 >expect &&
	test_cmp expect actual &&
	records --author "李敏 <limin@xinqiao.example>" >actual &&
	echo XQ-1 >expect &&
	test_cmp expect actual &&
	records --author WANGFANG >actual &&
	test_must_be_empty actual
'

test_expect_success 'an unknown --kind is refused, a known one filters' '
	test_expect_code 1 zdh log --kind isue >out 2>err &&
	test_must_be_empty out &&
	echo "zdh: unknown kind '"'"'isue'"'"'; did you mean '"'"'issue'"'"'? (org, issue, offer, need, pairing, delivery, liaison, visit, project, fund, person, report, setting, council, meeting, decision, action)" >expect &&
	test_cmp expect err &&
	records --kind issue >actual &&
	echo XQ-1 >expect &&
	test_cmp expect actual
'

test_done
