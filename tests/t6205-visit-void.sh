#!/bin/sh
# zdh visit void (作废): a visit entered by mistake (a month's CSV imported
# twice) is voided with a reason; it stays in the history and leaves the
# lists (--all finds it), the liaisons' counts, issue show and every report
# figure, on every replica.  Before it, nothing could take such a visit out
# of the liaison's count or the monthly report.
test_description='zdh visit void'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-report.sh"

test_expect_success 'setup: a month of visits imported twice by mistake' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs area 新桥 延安公寓 &&
	orgs dept 派出所 &&
	zdh visit liaison add 王强 --dept 派出所 --areas 新桥,延安公寓 --date 2026-11-01 >/dev/null &&
	zdh issue add "52弄商户垃圾" --area 新桥 --date 2026-11-01 >/dev/null &&
	cat >nov.csv <<-\EOF &&
	date,area,liaison,notes,issue
	2026-11-02,新桥,王强,巡查一,XQ-1
	2026-11-03,延安公寓,王强,巡查二,
	EOF
	zdh visit import nov.csv >/dev/null &&
	zdh visit import nov.csv >/dev/null &&
	mark imported &&
	zdh visit liaison list --format csv >actual &&
	grep "^XQ-L1,王强,派出所,4," actual
'

test_expect_success 'void takes a visit out of the list, the count and issue show' '
	zdh visit void XQ-V3 -m "重复导入" --date "2026-12-01 09:00" >out &&
	test_must_be_empty out &&
	zdh visit void xq-v4 -m "重复导入" --date "2026-12-01 09:00" >out &&
	test_must_be_empty out &&
	zdh visit list >actual &&
	cat >expect <<-\EOF &&
	ID     DAY         AREA      LIAISON  DEPT    ISSUE  NOTES
	XQ-V1  2026-11-02  新桥      王强     派出所  XQ-1   巡查一
	XQ-V2  2026-11-03  延安公寓  王强     派出所         巡查二
	EOF
	test_cmp expect actual &&
	zdh visit liaison list --format csv >actual &&
	grep "^XQ-L1,王强,派出所,2," actual &&
	zdh issue show XQ-1 --json >show &&
	grep "XQ-V1" show &&
	! grep "XQ-V3" show
'

test_expect_success 'list --all shows it void, in both languages and in CSV' '
	zdh visit list --all >actual &&
	cat >expect <<-\EOF &&
	ID     DAY         AREA      LIAISON  DEPT    ISSUE  NOTES   STATUS
	XQ-V1  2026-11-02  新桥      王强     派出所  XQ-1   巡查一
	XQ-V3  2026-11-02  新桥      王强     派出所  XQ-1   巡查一  void
	XQ-V2  2026-11-03  延安公寓  王强     派出所         巡查二
	XQ-V4  2026-11-03  延安公寓  王强     派出所         巡查二  void
	EOF
	test_cmp expect actual &&
	zh visit list --all --month 2026-11 --area 新桥 >actual &&
	cat >expect <<-\EOF &&
	ID     日期        居民区  联络员  部门    问题  备注    状态
	XQ-V1  2026-11-02  新桥    王强    派出所  XQ-1  巡查一
	XQ-V3  2026-11-02  新桥    王强    派出所  XQ-1  巡查一  已作废
	EOF
	test_cmp expect actual &&
	zh visit list --all --format csv --area 延安公寓 >actual &&
	cat >expect <<-\EOF &&
	id,date,area,liaison,dept,issue,notes,status
	XQ-V2,2026-11-03,延安公寓,王强,派出所,,巡查二,
	XQ-V4,2026-11-03,延安公寓,王强,派出所,,巡查二,void
	EOF
	test_cmp expect actual &&
	zdh visit list --all --json >json &&
	json_ok <json &&
	grep "\"void\": true" json
'

test_expect_success 'show says void, and its history the reason' '
	zdh visit show XQ-V3 >actual &&
	head -n 1 actual >first &&
	echo "XQ-V3  2026-11-02  新桥  王强 (派出所)  (void)" >expect &&
	test_cmp expect first &&
	grep "void  重复导入" actual &&
	zh visit show XQ-V3 >actual &&
	head -n 1 actual >first &&
	echo "XQ-V3  2026-11-02  新桥  王强（派出所）  （已作废）" >expect &&
	test_cmp expect first &&
	grep "作废  重复导入" actual &&
	zdh log --record XQ-V3 >log &&
	grep "void" log
'

test_expect_success 'a void visit is in no report figure; --as-of before the void counts it' '
	zdh report monthly --month 2026-11 --json >r &&
	json_ok <r &&
	tr -d " \n" <r >flat &&
	grep "\"visit\":{\"added\":2,\"events\":{\"add\":{\"events\":2}},\"records_at_end\":2," flat &&
	zdh report monthly --month 2026-11 --as-of @$(cat imported) --json >r &&
	tr -d " \n" <r >flat &&
	grep "\"visit\":{\"added\":4,\"events\":{\"add\":{\"events\":4}},\"records_at_end\":4," flat
'

test_expect_success 'refused: no reason, a blank one, void again, unknown, another kind' '
	test_usage_refused "'\''zdh visit void'\'' needs -m REASON" visit void XQ-V1 &&
	test_usage_refused "'\''zdh visit void'\'' needs -m REASON" visit void XQ-V1 -m "  " &&
	test_refused "XQ-V3 is void already" visit void XQ-V3 -m again &&
	test_refused "no visit XQ-V9" visit void XQ-V9 -m x &&
	test_refused "XQ-1 is an issue, not a visit" visit void XQ-1 -m x &&
	snapshot zh &&
	test_expect_code 1 zh visit void XQ-V3 -m again 2>err &&
	echo "zdh: XQ-V3 已作废" >expect &&
	test_cmp expect err &&
	check_unchanged zh
'

test_expect_success 'list --all --format csv imports back, void visits void' '
	zdh visit list --all --format csv --area 延安公寓 >all.csv &&
	zdh init --replica other --prefix OT other >/dev/null 2>&1 &&
	(
		cd other &&
		orgs area 新桥 延安公寓 &&
		orgs dept 派出所 &&
		zdh visit liaison add 王强 --dept 派出所 --areas 新桥,延安公寓 >/dev/null &&
		zdh visit import ../all.csv >out &&
		echo "imported 2 visits" >expect &&
		test_cmp expect out &&
		zdh visit list --all --format csv >../other.csv &&
		zh visit show OT-V2 >../other.show &&
		printf "area,liaison,notes,status\n新桥,王强,x,closed\n" >bad.csv &&
		test_expect_code 1 zdh visit import bad.csv 2>../bad.err
	) &&
	cat >expect <<-\EOF &&
	id,date,area,liaison,dept,issue,notes,status
	OT-V1,2026-11-03,延安公寓,王强,派出所,,巡查二,
	OT-V2,2026-11-03,延安公寓,王强,派出所,,巡查二,void
	EOF
	test_cmp expect other.csv &&
	grep "作废  导入文件中已作废" other.show &&
	grep "^zdh: bad.csv:2: status .closed. is not void" bad.err
'

test_expect_success 'the void reaches another office; its rebuild agrees' '
	zdh clone . ya --replica yanan --prefix YA -q &&
	at ya visit void XQ-V2 -m "走访记录有误" >/dev/null &&
	zdh remote add ya ya &&
	zdh pull -q ya &&
	zdh visit list --format csv >xq.list &&
	at ya visit list --format csv >ya.list &&
	test_cmp xq.list ya.list &&
	test_line_count = 2 xq.list &&
	zdh reindex >/dev/null &&
	zdh visit list --format csv >rebuilt &&
	test_cmp xq.list rebuilt &&
	zdh verify >/dev/null &&
	git --git-dir=.zdh fsck --strict 2>/dev/null
'

test_done
