#!/bin/sh
# The man pages are clean for mandoc's linter, and every command has one.
test_description='man pages lint clean, one per command'
. "$(dirname "$0")/lib.sh"

MAN_DIRECTORY=$TEST_DIRECTORY/../man
CMD_DIRECTORY=$TEST_DIRECTORY/../cmd
command -v mandoc >/dev/null 2>&1 && test_set_prereq MANDOC

for page in "$MAN_DIRECTORY"/*.1 "$MAN_DIRECTORY"/*.5
do
	test -e "$page" || continue
	test_expect_success MANDOC "mandoc -T lint -W warning ${page##*/}" '
		mandoc -T lint -W warning "$page" >lint 2>&1 &&
		test_must_be_empty lint
	'
done

for src in "$CMD_DIRECTORY"/*.c
do
	cmd=${src##*/}
	cmd=${cmd%.c}
	case $cmd in main|common|options) continue ;; esac
	test_expect_success "cmd/$cmd.c has man/zdh-$cmd.1" '
		test -f "$MAN_DIRECTORY/zdh-$cmd.1"
	'
done

test_expect_success 'zdh.1 and zdh-repository.5 exist' '
	test -f "$MAN_DIRECTORY/zdh.1" &&
	test -f "$MAN_DIRECTORY/zdh-repository.5"
'

test_done
