#!/bin/sh
# The zh_CN message catalogue: po/zh_CN.po compiles with msgfmt's format
# checks, the binary finds the compiled catalogue beside it (the build
# tree) or where ZDH_LOCALEDIR says, and English stays the default.
test_description='the zh_CN catalogue: checked, found beside the binary'
. "$(dirname "$0")/lib.sh"

SRC=$TEST_DIRECTORY/..
command -v msgfmt >/dev/null 2>&1 && test_set_prereq MSGFMT

test_expect_success MSGFMT 'po/zh_CN.po compiles, format strings checked' '
	msgfmt --check -o zdh.mo "$SRC/po/zh_CN.po"
'

test_expect_success 'the build put the catalogue beside the binary' '
	test -f "$(dirname "$ZDH")/locale/zh_CN/LC_MESSAGES/zdh.mo"
'

cat >expect.en <<\EOF_
usage: zdh [-C DIR] [--version] [-h | --help] COMMAND [ARGS]
EOF_
cat >expect.zh <<\EOF_
用法：zdh [-C DIR] [--version] [-h | --help] COMMAND [ARGS]
EOF_

test_expect_success 'without LANGUAGE zdh speaks English' '
	zdh -h | head -n 1 >actual &&
	test_cmp expect.en actual
'

test_expect_success 'LANGUAGE=zh_CN under C.UTF-8 gives the Chinese messages' '
	LANGUAGE=zh_CN zdh -h | head -n 1 >actual &&
	test_cmp expect.zh actual
'

test_expect_success 'LC_ALL=C (not UTF-8) keeps English, as gettext does' '
	LC_ALL=C LANGUAGE=zh_CN zdh -h | head -n 1 >actual &&
	test_cmp expect.en actual
'

test_expect_success 'ZDH_LOCALEDIR names another catalogue folder' '
	mkdir -p empty &&
	ZDH_LOCALEDIR=$PWD/empty LANGUAGE=zh_CN zdh -h | head -n 1 >actual &&
	test_cmp expect.en actual &&
	mkdir -p other && cp -R "$(dirname "$ZDH")/locale/zh_CN" other/ &&
	ZDH_LOCALEDIR=$PWD/other LANGUAGE=zh_CN zdh -h | head -n 1 >actual &&
	test_cmp expect.zh actual
'

test_expect_success 'a binary finds the locale folder beside it wherever it is' '
	mkdir -p bin/locale && cp "$ZDH" bin/zdh &&
	cp -R "$(dirname "$ZDH")/locale/zh_CN" bin/locale/ &&
	LANGUAGE=zh_CN bin/zdh -h | head -n 1 >actual &&
	test_cmp expect.zh actual &&
	ln -s "$PWD/bin/zdh" linked &&
	LANGUAGE=zh_CN ./linked -h | head -n 1 >actual &&
	test_cmp expect.zh actual
'

test_expect_success 'option help texts (-h) are translated' '
	LANGUAGE=zh_CN zdh org add -h >actual &&
	grep "^    --district D          居民区所在的片区\$" actual
'

# Every message of the code has a translation: `make po-check` extracts
# them as `make pot` does and msgcmp fails on one the catalogue lacks,
# leaves untranslated or marks fuzzy.  When this fails, run `make po`,
# translate what it added to po/zh_CN.po (msgstr ""), in the terms of the
# domain's glossary (DOMAIN.md), and `make`.
command -v xgettext >/dev/null 2>&1 && command -v msgcmp >/dev/null 2>&1 &&
	command -v make >/dev/null 2>&1 && test_set_prereq XGETTEXT

test_expect_success XGETTEXT 'every message of cmd/ and core/ is translated in po/zh_CN.po' '
	make -s -C "$SRC" po-check POT_CHECK="$TRASH_DIRECTORY/zdh.pot" 2>err || {
		grep -c "this message is" err
		echo "run make po and translate what it adds to po/zh_CN.po"
		cat err
		false
	}
'

test_expect_success XGETTEXT 'the check fails on a message without a translation' '
	mkdir -p fake/po fake/cmd fake/core &&
	cp "$SRC/Makefile" fake/ &&
	printf "#include \"i18n.h\"\nconst char *m(void) { return _(\"a message nobody translated\"); }\n" >fake/core/x.c &&
	cp "$SRC/po/zh_CN.po" fake/po/ &&
	test_must_fail make -s -C fake po-check POT_CHECK="$TRASH_DIRECTORY/fake.pot" 2>err &&
	grep "this message is used but not defined" err
'

# English in the C locale reads no locale file and no catalogue: its
# messages are the msgids (core/i18n.c); Chinese still reads both.
test_strace_prereq

test_expect_success STRACE 'C.UTF-8 without LANGUAGE opens no locale file nor catalogue' '
	{ (unset LANGUAGE; LC_ALL=C.UTF-8 && export LC_ALL &&
	  strace_zdh -f -e trace=open,openat,readlink -o trace "$ZDH" no-such-command) 2>err || :; } &&
	test -s trace &&
	grep "is not a zdh command" err &&
	! grep -E "LC_CTYPE|locale.alias|zdh\.mo" trace &&
	{ test_have_prereq SANITIZED || ! grep "/proc/self/exe" trace; } &&
	rm trace &&
	{ (unset LANGUAGE; LC_ALL=C && export LC_ALL &&
	  strace_zdh -f -e trace=open,openat -o trace "$ZDH" no-such-command) 2>err || :; } &&
	test -s trace &&
	grep "is not a zdh command" err &&
	! grep -E "LC_CTYPE|zdh\.mo" trace
'

test_expect_success STRACE 'Chinese reads the catalogue and speaks it' '
	{ (LC_ALL=C.UTF-8 LANGUAGE=zh_CN && export LC_ALL LANGUAGE &&
	  strace_zdh -f -e trace=open,openat -o trace "$ZDH" no-such-command) 2>err || :; } &&
	test -s trace &&
	grep "zdh\.mo" trace &&
	! grep "is not a zdh command" err &&
	grep "不是 zdh 命令" err
'

test_done
