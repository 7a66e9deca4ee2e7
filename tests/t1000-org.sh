#!/bin/sh
# zdh org: add, list, show, edit, retire, import; back-dating.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1
'

test_expect_success 'add each kind; add prints the new id' '
	zdh org add --kind district 第一片区 >id1 &&
	zdh org add --kind area 新桥 --district 第一片区 >id2 &&
	zdh org add --kind area 延安公寓 --district 第一片区 --code 310101001 >id3 &&
	zdh org add --kind dept 派出所 >id4 &&
	zdh org add --kind unit 上海博物馆 >id5 &&
	zdh org add --kind building 置地广场 >id6 &&
	zdh org add --kind group 新桥志愿者协会 >id7 &&
	cat id1 id2 id3 id4 id5 id6 id7 >actual &&
	cat >expect <<-\EOT &&
	XQ-O1
	XQ-O2
	XQ-O3
	XQ-O4
	XQ-O5
	XQ-O6
	XQ-O7
	EOT
	test_cmp expect actual
'

test_expect_success 'one event per add on the replica log' '
	echo 7 >expect &&
	log_count xinqiao >actual &&
	test_cmp expect actual
'

test_expect_success 'list: a table aligned by display width' '
	zdh org list >actual &&
	cat >expect <<-\EOT &&
	ID     KIND      NAME            DISTRICT  CODE
	XQ-O1  district  第一片区
	XQ-O2  area      新桥            第一片区
	XQ-O3  area      延安公寓        第一片区  310101001
	XQ-O4  dept      派出所
	XQ-O5  unit      上海博物馆
	XQ-O6  building  置地广场
	XQ-O7  group     新桥志愿者协会
	EOT
	test_cmp expect actual
'

test_expect_success 'list --kind: only that kind, columns fitted to it' '
	zdh org list --kind area >actual &&
	cat >expect <<-\EOT &&
	ID     KIND  NAME      DISTRICT  CODE
	XQ-O2  area  新桥      第一片区
	XQ-O3  area  延安公寓  第一片区  310101001
	EOT
	test_cmp expect actual
'

test_expect_success 'list --kind with an unknown kind is refused' '
	test_expect_code 1 zdh org list --kind planet >out 2>err &&
	test_must_be_empty out &&
	grep "^zdh: .*planet" err
'

test_expect_success 'list --format csv' '
	zdh org list --format csv >out &&
	head -n 1 out | tr A-Z a-z >actual.header &&
	echo "id,kind,name,district,code" >expect.header &&
	test_cmp expect.header actual.header &&
	sed 1d out >actual &&
	cat >expect <<-\EOT &&
	XQ-O1,district,第一片区,,
	XQ-O2,area,新桥,第一片区,
	XQ-O3,area,延安公寓,第一片区,310101001
	XQ-O4,dept,派出所,,
	XQ-O5,unit,上海博物馆,,
	XQ-O6,building,置地广场,,
	XQ-O7,group,新桥志愿者协会,,
	EOT
	test_cmp expect actual
'

test_expect_success PYTHON 'list --json parses and holds every org' '
	zdh org list --json >out &&
	json_ok <out &&
	for name in 第一片区 新桥 延安公寓 派出所 上海博物馆 置地广场 新桥志愿者协会 XQ-O7
	do
		grep "\"$name\"" out || { echo "no $name"; return 1; }
	done
'

test_expect_success 'list output does not depend on the locale' '
	zdh org list >expect &&
	env LC_ALL=C "$ZDH" org list >actual &&
	test_cmp expect actual
'

test_expect_success 'show by name and by id' '
	zdh org show 新桥 >by-name &&
	zdh org show XQ-O2 >by-id &&
	test_cmp by-name by-id &&
	grep XQ-O2 by-name &&
	grep 新桥 by-name &&
	grep 第一片区 by-name &&
	grep 测试员 by-name
'

test_expect_success PYTHON 'show --json parses' '
	zdh org show 延安公寓 --json >out &&
	json_ok <out &&
	grep "\"延安公寓\"" out &&
	grep "310101001" out
'

test_expect_success 'show an unknown name: did you mean' '
	test_expect_code 1 zdh org show 新侨 >out 2>err &&
	test_must_be_empty out &&
	echo "zdh: no org named '"'"'新侨'"'"'; did you mean '"'"'新桥'"'"'?" >expect &&
	test_cmp expect err
'

test_expect_success 'show an unknown id' '
	test_expect_code 1 zdh org show XQ-O99 >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: .*XQ-O99" err
'

test_expect_success 'add with an unknown district: did you mean' '
	snapshot before &&
	test_expect_code 1 zdh org add --kind area 金陵 --district 第一片 >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: .*did you mean '"'"'第一片区'"'"'?$" err &&
	check_unchanged before
'

test_expect_success 'add with a --district that is not a district' '
	test_expect_code 1 zdh org add --kind area 金陵 --district 新桥 >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	check_unchanged before
'

test_expect_success 'a duplicate name is refused, whatever the kind' '
	test_expect_code 1 zdh org add --kind area 新桥 >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: .*新桥" err &&
	test_expect_code 1 zdh org add --kind dept 新桥 2>err &&
	check_unchanged before
'

test_expect_success 'a refused add uses up no id' '
	zdh org add --kind dept 房管办 >id &&
	echo XQ-O8 >expect &&
	test_cmp expect id
'

test_expect_success 'edit: each change is one more event, kept in the history' '
	zdh org edit 新桥 --code 310101002 -m "补录居委会代码" &&
	zdh org edit XQ-O2 --name 新桥居民区 -m "按街道名册改名" &&
	zdh org show 新桥居民区 >out &&
	grep 310101002 out &&
	grep 补录居委会代码 out &&
	grep 按街道名册改名 out &&
	echo 10 >expect &&
	log_count xinqiao >actual &&
	test_cmp expect actual
'

test_expect_success 'the history of one record, by log and by git' '
	zdh log --record XQ-O2 >out &&
	grep -c XQ-O2 out >actual &&
	echo 3 >expect &&
	test_cmp expect actual &&
	git --git-dir=.zdh log --format=%B refs/zdh/log/xinqiao >msgs &&
	grep -c "\"XQ-O2\"" msgs >actual &&
	test_cmp expect actual
'

test_expect_success 'after a rename the old name still finds the org, with a note; a near miss gets a hint' '
	zdh org show 新桥 >out 2>err &&
	head -n 1 out >actual &&
	echo "XQ-O2  area  新桥居民区" >expect &&
	test_cmp expect actual &&
	echo "zdh: warning: '"'"'新桥'"'"' was renamed '"'"'新桥居民区'"'"' (XQ-O2)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh org show 新桥居民 2>err &&
	grep "did you mean '"'"'新桥居民区'"'"'?" err
'

test_expect_success 'edit to a name in use is refused' '
	snapshot before &&
	test_expect_code 1 zdh org edit 新桥居民区 --name 延安公寓 >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	check_unchanged before
'

test_expect_success 'edit --district and --kind' '
	zdh org add --kind district 第二片区 >id &&
	zdh org edit 延安公寓 --district 第二片区 &&
	zdh org list --kind area --format csv >out &&
	grep "^XQ-O3,area,延安公寓,第二片区,310101001$" out &&
	zdh org edit 置地广场 --kind unit &&
	zdh org list --kind unit --format csv >out &&
	grep "^XQ-O6,unit,置地广场,," out
'

test_expect_success 'show: the district a history names, by name as it was then; labels aligned' '
	zdh org show 延安公寓 >out &&
	grep "^district:     第二片区$" out &&
	grep " edit  *district=第二片区$" out &&
	grep " add  *.*district=第一片区" out &&
	! grep "district=XQ-O" out &&
	zdh org show 延安公寓 --json >out &&
	! grep "\"district\": \"XQ-O" out &&
	LANGUAGE=zh_CN zdh org show 延安公寓 >out &&
	grep "^片区：        第二片区$" out
'

test_expect_success 'retire: hidden from list, shown with --all, history kept' '
	zdh org retire 上海博物馆 -m "并入街道文化中心" &&
	zdh org list >out &&
	! grep 上海博物馆 out &&
	zdh org list --format csv >out &&
	! grep XQ-O5 out &&
	zdh org list --all >out &&
	grep "XQ-O5.*上海博物馆" out &&
	zdh org list --all --format csv >out &&
	grep "^XQ-O5,unit,上海博物馆," out &&
	zdh org show XQ-O5 >out &&
	grep 并入街道文化中心 out &&
	zdh log --record XQ-O5 >out &&
	grep -c XQ-O5 out >actual &&
	echo 2 >expect &&
	test_cmp expect actual
'

test_expect_success 'retiring twice is refused' '
	snapshot before &&
	test_expect_code 1 zdh org retire XQ-O5 >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	check_unchanged before
'

test_expect_success 'a retired name can be used again; the name then means the live one' '
	zdh org add --kind unit 上海博物馆 >id &&
	echo XQ-O10 >expect &&
	test_cmp expect id &&
	zdh org show 上海博物馆 >out &&
	grep XQ-O10 out
'

test_expect_success '--date: when it happened is the author date, when recorded the committer date' '
	zdh org add --kind unit 外滩中心 --date "2024-03-01 09:30" >id &&
	git --git-dir=.zdh log -1 --format="%ad|%at" --date=iso refs/zdh/log/xinqiao >actual &&
	echo "2024-03-01 09:30:00 +0800|1709256600" >expect &&
	test_cmp expect actual &&
	ct=$(git --git-dir=.zdh log -1 --format=%ct refs/zdh/log/xinqiao) &&
	now=$(date +%s) &&
	test "$ct" -le "$now" &&
	test "$ct" -ge $((now - 600))
'

test_expect_success '--date with an explicit offset and @epoch' '
	zdh org edit 外滩中心 --code A1 --date 2024-03-01T01:30:00Z &&
	echo 1709256600 >expect &&
	git --git-dir=.zdh log -1 --format=%at refs/zdh/log/xinqiao >actual &&
	test_cmp expect actual &&
	zdh org edit 外滩中心 --code A2 --date "2024-03-01T09:30:00+08:00" &&
	git --git-dir=.zdh log -1 --format=%at refs/zdh/log/xinqiao >actual &&
	test_cmp expect actual &&
	zdh org edit 外滩中心 --code A3 --date @1709300000 &&
	echo "2024-03-01 21:33:20 +0800" >expect &&
	git --git-dir=.zdh log -1 --format=%ad --date=iso refs/zdh/log/xinqiao >actual &&
	test_cmp expect actual
'

test_expect_success '--date today is midnight in the repository time zone' '
	zdh org edit 外滩中心 --code A4 --date today &&
	git --git-dir=.zdh log -1 --format=%ad --date=iso refs/zdh/log/xinqiao >actual &&
	echo "$(TZ=Asia/Shanghai date +%Y-%m-%d) 00:00:00 +0800" >expect &&
	test_cmp expect actual
'

test_expect_success 'dates are read in zdh.timezone, not $TZ' '
	mkdir utc &&
	zdh init --replica utc --timezone UTC utc >/dev/null 2>&1 &&
	env TZ=Asia/Tokyo "$ZDH" -C utc org add --kind dept 派出所 --date "2024-03-01 09:30" &&
	echo "2024-03-01 09:30:00 +0000|1709285400" >expect &&
	git --git-dir=utc/.zdh log -1 --format="%ad|%at" --date=iso refs/zdh/log/utc >actual &&
	test_cmp expect actual
'

test_expect_success 'back-dated events show their date in log and show' '
	zdh log >out &&
	grep "2024-03-01" out &&
	zdh org show 外滩中心 >out &&
	grep "2024-03-01" out
'

test_expect_success 'setup CSV files' '
	printf "\357\273\277kind,name,district,code\r\n" >good.csv &&
	printf "district,第三片区,,\r\n" >>good.csv &&
	printf "area,\"天津路426弄\",第三片区,310101003\r\n" >>good.csv &&
	printf "unit,\"上海博物馆,文化活动中心\",,\r\n" >>good.csv &&
	printf "group,\"\"\"一米阳光\"\"志愿队\",,\r\n" >>good.csv &&
	cat >bad.csv <<-\EOT &&
	kind,name,district,code
	area,新桥西,,
	planet,火星,,
	area,,,
	area,金陵居民区,第九片区,
	area,新桥西,,
	dept,派出所,,
	area,"天津路
	428弄",,
	unit,置地广场西楼,,,extra
	building,南京大楼,,
	EOT
	printf "area,\377\376,,\n" >>bad.csv &&
	printf "%s\n" 3 4 5 6 7 8 10 12 >bad.lines
'

test_expect_success 'import of a bad CSV: every bad row reported, nothing written' '
	snapshot before &&
	test_expect_code 1 zdh org import bad.csv >out 2>err &&
	test_must_be_empty out &&
	sed -n "s/^zdh: bad\.csv:\([0-9][0-9]*\): .*/\1/p" err | sort -n | uniq >actual &&
	test_cmp bad.lines actual &&
	! grep "^zdh: bad\.csv:2:" err &&
	! grep "^zdh: bad\.csv:11:" err &&
	check_unchanged before
'

test_expect_success 'import of a CSV with a bad header is refused' '
	printf "kind,name,colour\narea,新桥西,red\n" >header.csv &&
	test_expect_code 1 zdh org import header.csv >out 2>err &&
	test_must_be_empty out &&
	grep "^zdh: header\.csv:1: " err &&
	printf "name,district\n新桥西,\n" >header.csv &&
	test_expect_code 1 zdh org import header.csv >out 2>err &&
	test_must_be_empty out &&
	grep "^zdh: header\.csv:1: " err &&
	printf "" >header.csv &&
	test_expect_code 1 zdh org import header.csv >out 2>err &&
	test_must_be_empty out &&
	grep "^zdh: header\.csv" err &&
	check_unchanged before
'

test_expect_success 'import of a missing file is refused' '
	snapshot before &&
	test_must_fail zdh org import no-such.csv >out 2>err &&
	test_must_be_empty out &&
	grep "^zdh: .*no-such\.csv" err &&
	check_unchanged before
'

test_expect_success 'import of a good CSV: BOM, CRLF, quoting; one pack' '
	n0=$(log_count xinqiao) &&
	git --git-dir=.zdh count-objects -v >objects.before &&
	zdh org import good.csv --date 2024-05-01 >out 2>&1 &&
	grep "imported 4 orgs" out &&
	n1=$(log_count xinqiao) &&
	test $((n0 + 4)) = "$n1" &&
	git --git-dir=.zdh count-objects -v >objects.after &&
	grep "^count:" objects.before >loose.before &&
	grep "^count:" objects.after >loose.after &&
	test_cmp loose.before loose.after &&
	p0=$(sed -n "s/^packs: //p" objects.before) &&
	p1=$(sed -n "s/^packs: //p" objects.after) &&
	test $((p0 + 1)) = "$p1"
'

test_expect_success 'the imported orgs are listed, with CSV quoting on the way out' '
	zdh org list --format csv >out &&
	grep "^XQ-O[0-9]*,district,第三片区,,$" out &&
	grep "^XQ-O[0-9]*,area,天津路426弄,第三片区,310101003$" out &&
	grep "^XQ-O[0-9]*,unit,\"上海博物馆,文化活动中心\",,$" out &&
	grep "^XQ-O[0-9]*,group,\"\"\"一米阳光\"\"志愿队\",,$" out
'

test_expect_success 'the imported events are back-dated' '
	git --git-dir=.zdh log -4 --format=%ad --date=short refs/zdh/log/xinqiao >actual &&
	printf "2024-05-01\n2024-05-01\n2024-05-01\n2024-05-01\n" >expect &&
	test_cmp expect actual
'

test_expect_success 'importing the same file again: every row is a duplicate' '
	snapshot before &&
	test_expect_code 1 zdh org import good.csv >out 2>err &&
	test_must_be_empty out &&
	sed -n "s/^zdh: good\.csv:\([0-9][0-9]*\): .*/\1/p" err | sort -n | uniq >actual &&
	printf "%s\n" 2 3 4 5 >expect &&
	test_cmp expect actual &&
	check_unchanged before
'

test_expect_success 'the repository is sound for real git and for zdh verify' '
	git --git-dir=.zdh fsck --strict &&
	zdh verify
'

test_done
