#!/bin/sh
# A year at the source's scale (tests/gen-year.py: 8 districts, 19 areas,
# 6 departments, 85 units, 63 buildings, 1,500 issues opened in 2025 of
# which 1,405 solved in it, petitions for 2024 and 2025), loaded into a
# repository with git fast-import as a replica's log; the generator also
# writes the true figures, computed from its events by the definitions of
# zdh-report(1).  Every figure of the yearly and of a monthly report must
# equal them.
test_description='report on a generated year equals its truth'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-report.sh"

SEED=${ZDH_YEAR_SEED:-7}

test_expect_success PYTHON 'generate a year and load it' '
	python3 "$TEST_DIRECTORY/gen-year.py" $SEED gen &&
	zdh init --replica gen --prefix GY year >/dev/null &&
	git --git-dir=year/.zdh fast-import --quiet <gen/events.fi &&
	(cd year && zdh verify >../verify.out) &&
	grep "^verified 1 log, [0-9]* events" verify.out
'

test_expect_success PYTHON 'every event took effect' '
	(cd year && zdh report sql "SELECT count(*) FROM events WHERE effect <> 1") >noeffect &&
	tail -n 1 noeffect >actual && echo 0 >expect && test_cmp expect actual
'

test_expect_success PYTHON 'yearly 2025: every figure equals the truth' '
	(cd year && zdh report yearly --year 2025 --json) | flat |
		grep -v -e "^period\." -e "^scope\." -e "^kinds\." | LC_ALL=C sort >actual &&
	LC_ALL=C sort gen/truth-yearly.txt >expect &&
	test_cmp expect actual &&
	grep "^issues.solved=1405$" actual && grep "^issues.opened=1500$" actual &&
	grep "^registry.area=19$" actual && grep "^registry.district=8$" actual &&
	grep "^registry.unit=85$" actual && grep "^registry.building=63$" actual &&
	grep "^registry.dept=6$" actual && grep "^petitions.change_percent=-36$" actual
'

test_expect_success PYTHON 'monthly 2025-11: every figure equals the truth' '
	(cd year && zdh report monthly --month 2025-11 --json) | flat |
		grep -v -e "^period\." -e "^scope\." -e "^kinds\." | LC_ALL=C sort >actual &&
	LC_ALL=C sort gen/truth-monthly.txt >expect &&
	test_cmp expect actual
'

test_expect_success PYTHON 'the generator is deterministic for a seed' '
	python3 "$TEST_DIRECTORY/gen-year.py" $SEED gen2 &&
	cmp gen/events.fi gen2/events.fi && cmp gen/truth-yearly.txt gen2/truth-yearly.txt
'

test_done
