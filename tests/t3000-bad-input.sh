#!/bin/sh
# Bad input of every kind: each refused with the documented exit code, one
# line on stderr starting "zdh: " (a usage error: that line, then the
# usage, as zdh(1) says), nothing on stdout, and the repository
# byte-for-byte as it was (refs, config, export).
. "$(dirname "$0")/lib.sh"

# refused CODE ARGS...: run zdh ARGS in ./repo and check all of the above.
# The repository's state (refs, configuration, export, as snapshot and
# check_unchanged take them) is taken before the first case of a test,
# then after each case: a case is checked against the state the one
# before it left (checked unchanged, and nothing else in a test writes
# between two cases; a stale state would fail the case, not pass it).
# The lines of stderr are read by the shell (wc -l = 1: a first line
# read whole, no second one).
refused_state_ () {
	(cd repo && git --git-dir=.zdh for-each-ref && cat .zdh/config && "$ZDH" export)
}
refused_test_=
refused () {
	refused_code_=$1
	shift
	if test "$refused_test_" != "$test_count_"
	then
		refused_state_ >before.state || return 1
		refused_test_=$test_count_
	fi
	(cd repo && "$ZDH" "$@") >out 2>err
	refused_got_=$?
	if test "$refused_got_" != "$refused_code_"
	then
		echo >&2 "zdh $*: exit $refused_got_, wanted $refused_code_"
		cat >&2 err
		refused_test_=
		return 1
	fi
	test_must_be_empty out || { refused_test_=; return 1; }
	refused_l1_= refused_l2_=
	{
		IFS= read -r refused_l1_ && refused_1_=t || refused_1_=
		IFS= read -r refused_l2_ && refused_2_=t || refused_2_=
	} <err
	if test "$refused_code_" = 129 && test "$refused_usage_" != no
	then
		case $refused_l2_ in
		"usage: zdh"*) ;;
		*) echo >&2 "zdh $*: no usage after the message"; cat >&2 err; refused_test_=; return 1 ;;
		esac
	elif test "$refused_1_" != t || test "$refused_2_" = t
	then
		echo >&2 "zdh $*: stderr is not one line:"; cat >&2 err; refused_test_=; return 1
	fi
	case $refused_l1_ in
	"zdh: "*) ;;
	*) echo >&2 "zdh $*: message not prefixed"; cat >&2 err; refused_test_=; return 1 ;;
	esac
	refused_state_ >after.state &&
	test_cmp before.state after.state || { refused_test_=; return 1; }
}

test_expect_success 'setup' '
	mkdir repo &&
	zdh init --replica xinqiao --prefix XQ repo >/dev/null 2>&1 &&
	zdh -C repo org add --kind district 第一片区 >/dev/null &&
	zdh -C repo org add --kind area 新桥 --district 第一片区 >/dev/null &&
	zdh -C repo org add --kind dept 派出所 >/dev/null &&
	long100=$(printf "%0100d" 0 | sed "s/0/桥/g") &&
	long101=$(printf "%0101d" 0 | sed "s/0/桥/g") &&
	bad_utf8=$(printf "新桥\377") &&
	overlong=$(printf "\300\257") &&
	surrogate=$(printf "\355\240\200") &&
	ctrl=$(printf "新\001桥") &&
	tab=$(printf "新\t桥") &&
	nl=$(printf "新\n桥")
'

test_expect_success 'invalid UTF-8 name' '
	refused 1 org add --kind area "$bad_utf8"
'

test_expect_success 'overlong UTF-8 encoding' '
	refused 1 org add --kind area "$overlong"
'

test_expect_success 'UTF-16 surrogate encoded in UTF-8' '
	refused 1 org add --kind area "$surrogate"
'

test_expect_success 'control characters in a name' '
	refused 1 org add --kind area "$ctrl" &&
	refused 1 org add --kind area "$tab" &&
	refused 1 org add --kind area "$nl"
'

test_expect_success 'empty name' '
	refused 1 org add --kind area ""
'

test_expect_success '101-character name (100 is fine)' '
	refused 1 org add --kind area "$long101" &&
	zdh -C repo org add --kind area "$long100" >/dev/null &&
	zdh -C repo org list >/dev/null
'

test_expect_success 'unknown kind' '
	refused 1 org add --kind planet 火星 &&
	refused 1 org add --kind "" 火星 &&
	refused 1 org add --kind 居民区x 火星
'

test_expect_success 'duplicate name' '
	refused 1 org add --kind area 新桥 &&
	refused 1 org add --kind unit 派出所
'

test_expect_success 'unknown district' '
	refused 1 org add --kind area 金陵 --district 第九片区 &&
	refused 1 org add --kind area 金陵 --district 新桥
'

test_expect_success 'bad --date' '
	refused 1 org add --kind area 金陵 --date "next tuesday" &&
	refused 1 org add --kind area 金陵 --date 2024-13-01 &&
	refused 1 org add --kind area 金陵 --date 2024-02-30 &&
	refused 1 org add --kind area 金陵 --date "2024-03-01 25:00" &&
	refused 1 org add --kind area 金陵 --date "" &&
	refused 1 org add --kind area 金陵 --date @abc
'

test_expect_success 'unknown org for edit, retire, show' '
	refused 1 org edit 新侨 --code 1 &&
	refused 1 org retire 新侨 &&
	refused 1 org show XQ-O42 &&
	refused 1 org edit XQ-O42 --code 1
'

test_expect_success 'bad values in edit' '
	refused 1 org edit 新桥 --name "" &&
	refused 1 org edit 新桥 --name "$bad_utf8" &&
	refused 1 org edit 新桥 --kind planet &&
	refused 1 org edit 新桥 --name 派出所 &&
	refused 1 org edit 新桥 --district 第九片区 &&
	refused 1 org edit 新桥 --code 1 --date "next tuesday"
'

test_expect_success 'bad reason text' '
	refused 1 org retire 新桥 -m "$bad_utf8"
'

test_expect_success 'unknown options (129)' '
	refused 129 org add --kind area 金陵 --frobnicate &&
	refused 129 org list --frobnicate &&
	refused 129 --frobnicate org list &&
	refused 129 org add -x --kind area 金陵
'

test_expect_success 'unknown command and verb (129)' '
	refused_usage_=no &&
	refused 129 frobnicate &&
	refused_usage_= &&
	refused 129 org frobnicate
'

test_expect_success 'missing and extra arguments (129)' '
	refused 129 org add --kind area &&
	refused 129 org add --kind area 金陵 extra &&
	refused 129 org show &&
	refused 129 org show 新桥 extra &&
	refused 129 verify extra &&
	refused 129 export extra &&
	refused 129 org add --kind
'

test_expect_success 'an empty file name (129), not an I/O error at the end' '
	refused 129 report monthly -o "" &&
	grep "^zdh: option .-o. needs a value$" err &&
	refused 129 report monthly --output= &&
	refused 129 issue add 漏水 --area 新桥 --attach "" &&
	grep "^zdh: option .--attach. needs a value$" err &&
	refused 129 person add 甲 --email a@example.org --key ""
'

test_expect_success 'no repository (128)' '
	mkdir norepo &&
	(cd repo && snapshot ../before) &&
	(cd norepo && test_expect_code 128 zdh org add --kind area 金陵) >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: " err &&
	test ! -e norepo/.zdh &&
	(cd repo && check_unchanged ../before)
'

test_expect_success PERMS 'read-only repository (128): refused, nothing changed' '
	(cd repo && snapshot ../before) &&
	chmod -R a-w repo/.zdh &&
	(cd repo && "$ZDH" org add --kind area 金陵) >out 2>err
	got=$?
	chmod -R u+w repo/.zdh &&
	echo "exit $got" >actual &&
	echo "exit 128" >expect &&
	test_cmp expect actual &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: " err &&
	(cd repo && check_unchanged ../before)
'

test_expect_success 'council: setup (6 events)' '
	zdh -C repo council add 新桥理事会 --area 新桥 --date 2024-01-10 >/dev/null &&
	zdh -C repo council member add XQ-C1 甲 --role chair --date 2024-01-10 &&
	zdh -C repo council member add XQ-C1 乙 --role member --date 2024-01-10 &&
	zdh -C repo council charter XQ-C1 --quorum 2/3 --date 2024-01-10 &&
	zdh -C repo council meeting add XQ-C1 --present 甲,乙 --date 2024-02-01 >/dev/null &&
	zdh -C repo council decide XQ-M1 --motion 议题 --for 甲,乙 --close --party 一楼 \
		--date 2024-02-01 >/dev/null
'

test_expect_success 'council: bad names, roles, days and rules are refused' '
	refused 1 council add "" --area 新桥 &&
	refused 1 council add "$bad_utf8" &&
	refused 1 council add "$nl" &&
	refused 1 council add "$long101" &&
	refused 1 council add 另一个 --area 不存在 &&
	refused 1 council add 新桥理事会 &&
	refused 129 council add &&
	refused 1 council show 无此会 &&
	refused 1 council member add XQ-C1 丙 --role boss &&
	refused 129 council member add XQ-C1 丙 &&
	refused 1 council member add XQ-C1 丙 --role member --party mayor &&
	refused 1 council member add XQ-C1 丙 --role member --from 2024-02-30 &&
	refused 1 council member add XQ-C1 丙 --role member --from 2024-03-01 --to 2024-02-01 &&
	refused 1 council member add XQ-C1 丙 --role supporting-unit --org 不存在 &&
	refused 1 council member edit XQ-C1 丙 --role member &&
	refused 1 council member edit XQ-C1 甲 &&
	refused 1 council member remove XQ-C1 丁 &&
	refused 1 council charter XQ-C1 --quorum 1/2 &&
	refused 1 council charter XQ-C1 --quorum 3/2 --decision XQ-D1 &&
	refused 1 council charter XQ-C1 --meeting-weeks 0 &&
	refused 1 council edit XQ-C1 &&
	refused 1 council discuss XQ-C1 -m "@不存在 请看" &&
	refused 129 council discuss XQ-C1
'

test_expect_success 'council: bad meetings, decisions, votes, consents and actions are refused' '
	refused 1 council meeting add XQ-C1 --kind party &&
	refused 1 council meeting add XQ-C1 --proxy 甲 &&
	refused 1 council meeting add XQ-C1 --proxy 甲=甲 &&
	refused 1 council meeting add XQ-C1 --present 无名 &&
	refused 1 council meeting add XQ-C1 --agenda XQ-99 &&
	refused 1 council meeting add XQ-C1 --item "" &&
	refused 1 council meeting update XQ-M1 &&
	refused 1 council meeting update XQ-M9 --item 议题 &&
	refused 129 council decide XQ-M1 --motion "" &&
	refused 129 council decide XQ-M1 &&
	refused 1 council decide XQ-M9 --motion 议题 &&
	refused 1 council decide XQ-M1 --motion 议题 --for 甲 --against 甲 &&
	refused 1 council decide XQ-M1 --motion 议题 --consensus --for 甲 &&
	refused 1 council decide XQ-M1 --motion 议题 --party 一楼 --party 一楼 &&
	refused 129 council decide XQ-M1 --motion 议题 --action 修路 &&
	refused 129 council decide XQ-M1 --motion 议题 --dept 派出所 &&
	refused 1 council decide XQ-M1 --motion 议题 --action 修路 --dept 不存在 &&
	refused 1 council decide XQ-M1 --motion 议题 --action 修路 --dept 派出所 --due 2024-13-01 &&
	refused 1 council vote XQ-D1 --member 甲 --vote maybe &&
	refused 1 council vote XQ-D1 --member 甲 --vote for &&
	refused 1 council vote XQ-D9 --member 甲 --vote for &&
	refused 129 council vote XQ-D1 --member 甲 &&
	refused 1 council close XQ-D1 &&
	refused 1 council consent XQ-D1 --party 陌生人 &&
	refused 129 council consent XQ-D1 --party 一楼 --party 二楼 &&
	refused 1 council action done XQ-A9 &&
	refused 1 council action add XQ-D1 --action 修路 --dept 派出所 --resolves
'

test_expect_success 'council: bad listings are refused' '
	refused 1 council meeting list --month 2024-13 &&
	refused 1 council meeting list --since 2024-02-30 &&
	refused 1 council decision list --status done &&
	refused 1 council meeting list --council 无此会 &&
	refused 129 council list --format xml &&
	refused 129 council list --json --format csv &&
	refused 129 council frobnicate &&
	refused 129 council meeting frobnicate &&
	refused 129 council list --bogus &&
	refused 1 council attachment XQ-M1 nothing.pdf
'

test_expect_success 'after all that: the repository verifies, git fsck is clean' '
	zdh -C repo verify &&
	git --git-dir=repo/.zdh fsck --strict &&
	echo 10 >expect &&
	git --git-dir=repo/.zdh rev-list --count refs/zdh/log/xinqiao >actual &&
	test_cmp expect actual
'

# --- the menu, visits, projects and funds (zdh-menu(1), zdh-visit(1), zdh-project(1)) ---

test_expect_success 'menu, visit, project: setup' '
	zdh -C repo org add --kind unit 上海博物馆 >/dev/null &&
	zdh -C repo menu offer add 助老 --provider 上海博物馆 --category elderly --capacity 1 \
		--date 2026-11-01 >/dev/null &&
	zdh -C repo menu need add 陪伴 --area 新桥 --category elderly --date 2026-11-01 >/dev/null &&
	zdh -C repo menu need add 探访 --area 新桥 --category elderly --date 2026-11-01 >/dev/null &&
	zdh -C repo menu pair XQ-N1 XQ-F1 --from 2026-12-01 --date 2026-11-02 >/dev/null &&
	zdh -C repo menu deliver XQ-P1 --date 2026-12-02 >/dev/null &&
	zdh -C repo visit liaison add 王强 --dept 派出所 --areas 新桥 --date 2026-11-01 >/dev/null &&
	zdh -C repo fund set --area 新桥 --year 2026 100 --date 2026-11-01 >/dev/null &&
	zdh -C repo project add 铁门 --area 新桥 --date 2026-11-01 >/dev/null &&
	zdh -C repo project budget XQ-J1 150 --item 铁门 --date 2026-11-01 &&
	zdh -C repo project approve XQ-J1 --date 2026-11-02
'

test_expect_success 'menu offers and needs: bad category, provider, area, capacity, text' '
	refused 1 menu offer add 课 --provider 上海博物馆 --category planets &&
	refused 1 menu offer add 课 --provider 上海博物院 --category elderly &&
	refused 1 menu offer add 课 --provider 上海博物馆 --category elderly --areas 新桥,火星 &&
	refused 1 menu offer add 课 --provider 上海博物馆 --category elderly --capacity -1 &&
	refused 1 menu offer add 课 --provider 上海博物馆 --category elderly --capacity 2x &&
	refused 1 menu offer add "$bad_utf8" --provider 上海博物馆 --category elderly &&
	refused 1 menu offer add "$nl" --provider 上海博物馆 --category elderly &&
	refused 1 menu offer add "" --provider 上海博物馆 --category elderly &&
	refused 129 menu offer add 课 --category elderly &&
	refused 1 menu need add 陪伴 --area 新侨 --category elderly &&
	refused 1 menu need add 陪伴 --area 新桥 --category elderly --people many &&
	refused 1 menu offer edit XQ-F1 &&
	refused 1 menu offer edit XQ-N1 --title x &&
	refused 1 menu need retire XQ-N9
'

test_expect_success 'menu pair, deliver, feedback, match, publish: refused with no change' '
	refused 1 menu pair XQ-N2 XQ-F1 --from 2026-12-01 --date 2026-11-03 &&
	refused 1 menu pair XQ-N1 XQ-F1 --from 2027-01-01 &&
	refused 1 menu pair XQ-N2 XQ-F1 --from 2026-02-30 &&
	refused 1 menu pair XQ-N2 XQ-F9 &&
	refused 1 menu deliver XQ-P1 --date 2029-01-01 --future &&
	refused 1 menu deliver XQ-P1 --hours 1.555 &&
	refused 1 menu deliver XQ-N1 &&
	refused 1 menu feedback XQ-Y1 --satisfaction 6 &&
	refused 1 menu feedback XQ-Y1 --satisfaction 0 &&
	refused 129 menu feedback XQ-Y1 &&
	refused 1 menu match XQ-N1 --month 2026-13 &&
	refused 1 menu match XQ-P1 &&
	refused 129 menu publish --format pdf &&
	refused 129 menu match XQ-N1 --limit 3 --all
'

test_expect_success 'visits and liaisons: refused with no change' '
	refused 1 visit add --area 新桥 --liaison 王张 -m 走访 &&
	refused 1 visit add --area 延安公寓 --liaison 王强 -m 走访 &&
	refused 1 visit add --area 新桥 --liaison 王强 -m "" &&
	refused 1 visit add --area 新桥 --liaison 王强 -m 走访 --issue XQ-99 &&
	refused 1 visit add --area 新桥 --liaison 王强 -m 走访 --raises x --category planets &&
	refused 129 visit add --area 新桥 --liaison 王强 &&
	refused 1 visit liaison add 王强 --dept 派出所 --areas 新桥 &&
	refused 1 visit liaison add 李四 --dept 派出所 --areas 火星 &&
	printf "area,liaison,notes\n新桥,王强,好\n新桥,王张,坏\n" >visits.csv &&
	(cd repo && snapshot ../before) &&
	test_expect_code 1 zdh -C repo visit import ../visits.csv >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 2 err &&
	(cd repo && check_unchanged ../before) &&
	refused 1 visit import no-such.csv
'

test_expect_success 'projects and funds: refused with no change' '
	refused 1 project spend XQ-J1 100.01 --item 铁门 &&
	refused 1 project spend XQ-J1 12.345 --item 铁门 &&
	refused 1 project spend XQ-J1 -5 --item 铁门 &&
	refused 1 project spend XQ-J1 0 --item 铁门 &&
	refused 129 project spend XQ-J1 10 &&
	refused 1 project budget XQ-J1 10 --item 追加 &&
	refused 1 project add 门 --area 新桥 --kind big &&
	refused 1 project add 门 --area 新桥 --year 99999 &&
	refused 1 project add 铁门 --area 新桥 --year 2026 &&
	refused 129 project done XQ-J1 -m "" &&
	refused 1 fund set --area 新桥 --year 2026 1,00 &&
	refused 1 fund set --area 新侨 --year 2026 1000 &&
	refused 129 fund set --area 新桥 1000
'

test_done
