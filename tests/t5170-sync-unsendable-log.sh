#!/bin/sh
# A peer's log holding a commit git cannot parse (its tree line after the
# committer: "bogus commit object"), which zdh's own copy from a folder
# takes (the rules find it invalid) but libgit2 cannot send: a push of
# every log failed whole (exit 128), this office's own log too, and a
# hub holding such a log (put there with plain git) failed every pull
# from it through libgit2.  Now the logs go one at a time after such a
# failure: the one that cannot go is named and skipped (exit 1), the
# others are exchanged.
test_description='a log git cannot send does not keep the others'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: a peer whose log ends in a commit git cannot parse; an office pulls it' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq issue add "路灯不亮" >/dev/null &&
	craft_peer "噪音" &&
	c=$(craft ya/.zdh "$(craft_tip)" valid) &&
	git --git-dir=ya/.zdh cat-file commit "$c" | sed "/^tree /{h;d};/^committer /G" >bogus.raw &&
	bogus=$(git --git-dir=ya/.zdh hash-object -t commit -w --literally --stdin <bogus.raw) &&
	test_must_fail git --git-dir=ya/.zdh log -1 "$bogus" &&
	mkdir -p ya/.zdh/refs/zdh/log &&
	echo "$bogus" >ya/.zdh/refs/zdh/log/yanan &&
	at xq remote add ya ../ya &&
	# (planted by hand, as an older zdh took them: a pull refuses them now, t9998)
	craft_plant xq/.zdh ya/.zdh &&
	at xq pull ya >/dev/null 2>err &&
	grep "invalid event (event: " err &&
	test "$(git --git-dir=xq/.zdh rev-parse refs/zdh/log/yanan)" = "$bogus"
'

test_expect_success 'push: the office.s own log is sent, the one that cannot go named, exit 1' '
	git init -q --bare hub.git &&
	at xq remote add hub ../hub.git &&
	test_expect_code 1 zdh -C xq push -v hub >out 2>err &&
	grep "^zdh: refs/zdh/log/yanan cannot be sent to hub (.*); the other logs are sent\$" err &&
	test_line_count = 1 err &&
	echo "pushed 1 log to hub" >expect &&
	test_cmp expect out &&
	test "$(git --git-dir=hub.git rev-parse refs/zdh/log/xinqiao)" = \
	     "$(git --git-dir=xq/.zdh rev-parse refs/zdh/log/xinqiao)"
'

test_expect_success DAEMON 'setup: the hub, with the bad log put there by plain git, served by git daemon' '
	cp "ya/.zdh/objects/$(echo $bogus | cut -c1-2)/$(echo $bogus | cut -c3-)" bogus.obj &&
	for id in $(git --git-dir=ya/.zdh rev-list --all 2>/dev/null; git --git-dir=ya/.zdh cat-file --batch-all-objects --batch-check="%(objectname)")
	do
		d=$(echo $id | cut -c1-2) f=$(echo $id | cut -c3-) &&
		if test -f "ya/.zdh/objects/$d/$f" && ! test -f "hub.git/objects/$d/$f"
		then
			mkdir -p "hub.git/objects/$d" && cp "ya/.zdh/objects/$d/$f" "hub.git/objects/$d/$f"
		fi || return 1
	done &&
	mkdir -p hub.git/refs/zdh/log &&
	echo "$bogus" >hub.git/refs/zdh/log/yanan &&
	start_daemon &&
	test_set_prereq UP
'

test_expect_success UP 'pull over git://: the other logs are taken, the bad one named, exit 1' '
	zdh init --replica jiangning --prefix JN jn >/dev/null &&
	at jn remote add hub "$URL" &&
	test_expect_code 1 zdh -C jn pull hub >out 2>err &&
	grep "^zdh: refs/zdh/log/yanan from hub cannot be fetched (.*); skipped\$" err &&
	test_line_count = 1 err &&
	at jn issue list --format csv >list &&
	grep "^XQ-1," list &&
	test_must_fail git --git-dir=jn/.zdh rev-parse --verify -q refs/zdh/log/yanan
'

test_expect_success UP 'a clone of that hub is made, with the same line; exit 1' '
	test_expect_code 1 zdh clone "$URL" nj --replica nanjing --prefix NJ -q 2>err &&
	grep "refs/zdh/log/yanan from origin cannot be fetched" err &&
	at nj issue list --format csv >list &&
	grep "^XQ-1," list
'

stop_daemon
test_done
