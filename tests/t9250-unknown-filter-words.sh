#!/bin/sh
# A filter given a word that names nothing is refused as a write refuses
# it, naming the word and what is accepted, exit 1, rather than listing
# nothing (menu offer list / menu need list --category) or refusing
# without saying what would do (log and conflicts --kind).
test_description='filters refuse unknown words, naming the accepted ones'
. "$(dirname "$0")/lib.sh"

KINDS='org, issue, offer, need, pairing, delivery, liaison, visit, project, fund, person, report, setting, council, meeting, decision, action'

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs area 新桥 &&
	orgs unit 上海博物馆 &&
	zdh menu offer add 讲座 --provider 上海博物馆 --category education >/dev/null
'

test_expect_success 'menu offer list and need list: an unknown --category refused' '
	test_expect_code 1 zdh menu offer list --category bogus >out 2>err &&
	test_must_be_empty out &&
	echo "zdh: unknown menu category '"'"'bogus'"'"' (party-lesson, education, sharing, needy, elderly, students, disabled)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh menu need list --category educaton >out 2>err &&
	test_must_be_empty out &&
	echo "zdh: unknown menu category '"'"'educaton'"'"'; did you mean '"'"'education'"'"'? (party-lesson, education, sharing, needy, elderly, students, disabled)" >expect &&
	test_cmp expect err &&
	zdh menu offer list --category education --format csv >out &&
	grep "讲座" out
'

test_expect_success 'a category: the labels near a word typed are suggested, and listed under zh_CN' '
	test_expect_code 1 zdh menu need list --category 养老 2>err &&
	echo "zdh: unknown menu category '"'"'养老'"'"'; did you mean '"'"'助老'"'"'? (party-lesson, education, sharing, needy, elderly, students, disabled)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zh menu need list --category 养老服务 2>err &&
	echo "zdh: 未知的菜单类别 '"'"'养老服务'"'"'（party-lesson/专业党课, education/公共教育, sharing/资源共享, needy/帮困, elderly/助老, students/助学, disabled/助残）" >expect &&
	test_cmp expect err
'

test_expect_success 'an issue category: its Chinese name near a word typed is suggested' '
	CATS="environment, parking, safety, housing, group-renting, shops, accessibility, elderly-care, other" &&
	test_expect_code 1 zdh issue add 乱停车 --area 新桥 --category 停车场 2>err &&
	echo "zdh: unknown category '"'"'停车场'"'"'; did you mean '"'"'停车'"'"'? ($CATS)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh issue list --category 养老服务 2>err &&
	echo "zdh: unknown category '"'"'养老服务'"'"'; did you mean '"'"'养老'"'"'? ($CATS)" >expect &&
	test_cmp expect err
'

test_expect_success 'log and conflicts: an unknown --kind names the kinds' '
	test_expect_code 1 zdh log --kind bogus >out 2>err &&
	test_must_be_empty out &&
	echo "zdh: unknown kind '"'"'bogus'"'"' ($KINDS)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh conflicts --kind isue 2>err &&
	echo "zdh: unknown kind '"'"'isue'"'"'; did you mean '"'"'issue'"'"'? ($KINDS)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zh log --kind 问 2>err &&
	grep "^zdh: 未知的类型 '"'"'问'"'"'；您是指 '"'"'问题'"'"' 吗？（org/组织, issue/问题, " err
'

test_expect_success 'no such record: the kind by its Chinese name under zh_CN (没有决议, not 没有decision)' '
	zdh council add 理事会 --area 新桥 >/dev/null &&
	test_expect_code 1 zh council charter XQ-C1 --voters chair --decision XQ-D9 2>err &&
	echo "zdh: 没有决议 XQ-D9" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh council charter XQ-C1 --voters chair --decision XQ-D9 2>err &&
	echo "zdh: no decision XQ-D9" >expect &&
	test_cmp expect err
'

# A word in capitals is the word, as an id in any case is the id
# (`--status OPEN` was refused as unknown, naming open among the words)
test_expect_success 'a word in capitals is the word: --status OPEN, --kind ISSUE' '
	zdh issue add "路灯不亮" --area 新桥 >/dev/null &&
	zdh issue list --status open --format csv >expect &&
	zdh issue list --status OPEN --format csv >actual &&
	test_cmp expect actual &&
	grep 路灯不亮 actual &&
	zdh log --kind issue >expect &&
	zdh log --kind ISSUE >actual &&
	test_cmp expect actual &&
	test_expect_code 1 zdh issue list --status OPN 2>err &&
	grep "unknown status .OPN. (open, claimed" err
'

test_done
