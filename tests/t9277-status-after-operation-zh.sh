#!/bin/sh
# An issue's history calls its resolve 办结 (resolve), so staff look for
# the issues in that state as 已办结, as 已认领 follows 认领 and 已上报
# 上报; zdh named the status 已解决 and refused 已办结 as an unknown
# status.  已办结 is another Chinese name of resolved now, taken by every
# option that takes a status, in any locale; the status still prints
# 已解决.
test_description='issue list --status 已办结: the state after 办结'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: one issue resolved, one open' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 --date 2026-11-02 >/dev/null &&
	zdh issue add 楼道堆物 --area 新桥 --date 2026-11-03 >/dev/null &&
	zdh issue add 路灯不亮 --area 新桥 --date 2026-11-03 >/dev/null &&
	zdh org add --kind dept 城管中队 --date 2026-11-02 >/dev/null &&
	zdh issue claim XQ-1 --dept 城管中队 --date 2026-11-04 &&
	zdh issue resolve XQ-1 -m 已清理 --date 2026-11-04 &&
	LANGUAGE=zh_CN zdh issue show XQ-1 >out &&
	grep "  办结  已清理" out
'

test_expect_success '--status 已办结 is resolved, in Chinese and in English' '
	LANGUAGE=zh_CN zdh issue list --status 已办结 --format csv >out &&
	cut -d, -f1 out >ids &&
	printf "id\nXQ-1\n" >expect &&
	test_cmp expect ids &&
	zdh issue list --status 已办结 --format csv >out &&
	cut -d, -f1 out >ids &&
	test_cmp expect ids &&
	LANGUAGE=zh_CN zdh issue list --status 已办结 >out &&
	grep "^XQ-1  已解决  " out
'

test_done
