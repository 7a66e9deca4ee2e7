#!/bin/sh
# An office's disk dies; its repository comes back from a backup older
# than what it pushed.  zdh replica confirm (the original is gone), then
# zdh pull keeps the hub's longer history of the office's own log aside
# ("has events this replica did not write"), and zdh replica recover
# refused ("nothing to recover (pull to take it)"), which pull never did:
# no command could finish.  Now recover with no options takes that
# history back (the office writes on under its name and ids), and
# recover --as NAME --prefix CODE makes the copy a replica of its own
# with nothing to write again; a copy that wrote its own events cannot
# take the history back (recover needs --as, as before).
test_description='replica recover: a copy restored from an older backup'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: 华山 office on a hub, backed up, writes and pushes on, its disk dies' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null 2>&1 &&
	at xq org add --kind area 华山 >/dev/null &&
	git init -q --bare hub.git &&
	at xq remote add origin ../hub.git && at xq push -q &&
	zdh clone hub.git hs --replica huashan --prefix HS -q &&
	at hs issue add 占道经营 --area 华山 >/dev/null &&
	at hs push -q &&
	cp -R hs backup &&
	at hs issue add 井盖丢失 --area 华山 >/dev/null &&
	at hs issue comment HS-1 -m 已联系 &&
	at hs push -q &&
	rm -rf hs
'

test_expect_success 'the restored copy: pull keeps its own longer log aside and says what to do' '
	cp -R backup hs &&
	at hs replica confirm >/dev/null &&
	test_expect_code 1 at hs pull 2>err &&
	echo "zdh: refs/zdh/log/huashan from origin has events this replica did not write (another clone uses the replica name '"'"'huashan'"'"'?); kept aside as refs/zdh/diverged/origin/huashan (a copy restored from an older backup takes them back with '"'"'zdh replica recover'"'"')" >expect &&
	test_cmp expect err
'

test_expect_success 'recover takes it back: the same name, ids and records as before the disk died' '
	at hs replica recover 2>err &&
	echo "log huashan took back 2 events from refs/zdh/diverged/origin/huashan (written before this copy was made); this copy writes on as replica huashan" >expect &&
	test_cmp expect err &&
	test_must_fail git --git-dir=hs/.zdh rev-parse -q --verify refs/zdh/diverged/origin/huashan &&
	at hs issue list >list &&
	grep "HS-2 .*井盖丢失" list &&
	at hs verify >/dev/null &&
	at hs issue add 垃圾满溢 --area 华山 >out && echo HS-3 >expect && test_cmp expect out &&
	at hs push -q && at xq pull -q &&
	at xq export >a && at hs export >b && test_cmp a b
'

test_expect_success 'recover --as: a replica of its own, nothing written again' '
	cp -R backup hs2 &&
	at hs2 replica confirm >/dev/null &&
	test_expect_code 1 at hs2 pull 2>/dev/null &&
	at hs2 replica recover --as huashan2 --prefix HT >out 2>err &&
	test_must_be_empty out &&
	grep "^replica huashan is now huashan2 (prefix HT): 0 events written again, 0 records renumbered; the old log is kept as refs/zdh/recovered/huashan\$" err &&
	! grep -i push err &&
	at hs2 verify >/dev/null &&
	at hs2 issue add 路灯 --area 华山 >out && echo HT-1 >expect && test_cmp expect out &&
	at hs2 push -q && at xq pull -q && at hs pull -q &&
	at xq export >a && at hs2 export >b && test_cmp a b &&
	at hs export >c && test_cmp a c
'

test_expect_success 'a copy that wrote its own cannot take the history back: --as is needed' '
	cp -R backup hs4 &&
	at hs4 replica confirm >/dev/null &&
	at hs4 issue comment HS-1 -m 备份机 &&
	test_expect_code 1 at hs4 pull 2>/dev/null &&
	before=$(git --git-dir=hs4/.zdh rev-parse refs/zdh/log/huashan) &&
	test_expect_code 129 at hs4 replica recover 2>err &&
	head -n 1 err | grep "needs --as" &&
	test "$(git --git-dir=hs4/.zdh rev-parse refs/zdh/log/huashan)" = "$before" &&
	git --git-dir=hs4/.zdh rev-parse -q --verify refs/zdh/diverged/origin/huashan
'

test_expect_success 'nothing kept aside: recover without --as is still a usage error' '
	test_expect_code 129 at xq replica recover 2>err &&
	grep "needs --as" err
'

test_expect_success 'in Chinese' '
	cp -R backup hs5 &&
	at hs5 replica confirm >/dev/null &&
	test_expect_code 1 at hs5 pull 2>/dev/null &&
	LANGUAGE=zh_CN at hs5 replica recover 2>err &&
	grep "^日志 huashan 从 refs/zdh/diverged/origin/huashan 取回了 [0-9]* 个事件" err &&
	cp -R backup hs6 &&
	at hs6 replica confirm >/dev/null &&
	test_expect_code 1 at hs6 pull 2>/dev/null &&
	LANGUAGE=zh_CN at hs6 replica recover --as huashan6 --prefix HU 2>err &&
	grep "^副本 huashan 现为 huashan6（前缀 HU）：重新写入 0 个事件，" err &&
	! grep push err
'

test_done
