#!/bin/sh
# A date refused did not say which option held it: "zdh issue list
# --since 2026-01-01 --until xyz" said "invalid date 'xyz'", and a report
# range or a log with two dates left the user to guess.  Every option
# that takes a date, a day or a month now names itself in the refusal
# ("zdh: --until: invalid date 'xyz' (...)"), exit 1, nothing written;
# an import names the column after the line.
test_description='a date, day or month refused names its option'
. "$(dirname "$0")/lib.sh"

test_expect_success 'a repository with an issue, a council and a liaison' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	orgs area 新桥 && orgs dept 城管中队 &&
	zdh issue add 52弄乱停车 --area 新桥 >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 >/dev/null &&
	zdh visit liaison add 王芳 --dept 城管中队 --areas 新桥 >/dev/null
'

# refused OPTION ARGS...: zdh ARGS exits 1, says "zdh: OPTION: ..." first, writes nothing
refused () {
	refused_opt_=$1 && shift &&
	snapshot dates &&
	test_expect_code 1 zdh "$@" >out 2>err &&
	test_must_be_empty out &&
	head -n 1 err >first &&
	case $(cat first) in
	"zdh: $refused_opt_: "*) ;;
	*) echo "expected zdh: $refused_opt_: ..., got:" && cat first && return 1 ;;
	esac &&
	check_unchanged dates
}

test_expect_success 'every command names the date option refused' '
	refused --date issue add 门口堆物 --area 新桥 --date xyz &&
	refused --due issue claim XQ-1 --dept 城管中队 --due 2026/13/01 &&
	refused --due issue edit XQ-1 --due xyz &&
	refused --until issue list --since 2026-01-01 --until xyz &&
	refused --since issue list --since 12/4 &&
	refused --recorded-until log --recorded-since today --recorded-until 明年 &&
	refused --until report range --since 2026-01-01 --until nope &&
	refused --since report range --since now --until today &&
	refused --month report monthly --month 2026-13 &&
	refused --year report yearly --year 20x6 &&
	refused --as-of report monthly --as-of soon &&
	refused --from council member add XQ-C1 张三 --from 2026-02-30 &&
	refused --since council meeting list --since xyz &&
	refused --month council meeting list --month 2026/13 &&
	refused --month visit list --month 13 &&
	refused --date visit add --area 新桥 --liaison 王芳 -m 走访 --date xyz &&
	refused --date project add 坡道 --area 新桥 --date 2026-02-30 &&
	refused --to person grant XQ-P9 auditor --to xyz &&
	refused --date issue add 门口堆物 --area 新桥 --date 2099-01-01 &&
	refused --due council action add XQ-C1 --dept 城管中队 --due xyz
'

test_expect_success 'in Chinese too' '
	test_expect_code 1 zh issue list --until xyz 2>err &&
	grep "^zdh: --until：无效的日期 .xyz." err
'

test_expect_success 'an import names the line and the column' '
	printf "title,area,created\n门口堆物,新桥,abc\n" >issues.csv &&
	test_expect_code 1 zdh issue import issues.csv 2>err &&
	grep "^zdh: issues.csv:2: created: invalid date .abc." err &&
	printf "date,area,liaison,notes\nxyz,新桥,王芳,走访\n" >visits.csv &&
	test_expect_code 1 zdh visit import visits.csv 2>err &&
	grep "^zdh: visits.csv:2: date: invalid date .xyz." err
'

test_done
