#!/bin/sh
# `zdh report monthly -o .zdh/config` wrote the report over the
# repository's config (replica, prefix and founder pins): every command
# after it failed with "bad config line 1" (128).  -o FILE inside a
# repository's .zdh (directly, through .., a symbolic link, or from a
# working directory inside it) is refused now, nothing written.
test_description='-o never writes inside .zdh'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh issue add 路灯不亮 --area 新桥 --attach "$TEST_DIRECTORY/../README.md" >/dev/null &&
	cp .zdh/config config.before &&
	ln -s .zdh/config cfglink &&
	ln -s .zdh zl
'

test_expect_success 'report, menu publish and attachment refuse -o into .zdh' '
	for f in .zdh/config .zdh/index.db ./.zdh/../.zdh/HEAD cfglink zl/new.txt
	do
		test_expect_code 1 zdh report monthly -o "$f" 2>err &&
		echo "zdh: '\''$f'\'' is inside a repository'\''s .zdh; write it elsewhere" >expect &&
		test_cmp expect err || return 1
	done &&
	test_expect_code 1 zdh menu publish -o .zdh/menu.md 2>err &&
	test_expect_code 1 zdh issue attachment XQ-1 README.md -o .zdh/config 2>err &&
	(cd .zdh && test_expect_code 1 zdh report monthly -o r.txt) &&
	test_cmp config.before .zdh/config &&
	! test -e .zdh/menu.md && ! test -e .zdh/r.txt && ! test -e .zdh/new.txt &&
	zdh issue list >list && grep XQ-1 list
'

test_expect_success 'elsewhere is written as before' '
	zdh report monthly -o report.txt && test -s report.txt &&
	mkdir -p sub/.zdhx && zdh report monthly -o sub/.zdhx/a.txt && test -s sub/.zdhx/a.txt &&
	zdh issue attachment XQ-1 README.md -o copy.md && test -s copy.md
'

test_expect_success 'in Chinese' '
	LANGUAGE=zh_CN test_expect_code 1 zdh report monthly -o .zdh/config 2>err &&
	grep "请写到别处" err
'

test_done
