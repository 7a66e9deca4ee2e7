#!/bin/sh
# Under a Chinese catalogue every warning began "zdh: warning: " (the
# prefix zdh_warn printed was not a message of the catalogue), and an
# invalid event's reason, "RULE: why", kept why in English wherever it
# was shown (pull's and the catch-up's warning, log's and show's
# "[invalid: ...]"), the catalogue having no message "%s: %s".  The
# prefix is the catalogue's (zdh: 警告：), why is translated after the
# rule's name (which zdh-repository(5) RULES names); English unchanged.
# The marks after an event ([无效：…], [无效果：…], [冲突：…]) and the rule
# before why take the catalogue's colon.
test_description='warnings and invalid events: the prefix and the reason in Chinese'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

test_expect_success 'setup: an area renamed' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org edit 新桥 --name 新桥居民区 -m 改名
'

test_expect_success 'a warning: the prefix of the catalogue' '
	zh issue list --area 新桥 2>err >/dev/null &&
	grep "^zdh: 警告：" err &&
	! grep "warning" err &&
	zdh issue list --area 新桥 2>err >/dev/null &&
	grep "^zdh: warning: .新桥. was renamed .新桥居民区. (XQ-O1)\$" err
'

test_expect_success 'an invalid event: its reason translated after the rule' '
	craft .zdh refs/zdh/log/peer "org add area 外来" \
		"{\"kind\":\"org\",\"op\":\"add\"}" >/dev/null &&
	zh org list 2>err >/dev/null &&
	grep "^zdh: 警告：refs/zdh/log/peer：提交 [0-9a-f]*：无效事件（event：事件 JSON 有未知字段或缺少字段）" err &&
	zdh verify >/dev/null 2>&1;
	zdh log 2>err >/dev/null &&
	zdh reindex >/dev/null 2>&1 &&
	zdh log --json >log.json &&
	grep "\"note\": \"event: event JSON has unknown or missing fields\"" log.json &&
	zh log >log &&
	grep "\[无效：event：事件 JSON 有未知字段或缺少字段\]" log &&
	zdh log >log &&
	grep "\[invalid: event: event JSON has unknown or missing fields\]" log
'

test_done
