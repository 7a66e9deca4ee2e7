#!/bin/sh
# A remote that is a folder which does not exist, a file, or a folder
# holding no repository: pull, push and clone said what libgit2 said
# ("unsupported URL protocol" for a path that is not there).  Now the one
# line says what is wrong with the folder; exit 128, nothing changed.
# In Chinese the folder is in the catalogue's brackets (（…）：), not "(…):".
test_description='pull, push and clone name what is wrong with a folder remote'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'set-up: an office with remotes that are no repositories' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null 2>&1 &&
	at xq issue add 路灯 >/dev/null &&
	mkdir empty && echo x >afile &&
	at xq remote add gone /no/such/hub.git &&
	at xq remote add gone2 file:///no/such/hub.git &&
	at xq remote add file ../afile &&
	at xq remote add empty ../empty
'

# fails REMOTE WHY: pull and push of REMOTE exit 128 with one line ending in WHY
fails () {
	(cd xq && snapshot ../before) &&
	for op in pull push
	do
		test_expect_code 128 at xq $op $1 >out 2>err &&
		test_must_be_empty out &&
		one_line_error err &&
		grep ": $2\$" err || return 1
	done &&
	(cd xq && check_unchanged ../before)
}

test_expect_success 'a folder that is not there' '
	fails gone "no such folder" &&
	fails gone2 "no such folder"
'

test_expect_success 'a file' '
	fails file "not a folder"
'

test_expect_success 'a folder holding no repository' '
	fails empty "no git or zdh repository there"
'

test_expect_success 'in Chinese: the remote.s folder in the catalogue.s brackets' '
	test_expect_code 128 env LANGUAGE=zh_CN "$ZDH" -C xq pull gone 2>err &&
	grep "^zdh: 无法从 .gone. 获取（/no/such/hub.git）：没有这个文件夹\$" err &&
	test_expect_code 128 env LANGUAGE=zh_CN "$ZDH" -C xq push gone 2>err &&
	grep "^zdh: 无法推送到 .gone.（/no/such/hub.git）：没有这个文件夹\$" err
'

test_expect_success 'clone of a folder that is not there: one line, nothing made' '
	test_expect_code 128 zdh clone /no/such/hub.git copy --replica yanan --prefix YA >out 2>err &&
	one_line_error err &&
	grep ": no such folder$" err &&
	test ! -e copy
'

test_done
