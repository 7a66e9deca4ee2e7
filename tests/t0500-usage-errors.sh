#!/bin/sh
# Usage errors as zdh(1) promises them: exit 129, "zdh: <message>", then
# the verb's usage and options exactly as its -h prints them, for every
# verb of every command; unknown commands and verbs with git's "did you
# mean"; zdh --version.
test_description='usage errors, did you mean, --version'
. "$(dirname "$0")/lib.sh"

# Every command: each verb has its option table (cmd/lib/options.h), so each
# prints its own usage after the message; add a new command here.
tables='init config org issue inbox log verify reindex export clone remote pull push sync replica help version visit project fund menu council person report'

test_expect_success 'every command listed above is a command of zdh help' '
	zdh help | sed -n "s/^   \([a-z-]*\) .*/\1/p" | sort >commands &&
	for c in $tables
	do
		grep -x "$c" commands >/dev/null || { echo "no command $c"; return 1; }
	done
'

# every_verb: the words naming each verb ("org add", "visit liaison add",
# "log"), one a line, from every usage line of the commands with tables
every_verb () {
	printf "%s\n" $tables |
	while read -r cmd
	do
		"$ZDH" "$cmd" -h |
		sed -e '/^$/,$d' -e 's/^usage: zdh //' -e 's/^   or: zdh //' |
		awk '{ w = $1; for (i = 2; i <= NF && $i ~ /^[a-z][a-z-]*$/; i++) w = w " " $i; print w }'
	done | sort -u
}

test_expect_success 'every verb: an unknown option is the message, then the verb -h' '
	every_verb >verbs &&
	test_line_count -gt 30 verbs &&
	grep -x "visit liaison add" verbs &&
	while read -r words
	do
		test_expect_code 129 "$ZDH" $words --frobnicate >out 2>err ||
		{ echo "zdh $words --frobnicate: not 129"; return 1; }
		test_must_be_empty out &&
		echo "zdh: unknown option '"'"'--frobnicate'"'"' for '"'"'zdh $words'"'"'" >expect &&
		"$ZDH" $words -h >>expect &&
		test_cmp expect err || { echo "zdh $words"; return 1; }
	done <verbs
'

test_expect_success 'missing option, missing and extra arguments: the message, then the usage' '
	test_expect_code 129 zdh org add 新桥 2>err &&
	echo "zdh: '"'"'zdh org add'"'"' needs --kind" >expect &&
	zdh org add -h >>expect &&
	test_cmp expect err &&
	test_expect_code 129 zdh issue comment XQ-1 2>err &&
	echo "zdh: '"'"'zdh issue comment'"'"' needs -m TEXT" >expect &&
	zdh issue comment -h >>expect &&
	test_cmp expect err &&
	test_expect_code 129 zdh org show 2>err &&
	echo "zdh: '"'"'zdh org show'"'"' needs a name" >expect &&
	zdh org show -h >>expect &&
	test_cmp expect err &&
	test_expect_code 129 zdh log XQ-1 extra 2>err &&
	echo "zdh: '"'"'zdh log'"'"': too many arguments" >expect &&
	zdh log -h >>expect &&
	test_cmp expect err
'

test_expect_success 'options that cannot be used together, values that are not numbers' '
	test_expect_code 129 zdh issue list --json --format csv 2>err &&
	sed -n 1p err >actual &&
	echo "zdh: --json and --format cannot be used together" >expect &&
	test_cmp expect actual &&
	test_expect_code 129 zdh pull -q -v 2>err &&
	sed -n 1p err >actual &&
	echo "zdh: --quiet and --verbose cannot be used together" >expect &&
	test_cmp expect actual &&
	test_expect_code 129 zdh issue list --limit many 2>err &&
	sed -n 1p err >actual &&
	echo "zdh: --limit needs a number (0 or more)" >expect &&
	test_cmp expect actual &&
	test_expect_code 129 zdh log -n 0 2>err &&
	sed -n 1p err >actual &&
	echo "zdh: -n needs a positive number" >expect &&
	test_cmp expect actual &&
	test_expect_code 129 zdh log -n -1 2>err &&
	sed -n 1p err >actual &&
	test_cmp expect actual &&
	test_expect_code 129 zdh log --max-count=0 2>err &&
	sed -n 1p err >actual &&
	echo "zdh: --max-count needs a positive number" >expect &&
	test_cmp expect actual &&
	test_expect_code 129 zdh issue list --format xml 2>err &&
	sed -n 1p err >actual &&
	echo "zdh: unknown format '"'"'xml'"'"' (table, csv or json)" >expect &&
	test_cmp expect actual
'

test_expect_success 'an option missing its value, a flag given one, an ambiguous abbreviation' '
	test_expect_code 129 zdh org add 新桥 --kind 2>err &&
	sed -n 1p err >actual &&
	echo "zdh: option '"'"'--kind'"'"' needs a value" >expect &&
	test_cmp expect actual &&
	test_expect_code 129 zdh org list --json=yes 2>err &&
	sed -n 1p err >actual &&
	echo "zdh: option '"'"'--json'"'"' takes no value" >expect &&
	test_cmp expect actual &&
	test_expect_code 129 zdh org edit 新桥 --d x 2>err &&
	sed -n 1p err >actual &&
	echo "zdh: ambiguous option '"'"'--d'"'"' for '"'"'zdh org edit'"'"'" >expect &&
	test_cmp expect actual
'

test_expect_success 'the parser: --opt=value, abbreviations, options after arguments, --, -m -' '
	zdh init --replica xinqiao --prefix XQ repo >/dev/null &&
	cd repo &&
	zdh org add --kind=district 第一片区 >/dev/null &&
	zdh org add 新桥 --kind area --dist 第一片区 >/dev/null &&
	zdh org add --kind area -- -南- >/dev/null &&
	zdh org list --format=csv >actual &&
	cat >expect <<-\EOF &&
	id,kind,name,district,code
	XQ-O1,district,第一片区,,
	XQ-O2,area,新桥,第一片区,
	XQ-O3,area,-南-,,
	EOF
	test_cmp expect actual &&
	id=$(zdh issue add 路灯不亮 --area 新桥 --date 2024-03-01) &&
	echo "从标准输入读的说明" | zdh issue comment $id -m - --date 2024-03-02 &&
	zdh issue show $id --json >show.json &&
	grep "从标准输入读的说明" show.json
'

test_expect_success 'text that is not UTF-8 is refused (1), options and arguments alike' '
	cd repo &&
	bad=$(printf "新\377") &&
	test_expect_code 1 zdh log --author "$bad" 2>err &&
	test_line_count = 1 err &&
	grep "^zdh: --author is not valid UTF-8 text" err &&
	test_expect_code 1 zdh org show "$bad" 2>err &&
	test_line_count = 1 err
'

test_expect_success 'an unknown command: git'"'"'s "did you mean"' '
	test_expect_code 129 zdh isue >out 2>err &&
	test_must_be_empty out &&
	printf "%s\n" "zdh: '"'"'isue'"'"' is not a zdh command; see '"'"'zdh help'"'"'" "" \
		"The most similar command is" "	issue" >expect &&
	test_cmp expect err &&
	test_expect_code 129 zdh in 2>err &&
	printf "%s\n" "zdh: '"'"'in'"'"' is not a zdh command; see '"'"'zdh help'"'"'" "" \
		"The most similar commands are" "	init" "	inbox" >expect &&
	test_cmp expect err &&
	test_expect_code 129 zdh frobnicate 2>err &&
	echo "zdh: '"'"'frobnicate'"'"' is not a zdh command; see '"'"'zdh help'"'"'" >expect &&
	test_cmp expect err &&
	test_expect_code 129 zdh help isue 2>err &&
	grep "^	issue$" err
'

test_expect_success 'an unknown verb: the most similar verbs, then the command usage' '
	test_expect_code 129 zdh org lst >out 2>err &&
	test_must_be_empty out &&
	{
		echo "zdh: '"'"'lst'"'"' is not a verb of '"'"'zdh org'"'"'" &&
		echo &&
		echo "The most similar verb is" &&
		printf "\tlist\n" &&
		echo &&
		zdh org -h
	} >expect &&
	test_cmp expect err &&
	test_expect_code 129 zdh issue frobnicate 2>err &&
	{
		echo "zdh: '"'"'frobnicate'"'"' is not a verb of '"'"'zdh issue'"'"'" &&
		zdh issue -h
	} >expect &&
	test_cmp expect err &&
	test_expect_code 129 zdh remote 2>err &&
	{
		echo "zdh: '"'"'zdh remote'"'"' needs a verb" &&
		zdh remote -h
	} >expect &&
	test_cmp expect err
'

test_expect_success 'zdh --version and zdh version: the name and the version' '
	zdh --version >out 2>err &&
	test_must_be_empty err &&
	test_line_count = 1 out &&
	grep -E "^zdh [0-9]+\.[0-9]+(-g[0-9a-f]+(-dirty)?|[-.0-9a-z]*)$" out &&
	zdh version >out2 &&
	test_cmp out out2 &&
	test_expect_code 129 zdh version extra 2>err &&
	sed -n 2p err | grep "^usage: zdh version$"
'

test_done
