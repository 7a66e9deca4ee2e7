#!/bin/sh
# `issue resolve XQ-1` without -m under zh_CN said "'zdh issue resolve'
# 需要-m RESOLUTION": one message, "'%s' needs %s", served an option
# (需要 -m ...) and arguments in words (需要一个名称), translated as
# the latter.  Each has its own translation now (a message context).
test_description='usage: what a command needs, under zh_CN, with the space an option takes'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh issue add --category safety -m "no light" "stair light" >/dev/null
'

test_expect_success 'an option needed: a space before it' '
	test_expect_code 129 zh issue resolve XQ-1 2>err &&
	echo "zdh: '"'"'zdh issue resolve'"'"' 需要 -m RESOLUTION" >expect &&
	head -n 1 err >actual &&
	test_cmp expect actual &&
	test_expect_code 129 zh org add 新桥 2>err &&
	echo "zdh: '"'"'zdh org add'"'"' 需要 --kind" >expect &&
	head -n 1 err >actual &&
	test_cmp expect actual &&
	test_expect_code 129 zh replica recover --prefix XR 2>err &&
	echo "zdh: '"'"'zdh replica recover'"'"' 需要 --as" >expect &&
	head -n 1 err >actual &&
	test_cmp expect actual
'

test_expect_success 'an argument needed, in words: none' '
	test_expect_code 129 zh org show 2>err &&
	echo "zdh: '"'"'zdh org show'"'"' 需要一个名称" >expect &&
	head -n 1 err >actual &&
	test_cmp expect actual
'

test_expect_success 'in English, as before' '
	test_expect_code 129 zdh issue resolve XQ-1 2>err &&
	echo "zdh: '"'"'zdh issue resolve'"'"' needs -m RESOLUTION" >expect &&
	head -n 1 err >actual &&
	test_cmp expect actual
'

test_done
