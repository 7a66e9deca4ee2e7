#!/bin/sh
# zdh log, verify, export, reindex; the log as plain git sees it; a
# damaged or rewritten log; a lost or broken index.
. "$(dirname "$0")/lib.sh"

zdh_as () {	# zdh_as NAME ARGS...: run zdh as another staff member
	test_as_name_=$1
	shift
	env ZDH_USER_NAME="$test_as_name_" ZDH_USER_EMAIL=other@example.org "$ZDH" "$@"
}

# ids FILE: the first record id of each line of FILE that has one
ids () {
	awk 'match($0, /XQ-O[0-9]+/) { print substr($0, RSTART, RLENGTH) }' "$1"
}

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind area 新桥 --date 2024-01-01 >/dev/null &&
	zdh_as 李四 org add --kind area 延安公寓 --date 2024-03-01 >/dev/null &&
	zdh org add --kind area 天津路426弄 --date 2024-02-01 >/dev/null &&
	zdh_as 李四 org edit 新桥 --code 310101002 -m 补录 --date 2024-02-15 &&
	zdh org add --kind dept 派出所 --date 2024-02-20 >/dev/null
'

test_expect_success 'log: every event, newest happened first' '
	zdh log >out &&
	ids out >actual &&
	printf "%s\n" XQ-O2 XQ-O4 XQ-O1 XQ-O3 XQ-O1 >expect &&
	test_cmp expect actual &&
	grep 2024-03-01 out &&
	grep 李四 out &&
	grep 测试员 out
'

test_expect_success 'log -n' '
	zdh log -n 2 >out &&
	ids out >actual &&
	printf "%s\n" XQ-O2 XQ-O4 >expect &&
	test_cmp expect actual
'

test_expect_success 'log --record' '
	zdh log --record XQ-O1 >out &&
	ids out >actual &&
	printf "%s\n" XQ-O1 XQ-O1 >expect &&
	test_cmp expect actual
'

test_expect_success 'log --author' '
	zdh log --author 李四 >out &&
	ids out >actual &&
	printf "%s\n" XQ-O2 XQ-O1 >expect &&
	test_cmp expect actual &&
	! grep 测试员 out
'

test_expect_success 'log --since and --until (dates inclusive)' '
	zdh log --since 2024-02-01 --until 2024-02-20 >out &&
	ids out >actual &&
	printf "%s\n" XQ-O4 XQ-O1 XQ-O3 >expect &&
	test_cmp expect actual
'

test_expect_success 'log --kind org' '
	zdh log --kind org >out &&
	ids out >actual &&
	printf "%s\n" XQ-O2 XQ-O4 XQ-O1 XQ-O3 XQ-O1 >expect &&
	test_cmp expect actual
'

test_expect_success 'log filters combine' '
	zdh log --author 测试员 --since 2024-02-01 -n 1 >out &&
	ids out >actual &&
	echo XQ-O4 >expect &&
	test_cmp expect actual
'

test_expect_success 'log with nothing matching prints nothing and succeeds' '
	zdh log --author 王五 >out &&
	! grep XQ-O out
'

test_expect_success PYTHON 'log --json parses' '
	zdh log --json >out &&
	json_ok <out &&
	grep XQ-O4 out
'

test_expect_success 'log with a bad date is refused' '
	test_expect_code 1 zdh log --since "the day before" >out 2>err &&
	test_must_be_empty out &&
	grep "^zdh: " err
'

test_expect_success 'verify a clean repository' '
	zdh verify >out 2>&1 &&
	grep "verified 1 logs*, 5 events" out &&
	zdh verify --quiet >out 2>&1 &&
	test_must_be_empty out
'

test_expect_success 'plain git tells the story: one commit per event, linear' '
	echo 5 >expect &&
	git --git-dir=.zdh rev-list --count refs/zdh/log/xinqiao >actual &&
	test_cmp expect actual &&
	git --git-dir=.zdh rev-list --merges refs/zdh/log/xinqiao >merges &&
	test_must_be_empty merges &&
	git --git-dir=.zdh rev-list --max-parents=0 refs/zdh/log/xinqiao >roots &&
	test_line_count = 1 roots &&
	git --git-dir=.zdh fsck --strict
'

test_expect_success 'plain git shows authors and when it happened' '
	git --git-dir=.zdh log --format="%an|%ad" --date=short refs/zdh/log/xinqiao >actual &&
	cat >expect <<-\EOT &&
	测试员|2024-02-20
	李四|2024-02-15
	测试员|2024-02-01
	李四|2024-03-01
	测试员|2024-01-01
	EOT
	test_cmp expect actual
'

test_expect_success 'every event has the empty tree (no attachments here)' '
	empty=$(git --git-dir=.zdh hash-object -t tree /dev/null) &&
	git --git-dir=.zdh log --format=%T refs/zdh/log/xinqiao | sort -u >actual &&
	echo "$empty" >expect &&
	test_cmp expect actual
'

test_expect_success PYTHON 'each message: a summary, a blank line, canonical JSON' '
	for c in $(git --git-dir=.zdh rev-list refs/zdh/log/xinqiao)
	do
		git --git-dir=.zdh cat-file commit $c >commit &&
		python3 -c "
import json, sys
raw = open(\"commit\", \"rb\").read().decode(\"utf-8\")
msg = raw.split(\"\\n\\n\", 1)[1]
lines = msg.rstrip(\"\\n\").split(\"\\n\")
assert len(lines) == 3, \"want summary, blank, json: %r\" % lines
summary, blank, text = lines
assert summary.strip() and not summary.startswith(\"{\"), summary
assert blank == \"\", blank
ev = json.loads(text)
assert isinstance(ev, dict)
canon = json.dumps(ev, sort_keys=True, separators=(\",\", \":\"), ensure_ascii=False)
assert canon == text, \"not canonical:\\n%s\\n%s\" % (text, canon)
" || { echo "commit $c"; return 1; }
	done
'

test_expect_success 'each event names its replica, record and kind' '
	for c in $(git --git-dir=.zdh rev-list refs/zdh/log/xinqiao)
	do
		git --git-dir=.zdh log -1 --format=%B $c >msg &&
		grep "\"xinqiao\"" msg &&
		grep "\"org\"" msg &&
		grep "\"XQ-O[0-9]\"" msg || { echo "commit $c"; return 1; }
	done
'

test_expect_success 'export is deterministic' '
	zdh export >export1 &&
	zdh export >export2 &&
	test_cmp export1 export2 &&
	grep "\"format\": *1" export1
'

test_expect_success PYTHON 'export: every org, sorted by id' '
	python3 -c "
import json
d = json.load(open(\"export1\"))
assert d[\"format\"] == 1
orgs = d[\"records\"][\"org\"]
ids = [o[\"id\"] for o in orgs]
assert ids == [\"XQ-O1\", \"XQ-O2\", \"XQ-O3\", \"XQ-O4\"], ids
"
'

test_expect_success 'export does not depend on the reader: locale, time zone, identity' '
	env LC_ALL=C TZ=America/New_York ZDH_USER_NAME=王五 "$ZDH" export >actual &&
	test_cmp export1 actual
'

test_expect_success 'index.db deleted: every command still works, export identical' '
	rm -f .zdh/index.db &&
	zdh export >actual &&
	test_cmp export1 actual &&
	rm -f .zdh/index.db &&
	zdh org list >/dev/null &&
	zdh export >actual &&
	test_cmp export1 actual
'

test_expect_success 'index.db deleted, then a write: nothing lost' '
	rm -f .zdh/index.db &&
	zdh org add --kind unit 上海博物馆 >id &&
	echo XQ-O5 >expect &&
	test_cmp expect id &&
	zdh org list --format csv >out &&
	grep "^XQ-O1,area,新桥," out &&
	grep "^XQ-O5,unit,上海博物馆," out &&
	zdh export >export1
'

test_expect_success 'reindex: export identical' '
	zdh reindex >out 2>&1 &&
	grep "reindexed 6 events from 1 logs*" out &&
	zdh export >actual &&
	test_cmp export1 actual
'

test_expect_success 'index.db replaced by garbage: next command still works' '
	printf "this is not a database\n" >.zdh/index.db &&
	zdh org list >out &&
	grep 上海博物馆 out &&
	zdh export >actual &&
	test_cmp export1 actual
'

test_expect_success 'index.db truncated: next command still works' '
	>.zdh/index.db &&
	zdh export >actual &&
	test_cmp export1 actual
'

test_expect_success 'index behind the log (plain git moved the ref): caught up' '
	rm -rf other &&
	mkdir other &&
	cp -R .zdh other/ &&
	zdh -C other replica confirm >/dev/null &&
	zdh -C other org add --kind dept 房管办 >id &&
	zdh -C other export >expect &&
	git --git-dir=.zdh fetch -q other/.zdh refs/zdh/log/xinqiao:refs/zdh/log/xinqiao &&
	zdh export >actual &&
	test_cmp expect actual &&
	zdh export >export1
'

# abbrev ID: the first 7 hex digits
abbrev () {
	echo "$1" | cut -c1-7
}

test_expect_success 'a foreign commit appended by plain git: verify names it' '
	damaged d1 &&
	tip=$(git --git-dir=d1/.zdh rev-parse refs/zdh/log/xinqiao) &&
	empty=$(git --git-dir=d1/.zdh hash-object -w -t tree /dev/null) &&
	bad=$(echo "hello from plain git" | git --git-dir=d1/.zdh commit-tree -p "$tip" "$empty") &&
	git --git-dir=d1/.zdh update-ref refs/zdh/log/xinqiao "$bad" "$tip" &&
	test_expect_code 1 zdh -C d1 verify >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 2 err &&
	grep "^zdh: refs/zdh/log/xinqiao: commit $(abbrev $bad)[0-9a-f]*: " err &&
	# the reason whole (it was once formatted over itself)
	grep ": invalid event (event: not a zdh event (no JSON after the summary))$" err &&
	tail -n 1 err >last &&
	echo "zdh: 1 invalid event: it has no effect on any record" >expect &&
	test_cmp expect last
'

test_expect_success 'reindex keeps the foreign commit as invalid with one warning and keeps the rest' '
	zdh -C d1 export >before.json &&
	zdh -C d1 reindex >out 2>err &&
	test_line_count = 1 err &&
	grep "^zdh: warning: refs/zdh/log/xinqiao: commit $(abbrev $bad)[0-9a-f]*: invalid event (event: not a zdh event (no JSON after the summary)); it has no effect" err &&
	zdh -C d1 export >after.json &&
	test_cmp before.json after.json
'

test_expect_success 'an event whose JSON is valid but not canonical: kept as invalid with its data, named by verify' '
	damaged d6 &&
	tip=$(git --git-dir=d6/.zdh rev-parse refs/zdh/log/xinqiao) &&
	git --git-dir=d6/.zdh cat-file commit "$tip" >commit &&
	# the same event one clock later, with a comment, its keys out of order
	sed -n "/^{/p" commit | perl -MJSON::PP -e '"'"'
		my $e = JSON::PP->new->decode(scalar <STDIN>);
		$e->{clock}++; $e->{seen} = $ARGV[0]; $e->{op} = "edit";
		$e->{data} = { set => { code => "310101009" } };
		my @k = reverse sort keys %$e;
		print "{", join(",", map { JSON::PP->new->canonical->encode([$_])
			=~ s/^\[|\]$//gr . ":" . JSON::PP->new->canonical->encode($e->{$_}) } @k), "}";
	'"'"' "$tip" >event.json &&
	grep "^{\"v\":2," event.json &&
	author=$(sed -n "s/^author \(.*\) <\(.*\)> \([0-9]* [-+][0-9]*\)$/\1|\2|\3/p" commit) &&
	name=${author%%|*} && rest=${author#*|} && email=${rest%%|*} && when=${rest#*|} &&
	record=$(perl -MJSON::PP -e "print JSON::PP->new->decode(scalar <STDIN>)->{record}" <event.json) &&
	new=$( { printf "org edit %s\n\n" "$record"; cat event.json; echo; } |
		GIT_AUTHOR_NAME="$name" GIT_AUTHOR_EMAIL="$email" GIT_AUTHOR_DATE="$when" \
		GIT_COMMITTER_NAME="$name" GIT_COMMITTER_EMAIL="$email" GIT_COMMITTER_DATE="$when" \
		git --git-dir=d6/.zdh commit-tree -p "$tip" 4b825dc642cb6eb9a060e54bf8d69288fbee4904) &&
	git --git-dir=d6/.zdh update-ref refs/zdh/log/xinqiao "$new" "$tip" &&
	zdh -C d6 reindex >/dev/null 2>err &&
	grep "invalid event (canonical: the event.s JSON is not canonical); it has no effect" err &&
	zdh -C d6 log -n 1 --json >log.json &&
	grep "\"code\": \"310101009\"" log.json &&
	grep "\"invalid\": true" log.json &&
	zdh -C d6 org show "$record" >show &&
	grep "\[invalid: canonical: the event.s JSON is not canonical\]" show &&
	zdh -C d6 export >state.json &&
	! grep 310101009 state.json &&
	test_expect_code 1 zdh -C d6 verify >out 2>err &&
	grep "not canonical" err
'

test_expect_success 'verify --quiet still reports the problem and exits 1' '
	test_expect_code 1 zdh -C d1 verify --quiet >out 2>err &&
	test_must_be_empty out &&
	grep "$(abbrev $bad)" err
'

test_expect_success 'the log moved back by plain git: verify clean, export as before' '
	git --git-dir=d1/.zdh update-ref refs/zdh/log/xinqiao "$tip" "$bad" &&
	zdh -C d1 verify &&
	zdh -C d1 export >actual &&
	test_cmp export1 actual
'

test_expect_success 'a merge commit on the log: verify names it' '
	damaged d2 &&
	tip=$(git --git-dir=d2/.zdh rev-parse refs/zdh/log/xinqiao) &&
	empty=$(git --git-dir=d2/.zdh hash-object -w -t tree /dev/null) &&
	side=$(echo "side" | git --git-dir=d2/.zdh commit-tree "$empty") &&
	git --git-dir=d2/.zdh cat-file commit "$tip" | sed "1,/^$/d" >msg &&
	merge=$(git --git-dir=d2/.zdh commit-tree -p "$tip" -p "$side" -F msg "$empty") &&
	git --git-dir=d2/.zdh update-ref refs/zdh/log/xinqiao "$merge" "$tip" &&
	test_expect_code 1 zdh -C d2 verify >out 2>err &&
	test_must_be_empty out &&
	grep "^zdh: refs/zdh/log/xinqiao: commit [0-9a-f]*: " err &&
	grep -e "$(abbrev $merge)" -e "$(abbrev $side)" err
'

test_expect_success 'an unrelated history forced onto the ref: verify names it' '
	damaged d3 &&
	empty=$(git --git-dir=d3/.zdh hash-object -w -t tree /dev/null) &&
	root=$(echo "another story" | git --git-dir=d3/.zdh commit-tree "$empty") &&
	next=$(echo "and more of it" | git --git-dir=d3/.zdh commit-tree -p "$root" "$empty") &&
	git --git-dir=d3/.zdh update-ref refs/zdh/log/xinqiao "$next" &&
	test_expect_code 1 zdh -C d3 verify >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 3 err &&
	grep "^zdh: refs/zdh/log/xinqiao: commit $(abbrev $root)[0-9a-f]*: invalid event" err &&
	grep "^zdh: refs/zdh/log/xinqiao: commit $(abbrev $next)[0-9a-f]*: invalid event" err &&
	grep "^zdh: 2 invalid events" err
'

test_expect_success 'another replica'\''s log forced onto ours: verify names it' '
	mkdir wrong &&
	zdh init --replica yanan --prefix YA wrong >/dev/null 2>&1 &&
	zdh -C wrong org add --kind area 延安公寓 >/dev/null &&
	damaged d4 &&
	git --git-dir=d4/.zdh fetch -q wrong/.zdh +refs/zdh/log/yanan:refs/zdh/log/xinqiao &&
	theirs=$(git --git-dir=d4/.zdh rev-parse refs/zdh/log/xinqiao) &&
	test_expect_code 1 zdh -C d4 verify >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 2 err &&
	grep "^zdh: refs/zdh/log/xinqiao: commit $(abbrev $theirs)[0-9a-f]*: invalid event (replica: event of replica .yanan. on the log of .xinqiao.)$" err
'

test_expect_success 'a missing object: verify fails' '
	damaged d5 &&
	tip=$(git --git-dir=d5/.zdh rev-parse refs/zdh/log/xinqiao) &&
	git --git-dir=d5/.zdh repack -q -a -d &&
	git --git-dir=d5/.zdh cat-file commit "$tip" >commit &&
	parent=$(sed -n "s/^parent //p" commit) &&
	git --git-dir=d5/.zdh cat-file commit "$parent" >/dev/null &&
	mkdir d5/hold &&
	mv d5/.zdh/objects/pack/* d5/hold/ &&
	for p in d5/hold/*.pack
	do
		git --git-dir=d5/.zdh unpack-objects -q <"$p" || return 1
	done &&
	rm -f d5/.zdh/objects/$(echo $parent | cut -c1-2)/$(echo $parent | cut -c3-) &&
	test_must_fail zdh -C d5 verify >out 2>err &&
	test_must_be_empty out &&
	grep "^zdh: " err
'

test_expect_success 'a missing object: reindex fails in one line and keeps nothing half-built' '
	test_must_fail zdh -C d5 reindex >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: .*$(abbrev $parent)" err &&
	test_must_fail zdh -C d5 reindex 2>err2 &&
	test_cmp err err2
'

test_expect_success 'the original repository was never touched by all that' '
	zdh verify &&
	zdh export >actual &&
	test_cmp export1 actual
'

test_done
