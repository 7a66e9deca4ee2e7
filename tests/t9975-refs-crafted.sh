#!/bin/sh
# Every field that names another record names it by its id, as the
# commands write it (they check the record is there).  A peer's event may
# name anything: an empty text, an id in lower case, another kind's id (an
# org's where an issue is meant).  The fold refuses those, as t9973 does a
# link's, with the words the commands use ("XQ-O1 is an org, not an
# issue"): the event is kept, without effect.  Only the id's form is
# judged, never that its record is here: it may come later by another log.
test_description='a reference a peer crafted to no id of its kind has no effect'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

# crafted KIND RECORD OP DATA: an event on this replica's own log, by plain git
crafted () {
	tip=$(git --git-dir=.zdh rev-parse refs/zdh/log/xinqiao) &&
	new=$(craft .zdh "$tip" event "$@") &&
	git --git-dir=.zdh update-ref refs/zdh/log/xinqiao "$new" "$tip"
}

# three bad values for a reference to KIND: empty, lower case, OTHER's id
# (the template's @ stands for the value), each on the record RECORD$n
bad3 () {
	for bad3_v in "" "$2" "$3"
	do
		n=$((n + 1)) &&
		bad3_r=$4 &&
		case "$4" in *-[A-Z]) bad3_r=$4$n ;; esac &&
		crafted "$1" "$bad3_r" "$5" "$(printf "%s" "$6" | sed "s/@/$bad3_v/")" || return 1
	done
}

# record op effect note, of the events after the setup, oldest first
notes () {
	zdh log --json >log.json &&
	perl -MJSON::PP -e '
		my $j = JSON::PP->new->utf8->decode(do { local $/; <STDIN> });
		binmode STDOUT, ":utf8";
		for my $e (reverse @$j) {
			next unless $e->{clock} > $ARGV[0];
			print join(" ", $e->{record}, $e->{op}, $e->{effect} ? "effect" : "no-effect",
				$e->{note} // ""), "\n";
		}' "$(cat setup.clock)" <log.json
}

test_expect_success 'setup: an area, a dept, an issue, an offer, a fund, a council' '
	zdh init --replica xinqiao --prefix XQ r >/dev/null &&
	cd r &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 房管办 >/dev/null &&
	zdh issue add "楼道灯坏了" --area 新桥 >/dev/null &&
	zdh menu offer add 助老 --provider 房管办 --category elderly >/dev/null &&
	zdh fund set --area 新桥 --year 2026 1000 >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 >/dev/null &&
	zdh log --json | sed -n "s/^    \"clock\": \([0-9]*\),/\1/p" | head -1 >setup.clock
'

test_expect_success 'the menu: a need'\''s issue, a pairing'\''s need and offer, a delivery'\''s, a take'\''s pairing' '
	cd r && n=0 &&
	s="\"area\":\"XQ-O1\",\"category\":\"elderly\",\"title\":\"助浴\"" &&
	bad3 need xq-1 XQ-O1 XQ-N add "{\"set\":{$s,\"issue\":\"@\"}}" &&
	t="\"from\":\"2026-01-01\",\"until\":\"2026-12-31\"" &&
	bad3 pairing xq-n1 XQ-F1 XQ-P add "{\"set\":{\"need\":\"@\",\"offer\":\"XQ-F1\",$t}}" &&
	bad3 pairing xq-f1 XQ-N1 XQ-P add "{\"set\":{\"need\":\"XQ-N1\",\"offer\":\"@\",$t}}" &&
	bad3 delivery xq-f1 XQ-N1 XQ-Y add "{\"set\":{\"day\":\"2026-11-01\",\"offer\":\"@\"}}" &&
	bad3 delivery xq-p1 XQ-Y1 XQ-Y add "{\"set\":{\"day\":\"2026-11-01\",\"offer\":\"XQ-F1\",\"pairing\":\"@\"}}" &&
	bad3 delivery xq-n1 XQ-P1 XQ-Y add "{\"set\":{\"day\":\"2026-11-01\",\"need\":\"@\",\"offer\":\"XQ-F1\"}}" &&
	bad3 offer xq-p1 XQ-Y1 XQ-F1 take "{$t,\"pairing\":\"@\"}" &&
	crafted need XQ-N99 add "{\"set\":{$s,\"issue\":\"YA-7\"}}" &&
	notes >actual &&
	cat >expect <<-\EOT &&
	XQ-N1 add no-effect issue is empty
	XQ-N2 add no-effect '\''xq-1'\'' is not the id of an issue
	XQ-N3 add no-effect XQ-O1 is an org, not an issue
	XQ-P4 add no-effect need is empty
	XQ-P5 add no-effect '\''xq-n1'\'' is not the id of a need
	XQ-P6 add no-effect XQ-F1 is an offer, not a need
	XQ-P7 add no-effect offer is empty
	XQ-P8 add no-effect '\''xq-f1'\'' is not the id of an offer
	XQ-P9 add no-effect XQ-N1 is a need, not an offer
	XQ-Y10 add no-effect offer is empty
	XQ-Y11 add no-effect '\''xq-f1'\'' is not the id of an offer
	XQ-Y12 add no-effect XQ-N1 is a need, not an offer
	XQ-Y13 add no-effect pairing is empty
	XQ-Y14 add no-effect '\''xq-p1'\'' is not the id of a pairing
	XQ-Y15 add no-effect XQ-Y1 is a delivery, not a pairing
	XQ-Y16 add no-effect need is empty
	XQ-Y17 add no-effect '\''xq-n1'\'' is not the id of a need
	XQ-Y18 add no-effect XQ-P1 is a pairing, not a need
	XQ-F1 take no-effect a place is taken by a pairing for a term (from, until)
	XQ-F1 take no-effect '\''xq-p1'\'' is not the id of a pairing
	XQ-F1 take no-effect XQ-Y1 is a delivery, not a pairing
	XQ-N99 add effect 
	EOT
	test_cmp expect actual &&
	zdh menu show XQ-F1 --json >f1.json &&
	! grep "\"places\"" f1.json
'

test_expect_success 'a visit'\''s issue, a project'\''s decision, a spend'\''s project' '
	cd r && n=18 && notes >before &&
	v="\"area\":\"XQ-O1\",\"day\":\"2026-11-05\",\"dept\":\"XQ-O2\",\"liaison\":\"王强\",\"notes\":\"回访\"" &&
	bad3 visit xq-1 XQ-O1 XQ-V add "{\"set\":{$v,\"issue\":\"@\"}}" &&
	bad3 project xq-d1 XQ-M1 XQ-J add "{\"set\":{\"area\":\"XQ-O1\",\"decision\":\"@\",\"kind\":\"micro\",\"title\":\"铁门\",\"year\":2026}}" &&
	bad3 fund xq-j1 XQ-B1 XQ-B1 spend "{\"amount\":100,\"item\":\"门\",\"project\":\"@\"}" &&
	crafted visit XQ-V99 add "{\"set\":{$v,\"issue\":\"YA-7\"}}" &&
	notes >all && sed "1,$(wc -l <before)d" all >actual &&
	cat >expect <<-\EOT &&
	XQ-V19 add no-effect '\'''\'' is not the id of an issue
	XQ-V20 add no-effect '\''xq-1'\'' is not the id of an issue
	XQ-V21 add no-effect XQ-O1 is an org, not an issue
	XQ-J22 add no-effect decision is empty
	XQ-J23 add no-effect '\''xq-d1'\'' is not the id of a decision
	XQ-J24 add no-effect XQ-M1 is a meeting, not a decision
	XQ-B1 spend no-effect project is empty
	XQ-B1 spend no-effect '\''xq-j1'\'' is not the id of a project
	XQ-B1 spend no-effect XQ-B1 is a fund, not a project
	XQ-V99 add effect 
	EOT
	test_cmp expect actual &&
	zdh fund show --json >b.json &&
	grep "\"spent\": 0" b.json
'

test_expect_success 'councils: a charter'\''s decision, a meeting'\''s council and agenda, a decision'\''s and an action'\''s' '
	cd r && n=30 && notes >before &&
	c="\"from\":\"2026-01-01\",\"majority\":{\"general\":\"simple\"},\"quorum\":\"2/3\",\"version\":1,\"voters\":[\"member\"]" &&
	bad3 council xq-d1 XQ-A1 XQ-C1 charter "{\"charter\":{$c,\"decision\":\"@\"}}" &&
	m="\"date\":\"2026-11-08\",\"kind\":\"regular\"" &&
	bad3 meeting xq-c1 XQ-O1 XQ-M add "{\"set\":{$m,\"council\":\"@\"}}" &&
	bad3 meeting xq-1 XQ-O1 XQ-M add "{\"agenda\":[{\"issue\":\"@\"}],\"set\":{$m,\"council\":\"XQ-C1\"}}" &&
	r="\"rule\":{\"majority\":\"simple\",\"quorum\":\"1/2\"}" &&
	d="\"date\":\"2026-11-08\",\"motion\":\"装门\",\"type\":\"general\"" &&
	bad3 decision xq-m1 XQ-D1 XQ-D add "{$r,\"set\":{$d,\"council\":\"XQ-C1\",\"meeting\":\"@\"}}" &&
	bad3 decision xq-c1 XQ-M1 XQ-D add "{$r,\"set\":{$d,\"council\":\"@\",\"meeting\":\"XQ-M1\"}}" &&
	bad3 decision xq-1 XQ-O1 XQ-D add "{$r,\"set\":{$d,\"council\":\"XQ-C1\",\"issue\":\"@\",\"meeting\":\"XQ-M1\"}}" &&
	a="\"dept\":\"XQ-O2\",\"text\":\"装门\"" &&
	bad3 action xq-d1 XQ-M1 XQ-A add "{\"set\":{$a,\"council\":\"XQ-C1\",\"decision\":\"@\"}}" &&
	bad3 action xq-c1 XQ-D1 XQ-A add "{\"set\":{$a,\"council\":\"@\",\"decision\":\"XQ-D1\"}}" &&
	bad3 action xq-1 XQ-O1 XQ-A add "{\"set\":{$a,\"council\":\"XQ-C1\",\"decision\":\"XQ-D1\",\"issue\":\"@\"}}" &&
	crafted action XQ-A99 add "{\"set\":{$a,\"council\":\"YA-C1\",\"decision\":\"YA-D1\",\"issue\":\"YA-7\"}}" &&
	notes >all && sed "1,$(wc -l <before)d" all >actual &&
	cat >expect <<-\EOT &&
	XQ-C1 charter no-effect '\'''\'' is not the id of a decision
	XQ-C1 charter no-effect '\''xq-d1'\'' is not the id of a decision
	XQ-C1 charter no-effect XQ-A1 is an action, not a decision
	XQ-M34 add no-effect council is empty
	XQ-M35 add no-effect '\''xq-c1'\'' is not the id of a council
	XQ-M36 add no-effect XQ-O1 is an org, not a council
	XQ-M37 add no-effect issue is empty
	XQ-M38 add no-effect '\''xq-1'\'' is not the id of an issue
	XQ-M39 add no-effect XQ-O1 is an org, not an issue
	XQ-D40 add no-effect meeting is empty
	XQ-D41 add no-effect '\''xq-m1'\'' is not the id of a meeting
	XQ-D42 add no-effect XQ-D1 is a decision, not a meeting
	XQ-D43 add no-effect council is empty
	XQ-D44 add no-effect '\''xq-c1'\'' is not the id of a council
	XQ-D45 add no-effect XQ-M1 is a meeting, not a council
	XQ-D46 add no-effect issue is empty
	XQ-D47 add no-effect '\''xq-1'\'' is not the id of an issue
	XQ-D48 add no-effect XQ-O1 is an org, not an issue
	XQ-A49 add no-effect decision is empty
	XQ-A50 add no-effect '\''xq-d1'\'' is not the id of a decision
	XQ-A51 add no-effect XQ-M1 is a meeting, not a decision
	XQ-A52 add no-effect council is empty
	XQ-A53 add no-effect '\''xq-c1'\'' is not the id of a council
	XQ-A54 add no-effect XQ-D1 is a decision, not a council
	XQ-A55 add no-effect issue is empty
	XQ-A56 add no-effect '\''xq-1'\'' is not the id of an issue
	XQ-A57 add no-effect XQ-O1 is an org, not an issue
	XQ-A99 add effect 
	EOT
	test_cmp expect actual &&
	zdh council show XQ-C1 --json >c.json &&
	! grep "\"charters\"" c.json
'

test_expect_success 'a reindex judges them the same' '
	cd r &&
	notes >before &&
	zdh reindex >/dev/null &&
	notes >after &&
	test_cmp before after
'

test_expect_success 'in Chinese: the notes as the commands say them' '
	cd r &&
	for r in XQ-N3 XQ-N2 XQ-P6 XQ-A51
	do
		zh log --record $r | sed -n "s/.*\[无效果：\(.*\)\]\$/\1/p" || return 1
	done >actual &&
	cat >expect <<-\EOT &&
	新桥 是组织，不是问题
	'\''xq-1'\'' 不是问题的编号
	XQ-F1 是一项服务供给，不是一项服务需求
	XQ-M1 是一次会议，不是一项决议
	EOT
	test_cmp expect actual &&
	test_expect_code 1 zh menu need add 助浴 --area 新桥 --category elderly --issue XQ-O1 2>err &&
	echo "zdh: XQ-O1 是组织，不是问题" >expect &&
	test_cmp expect err &&
	zdh menu need add 助浴 --area 新桥 --category elderly >/dev/null &&
	test_expect_code 1 zh menu pair XQ-F1 XQ-F1 2>err &&
	echo "zdh: XQ-F1 是一项服务供给，不是一项服务需求" >expect &&
	test_cmp expect err
'

test_done
