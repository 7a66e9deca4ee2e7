#!/bin/sh
test_description='a hostile peer: crafted logs made with plain git, pulled into two replicas in different orders'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

# The peer (replica yanan) writes two honest events, then plain git appends
# one crafted event per rule (core/rules.c, zdh-repository(5) RULES), each
# on top of the last, with honest ones in between.
test_expect_success 'a peer log with one event breaking each rule' '
	CRAFT_REPLICA=yanan && export CRAFT_REPLICA &&
	zdh init --replica yanan --prefix YA peer >/dev/null &&
	at peer issue add "路灯不亮" >/dev/null &&
	at peer issue comment YA-1 -m "已报修" >/dev/null &&
	tip=$(git --git-dir=peer/.zdh rev-parse refs/zdh/log/yanan) &&
	printf "" >bad &&
	add () {	# add MODE ARGS...: the crafted event on top, and BAD if it should be invalid
		want=$1 && shift &&
		tip=$(craft peer/.zdh "$tip" "$@") &&
		if test "$want" = bad; then echo "$tip $*" >>bad; fi
	} &&
	add bad noncanonical &&
	add bad field &&
	add bad date -1 &&
	add bad date -62135596800 &&
	add bad date 253402300800 &&
	add bad tree 120000 link &&
	add bad tree 160000 module &&
	add bad tree 40000 dir &&
	add bad tree 100644 .. &&
	add bad oversize &&
	add bad replica xinqiao &&
	add bad seen zz &&
	add ok valid &&
	add bad clock 3 &&
	add ok valid &&
	add bad clock 281474976710657 &&
	add bad clock 9223372036854775807 &&
	# (each event is judged against its parent, valid or not: after a
	# clock past the ceiling nothing more of this log is valid)
	add bad clock 40 &&
	git --git-dir=peer/.zdh update-ref refs/zdh/log/yanan "$tip" &&
	test_line_count = 16 bad
'

# (pull names the first 10 and counts the others, t8252; verify names each)
test_expect_success 'pull takes the log, names 10 invalid events and counts the others, exit 0' '
	zdh init --replica xinqiao --prefix XQ a >/dev/null &&
	at a issue add "本地的事" >/dev/null &&
	at a remote add peer ../peer &&
	# (planted by hand, as an older zdh took them: a pull refuses the bad dates and .., t9998)
	craft_plant a/.zdh peer/.zdh &&
	at a pull peer >out 2>err &&
	test $(grep -c "^zdh: warning: refs/zdh/log/yanan: commit [0-9a-f]*: invalid event (" err) = 10 &&
	grep "^zdh: warning: and 6 more invalid events, not named here (zdh verify names each)$" err &&
	test_line_count = 11 err &&
	test_expect_code 1 at a verify >vout 2>verr &&
	while read -r id what; do
		grep "^zdh: refs/zdh/log/yanan: commit $(echo $id | cut -c1-12): invalid event (" verr ||
		{ echo "not reported: $what"; return 1; }
	done <bad &&
	grep "(clock: clock 3 does not increase from the previous event.s" verr &&
	grep "(clock: clock 281474976710657 is outside 1 to 281474976710656)" verr &&
	grep "(clock: clock 9223372036854775807 is outside" verr &&
	grep "(date: date -1+0 is outside" verr &&
	grep "(canonical: " verr &&
	grep "(tree: tree entry .120000 link. is not a plain file)" verr &&
	grep "(size: the event is" verr &&
	grep "(replica: event of replica .xinqiao. on the log of .yanan.)" verr
'

test_expect_success 'writes go on: the clock stays far from overflow' '
	at a issue add "拉取之后" >out &&
	echo XQ-2 >expect && test_cmp expect out &&
	at a log --record XQ-2 --json >log.json &&
	grep "\"clock\": 16," log.json &&
	at a issue comment YA-1 -m "本地跟进" &&
	at a reindex >/dev/null 2>&1 &&
	at a issue add "重建之后" >out &&
	echo XQ-3 >expect && test_cmp expect out
'

test_expect_success 'the invalid events change nothing: YA-1 is as the honest events left it' '
	at a issue show YA-1 --json >show.json &&
	grep "\"title\": \"路灯不亮\"" show.json &&
	test $(grep -c "\"invalid\": true" show.json) -ge 5 &&
	at a log --json >log.json &&
	test $(grep -c "\"invalid\": true" log.json) = 16
'

test_expect_success 'verify names every one and exits 1' '
	test_expect_code 1 zdh -C a verify >out 2>err &&
	test_must_be_empty out &&
	while read -r id what; do
		grep "^zdh: refs/zdh/log/yanan: commit $(echo $id | cut -c1-12): invalid event (" err ||
		{ echo "not named: $what"; return 1; }
	done <bad &&
	tail -n 1 err >last &&
	echo "zdh: 16 invalid events: they have no effect on any record" >expect &&
	test_cmp expect last
'

# (objects git fsck refuses, a bad date's and the tree of '..', are not
# pushed into a folder: t9998; plain git relays them)
test_expect_success 'push into a folder refuses the objects git fsck refuses; plain git relays the log' '
	git init -q --bare hub.git &&
	at a remote add hub ../hub.git &&
	test_expect_code 128 at a push hub >/dev/null 2>err &&
	grep "which git fsck refuses (.*), would go to hub: nothing is pushed" err &&
	git --git-dir=a/.zdh push -q "$PWD/hub.git" "refs/zdh/log/*:refs/zdh/log/*" &&
	test "$(git --git-dir=hub.git rev-parse refs/zdh/log/yanan)" = "$tip"
'

test_expect_success 'a second replica, other order: hub first, then the peer; the same verdict and state' '
	zdh init --replica jiangning --prefix JN b >/dev/null &&
	at b remote add hub ../hub.git &&
	at b remote add peer ../peer &&
	craft_plant b/.zdh hub.git &&
	at b pull hub >/dev/null 2>err1 &&
	at b pull peer >/dev/null 2>err2 &&
	test $(grep -c ": invalid event (" err1) = 10 &&
	grep "^zdh: warning: and 6 more invalid events" err1 &&
	test_must_be_empty err2 &&
	at a export >a.json &&
	at b export >b.json &&
	test_cmp a.json b.json &&
	at a log --json --record YA-1 >a.log &&
	at b log --json --record YA-1 >b.log &&
	test_cmp a.log b.log &&
	at b issue add "乙的" >/dev/null
'

test_expect_success 'a third replica pulling the peer before any honest event of it: same state' '
	zdh init --replica qiaoxi --prefix QX c >/dev/null &&
	at c remote add peer ../peer &&
	at c remote add hub ../hub.git &&
	craft_plant c/.zdh peer/.zdh &&
	at c pull peer >/dev/null 2>&1 &&
	at c pull hub >/dev/null 2>&1 &&
	at c export >c.json &&
	test_cmp a.json c.json
'

test_expect_success 'a seen naming an event no log holds: valid (the receiver may not hold it yet), but verify names it' '
	zdh init --replica nanxi --prefix NX peer2 >/dev/null &&
	at peer2 issue add "另一件" >/dev/null &&
	CRAFT_REPLICA=nanxi &&
	t2=$(craft peer2/.zdh "$(git --git-dir=peer2/.zdh rev-parse refs/zdh/log/nanxi)" seen 0123456789abcdef0123456789abcdef01234567) &&
	CRAFT_REPLICA=yanan &&
	git --git-dir=peer2/.zdh update-ref refs/zdh/log/nanxi "$t2" &&
	zdh init --replica dongxi --prefix DX d >/dev/null &&
	at d remote add peer2 ../peer2 &&
	at d pull peer2 >/dev/null 2>err &&
	test_must_be_empty err &&
	test_expect_code 1 zdh -C d verify >out 2>err &&
	cat >expect <<-EOF &&
	zdh: refs/zdh/log/nanxi: commit $(echo $t2 | cut -c1-12): seen names 0123456789ab, an event no log here holds
	zdh: 1 event names as seen an event no log here holds
	EOF
	test_cmp expect err
'

test_expect_success 'git fsck --strict names what the rules name (bad dates, ..)' '
	test_must_fail git --git-dir=peer/.zdh fsck --strict >out 2>&1 &&
	grep -i "date" out &&
	grep "hasDotdot" out
'

# A hub that names our tip by a line nothing else takes for a parent: the
# copy's walk must read it as the other readers do, or it would take the
# log as a fast-forward and move ours onto a history without our events.
# git fsck refuses such a line: the pull is refused whole (t9998).
test_expect_success 'a remote tip naming ours by a malformed parent line: refused, ours unchanged' '
	git init -q --bare hub8.git &&
	zdh init --replica xinqiao --prefix XQ xq8 >/dev/null &&
	at xq8 issue add "一" >/dev/null &&
	at xq8 issue add "二" >/dev/null &&
	at xq8 remote add hub ../hub8.git &&
	at xq8 push -q hub &&
	zdh clone hub8.git ya8 --replica yanan --prefix YA -q &&
	tip=$(git --git-dir=hub8.git rev-parse refs/zdh/log/xinqiao) &&
	git --git-dir=hub8.git cat-file commit $tip |
		sed "s/^parent .*\$/parent $tip /" >c.raw &&
	grep "^parent $tip \$" c.raw &&
	c=$(git --git-dir=hub8.git hash-object -t commit -w --literally --stdin <c.raw) &&
	git --git-dir=hub8.git pack-refs --all &&
	sed -i "/refs\/zdh\/log\/xinqiao/d" hub8.git/packed-refs &&
	mkdir -p hub8.git/refs/zdh/log &&
	echo $c >hub8.git/refs/zdh/log/xinqiao &&
	test_expect_code 128 zdh -C ya8 pull origin 2>err &&
	grep "^zdh: origin sent object $c, which git fsck refuses (a bad parent line)" err &&
	test "$(git --git-dir=ya8/.zdh rev-parse refs/zdh/log/xinqiao)" = "$tip" &&
	test_must_fail git --git-dir=ya8/.zdh rev-parse -q --verify refs/zdh/diverged/origin/xinqiao &&
	at ya8 issue list --format csv >list &&
	grep "^XQ-1," list && grep "^XQ-2," list
'

test_expect_success 'a new remote log whose parent line follows its author line: refused, the replica works' '
	tip=$(git --git-dir=xq8/.zdh rev-parse refs/zdh/log/xinqiao) &&
	fake=1234567890123456789012345678901234567890 &&
	git --git-dir=hub8.git cat-file commit $tip |
		awk -v f=$fake "/^parent /{next} {print} /^author /{print \"parent \" f}" >c2.raw &&
	c2=$(git --git-dir=hub8.git hash-object -t commit -w --literally --stdin <c2.raw) &&
	mkdir -p hub8.git/refs/zdh/log &&
	echo $c2 >hub8.git/refs/zdh/log/evil &&
	# (git fsck refuses it: the whole pull, t9998)
	test_expect_code 128 zdh -C ya8 pull origin 2>err &&
	grep "^zdh: origin sent object $c2, which git fsck refuses (a bad or missing committer line)" err &&
	test_must_fail git --git-dir=ya8/.zdh rev-parse --verify -q refs/zdh/log/evil &&
	test "$(git --git-dir=ya8/.zdh rev-parse refs/zdh/log/xinqiao)" = "$tip" &&
	at ya8 issue list --format csv >list &&
	grep "^XQ-1," list
'

# A blob of 300,000,000 zero bytes is 300 KB in the peer's folder; read
# whole, as every object is, it took 600 MB of the office's memory (4 GiB
# of zeros, 4 MiB, would take 8 GB).  No object of a zdh repository is
# larger than 256 MiB (an attachment's hard limit): one larger is not read.
test_expect_success 'a peer attachment larger than any zdh keeps: the pull fails naming it, nothing moved' '
	zdh init --replica yanan --prefix YA big >/dev/null &&
	at big issue add "大附件" >/dev/null &&
	tip=$(CRAFT_REPLICA=yanan craft big/.zdh $(git --git-dir=big/.zdh rev-parse refs/zdh/log/yanan) bigblob 300000000) &&
	git --git-dir=big/.zdh update-ref refs/zdh/log/yanan $tip &&
	zdh init --replica xinqiao --prefix XQ victim >/dev/null &&
	at victim issue add "本地的事" >/dev/null &&
	at victim remote add big ../big &&
	git --git-dir=victim/.zdh for-each-ref >refs.before &&
	test_expect_code 128 at victim pull big 2>err &&
	one_line_error err &&
	grep "is larger than zdh reads (300000000 bytes; at most 268435456)" err &&
	git --git-dir=victim/.zdh for-each-ref >refs.after &&
	test_cmp refs.before refs.after &&
	test_expect_code 128 zdh clone big/.zdh victim2 --replica v2 --prefix VB -q 2>err &&
	grep "is larger than zdh reads" err &&
	test ! -e victim2
'

# The same log on a folder that also holds an honest office's: the copy of
# both together fails, then each is copied alone; the honest one is taken,
# the other named and skipped, pull exits 1 (as through libgit2: t5170)
test_expect_success 'beside an honest log, that log is skipped, named; the honest one is taken, exit 1' '
	zdh init --replica hongkou --prefix HK honest >/dev/null &&
	at honest issue add "井盖松动" >/dev/null &&
	at big remote add honest ../honest &&
	at big pull -q honest &&
	git --git-dir=big/.zdh update-ref refs/zdh/log/yanan $tip &&
	test_expect_code 1 at victim pull big >out 2>err &&
	test_line_count = 1 err &&
	grep "^zdh: refs/zdh/log/yanan from big cannot be copied (.*is larger than zdh reads.*); skipped\$" err &&
	test "$(git --git-dir=victim/.zdh rev-parse refs/zdh/log/hongkou)" = \
	     "$(git --git-dir=honest/.zdh rev-parse refs/zdh/log/hongkou)" &&
	test_must_fail git --git-dir=victim/.zdh rev-parse -q --verify refs/zdh/log/yanan &&
	test_must_fail git --git-dir=victim/.zdh rev-parse -q --verify refs/zdh/remotes/big/yanan &&
	at victim issue list --format csv >list &&
	grep "井盖松动" list &&
	git --git-dir=victim/.zdh fsck --strict 2>fsck.err &&
	at victim verify
'

test_done
