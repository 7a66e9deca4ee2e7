#!/bin/sh
# What the trust costs (issue 11): a signature is checked once per index
# (the verdict is kept, by event id, until a rebuild), so a write checks
# only what is new to it; and an index an older zdh built is judged again
# by roles and signatures when this one opens it, not when the next person
# event arrives.
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

checked () {	# FILE: the number of signatures ZDH_TRACE_SIGNATURES named
	grep -c "^zdh: signature checked: " "$1"
}

test_expect_success 'setup: an office with people and roles, and a clone' '
	keys wf ls au &&
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 房管办 >/dev/null &&
	zdh issue add "旧事" --area 新桥 >/dev/null &&
	git init -q --bare hub.git &&
	zdh remote add hub hub.git && zdh push >/dev/null 2>&1 &&
	zdh clone hub.git other --replica tianjin --prefix TJ >/dev/null 2>&1 &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email wf@example.org --key wf.pub >/dev/null &&
	zdh person add 李四 --email ls@example.org --key ls.pub >/dev/null &&
	zdh person add 孙八 --email au@example.org --key au.pub >/dev/null &&
	zdh person grant XQ-U1 subdistrict-admin &&
	zdh person grant XQ-U2 liaison --dept 房管办 &&
	zdh person grant XQ-U3 auditor &&
	zdh issue add "新事" --area 新桥 >/dev/null
'

test_expect_success 'a write checks no signature the index checked before' '
	ZDH_TRACE_SIGNATURES=1 zdh issue add "再一件" --area 新桥 >/dev/null 2>err &&
	test $(checked err) = 0 &&
	ZDH_TRACE_SIGNATURES=1 zdh person add 赵六 --email st@example.org >/dev/null 2>err &&
	test $(checked err) = 0
'

test_expect_success 'a pull checks each new event once, the next write none' '
	ZDH_SIGNING_KEY="$HOME/ls" zdh -C other issue claim XQ-1 --dept 房管办 &&
	ZDH_SIGNING_KEY="$HOME/au" zdh -C other issue resolve XQ-1 -m 清理 &&
	zdh -C other push >/dev/null 2>&1 &&
	git --git-dir=other/.zdh rev-list refs/zdh/log/tianjin -n 2 | sort >expect &&
	zdh push >/dev/null 2>&1 &&
	ZDH_TRACE_SIGNATURES=1 zdh pull >/dev/null 2>err &&
	sed -n "s/^zdh: signature checked: //p" err | sort >actual &&
	test_cmp expect actual &&
	ZDH_TRACE_SIGNATURES=1 zdh issue add "之后" --area 新桥 >/dev/null 2>err &&
	test $(checked err) = 0 &&
	ZDH_TRACE_SIGNATURES=1 zdh pull >/dev/null 2>err &&
	test $(checked err) = 0
'

test_expect_success 'the verdicts are kept with the index: a rebuild checks them again, same state' '
	zdh issue list --json >before &&
	ZDH_TRACE_SIGNATURES=1 zdh reindex >/dev/null 2>err &&
	test $(checked err) -gt 2 &&
	zdh issue list --json >after &&
	test_cmp before after &&
	ZDH_TRACE_SIGNATURES=1 zdh issue add "重建之后" --area 新桥 >/dev/null 2>err &&
	test $(checked err) = 0
'

# An index an older zdh built: the person kind's row names another
# version (the trust's rules, include/trust.h), no table trust, and the
# events judged as that zdh judged them (not at all: every event applied).
test_expect_success 'an index built by an older zdh is judged again on open' '
	zdh log >expect &&
	grep "no effect: issue resolve needs the role" expect &&
	sqlite3 .zdh/index.db "UPDATE kinds SET fingerprint = '\''older'\'' WHERE name = '\''person'\'';
		DROP TABLE trust; DROP TABLE IF EXISTS sigs;
		UPDATE events SET effect = 1, note = NULL WHERE effect = 0;" &&
	zdh log >actual &&
	test_cmp expect actual &&
	zdh issue show XQ-1 --json >out &&
	grep "\"status\": \"claimed\"" out
'

test_done
