#!/bin/sh
# A meeting's agenda and guests grow by each update, each item once: the
# fold compared every new item with every item the meeting had, so a
# peer's ten updates of 8,000 items each folded for two minutes on every
# office.  Looked up in a set now; still each item once, in order.
test_description='a meeting update with thousands of agenda items folds fast'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: a council and a meeting; a peer' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq council add 新桥理事会 --area 新桥 >/dev/null &&
	at xq council member add XQ-C1 王阿姨 --role chair &&
	at xq council meeting add XQ-C1 --present 王阿姨 --item 甲 --guest 派出所 >/dev/null &&
	craft_peer 路灯
'

test_expect_success 'eight updates of 6,000 items each (and the ones it has) fold in seconds' '
	tip=$(craft_tip) &&
	for e in 1 2 3 4 5 6 7 8
	do
		items=$(seq 1 6000 | sed "s/.*/{\"text\":\"项$e-&\"}/" | paste -sd, -) &&
		tip=$(craft ya/.zdh "$tip" event meeting XQ-M1 update \
			"{\"agenda\":[{\"text\":\"甲\"},$items,{\"text\":\"项$e-1\"}],\"guests\":[\"派出所\",\"居民$e\",\"居民$e\"]}") ||
		return 1
	done &&
	craft_publish "$tip" &&
	timeout 30 "$ZDH" -C xq pull ya >/dev/null 2>&1 &&
	timeout 30 "$ZDH" -C xq reindex >/dev/null
'

test_expect_success 'each item and guest once, in the order they came' '
	at xq council meeting show XQ-M1 --json >json &&
	python3 -c "
import json
m = json.load(open(\"json\"))
ag = [a[\"text\"] for a in m[\"agenda\"]]
assert len(ag) == 1 + 8 * 6000, len(ag)
assert ag[0] == \"甲\" and ag[1] == \"项1-1\" and ag[-1] == \"项8-6000\", (ag[:2], ag[-1])
assert len(set(ag)) == len(ag)
assert m[\"guests\"] == [\"派出所\"] + [\"居民%d\" % e for e in range(1, 9)], m[\"guests\"]
"
'

test_done
