#!/bin/sh
# t8034 made every add and verb exit 3 when it wrote and then could not
# print (written, not printed: zdh(1)); init, clone, pull, sync, replica
# confirm and replica recover still exited 128 then, as a command that
# wrote nothing does, and a cron job took a made repository or a pull
# for a failure.  Now each says what it wrote on stderr and exits 3; a
# pull that took nothing still fails as a reader does (128).
test_description='init, clone, pull, sync, replica confirm and recover: written, not printed, exit 3'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'init: exit 3, the repository made and named' '
	test_expect_code 3 zdh init --replica hub --prefix HB hub >/dev/full 2>err &&
	echo "zdh: initialized empty zdh repository in $PWD/hub/.zdh (replica hub, prefix HB), but cannot write to standard output: No space left on device" >expect &&
	test_cmp expect err &&
	at hub replica show >out &&
	echo "replica hub, prefix HB" >expect &&
	test_cmp expect out
'

test_expect_success 'init -q prints nothing, so nothing fails' '
	zdh init -q --replica quiet --prefix QU quiet >/dev/full 2>err &&
	test_must_be_empty err
'

test_expect_success 'init in Chinese' '
	test_expect_code 3 zh init --replica zhong --prefix ZH zhong >/dev/full 2>err &&
	grep "^zdh: .*，但无法写入标准输出" err
'

test_expect_success 'clone: exit 3, what it cloned said' '
	at hub org add --kind area 新桥 --date 2025-01-01 >/dev/null &&
	at hub issue add 楼道堆物 --area 新桥 >/dev/null &&
	test_expect_code 3 zdh clone hub/.zdh xq --replica xinqiao --prefix XQ >/dev/full 2>err &&
	echo "zdh: cloned hub/.zdh into $PWD/xq/.zdh (replica xinqiao, prefix XQ): 2 events, but cannot write to standard output: No space left on device" >expect &&
	test_cmp expect err &&
	at xq issue show HB-1 >/dev/null
'

test_expect_success 'pull -v that took events: exit 3, its summary said' '
	at hub issue add 路灯不亮 --area 新桥 >/dev/null &&
	test_expect_code 3 at xq pull -v >/dev/full 2>err &&
	echo "zdh: pulled 1 new event from origin, but cannot write to standard output: No space left on device" >expect &&
	test_cmp expect err &&
	at xq issue show HB-2 >/dev/null
'

test_expect_success 'pull -v that took nothing wrote nothing: 128, as a reader' '
	test_expect_code 128 at xq pull -v >/dev/full 2>err &&
	echo "zdh: cannot write to standard output: No space left on device" >expect &&
	test_cmp expect err
'

test_expect_success 'pull from cron (no -v) prints nothing: 0' '
	at hub issue add 积水 --area 新桥 >/dev/null &&
	at xq pull >/dev/full 2>err &&
	test_must_be_empty err
'

test_expect_success 'sync -v that pushed: exit 3, what it sent said' '
	git init -q --bare bare.git &&
	at xq remote add bare ../bare.git &&
	at xq issue add 井盖丢失 --area 新桥 >/dev/null &&
	test_expect_code 3 at xq sync -v >/dev/full 2>err &&
	grep "^zdh: pushed 1 log to origin; pushed 2 logs to bare, but cannot write to standard output: No space left on device$" err
'

test_expect_success 'replica confirm of a copy: exit 3' '
	cp -a xq copy &&
	test_expect_code 3 at copy replica confirm >/dev/full 2>err &&
	echo "zdh: this copy now writes as replica xinqiao, but cannot write to standard output: No space left on device" >expect &&
	test_cmp expect err
'

# copy and xq both write XQ-2 on; xq pushes first, copy is kept aside
test_expect_success 'replica recover: exit 3, the recovery said' '
	at xq issue add 噪音 --area 新桥 >/dev/null &&
	at xq push -q origin &&
	at copy issue add 占道经营 --area 新桥 >/dev/null &&
	test_expect_code 1 at copy pull -q origin 2>/dev/null &&
	test_expect_code 3 at copy replica recover --as copyoffice --prefix CO >/dev/full 2>err &&
	grep "^zdh: replica xinqiao recovered as copyoffice, but cannot write to standard output: No space left on device$" err &&
	at copy replica show >out &&
	echo "replica copyoffice, prefix CO" >expect &&
	test_cmp expect out &&
	at copy issue show CO-1 >/dev/null
'

test_done
