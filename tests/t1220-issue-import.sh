#!/bin/sh
# zdh issue import: a good file (BOM, CRLF, RFC 4180 quoting, the status
# column replayed as events), a file with every kind of bad row (each line
# reported, nothing written), and the round trip list --format csv → import.
test_description='issue import'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-issue.sh"

# registry DIR: the orgs every repository of this test has.
registry () {
	for r_org in "district 第一片区" "district 第二片区"
	do
		"$ZDH" -C "$1" org add --kind $r_org >/dev/null || return 1
	done &&
	"$ZDH" -C "$1" org add --kind area 新桥 --district 第一片区 >/dev/null &&
	"$ZDH" -C "$1" org add --kind area 延安公寓 --district 第一片区 >/dev/null &&
	"$ZDH" -C "$1" org add --kind area 天津路426弄 --district 第二片区 >/dev/null &&
	for r_org in 房管办 派出所 城管中队 绿化市容所 市场监管所
	do
		"$ZDH" -C "$1" org add --kind dept $r_org >/dev/null || return 1
	done
}

# summary: id, title, status, area, dept of every issue, sorted by title.
summary () {
	"$ZDH" issue list --json >summary.json &&
	python3 -c '
import json
rows = [(i["title"], i["status"], i.get("area") or "", i.get("dept") or "")
        for i in json.load(open("summary.json"))]
for r in sorted(rows):
    print("|".join(r))
'
}

HEADER='id,title,body,area,category,source,reporter,location,status,dept,assignee,due,created'

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	registry . &&
	printf "\357\273\277%s\r\n" "$HEADER" >good.csv &&
	printf "%s\r\n" \
		",52弄垃圾满溢,\"饭店, 大楼的垃圾倒进居民垃圾桶\",新桥,environment,hearing,王阿姨,新桥52弄,open,,,,2024-03-01" \
		"XQ-77,弄堂乱停车,\"车辆随意停放" \
		"堵塞弄堂\",新桥,parking,visit,,52弄,claimed,城管中队,张队长,2024-03-15,2024-03-02" \
		",群租,\"63户中有群租，\"\"二房东\"\"转租\",延安公寓,group-renting,petition,,延安东路1060号,escalated,房管办,,2024-03-20,2024-03-03" \
		",商铺油烟,,延安公寓,shops,wechat,,,resolved,市场监管所,,,2024-03-04" \
		",\"坡道,一米阳光\",轮椅下三级台阶,天津路426弄,accessibility,council,张老伯,,closed,房管办,,,2024-03-05" \
		>>good.csv
'

test_expect_success 'bad files: every bad row reported by line, exit 1, nothing written' '
	{
		echo "$HEADER" &&
		echo ",好的一行,,新桥,environment,visit,,,open,,,,2024-03-01" &&
		echo ",状态不对,,新桥,environment,visit,,,finished,,,,2024-03-01" &&
		echo ",居民区不对,,新侨,environment,visit,,,open,,,,2024-03-01" &&
		echo ",类别不对,,新桥,rubbish,visit,,,open,,,,2024-03-01" &&
		echo ",,标题是空的,新桥,environment,visit,,,open,,,,2024-03-01" &&
		printf ",\377\376坏编码,,新桥,environment,visit,,,open,,,,2024-03-01\n" &&
		echo ",字段太多,,新桥,environment,visit,,,open,,,,2024-03-01,多余" &&
		echo ",日期不对,,新桥,environment,visit,,,open,,,,2024-02-30" &&
		echo ",来源不对,,新桥,environment,radio,,,open,,,,2024-03-01" &&
		echo ",认领没有部门,,新桥,environment,visit,,,claimed,,,,2024-03-01" &&
		echo ",部门不对,,新桥,environment,visit,,,claimed,房关办,,,2024-03-01" &&
		echo ",期限不对,,新桥,environment,visit,,,claimed,房管办,,2024-13-01,2024-03-01" &&
		echo ",跨行正文,\"正文跨" &&
		echo "两行\",新桥,environment,visit,,,open,,,,2024-03-01" &&
		echo ",字段太少,,新桥" &&
		echo ",另一个好行,,天津路426弄,safety,grid,,,open,,,,2024-03-01"
	} >bad.csv &&
	printf "%s\n" 3 4 5 6 7 8 9 10 11 12 13 16 >bad.lines &&
	snapshot before &&
	test_expect_code 1 zdh issue import bad.csv >out 2>err &&
	test_must_be_empty out &&
	sed -n "s/^zdh: bad\.csv:\([0-9][0-9]*\): .*/\1/p" err | sort -n | uniq >actual &&
	test_cmp bad.lines actual &&
	check_unchanged before
'

test_expect_success 'a bad header, an empty file, a missing file' '
	snapshot before &&
	printf "title,colour\n乱停车,red\n" >header.csv &&
	test_expect_code 1 zdh issue import header.csv >out 2>err &&
	test_must_be_empty out &&
	grep "^zdh: header\.csv:1: " err &&
	printf "" >empty.csv &&
	test_expect_code 1 zdh issue import empty.csv >out 2>err &&
	test_must_be_empty out &&
	grep "^zdh: empty\.csv" err &&
	test_must_fail zdh issue import no-such.csv >out 2>err &&
	grep "^zdh: .*no-such\.csv" err &&
	check_unchanged before
'

test_expect_success 'a good file: BOM, CRLF, quoting; one event per replayed step (assignee too)' '
	n0=$(log_count xinqiao) &&
	zdh issue import good.csv --date "2024-03-06 09:00" >out 2>&1 &&
	n1=$(log_count xinqiao) &&
	test $((n1 - n0)) = 14
'

test_expect_success PYTHON 'new ids are given; fields and status as in the file' '
	zdh issue list --json >list.json &&
	python3 -c "
import json
for i in json.load(open(\"list.json\")):
    print(\"|\".join(str(i.get(k) or \"\") for k in
        (\"id\", \"title\", \"area\", \"category\", \"source\", \"reporter\", \"location\", \"status\", \"dept\", \"assignee\", \"due\")))
" >actual &&
	cat >expect <<-\EOT &&
	XQ-1|52弄垃圾满溢|新桥|environment|hearing|王阿姨|新桥52弄|open|||
	XQ-2|弄堂乱停车|新桥|parking|visit||52弄|claimed|城管中队|张队长|2024-03-15
	XQ-3|群租|延安公寓|group-renting|petition||延安东路1060号|escalated|房管办||2024-03-20
	XQ-4|商铺油烟|延安公寓|shops|wechat|||resolved|市场监管所||2024-03-11
	XQ-5|坡道,一米阳光|天津路426弄|accessibility|council|张老伯||closed|房管办||2024-03-12
	EOT
	test_cmp expect actual
'

test_expect_success PYTHON 'quoted commas, quotes and line breaks survive in the body' '
	zdh issue show XQ-1 --json >show.json &&
	python3 -c "import json; print(json.load(open(\"show.json\"))[\"body\"])" >actual &&
	echo "饭店, 大楼的垃圾倒进居民垃圾桶" >expect &&
	test_cmp expect actual &&
	zdh issue show XQ-2 --json >show.json &&
	python3 -c "import json; print(json.load(open(\"show.json\"))[\"body\"].replace(\"\\r\\n\", \"\\n\"))" >actual &&
	printf "车辆随意停放\n堵塞弄堂\n" >expect &&
	test_cmp expect actual &&
	zdh issue show XQ-3 --json >show.json &&
	python3 -c "import json; print(json.load(open(\"show.json\"))[\"body\"])" >actual &&
	echo "63户中有群租，\"二房东\"转租" >expect &&
	test_cmp expect actual
'

test_expect_success 'the status column is replayed as events' '
	ops XQ-1 >actual && echo add >expect && test_cmp expect actual &&
	ops XQ-2 >actual && printf "%s\n" add claim assign >expect && test_cmp expect actual &&
	ops XQ-3 >actual && printf "%s\n" add claim escalate >expect && test_cmp expect actual &&
	ops XQ-4 >actual && printf "%s\n" add claim resolve >expect && test_cmp expect actual &&
	ops XQ-5 >actual && printf "%s\n" add claim resolve close >expect && test_cmp expect actual
'

test_expect_success 'zdh log --record shows the closed row as add, claim, resolve, close' '
	zdh log --record XQ-5 >out &&
	test_line_count = 4 out &&
	for op in add claim resolve close
	do
		grep "XQ-5  *$op " out >/dev/null || { echo "no $op"; return 1; }
	done
'

test_expect_success PYTHON 'created is the date the add happened' '
	zdh issue show XQ-5 --json >show.json &&
	python3 -c "import json; print(json.load(open(\"show.json\"))[\"created\"][:10])" >actual &&
	echo 2024-03-05 >expect &&
	test_cmp expect actual &&
	zdh log --record XQ-1 --json >log.json &&
	python3 -c "import json; print(json.load(open(\"log.json\"))[0][\"date\"])" >actual &&
	echo 2024-03-01T00:00:00+08:00 >expect &&
	test_cmp expect actual
'

test_expect_success 'list --format csv prints the documented header' '
	zdh issue list --format csv >export.csv &&
	head -n 1 export.csv | tr -d "\r" >actual &&
	echo "$HEADER" >expect &&
	test_cmp expect actual
'

test_expect_success PYTHON 'round trip: list --format csv into a fresh repository' '
	mkdir fresh &&
	zdh init --replica fresh --prefix FR fresh >/dev/null 2>&1 &&
	registry fresh &&
	zdh -C fresh issue import ../export.csv >out 2>&1 &&
	summary >expect &&
	(cd fresh && summary) >actual &&
	test_cmp expect actual &&
	test_line_count = 5 actual
'

test_expect_success 'importing into a repository that lacks an area: refused, nothing written' '
	mkdir bare &&
	zdh init --replica bare --prefix BA bare >/dev/null 2>&1 &&
	(cd bare && snapshot ../bare-before) &&
	test_expect_code 1 zdh -C bare issue import ../good.csv >out 2>err &&
	test_must_be_empty out &&
	grep "^zdh: .*good\.csv:2: " err &&
	(cd bare && check_unchanged ../bare-before)
'

# many FILE N: a header and N rows, open, claimed and closed in turn (one to
# four events each), so that an import spans many batches of index rows.
many () {
	awk -v n="$2" -v h="$HEADER" 'BEGIN {
		print h
		for (i = 1; i <= n; i++) {
			s = i % 3 == 0 ? "open" : i % 3 == 1 ? "claimed" : "closed"
			d = s == "open" ? "" : i % 2 ? "房管办" : "城管中队"
			printf ",第%d件,,新桥,,,,,%s,%s,,,2024-03-01\n", i, s, d
		}
	}' >"$1"
}

# hold_index DIR: a process holds DIR's index.use as a reader does (its
# pid in $holder) until killed.
hold_index () {
	sh -c 'exec 9<"$1" && flock -s 9 && exec sleep 60' sh "$1/.zdh/index.use" &
	holder=$!
	hold_i_=0
	while flock -n -x "$1/.zdh/index.use" true
	do
		hold_i_=$((hold_i_ + 1))
		test $hold_i_ -lt 200 || return 1
		sleep 0.05
	done
}

# state: what the index says of a repository (the listing and every event).
state () {
	zdh issue list --format csv --limit 100000 &&
	zdh log --json -n 100000
}

test_expect_success 'a large import: its index is the one a rebuild makes from the log' '
	mkdir large &&
	zdh init --replica large --prefix LG large >/dev/null 2>&1 &&
	registry large &&
	many large.csv 700 &&
	zdh -C large issue import ../large.csv >out &&
	echo "imported 700 issues" >expect &&
	test_cmp expect out &&
	# written straight into index.db: the WAL file went with the WAL mode
	! test -e large/.zdh/index.db-wal &&
	(cd large && state >../before.state) &&
	grep "^LG-700,第700件," before.state &&
	test "$(grep -c "\"op\": \"close\"" before.state)" = 233 &&
	zdh -C large reindex >/dev/null &&
	(cd large && state >../after.state) &&
	test_cmp before.state after.state
'

test_expect_success 'an import written straight into index.db leaves it in WAL mode, no journal' '
	! test -e large/.zdh/index.db-journal &&
	echo wal >expect &&
	sqlite3 large/.zdh/index.db "PRAGMA journal_mode" >actual &&
	test_cmp expect actual
'

test_expect_success 'while another process has the index open, an import goes through the WAL' '
	mkdir shared &&
	zdh init --replica large --prefix LG shared >/dev/null 2>&1 &&
	registry shared &&
	hold_index shared &&
	zdh -C shared issue import ../large.csv >out;
	rc=$?;
	kill $holder;
	test $rc = 0 &&
	# through the WAL, which is kept (empty) after its checkpoint
	test -e shared/.zdh/index.db-wal &&
	(cd large && zdh issue list --format csv --limit 100000) >expect &&
	(cd shared && zdh issue list --format csv --limit 100000) >actual &&
	test_cmp expect actual
'

test_expect_success 'a bad row after hundreds of good ones: nothing written, in either path' '
	many late.csv 600 &&
	echo ",坏的一行,,无此小区,,,,,open,,,,2024-03-01" >>late.csv &&
	(cd large && snapshot ../large-before && state >../large-before.state) &&
	test_expect_code 1 zdh -C large issue import ../late.csv >out 2>err &&
	grep "late\.csv:602: " err &&
	(cd large && check_unchanged ../large-before && state >../large-after.state) &&
	test_cmp large-before.state large-after.state &&
	hold_index large &&
	zdh -C large issue import ../late.csv >out 2>err;
	rc=$?;
	kill $holder;
	test $rc = 1 &&
	(cd large && check_unchanged ../large-before && state >../large-after.state) &&
	test_cmp large-before.state large-after.state
'

test_expect_success 'an import killed at any moment: all or nothing, and the next one numbers on' '
	many killed.csv 10000 &&
	n=0 &&
	for delay in 0.05 0.3 0.8
	do
		zdh -C large issue list --format csv --limit 100000 >killed-before &&
		{ "$ZDH" -C large issue import ../killed.csv >out 2>err & } &&
		pid=$! &&
		sleep $delay &&
		kill -9 $pid 2>/dev/null;
		wait $pid;
		zdh -C large issue list --format csv --limit 100000 >killed-after &&
		k=$(($(wc -l <killed-after) - $(wc -l <killed-before))) &&
		echo "# killed after $delay s: $k of 10000 issues there" >&2 &&
		{ test $k = 0 || test $k = 10000; } &&
		n=$((n + k)) || return 1
	done &&
	zdh -C large verify >/dev/null &&
	git --git-dir=large/.zdh fsck --strict &&
	! test -e large/.zdh/index.db-journal &&
	many one.csv 1 &&
	zdh -C large issue import ../one.csv >/dev/null &&
	zdh -C large issue list --format csv --limit 100000 >killed-last &&
	tail -n 1 killed-last | grep "^LG-$((700 + n + 1)),第1件," &&
	sqlite3 large/.zdh/index.db "PRAGMA journal_mode" >actual &&
	echo wal >expect &&
	test_cmp expect actual
'

test_expect_success 'the repositories verify, git fsck is clean' '
	zdh verify &&
	git --git-dir=.zdh fsck --strict &&
	zdh -C fresh verify &&
	git --git-dir=fresh/.zdh fsck --strict &&
	zdh -C large verify &&
	git --git-dir=large/.zdh fsck --strict
'

test_done
