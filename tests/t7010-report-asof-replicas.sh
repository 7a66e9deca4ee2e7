#!/bin/sh
test_description='report --as-of, and the same report on every replica holding the same events'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-report.sh"

test_expect_success PYTHON '--as-of before a late-recorded, back-dated resolve leaves it out' '
	zdh init --replica xinqiao --prefix XQ office >/dev/null &&
	(
		cd office &&
		registry_two_districts >/dev/null &&
		zdh issue add 漏水 --area 新桥 --date "2025-11-03 09:00" >/dev/null &&
		zdh issue claim XQ-1 --dept 房管办 --date "2025-11-04 09:00" &&
		mark ../mark &&
		zdh issue resolve XQ-1 -m 已修 --date "2025-11-10 09:00" &&
		figures monthly --month 2025-11 >../now &&
		figures monthly --month 2025-11 --as-of @$(cat ../mark) >../then &&
		figures monthly --month 2025-11 --as-of 2025-01-01 >../before
	) &&
	grep "^issues.solved=1$" now && grep "^issues.open_at_end=0$" now &&
	grep "^issues.solved=0$" then && grep "^issues.open_at_end=1$" then &&
	grep "^period.as_of=20" then &&
	grep "^issues.opened=0$" before && grep "^registry.area=0$" before
'

# today in the repository's zone (Asia/Shanghai): from 16:00 UTC on, the
# UTC date is a day behind it and its end is before the resolve above
test_expect_success PYTHON '--as-of a day means until the end of that day' '
	(cd office && figures monthly --month 2025-11 --as-of $(TZ=Asia/Shanghai date +%Y-%m-%d) >../today) &&
	grep "^issues.solved=1$" today
'

# An office that wrote with a stale clock: its later-recorded resolve sorts
# before the first office's in fold order and takes effect there; left out
# by --as-of, the first office's resolve takes effect instead.
test_expect_success PYTHON 'a left-out event that sorts first: the record is folded again' '
	zdh clone office aa --replica aa --prefix AA --quiet &&
	(cd office && zdh issue add 堆物 --area 新桥 --date "2025-11-05 09:00" >/dev/null &&
		zdh issue claim XQ-2 --dept 房管办 --date "2025-11-05 10:00") &&
	(cd aa && zdh pull --quiet) &&
	(cd office && zdh issue resolve XQ-2 -m 清理 --date "2025-11-12 09:00") &&
	mark mark2 &&
	(cd aa && zdh issue resolve XQ-2 -m 清理了 --date "2025-12-02 09:00") &&
	(cd office && zdh remote add aa ../aa && zdh pull aa --quiet) &&
	(cd office && zdh issue show XQ-2 --json) >show.json &&
	python3 -c "import json; s = json.load(open(\"show.json\")); print(s.get(\"resolved_at\") or s[\"state\"][\"resolved_at\"])" >resolved &&
	grep "^2025-12-02" resolved &&
	(cd office && figures monthly --month 2025-11 >../full &&
		figures monthly --month 2025-11 --as-of @$(cat ../mark2) >../asof) &&
	grep "^issues.solved=1$" full &&
	grep "^issues.solved=2$" asof &&
	(cd office && figures monthly --month 2025-12 >../dec) &&
	grep "^issues.solved=1$" dec
'

test_expect_success 'two replicas synced in different orders print the same bytes' '
	zdh init --replica hub --prefix HB hub >/dev/null &&
	(cd hub && registry_two_districts >/dev/null) &&
	zdh clone hub r1 --replica r1 --prefix RA --quiet &&
	zdh clone hub r2 --replica r2 --prefix RB --quiet &&
	(cd r1 && zdh issue add 一 --area 新桥 --source petition --date "2025-11-02 09:00" >/dev/null &&
		zdh issue claim RA-1 --dept 房管办 --date "2025-11-03 09:00" &&
		zdh issue resolve RA-1 -m x --date "2025-11-04 09:00" &&
		zdh issue close RA-1 --satisfaction 4 --date "2025-11-05 09:00") &&
	(cd r2 && zdh issue add 二 --area 延安公寓 --date "2025-11-06 09:00" >/dev/null &&
		zdh issue escalate RB-1 -m y --date "2025-11-07 09:00" &&
		zdh issue add 三 --source petition --date "2024-11-06 09:00" >/dev/null) &&
	(cd hub && zdh issue add 四 --area 新桥 --date "2025-10-30 09:00" >/dev/null) &&
	(cd r1 && zdh sync --quiet) && (cd r2 && zdh sync --quiet) && (cd r1 && zdh sync --quiet) &&
	(cd r2 && zdh pull --quiet) &&
	(cd hub && zdh remote add r2 ../r2 && zdh pull r2 --quiet && zdh remote add r1 ../r1 && zdh pull r1 --quiet) &&
	for f in text json csv md html
	do
		(cd r1 && zdh report monthly --month 2025-11 --format $f >../r1.$f) &&
		(cd r2 && zdh report monthly --month 2025-11 --format $f >../r2.$f) &&
		(cd hub && zdh report monthly --month 2025-11 --format $f >../hub.$f) &&
		test_cmp r1.$f r2.$f && test_cmp r1.$f hub.$f || return 1
	done &&
	grep "^issues opened  *2$" r1.text
'

test_done
