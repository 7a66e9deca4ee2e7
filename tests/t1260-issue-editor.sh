#!/bin/sh
# zdh issue add with no title opens the editor, as git commit does: the
# first line is the title, the rest the body, '#' lines dropped, an empty
# title or a failing editor writes nothing.
test_description='issue add through the editor'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	mkdir novi &&
	printf "#!/bin/sh\ntouch \"$PWD/vi.ran\"\n" >novi/vi &&
	chmod +x novi/vi &&
	zdh org add --kind area 延安公寓 >/dev/null &&
	cat >editor.sh <<-\EOS &&
	#!/bin/sh
	# prepend what the test put in ed.txt to the template zdh wrote
	cp "$1" template.seen
	{ cat ed.txt; cat "$1"; } >"$1.new" && mv "$1.new" "$1"
	EOS
	chmod +x editor.sh
'

test_expect_success 'the first line is the title, after a blank line the body' '
	printf "延安公寓群租\n\n二楼三户群租，\n消防通道堵塞\n# a comment line\n" >ed.txt &&
	ZDH_EDITOR=./editor.sh zdh issue add --area 延安公寓 >out &&
	echo XQ-1 >expect &&
	test_cmp expect out &&
	zdh issue show XQ-1 --json >show.json &&
	grep "\"title\": \"延安公寓群租\"" show.json &&
	grep "\"body\": \"二楼三户群租，\\\\n消防通道堵塞\"" show.json &&
	! grep "a comment line" show.json &&
	grep "^# The first line is the title" template.seen
'

test_expect_success 'ZDH_EDITOR wins over VISUAL and EDITOR' '
	printf "第二个\n" >ed.txt &&
	ZDH_EDITOR=./editor.sh VISUAL=false EDITOR=false zdh issue add >out &&
	echo XQ-2 >expect &&
	test_cmp expect out
'

test_expect_success 'VISUAL then EDITOR when ZDH_EDITOR is not set' '
	printf "第三个\n" >ed.txt &&
	VISUAL=./editor.sh EDITOR=false zdh issue add >out &&
	echo XQ-3 >expect &&
	test_cmp expect out &&
	printf "第四个\n" >ed.txt &&
	EDITOR=./editor.sh zdh issue add >out &&
	echo XQ-4 >expect &&
	test_cmp expect out
'

test_expect_success 'an empty title writes nothing and exits 1' '
	snapshot before &&
	printf "\n\n# only comments\n" >ed.txt &&
	test_expect_code 1 env ZDH_EDITOR=./editor.sh "$ZDH" issue add >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: empty title" err &&
	check_unchanged before
'

test_expect_success 'a failing editor writes nothing and exits 1' '
	snapshot before &&
	test_expect_code 1 env ZDH_EDITOR=false "$ZDH" issue add >out 2>err &&
	test_line_count = 1 err &&
	grep "^zdh: the editor .false. failed" err &&
	check_unchanged before
'

test_expect_success '-m without a title is a usage error' '
	test_expect_code 129 "$ZDH" issue add -m "正文" 2>err
'

test_expect_success 'no editor named and no terminal: a usage error, vi is not run' '
	snapshot before &&
	test_expect_code 129 env -u ZDH_EDITOR -u VISUAL -u EDITOR PATH="$PWD/novi:$PATH" \
		"$ZDH" issue add </dev/null >out 2>err &&
	grep "^zdh: .zdh issue add. needs a title (no terminal to run an editor on)" err &&
	test_must_be_empty out &&
	! test -e vi.ran &&
	check_unchanged before
'

test_done
