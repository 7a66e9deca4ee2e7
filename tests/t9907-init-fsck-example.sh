#!/bin/sh
# zdh-init(1)'s example ran git fsck on a new repository and showed no
# output, as if there were none; git says HEAD points to an unborn branch,
# that there are no default references, and that the empty tree init
# stores is dangling.  The page shows what git prints and says why it is
# fine; this runs the example and compares.
test_description='zdh-init(1): the git fsck example as git prints it'
. "$(dirname "$0")/lib.sh"

test_expect_success 'the example, as the page prints it' '
	sed -n "/^\\\$ git .*fsck\$/,/^\.EE/p" "$TEST_DIRECTORY/../man/zdh-init.1" |
		sed -e "1d" -e "\$d" -e "s/\\\\-/-/g" | sort >expect &&
	test_line_count = 3 expect &&
	zdh init --replica xinqiao --prefix XQ xinqiao >/dev/null &&
	LC_ALL=C LANGUAGE= git --git-dir=xinqiao/.zdh fsck >out 2>&1 &&
	sort out >actual &&
	test_cmp expect actual
'

test_expect_success 'after the first event: clean, the empty tree in use' '
	zdh -C xinqiao org add --kind area 新桥 >/dev/null &&
	LC_ALL=C LANGUAGE= git --git-dir=xinqiao/.zdh fsck --strict >out 2>&1 &&
	! grep dangling out
'

test_done
