#!/bin/sh
# A single-valued option given twice with two values was taken silently,
# the last one winning: `issue comment -m 第一段 -m 第二段` kept only the
# second paragraph, `issue add --area 新桥 --area 延安` filed the issue
# under 延安.  Now a usage error (129) naming both values, nothing
# written; the same value twice, and repeatable options, are still taken;
# -m given again is a paragraph more, as git commit takes it.
test_description='an option given twice with two values is refused'
. "$(dirname "$0")/lib.sh"

twice () {	# twice MESSAGE ARGS...: a usage error, the usage after it
	test_usage_refused "$@" &&
	grep "^usage: " err
}

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind area 延安 >/dev/null &&
	zdh issue add 路灯不亮 --area 新桥 >/dev/null
'

test_expect_success '--area twice, --limit twice are refused' '
	twice "option '\''--area'\'' given twice ('\''新桥'\'' and '\''延安'\'')" \
		issue add 积水 --area 新桥 --area 延安 &&
	twice "option '\''--limit'\'' given twice ('\''1'\'' and '\''2'\'')" \
		issue list --limit 1 --limit 2
'

test_expect_success 'the same value twice and repeatable options are taken' '
	zdh issue comment XQ-1 -m 同一段 -m 同一段 &&
	zdh issue show XQ-1 >show &&
	grep 同一段 show &&
	echo a >a.txt && echo b >b.txt &&
	zdh issue comment XQ-1 -m 两张 --attach a.txt --attach b.txt &&
	zdh org list --kind area --kind area >list &&
	grep 延安 list
'

test_expect_success PYTHON '-m given again is a paragraph more, as git commit takes it' '
	zdh issue comment XQ-1 -m 第一段 --message=第二段 -m 第三段 &&
	zdh issue show XQ-1 --json >show.json &&
	python3 -c "import json; print(json.load(open(\"show.json\"))[\"history\"][-1][\"data\"][\"message\"].replace(chr(10), \"|\"))" >actual &&
	echo "第一段||第二段||第三段" >expect &&
	test_cmp expect actual &&
	zdh org add --kind dept 房管办 >/dev/null &&
	zdh visit liaison add 王芳 --dept 房管办 --areas 新桥 >/dev/null &&
	zdh visit add --area 新桥 --liaison 王芳 -m 看了 -m 说了 >/dev/null &&
	zdh visit list --json >v.json &&
	python3 -c "import json; print(json.load(open(\"v.json\"))[0][\"notes\"].replace(chr(10), \"|\"))" >actual &&
	echo "看了||说了" >expect &&
	test_cmp expect actual
'

test_expect_success '-m - twice: standard input is read once, refused' '
	snapshot before &&
	echo 一段 | test_expect_code 129 zdh issue comment XQ-1 -m - -m - 2>err &&
	grep "given twice" err &&
	check_unchanged before
'

test_expect_success 'in Chinese' '
	LANGUAGE=zh_CN test_expect_code 129 zdh issue add 甲 --area 新桥 --area 延安 2>err &&
	head -n 1 err >first &&
	grep "两次" first
'

test_done
