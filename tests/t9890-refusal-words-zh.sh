#!/bin/sh
# A refused write named zdh's own words in English under a Chinese
# catalogue: the operation of a project refused for its status ("'approve'
# 需要其为 已申报"), the result of a decision not adopted ("尚未通过
# （rejected）"), the operations an issue allows ("允许：claim, comment"),
# the kind and operation a role is needed for ("issue claim 需要角色"), the
# type of a decision that is no charter decision ("类型为 general"), and
# a show's history printed a refused consent as "refused"; a message
# about a record ("XQ-D2: ...") and a council's discussion in the inbox
# kept the ASCII colon.  Each is by its
# name now (the operations as a refused word's list: claim/认领); English
# and what the fold stores unchanged.
test_description='refusals and histories: zdh.s words by their names in Chinese'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sign.sh"

test_expect_success 'setup: an issue, a project approved, a decision rejected with an action' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 房管办 >/dev/null &&
	zdh issue add 路灯不亮 --area 新桥 >/dev/null &&
	zdh project add 更换路灯 --area 新桥 --kind micro >/dev/null &&
	zdh project budget XQ-J1 100 --item 灯具 &&
	zdh project approve XQ-J1 &&
	zdh council add 新桥理事会 --area 新桥 >/dev/null &&
	zdh council member add XQ-C1 张三 --role chair &&
	zdh council member add XQ-C1 李四 --role member --party resident &&
	zdh council charter XQ-C1 --consent general >/dev/null &&
	zdh council meeting add XQ-C1 --present 张三,李四 >/dev/null &&
	zdh council decide XQ-M1 --motion 装道闸 --for 张三 --against 李四 \
		--party resident --action 安装 --dept 房管办 >/dev/null &&
	zdh council decide XQ-M1 --motion 换灯 --for 张三,李四 --party resident >/dev/null &&
	zdh council consent XQ-D2 --party resident --refused
'

test_expect_success 'project: the operation by its name' '
	test_expect_code 1 zh project approve XQ-J1 2>err &&
	grep "^zdh: 项目 XQ-J1 为 已批准；.批准. 需要其为 已申报\$" err &&
	test_expect_code 1 zdh project approve XQ-J1 2>err &&
	grep "^zdh: project XQ-J1 is approved; .approve. needs it proposed\$" err
'

test_expect_success 'council action done: the decision.s result by its name' '
	test_expect_code 1 zh council action done XQ-A1 2>err &&
	grep "^zdh: XQ-D1 尚未通过（状态：待表决）：" err &&
	! grep "(open)" err &&
	test_expect_code 1 zdh council action done XQ-A1 2>err &&
	grep "^zdh: XQ-D1 is not adopted yet (open): " err
'

test_expect_success 'council charter --decision: the decision.s type by its name' '
	test_expect_code 1 zh council charter XQ-C1 --quorum 1 --decision XQ-D1 2>err &&
	grep "^zdh: XQ-D1 是类型为“一般事项”的决议，不是 charter（章程修改）\$" err &&
	test_expect_code 1 zdh council charter XQ-C1 --quorum 1 --decision XQ-D1 2>err &&
	grep "^zdh: XQ-D1 is a decision of type general, not charter\$" err
'

test_expect_success 'issue: the operations allowed, each with its name' '
	test_expect_code 1 zh issue close XQ-1 2>err &&
	grep "^zdh: XQ-1 为 待认领；允许：claim/认领, comment/留言, escalate/上报, edit/修改, link/关联, void/作废\$" err &&
	test_expect_code 1 zdh issue close XQ-1 2>err &&
	grep "^zdh: XQ-1 is open; allowed: claim, comment, escalate, edit, link, void\$" err
'

test_expect_success 'decision show: a refused consent by its name' '
	zh council decision show XQ-D2 >out &&
	grep "书面确认  当事方=居民 已拒绝\$" out &&
	zdh council decision show XQ-D2 >out &&
	grep "consent  party=resident refused\$" out
'

test_expect_success 'a message about a record and an inbox.s discussion: the catalogue.s colon' '
	zdh council member add XQ-C1 王五 --role member --from 2030-01-01 &&
	test_expect_code 1 zh council vote XQ-D2 --member 王五 --vote for 2>err &&
	grep "^zdh: XQ-D2：" err &&
	test_expect_code 1 zdh council vote XQ-D2 --member 王五 --vote for 2>err &&
	grep "^zdh: XQ-D2: " err &&
	zdh council discuss XQ-C1 -m "@房管办 请看看" &&
	zh inbox --dept 房管办 >out &&
	grep "新桥理事会：@房管办 请看看\$" out &&
	zdh inbox --dept 房管办 >out &&
	grep "新桥理事会: @房管办 请看看\$" out &&
	zh inbox --dept 房管办 --json >out &&
	grep "\"title\": \"新桥理事会: @房管办 请看看\"" out
'

test_expect_success 'roles: the kind and operation a role is needed for by their names' '
	keys wf ls &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 王芳 --email wf@example.org --key wf.pub >/dev/null &&
	zdh person add 李四 --email ls@example.org --key ls.pub >/dev/null &&
	zdh person grant XQ-U1 subdistrict-admin &&
	test_expect_code 1 env ZDH_SIGNING_KEY="$HOME/ls" LANGUAGE=zh_CN "$ZDH" issue claim XQ-1 --dept 房管办 2>err &&
	grep "^zdh: 问题 认领 需要角色 " err &&
	! grep -E "issue|claim" err &&
	test_expect_code 1 env ZDH_SIGNING_KEY="$HOME/ls" "$ZDH" issue claim XQ-1 --dept 房管办 2>err &&
	grep "^zdh: issue claim needs the role liaison of 房管办 or subdistrict-admin\$" err
'

test_done
