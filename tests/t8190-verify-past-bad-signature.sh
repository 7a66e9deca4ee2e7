#!/bin/sh
# A hostile peer puts a signature that does not verify on one commit of its
# log.  verify named it and stopped there: the events below it on that log,
# and every log after it (in ref order), were never read, so their invalid
# events went unnamed, the signatures and roles were not judged, and the
# events that name one below it as seen were reported as naming "an event
# no log here holds".  A bad signature is a verdict on one event, as an
# invalid event is: named, counted, and the walk goes on.
test_description='verify reads on past a signature that does not verify'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: an office, a peer with an invalid event and then a forged signature' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq issue add "路灯不亮" >/dev/null &&
	craft_peer "噪音" &&
	bad=$(craft ya/.zdh "$(craft_tip)" noncanonical) &&
	ok=$(craft ya/.zdh "$bad" valid) &&
	git --git-dir=ya/.zdh cat-file commit "$(craft ya/.zdh "$ok" valid)" |
		sed "/^committer /a gpgsig -----BEGIN SSH SIGNATURE-----\n AAAA\n -----END SSH SIGNATURE-----" >forged &&
	sig=$(git --git-dir=ya/.zdh hash-object -t commit -w --literally --stdin <forged) &&
	top=$(craft ya/.zdh "$sig" valid) &&
	craft_publish "$top" &&
	at xq pull ya >/dev/null 2>&1 &&
	zdh init --replica zhongshan --prefix ZS zs >/dev/null &&
	at zs remote add xq ../xq &&
	at zs pull xq >/dev/null 2>&1 &&
	at zs issue add "中山的" >/dev/null &&
	zbad=$(CRAFT_REPLICA=zhongshan craft zs/.zdh "$(git --git-dir=zs/.zdh rev-parse refs/zdh/log/zhongshan)" noncanonical) &&
	git --git-dir=zs/.zdh update-ref refs/zdh/log/zhongshan "$zbad"
'

test_expect_success 'verify names the bad signature, and the invalid event below it' '
	test_expect_code 1 zdh -C xq verify >out 2>err &&
	grep "^zdh: refs/zdh/log/yanan: commit $(echo $sig | cut -c1-12): forged or damaged signature: bad signature\$" err &&
	grep "^zdh: refs/zdh/log/yanan: commit $(echo $bad | cut -c1-12): invalid event (canonical: " err &&
	! grep "no log here holds" err
'

test_expect_success 'a log after it is read too; the last line counts what was found first' '
	test_expect_code 1 zdh -C zs verify >out 2>err &&
	grep "^zdh: refs/zdh/log/yanan: commit $(echo $sig | cut -c1-12): forged or damaged signature" err &&
	grep "^zdh: refs/zdh/log/zhongshan: commit $(echo $zbad | cut -c1-12): invalid event (canonical: " err &&
	test_line_count = 4 err &&
	tail -n 1 err >last &&
	echo "zdh: 1 event whose signature does not verify (forged or damaged)" >expect &&
	test_cmp expect last
'

test_expect_success 'without the forged commit verify names the same invalid events' '
	git --git-dir=zs/.zdh update-ref refs/zdh/log/yanan "$ok" &&
	test_expect_code 1 zdh -C zs verify >out 2>err &&
	grep "^zdh: refs/zdh/log/zhongshan: commit $(echo $zbad | cut -c1-12): invalid event" err &&
	tail -n 1 err >last &&
	echo "zdh: 2 invalid events: they have no effect on any record" >expect &&
	test_cmp expect last
'

test_done
