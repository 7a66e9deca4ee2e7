#!/bin/sh
# A conflict's line kept English punctuation and "vs" under a Chinese
# catalogue (title: "A" (李明, 华山办, …) vs "B" (…, 暂定)), and the writer's
# department after their name was "(华山办)" in log, show and pull's news.
# Both are the catalogue's now: title："A"（李明，华山办，…） 对 "B"（…，暂定）,
# 李明（华山办）; English and CSV unchanged (CSV in English whatever the
# language, "provisional" too).
test_description='conflicts: the line and the writer in the catalogue.s punctuation'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: two offices edit one title at once' '
	git init -q --bare hub.git &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 --date 2026-11-01 >/dev/null &&
	at xq issue add 路灯不亮 --area 新桥 --date "2026-11-02 09:00" >/dev/null &&
	at xq remote add hub ../hub.git && at xq push -q hub &&
	zdh clone hub.git hs --replica huashan --prefix HS >/dev/null 2>&1 &&
	ZDH_USER_NAME=李明 ZDH_USER_DEPT=华山办 at hs issue edit XQ-1 --title 华山说法 --date "2026-11-03 10:03" &&
	at hs push -q &&
	at xq issue edit XQ-1 --title 新桥说法 --date "2026-11-03 10:01" &&
	at xq pull -q hub 2>/dev/null
'

test_expect_success 'Chinese: the conflicts table, show and log' '
	LANGUAGE=zh_CN "$ZDH" -C xq conflicts >out &&
	grep "^问题  XQ-1  title  \"新桥说法\"（测试员，2026-11-03 10:01） 对 \"华山说法\"（李明，华山办，2026-11-03 10:03，暂定）\$" out ||
	grep "^问题  XQ-1  title  \"华山说法\"（李明，华山办，2026-11-03 10:03） 对 \"新桥说法\"（测试员，2026-11-03 10:01，暂定）\$" out &&
	LANGUAGE=zh_CN "$ZDH" -C xq issue show XQ-1 >show &&
	grep "^冲突：  *title：\"" show &&
	grep "  李明@huashan（华山办）  修改  标题=华山说法  \[冲突：title\]" show &&
	LANGUAGE=zh_CN "$ZDH" -C xq log --record XQ-1 >log &&
	grep "  李明@huashan（华山办）  XQ-1  修改  " log &&
	! grep -e " vs " -e "(李明" -e "provisional" out show log
'

test_expect_success 'English and CSV: as before' '
	at xq conflicts >out &&
	grep "^issue  XQ-1  title  \"[^\"]*\" ([^)]*) vs \"[^\"]*\" ([^)]*, provisional)\$" out &&
	grep "(李明, 华山办, 2026-11-03 10:03" out &&
	LANGUAGE=zh_CN "$ZDH" -C xq conflicts --format csv >csv &&
	grep "^issue,XQ-1,title,\".*\"\" (.*) vs \"\".*, provisional)\"\$" csv &&
	at xq log --record XQ-1 >log &&
	grep "  李明@huashan (华山办)  XQ-1  edit  " log
'

test_done
