#!/bin/sh
# -o FILE is written beside FILE and renamed over it (zdh-report(1)), so a
# folder this user may not write refuses it even where FILE itself may be
# written (a report file a cron job shares, made 0666 in a folder of
# another's).  The refusal said only "cannot write 'FILE': Permission
# denied" of a file the user could plainly write; it now says that the
# file is written beside itself first and that no file can be made in its
# folder.
test_description='-o FILE in a folder that cannot be written says why'
. "$(dirname "$0")/lib.sh"

. "$TEST_DIRECTORY/lib-accounts.sh"

test_expect_success NOBODY 'setup' '
	zdh init --replica xinqiao --prefix XQ repo >/dev/null &&
	zdh -C repo org add --kind area 新桥 --date 2025-01-01 >/dev/null &&
	zdh -C repo issue add 楼道堆物 --area 新桥 --date 2025-12-03 >/dev/null &&
	mkdir pub &&
	echo old >pub/report.html &&
	chmod 666 pub/report.html &&
	if test "$(id -u)" = 0
	then
		chmod 755 pub && chmod -R a+rwX repo
	else
		chmod a-w pub
	fi
'

test_expect_success NOBODY 'report -o: exit 128, the folder named, the file untouched' '
	test_expect_code 128 as_nobody "$ZDH" -C repo report monthly --month 2025-12 --format html \
		-o "$TRASH_DIRECTORY/pub/report.html" 2>err &&
	grep "cannot write .*pub/report.html.: it is written beside itself first, and no file can be made in .*/pub.: Permission denied" err &&
	echo old >expect &&
	test_cmp expect pub/report.html &&
	test_line_count = 1 err
'

test_expect_success NOBODY 'menu publish -o: the same, in Chinese too' '
	test_expect_code 128 as_nobody env LANGUAGE=zh_CN "$ZDH" -C repo menu publish \
		-o "$TRASH_DIRECTORY/pub/report.html" 2>err &&
	grep "它先写在同一文件夹中的新文件里，但无法在 .*/pub. 中创建文件" err
'

test_expect_success NOBODY 'cleanup' '
	chmod 755 pub
'

test_have_prereq NOBODY ||
	test_skip 'a folder that cannot be written' 'no other user to run as, and permissions are not enforced on us'
test_done
