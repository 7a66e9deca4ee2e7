#!/bin/sh
# `zdh log` printed the summary as a padded column before "recorded ...":
# one long summary (a long title) pushed the recorded date of every line
# far right, as in a show's history with "(recorded ...)".  The summary
# is the last column now, as git log --oneline has it, the recorded date
# (and who signed) right after it: no line is padded for another's.
test_description='log and show history: the summary last, not padded'
. "$(dirname "$0")/lib.sh"

long=楼道堆物严重影响消防通道请尽快清理并加强日常巡查以防再次发生类似情况

test_expect_success 'setup: a short and a long summary, written later than they happened' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 --date 2026-11-01 >/dev/null &&
	zdh issue add 漏水 --area 新桥 --date "2026-11-02 09:00" >/dev/null &&
	zdh issue add $long --area 新桥 --date "2026-11-02 10:00" >/dev/null
'

test_expect_success 'log: each line as long as its own summary' '
	zdh log >log &&
	grep "^2026-11-02 09:00  测试员  XQ-1   add  issue add 漏水  recorded 20" log &&
	grep "^2026-11-02 10:00  测试员  XQ-2   add  issue add $long  recorded 20" log &&
	grep "^2026-11-01 00:00  测试员  XQ-O1  add  org add area 新桥  recorded 20" log &&
	! grep " \$" log
'

test_expect_success 'show history: the same, under zh_CN too' '
	zdh issue edit XQ-1 --title $long --date "2026-11-03 09:00" &&
	zdh issue show XQ-1 >show &&
	grep "^2026-11-02 09:00  测试员  add   area=新桥 category=other source=other title=漏水  (recorded 20" show &&
	zh issue show XQ-1 >show &&
	grep "^2026-11-02 09:00  测试员  新增  居民区=新桥 类别=其他 来源=其他 标题=漏水  （记录于 20" show
'

test_done
