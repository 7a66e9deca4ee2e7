#!/bin/sh
# `zdh config zdh.prefix P` before this replica wrote refused only a
# prefix pinned to another replica (prefix.P.owner).  A prefix whose
# records are here with no pin (a repository an older zdh cloned, or a
# pin removed by hand) was taken, and the next write handed out an id
# another office hands out too (XQ-O2 at both).  It is refused as zdh
# clone refuses it: a replica with no events has made none of them.
test_description='zdh.prefix: not a prefix whose records are here'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: an office with a record, a clone with no pin for its prefix' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	zdh clone xq hs --replica hongshan --prefix HS -q &&
	git --git-dir=hs/.zdh config --unset prefix.XQ.owner
'

test_expect_success 'a prefix in use here is refused, nothing changed' '
	(cd hs &&
	 test_refused "the prefix '\''XQ'\'' is already used in this repository; choose another" \
		config zdh.prefix XQ) &&
	at hs org add --kind area 华山 >out &&
	echo HS-O1 >expect && test_cmp expect out
'

test_expect_success 'its own prefix, or one nobody uses, is taken' '
	zdh clone xq ya --replica yanan --prefix YA -q &&
	at ya config zdh.prefix YA &&
	at ya config zdh.prefix YB &&
	at ya org add --kind area 延安 >out &&
	echo YB-O1 >expect && test_cmp expect out
'

test_expect_success 'under zh_CN: the refusal in Chinese' '
	zdh clone xq c2 --replica c2 --prefix CB -q &&
	git --git-dir=c2/.zdh config --unset prefix.XQ.owner &&
	test_expect_code 1 env LANGUAGE=zh_CN "$ZDH" -C c2 config zdh.prefix XQ 2>err &&
	! grep "is already used" err &&
	grep "XQ" err
'

test_done
