#!/bin/sh
# The global command line: --version, -h everywhere, help, usage errors,
# no repository.  Nothing here needs a repository.
. "$(dirname "$0")/lib.sh"

# Every command and every verb, as `zdh help` and the man pages name them.
commands='init config org log verify reindex export help version'
org_verbs='add list show edit retire import'

test_expect_success 'zdh --version prints one line and exits 0' '
	zdh --version >out 2>err &&
	test_must_be_empty err &&
	test_line_count = 1 out &&
	grep zdh out
'

test_expect_success 'zdh version says the same as zdh --version' '
	zdh --version >expect &&
	zdh version >actual &&
	test_cmp expect actual
'

test_expect_success '-h works on every command outside a repository' '
	for c in $commands
	do
		zdh $c -h >out 2>err || { echo "zdh $c -h failed"; return 1; }
		test_must_be_empty err &&
		grep "^usage:" out || { echo "zdh $c -h: no usage"; return 1; }
	done
'

test_expect_success '--help works on every command too' '
	for c in $commands
	do
		zdh $c --help >out 2>err || { echo "zdh $c --help failed"; return 1; }
		grep "^usage:" out || { echo "zdh $c --help: no usage"; return 1; }
	done
'

test_expect_success '-h works on every org verb outside a repository' '
	for v in $org_verbs
	do
		zdh org $v -h >out 2>err || { echo "zdh org $v -h failed"; return 1; }
		test_must_be_empty err &&
		grep "^usage: zdh org $v" out || { echo "zdh org $v -h: no usage"; return 1; }
	done
'

test_expect_success 'zdh -h and zdh --help print the global usage' '
	zdh -h >out 2>err &&
	test_must_be_empty err &&
	grep "^usage: zdh" out &&
	zdh --help >out2 &&
	test_cmp out out2
'

test_expect_success 'zdh help lists every command' '
	zdh help >out 2>err &&
	test_must_be_empty err &&
	for c in init config org log verify reindex export
	do
		grep -w "$c" out || { echo "zdh help does not list $c"; return 1; }
	done
'

# zdh help CMD runs man zdh-CMD; give it the man pages of the checkout.
if command -v man >/dev/null 2>&1 && test -f "$TEST_DIRECTORY/../man/zdh-org.1"
then
	test_set_prereq MAN
fi
test_expect_success MAN 'zdh help org shows the zdh-org man page' '
	mkdir -p manpath/man1 &&
	cp "$TEST_DIRECTORY"/../man/*.1 manpath/man1/ &&
	env MANPATH="$PWD/manpath" MANPAGER=cat MANWIDTH=80 "$ZDH" help org >out 2>err &&
	grep -i "zdh-org" out
'

test_expect_success MAN 'zdh help help and zdh help version show zdh(1), which describes them' '
	for c in help version
	do
		env MANPATH="$PWD/manpath" MANPAGER=cat MANWIDTH=80 "$ZDH" help $c >out 2>err &&
		test_must_be_empty err &&
		grep "^ZDH(1)" out || return 1
	done
'

test_expect_success 'no command at all is a usage error' '
	test_expect_code 129 zdh >out 2>err &&
	grep "usage: zdh" out err
'

test_expect_success 'unknown command: exit 129, one line on stderr' '
	test_expect_code 129 zdh frobnicate >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: .*frobnicate" err
'

test_expect_success 'unknown verb: exit 129' '
	test_expect_code 129 zdh org frobnicate >out 2>err &&
	test_must_be_empty out &&
	grep "^zdh: .*frobnicate" err
'

test_expect_success 'unknown global option: exit 129, the message then the usage' '
	test_expect_code 129 zdh --frobnicate version >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 2 err &&
	sed -n 1p err | grep "^zdh: " &&
	sed -n 2p err | grep "^usage: zdh \[-C DIR\]"
'

test_expect_success 'unknown option of a command: exit 129' '
	zdh init --replica basic repo >/dev/null 2>&1 &&
	test_expect_code 129 zdh -C repo org list --frobnicate >out 2>err &&
	test_must_be_empty out &&
	sed -n 1p err | grep "^zdh: .*frobnicate" &&
	sed 1d err >usage &&
	zdh org list -h >expect &&
	test_cmp expect usage
'

test_expect_success 'missing and extra arguments: exit 129' '
	test_expect_code 129 zdh -C repo org add --kind area 2>err &&
	grep "^zdh: " err &&
	test_expect_code 129 zdh -C repo org show 2>err &&
	test_expect_code 129 zdh -C repo verify extra 2>err &&
	test_expect_code 129 zdh -C repo export extra 2>err &&
	test_expect_code 129 zdh -C repo org add 2>err &&
	test_expect_code 129 zdh -C 2>err
'

test_expect_success 'an option missing its value: exit 129' '
	test_expect_code 129 zdh -C repo org add 新桥 --kind 2>err &&
	test_expect_code 129 zdh -C repo log -n 2>err
'

test_expect_success 'no repository: exit 128 and the documented message' '
	mkdir -p nowhere/deeper &&
	(
		cd nowhere/deeper &&
		test_expect_code 128 zdh org list >../../out 2>../../err
	) &&
	test_must_be_empty out &&
	echo "zdh: no zdh repository here (or in any parent folder); run '"'"'zdh init'"'"'" >expect &&
	test_cmp expect err
'

test_expect_success 'every repository command refuses with 128 outside a repository' '
	cd nowhere &&
	for c in "org list" "org show 新桥" "org add --kind area 新桥" "log" "verify" "reindex" "export"
	do
		test_expect_code 128 zdh $c >out 2>err || { echo "zdh $c"; return 1; }
		test_must_be_empty out &&
		test_line_count = 1 err || { echo "zdh $c"; return 1; }
	done
'

test_expect_success 'nothing was created by the failed commands' '
	test ! -e nowhere/.zdh &&
	test ! -e nowhere/deeper/.zdh &&
	test ! -e .zdh
'

test_done
