#!/bin/sh
# user.name, user.email and user.dept are written into every event: a
# value of 100,000 characters was taken by config and by the write path
# (and written into each event after it).  Now each is at most 200
# characters, refused when set (one line, nothing changed) and when a
# write finds a longer one in the environment or a file edited by hand,
# naming the key (and the variable it came from), as config does; the
# write's refusal named none ("user.name, user.email and user.dept are
# at most 200 characters each").
test_description='the identity of events is at most 200 characters a part'
. "$(dirname "$0")/lib.sh"

test_expect_success 'set-up' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	long=$(printf "%0201d" 0 | sed "s/0/a/g") &&
	max=$(printf "%0200d" 0 | sed "s/0/桥/g")
'

test_expect_success 'config refuses 201 characters in one line, nothing changed' '
	for key in user.name user.email user.dept
	do
		snapshot before &&
		test_expect_code 1 zdh config $key "$long" >out 2>err &&
		test_must_be_empty out &&
		echo "zdh: $key is too long (201 characters, at most 200)" >expect &&
		test_cmp expect err &&
		check_unchanged before || return 1
	done &&
	test_expect_code 1 zdh config --global user.name "$long" 2>err &&
	test_line_count = 1 err
'

test_expect_success '200 characters (of three bytes each) are fine' '
	zdh config user.name "$max" &&
	zdh issue add 路灯 >out &&
	echo XQ-1 >expect &&
	test_cmp expect out &&
	zdh config --unset user.name
'

test_expect_success 'a write with a longer name from the environment: refused, nothing written' '
	snapshot before &&
	ZDH_USER_NAME="$long" && export ZDH_USER_NAME &&
	test_expect_code 1 zdh issue add 楼道 >out 2>err;
	ZDH_USER_NAME=测试员 &&
	test_must_be_empty out &&
	echo "zdh: user.name (ZDH_USER_NAME) is too long (201 characters, at most 200)" >expect &&
	test_cmp expect err &&
	check_unchanged before
'

test_expect_success 'a longer email or dept in a file edited by hand: refused naming its key' '
	git config --file .zdh/config user.email tester@example.org &&
	snapshot before &&
	for key in user.email user.dept
	do
		cp .zdh/config config.kept &&
		git config --file .zdh/config $key "$long" &&
		test_expect_code 1 env -u ZDH_USER_EMAIL "$ZDH" issue add 楼道 >out 2>err &&
		test_must_be_empty out &&
		echo "zdh: $key is too long (201 characters, at most 200)" >expect &&
		test_cmp expect err &&
		cp config.kept .zdh/config || return 1
	done &&
	check_unchanged before
'

test_expect_success 'a name with a line break: refused naming its key, in Chinese too' '
	test_expect_code 1 env ZDH_USER_NAME="王
芳" "$ZDH" issue add 楼道 2>err &&
	echo "zdh: user.name (ZDH_USER_NAME) must not be empty or contain '"'"'<'"'"', '"'"'>'"'"' or a line break" >expect &&
	test_cmp expect err &&
	git config --file .zdh/config user.email "$long" &&
	test_expect_code 1 env -u ZDH_USER_EMAIL LANGUAGE=zh_CN "$ZDH" issue add 楼道 2>err &&
	grep "^zdh: user.email " err && grep "200" err &&
	git config --file .zdh/config --unset user.email
'

test_done
