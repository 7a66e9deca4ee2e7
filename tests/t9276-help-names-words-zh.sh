#!/bin/sh
# -h is what a member of staff who reads only Chinese has to learn an
# option by.  council member add said "--role ROLE 成员的角色" and
# "--party P 成员所代表的当事方（户或社区单位）", council meeting add
# "--kind K 会议类型", council vote nothing after --vote, issue add
# "--category C 类别（见 CONFIGURATION）" (a section of an English page)
# and "--source S 来源（visit 走访、hotline 热线……）": the words they
# take were told only by the refusal of a wrong one.  Each of them names
# its words now from core's list, with their Chinese names, as org
# --kind and issue return --reason do (OPT_WORDS_F).
test_description='-h names the words of every option that takes one of a list'
. "$(dirname "$0")/lib.sh"

# has VERB OPTION TEXT: the help of --OPTION in LANGUAGE=zh_CN zdh VERB -h is TEXT
has () {
	LANGUAGE=zh_CN zdh $1 -h >help &&
	# an option's help is on its line, or on the next one when the option is long
	awk -v o="    --$2 " '
		index($0, o) == 1 {
			sub(/^    --[^ ]+ [^ ]* */, "")
			if ($0 == "") { getline; sub(/^ */, "") }
			print
			exit
		}
	' help >actual &&
	echo "$3" >expect &&
	test_cmp expect actual
}

roles="chair（理事长）、deputy（副理事长）、member（理事）、secretary（秘书）、supporting-unit（支持单位）或 legal-advisor（法律顾问）"
categories="environment（环境卫生）、parking（停车）、safety（安全）、housing（房屋）、group-renting（群租）、shops（商铺）、accessibility（无障碍）、elderly-care（养老）或 other（其他）"

test_expect_success 'council: a member role and party, a meeting kind, a vote, the voters' '
	has "council member add" role "成员的角色：$roles" &&
	has "council member edit" role "成员的角色：$roles" &&
	has "council member add" party "成员所代表的当事方：resident（居民）、shop（商户）、owners-committee（业委会）、property-manager（物业）或 unit（社区单位）" &&
	has "council meeting add" kind "会议类型：regular（例会）、extra（临时会议）、hearing（听证会）或 consultation（协商）" &&
	has "council meeting update" kind "会议类型：regular（例会）、extra（临时会议）、hearing（听证会）或 consultation（协商）" &&
	has "council vote" vote "表决：for（赞成）、against（反对）或 abstain（弃权）" &&
	has "council charter" voters "有表决权的角色（一个或多个）：$roles"
'

test_expect_success 'issue and visit: the categories and the sources; project: the kinds' '
	for v in "issue add" "issue edit" "issue list"; do
		has "$v" category "类别：$categories，或设置中新增的类别" &&
		has "$v" source "来源：visit（走访）、wechat（微信）、hotline（热线）、petition（信访）、hearing（听证会）、council（理事会）、grid（网格平台）或 other（其他）" || return 1
	done &&
	has "visit add" category "该问题的类别：$categories，或设置中新增的类别" &&
	has "project add" kind "项目类型：self-governance（自治项目）、co-governance（共治项目）或 micro（微实事）；默认 self-governance（自治项目）"
'

# the menu's categories are no words of the table (core/words.c): their labels come with them
test_expect_success 'menu: the categories with their labels' '
	for v in "menu offer add" "menu offer edit" "menu offer list" "menu need add" "menu need edit" "menu need list"; do
		has "$v" category "类别：party-lesson（专业党课）、education（公共教育）、sharing（资源共享）、needy（帮困）、elderly（助老）、students（助学）或 disabled（助残），或设置中新增的类别" || return 1
	done
'

test_expect_success 'English: the words alone, from the same lists' '
	zdh council vote -h >help &&
	grep "^ *the vote: for, against or abstain\$" help &&
	zdh issue add -h >help &&
	grep "^    --source S  *how it came in: visit, wechat, hotline, petition, hearing, council, grid or other\$" help &&
	! grep CONFIGURATION help
'

test_expect_success 'the words -h names are the words taken' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 >/dev/null &&
	for r in chair deputy member secretary supporting-unit legal-advisor; do
		zdh council member add XQ-C1 "成员$r" --role $r --party resident >/dev/null || return 1
	done &&
	for k in regular extra hearing consultation; do
		zdh council meeting add XQ-C1 --kind $k >/dev/null || return 1
	done &&
	for c in environment parking safety housing group-renting shops accessibility elderly-care other; do
		for s in visit wechat hotline petition hearing council grid other; do
			zdh issue add "问题$c$s" --area 新桥 --category $c --source $s >/dev/null || return 1
		done
	done
'

test_done
