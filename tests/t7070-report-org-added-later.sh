#!/bin/sh
test_description='report: an org added after the period is named, not shown by its id'
. "$(dirname "$0")/lib.sh"

# Staff enter a month's issues after it ended, and the department and the
# district they name were added today: a report of that month counts the
# issues by them, named as they were added (an issue refers to an org by
# id), as make demo does.
test_expect_success 'a district, an area and a department added today; issues dated last year' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind district 第一片区 >/dev/null &&
	zdh org add --kind area 新桥居民区 --district 第一片区 --date "2025-01-05" >/dev/null &&
	zdh org add --kind dept 城管中队 >/dev/null &&
	zdh issue add "一" --area 新桥居民区 --category parking --date "2025-11-03 09:00" >/dev/null &&
	zdh issue claim XQ-1 --dept 城管中队 --date "2025-11-04 09:00"
'

test_expect_success 'the month: district and department by name' '
	zdh report monthly --month 2025-11 >out &&
	grep "^第一片区 " out &&
	grep "^城管中队 " out &&
	! grep "XQ-O" out
'

test_expect_success 'the same in --json and under zh_CN' '
	zdh report monthly --month 2025-11 --json >out.json &&
	grep "城管中队" out.json && grep "第一片区" out.json &&
	! grep "XQ-O" out.json &&
	zh report monthly --month 2025-11 >out.zh &&
	grep "^城管中队 " out.zh
'

test_expect_success PYTHON 'such an org is not counted in the registry of the month' '
	zdh report monthly --month 2025-11 --json >out.json &&
	python3 -c "import json; r = json.load(open(\"out.json\"))[\"registry\"]; print(r[\"area\"], r[\"dept\"], r[\"district\"])" >actual &&
	echo "1 0 0" >expect &&
	test_cmp expect actual
'

# A clerk who starts in December enters the registry then and the
# November issues dated back: the area, like its district, is added after
# the month.  Its issues count under its district, as under its name
# (before, every district row was "(none)").
test_expect_success 'an area added after the period: its issues under its district' '
	zdh org add --kind district 第二片区 >/dev/null &&
	zdh org add --kind area 延安公寓 --district 第二片区 >/dev/null &&
	zdh issue add "二" --area 延安公寓 --date "2025-11-05 09:00" >/dev/null &&
	zdh report monthly --month 2025-11 --format csv >out.csv &&
	sed -n "/^district,/,/^\$/p" out.csv >districts &&
	printf "district,opened,solved,closed,open_at_end,overdue_at_end\n第一片区,1,0,0,1,1\n第二片区,1,0,0,1,0\n\n" >expect &&
	test_cmp expect districts &&
	zdh report monthly --month 2025-11 --district 第二片区 --json >scoped.json &&
	grep "^    \"opened\": 1," scoped.json
'

test_done
