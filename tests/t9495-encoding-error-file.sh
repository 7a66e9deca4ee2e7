#!/bin/sh
# `issue import FILE --encoding utf-8` of a file that is not UTF-8 said
# "zdh: not utf-8 text at byte 14", naming no file (a bad row names
# FILE:LINE); the file is named now, as given ('-' for standard input).
test_description='import --encoding: bytes not in it name the file'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a GBK file' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 延安 >/dev/null &&
	printf "title,area\r\n路灯,延安\r\n" | iconv -f utf-8 -t gbk >gbk.csv
'

test_expect_success 'read as utf-8: refused naming the file and the byte, nothing written' '
	snapshot before &&
	test_expect_code 1 zdh issue import gbk.csv --encoding utf-8 2>err &&
	echo "zdh: gbk.csv: not utf-8 text at byte 14" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh issue import - --encoding utf-8 <gbk.csv 2>err &&
	echo "zdh: -: not utf-8 text at byte 14" >expect &&
	test_cmp expect err &&
	check_unchanged before
'

test_expect_success 'read as gbk it comes in' '
	zdh issue import gbk.csv --encoding GBK &&
	zdh issue list >list && grep 路灯 list
'

test_done
