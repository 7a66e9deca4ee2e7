#!/bin/sh
test_description='bytes and sizes: NUL and control characters, bounded reads, dates at the boundaries'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh issue add "第一件" >/dev/null
'

# refused CODE MESSAGE CMD...: exit CODE, exactly one line MESSAGE, nothing written
refused () {
	want_code=$1 want_msg=$2 && shift 2 &&
	snapshot before &&
	test_expect_code "$want_code" "$@" >out 2>err &&
	test_must_be_empty out &&
	echo "$want_msg" >expect &&
	test_cmp expect err &&
	check_unchanged before
}

test_expect_success 'a NUL byte in -m - is refused with its own message (not truncated)' '
	printf "a\000b" | refused 1 "zdh: -m contains a NUL byte" zdh issue add "t" -m -
'

test_expect_success 'control characters: their own message, not "not valid UTF-8"' '
	refused 1 "zdh: an argument contains a control character (U+0007)" zdh issue add "$(printf "t\007x")" &&
	printf "line\033[31m" | refused 1 "zdh: -m contains a control character (U+001B)" zdh issue add "t" -m - &&
	refused 1 "zdh: an argument contains a control character (U+0085)" zdh issue add "$(printf "t\302\205")" &&
	refused 1 "zdh: an argument is not valid UTF-8 text" zdh issue add "$(printf "t\377")"
'

test_expect_success 'a NUL byte in a CSV field: its own message, the line, nothing imported' '
	printf "title,body\nt\000x,b\n" >nul.csv &&
	snapshot before &&
	test_expect_code 1 zdh issue import nul.csv >out 2>err &&
	test_must_be_empty out &&
	grep "^zdh: nul.csv:2: a field contains a NUL byte$" err &&
	check_unchanged before
'

test_expect_success 'a control character in a CSV field names the column' '
	printf "title,body\nt,b\033x\n" >ctl.csv &&
	test_expect_code 1 zdh issue import ctl.csv >out 2>err &&
	grep "^zdh: ctl.csv:2: body contains a control character (U+001B)$" err
'

test_expect_success '--attach /dev/zero is refused at once: not a regular file' '
	refused 1 "zdh: '"'"'/dev/zero'"'"' is not a regular file" timeout 20 "$ZDH" issue comment XQ-1 -m x --attach /dev/zero
'

test_expect_success '--attach of a FIFO is refused at once, without waiting for a writer' '
	mkfifo fifo &&
	refused 1 "zdh: '"'"'fifo'"'"' is not a regular file" timeout 20 "$ZDH" issue comment XQ-1 -m x --attach fifo
'

test_expect_success 'issue import /dev/zero and a FIFO are refused at once' '
	refused 1 "zdh: '"'"'/dev/zero'"'"' is not a regular file" timeout 20 "$ZDH" issue import /dev/zero &&
	refused 1 "zdh: '"'"'fifo'"'"' is not a regular file" timeout 20 "$ZDH" issue import fifo &&
	refused 1 "zdh: '"'"'fifo'"'"' is not a regular file" timeout 20 "$ZDH" org import fifo
'

test_expect_success 'issue import - of endless NUL bytes stops at the first' '
	snapshot before &&
	test_expect_code 1 timeout 20 "$ZDH" issue import - </dev/zero >out 2>err &&
	grep "a field contains a NUL byte" err &&
	check_unchanged before
'

test_expect_success 'a record longer than 1 MiB is refused, memory bounded' '
	{ echo title; head -c 1100000 /dev/zero | tr "\000" a; echo; } >long.csv &&
	test_expect_code 1 zdh issue import long.csv >out 2>err &&
	grep "long.csv:2: a record longer than 1048576 bytes" err
'

test_expect_success '-m - reads at most 1 MiB' '
	head -c 1100000 /dev/zero | tr "\000" a >big.txt &&
	refused 1 "zdh: -m on standard input is larger than 1048576 bytes" zdh issue add t -m - <big.txt
'

test_expect_success 'dates before 1970 or after 9999 are refused at the boundaries' '
	refused 1 "zdh: --date: date '"'"'1969-12-31'"'"' is before 1970-01-01 00:00 UTC" zdh issue add t --date 1969-12-31 &&
	refused 1 "zdh: --date: date '"'"'0001-01-01'"'"' is before 1970-01-01 00:00 UTC" zdh issue add t --date 0001-01-01 &&
	refused 1 "zdh: --date: date '"'"'@-99999999999'"'"' is before 1970-01-01 00:00 UTC" zdh issue add t --date @-99999999999 &&
	refused 1 "zdh: --date: date '"'"'@-1'"'"' is before 1970-01-01 00:00 UTC" zdh issue add t --date @-1 &&
	refused 1 "zdh: --date: date '"'"'9999-12-31T12:00Z'"'"' is after 9999-12-30 23:59 UTC" zdh issue add t --date 9999-12-31T12:00Z --future &&
	zdh issue add "纪元" --date @0 >/dev/null &&
	zdh issue add "最后" --date 9999-12-30T23:59:59Z --future >/dev/null &&
	zdh verify &&
	git --git-dir=.zdh fsck --strict
'

test_expect_success 'a CSV created date before 1970 is refused with its line' '
	printf "title,created\nt,1969-12-31\n" >old.csv &&
	snapshot before &&
	test_expect_code 1 zdh issue import old.csv >out 2>err &&
	grep "^zdh: old.csv:2: created: date .1969-12-31. is before 1970-01-01 00:00 UTC$" err &&
	check_unchanged before
'

test_expect_success 'temporary objects of a killed writer are removed by the next writer' '
	mkdir -p .zdh/objects/ab .zdh/objects/pack &&
	echo junk >.zdh/objects/ab/tmp_obj_AbCdEf &&
	echo junk >.zdh/objects/pack/tmp_pack_XyZ123 &&
	printf w >.zdh/zdh.lock &&
	zdh issue add "下一个" >/dev/null &&
	! test -e .zdh/objects/ab/tmp_obj_AbCdEf &&
	! test -e .zdh/objects/pack/tmp_pack_XyZ123 &&
	test "$(head -c 1 .zdh/zdh.lock)" = "-"
'

test_expect_success 'the mark file of an older zdh is honoured and removed' '
	mkdir -p .zdh/objects/cd &&
	echo junk >.zdh/objects/cd/tmp_obj_GhIjKl &&
	: >.zdh/objects/tmp_zdh_writing &&
	zdh issue add "旧的标记" >/dev/null &&
	! test -e .zdh/objects/cd/tmp_obj_GhIjKl &&
	! test -e .zdh/objects/tmp_zdh_writing
'

test_expect_success 'a writer killed while writing objects: the next writer cleans up' '
	i=0 && found=0 &&
	while test $i -lt 40 && test $found = 0; do
		"$ZDH" issue add "被杀 $i" >/dev/null 2>&1 &
		pid=$! &&
		sleep 0.0$((i % 10)) &&
		kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
		test "$(head -c 1 .zdh/zdh.lock)" = w && found=1
		i=$((i + 1))
	done &&
	zdh issue add "之后" >/dev/null &&
	test "$(head -c 1 .zdh/zdh.lock)" = "-" &&
	test -z "$(find .zdh/objects -name "tmp_obj_*")" &&
	zdh verify
'

test_done
