#!/bin/sh
# The imports took a CSV header in English only, while the staff's own
# sheets are headed in Chinese (标题,居民区,类别 ...).  issue, org and
# visit import now take each column by the Chinese name the interface
# gives that field (a show's labels, a list's table, a history), in
# every locale: a list zdh printed in Chinese, its header put in those
# names, imports back as it was.  An unknown header is refused in one
# line naming it, a column named in both languages as twice; nothing is
# written.
test_description='imports take the Chinese names of their columns'
. "$(dirname "$0")/lib.sh"

ISSUE_ZH=编号,标题,正文,居民区,类别,来源,反映人,地点,状态,部门,经办人,截止,创建于

test_expect_success 'setup: an issue with every field, one open, visits' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null 2>&1 &&
	(
		cd xq &&
		zdh org add --kind area 新桥 >/dev/null &&
		zdh org add --kind dept 房管办 --code 3101 >/dev/null &&
		zdh issue add 楼道堆物 -m "三楼堆了纸箱" --area 新桥 --reporter 张三 \
			--location 52弄3号 --source hotline --category safety --date 2026-11-02 >/dev/null &&
		zdh issue claim XQ-1 --dept 房管办 --due 2026-11-30 --date 2026-11-03 >/dev/null &&
		zdh issue assign XQ-1 --to 李四 --date 2026-11-03 >/dev/null &&
		zdh issue add 路灯不亮 --area 新桥 --date 2026-11-04 >/dev/null &&
		zdh visit liaison add 李明 --dept 房管办 --areas 新桥 --date 2026-11-01 >/dev/null &&
		zdh visit add --area 新桥 --liaison 李明 -m "看了, 楼道" --date 2026-11-05 >/dev/null
	)
'

test_expect_success 'the names are those a show, a list and a history print in Chinese' '
	(cd xq && zh issue show XQ-1 && zh issue list) >shown &&
	for w in 居民区 类别 来源 反映人 地点 部门 经办人 截止 创建于; do
		grep "^$w：" shown || { echo "# $w"; return 1; }
	done &&
	grep "^ID  *状态  *居民区  *部门  *截止  *标题$" shown &&
	(cd xq && zh org list && zh visit list) >shown &&
	grep "^ID  *类型  *名称  *片区  *代码$" shown &&
	grep "^ID  *日期  *居民区  *联络员  *部门  *问题  *备注$" shown
'

test_expect_success 'issues listed in Chinese, headed in Chinese, import back in either locale' '
	(cd xq && zh issue list --all --format csv) >issues.csv &&
	{ echo "$ISSUE_ZH" && sed 1d issues.csv; } >zh.csv &&
	zdh init --replica huashan --prefix HS hs >/dev/null 2>&1 &&
	zdh init --replica yanan --prefix YA ya >/dev/null 2>&1 &&
	for r in hs ya; do
		(cd $r && zdh org add --kind area 新桥 >/dev/null && zdh org add --kind dept 房管办 >/dev/null) || return 1
	done &&
	(cd hs && zdh issue import ../zh.csv && zdh issue list --all --format csv) >hs.out &&
	(cd ya && zh issue import ../zh.csv && zdh issue list --all --format csv) >ya.out &&
	{ echo "imported 2 issues" && sed "s/^XQ-/HS-/" issues.csv; } >expect &&
	test_cmp expect hs.out &&
	{ echo "已导入 2 个问题" && sed "s/^XQ-/YA-/" issues.csv; } >expect &&
	test_cmp expect ya.out
'

test_expect_success 'orgs and visits the same; a visit raising an issue by 提出的问题' '
	(cd xq && zh org list --format csv) >orgs.csv &&
	{ echo 编号,类型,名称,片区,代码 && sed 1d orgs.csv; } >zh.csv &&
	zdh init --replica shanxi --prefix SX sx >/dev/null 2>&1 &&
	(cd sx && zdh org import ../zh.csv --date 2026-11-01 && zdh org list --format csv) >out &&
	{ echo "imported 2 orgs" && sed "s/^XQ-/SX-/" orgs.csv; } >expect &&
	test_cmp expect out &&
	(cd xq && zh visit list --format csv) >visits.csv &&
	{ echo 编号,日期,居民区,联络员,部门,问题,备注 && sed 1d visits.csv; } >zh.csv &&
	printf "日期,居民区,联络员,走访记录,提出的问题,类别\n2026-11-06,新桥,李明,漏水,楼顶漏水,房屋\n" >raise.csv &&
	(
		cd sx &&
		zdh visit liaison add 李明 --dept 房管办 --areas 新桥 --date 2026-11-01 >/dev/null &&
		zh visit import ../zh.csv &&
		zdh visit import ../raise.csv &&
		zdh visit list --format csv &&
		zdh issue list --format csv
	) >out &&
	cat >expect <<-\EOF &&
	已导入 1 次走访
	imported 1 visit
	id,date,area,liaison,dept,issue,notes
	SX-V1,2026-11-05,新桥,李明,房管办,,"看了, 楼道"
	SX-V2,2026-11-06,新桥,李明,房管办,SX-1,漏水
	EOF
	sed -n 1,5p out >actual &&
	test_cmp expect actual &&
	grep "^SX-1,楼顶漏水,漏水,新桥,housing,visit," out
'

test_expect_success 'an unknown header is refused in one line naming it; nothing written' '
	printf "标题,居民区,题目\n漏水,新桥,x\n" >bad.csv &&
	test_expect_code 1 zdh -C hs issue import ../bad.csv 2>err &&
	cat >expect <<-\EOF &&
	zdh: ../bad.csv:1: unknown column '"'"'题目'"'"' (id, title, body, area, category, source, reporter, location, status, dept, assignee, due, created)
	zdh: bad header; nothing imported
	EOF
	test_cmp expect err &&
	test_expect_code 1 env LANGUAGE=zh_CN "$ZDH" -C hs issue import ../bad.csv 2>err &&
	cat >expect <<-\EOF &&
	zdh: ../bad.csv:1: 未知的列 '"'"'题目'"'"'（id/编号, title/标题, body/正文, area/居民区, category/类别, source/来源, reporter/反映人, location/地点, status/状态, dept/部门, assignee/经办人, due/截止, created/创建于）
	zdh: 表头有误；未导入任何内容
	EOF
	test_cmp expect err &&
	(cd hs && zdh issue list --all --format csv) >after &&
	sed 1d hs.out >hs.list &&
	test_cmp hs.list after
'

test_expect_success 'a column named in both languages is named twice; a missing one by both names' '
	printf "title,居民区,标题\nx,新桥,y\n" >twice.csv &&
	test_expect_code 1 zdh -C hs issue import ../twice.csv 2>err &&
	grep "^zdh: ../twice.csv:1: column '"'"'标题'"'"' given twice$" err &&
	printf "居民区,类别\n新桥,房屋\n" >none.csv &&
	test_expect_code 1 env LANGUAGE=zh_CN "$ZDH" -C hs issue import ../none.csv 2>err &&
	grep "^zdh: ../none.csv:1: 表头必须有 title/标题 列$" err &&
	(cd hs && zdh issue list --all --format csv) >after &&
	sed 1d hs.out >hs.list &&
	test_cmp hs.list after
'

test_done
