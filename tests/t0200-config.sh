#!/bin/sh
# zdh config: get, set, unset, list, --global, validation, identity.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1
'

test_expect_success 'set and get' '
	zdh config user.dept 房管办 >out 2>err &&
	test_must_be_empty out &&
	echo 房管办 >expect &&
	zdh config user.dept >actual &&
	test_cmp expect actual
'

test_expect_success 'what zdh writes, real git reads' '
	echo 房管办 >expect &&
	git config --file .zdh/config user.dept >actual &&
	test_cmp expect actual
'

test_expect_success 'what real git writes, zdh reads' '
	git config --file .zdh/config user.dept "绿化市容所" &&
	echo 绿化市容所 >expect &&
	zdh config user.dept >actual &&
	test_cmp expect actual
'

test_expect_success 'a value with spaces and quotes survives' '
	zdh config user.dept "南京东路街道 \"城管中队\"" &&
	echo "南京东路街道 \"城管中队\"" >expect &&
	zdh config user.dept >actual &&
	test_cmp expect actual &&
	git config --file .zdh/config user.dept >actual &&
	test_cmp expect actual
'

test_expect_success 'getting an unset key: exit 1, no output' '
	test_expect_code 1 zdh config user.name >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err
'

test_expect_success '--unset removes the key' '
	zdh config user.dept 派出所 &&
	zdh config --unset user.dept &&
	test_expect_code 1 zdh config user.dept >out &&
	test_must_be_empty out &&
	test_expect_code 1 git config --file .zdh/config user.dept
'

test_expect_success '--list shows key=value lines, as git does' '
	zdh config user.dept 房管办 &&
	zdh config --list >out &&
	grep "^zdh\.replica=xinqiao$" out &&
	grep "^zdh\.prefix=XQ$" out &&
	grep "^user\.dept=房管办$" out
'

test_expect_success '--global writes $HOME/.zdhconfig' '
	zdh config --global user.name 张三 &&
	zdh config --global user.email zhangsan@example.org &&
	echo 张三 >expect &&
	git config --file "$HOME/.zdhconfig" user.name >actual &&
	test_cmp expect actual &&
	zdh config --global user.name >actual &&
	test_cmp expect actual &&
	test_expect_code 1 git config --file .zdh/config user.name
'

test_expect_success '--global works outside a repository' '
	zdh -C / config --global user.dept 街道机关 &&
	zdh -C / config --global user.dept >actual &&
	echo 街道机关 >expect &&
	test_cmp expect actual &&
	git config --file "$HOME/.zdhconfig" user.dept >actual &&
	test_cmp expect actual
'

test_expect_success 'the repository config wins over the global one' '
	echo 房管办 >expect &&
	zdh config user.dept >actual &&
	test_cmp expect actual
'

test_expect_success '--global --list lists only the global file' '
	zdh config --global --list >out &&
	grep "^user\.name=张三$" out &&
	! grep "^zdh\.replica=" out
'

test_expect_success 'an unknown time zone is refused, config unchanged' '
	cp .zdh/config config.before &&
	test_expect_code 1 zdh config zdh.timezone Mars/Olympus >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: .*Mars/Olympus" err &&
	test_cmp config.before .zdh/config
'

test_expect_success 'a known time zone is accepted' '
	zdh config zdh.timezone Asia/Shanghai &&
	echo Asia/Shanghai >expect &&
	zdh config zdh.timezone >actual &&
	test_cmp expect actual
'

test_expect_success 'bad replica and prefix values are refused' '
	cp .zdh/config config.before &&
	test_expect_code 1 zdh config zdh.replica Xinqiao 2>err &&
	test_expect_code 1 zdh config zdh.prefix x_q 2>err &&
	test_cmp config.before .zdh/config
'

test_expect_success 'before any event, replica and prefix can change' '
	zdh config zdh.prefix XQA &&
	zdh config zdh.prefix XQ &&
	echo XQ >expect &&
	zdh config zdh.prefix >actual &&
	test_cmp expect actual
'

test_expect_success 'the config key must be well formed' '
	test_must_fail zdh config nodot value 2>err &&
	test_must_fail zdh config "user.na me" value 2>err &&
	grep "^zdh: " err
'

test_expect_success 'identity from the environment wins over the config' '
	zdh org add --kind area 新桥 >id &&
	echo "测试员 <tester@example.org>" >expect &&
	git --git-dir=.zdh log -1 --format="%an <%ae>" refs/zdh/log/xinqiao >actual &&
	test_cmp expect actual
'

test_expect_success 'identity from the global config when the environment has none' '
	(
		unset ZDH_USER_NAME ZDH_USER_EMAIL &&
		zdh org add --kind area 延安公寓 >id
	) &&
	echo "张三 <zhangsan@example.org>" >expect &&
	git --git-dir=.zdh log -1 --format="%an <%ae>" refs/zdh/log/xinqiao >actual &&
	test_cmp expect actual
'

test_expect_success 'identity from the repository config wins over the global one' '
	zdh config user.name 李四 &&
	zdh config user.email lisi@example.org &&
	(
		unset ZDH_USER_NAME ZDH_USER_EMAIL &&
		zdh org add --kind area 天津路426弄 >id
	) &&
	echo "李四 <lisi@example.org>" >expect &&
	git --git-dir=.zdh log -1 --format="%an <%ae>" refs/zdh/log/xinqiao >actual &&
	test_cmp expect actual &&
	zdh config --unset user.name &&
	zdh config --unset user.email
'

test_expect_success 'no identity anywhere: a write is refused with the hint' '
	zdh config --global --unset user.name &&
	zdh config --global --unset user.email &&
	snapshot before &&
	(
		unset ZDH_USER_NAME ZDH_USER_EMAIL &&
		test_expect_code 1 zdh org add --kind dept 派出所 >out 2>err
	) &&
	test_must_be_empty out &&
	head -n 1 err >first &&
	echo "zdh: who are you? set your name and email first:" >expect &&
	test_cmp expect first &&
	grep "^  zdh config user.name " err &&
	grep "^  zdh config user.email " err &&
	check_unchanged before
'

test_expect_success 'a name without an email is refused too' '
	(
		unset ZDH_USER_EMAIL &&
		test_expect_code 1 zdh org add --kind dept 派出所 >out 2>err
	) &&
	test_must_be_empty out &&
	grep "zdh config user.email" err &&
	check_unchanged before
'

test_expect_success 'reads need no identity' '
	(
		unset ZDH_USER_NAME ZDH_USER_EMAIL &&
		zdh org list >/dev/null &&
		zdh verify >/dev/null 2>&1 &&
		zdh export >/dev/null
	)
'

test_expect_success 'user.dept goes into the event' '
	env ZDH_USER_DEPT=房管办 "$ZDH" org add --kind dept 市场监管所 >id &&
	git --git-dir=.zdh log -1 --format=%B refs/zdh/log/xinqiao >msg &&
	grep "房管办" msg
'

test_expect_success 'once events are written, replica and prefix are fixed' '
	cp .zdh/config config.before &&
	test_expect_code 1 zdh config zdh.replica other >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: " err &&
	test_expect_code 1 zdh config zdh.prefix OT 2>err &&
	test_expect_code 1 zdh config --unset zdh.replica 2>err &&
	test_expect_code 1 zdh config --unset zdh.prefix 2>err &&
	test_cmp config.before .zdh/config
'

test_expect_success 'zdh.lock-timeout can be set' '
	zdh config zdh.lock-timeout 5 &&
	echo 5 >expect &&
	zdh config zdh.lock-timeout >actual &&
	test_cmp expect actual
'

test_done
