#!/bin/sh
# A remote that cannot be reached was told in libgit2's English, under a
# Chinese catalogue too: "无法从 'hub' 获取（...）：failed to connect to
# 127.0.0.1: 拒绝连接".  The failures an office meets on the network (a
# host down or mistyped, a URL with no repository, TLS) are now in the
# user's words; the system's reason after them is kept.
test_description='pull, push, clone: the network failures in the user.s words'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

# a folder served over plain HTTP by python (no git there: every URL 404)
start_http () {
	mkdir -p www &&
	for try in 1 2 3
	do
		hport=$(free_port $try)
		(cd www && exec python3 -m http.server "$hport" --bind 127.0.0.1) >http.log 2>&1 &
		http_job=$!
		i=0
		while test $i -lt 300
		do
			if python3 -c "import socket; socket.create_connection((\"127.0.0.1\", $hport), 1)" 2>/dev/null
			then
				return 0
			fi
			kill -0 $http_job 2>/dev/null || break
			i=$((i + 1))
			sleep 0.02
		done
		kill $http_job 2>/dev/null
	done
	return 1
}
trap 'test -n "${http_job:-}" && kill $http_job 2>/dev/null' EXIT

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	port=$(free_port) &&
	at xq remote add down "http://127.0.0.1:$port/hub.git" &&
	at xq remote add down-git "git://127.0.0.1:$port/hub.git"
'

test_expect_success 'nothing listens: pull and push say they cannot connect' '
	(cd xq && snapshot ../before) &&
	for op in "pull down" "push down" "pull down-git"
	do
		test_expect_code 128 at xq $op >out 2>err &&
		test_must_be_empty out &&
		one_line_error err &&
		grep "): cannot connect to 127.0.0.1: " err || return 1
	done &&
	(cd xq && check_unchanged ../before)
'

test_expect_success 'Chinese: the same in Chinese, no libgit2 English left' '
	LANGUAGE=zh_CN test_expect_code 128 "$ZDH" -C xq pull down >out 2>err &&
	one_line_error err &&
	grep "）：无法连接到 127.0.0.1" err &&
	! grep "failed to connect" err &&
	LANGUAGE=zh_CN test_expect_code 128 "$ZDH" clone "http://127.0.0.1:$port/hub.git" copy --replica yanan >out 2>err &&
	one_line_error err &&
	grep "无法连接到 127.0.0.1" err &&
	test ! -e copy/.zdh
'

test_expect_success PYTHON 'a server with no repository at the URL: HTTP 404 in words' '
	start_http &&
	at xq remote add empty "http://127.0.0.1:$hport/hub.git" &&
	test_expect_code 128 at xq pull empty >out 2>err &&
	one_line_error err &&
	grep "): no repository at that URL (HTTP 404)\$" err &&
	LANGUAGE=zh_CN test_expect_code 128 "$ZDH" -C xq pull empty >out 2>err &&
	grep "）：该 URL 处没有仓库（HTTP 404）\$" err
'

test_done
