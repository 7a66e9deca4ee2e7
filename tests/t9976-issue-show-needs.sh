#!/bin/sh
# A need of the menu records the issue it came from (menu need add
# --issue), but issue show did not list it, as it lists the meetings,
# decisions, actions and visits that name the issue.  It lists them now
# under needs: (retired ones too, so marked) and in --json as needs,
# found through an index on the need's issue, so show stays flat.
test_description='issue show lists the needs that came from it'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: an area, two issues, needs from them and one from none' '
	zdh init --replica xinqiao --prefix XQ r >/dev/null &&
	cd r &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh issue add "独居老人洗澡难" --area 新桥 >/dev/null &&
	zdh issue add "楼道灯坏了" --area 新桥 >/dev/null &&
	zdh menu need add 助浴服务 --area 新桥 --category elderly --issue XQ-1 >/dev/null &&
	zdh menu need add 送餐 --area 新桥 --category elderly --issue xq-1 >/dev/null &&
	zdh menu need add 修灯 --area 新桥 --category needy --issue XQ-2 >/dev/null &&
	zdh menu need add 陪诊 --area 新桥 --category elderly >/dev/null &&
	zdh menu need retire XQ-N2 -m 已满足 >/dev/null
'

test_expect_success 'show: its needs in id order, a retired one so marked' '
	cd r &&
	zdh issue show XQ-1 >out &&
	sed -n "/^needs:/,/^\$/p" out >needs &&
	cat >expect <<-\EOT &&
	needs:        XQ-N1  elderly  新桥  助浴服务
	              XQ-N2  elderly  新桥  送餐      retired

	EOT
	test_cmp expect needs &&
	zdh issue show XQ-2 >out2 &&
	grep "^needs: *XQ-N3  needy  新桥  修灯\$" out2
'

test_expect_success 'show --json: needs; none for an issue without' '
	cd r &&
	zdh issue show XQ-1 --json >s.json &&
	perl -MJSON::PP -e "my \$j = decode_json(do { local \$/; <STDIN> });
		binmode STDOUT, \":utf8\";
		print join(\",\", map { join(\" \", @\$_{qw(id category area title)}, \$_->{retired} ? q(retired) : ()) } @{\$j->{needs}}), \"\\n\"" <s.json >got &&
	echo "XQ-N1 elderly 新桥 助浴服务,XQ-N2 elderly 新桥 送餐 retired" >expect &&
	test_cmp expect got &&
	zdh issue add "新问题" >/dev/null &&
	zdh issue show XQ-3 --json >s3.json &&
	! grep "\"needs\"" s3.json &&
	zdh issue show XQ-3 >s3 &&
	! grep "^needs:" s3
'

test_expect_success 'in Chinese; a need edited off the issue leaves it; a reindex the same' '
	cd r &&
	zh issue show XQ-1 >zh &&
	grep "^服务需求： *XQ-N1  助老  新桥  助浴服务\$" zh &&
	grep "^ *XQ-N2  助老  新桥  送餐 *已撤销\$" zh &&
	zdh menu need edit XQ-N3 --issue "" >/dev/null &&
	zdh issue show XQ-2 >out2 &&
	! grep "^needs:" out2 &&
	zdh issue show XQ-1 >before &&
	zdh reindex >/dev/null &&
	zdh issue show XQ-1 >after &&
	test_cmp before after
'

test_expect_success 'the needs are found through records_need_issue, by the need'\''s key' '
	cd r &&
	ZDH_TRACE_PLAN=1 zdh issue show XQ-1 >/dev/null 2>trace &&
	plan_of "FROM records_need WHERE issue = " <trace >plan &&
	grep "SEARCH main.records USING INDEX records_need_issue" plan &&
	grep "SEARCH records USING INDEX records_key" plan &&
	! grep "SCAN" plan
'

test_done
