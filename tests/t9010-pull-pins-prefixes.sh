#!/bin/sh
# A pull pins the prefixes of offices cloned later, as a clone pins those
# it finds (zdh-repository(5), PREFIXES): the office made by init, which
# never cloned, otherwise held every other office's prefix unpinned, and a
# peer creating records under one of them took them there (silently: no
# line from pull, verify clean) while the owner's replicas refused it, so
# the offices disagreed.  Each new event refused for its prefix is named by
# pull in one line, in the user's language, recognised by a note the fold
# stores as a code (the same in every language: it matched the translated
# text), and by verify (which said nothing, exit 0), counted (exit 1).
test_description='pull pins new prefixes and names forged ones'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'set-up: the first office, a hub, a second office cloned from it' '
	office_on_hub hub.git &&
	zdh clone hub.git ya --replica yanan --prefix YA >/dev/null 2>&1 &&
	at ya issue add 堆物 --area 新桥 >/dev/null &&
	at ya push >/dev/null 2>&1
'

test_expect_success 'the pull that brings the second office.s first record pins its prefix' '
	at xq pull >out 2>err &&
	test_must_be_empty err &&
	git config --file xq/.zdh/config prefix.YA.owner >actual &&
	echo yanan >expect &&
	test_cmp expect actual
'

test_expect_success 'a peer creating YA-2 under yanan.s prefix: refused on the first office, one line' '
	zdh clone hub.git evil --replica evil --prefix EV >/dev/null 2>&1 &&
	git config --file evil/.zdh/config zdh.prefix YA &&
	git config --file evil/.zdh/config prefix.YA.owner evil &&
	at evil issue add 伪造 --area 新桥 >out &&
	echo YA-2 >expect &&
	test_cmp expect out &&
	forged=$(git --git-dir=evil/.zdh rev-parse refs/zdh/log/evil) &&
	at evil push >/dev/null 2>&1 &&
	cp -R xq xqzh &&
	cp -R xq xqlang &&
	(cd xq && zdh export) >before.export &&
	at xq pull >out 2>err &&
	echo "zdh: warning: refs/zdh/log/evil: commit $(echo $forged | cut -c1-12): no effect: prefix YA belongs to replica yanan" >expect &&
	test_cmp expect err &&
	test_must_fail at xq issue show YA-2 2>err &&
	(cd xq && zdh export) >after.export &&
	test_cmp before.export after.export
'

test_expect_success 'the same pull under zh_CN: named in Chinese; the note stored is the same code' '
	test_expect_code 0 env LANGUAGE=zh_CN "$ZDH" -C xqzh pull >out 2>err &&
	echo "zdh: 警告：refs/zdh/log/evil：提交 $(echo $forged | cut -c1-12)：无效果：前缀 YA 属于副本 yanan" >expect &&
	test_cmp expect err &&
	env -u LC_ALL -u LANGUAGE LANG=zh_CN.UTF-8 "$ZDH" -C xqlang pull >out 2>err &&
	test_cmp expect err &&
	for r in xq xqzh xqlang
	do
		at $r log --record YA-2 --json >json.$r || return 1
	done &&
	grep "\"note\": \"prefix YA belongs to replica yanan\"" json.xqzh &&
	test_cmp json.xq json.xqzh &&
	test_cmp json.xq json.xqlang &&
	zh -C xq log --record YA-2 >out &&
	grep "\[无效果：前缀 YA 属于副本 yanan\]$" out
'

test_expect_success 'the owner.s YA-2 is YA-2 on every replica; a second pull says nothing' '
	at ya pull >/dev/null 2>&1 &&
	at ya issue add 真的 --area 新桥 >out &&
	echo YA-2 >expect &&
	test_cmp expect out &&
	at ya push >/dev/null 2>&1 &&
	at xq pull >out 2>err &&
	test_must_be_empty err &&
	at xq issue show YA-2 >out &&
	head -n 1 out >actual &&
	echo "YA-2  open  真的" >expect &&
	test_cmp expect actual &&
	at xq export >xq.json &&
	at ya export >ya.json &&
	test_cmp xq.json ya.json &&
	at xq reindex >/dev/null 2>&1 &&
	at xq export >rebuilt.json &&
	test_cmp xq.json rebuilt.json &&
	git --git-dir=xq/.zdh fsck --strict 2>&1
'

test_expect_success 'verify names the forged YA-2 as pull did, and counts it (exit 1), in Chinese too' '
	test_expect_code 1 at xq verify >out 2>err &&
	test_must_be_empty out &&
	cat >expect <<-EOF &&
	zdh: warning: refs/zdh/log/evil: commit $(echo $forged | cut -c1-12): no effect: prefix YA belongs to replica yanan
	zdh: 1 event would create a record under a prefix another replica owns: it has no effect on any record
	EOF
	test_cmp expect err &&
	test_expect_code 1 env LANGUAGE=zh_CN "$ZDH" -C xq verify 2>err &&
	grep "^zdh: 警告：refs/zdh/log/evil：提交 $(echo $forged | cut -c1-12)：无效果：前缀 YA 属于副本 yanan$" err
'

test_expect_success 'a prefix two logs created records under before any pin: left unpinned, with a warning' '
	zdh init --replica fresh --prefix FR fresh >/dev/null 2>&1 &&
	at fresh remote add origin ../hub.git &&
	at fresh pull >out 2>err &&
	grep "^zdh: warning: prefix YA was used by more than one replica; not pinned (set prefix.YA.owner, then run '"'zdh reindex'"')$" err &&
	test_must_fail git config --file fresh/.zdh/config prefix.YA.owner &&
	git config --file fresh/.zdh/config prefix.XQ.owner >actual &&
	echo xinqiao >expect &&
	test_cmp expect actual
'

test_done
