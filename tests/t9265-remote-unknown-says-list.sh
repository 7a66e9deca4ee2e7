#!/bin/sh
test_description='a remote not there: every verb that names one says where to look'
. "$(dirname "$0")/lib.sh"

# pull and push refused an unknown remote with "(see 'zdh remote
# list')"; remote remove and remote rename said only "no such remote".

test_expect_success 'a repository with one remote' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	git init -q --bare hub.git &&
	zdh remote add hub hub.git
'

test_expect_success 'remove, rename, pull and push of a remote not there' '
	echo "zdh: no such remote '\''origin'\'' (see '\''zdh remote list'\'')" >expect &&
	for v in "remote remove origin" "remote rename origin office" "pull origin" "push origin"
	do
		test_expect_code 1 zdh $v 2>err &&
		test_cmp expect err || return 1
	done &&
	zdh remote list >out &&
	echo hub >expect &&
	test_cmp expect out
'

test_expect_success 'in Chinese' '
	echo "zdh: 没有远程仓库 '\''origin'\''（见 '\''zdh remote list'\''）" >expect &&
	for v in "remote remove origin" "remote rename origin office"
	do
		LANGUAGE=zh_CN test_expect_code 1 zdh $v 2>err &&
		test_cmp expect err || return 1
	done
'

test_done
