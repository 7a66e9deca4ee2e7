#!/bin/sh
# The notes the fold gives events without effect ("XQ-2 is claimed;
# allowed: ..."), as the prefix refusals' already were, are stored in
# English whatever the language of the command that folded them, so that
# 'log --json' is the same in every index; 'log', 'show' and pull's news
# translate them when they print.  Before, an index folded under zh_CN
# kept Chinese notes, and 'log --json' gave them.  Under zh_CN pull's
# news names the operations by their names (关闭, 重新打开, not close,
# reopen), the note in the catalogue's brackets, and a note's list of the
# operations allowed gives each with its name (assign/指派), as a
# writer's refusal does.
test_description='fold notes stored in English, shown translated'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: two offices; one closes an issue the other reopened' '
	git init -q --bare hub.git &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	xq org add --kind area 新桥 --date 2026-12-01 >/dev/null &&
	xq org add --kind dept 房管办 --date 2026-12-01 >/dev/null &&
	xq issue add 楼道堆物 --date "2026-12-02 09:00" >/dev/null &&
	xq issue claim XQ-1 --dept 房管办 --date "2026-12-02 09:00" >/dev/null &&
	xq issue resolve XQ-1 -m 已清理 --date "2026-12-02 09:00" &&
	xq remote add hub ../hub.git &&
	xq push -q &&
	zdh clone hub.git hs --replica huashan --prefix HS -q &&
	hs issue reopen XQ-1 -m 又堆了 --date "2026-12-02 10:02" &&
	xq issue close XQ-1 --date "2026-12-02 10:04" &&
	hs push -q &&
	cp -R xq xqlang
'

test_expect_success 'pull under LANGUAGE=zh_CN: the news in Chinese' '
	env LANGUAGE=zh_CN "$ZDH" -C xq pull >out 2>err &&
	grep "^XQ-1 关闭 未生效：李明@huashan（华山办） 已于 [0-9-]* [0-9:]* 先行 重新打开（" err &&
	grep "（XQ-1 为 已认领；允许：assign/指派, comment/留言, " err
'

test_expect_success 'log --json: the note in English' '
	xq log --json --record XQ-1 >json &&
	grep "\"note\": \"XQ-1 is claimed; allowed: assign, comment, " json &&
	! grep "\"note\": \".*已认领" json
'

test_expect_success 'log and issue show under zh_CN: the note in Chinese; in English without' '
	zh -C xq log --record XQ-1 >log &&
	grep "\[无效果：XQ-1 为 已认领；允许：assign/指派, comment/留言, " log &&
	xq log --record XQ-1 >log &&
	grep "\[no effect: XQ-1 is claimed; allowed: assign, " log &&
	zh -C xq issue show XQ-1 >show &&
	grep "\[无效果：XQ-1 为 已认领；允许：" show
'

test_expect_success 'folded under LC_ALL=zh_CN.UTF-8 (a locale maybe not installed): the same' '
	env -u LANGUAGE LC_ALL=zh_CN.UTF-8 "$ZDH" -C xqlang pull >out 2>err &&
	grep "^XQ-1 关闭 未生效：李明@huashan（华山办） 已于 [0-9-]* [0-9:]* 先行 重新打开（" err &&
	xq log --json --record XQ-1 >json1 &&
	"$ZDH" -C xqlang log --json --record XQ-1 >json2 &&
	grep "\"note\": \"XQ-1 is claimed; allowed: " json2 &&
	test_cmp json1 json2
'

test_done
