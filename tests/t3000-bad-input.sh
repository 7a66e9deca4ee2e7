#!/bin/sh
# Bad input of every kind: each refused with the documented exit code, one
# line on stderr starting "zdh: ", nothing on stdout, and the repository
# byte-for-byte as it was (refs, config, export).
. "$(dirname "$0")/lib.sh"

# refused CODE ARGS...: run zdh ARGS in ./repo and check all of the above.
refused () {
	refused_code_=$1
	shift
	(cd repo && snapshot ../before) || return 1
	(cd repo && "$ZDH" "$@") >out 2>err
	refused_got_=$?
	if test "$refused_got_" != "$refused_code_"
	then
		echo >&2 "zdh $*: exit $refused_got_, wanted $refused_code_"
		cat >&2 err
		return 1
	fi
	test_must_be_empty out || return 1
	test_line_count = 1 err || return 1
	grep "^zdh: " err >/dev/null || { echo >&2 "zdh $*: message not prefixed"; cat >&2 err; return 1; }
	(cd repo && check_unchanged ../before)
}

test_expect_success 'setup' '
	mkdir repo &&
	zdh init --replica xinqiao --prefix XQ repo >/dev/null 2>&1 &&
	zdh -C repo org add --kind district 第一片区 >/dev/null &&
	zdh -C repo org add --kind area 新桥 --district 第一片区 >/dev/null &&
	zdh -C repo org add --kind dept 派出所 >/dev/null &&
	long100=$(printf "%0100d" 0 | sed "s/0/桥/g") &&
	long101=$(printf "%0101d" 0 | sed "s/0/桥/g") &&
	bad_utf8=$(printf "新桥\377") &&
	overlong=$(printf "\300\257") &&
	surrogate=$(printf "\355\240\200") &&
	ctrl=$(printf "新\001桥") &&
	tab=$(printf "新\t桥") &&
	nl=$(printf "新\n桥")
'

test_expect_success 'invalid UTF-8 name' '
	refused 1 org add --kind area "$bad_utf8"
'

test_expect_success 'overlong UTF-8 encoding' '
	refused 1 org add --kind area "$overlong"
'

test_expect_success 'UTF-16 surrogate encoded in UTF-8' '
	refused 1 org add --kind area "$surrogate"
'

test_expect_success 'control characters in a name' '
	refused 1 org add --kind area "$ctrl" &&
	refused 1 org add --kind area "$tab" &&
	refused 1 org add --kind area "$nl"
'

test_expect_success 'empty name' '
	refused 1 org add --kind area ""
'

test_expect_success '101-character name (100 is fine)' '
	refused 1 org add --kind area "$long101" &&
	zdh -C repo org add --kind area "$long100" >/dev/null &&
	zdh -C repo org list >/dev/null
'

test_expect_success 'unknown kind' '
	refused 1 org add --kind planet 火星 &&
	refused 1 org add --kind "" 火星 &&
	refused 1 org add --kind 居民区x 火星
'

test_expect_success 'duplicate name' '
	refused 1 org add --kind area 新桥 &&
	refused 1 org add --kind unit 派出所
'

test_expect_success 'unknown district' '
	refused 1 org add --kind area 金陵 --district 第九片区 &&
	refused 1 org add --kind area 金陵 --district 新桥
'

test_expect_success 'bad --date' '
	refused 1 org add --kind area 金陵 --date "next tuesday" &&
	refused 1 org add --kind area 金陵 --date 2024-13-01 &&
	refused 1 org add --kind area 金陵 --date 2024-02-30 &&
	refused 1 org add --kind area 金陵 --date "2024-03-01 25:00" &&
	refused 1 org add --kind area 金陵 --date "" &&
	refused 1 org add --kind area 金陵 --date @abc
'

test_expect_success 'unknown org for edit, retire, show' '
	refused 1 org edit 新侨 --code 1 &&
	refused 1 org retire 新侨 &&
	refused 1 org show XQ-O42 &&
	refused 1 org edit XQ-O42 --code 1
'

test_expect_success 'bad values in edit' '
	refused 1 org edit 新桥 --name "" &&
	refused 1 org edit 新桥 --name "$bad_utf8" &&
	refused 1 org edit 新桥 --kind planet &&
	refused 1 org edit 新桥 --name 派出所 &&
	refused 1 org edit 新桥 --district 第九片区 &&
	refused 1 org edit 新桥 --code 1 --date "next tuesday"
'

test_expect_success 'bad reason text' '
	refused 1 org retire 新桥 -m "$bad_utf8"
'

test_expect_success 'unknown options (129)' '
	refused 129 org add --kind area 金陵 --frobnicate &&
	refused 129 org list --frobnicate &&
	refused 129 --frobnicate org list &&
	refused 129 org add -x --kind area 金陵
'

test_expect_success 'unknown command and verb (129)' '
	refused 129 frobnicate &&
	refused 129 org frobnicate
'

test_expect_success 'missing and extra arguments (129)' '
	refused 129 org add --kind area &&
	refused 129 org add --kind area 金陵 extra &&
	refused 129 org show &&
	refused 129 org show 新桥 extra &&
	refused 129 verify extra &&
	refused 129 export extra &&
	refused 129 org add --kind
'

test_expect_success 'no repository (128)' '
	mkdir norepo &&
	(cd repo && snapshot ../before) &&
	(cd norepo && test_expect_code 128 zdh org add --kind area 金陵) >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: " err &&
	test ! -e norepo/.zdh &&
	(cd repo && check_unchanged ../before)
'

test_expect_success PERMS 'read-only repository (128): refused, nothing changed' '
	(cd repo && snapshot ../before) &&
	chmod -R a-w repo/.zdh &&
	(cd repo && "$ZDH" org add --kind area 金陵) >out 2>err
	got=$?
	chmod -R u+w repo/.zdh &&
	echo "exit $got" >actual &&
	echo "exit 128" >expect &&
	test_cmp expect actual &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: " err &&
	(cd repo && check_unchanged ../before)
'

test_expect_success 'after all that: the repository verifies, git fsck is clean' '
	zdh -C repo verify &&
	git --git-dir=repo/.zdh fsck --strict &&
	echo 4 >expect &&
	git --git-dir=repo/.zdh rev-list --count refs/zdh/log/xinqiao >actual &&
	test_cmp expect actual
'

test_done
