#!/bin/sh
# Two attachments with the same name on one issue (before and after
# photo.jpg): the second is kept as photo-2.jpg, both listed by show and
# given back byte for byte.
test_description='attachments with the same name'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	printf "before\377" >photo.jpg &&
	zdh issue add 台阶破损 --area 新桥 --attach photo.jpg --date 2026-01-05 >/dev/null &&
	printf "after\376" >photo.jpg &&
	mkdir d && printf "third" >d/photo.jpg && printf "x" >README
'

test_expect_success 'the second photo.jpg is kept as photo-2.jpg, and the writer told' '
	zdh issue comment XQ-1 -m 修好了 --attach photo.jpg --date 2026-01-09 2>err &&
	echo "zdh: warning: XQ-1 has an attachment '"'"'photo.jpg'"'"' already: this one is '"'"'photo-2.jpg'"'"'" >expect &&
	test_cmp expect err &&
	zdh issue comment XQ-1 -m 复查 --attach d/photo.jpg --attach README --date 2026-01-10 2>err &&
	grep "this one is '"'"'photo-3.jpg'"'"'" err
'

test_expect_success 'both stay reachable, byte for byte' '
	zdh issue attachment XQ-1 photo.jpg >got &&
	printf "before\377" >expect &&
	cmp expect got &&
	zdh issue attachment XQ-1 photo-2.jpg >got &&
	printf "after\376" >expect &&
	cmp expect got &&
	zdh issue attachment XQ-1 photo-3.jpg >got &&
	printf "third" >expect &&
	cmp expect got
'

# (one event's files in its tree's order, git's by bytes: README first;
# listed as given, that comment was an invalid event on every other replica)
test_expect_success 'show lists all of them, with their sizes' '
	zdh issue show XQ-1 >out &&
	sed -n "/^attachments:/,/^$/p" out >list &&
	cat >expect <<-\EOF &&
	attachments:  photo.jpg  (7 bytes)
	              photo-2.jpg  (6 bytes)
	              README  (1 byte)
	              photo-3.jpg  (5 bytes)

	EOF
	test_cmp expect list &&
	zdh verify >/dev/null &&
	zh issue show XQ-1 >out &&
	grep "^附件： *photo.jpg  （7 字节）$" out &&
	grep "^ *README  （1 字节）$" out
'

test_expect_success 'a name without an extension becomes NAME-2' '
	zdh issue comment XQ-1 -m again --attach README --date 2026-01-11 2>err &&
	grep "this one is '"'"'README-2'"'"'" err &&
	zdh issue attachment XQ-1 README-2 >got &&
	cmp README got
'

test_done
