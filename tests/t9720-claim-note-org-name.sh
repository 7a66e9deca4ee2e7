#!/bin/sh
# Two offices claim one issue at the same time: the later claim has no
# effect and its note names the winner's department, stored by id
# ("HB-1 is already claimed by HB-O2"), and `issue show`, `log` and the
# pull's news printed it so, where every other line names an org by its
# name.  They name it now ("claimed by 房管办"); the stored note (log
# --json) keeps the id.
test_description='a claim without effect: its note names the department by name'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: two offices claim one issue for two departments' '
	zdh init --replica hub --prefix HB hub >/dev/null &&
	at hub org add --kind area 新桥 --date 2026-12-01 >/dev/null &&
	at hub org add --kind dept 房管办 --date 2026-12-01 >/dev/null &&
	at hub org add --kind dept 派出所 --date 2026-12-01 >/dev/null &&
	at hub issue add 楼道堆物 --area 新桥 --date "2026-12-02 09:00" >/dev/null &&
	at hub replica confirm >/dev/null &&
	zdh clone hub a --replica xinqiao --prefix XQ --quiet &&
	at hub issue claim HB-1 --dept 房管办 --date "2026-12-02 10:00" &&
	at a issue claim HB-1 --dept 派出所 --date "2026-12-02 10:05" &&
	at a sync 2>news
'

test_expect_success 'pull news, issue show and log name the department' '
	grep "(HB-1 is already claimed by 房管办)\$" news &&
	at a issue show HB-1 >show &&
	grep "dept=派出所 due=.*  \[no effect: HB-1 is already claimed by 房管办\]  (recorded " show &&
	LANGUAGE=zh_CN "$ZDH" -C a issue show HB-1 >show &&
	grep "部门=派出所 .*  \[无效果：HB-1 已被 房管办 认领\]" show &&
	at a log --record HB-1 >log &&
	grep "claim HB-1  \[no effect: HB-1 is already claimed by 房管办\]" log
'

test_expect_success 'what is stored keeps the id' '
	at a log --json --record HB-1 >json &&
	grep "\"note\": \"HB-1 is already claimed by HB-O2\"" json
'

test_done
