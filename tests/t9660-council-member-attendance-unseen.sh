#!/bin/sh
# Two offices edit the same council member, or the same member's
# attendance at a meeting, before hearing of each other.  The edit that
# sorted later silently replaced the other on every replica (a member
# made secretary, who does not vote, at one office became chair at the
# other; absent became present), with no trace in show or conflicts.
# A member's edit and a meeting's update now say what their writer had
# (council version 3, meeting version 2, "was"): one that would replace a
# value its writer had not seen has no effect, on every replica, and the
# pull tells the office that wrote it; the same value twice agrees.
test_description='a member edit or an attendance does not replace one its writer had not seen'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: xq has a council of three and a meeting; ya clones' '
	council_of_three &&
	at xq council meeting add XQ-C1 --present 甲,乙 --date 2024-02-01 >/dev/null &&
	two_offices_cloned origin
'

test_expect_success 'ya: 甲 secretary, 丙 absent; xq, not having seen them: 甲 chair, 丙 present, and 乙 a resident' '
	at ya council member edit XQ-C1 甲 --role secretary &&
	at ya council meeting update XQ-M1 --absent 丙 &&
	at xq org add --kind area 延安 >/dev/null &&
	at xq org add --kind area 华山 >/dev/null &&
	at xq council member edit XQ-C1 甲 --role chair &&
	at xq council meeting update XQ-M1 --present 丙 &&
	at xq council member edit XQ-C1 乙 --party resident &&
	at ya push -q && at xq pull >xq.news 2>&1 && at xq push -q && at ya pull -q
'

test_expect_success 'every replica keeps what ya wrote first; xq is told' '
	for r in xq ya
	do
		at $r council show XQ-C1 --json >json &&
		tr -d " \n" <json >flat &&
		grep "\"甲\":{[^}]*\"role\":\"secretary\"" flat &&
		grep "\"乙\":{[^}]*\"party\":\"resident\"" flat &&
		at $r council meeting show XQ-M1 --json >m.json &&
		tr -d " \n" <m.json >m.flat &&
		grep "\"丙\":\"absent\"" m.flat &&
		at $r log --record XQ-C1 >log &&
		grep "member-edit .*\[no effect: XQ-C1: the role of 甲 is secretary, which the writer of this edit had not seen\]" log &&
		at $r log --record XQ-M1 >log &&
		grep "update .*\[no effect: XQ-M1: 丙 is recorded absent, which the writer of this update had not seen\]" log ||
		return 1
	done &&
	grep "XQ-C1 member-edit had no effect" xq.news &&
	grep "XQ-M1 update had no effect" xq.news &&
	(cd xq && "$ZDH" reindex >/dev/null && "$ZDH" council show XQ-C1 --json | tr -d " \n" >../rebuilt) &&
	grep "\"甲\":{[^}]*\"role\":\"secretary\"" rebuilt
'

test_expect_success 'an office that has seen them edits again; the same value twice agrees' '
	at xq council member edit XQ-C1 甲 --role chair &&
	at xq council meeting update XQ-M1 --present 丙 &&
	at xq push -q && at ya pull -q &&
	at ya council member edit XQ-C1 丙 --role deputy &&
	at xq org add --kind area 静安 >/dev/null &&
	at xq council member edit XQ-C1 丙 --role deputy &&
	at ya push -q && at xq pull -q &&
	at xq log --record XQ-C1 -n 2 >log &&
	! grep "no effect" log &&
	at xq council show XQ-C1 --json | tr -d " \n" >flat &&
	grep "\"甲\":{[^}]*\"role\":\"chair\"" flat &&
	at xq council meeting show XQ-M1 --json | tr -d " \n" >m.flat &&
	grep "\"丙\":\"present\"" m.flat
'

test_expect_success 'two offices name different proxies for one member at once: the later has no effect' '
	at xq council member add XQ-C1 戊 --role member --date 2024-01-10 &&
	at xq push -q && at ya pull -q &&
	at ya council meeting update XQ-M1 --proxy 戊=乙 &&
	at xq org add --kind area 长宁 >/dev/null &&
	at xq org add --kind area 徐汇 >/dev/null &&
	at xq council meeting update XQ-M1 --proxy 戊=甲 &&
	at ya push -q && at xq pull >news 2>&1 && at xq push -q && at ya pull -q &&
	grep "XQ-M1 update had no effect" news &&
	for r in xq ya
	do
		at $r council meeting show XQ-M1 >show &&
		grep "戊  proxy by 乙" show &&
		at $r log --record XQ-M1 -n 2 >log &&
		grep "\[no effect: XQ-M1: 戊 is represented by 乙, which the writer of this update had not seen\]" log ||
		return 1
	done
'

test_expect_success 'a peer'"'"'s was: a value the member has not is named "-", a key not of a member ignored' '
	at ya pull -q && at ya org add --kind area 嘉定 >/dev/null &&
	CRAFT_REPLICA=yanan && export CRAFT_REPLICA &&
	tip=$(git --git-dir=ya/.zdh rev-parse refs/zdh/log/yanan) &&
	tip=$(craft ya/.zdh $tip event council XQ-C1 member-edit \
		"{\"member\":\"乙\",\"to\":\"2031-01-01\",\"was\":{\"to\":\"2030-01-01\"}}") &&
	tip=$(craft ya/.zdh $tip event council XQ-C1 member-edit \
		"{\"member\":\"乙\",\"role\":\"deputy\",\"was\":{\"member\":\"丁\",\"role\":\"member\"}}") &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan "$tip" &&
	(cd ya && "$ZDH" reindex >/dev/null) &&
	at ya log --record XQ-C1 -n 2 >log &&
	grep "\[no effect: XQ-C1: the to of 乙 is -, which the writer of this edit had not seen\]" log &&
	! grep "(null)" log &&
	at ya council show XQ-C1 --json | tr -d " \n" >flat &&
	grep "\"乙\":{[^}]*\"role\":\"deputy\"" flat
'

test_expect_success 'a peer'"'"'s was or was_proxies that is not an object of texts: no effect, named' '
	tip=$(git --git-dir=ya/.zdh rev-parse refs/zdh/log/yanan) &&
	tip=$(craft ya/.zdh $tip event council XQ-C1 member-edit \
		"{\"member\":\"乙\",\"role\":\"member\",\"was\":{\"role\":1}}") &&
	tip=$(craft ya/.zdh $tip event meeting XQ-M1 update \
		"{\"proxies\":{\"戊\":\"丙\"},\"was_proxies\":[\"乙\"]}") &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan "$tip" &&
	(cd ya && "$ZDH" reindex >/dev/null) &&
	at ya log --record XQ-C1 -n 1 >log &&
	grep "\[no effect: was is not an object of texts\]" log &&
	at ya log --record XQ-M1 -n 1 >log &&
	grep "\[no effect: was_proxies is not an object of texts\]" log
'

test_done
