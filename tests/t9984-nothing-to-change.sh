#!/bin/sh
# An edit given nothing to change said only "nothing to change" (issue,
# council, member, meeting update, menu offer and need), or pointed at the
# whole command's help (org, visit liaison); council charter with nothing
# given wrote a new version of the charter in force (for a council that
# had none, the defaults, after which only an adopted charter decision can
# change it) when a newcomer typed it to see the charter.  Each refuses
# (exit 1) naming the verb whose -h lists what can change, writes nothing
# and opens no repository.  Which options are the changes is marked in
# the option tables (OPT_FIELD) and checked once for every verb: every
# option an edit's -h lists is one, but -m, --date and --future (and the
# charter's --from and --decision, which alone would write the charter in
# force again).
test_description='an edit with nothing to change says where to look, writes nothing'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ r >/dev/null &&
	cd r &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 城管中队 >/dev/null &&
	zdh org add --kind unit 博物馆 >/dev/null &&
	zdh issue add 灯坏 --area 新桥 >/dev/null &&
	zdh council add 理事会 --area 新桥 >/dev/null &&
	zdh council member add 理事会 李梅 --role chair &&
	zdh council meeting add 理事会 --present 李梅 >/dev/null &&
	zdh menu offer add 讲座 --provider 博物馆 --category education >/dev/null &&
	zdh menu need add 学习 --area 新桥 --category education >/dev/null &&
	zdh visit liaison add 王联络 --dept 城管中队 --areas 新桥 >/dev/null &&
	zdh log --json >before.json &&
	# every edit: its verb, then the record it edits
	cat >edits <<-\EOT
	issue edit:XQ-1
	org edit:新桥
	council edit:XQ-C1
	council member edit:XQ-C1 李梅
	council meeting update:XQ-M1
	council charter:XQ-C1
	menu offer edit:XQ-F1
	menu need edit:XQ-N1
	visit liaison edit:王联络
	EOT
'

test_expect_success 'each edit: refused, naming its own -h, nothing written' '
	cd r &&
	while IFS=: read verb args; do
		test_expect_code 1 zdh $verb $args 2>err &&
		echo "zdh: nothing to change: give what changes (see '"'"'zdh $verb -h'"'"')" >expect &&
		test_cmp expect err || return 1
	done <edits &&
	test_expect_code 1 zdh council charter XQ-C1 -m 看看 --date 2026-12-01 2>err &&
	grep "council charter -h" err &&
	zdh log --json >after.json &&
	test_cmp before.json after.json &&
	zdh council show XQ-C1 >out &&
	grep "^charter in force on .*: none adopted; decided by the defaults\$" out
'

test_expect_success 'zh_CN: in Chinese; with something to change each writes' '
	cd r &&
	test_expect_code 1 zh council member edit XQ-C1 李梅 2>err &&
	echo "zdh: 没有要更改的内容：请给出要更改的项（见 '"'"'zdh council member edit -h'"'"'）" >expect &&
	test_cmp expect err &&
	zdh council charter XQ-C1 --quorum 2/3 &&
	zdh council member edit XQ-C1 李梅 --party resident &&
	zdh menu need edit XQ-N1 --people 3 &&
	zdh log --json >after.json &&
	! test_cmp before.json after.json >/dev/null
'

test_expect_success 'every option of an edit'"'"'s -h is a change but -m, --date, --future' '
	cd r &&
	while IFS=: read verb args; do
		zdh $verb -h >help &&
		sed -n "s/^ *\(-m, \)\{0,1\}--\([a-z-]*\).*/\2/p" help >opts &&
		test -s opts &&
		while read opt; do
			case "$verb:$opt" in
			*:future)
				test_expect_code 1 zdh $verb $args --future 2>err &&
				grep "^zdh: nothing to change" err || return 1 ;;
			*:message|*:date|"council charter:from"|"council charter:decision")
				test_expect_code 1 zdh $verb $args --$opt 2026-12-01 2>err &&
				grep "^zdh: nothing to change" err || return 1 ;;
			*)
				zdh $verb $args --$opt 2026-12-01 >/dev/null 2>err
				! grep "nothing to change" err || { echo "$verb --$opt"; return 1; } ;;
			esac
		done <opts || return 1
	done <edits
'

test_done
