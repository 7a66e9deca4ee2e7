#!/bin/sh
# A title or a name of only an ideographic space (U+3000, the space a
# Chinese keyboard types) or a zero-width space (U+200B) was taken:
# `issue add "　"` filed an issue with a blank title, `org add --kind
# area "​"` an area no one can see or type.  ASCII blanks were refused
# ("title is empty"); these are refused too, nothing written.
test_description='text of only spaces and invisible characters is refused'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh issue add 路灯不亮 --area 新桥 >/dev/null
'

test_expect_success 'an ideographic or zero-width title, name, message is refused' '
	snapshot before &&
	test_expect_code 1 zdh issue add "　" --area 新桥 2>err &&
	echo "zdh: an argument has only spaces or invisible characters" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh org add --kind area "$(printf "\342\200\213")" 2>err &&
	test_cmp expect err &&
	test_expect_code 1 zdh issue comment XQ-1 -m " 　 " 2>err &&
	echo "zdh: --message has only spaces or invisible characters" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh issue edit XQ-1 --title "$(printf "\357\273\277")" 2>err &&
	echo "zdh: --title has only spaces or invisible characters" >expect &&
	test_cmp expect err &&
	check_unchanged before
'

test_expect_success 'ASCII blanks keep their messages; text with such spaces is taken' '
	test_expect_code 1 zdh issue add "   " --area 新桥 2>err &&
	echo "zdh: title is empty" >expect &&
	test_cmp expect err &&
	zdh issue add "路灯　不亮" --area 新桥 &&
	zdh issue comment XQ-1 -m "　已派人" &&
	zdh org edit 新桥 --code "" 
'

test_expect_success 'in Chinese' '
	LANGUAGE=zh_CN test_expect_code 1 zdh issue add "　" --area 新桥 2>err &&
	grep "空白" err
'

test_done
