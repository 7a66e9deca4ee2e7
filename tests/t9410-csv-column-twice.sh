#!/bin/sh
# A CSV header naming a column twice (title,title or kind,name,kind) was
# imported with the first column's values, the second's dropped without a
# word.  Now the header is refused, in the line-by-line form of a bad
# header, and nothing is written, for every import (org, issue, visit).
test_description='import: a column named twice is refused'
. "$(dirname "$0")/lib.sh"

refused () {	# refused FILE COLUMN ARGS...
	file=$1 col=$2 && shift 2 &&
	snapshot before &&
	test_expect_code 1 zdh "$@" "$file" >out 2>err &&
	test_must_be_empty out &&
	printf "%s\n" "zdh: $file:1: column '$col' given twice" \
		"zdh: bad header; nothing imported" >expect &&
	test_cmp expect err &&
	check_unchanged before
}

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 房管办 >/dev/null &&
	zdh visit liaison add 李明 --dept 房管办 --areas 新桥 >/dev/null
'

test_expect_success 'org, issue and visit imports refuse a column twice' '
	printf "kind,name,KIND\narea,甲,dept\n" >org.csv &&
	refused org.csv KIND org import &&
	printf "title,area,title\n路灯,新桥,积水\n" >issue.csv &&
	refused issue.csv title issue import &&
	printf "date,area,liaison,notes,notes\n2026-11-03,新桥,李明,一,二\n" >visit.csv &&
	refused visit.csv notes visit import
'

test_expect_success 'in Chinese' '
	LANGUAGE=zh_CN test_expect_code 1 zdh issue import issue.csv 2>err &&
	grep "两次" err
'

test_done
