#!/bin/sh
# council show listed members in the code-point order of their names,
# which for Chinese names says nothing.  Members are listed by role
# (chair, deputy, member, secretary, supporting unit, legal advisor), then
# by the day their term began, then in the order they joined; the same
# order in council show, a meeting's attendance and a decision's votes
# (zdh-council(1), "Member order"); a decision's event writes its voters
# and who was present in that order too.  --json gives each member its "joined".
test_description='council members in the order of their roles and joining'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a council whose members joined in no order of name or role' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 派出所 >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 --date 2024-01-10 >/dev/null &&
	zdh council member add XQ-C1 赵理事 --role member --party resident --date 2024-01-10 &&
	zdh council member add XQ-C1 派出所 --role supporting-unit --party unit --org 派出所 --date 2024-01-10 &&
	zdh council member add XQ-C1 钱副理事长 --role deputy --party shop --date 2024-01-10 &&
	zdh council member add XQ-C1 周秘书 --role secretary --party resident --date 2024-01-10 &&
	zdh council member add XQ-C1 李理事 --role member --party resident --date 2024-01-10 &&
	zdh council member add XQ-C1 孙理事长 --role chair --party resident --date 2024-01-10 &&
	zdh council member add XQ-C1 吴理事 --role member --party resident --from 2024-01-05 --date 2024-01-12
'

test_expect_success 'council show: by role, then the day the term began, then the order they joined' '
	zdh council show XQ-C1 --date 2024-03-01 >out &&
	sed -n "/^members on/,/^$/p" out >actual &&
	cat >expect <<-\EOF &&
	members on 2024-03-01:
	NAME        ROLE             PARTY     ORG     FROM        TO
	孙理事长    chair            resident          2024-01-10
	钱副理事长  deputy           shop              2024-01-10
	吴理事      member           resident          2024-01-05
	赵理事      member           resident          2024-01-10
	李理事      member           resident          2024-01-10
	周秘书      secretary        resident          2024-01-10
	派出所      supporting-unit  unit      派出所  2024-01-10

	EOF
	test_cmp expect actual
'

test_expect_success 'a member whose role changes moves with it; one who rejoins joins again' '
	zdh council member edit XQ-C1 赵理事 --role deputy --date 2024-02-01 &&
	zdh council member remove XQ-C1 李理事 --date 2024-02-02 &&
	zdh council member add XQ-C1 李理事 --role member --party resident --from 2024-01-10 --date 2024-02-03 &&
	zdh council show XQ-C1 --date 2024-03-01 >out &&
	sed -n "/^members on/,/^$/p" out | awk "NR > 2 { print \$1 }" >actual &&
	printf "%s\n" 孙理事长 赵理事 钱副理事长 吴理事 李理事 周秘书 派出所 "" >expect &&
	test_cmp expect actual
'

test_expect_success '--json: each member has joined, the order of its member-add' '
	zdh council show XQ-C1 --json >json &&
	python3 -c "
import json
m = json.load(open(\"json\"))[\"members\"]
got = {k: v[\"joined\"] for k, v in m.items()}
want = {\"赵理事\": 1, \"派出所\": 2, \"钱副理事长\": 3, \"周秘书\": 4, \"孙理事长\": 6, \"吴理事\": 7, \"李理事\": 8}
assert got == want, got
"
'

test_expect_success 'a meeting.s attendance and a decision.s votes: the same order' '
	zdh issue add 楼道堆物 --area 新桥 >/dev/null &&
	zdh council meeting add XQ-C1 --date 2024-03-05 \
		--present 李理事,周秘书,孙理事长,赵理事,吴理事 --excused 钱副理事长 >/dev/null &&
	zdh council meeting show XQ-M1 >out &&
	sed -n "/^attendance:/,/^[^ a]/p" out | sed "s/^attendance://" | awk "/^ / { print \$1 }" >actual &&
	printf "%s\n" 孙理事长 赵理事 钱副理事长 吴理事 李理事 周秘书 >expect &&
	test_cmp expect actual &&
	zdh council decide XQ-M1 --motion 清理楼道 --for 李理事,孙理事长 --against 吴理事 \
		--abstain 赵理事 --date 2024-03-05 >/dev/null &&
	zdh council decision show XQ-D1 >out &&
	sed -n "/^votes:/,/^[^ v]/p" out | sed "s/^votes://" | awk "/^ / { print \$1 }" >actual &&
	printf "%s\n" 孙理事长 赵理事 钱副理事长 吴理事 李理事 >expect &&
	test_cmp expect actual &&
	zdh council decision show XQ-D1 --json >json &&
	python3 -c "
import json
d = json.load(open(\"json\"))
assert d[\"voters\"] == [\"孙理事长\", \"赵理事\", \"钱副理事长\", \"吴理事\", \"李理事\"], d[\"voters\"]
assert d[\"present\"] == [\"孙理事长\", \"赵理事\", \"吴理事\", \"李理事\"], d[\"present\"]
" &&
	zdh log --record XQ-D1 --json >log &&
	python3 -c "
import json
ev = json.load(open(\"log\"))[-1]
assert ev[\"data\"][\"voters\"] == [\"孙理事长\", \"赵理事\", \"钱副理事长\", \"吴理事\", \"李理事\"], ev[\"data\"]
"
'

test_done
