#!/bin/sh
# A category the configuration adds (category.NAME.title, zdh-issue(1)
# CONFIGURATION) is shown under a Chinese catalogue by its title, as the
# built-in ones are by their Chinese names (show, history, the report's
# human forms), and is taken by its title wherever --category is (add,
# edit, list, import, visit add --raises); the refusal lists it with its
# title.  The events, JSON and CSV keep its name.  The title was kept by
# zdh config and printed nowhere before: a clerk saw lane-gate in a
# Chinese show and had --category 弄口道闸 refused.
test_description='issue categories of the configuration: shown and taken by their titles'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a category lane-gate titled 弄口道闸' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh config category.lane-gate.title 弄口道闸 &&
	zdh config category.lane-gate.response-days 3 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 城管中队 >/dev/null
'

test_expect_success 'add --category by the title keeps the name' '
	zh issue add 道闸坏了 --area 新桥 --category 弄口道闸 --date 2026-11-02 >id &&
	echo XQ-1 >expect &&
	test_cmp expect id &&
	zdh issue show XQ-1 --json >show.json &&
	grep "\"category\": \"lane-gate\"," show.json &&
	git --git-dir=.zdh log -1 --format=%B refs/zdh/log/xinqiao >event &&
	grep "\"category\":\"lane-gate\"" event &&
	! grep 弄口道闸 event
'

test_expect_success 'its response-days count from the title too' '
	zdh issue claim XQ-1 --dept 城管中队 --date 2026-11-02 &&
	zdh issue show XQ-1 --json >show.json &&
	grep "\"due\": \"2026-11-05\"," show.json
'

test_expect_success 'show under zh_CN: the title on the category line and in the history' '
	zh issue show XQ-1 >show &&
	grep "^类别：        弄口道闸$" show &&
	grep "新增  居民区=新桥 类别=弄口道闸 " show &&
	! grep lane-gate show
'

test_expect_success 'show in English: the name, as built-in categories are shown by their words' '
	zdh issue show XQ-1 >show &&
	grep "^category:     lane-gate$" show &&
	! grep 弄口道闸 show
'

test_expect_success 'list --category, edit --category: the title names it' '
	zh issue add 道闸又坏 --area 新桥 --category other --date 2026-11-03 >/dev/null &&
	zh issue edit XQ-2 --category 弄口道闸 --date 2026-11-03 &&
	zdh issue list --category 弄口道闸 --format csv >list &&
	cut -d, -f1 list >ids &&
	printf "id\nXQ-1\nXQ-2\n" >expect &&
	test_cmp expect ids &&
	zdh issue list --category lane-gate --format csv >list2 &&
	test_cmp list list2
'

test_expect_success 'an unknown category: the list names the title under zh_CN, nothing written' '
	git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao >before &&
	test_expect_code 1 zh issue add 新问题 --area 新桥 --category 弄口 2>err &&
	grep "lane-gate/弄口道闸" err &&
	grep "弄口道闸" err &&
	git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao >after &&
	test_cmp before after
'

test_expect_success 'import: a category column may hold the title' '
	printf "title,area,category\n道闸三坏,新桥,弄口道闸\n" >in.csv &&
	zdh issue import in.csv --date 2026-11-04 &&
	zdh issue show XQ-3 --json >show.json &&
	grep "\"category\": \"lane-gate\"," show.json
'

test_expect_success 'visit add --raises --category by the title' '
	zdh visit liaison add 王强 --dept 城管中队 --areas 新桥 --date 2026-11-01 >/dev/null &&
	zdh visit add --area 新桥 --liaison 王强 -m 道闸 --raises 道闸四坏 --category 弄口道闸 \
		--date 2026-11-05 >/dev/null &&
	zdh issue show XQ-4 --json >show.json &&
	grep "\"category\": \"lane-gate\"," show.json
'

test_expect_success 'report: its human forms print the title under zh_CN, csv and json the name' '
	zh report monthly --month 2026-11 >r.txt &&
	grep "^弄口道闸 " r.txt &&
	! grep lane-gate r.txt &&
	zh report monthly --month 2026-11 --format md >r.md &&
	grep "^| 弄口道闸 |" r.md &&
	zh report monthly --month 2026-11 -o r.html --format html &&
	grep 弄口道闸 r.html &&
	! grep lane-gate r.html &&
	zh report monthly --month 2026-11 --format csv >r.csv &&
	grep "^lane-gate,4," r.csv &&
	! grep 弄口道闸 r.csv &&
	zh report monthly --month 2026-11 --json >r.json &&
	grep "\"category\": \"lane-gate\"" r.json
'

test_expect_success 'report in English: the name' '
	zdh report monthly --month 2026-11 >r.txt &&
	grep "^lane-gate " r.txt
'

test_done
