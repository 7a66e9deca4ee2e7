#!/bin/sh
# Prefix ownership (issue 11 §1): only the replica that owns an id prefix
# creates records under it.  A peer's log that adds XQ-1 with a low clock
# (the attack of issue 11) takes nothing: no record, no id.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"
. "$TEST_DIRECTORY/lib-issue.sh"

test_expect_success 'setup: an office with an issue' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh issue add "办公室的事" --area 新桥 --category parking --source visit >out &&
	echo XQ-1 >expect &&
	test_cmp expect out &&
	zdh issue list >before &&
	mkdir hub && git init -q --bare hub/h.git &&
	zdh remote add hub hub/h.git && zdh push >/dev/null 2>&1 &&
	zdh clone hub/h.git other --replica tianjin --prefix TJ >/dev/null 2>err &&
	test_must_be_empty err
'

test_expect_success 'init pins the replica as the owner of its prefix' '
	git config --file .zdh/config prefix.XQ.owner >actual &&
	echo xinqiao >expect &&
	test_cmp expect actual
'

test_expect_success 'a peer log adding XQ-1 and XQ-5 with low clocks takes nothing' '
	one=$(craft .zdh refs/zdh/log/yanan "issue add 抢" \
		"$(craft_json yanan 1 issue add XQ-1 "{\"set\":{\"area\":\"新桥\",\"category\":\"parking\",\"source\":\"visit\",\"title\":\"抢来的\"}}")") &&
	two=$(craft .zdh refs/zdh/log/yanan "issue add 抢5" \
		"$(craft_json yanan 2 issue add XQ-5 "{\"set\":{\"area\":\"新桥\",\"category\":\"parking\",\"source\":\"visit\",\"title\":\"抢五\"}}")" "$one") &&
	expect_field XQ-1 title 办公室的事 &&
	test_must_fail zdh issue show XQ-5 2>err &&
	zdh issue list >after &&
	test_cmp before after
'

test_expect_success 'the peer events stay in the history with no effect, and say why' '
	zdh log --record XQ-5 --json >out &&
	grep "\"note\": \"prefix XQ belongs to replica xinqiao\"" out &&
	zdh issue show XQ-1 >out &&
	grep "抢来的  \[no effect: prefix XQ belongs to replica xinqiao\]" out
'

test_expect_success 'the office next id does not skip: XQ-2, then XQ-3 ... XQ-5 is the office' '
	zdh issue add "第二件" --area 新桥 --category parking --source visit >out &&
	echo XQ-2 >expect &&
	test_cmp expect out &&
	zdh issue add "第三件" --area 新桥 --category parking --source visit >/dev/null &&
	zdh issue add "第四件" --area 新桥 --category parking --source visit >/dev/null &&
	zdh issue add "第五件" --area 新桥 --category parking --source visit >out &&
	echo XQ-5 >expect &&
	test_cmp expect out &&
	expect_field XQ-5 title 第五件 &&
	zdh issue show XQ-5 >out &&
	grep "抢五  \[no effect: prefix XQ belongs to replica xinqiao\]" out
'

test_expect_success 'a rebuild reaches the same state and the same verdicts' '
	zdh export >live.json &&
	zdh log --json >live-log.json &&
	zdh reindex >/dev/null &&
	zdh export >rebuilt.json &&
	test_cmp live.json rebuilt.json &&
	zdh log --json >rebuilt-log.json &&
	test_cmp live-log.json rebuilt-log.json
'

test_expect_success 'clone pins the prefixes it found, and its own' '
	git config --file other/.zdh/config prefix.XQ.owner >actual &&
	echo xinqiao >expect &&
	test_cmp expect actual &&
	git config --file other/.zdh/config prefix.TJ.owner >actual &&
	echo tianjin >expect &&
	test_cmp expect actual
'

test_expect_success 'another replica reaches the same verdicts once the peer log is relayed to it' '
	zdh push >/dev/null 2>&1 &&
	zdh -C other pull >/dev/null 2>&1 &&
	git --git-dir=other/.zdh rev-parse refs/zdh/log/yanan &&
	zdh export >mine.json &&
	zdh -C other export >theirs.json &&
	test_cmp mine.json theirs.json
'

test_expect_success 'a clone made after the attack does not pin a prefix two logs used; a pin and reindex settle it' '
	zdh clone hub/h.git late --replica late --prefix LA >/dev/null 2>err &&
	grep "prefix XQ was used by more than one replica; not pinned" err &&
	test_must_fail git config --file late/.zdh/config prefix.XQ.owner &&
	zdh -C late config prefix.XQ.owner xinqiao &&
	zdh -C late reindex >/dev/null &&
	zdh -C late export >late.json &&
	test_cmp mine.json late.json
'

test_expect_success 'a replica cannot write under a prefix another replica owns' '
	git config --file other/.zdh/config zdh.prefix XQ &&
	test_expect_code 1 zdh -C other issue add "冒名" --area 新桥 --category parking --source visit 2>err &&
	grep "prefix XQ belongs to replica xinqiao" err &&
	git config --file other/.zdh/config zdh.prefix TJ
'

test_done
