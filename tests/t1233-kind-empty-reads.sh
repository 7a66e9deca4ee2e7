#!/bin/sh
# A kind's own indexes on records are made with its first record, and
# until this change SQLite's fixed statistics said that a kind is every
# record: a query of a kind no index of its own served (one with no
# records yet, or a field no index covers) read every record of every
# kind.  Among 100,000 issues and no council, offer or visit, a council
# list, an org list, a count of what names an org before its retire, a
# liaison list read all 100,000 (t1232 fixed issue show alone).  Now the
# statistics say a kind is a twentieth of the records and its own index
# holds as many: every read of one kind goes through records_key or its
# own index.  ZDH_TRACE_PLAN prints "reads T whole" for a loop that steps
# through every row of table T, under whatever alias.
test_description='reads of a kind with no records (or no index serving) read no table whole'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: 300 issues, an area, two departments, nothing of any other kind' '
	zdh init --replica xinqiao --prefix XQ r >/dev/null &&
	cd r &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 派出所 >/dev/null &&
	zdh org add --kind dept 房管办 >/dev/null &&
	{
		echo "id,title,body,area,category,source,reporter,location,status,dept,assignee,due,created" &&
		i=1 && while [ $i -le 300 ]; do
			echo ",issue $i,,新桥,,,,,claimed,派出所,,,"
			i=$((i + 1))
		done
	} >issues.csv &&
	zdh issue import issues.csv >/dev/null
'

# each_read CMD...: run CMD with the plans traced into trace (appended)
each_read() {
	ZDH_TRACE_PLAN=1 zdh "$@" >/dev/null 2>>trace
}

test_expect_success 'the trace tells a read of a whole table (a log of a kind no event has)' '
	cd r &&
	: >trace &&
	! each_read log --kind nosuchkind &&
	grep "^zdh: plan: reads events whole\$" trace
'

test_expect_success 'lists and shows of the kinds with no records read no table whole' '
	cd r &&
	: >trace &&
	each_read council list &&
	each_read council meeting list &&
	each_read council meeting list --issue XQ-2 &&
	each_read council decision list &&
	each_read council action list &&
	each_read council action list --dept 派出所 &&
	each_read menu offer list &&
	each_read menu need list &&
	each_read menu pairings &&
	each_read visit list &&
	each_read visit list --area 新桥 &&
	each_read visit liaison list &&
	each_read project list &&
	each_read fund show &&
	each_read issue show XQ-2 &&
	each_read org list &&
	each_read org show 派出所 &&
	each_read inbox --dept 派出所 &&
	grep -c "^zdh: plan: " trace >count &&
	test "$(cat count)" -gt 50 &&
	! grep "whole\$" trace
'

test_expect_success 'an org retire counts what names it, reading no table whole' '
	cd r &&
	: >trace &&
	ZDH_TRACE_PLAN=1 zdh org retire 房管办 -m 合并 >out 2>>trace &&
	grep "^zdh: plan: " trace >/dev/null &&
	! grep "whole\$" trace
'

test_expect_success 'a council, an offer and a liaison later: found through their indexes' '
	cd r &&
	zdh council add 新桥居民议事会 --area 新桥 >/dev/null &&
	zdh menu offer add 助浴 --provider 派出所 --category elderly --areas 新桥 >/dev/null &&
	zdh visit liaison add 王强 --dept 派出所 --areas 新桥 >/dev/null &&
	: >trace &&
	each_read council list &&
	each_read menu offer list &&
	each_read visit liaison list &&
	each_read org list &&
	! grep "whole\$" trace &&
	zdh council list >out &&
	grep 新桥居民议事会 out &&
	zdh menu offer list >out &&
	grep 助浴 out &&
	zdh visit liaison list >out &&
	grep 王强 out
'

test_done
