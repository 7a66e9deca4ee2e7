#!/bin/sh
# zdh init, and finding the repository: walking up, -C, $ZDH_DIR.
. "$(dirname "$0")/lib.sh"

test_strace_prereq

# check_repo DIR: what real git thinks of DIR/.zdh.
check_repo () {
	echo true >expect.bare &&
	git --git-dir="$1/.zdh" rev-parse --is-bare-repository >actual.bare &&
	test_cmp expect.bare actual.bare &&
	git --git-dir="$1/.zdh" fsck --strict
}

test_expect_success 'init DIR with --replica and --prefix' '
	mkdir xinqiao &&
	zdh init --replica xinqiao --prefix XQ xinqiao >out 2>&1 &&
	echo "initialized empty zdh repository in $(pwd -P)/xinqiao/.zdh (replica xinqiao, prefix XQ)" >expect &&
	test_cmp expect out &&
	test -d xinqiao/.zdh &&
	check_repo xinqiao
'

test_expect_success 'the replica and prefix are in the config, as real git reads it' '
	echo xinqiao >expect &&
	git --git-dir=xinqiao/.zdh config zdh.replica >actual &&
	test_cmp expect actual &&
	echo XQ >expect &&
	git --git-dir=xinqiao/.zdh config zdh.prefix >actual &&
	test_cmp expect actual &&
	echo xinqiao >expect &&
	zdh -C xinqiao config zdh.replica >actual &&
	test_cmp expect actual
'

test_expect_success 'a fresh repository verifies, lists nothing, exports nothing' '
	zdh -C xinqiao verify >out 2>&1 &&
	zdh -C xinqiao org list >out &&
	zdh -C xinqiao org list --format csv >csv &&
	test_line_count -le 1 csv &&
	zdh -C xinqiao export >out &&
	grep "\"format\": *1" out
'

test_expect_success 'init --quiet and -q print nothing, and make the repository' '
	zdh init --quiet --replica qa --prefix QA qa >out 2>err &&
	test_must_be_empty out &&
	test_must_be_empty err &&
	zdh init -q --replica qb --prefix QB qb >out &&
	test_must_be_empty out &&
	check_repo qa &&
	check_repo qb
'

test_expect_success 'init with no options: names from the folder' '
	mkdir YanAn_2 &&
	(cd YanAn_2 && zdh init >../out 2>&1) &&
	echo "initialized empty zdh repository in $(pwd -P)/YanAn_2/.zdh (replica yanan-2, prefix YA)" >expect &&
	test_cmp expect out &&
	check_repo YanAn_2
'

test_expect_success 'init DIR: -, _ and . of the folder name as -, as zdh-init(1) says' '
	zdh init huashan-office >out 2>&1 &&
	echo "initialized empty zdh repository in $(pwd -P)/huashan-office/.zdh (replica huashan-office, prefix HU)" >expect &&
	test_cmp expect out &&
	zdh init _a.__b.- >/dev/null 2>&1 &&
	echo a-b >expect &&
	zdh -C _a.__b.- config zdh.replica >actual &&
	test_cmp expect actual &&
	zdh init 新桥.1 >/dev/null 2>&1 &&
	echo 1 >expect &&
	zdh -C 新桥.1 config zdh.replica >actual &&
	test_cmp expect actual
'

test_expect_success 'init in a folder whose name has no usable letter: refused, with the way out' '
	mkdir 新桥 &&
	test_expect_code 1 zdh -C 新桥 init 2>err &&
	test_line_count = 1 err &&
	grep "choose one with --replica NAME --prefix CODE" err &&
	test ! -e 新桥/.zdh
'

test_expect_success 'init DIR: the default prefix comes from the replica' '
	mkdir tianjin &&
	zdh init --replica tianjin tianjin >/dev/null 2>&1 &&
	echo TI >expect &&
	zdh -C tianjin config zdh.prefix >actual &&
	test_cmp expect actual
'

test_expect_success 'init --timezone' '
	mkdir utc &&
	zdh init --replica utc --timezone UTC utc >/dev/null 2>&1 &&
	echo UTC >expect &&
	zdh -C utc config zdh.timezone >actual &&
	test_cmp expect actual
'

test_expect_success 'longest valid names are accepted' '
	mkdir long &&
	zdh init --replica a234567890123456789012345678901- --prefix ABCDEFG8 long >/dev/null 2>&1 &&
	echo ABCDEFG8 >expect &&
	zdh -C long config zdh.prefix >actual &&
	test_cmp expect actual
'

test_expect_success 'a second init is refused (exit 1) and changes nothing' '
	cp xinqiao/.zdh/config config.before &&
	(cd xinqiao && snapshot ../before) &&
	test_expect_code 1 zdh init --replica other --prefix OT xinqiao >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: " err &&
	test_cmp config.before xinqiao/.zdh/config &&
	(cd xinqiao && check_unchanged ../before)
'

test_expect_success 'init in the current folder when it has a repository: refused' '
	(cd xinqiao && test_expect_code 1 zdh init) 2>err &&
	grep "^zdh: " err
'

test_expect_success 'bad replica names are refused (exit 1), nothing created' '
	for name in Xinqiao -xinqiao "" 新桥 "xin qiao" xin_qiao a2345678901234567890123456789012x
	do
		rm -rf bad && mkdir bad &&
		test_expect_code 1 zdh init --replica "$name" bad >out 2>err || { echo "replica \"$name\""; return 1; }
		test_must_be_empty out &&
		test_line_count = 1 err &&
		grep "^zdh: " err &&
		test ! -e bad/.zdh || { echo "replica \"$name\""; return 1; }
	done
'

test_expect_success 'bad prefixes are refused (exit 1), nothing created' '
	for code in x_q 1X X-Q "" ABCDEFGHI "X Q" 新
	do
		rm -rf bad && mkdir bad &&
		test_expect_code 1 zdh init --replica bad --prefix "$code" bad >out 2>err || { echo "prefix \"$code\""; return 1; }
		test_must_be_empty out &&
		test_line_count = 1 err &&
		test ! -e bad/.zdh || { echo "prefix \"$code\""; return 1; }
	done
'

# a repository is made as .zdh-new-PID-N beside its .zdh and renamed into
# place whole: a zdh init stopped on the way leaves no .zdh, which every
# command would take for no repository and the next zdh init for one
test_expect_success STRACE 'a zdh init killed on its way leaves no .zdh; the next one makes it' '
	for at in mkdir:3 mkdir:100 renameat2:3 renameat2:7 fsync:5
	do
		rm -rf ki &&
		{ strace_zdh -f -o /dev/null -e trace=${at%:*} \
			-e inject=${at%:*}:signal=SIGKILL:when=${at#*:} \
			"$ZDH" init --replica ki --prefix KI ki >/dev/null 2>&1
		  test $? -ne 0; } &&
		test ! -e ki/.zdh &&
		ls -a ki | grep "^\.zdh-new-" &&
		test_expect_code 128 zdh -C ki issue list 2>err &&
		grep "no zdh repository here" err &&
		zdh init --replica ki --prefix KI ki >/dev/null &&
		ls -a ki >names &&
		! grep zdh-new names &&
		zdh -C ki issue add 楼道堆物 >/dev/null &&
		check_repo ki || { echo "killed at $at"; return 1; }
	done
'

test_expect_success PERMS 'a folder zdh init cannot write: refused, naming DIR/.zdh, nothing made' '
	mkdir ro && chmod 555 ro &&
	test_expect_code 128 zdh init --replica ro --prefix RO ro >out 2>err &&
	chmod 755 ro &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: cannot create .*/ro/.zdh.: " err &&
	test -z "$(ls -A ro)"
'

test_expect_success FLOCK 'the folder of a zdh init at work is left alone' '
	rm -rf busy && mkdir -p busy/.zdh-new-1-0 &&
	flock busy/.zdh-new-1-0 "$ZDH" init --replica busy --prefix BU busy >/dev/null &&
	test -d busy/.zdh-new-1-0 &&
	zdh init --replica busy2 --prefix BV busy2 >/dev/null &&
	rm -rf busy/.zdh &&
	zdh init --replica busy --prefix BU busy >/dev/null &&
	test ! -e busy/.zdh-new-1-0
'

test_expect_success 'an unknown time zone is refused' '
	rm -rf bad && mkdir bad &&
	test_expect_code 1 zdh init --replica bad --timezone Mars/Olympus bad 2>err &&
	grep "^zdh: .*Mars/Olympus" err &&
	test ! -e bad/.zdh
'

test_expect_success 'discovery walks up from a sub-folder' '
	mkdir -p xinqiao/a/b/c &&
	(cd xinqiao/a/b/c && zdh org add --kind area 新桥 >../../../../id) &&
	echo XQ-O1 >expect &&
	test_cmp expect id &&
	(cd xinqiao/a/b && zdh org list --format csv) >csv &&
	grep "^XQ-O1,area,新桥" csv
'

test_expect_success 'discovery does not create .zdh in the sub-folder' '
	test ! -e xinqiao/a/b/c/.zdh &&
	test ! -e xinqiao/a/.zdh
'

test_expect_success '-C DIR runs as if started in DIR' '
	zdh -C xinqiao org add --kind area 延安公寓 >id &&
	echo XQ-O2 >expect &&
	test_cmp expect id &&
	zdh -C xinqiao/a org show 延安公寓 >out &&
	grep 延安公寓 out
'

test_expect_success '-C into a missing folder is fatal (128)' '
	test_expect_code 128 zdh -C no-such-folder org list 2>err &&
	grep "^zdh: " err
'

test_expect_success 'ZDH_DIR names the repository, wherever we are' '
	mkdir elsewhere &&
	(
		cd elsewhere &&
		ZDH_DIR=$TRASH_DIRECTORY/xinqiao/.zdh &&
		export ZDH_DIR &&
		zdh org list --format csv >../csv
	) &&
	grep "^XQ-O2,area,延安公寓" csv
'

test_expect_success 'ZDH_DIR wins over the repository around us' '
	(
		cd tianjin &&
		ZDH_DIR=$TRASH_DIRECTORY/xinqiao/.zdh &&
		export ZDH_DIR &&
		zdh config zdh.replica >../actual
	) &&
	echo xinqiao >expect &&
	test_cmp expect actual
'

test_expect_success 'ZDH_DIR naming no repository is fatal (128)' '
	(
		ZDH_DIR=$TRASH_DIRECTORY/elsewhere/.zdh &&
		export ZDH_DIR &&
		test_expect_code 128 zdh org list
	) 2>err &&
	grep "^zdh: " err
'

test_expect_success 'after writes the repository is still sound for real git' '
	check_repo xinqiao &&
	zdh -C xinqiao verify
'

test_done
