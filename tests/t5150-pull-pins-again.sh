#!/bin/sh
# A pull pins the prefixes and the founder of what it brings
# (zdh-repository(5), PREFIXES, TRUST) after its logs move; the repository
# is marked meanwhile, so that when the pins cannot be written (a stale
# config.lock, a kill), the next pull makes them, from every event, not
# only from what it brings (which may be nothing).
test_description='a pull whose pins failed: the next pull makes them'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: two offices, one with an issue of its prefix' '
	zdh init --replica xinqiao --prefix XQ pd >/dev/null &&
	zdh init --replica yanan --prefix YA pe >/dev/null &&
	at pe issue add "路灯不亮" >/dev/null &&
	at pd remote add pe ../pe/.zdh
'

test_expect_success 'a pull that cannot write its pins fails, and leaves its mark' '
	cp pd/.zdh/config pd/.zdh/config.lock &&
	test_must_fail at pd pull -q pe 2>err &&
	test -e pd/.zdh/zdh-pinning &&
	test -z "$(git --git-dir=pd/.zdh config --get prefix.YA.owner)"
'

test_expect_success 'the next pull, with nothing new, pins what the first brought' '
	rm pd/.zdh/config.lock &&
	at pd pull -q pe &&
	echo yanan >expect &&
	git --git-dir=pd/.zdh config --get prefix.YA.owner >actual &&
	test_cmp expect actual &&
	test ! -e pd/.zdh/zdh-pinning
'

test_expect_success 'a pull that finished leaves no mark' '
	at pe issue add "楼道堆物" >/dev/null &&
	at pd pull -q pe &&
	test ! -e pd/.zdh/zdh-pinning &&
	at pd issue list >list &&
	grep YA-2 list
'

test_done
