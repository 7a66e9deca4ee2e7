#!/bin/sh
# Files that go out and come back: what 'list --format csv' prints, its
# import reads back (org, issue, visit), into another repository and out
# again the same; --excel begins with the byte-order mark, which import
# takes; a GB18030 file is refused as not UTF-8 or read with --encoding.
test_description='csv round trips, --excel, --encoding'
. "$(dirname "$0")/lib.sh"

# without_ids: the csv on stdin with its id column (the first) left out.
without_ids () {
	cut -d, -f2-
}

# comes_back KIND N: ../KIND.csv (a's list) imports into b as N records
# and b's list is the same file, under b's prefix.
comes_back () {
	(cd b && zdh $1 import ../$1s.csv) >out &&
	if test "$2" = 1; then echo "imported 1 $1"; else echo "imported $2 $1s"; fi >expect &&
	test_cmp expect out &&
	(cd b && zdh $1 list --format csv) >back.csv &&
	sed "s/^XQ-/HS-/" $1s.csv >expect &&
	test_cmp expect back.csv
}

test_expect_success 'setup: an office with orgs, issues, visits' '
	zdh init --replica xinqiao --prefix XQ a >/dev/null 2>&1 &&
	zdh init --replica huashan --prefix HS b >/dev/null 2>&1 &&
	(
		cd a &&
		zdh org add --kind district 第一片区 --date 2026-01-02 &&
		zdh org add --kind area 新桥 --district 第一片区 --code 0101 --date 2026-01-02 &&
		zdh org add --kind dept 房管办 --date 2026-01-02 &&
		zdh org add --kind dept "旧的, 办" --date 2026-01-02 &&
		zdh org retire "旧的, 办" --date 2026-01-03 &&
		zdh issue add 路灯不亮 --area 新桥 -m "两盏
都不亮" --date 2026-01-05 &&
		zdh issue claim XQ-1 --dept 房管办 --due 2026-01-20 --date 2026-01-06 &&
		zdh issue add "楼道堆物, 消防隐患" --area 新桥 --date 2026-01-07 &&
		zdh visit liaison add 王芳 --dept 房管办 --areas 新桥 --date 2026-01-02 &&
		zdh visit add --area 新桥 --liaison 王芳 -m "走访三户
一户独居" --date 2026-01-08
	) >/dev/null
'

test_expect_success 'org list --format csv: the header import reads, in any language' '
	(cd a && LANGUAGE=zh_CN zdh org list --all --format csv) >orgs.csv &&
	cat >expect <<-\EOF &&
	id,kind,name,district,code,status
	XQ-O1,district,第一片区,,,live
	XQ-O2,area,新桥,第一片区,0101,live
	XQ-O3,dept,房管办,,,live
	XQ-O4,dept,"旧的, 办",,,retired
	EOF
	test_cmp expect orgs.csv
'

test_expect_success 'orgs go out and come back: import, list again, the same' '
	(cd b && zdh org import ../orgs.csv --date 2026-01-02) >out &&
	echo "imported 4 orgs" >expect &&
	test_cmp expect out &&
	(cd b && zdh org list --all --format csv) >back.csv &&
	without_ids <orgs.csv >expect &&
	without_ids <back.csv >actual &&
	test_cmp expect actual
'

test_expect_success 'issues go out and come back' '
	(cd a && zdh issue list --format csv) >issues.csv &&
	head -1 issues.csv >head &&
	echo "id,title,body,area,category,source,reporter,location,status,dept,assignee,due,created" >expect &&
	test_cmp expect head &&
	comes_back issue 2
'

test_expect_success 'visits go out and come back, notes whole' '
	(cd a && zdh visit list --format csv) >visits.csv &&
	cat >expect <<-\EOF &&
	id,date,area,liaison,dept,issue,notes
	XQ-V1,2026-01-08,新桥,王芳,房管办,,"走访三户
	一户独居"
	EOF
	test_cmp expect visits.csv &&
	(cd b && zdh visit liaison add 王芳 --dept 房管办 --areas 新桥 >/dev/null) &&
	comes_back visit 1
'

test_expect_success '--excel: the byte-order mark, then the same csv; import takes it' '
	(cd a && zdh org list --all --excel) >excel.csv &&
	printf "\357\273\277" >expect &&
	cat orgs.csv >>expect &&
	cmp expect excel.csv &&
	(cd a && zdh issue list --format csv --excel) >excel.csv &&
	head -c 3 excel.csv | od -An -tx1 >bom &&
	echo " ef bb bf" >expect &&
	test_cmp expect bom &&
	(cd a && zdh council list --excel && zdh person list --excel) >lists.csv &&
	printf "\357\273\277id,name,area,members,status,charter_version,created\n\357\273\277id,name,email,keys\n" >expect &&
	test_cmp expect lists.csv &&
	zdh init --replica c --prefix CC c >/dev/null 2>&1 &&
	(cd a && zdh org list --excel) >excel.csv &&
	(cd c && zdh org import ../excel.csv) >out &&
	echo "imported 3 orgs" >expect &&
	test_cmp expect out
'

test_expect_success 'a GB18030 file: each row refused as not UTF-8, naming --encoding' '
	iconv -f UTF-8 -t GB18030 orgs.csv >gb.csv &&
	zdh init --replica d --prefix DD d >/dev/null 2>&1 &&
	(cd d && snapshot ../before &&
	 test_expect_code 1 zdh org import ../gb.csv 2>../err &&
	 check_unchanged ../before) &&
	cat >expect <<-\EOF &&
	zdh: ../gb.csv:2: not UTF-8 (try --encoding gb18030)
	zdh: ../gb.csv:3: not UTF-8 (try --encoding gb18030)
	zdh: ../gb.csv:4: not UTF-8 (try --encoding gb18030)
	zdh: ../gb.csv:5: not UTF-8 (try --encoding gb18030)
	zdh: 4 bad rows; nothing imported
	EOF
	test_cmp expect err
'

test_expect_success 'a GBK header is refused the same way, not as an unknown column' '
	printf "标题,area\n路灯,新桥\n" | iconv -f UTF-8 -t GBK >gbk.csv &&
	(cd d && test_expect_code 1 zdh issue import ../gbk.csv 2>../err) &&
	cat >expect <<-\EOF &&
	zdh: ../gbk.csv:1: not UTF-8 (try --encoding gb18030)
	zdh: the file is not UTF-8; nothing imported
	EOF
	test_cmp expect err
'

test_expect_success '--encoding gb18030 reads it (a file or standard input)' '
	(cd d && zdh org import ../gb.csv --encoding gb18030) >out &&
	echo "imported 4 orgs" >expect &&
	test_cmp expect out &&
	(cd d && zdh org list --all --format csv) | without_ids >actual &&
	without_ids <orgs.csv >expect &&
	test_cmp expect actual &&
	iconv -f UTF-8 -t GB18030 visits.csv >gbv.csv &&
	(cd d && zdh visit liaison add 王芳 --dept 房管办 --areas 新桥 >/dev/null &&
	 zdh visit import - --encoding GB18030 <../gbv.csv) >out &&
	echo "imported 1 visit" >expect &&
	test_cmp expect out
'

test_expect_success '--encoding: an unknown one or bytes that are not in it, refused' '
	(cd d && snapshot ../before &&
	 test_expect_code 1 zdh org import ../gb.csv --encoding klingon 2>../err &&
	 check_unchanged ../before) &&
	echo "zdh: unknown encoding '"'"'klingon'"'"' (an iconv name: gb18030 or gbk for a file Excel saved on Chinese Windows; '"'"'iconv -l'"'"' lists them)" >expect &&
	test_cmp expect err &&
	printf "kind,name\ndept,\377\377\n" >bad.csv &&
	(cd d && test_expect_code 1 zdh org import ../bad.csv --encoding gb18030 2>../err) &&
	grep "^zdh: ../bad.csv: not gb18030 text at byte 15$" err
'

test_done
