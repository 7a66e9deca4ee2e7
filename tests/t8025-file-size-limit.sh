#!/bin/sh
test_description='ulimit -f: a file grown past the limit is a failed write (128, one line), not a process killed by SIGXFSZ'
. "$(dirname "$0")/lib.sh"

# limited BLOCKS ARGS...: zdh ARGS under `ulimit -f BLOCKS` (of 512 bytes
# in sh), its exit code in "code", its output in out and err
limited () {
	limited_blocks_=$1 && shift &&
	(ulimit -f "$limited_blocks_" && exec "$ZDH" "$@") >out 2>err
	echo "exit $?" >code
}

# the system's messages in Chinese (Debian's libc-l10n), for the last test
test -e /usr/share/locale/zh_CN/LC_MESSAGES/libc.mo && test_set_prereq LIBC_ZH

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh issue add 第一件 --area 新桥 >/dev/null &&
	body=$(printf "%06000d" 0 | sed "s/0/漏/g") &&
	printf "title,area\n" >many.csv &&
	i=0 && while test $i -lt 2000; do echo "问题$i,新桥"; i=$((i + 1)); done >>many.csv
'

test_expect_success 'an add past the limit: exit 128, one line, nothing written, no file left' '
	snapshot before &&
	find .zdh -type f | sort >files.before &&
	limited 1 issue add 写不下 --area 新桥 -m "$body" &&
	echo "exit 128" >expect && test_cmp expect code &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: .*File too large$" err &&
	check_unchanged before &&
	find .zdh -type f | sort >files.after &&
	test_cmp files.before files.after &&
	git --git-dir=.zdh fsck --no-dangling &&
	zdh verify
'

test_expect_success 'an import past the limit: exit 128, one line, nothing imported' '
	snapshot before &&
	limited 20 issue import many.csv &&
	echo "exit 128" >expect && test_cmp expect code &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: .*File too large$" err &&
	check_unchanged before &&
	test -z "$(find .zdh -name "tmp_*" -o -name "*.lock.*")" &&
	git --git-dir=.zdh fsck --no-dangling &&
	zdh verify
'

test_expect_success LIBC_ZH 'Chinese: the same one line, the system'"'"'s words in Chinese' '
	(ulimit -f 1 && LANGUAGE=zh_CN exec "$ZDH" issue add 写不下 --area 新桥 -m "$body") >out 2>err
	echo "exit $?" >code &&
	echo "exit 128" >expect && test_cmp expect code &&
	test_line_count = 1 err &&
	grep "^zdh: " err &&
	grep "文件过大$" err
'

test_expect_success 'the same write once the limit is lifted' '
	zdh issue add 写得下 --area 新桥 -m "$body" >out &&
	echo XQ-2 >expect && test_cmp expect out &&
	zdh verify
'

test_done
