#!/bin/sh
# An issue's mentions are kept sorted, each once.  The fold inserted each
# mention of a comment into the sorted array one by one: a peer's ten
# comments of 20,000 mentions each folded for two minutes on every
# office.  Now sorted together; the same array.
test_description='comments with thousands of mentions fold fast, sorted and once each'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: an issue mentioning a department; a peer' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind dept 房管办 >/dev/null &&
	at xq issue add 路灯 >/dev/null &&
	at xq issue comment XQ-1 -m "@房管办 看看" &&
	craft_peer 井盖
'

test_expect_success 'twelve comments of 10,000 mentions each, last first, fold in seconds' '
	tip=$(craft_tip) &&
	for e in 1 2 3 4 5 6 7 8 9 10 11 12
	do
		m=$(seq -w 10000 -1 1 | sed "s/.*/\"M$e-&\"/" | paste -sd, -) &&
		tip=$(craft ya/.zdh "$tip" event issue XQ-1 comment \
			"{\"message\":\"看\",\"mentions\":[$m,\"XQ-O1\",\"M$e-00001\"]}") || return 1
	done &&
	craft_publish "$tip" &&
	timeout 20 "$ZDH" -C xq pull ya >/dev/null 2>&1 &&
	timeout 20 "$ZDH" -C xq reindex >/dev/null
'

test_expect_success 'the mentions sorted, each once' '
	at xq export >json &&
	python3 -c "
import json
r = json.load(open(\"json\"))[\"records\"][\"issue\"]
m = [x for x in r if x[\"id\"] == \"XQ-1\"][0][\"state\"][\"mentions\"]
assert len(m) == 1 + 12 * 10000, len(m)
assert m == sorted(set(m)), m[:5]
assert \"XQ-O1\" in m
"
'

test_done
