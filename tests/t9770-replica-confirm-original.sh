#!/bin/sh
# `zdh replica confirm` in the repository made in its folder (no copy)
# said "this copy now writes as replica xinqiao" and rewrote its
# instance file, as if it were a copy.  It says it is no copy now,
# changes nothing, exit 0; a copy is confirmed as before.
test_description='replica confirm: an original is no copy'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ orig >/dev/null
'

test_expect_success 'the original: nothing to confirm, nothing changed' '
	cp orig/.zdh/instance before &&
	zdh -C orig replica confirm >out &&
	echo "this repository is not a copy: it writes as replica xinqiao already, nothing to confirm" >expect &&
	test_cmp expect out &&
	test_cmp before orig/.zdh/instance &&
	zh -C orig replica confirm >out &&
	echo "此仓库不是复制品：它已作为副本 xinqiao 写入，无需确认" >expect &&
	test_cmp expect out
'

test_expect_success 'a copy: confirmed, then no copy any more' '
	cp -R orig copy &&
	test_expect_code 1 zdh -C copy replica show >/dev/null 2>&1 &&
	zdh -C copy replica confirm >out &&
	echo "this copy now writes as replica xinqiao" >expect &&
	test_cmp expect out &&
	zdh -C copy replica show >/dev/null &&
	zdh -C copy replica confirm >out &&
	echo "this repository is not a copy: it writes as replica xinqiao already, nothing to confirm" >expect &&
	test_cmp expect out
'

test_done
