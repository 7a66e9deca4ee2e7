#!/bin/sh
# tests/bench.sh — `make bench`: speed and size figures for zdh, each beside
# the same work done by Debian's fossil in the same run.  It prints them and
# writes them to bench-results.txt (git-ignored).  It asserts nothing: a
# benchmark reports, the tests assert.  A figure that cannot be measured (a
# command missing or failing) is printed as "not measured: <why>", never
# guessed.
#
# What it measures (sizes can be lowered for a quick try, see below):
#   1. `zdh issue add`, one process per issue, durable (fsync), into an
#      empty repository and into one holding N issues: median and p90 over
#      RUNS runs, each a distinct title; beside `fossil ticket add`.  The
#      ratio of the two is also measured with the runs paired (alternating
#      between the two repositories), since load on a shared machine drifts
#      in the minutes between the two series.
#   2. `zdh issue import` of N issues: issues/s and peak RSS; beside
#      `fossil reconstruct` of N ticket artifacts.
#   3. `zdh issue list --status open` over N issues (--limit 50, and the
#      full list), median of LRUNS runs; `zdh issue show` of an issue with
#      EVN events; beside `fossil ticket show` and `fossil ticket history`.
#   4. `zdh reindex` of about 4*BIG events (BIG closed issues imported,
#      each replayed as add+claim+resolve+close): events/s and peak RSS;
#      beside `fossil rebuild`.
#   5. Repository size per event after `git gc` and `git gc --aggressive`;
#      beside fossil's size per ticket after `fossil rebuild --vacuum`.
#   6. Sync, by path (no network): `zdh clone` of N events with its index
#      built (CRUNS times in turn with git clone --mirror of the same:
#      medians), beside `fossil clone` of the N-ticket repository; `zdh pull`
#      with nothing new (median of SRUNS), beside `fossil pull` and `fossil
#      sync`; `zdh pull` of S1 then S2 new events into the replica holding
#      N (each PRUNS times from the same state, beside `git fetch` of the
#      same into a mirror, in turn: medians; then both once more beside a
#      CPU-bound process, as the clone), and of S1 into an
#      empty-history replica (the cost should follow
#      what is new, not the history), beside `fossil pull` of the same
#      numbers of new tickets into the clone (from a repository
#      reconstructed with them and the clone's project code).
#   Sections 1 and 3 also pair zdh's add and full list with fossil's, run
#   in turn (the targets are ratios).  `sh tests/bench.sh add list` runs
#   only those pairs, on fixtures of their own (see "sections run alone").
#   7. Compressing N events one at a time as the pack writer does, with
#      zlib and libdeflate at a few levels (tests/bench-deflate.c): why
#      import packs use libdeflate at level 1.
#   8. The menu, visits and funds at the source's scale (107 offers, 500
#      needs, 200 liaisons, 19 areas): `menu match` both ways, `visit add`
#      beside `issue add` (interleaved series), `visit import` of a year
#      (6,000 visits, median of 3), `fund show` of 19 areas over 5 years.
#      Runnable alone: `sh tests/bench.sh menu`.
#   9. `zdh issue add` signed (user.signingkey) and unsigned, paired run by
#      run (RUNS each).  Runnable alone: `sh tests/bench.sh sign`.
#  10. `zdh report yearly` and `monthly` on about BENCH_REPORT_EVENTS
#      (1000000) events built by import, warm, beside the same aggregates
#      as one hand-written query in the sqlite3 shell: wall and CPU times
#      and their ratios, peak RSS, and instructions (callgrind) when the
#      repository holds at most 200,000 events.
#      Runnable alone: `sh tests/bench.sh report`.
#  11. Councils (issue 13): one process per event, a meeting with 15
#      attendance entries and a decision with 13 votes (closed), beside
#      `zdh issue add` in the same repository and run; `council show` of a
#      council with 500 meetings and 1,500 decisions; the meetings of a
#      year of 19 councils (456, 38 a month) listed.  Its fixtures are
#      written by tests/bench-council.c through libzdh in one bulk
#      transaction.  Runnable alone: `sh tests/bench.sh council`.
#  12. Reads over 100,000 and then 1,000,000 issues of one repository
#      (issue 16 §3): `issue list --limit 50`, `issue show`, `inbox` of a
#      department with 10,000 claimed issues, and their ratios, also with
#      the runs paired in a copy of the smaller repository and the larger,
#      beside one run's instructions (callgrind) and page faults.  Runnable
#      alone: `sh tests/bench.sh flat` (BENCH_FLAT_SMALL, BENCH_FLAT_LARGE,
#      BENCH_FLAT_DEPT set the sizes).
#  14. Bulk work beside its floors (issue 16 §2): issue import of N
#      issues, reindex and verify of about 4*BIG events, each three times,
#      beside git cat-file --batch of the same objects and SQLite inserting
#      the same rows into the same schema.  `sh tests/bench.sh bulk`.
#   Section 6 runs alone too: `sh tests/bench.sh sync` (fossil's side
#      reconstructed there).
#  13. Repository size alone (issue 16 §4): BENCH_N issues imported and
#      BENCH_SIZE_EVENTS (200) comments on one, bytes an event as written,
#      after `git gc` and `git gc --aggressive`, where they go (.pack,
#      .idx, commit-graph); beside fossil.  `sh tests/bench.sh size`.
#  15. What the rules (core/rules.c) cost: instructions (callgrind) of an
#      import of BENCH_TRUST_N (5000) issues, a reindex of them and one
#      add, for $ZDH and for BASE when given (a binary built without
#      them).  Only alone: `sh tests/bench.sh trust [BASE]`.
#
# Environment: ZDH (binary, default ./zdh), BENCH_N (100000), BENCH_RUNS
# (100), BENCH_LIST_RUNS (20), BENCH_BIG (250000), BENCH_EVENTS (1000),
# BENCH_SYNC_RUNS (20), BENCH_SYNC_SMALL (1000), BENCH_SYNC_LARGE (10000),
# BENCH_RESULTS (file, default ./bench-results.txt).  While `zdh issue` is
# not in the binary, the same figures are taken for `zdh org` (the same
# write path) and labelled so.  POSIX sh; needs perl (Time::HiRes,
# Digest::MD5, Digest::SHA), git, fossil, and /usr/bin/time (package time)
# for peak RSS.

ZDH=${ZDH:-./zdh}
TESTS=$(cd "$(dirname "$0")" && pwd)
case $ZDH in /*) ;; *) ZDH=$(pwd)/$ZDH ;; esac
N=${BENCH_N:-100000}
RUNS=${BENCH_RUNS:-100}
LRUNS=${BENCH_LIST_RUNS:-20}
BIG=${BENCH_BIG:-250000}
EVN=${BENCH_EVENTS:-1000}
RESULTS=${BENCH_RESULTS:-$(pwd)/bench-results.txt}
SRUNS=${BENCH_SYNC_RUNS:-20}
PRUNS=${BENCH_PULL_RUNS:-5}	# the pulls of S1 and S2 new events, each beside git fetch
CRUNS=${BENCH_CLONE_RUNS:-3}	# the clone of N events, beside git clone
S1=${BENCH_SYNC_SMALL:-1000}
S2=${BENCH_SYNC_LARGE:-10000}

work=$(mktemp -d "/tmp/zdh-bench.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM HUP

export ZDH_USER_NAME=bench ZDH_USER_EMAIL=bench@example.org ZDH_PAGER=cat
unset ZDH_DIR ZDH_USER_DEPT
export USER=bench FOSSIL_HOME="$work/fossil-home" FOSSIL_USER=bench
mkdir -p "$FOSSIL_HOME"
export LC_ALL=C.UTF-8
ERR=$work/stderr.log

# --- the timing helper (perl: Time::HiRes, fork/exec) ----------------------
cat >"$work/t.pl" <<'PERL'
use strict; use warnings; use Time::HiRes qw(time);
# t.pl runs N ERRFILE cmd...   run cmd N times ("{i}" in an argument becomes
#   the run number), stdout to /dev/null; print "median p90 min max" in ms.
# t.pl once OUTFILE ERRFILE cmd...   run cmd once; print its wall seconds.
# t.pl alt N ERRFILE cmdA... --- cmdB...   run A then B, N times over (both
#   see the same load); print "medianA medianB" in ms.
# t.pl pairs N ERRFILE DIRA DIRB cmd...   run cmd N times in DIRA and in
#   DIRB alternately (so both see the same load); print "medianA medianB" in ms.
# On failure print "FAIL <exit status> <command>" and exit 1.
my $mode = shift;
my $dir;
sub run1 {
    my ($out, $err, @c) = @_;
    my $t0 = time;
    my $pid = fork; die "fork: $!" unless defined $pid;
    if (!$pid) {
        chdir $dir or exit 127 if defined $dir;
        open STDIN, '<', '/dev/null'; open STDOUT, '>', $out; open STDERR, '>>', $err;
        exec { $c[0] } @c; exit 127;
    }
    waitpid $pid, 0;
    my $dt = time - $t0;
    if ($?) { printf "FAIL %d %s\n", ($? & 127) ? 128 + ($? & 127) : $? >> 8, join ' ', @c; exit 1 }
    return $dt;
}
if ($mode eq 'runs') {
    my $n = shift; my $err = shift; my @t;
    for my $i (1 .. $n) {
        my @c = map { (my $x = $_) =~ s/\{i\}/$i/g; $x } @ARGV;
        push @t, run1('/dev/null', $err, @c);
    }
    @t = sort { $a <=> $b } @t;
    my $med = @t % 2 ? $t[$#t / 2] : ($t[@t / 2 - 1] + $t[@t / 2]) / 2;
    my $r = int(0.9 * @t); $r++ if $r < 0.9 * @t;   # nearest rank
    printf "%.2f %.2f %.2f %.2f\n", map { 1000 * $_ } $med, $t[$r - 1], $t[0], $t[-1];
} elsif ($mode eq 'pairs') {
    my $n = shift; my $err = shift; my @d = (shift, shift); my (@a, @b);
    sub med { my @t = sort { $a <=> $b } @_; @t % 2 ? $t[$#t / 2] : ($t[@t / 2 - 1] + $t[@t / 2]) / 2 }
    for my $i (1 .. $n) {
        my @c = map { (my $x = $_) =~ s/\{i\}/p$i/g; $x } @ARGV;
        $dir = $d[0]; push @a, run1('/dev/null', $err, @c);
        $dir = $d[1]; push @b, run1('/dev/null', $err, @c);
    }
    printf "%.2f %.2f\n", 1000 * med(@a), 1000 * med(@b);
} elsif ($mode eq 'alt') {
    # t.pl alt N ERRFILE cmdA... --- cmdB...: A and B in turn, N times each
    my $n = shift; my $err = shift; my (@ca, @cb, @a, @b); my $cur = \@ca;
    for (@ARGV) { if ($_ eq '---') { $cur = \@cb } else { push @$cur, $_ } }
    sub amed { my @t = sort { $a <=> $b } @_; @t % 2 ? $t[$#t / 2] : ($t[@t / 2 - 1] + $t[@t / 2]) / 2 }
    for my $i (1 .. $n) {
        my @x = map { (my $y = $_) =~ s/\{i\}/a$i/g; $y } @ca;
        my @y = map { (my $z = $_) =~ s/\{i\}/a$i/g; $z } @cb;
        push @a, run1('/dev/null', $err, @x);
        push @b, run1('/dev/null', $err, @y);
    }
    printf "%.2f %.2f\n", 1000 * amed(@a), 1000 * amed(@b);
} elsif ($mode eq 'once') {
    my $out = shift; my $err = shift;
    printf "%.3f\n", run1($out, $err, @ARGV);
} else { die "t.pl: unknown mode $mode\n" }
PERL

# --- helpers ---------------------------------------------------------------
say() { printf '%s\n' "$*"; }
head1() { printf '\n== %s\n' "$*"; }
why() {		# the last line of the captured stderr, for "not measured"
	tail -n 1 "$ERR" 2>/dev/null | cut -c1-160
}

# runs LABEL N cmd... : print "LABEL  median X ms  p90 Y ms ..." and set MED;
# on failure print "not measured" and leave MED empty.
runs() {
	label=$1 n=$2; shift 2
	: >"$ERR"
	r=$(perl "$work/t.pl" runs "$n" "$ERR" "$@")
	case $r in
	FAIL*)	MED=
		say "  $label: not measured: ${r#FAIL } failed: $(why)" ;;
	*)	set -- $r; MED=$1
		printf '  %-46s median %8.2f ms   p90 %8.2f ms   (min %.2f, max %.2f; %d runs)\n' \
			"$label" "$1" "$2" "$3" "$4" "$n" ;;
	esac
}

# once OUTFILE cmd... : run once under /usr/bin/time -v when present; set
# SECS (wall seconds, empty on failure) and RSS (KiB, empty when unknown).
once() {
	out=$1; shift
	: >"$ERR"; SECS= RSS= FAILED=
	if [ -x /usr/bin/time ]; then
		r=$(perl "$work/t.pl" once "$out" "$ERR" /usr/bin/time -v -o "$work/time.txt" "$@")
	else
		r=$(perl "$work/t.pl" once "$out" "$ERR" "$@")
	fi
	case $r in
	FAIL*)	FAILED="${r#FAIL } failed: $(why)"; return 1 ;;
	esac
	SECS=$r
	[ -x /usr/bin/time ] &&
		RSS=$(sed -n 's/^[[:space:]]*Maximum resident set size (kbytes): //p' "$work/time.txt")
	return 0
}
rate() { perl -e 'printf "%.0f", $ARGV[0] / $ARGV[1]' "$1" "$2"; }
# alt LABEL_A LABEL_B N cmdA... --- cmdB... : the two run in turn N times;
# prints both medians and the ratio A/B, sets RATIO (empty on failure)
alt() {
	la=$1 lb=$2 n=$3; shift 3
	: >"$ERR"; RATIO= ALT_A= ALT_B=
	r=$(perl "$work/t.pl" alt "$n" "$ERR" "$@")
	case $r in
	FAIL*)	say "  paired $la / $lb: not measured: ${r#FAIL } failed: $(why)" ;;
	*)	set -- $r
		ALT_A=$1 ALT_B=$2
		RATIO=$(perl -e 'printf "%.2f", $ARGV[0] / $ARGV[1]' "$1" "$2")
		say "  paired, $n runs in turn: $la median $1 ms, $lb median $2 ms: ratio $RATIO" ;;
	esac
}
# median3 A B C / max3 A B C: of the values given (empty ones are left out)
median3() { perl -e '@v = sort { $a <=> $b } grep { length } @ARGV; print $v[$#v / 2]' "$@"; }
max3() { perl -e '@v = sort { $a <=> $b } grep { length } @ARGV; print $v[-1]' "$@"; }
mib() { perl -e 'printf "%.1f MiB", $ARGV[0] / 1024' "$1"; }
rss_text() {
	if [ -n "$RSS" ]; then mib "$RSS"
	else echo "not measured: /usr/bin/time missing (install package time)"; fi
}
# has VERB: does this zdh have `zdh $K VERB`?
has() { "$ZDH" $K "$1" -h >/dev/null 2>&1; }
nevents() {	# event count of the repository in the current directory
	"$ZDH" verify 2>>"$ERR" | sed -n 's/.* \([0-9][0-9]*\) events.*/\1/p'
}
sizes() {	# LABEL EVENTS : bytes per event of objects/ and .zdh without index.db
	o=$(du -sb .zdh/objects | cut -f1)
	a=$(du -sb --exclude='index.db*' .zdh | cut -f1)
	printf '  %-30s objects/ %11d B = %6.1f B/event;  .zdh without index.db %11d B = %6.1f B/event\n' \
		"$1" "$o" "$(perl -e "print $o/$2")" "$a" "$(perl -e "print $a/$2")"
}

# --- what we measure: issue, or org while issue is not in the binary -------
K=issue
if ! "$ZDH" issue -h >/dev/null 2>&1; then K=org; fi
# csv FILE COUNT STATUS : COUNT rows to import, each a distinct title.
csv() {
	if [ $K = issue ]; then
		perl -e 'my ($n, $st) = @ARGV; my $d = $st eq "open" ? "" : "房管办";
			print "id,title,body,area,category,source,reporter,location,status,dept,assignee,due,created\n";
			print ",bench issue $st $_,,,,,,,$st,$d,,,\n" for 1 .. $n' "$2" "$3" >"$1"
	else
		perl -e 'my ($n, $st) = @ARGV; print "kind,name,district,code\n";
			print "unit,bench unit $st $_,,\n" for 1 .. $n' "$2" "$3" >"$1"
	fi
}

# fossil_artifacts N EVN DIR: N ticket-creation artifacts, then EVN changes
# (J +comment) of ticket 1, for `fossil reconstruct`.  Cards sorted (D J K
# U Z); Z is the MD5 of everything before it.
fossil_artifacts() {
	perl -e '
	use strict; use Digest::MD5 qw(md5_hex); use Digest::SHA qw(sha1_hex); use POSIX qw(strftime);
	my ($n, $evn, $dir) = @ARGV; mkdir $dir or die;
	my $t = 1767225600;	# 2026-01-01T00:00:00Z
	sub art { my ($f, $s) = @_; $s .= "Z " . md5_hex($s) . "\n";
		open my $h, ">", $f or die "$f: $!"; print $h $s; close $h }
	for my $i (1 .. $n) {
		mkdir "$dir/" . ($i % 256);
		art("$dir/" . ($i % 256) . "/t$i", sprintf "D %s.000\nJ status Open\nJ title bench\\sticket\\s%d\nK %s\nU bench\n",
			strftime("%Y-%m-%dT%H:%M:%S", gmtime($t + $i)), $i, sha1_hex("bench-ticket-$i"));
	}
	mkdir "$dir/c";
	for my $j (1 .. $evn) {
		art("$dir/c/c$j", sprintf "D %s.000\nJ +comment comment\\s%d\\n\nK %s\nU bench\n",
			strftime("%Y-%m-%dT%H:%M:%S", gmtime($t + $n + $j)), $j, sha1_hex("bench-ticket-1"));
	}' "$1" "$2" "$3"
}

# sync_csv FILE COUNT TAG : COUNT open issues titled "sync TAG i"
sync_csv() {
	perl -e 'my ($n, $tag) = @ARGV;
		print "id,title,body,area,category,source,reporter,location,status,dept,assignee,due,created\n";
		print ",sync $tag $_,,,,,,,open,,,,\n" for 1 .. $n' "$2" "$3" >"$1"
}
# sync_import DIR COUNT TAG : import COUNT new issues into the zdh repository DIR
sync_import() {
	sync_csv "$work/sync.csv" "$2" "$3" &&
	(cd "$1" && "$ZDH" issue import "$work/sync.csv" >/dev/null 2>>"$ERR")
}
# fossil_ahead NAME COUNT TAG : NAME.fossil, the artifacts of $FBIG (as
# reconstructed) plus COUNT new tickets, with $FBIG's project code so that
# its clone can pull from it
fossil_ahead() {
	perl -e '
		use strict; use Digest::MD5 qw(md5_hex); use Digest::SHA qw(sha1_hex); use POSIX qw(strftime);
		my ($n, $dir, $tag) = @ARGV; mkdir $dir or die "$dir: $!";
		for my $i (1 .. $n) {
			my $s = sprintf "D %s.000\nJ status Open\nJ title sync\\s%s\\s%d\nK %s\nU bench\n",
				strftime("%Y-%m-%dT%H:%M:%S", gmtime(1767225600 + 500000 + $i)), $tag, $i, sha1_hex("sync-$tag-$i");
			$s .= "Z " . md5_hex($s) . "\n";
			open my $h, ">", "$dir/t$i" or die; print $h $s; close $h;
		}' "$2" "$work/art/$3" "$3" 2>>"$ERR" &&
	rm -f "$work/$1.fossil" &&
	fossil reconstruct "$work/$1.fossil" "$work/art" >/dev/null 2>>"$ERR" &&
	fossil sql -R "$work/$1.fossil" "UPDATE config SET value = $FPC WHERE name = 'project-code'" >/dev/null 2>>"$ERR"
}
# pulled FILE : N from "pulled N new events from ..."
pulled() { sed -n 's/^pulled \([0-9]*\) new events.*/\1/p' "$1"; }

# pull_pairs SRC DST N LABEL: zdh pull of SRC's N new events into the
# replica DST, and git fetch of the same into the git mirror, PRUNS times
# in turn, each from the same state (both copied before, the disk synced
# before each run); the medians and their ratio.  DST and the mirror are
# left pulled.
pull_pairs() {
	rm -rf "$work/psnap" "$work/gsnap"
	if ! cp -a "$2" "$work/psnap" || ! cp -a "$work/gmirror" "$work/gsnap"; then
		say "  $4: not measured: copying the replica failed"; return; fi
	zt= gt= i=0
	while [ $i -lt "$PRUNS" ]; do
		rm -rf "$2" "$work/gmirror" && cp -a "$work/psnap" "$2" && cp -a "$work/gsnap" "$work/gmirror" && sync
		cd "$2" || exit 1
		if ! once "$work/pull.out" "$ZDH" pull -v; then say "  $4: not measured: $FAILED"; cd "$work"; return; fi
		zt="$zt $SECS" zrss=$RSS
		cd "$work" || exit 1
		if ! once /dev/null git --git-dir="$work/gmirror" fetch -q "$1/.zdh" "+refs/zdh/log/*:refs/zdh/log/*"; then
			say "  git fetch: not measured: $FAILED"; return; fi
		gt="$gt $SECS"
		i=$((i + 1))
	done
	zm=$(median3 $zt) gm=$(median3 $gt) RSS=$zrss
	say "  $(printf '%-62s' "$4:") ${zm} s = $(rate "$3" "$zm") events/s (median of$zt; it says: pulled $(pulled "$work/pull.out") new events), peak RSS $(rss_text)"
	say "  $(printf '%-62s' "  git fetch of the same into the git mirror:") ${gm} s (median of$gt); zdh/git $(perl -e 'printf "%.2f", $ARGV[0] / $ARGV[1]' "$zm" "$gm")"
	# both once more from the same state beside a CPU-bound process, as the clone
	perl -e '1 while 1' & hog=$!
	rm -rf "$2" "$work/gmirror" && cp -a "$work/psnap" "$2" && cp -a "$work/gsnap" "$work/gmirror" && sync
	cd "$2" || exit 1
	if once /dev/null "$ZDH" pull -q; then
		z2=$SECS
		cd "$work" || exit 1
		if once /dev/null git --git-dir="$work/gmirror" fetch -q "$1/.zdh" "+refs/zdh/log/*:refs/zdh/log/*"; then
			say "  $(printf '%-62s' "  beside a CPU-bound process:") zdh pull ${z2} s (x$(perl -e 'printf "%.2f", $ARGV[0] / $ARGV[1]' "$z2" "$zm") quiet), git fetch ${SECS} s (x$(perl -e 'printf "%.2f", $ARGV[0] / $ARGV[1]' "$SECS" "$gm") quiet); zdh/git $(perl -e 'printf "%.2f", $ARGV[0] / $ARGV[1]' "$z2" "$SECS")"
		fi
	fi
	kill $hog 2>/dev/null; wait $hog 2>/dev/null
	cd "$work" || exit 1
	rm -rf "$work/psnap" "$work/gsnap"
	first_report "$2" "the pull"
}

# first_report DIR WHAT: the first report in DIR after WHAT, which makes
# the summaries a write of many records left for it (zdh-report(1)), then
# a second one
first_report() {
	cd "$1" || exit 1
	if once /dev/null "$ZDH" report monthly --month 2000-01; then
		f=$SECS
		once /dev/null "$ZDH" report monthly --month 2000-01 &&
		say "  $(printf '%-62s' "  the first report after $2 (its summaries made):") ${f} s (the next: ${SECS} s)"
	else
		say "  the first report after $2: not measured: $FAILED"
	fi
	cd "$work" || exit 1
}

# 6. sync: zdh pull and clone from a zdh repository by path, beside fossil
# pull and clone of a file.  The zdh history is N imported issues (one
# event each); fossil's is $FBIG ($FN tickets + $EVN changes).
sync_bench() {
	# -- zdh: the source, its clone (timed), an empty-history replica
	rm -rf "$work/ssrc" "$work/sclone" "$work/esrc" "$work/eclone"
	"$ZDH" init --replica hub --prefix HB "$work/ssrc" >/dev/null 2>>"$ERR"
	if ! sync_import "$work/ssrc" "$N" base; then
		say "  zdh: not measured: importing $N issues into the source failed: $(why)"
		return
	fi
	# zdh clone and git clone --no-local --mirror of the same repository
	# (plain git: upload-pack and index-pack, no local shortcut), CRUNS
	# times in turn, the disk synced before each: medians
	zt= gt= i=0 CLONE_SECS= G1=
	while [ $i -lt "$CRUNS" ]; do
		rm -rf "$work/sclone" "$work/gmirror" && sync
		if ! once "$work/clone.out" "$ZDH" clone "$work/ssrc/.zdh" "$work/sclone" --replica office --prefix OF -q; then
			say "  zdh clone of $N events: not measured: $FAILED"; zt=; break; fi
		zt="$zt $SECS" zrss=$RSS
		sync
		if ! once /dev/null git clone -q --no-local --mirror "$work/ssrc/.zdh" "$work/gmirror"; then
			say "  git clone --no-local --mirror: not measured: $FAILED"; gt=; break; fi
		gt="$gt $SECS"
		i=$((i + 1))
	done
	if [ -n "$zt" ]; then
		CLONE_SECS=$(median3 $zt) RSS=$zrss
		CEV=$(cd "$work/sclone" && nevents)
		say "  zdh clone of $N events (index built): ${CLONE_SECS} s (median of$zt), peak RSS $(rss_text); the clone holds ${CEV:-?} events (zdh verify)"
	fi
	if [ -n "$gt" ] && [ -n "$CLONE_SECS" ]; then
		G1=$(median3 $gt)
		say "  git clone --no-local --mirror of the same: ${G1} s (median of$gt); zdh/git $(perl -e 'printf "%.2f", $ARGV[0] / $ARGV[1]' "$CLONE_SECS" "$G1")"
	fi
	# then both again beside a CPU-bound process, to see which of the two a
	# busy machine slows more
	perl -e '1 while 1' & hog=$!
	rm -rf "$work/sclone2" "$work/gmirror2"
	sync
	if [ -n "$CLONE_SECS" ] && once /dev/null "$ZDH" clone "$work/ssrc/.zdh" "$work/sclone2" --replica office --prefix OF -q; then
		Z2=$SECS
		sync
		if once /dev/null git clone -q --no-local --mirror "$work/ssrc/.zdh" "$work/gmirror2"; then
			say "  beside a CPU-bound process: zdh clone ${Z2} s (x$(perl -e 'printf "%.2f", $ARGV[0] / $ARGV[1]' "$Z2" "$CLONE_SECS") quiet), git clone ${SECS} s (x$(perl -e 'printf "%.2f", $ARGV[0] / $ARGV[1]' "$SECS" "${G1:-$SECS}") quiet); zdh/git $(perl -e 'printf "%.2f", $ARGV[0] / $ARGV[1]' "$Z2" "$SECS")"
		fi
	fi
	kill $hog 2>/dev/null; wait $hog 2>/dev/null
	rm -rf "$work/sclone2" "$work/gmirror2"
	cd "$work" || exit 1
	FCL=
	if [ -n "$FPC" ] && once /dev/null fossil clone "$work/$FBIG" "$work/fclone.fossil"; then
		FCL=1
		say "  fossil clone of $FBIG ($FN tickets + $FC changes): ${SECS} s, peak RSS $(rss_text)"
	else
		say "  fossil clone: not measured: ${FAILED:-no $N-ticket repository built by reconstruct}"
	fi
	if [ -d "$work/sclone/.zdh" ]; then
		first_report "$work/sclone" "the clone"
		cd "$work/sclone" || exit 1
		runs "zdh pull, nothing new ($N events held)" "$SRUNS" "$ZDH" pull -q
	fi
	cd "$work" || exit 1
	if [ -n "$FCL" ]; then
		runs "fossil pull, nothing new ($FN tickets held)" "$SRUNS" fossil pull -R "$work/fclone.fossil"
		runs "fossil sync, nothing new ($FN tickets held)" "$SRUNS" fossil sync -R "$work/fclone.fossil"
	fi

	# -- zdh: S1 then S2 new events into the replica holding N; S1 into an empty one
	"$ZDH" init --replica hub --prefix HB "$work/esrc" >/dev/null 2>>"$ERR"
	"$ZDH" clone "$work/esrc/.zdh" "$work/eclone" --replica office --prefix OF -q 2>>"$ERR"
	for step in "$S1 empty" "$S1 full" "$S2 full"; do
		set -- $step
		if [ "$2" = empty ]; then src=$work/esrc dst=$work/eclone held=0
		else src=$work/ssrc dst=$work/sclone held=$(cd "$dst" 2>/dev/null && nevents); fi
		label="zdh pull of $1 new events into a replica of ${held:-?} events"
		if [ ! -d "$dst/.zdh" ]; then say "  $label: not measured: no replica (clone failed)"; continue; fi
		if ! sync_import "$src" "$1" "$2$1"; then say "  $label: not measured: import failed: $(why)"; continue; fi
		if [ "$2" = full ] && [ -d "$work/gmirror" ]; then
			pull_pairs "$src" "$dst" "$1" "$label"
			continue
		fi
		cd "$dst" || exit 1
		if once "$work/pull.out" "$ZDH" pull -v; then
			say "  $(printf '%-62s' "$label:") ${SECS} s = $(rate "$1" "$SECS") events/s (it says: pulled $(pulled "$work/pull.out") new events), peak RSS $(rss_text)"
		else
			say "  $label: not measured: $FAILED"
		fi
		cd "$work" || exit 1
	done

	# -- fossil: the same S1, then S2 more, new tickets pulled into the clone of $FBIG
	if [ -n "$FCL" ]; then
		held=$FN
		for step in "$S1 s1" "$S2 s2"; do
			set -- $step
			label="fossil pull of $1 new tickets into a clone of $held tickets"
			if ! fossil_ahead "ahead_$2" "$1" "$2"; then say "  $label: not measured: building the origin failed: $(why)"; break; fi
			if once /dev/null fossil pull -R "$work/fclone.fossil" "$work/ahead_$2.fossil" --once; then
				got=$(fossil sql -R "$work/fclone.fossil" "SELECT count(*) FROM ticket WHERE title LIKE 'sync $2 %'" 2>>"$ERR")
				say "  $(printf '%-62s' "$label:") ${SECS} s = $(rate "$1" "$SECS") tickets/s ($got new tickets in the clone after), peak RSS $(rss_text)"
			else
				say "  $label: not measured: $FAILED"
			fi
			held=$((held + $1))
		done
	else
		say "  fossil pull of $S1 and $S2 new tickets: not measured: no fossil clone"
	fi
	say "  (zdh pulls by path from a zdh repository; fossil pulls from a file: no network in either)"
	cd "$work" || exit 1
	rm -rf "$work/ssrc" "$work/sclone" "$work/esrc" "$work/eclone" "$work"/ahead_*.fossil "$work/fclone.fossil" "$work/sync.csv"
}

# cpu LABEL N cmd... : the average CPU time (user + system, of the child
# processes) of N runs of cmd: on a loaded machine wall time measures the
# queue for the CPU as much as the command, CPU time does not.
cpu() {
	label=$1 n=$2; shift 2
	r=$(perl -e '
		my $n = shift; my @c = @ARGV;
		for my $i (1 .. $n) {
			my @a = map { (my $x = $_) =~ s/\{i\}/c$i/g; $x } @c;
			my $pid = fork; die unless defined $pid;
			if (!$pid) { open STDOUT, ">", "/dev/null"; open STDERR, ">", "/dev/null"; exec { $a[0] } @a; exit 127 }
			waitpid $pid, 0; if ($?) { print "FAIL\n"; exit 1 }
		}
		my @t = times; printf "%.2f\n", 1000 * ($t[2] + $t[3]) / $n;' "$n" "$@")
	CPUMS=
	case $r in
	FAIL*)	say "  $label: CPU not measured" ;;
	*)	CPUMS=$r
		printf '  %-46s CPU %8.2f ms a run (user + system, average of %d)\n' "$label" "$r" "$n" ;;
	esac
}

# callgrind_count cmd... : the instructions one run of cmd executes
# (valgrind's callgrind), a figure the load on the machine does not change;
# nothing when valgrind is missing or the run fails (its count would be of
# the failure: its messages go to $ERR).
callgrind_count() {
	command -v valgrind >/dev/null 2>&1 || return 0
	if out=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null); then
		printf '%s\n' "$out" | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
	else
		printf '%s\n' "$out" | grep -v '^==' >>"$ERR"
	fi
}

# instr LABEL cmd... : callgrind_count of cmd, said with LABEL.
instr() {
	label=$1; shift
	if ! command -v valgrind >/dev/null 2>&1; then
		say "  $label: instructions not measured: valgrind missing"; return
	fi
	r=$(callgrind_count "$@")
	if [ -n "$r" ]; then
		printf '  %-46s %12s instructions\n' "$label" "$(perl -e '1 while $ARGV[0] =~ s/^(\d+)(\d{3})/$1,$2/; print $ARGV[0]' "$r")"
	else
		say "  $label: instructions not measured: $(why)"
	fi
}

# instr_fresh LABEL cmd... : instr, the index's WAL checkpointed first
# (sqlite3, when present), so that writes compared start from the same
# WAL: an add rebuilds the WAL index from what the WAL holds, 0.2 to 0.6
# million instructions that grow with it.
instr_fresh() {
	command -v sqlite3 >/dev/null 2>&1 &&
		sqlite3 .zdh/index.db 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null 2>&1
	instr "$@"
}

# instr_main LABEL PER cmd... : instructions of cmd's main thread and of
# all its threads (callgrind, --separate-threads), and the main thread's
# per PER (rows of an import).
instr_main() {
	label=$1 per=$2; shift 2
	if ! command -v valgrind >/dev/null 2>&1; then
		say "  $label: instructions not measured: valgrind missing"; return
	fi
	rm -f "$work"/cgt.*
	: >"$ERR"
	main=
	valgrind --tool=callgrind --separate-threads=yes --callgrind-out-file="$work/cgt.%p" "$@" \
		>/dev/null 2>>"$ERR" &&
		main=$(sed -n 's/^summary: //p' "$work"/cgt.*-01 2>/dev/null)
	all=$(cat "$work"/cgt.*-* 2>/dev/null | sed -n 's/^summary: //p' | perl -ne '$s += $_; END { print $s }')
	if [ -n "$main" ]; then
		perl -e 'sub c { my $x = shift; 1 while $x =~ s/^(\d+)(\d{3})/$1,$2/; $x }
			printf "  %-46s %14s instructions on the main thread (%s a row), %s in all threads\n",
				$ARGV[0], c($ARGV[1]), c(int($ARGV[1] / $ARGV[3] + 0.5)), c($ARGV[2])' \
			"$label" "$main" "$all" "$per"
	else
		say "  $label: instructions not measured: $(why)"
	fi
	rm -f "$work"/cgt.*
}

# copy_repo SRC DST : a copy of the repository SRC as DST (a fixture used
# more than once), confirmed as the replica it copies: zdh refuses to write
# in a copy of a repository that may still write (zdh replica confirm).
copy_repo() {
	rm -rf "$2" && cp -r "$1" "$2" && (cd "$2" && "$ZDH" replica confirm >/dev/null 2>>"$ERR")
}

# ---- 8. the menu, visits and funds (issue 14) ------------------------------
# Runnable alone: sh tests/bench.sh menu
# The source's scale: 8 districts, 19 areas, 85 units, 107 offers on the
# menu, 500 needs, about 200 liaisons and 500 visits a month (6,000 a
# year), a fund a year for each of the 19 areas.
menu_bench() {
	head1 "8. menu match over 107 offers and 500 needs; visit add beside issue add; import of 6,000 visits; fund show of 19 areas over 5 years (targets, issue 14: match and fund show <= 20 ms, visit add no slower than issue add, the import >= 50,000 visits/s)"
	M=$work/menu
	rm -rf "$M" && mkdir -p "$M" && cd "$M" || return
	"$ZDH" init --replica xinqiao --prefix XQ base >/dev/null 2>>"$ERR" || { say "  not measured: init failed: $(why)"; return; }
	cd base || return
	perl -e '
		print "kind,name,district,code\n";
		print "district,片区$_,,\n" for 1 .. 8;
		print "area,居民区$_,片区", 1 + $_ % 8, ",\n" for 1 .. 19;
		print "unit,单位$_,片区", 1 + $_ % 8, ",\n" for 1 .. 85;
		print "dept,$_,,\n" for qw(街道机关 派出所 市场监管所 绿化市容所 城管中队 房管办);
	' >orgs.csv
	"$ZDH" org import orgs.csv >/dev/null 2>>"$ERR" || { say "  not measured: org import failed: $(why)"; return; }
	cats="party-lesson education sharing needy elderly students disabled"
	i=0
	while [ $i -lt 107 ]; do
		i=$((i + 1))
		set -- $cats; shift $((i % 7)); cat=${1:-party-lesson}
		areas=
		[ $((i % 3)) = 0 ] && areas="--areas 居民区$((1 + i % 19)),居民区$((1 + (i + 5) % 19))"
		"$ZDH" menu offer add "服务$i" --provider "单位$((1 + i % 85))" --category $cat \
			--capacity $((1 + i % 5)) $areas --date 2026-01-02 >/dev/null 2>>"$ERR" ||
			{ say "  not measured: offer add failed: $(why)"; return; }
	done
	i=0
	while [ $i -lt 500 ]; do
		i=$((i + 1))
		set -- $cats; shift $((i % 7)); cat=${1:-party-lesson}
		"$ZDH" menu need add "需求$i" --area "居民区$((1 + i % 19))" --category $cat \
			--date 2026-01-03 >/dev/null 2>>"$ERR" ||
			{ say "  not measured: need add failed: $(why)"; return; }
	done
	i=0
	while [ $i -lt 60 ]; do
		i=$((i + 1))
		"$ZDH" menu pair "XQ-N$((i * 7))" "XQ-F$((1 + i % 107))" --from 2026-01-05 \
			--date 2026-01-04 >/dev/null 2>>"$ERR" || continue
	done
	for p in $("$ZDH" menu pairings --format csv | sed -n 's/^\(XQ-P[0-9]*\),.*/\1/p'); do
		y=$("$ZDH" menu deliver "$p" --people 2 --hours 1.5 --date 2026-01-10 2>>"$ERR") &&
			"$ZDH" menu feedback "$y" --satisfaction $((1 + ${p#XQ-P} % 5)) --date 2026-01-11 2>>"$ERR"
	done
	say "  repository: $(nevents) events; 107 offers, 500 needs, $("$ZDH" menu pairings --format csv | tail -n +2 | wc -l) pairings with a rated delivery each"
	runs "menu match NEED (107 offers; target <= 20 ms)" "$LRUNS" "$ZDH" menu match XQ-N250 --month 2026-03
	runs "menu match OFFER (500 needs; target <= 20 ms)" "$LRUNS" "$ZDH" menu match XQ-F50 --month 2026-03
	runs "menu match NEED --json --all" "$LRUNS" "$ZDH" menu match XQ-N250 --month 2026-03 --json --all
	runs "menu publish --format html" "$LRUNS" "$ZDH" menu publish --format html
	runs "org list (a read command's floor)" "$LRUNS" "$ZDH" org list
	cpu "menu match NEED" "$LRUNS" "$ZDH" menu match XQ-N250 --month 2026-03
	cpu "menu match OFFER" "$LRUNS" "$ZDH" menu match XQ-F50 --month 2026-03
	cpu "org list (what every read command costs)" "$LRUNS" "$ZDH" org list
	instr_fresh "menu match NEED" "$ZDH" menu match XQ-N250 --month 2026-03
	instr_fresh "menu match OFFER" "$ZDH" menu match XQ-F50 --month 2026-03
	instr "org list" "$ZDH" org list

	# visit add beside issue add, in the same repository, the series interleaved
	i=0
	while [ $i -lt 200 ]; do
		i=$((i + 1))
		a=$((1 + i % 19))
		"$ZDH" visit liaison add "联络员$i" --dept 派出所 --areas "居民区$a,居民区$((1 + (a + 3) % 19))" \
			--date 2026-01-02 >/dev/null 2>>"$ERR" ||
			{ say "  not measured: liaison add failed: $(why)"; return; }
	done
	copy_repo "$M/base" "$M/visits" && cd "$M/visits" || return
	VR=$((RUNS / 2))
	runs "issue add (1st series)" "$VR" "$ZDH" issue add "问题{i}" --area 居民区1 --date 2026-02-01
	I1=$MED
	runs "visit add (1st series)" "$VR" "$ZDH" visit add --area 居民区2 --liaison 联络员1 -m "走访{i}" --date 2026-02-01
	V1=$MED
	runs "issue add (2nd series)" "$VR" "$ZDH" issue add "问题b{i}" --area 居民区1 --date 2026-02-01
	I2=$MED
	runs "visit add (2nd series)" "$VR" "$ZDH" visit add --area 居民区2 --liaison 联络员1 -m "走访b{i}" --date 2026-02-01
	V2=$MED
	cpu "issue add" "$VR" "$ZDH" issue add "问题{i}" --area 居民区1 --date 2026-02-01
	cpu "visit add" "$VR" "$ZDH" visit add --area 居民区2 --liaison 联络员1 -m "走访{i}" --date 2026-02-01
	for k in 1 2 3; do
		instr_fresh "issue add, from a checkpointed WAL ($k)" "$ZDH" issue add "问题i$k" --area 居民区1 --date 2026-02-01
		instr_fresh "visit add, from a checkpointed WAL ($k)" "$ZDH" visit add --area 居民区2 --liaison 联络员1 -m "走访i$k" --date 2026-02-01
	done
	[ -n "$I1$I2" ] && [ -n "$V1$V2" ] &&
		say "  visit add / issue add: $(perl -e 'printf "%.2f", ($ARGV[0] + $ARGV[1]) / ($ARGV[2] + $ARGV[3])' "$V1" "$V2" "$I1" "$I2") (medians of both series)"
	# the two in turn, run by run, so that both see the same disk (the target is this ratio)
	alt "visit add" "issue add" "$RUNS" "$ZDH" visit add --area 居民区2 --liaison 联络员1 -m "走访p{i}" \
		--date 2026-02-01 --- "$ZDH" issue add "问题p{i}" --area 居民区1 --date 2026-02-01
	[ -n "$RATIO" ] && say "  visit add / issue add, in turn (target <= 1.00): $RATIO"

	# import of a year of visits: 6,000 rows, three fresh copies, the median
	perl -e '
		print "date,area,liaison,notes\n";
		for my $i (1 .. 6000) {
			my $l = 1 + $i % 200; my $a = 1 + $l % 19;
			my $a2 = 1 + ($a + 3) % 19; $a = $a2 if $i % 2;
			printf "2025-%02d-%02d 10:00,居民区%d,联络员%d,走访记录%d：居民反映楼道堆物、垃圾清运时间\n",
				1 + $i % 12, 1 + $i % 28, $a, $l, $i;
		}' >"$M/visits.csv"
	T=
	for k in 1 2 3; do
		copy_repo "$M/base" "$M/imp" && cd "$M/imp" || return
		if once "$M/imp.out" "$ZDH" visit import "$M/visits.csv"; then
			T="$T $SECS"; R=$RSS
		else
			say "  visit import: not measured: $FAILED"; break
		fi
	done
	set -- $T
	if [ $# = 3 ]; then
		SECS=$(median3 "$1" "$2" "$3")
		say "  visit import of 6,000 visits (target >= 50,000/s): $(rate 6000 "$SECS") visits/s (median of $1, $2, $3 s), peak RSS $(mib "$R")"
	fi
	# beside an issue import of as many rows, in the same minutes
	perl -e 'print "title,area\n"; printf "问题%d,居民区%d\n", $_, 1 + $_ % 19 for 1 .. 6000' >"$M/issues.csv"
	T=
	for k in 1 2 3; do
		copy_repo "$M/base" "$M/imp" && cd "$M/imp" || return
		once "$M/imp.out" "$ZDH" issue import "$M/issues.csv" && T="$T $SECS"
	done
	set -- $T
	[ $# = 3 ] && say "  issue import of 6,000 issues, the same minutes: $(rate 6000 "$(median3 "$1" "$2" "$3")") issues/s (median of $1, $2, $3 s)"
	copy_repo "$M/base" "$M/imp" && cd "$M/imp" && instr_main "visit import of 6,000" 6000 "$ZDH" visit import "$M/visits.csv"
	copy_repo "$M/base" "$M/imp" && cd "$M/imp" && instr_main "issue import of 6,000" 6000 "$ZDH" issue import "$M/issues.csv"
	cd "$M/visits" && instr "visit add" "$ZDH" visit add --area 居民区2 --liaison 联络员1 -m "走访" --date 2026-02-01
	instr "issue add" "$ZDH" issue add "问题" --area 居民区1 --date 2026-02-01

	# funds: 19 areas x 5 years, a project spending from each
	copy_repo "$M/base" "$M/funds" && cd "$M/funds" || return
	j=0
	for y in 2022 2023 2024 2025 2026; do
		a=0
		while [ $a -lt 19 ]; do
			a=$((a + 1)); j=$((j + 1))
			"$ZDH" fund set --area "居民区$a" --year $y 450000 --date "$y-01-02" >/dev/null 2>>"$ERR" &&
			"$ZDH" project add "项目$j" --area "居民区$a" --year $y --kind micro --date "$y-01-03" >/dev/null 2>>"$ERR" &&
			"$ZDH" project budget "XQ-J$j" 12000.50 --item 铁门 --date "$y-01-03" 2>>"$ERR" &&
			"$ZDH" project approve "XQ-J$j" --date "$y-01-04" 2>>"$ERR" &&
			"$ZDH" project spend "XQ-J$j" 12000.50 --item 铁门 --date "$y-01-05" 2>>"$ERR" ||
				{ say "  not measured: fund set-up failed: $(why)"; return; }
		done
	done
	runs "fund show (19 areas x 5 years; target <= 20 ms)" "$LRUNS" "$ZDH" fund show
	runs "fund show --json" "$LRUNS" "$ZDH" fund show --json
	cpu "fund show" "$LRUNS" "$ZDH" fund show
	instr "fund show" "$ZDH" fund show
	cd "$work" || return
}

# ---- 10. report --------------------------------------------------------------
# report_bench: `zdh report yearly` and `monthly` (warm, median of RRUNS) on
# a repository of about REV events built by `zdh issue import` of issues
# created over 2024 and 2025 (19 areas, 6 departments, statuses mixed:
# 60 % closed, 15 % resolved, 10 % claimed, 5 % escalated, 10 % open, each
# replayed as its events), beside the floor: the same aggregates (opened,
# solved once in the period of the first resolve, closed, callbacks by
# satisfaction, returns, urges, escalations, follow-ups, open and overdue
# at the end, by area) as one hand-written query in the sqlite3 shell on
# the same index.  Alone: sh tests/bench.sh report
report_bench() {
	REV=${BENCH_REPORT_EVENTS:-1000000}
	RRUNS=${BENCH_REPORT_RUNS:-10}
	NI=$((REV * 10 / 33))
	rm -rf "$work/rep"
	"$ZDH" init --replica bench --prefix BN "$work/rep" >/dev/null 2>>"$ERR" || { say "  not measured: init failed"; return; }
	cd "$work/rep" || return
	perl -e 'print "kind,name,district,code\n"; print "district,片区$_,,\n" for 1 .. 8;
		print "area,居民区$_,片区", 1 + $_ % 8, ",\n" for 1 .. 19;
		print "dept,$_,,\n" for qw(街道机关 派出所 市场监管所 绿化市容所 城管中队 房管办)' >"$work/reg.csv"
	"$ZDH" org import "$work/reg.csv" >/dev/null 2>>"$ERR" || { say "  not measured: registry import failed: $(why)"; return; }
	perl -e 'srand(42); my $n = shift;
		my @d = qw(街道机关 派出所 市场监管所 绿化市容所 城管中队 房管办);
		my @c = qw(environment parking safety housing group-renting shops other);
		my @s = qw(visit wechat hotline petition hearing council grid other);
		print "id,title,body,area,category,source,reporter,location,status,dept,assignee,due,created\n";
		for my $i (1 .. $n) {
			my $p = rand(); my $st = $p < .6 ? "closed" : $p < .75 ? "resolved" : $p < .85 ? "claimed" : $p < .9 ? "escalated" : "open";
			my $t = 1704067200 + int(rand(730 * 86400));	# 2024-01-01 .. 2025-12-31 (UTC)
			my @g = gmtime($t + 8 * 3600);
			my $created = sprintf "%04d-%02d-%02d %02d:%02d", $g[5] + 1900, $g[4] + 1, $g[3], $g[2], $g[1];
			printf "BN-%d,bench %d,,居民区%d,%s,%s,,,%s,%s,,,%s\n", $i, $i, 1 + int(rand(19)),
				$c[rand @c], $s[rand @s], $st, $st eq "open" ? "" : $d[rand @d], $created;
		}' "$NI" >"$work/rep.csv"
	if ! once "$work/rep.out" "$ZDH" issue import "$work/rep.csv"; then
		say "  not measured: importing $NI issues failed: $FAILED"; return
	fi
	rm -f "$work/rep.csv" "$work/reg.csv"
	REVC=$(nevents)
	say "  built by: zdh issue import of $NI issues created over 2024-2025 ($REVC events) in ${SECS} s"
	"$ZDH" report yearly --year 2025 --json >"$work/yearly.json" 2>>"$ERR"	# warm the cache
	once /dev/null "$ZDH" report yearly --year 2025 --json && YRSS=$RSS
	runs "zdh report yearly --year 2025 --json" "$RRUNS" "$ZDH" report yearly --year 2025 --json
	RY=$MED
	cpu "zdh report yearly --year 2025 --json" "$RRUNS" "$ZDH" report yearly --year 2025 --json
	CY=$CPUMS
	once /dev/null "$ZDH" report monthly --month 2025-11 --json && MRSS=$RSS
	runs "zdh report monthly --month 2025-11 --json" "$RRUNS" "$ZDH" report monthly --month 2025-11 --json
	RM=$MED
	cpu "zdh report monthly --month 2025-11 --json" "$RRUNS" "$ZDH" report monthly --month 2025-11 --json
	CM=$CPUMS
	RSS=$YRSS; say "  peak RSS: yearly $(rss_text)"; RSS=$MRSS; say "            monthly $(rss_text)"
	# the floor: one query; S, U the period, D its first local day after
	# (records_issue is not in the schema: its columns p1, p2, p4 named here)
	floor_sql() {
		cat <<-SQL
		WITH ev AS (SELECT record, op, happened, json_extract(data, '\$.satisfaction') AS sat
		            FROM events WHERE kind = 'issue' AND effect = 1),
		     iss AS (SELECT record, min(CASE WHEN op = 'add' THEN happened END) AS created,
		                    min(CASE WHEN op = 'resolve' THEN happened END) AS first_resolve,
		                    max(op = 'close' AND coalesce(sat, 0) NOT IN (1, 2) AND happened >= $1 AND happened < $2) AS closed,
		                    sum(op = 'close' AND sat IS NOT NULL AND happened >= $1 AND happened < $2) AS callbacks,
		                    sum(op = 'return' AND happened >= $1 AND happened < $2) AS returns,
		                    sum(op = 'urge' AND happened >= $1 AND happened < $2) AS urges,
		                    sum(op = 'escalate' AND happened >= $1 AND happened < $2) AS escalations,
		                    sum(op = 'follow-up' AND happened >= $1 AND happened < $2) AS followups
		             FROM ev GROUP BY record)
		SELECT r.area, sum(i.created >= $1 AND i.created < $2), sum(i.first_resolve >= $1 AND i.first_resolve < $2),
		       sum(i.closed), sum(i.callbacks), sum(i.returns), sum(i.urges), sum(i.escalations), sum(i.followups),
		       sum(r.status IN ('open', 'claimed', 'escalated')),
		       sum(r.status IN ('open', 'claimed', 'escalated') AND (r.due < '$3' OR (r.due IS NULL AND i.created < $2 - 2592000)))
		FROM iss i JOIN (SELECT id, p1 AS status, p2 AS area, p4 AS due FROM records
		                 WHERE kind = 'issue') r ON r.id = i.record GROUP BY r.area;
		SQL
	}
	floor_sql 1735660800 1767196800 2026-01-01 >"$work/floor-y.sql"
	floor_sql 1761926400 1764518400 2025-12-01 >"$work/floor-m.sql"
	sqlite3 -readonly .zdh/index.db <"$work/floor-y.sql" >/dev/null 2>>"$ERR"	# warm
	runs "floor: sqlite3 shell, the yearly aggregates" "$RRUNS" sh -c "sqlite3 -readonly .zdh/index.db <'$work/floor-y.sql'"
	FY=$MED
	cpu "floor: sqlite3 shell, the yearly aggregates" "$RRUNS" sh -c "sqlite3 -readonly .zdh/index.db <'$work/floor-y.sql'"
	FCY=$CPUMS
	runs "floor: sqlite3 shell, the monthly aggregates" "$RRUNS" sh -c "sqlite3 -readonly .zdh/index.db <'$work/floor-m.sql'"
	FM=$MED
	cpu "floor: sqlite3 shell, the monthly aggregates" "$RRUNS" sh -c "sqlite3 -readonly .zdh/index.db <'$work/floor-m.sql'"
	FCM=$CPUMS
	if [ -n "$RY" ] && [ -n "$FY" ] && [ -n "$RM" ] && [ -n "$FM" ]; then
		say "  zdh / floor, wall: yearly $(perl -e 'printf "%.2f", $ARGV[0] / $ARGV[1]' "$RY" "$FY"), monthly $(perl -e 'printf "%.2f", $ARGV[0] / $ARGV[1]' "$RM" "$FM") (targets: yearly <= 300 ms, monthly <= 100 ms)"
	fi
	if [ -n "$CY" ] && [ -n "$FCY" ] && [ -n "$CM" ] && [ -n "$FCM" ]; then
		say "  zdh / floor, CPU:  yearly $(perl -e 'printf "%.2f", $ARGV[0] / $ARGV[1]' "$CY" "$FCY"), monthly $(perl -e 'printf "%.2f", $ARGV[0] / $ARGV[1]' "$CM" "$FCM")"
	fi
	# instructions (callgrind: what the load on the machine does not change), at most 200,000 events
	if [ "$REVC" -le 200000 ] 2>/dev/null; then
		instr "zdh report yearly --year 2025 --json" "$ZDH" report yearly --year 2025 --json
		instr "zdh report monthly --month 2025-11 --json" "$ZDH" report monthly --month 2025-11 --json
	fi
	say "  check: $(python3 -c 'import json,sys; r = json.load(open(sys.argv[1])); i = r["issues"]; print("yearly 2025: opened %d, solved %d, closed %d, open at the end %d" % (i["opened"], i["solved"], i["closed"], i["open_at_end"]))' "$work/yearly.json" 2>&1)"
	cd "$work" || return
	rm -rf "$work/rep"
}

main() {
say "zdh benchmarks — $(date '+%Y-%m-%d %H:%M:%S %z')"
say "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
say "kernel:  $(uname -srm)"
say "disk:    work dir $work on $(df -PT "$work" | awk 'NR == 2 { print $2 " (" $1 ")" }')"
say "zdh:     $("$ZDH" --version 2>&1 | head -n 1)   fossil: $(fossil version 2>&1 | sed 's/^This is fossil version //' | cut -d' ' -f1-3)"
say "         $(git --version)"
say "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) at start; other work on the machine skews every figure"
say "sizes:   N=$N issues, $RUNS runs per add series, $LRUNS per read series, $EVN events on one issue, BIG=$BIG closed issues"
say "every zdh write is durable (objects and ref fsynced, core.fsync = all); fossil runs with its defaults (SQLite, rollback journal)."
if [ $K = org ]; then
	say ""
	say "NOTE: 'zdh issue' is not in this binary: the figures below are for 'zdh org'"
	say "      (the same write path: add, import, list, show, edit), not for issues."
fi

# ---- fossil: repositories, built once -----------------------------------
cd "$work" || exit 1
fossil init fe.fossil >/dev/null 2>&1 || say "  fossil init failed"
head1 "fossil: building a $N-ticket repository with 'fossil reconstruct' of generated artifacts"
fossil_artifacts "$N" "$EVN" "$work/art"
FN=0 FPC= FREC="fossil reconstruct: not measured (it failed)" FT1=$(perl -MDigest::SHA=sha1_hex -e 'print sha1_hex("bench-ticket-1")')
if once /dev/null fossil reconstruct "$work/f100k.fossil" "$work/art"; then
	FN=$(fossil sql -R f100k.fossil "SELECT count(*) FROM ticket" 2>>"$ERR")
	FC=$(fossil sql -R f100k.fossil "SELECT count(*) FROM ticketchng WHERE tkt_id = (SELECT tkt_id FROM ticket WHERE tkt_uuid = '$FT1')" 2>>"$ERR")
	fossil ticket -R f100k.fossil show 0 "tkt_uuid = '$FT1'" >"$work/show0" 2>>"$ERR"
fi
if [ "${FN:-0}" = "$N" ] && grep -q 'bench ticket 1' "$work/show0"; then
	FREC="fossil reconstruct: $N tickets + $EVN changes of one ticket in ${SECS} s = $(rate "$N" "$SECS") tickets/s, peak RSS $(rss_text)"
	say "  $FREC"
	say "  check: SELECT count(*) FROM ticket = $FN; 'fossil ticket show 0' finds ticket 1; its changes: $FC"
	FBIG=f100k.fossil
	FPC=$(fossil sql -R f100k.fossil "SELECT value FROM config WHERE name = 'project-code'" 2>>"$ERR")
else
	say "  reconstruct did not give $N tickets (${FAILED:-got ${FN:-none}}); FALLBACK: 2000 'fossil ticket add' processes,"
	FN=2000 FC=0
	say "  so the fossil figures 'at 100k' below are at $FN tickets"
	rm -f f100k.fossil; fossil init f100k.fossil >/dev/null 2>&1
	i=0; while [ $i -lt $FN ]; do
		fossil ticket -R f100k.fossil add title "bench ticket $i" status Open >/dev/null 2>>"$ERR"; i=$((i + 1))
	done
	FT1=$(fossil sql -R f100k.fossil "SELECT tkt_uuid FROM ticket LIMIT 1" 2>>"$ERR" | tr -d "'")
	FBIG=f100k.fossil
fi
# $work/art stays for section 6 (fossil repositories one step ahead of it)

# ---- 1. add, empty repository ---------------------------------------------
head1 "1. '$K add' as a separate process (durable), each run a distinct name; fossil 'ticket add'"
"$ZDH" init --replica bench --prefix BN "$work/empty" >/dev/null 2>>"$ERR"
cd "$work/empty" || exit 1
if [ $K = issue ]; then set -- "$ZDH" issue add "bench add {i}"
else set -- "$ZDH" org add --kind unit "bench add {i}"; fi
runs "zdh $K add, into an empty repository" "$RUNS" "$@"; EMPTY=$MED
cd "$work" || exit 1
runs "fossil ticket add, into an empty repository" "$RUNS" \
	fossil ticket -R fe.fossil add title "fossil add {i}" status Open
# the target is a ratio: taken with the two in turn, under the same load
if [ $K = issue ]; then
	cd "$work/empty" || exit 1
	say "  zdh flushes here: $(flushes "$work/empty")"
	alt "zdh issue add" "fossil ticket add" "$RUNS" "$ZDH" issue add "bench add {i}" --- \
		fossil ticket -R "$work/fe.fossil" add title "fossil add {i}" status Open
	cd "$work" || exit 1
fi

# ---- 2. import --------------------------------------------------------------
head1 "2. '$K import' of $N records into a new repository: records/s, peak RSS; fossil: reconstruct above"
"$ZDH" init --replica bench --prefix BN "$work/big" >/dev/null 2>&1
cd "$work/big" || exit 1
IMPORTED=
if has import; then
	csv "$work/n.csv" "$N" open
	# three imports (the first into the repository the next sections use,
	# two into throwaway ones): this machine's speed drifts from run to run
	if once "$work/import.out" "$ZDH" $K import "$work/n.csv"; then
		IMPORTED=1
		T1=$SECS R1=$RSS
		say "  ($(tail -n 1 "$work/import.out"))"
		for r in 2 3; do
			rm -rf "$work/imp$r"
			"$ZDH" init --replica bench --prefix BN "$work/imp$r" >/dev/null 2>&1
			(cd "$work/imp$r" && once "$work/import.out" "$ZDH" $K import "$work/n.csv" &&
			 echo "$SECS $RSS" >"$work/imp.t")
			read -r T R <"$work/imp.t" 2>/dev/null || { T=; R=; }
			rm -rf "$work/imp$r" "$work/imp.t"
			eval "T$r=\$T R$r=\$R"
		done
		SECS=$(median3 "$T1" "$T2" "$T3") RSS=$(max3 "$R1" "$R2" "$R3")
		say "  zdh $K import: $N records in ${SECS} s (median of ${T1:-?}, ${T2:-?}, ${T3:-?} s) = $(rate "$N" "$SECS") records/s, peak RSS $(rss_text)"
	else
		say "  zdh $K import: not measured: $FAILED"
	fi
	rm -f "$work/n.csv"
else
	say "  zdh $K import: not measured: 'zdh $K import' is not in this binary"
fi
say "  beside: $FREC"

# ---- 1 (cont). add into N -------------------------------------------------
head1 "1 (cont.). add into a repository already holding $N records"
if [ -n "$IMPORTED" ]; then
	if [ $K = issue ]; then set -- "$ZDH" issue add "bench add {i}"
	else set -- "$ZDH" org add --kind unit "bench add {i}"; fi
	runs "zdh $K add, into $N" "$RUNS" "$@"; FULL=$MED
	if [ -n "$EMPTY" ] && [ -n "$FULL" ]; then
		say "  ratio zdh $N / zdh empty (medians): $(perl -e 'printf "%.2f", $ARGV[0] / $ARGV[1]' "$FULL" "$EMPTY")"
	fi
	# the two series above ran minutes apart; this pairs them run by run
	: >"$ERR"
	r=$(perl "$work/t.pl" pairs "$RUNS" "$ERR" "$work/big" "$work/empty" "$@")
	case $r in
	FAIL*)	say "  paired: not measured: ${r#FAIL } failed: $(why)" ;;
	*)	set -- $r
		say "  paired, $RUNS runs alternating into $N and into the (nearly) empty repository:"
		say "    medians $1 ms and $2 ms: ratio $(perl -e 'printf "%.2f", $ARGV[0] / $ARGV[1]' "$1" "$2")" ;;
	esac
else
	say "  zdh $K add, into $N: not measured: no $N-record repository (import missing or failed)"
fi
cd "$work" || exit 1
runs "fossil ticket add, into $FN tickets" "$RUNS" \
	fossil ticket -R "$FBIG" add title "fossil add {i}" status Open

# ---- 3. list and show -----------------------------------------------------
head1 "3. reads over $N records: list (stdout to /dev/null), show of one record with $EVN events"
cd "$work/big" || exit 1
if [ -z "$IMPORTED" ]; then
	say "  list: not measured: no $N-record repository"
elif [ $K = issue ]; then
	runs "zdh issue list --status open --limit 50" "$LRUNS" "$ZDH" issue list --status open --limit 50
	runs "zdh issue list --status open (all)" "$LRUNS" "$ZDH" issue list --status open
else
	say "  zdh org list --limit 50: not measured: org list has no --limit"
	runs "zdh org list --kind unit (all)" "$LRUNS" "$ZDH" org list --kind unit
fi
cd "$work" || exit 1
runs "fossil ticket show 0 \"status='Open'\" (all)" "$LRUNS" \
	fossil ticket -R "$FBIG" show 0 "status='Open'"
if [ -n "$IMPORTED" ] && [ $K = issue ]; then
	cd "$work/big" || exit 1
	alt "zdh issue list --status open" "fossil ticket show (all)" "$LRUNS" \
		"$ZDH" issue list --status open --- fossil ticket -R "$work/$FBIG" show 0 "status='Open'"
	cd "$work" || exit 1
fi

# one record with EVN events: EVN comments (org: edits), timed as writes too
cd "$work/big" || exit 1
if [ $K = issue ]; then
	ID=$("$ZDH" issue add "bench many events" 2>>"$ERR")
	if has comment && [ -n "$ID" ]; then
		runs "zdh issue comment, on one issue (x$EVN)" "$EVN" "$ZDH" issue comment "$ID" -m "comment {i}"
	else
		MED=; say "  zdh issue comment: not measured: 'zdh issue comment' missing or add failed ($(why))"
	fi
else
	ID=$("$ZDH" org add --kind unit "bench many events" 2>>"$ERR")
	runs "zdh org edit, on one org (x$EVN)" "$EVN" "$ZDH" org edit "$ID" --code "c{i}"
fi
if [ -n "$MED" ]; then
	if has show; then
		runs "zdh $K show, $((EVN + 1)) events" "$LRUNS" "$ZDH" $K show "$ID"
	else
		say "  zdh $K show: not measured: 'zdh $K show' is not in this binary"
	fi
else
	say "  zdh $K show of $EVN events: not measured: could not write the events"
fi
cd "$work" || exit 1
if [ "${FC:-0}" -gt 1 ] 2>/dev/null; then
	runs "fossil ticket history, $FC changes" "$LRUNS" fossil ticket -R "$FBIG" history "$FT1"
else
	say "  fossil ticket history: not measured: no ticket with $EVN changes (fallback build)"
fi

# ---- 5. size ----------------------------------------------------------------
head1 "5. repository size per event (du -sb), the $N-record repository"
cd "$work/big" || exit 1
EV=$(nevents)
if [ -n "$EV" ] && [ "$EV" -gt 0 ]; then
	say "  events (zdh verify): $EV"
	sizes "as written:" "$EV"
	if git --git-dir=.zdh gc --quiet --prune=now 2>>"$ERR"; then
		sizes "after git gc:" "$EV"
	else say "  after git gc: not measured: $(why)"; fi
	if once /dev/null git --git-dir=.zdh gc --quiet --aggressive --prune=now; then
		sizes "after git gc --aggressive:" "$EV"
		say "  (git gc --aggressive took ${SECS} s)"
	else say "  after git gc --aggressive: not measured: $FAILED"; fi
	E2=$(nevents)
	[ "$E2" = "$EV" ] || say "  WARNING: zdh verify after gc says ${E2:-nothing} events: $(why)"
else
	say "  not measured: zdh verify gave no event count ($(why))"
fi
cd "$work" || exit 1
if once /dev/null fossil rebuild --quiet "$FBIG"; then
	FA=$(fossil sql -R "$FBIG" "SELECT count(*) FROM blob" 2>>"$ERR")
	FREB="fossil rebuild: $FA artifacts in ${SECS} s = $(rate "$FA" "$SECS") artifacts/s, peak RSS $(rss_text)"
else
	FREB="fossil rebuild: not measured: $FAILED"
fi
if fossil rebuild --quiet --compress --vacuum "$FBIG" >/dev/null 2>>"$ERR"; then
	FT=$(fossil sql -R "$FBIG" "SELECT count(*) FROM ticket" 2>>"$ERR")
	FCH=$(fossil sql -R "$FBIG" "SELECT count(*) FROM ticketchng" 2>>"$ERR")
	FS=$(du -sb "$FBIG" | cut -f1)
	printf '  %-30s %11d B = %6.1f B/ticket (%d tickets, %d ticket changes = %.1f B/change)\n' \
		"fossil after rebuild --compress --vacuum:" "$FS" "$(perl -e "print $FS/$FT")" "$FT" "$FCH" "$(perl -e "print $FS/$FCH")"
else
	say "  fossil size: not measured: $(why)"
fi

# ---- 4. reindex of ~4*BIG events ------------------------------------------
head1 "4. 'zdh reindex' of a repository of about $((4 * BIG)) events: events/s, peak RSS; beside fossil rebuild"
rm -rf "$work/big"
"$ZDH" init --replica bench --prefix BN "$work/huge" >/dev/null 2>&1
cd "$work/huge" || exit 1
BUILT=
if [ $K = issue ]; then
	if has import; then
		"$ZDH" org add --kind dept 房管办 >/dev/null 2>>"$ERR"
		csv "$work/big.csv" "$BIG" closed
		if once "$work/import.out" "$ZDH" issue import "$work/big.csv"; then
			BUILT=1
			say "  built by: zdh issue import of $BIG closed issues (status replayed: add, claim, resolve, close)"
			say "            in ${SECS} s = $(rate "$BIG" "$SECS") issues/s, peak RSS $(rss_text)"
		else
			say "  not measured: importing $BIG closed issues failed: $FAILED"
		fi
	else
		say "  not measured: 'zdh issue import' is not in this binary"
	fi
else
	csv "$work/big.csv" "$((4 * BIG))" open
	if once "$work/import.out" "$ZDH" org import "$work/big.csv"; then
		BUILT=1
		say "  built by: zdh org import of $((4 * BIG)) orgs in ${SECS} s, peak RSS $(rss_text)"
	else
		say "  not measured: importing $((4 * BIG)) orgs failed: $FAILED"
	fi
fi
rm -f "$work/big.csv"
if [ -n "$BUILT" ]; then
	: >"$ERR"
	EV=$(perl "$work/t.pl" once "$work/verify.out" "$ERR" "$ZDH" verify)
	EVC=$(sed -n 's/.* \([0-9][0-9]*\) events.*/\1/p' "$work/verify.out")
	case $EV in
	FAIL*)	say "  zdh verify: failed: $(why)" ;;
	*)	say "  events (zdh verify): $EVC; verify took $EV s = $(rate "$EVC" "$EV") events/s" ;;
	esac
	if [ -n "$EVC" ] && once "$work/reindex.out" "$ZDH" reindex; then
		T1=$SECS R1=$RSS T2= T3= R2= R3=
		once "$work/reindex.out" "$ZDH" reindex && T2=$SECS R2=$RSS
		export ZDH_TRACE_PERFORMANCE=1
		once "$work/reindex.out" "$ZDH" reindex && T3=$SECS R3=$RSS
		unset ZDH_TRACE_PERFORMANCE
		SECS=$(median3 "$T1" "$T2" "$T3") RSS=$(max3 "$R1" "$R2" "$R3")
		say "  zdh reindex: $EVC events in ${SECS} s (median of ${T1:-?}, ${T2:-?}, ${T3:-?} s) = $(rate "$EVC" "$SECS") events/s, peak RSS $(rss_text)"
		say "  (the last run's steps: $(sed -n 's/^zdh: rebuild: *\([a-z]*\) *\([0-9.]*\) s$/\1 \2 s,/p' "$ERR" | tr '\n' ' ' | sed 's/, $//'))"
	else
		say "  zdh reindex: not measured: ${FAILED:-no event count from verify}"
	fi
fi
say "  beside: $FREB"

# ---- 6. sync -------------------------------------------------------------
head1 "6. sync over a local path: pull with nothing new, pulls of $S1 and $S2 new events, clone of $N; beside fossil clone/pull of a file"
sync_bench
rm -rf "$work/art"

# ---- 7. compressing events ------------------------------------------------
head1 "7. compressing $N events one at a time (tests/bench-deflate.c): time and size an object"
if ${CC:-cc} -O2 -o "$work/bench-deflate" "$TESTS/bench-deflate.c" \
	$(pkg-config --cflags --libs zlib libdeflate) 2>"$ERR" &&
	"$work/bench-deflate" "$N" >"$work/deflate.out" 2>>"$ERR"; then
	while IFS= read -r line; do say "$line"; done <"$work/deflate.out"
else
	say "  not measured: $(why)"
fi
menu_bench
sign_bench
# ---- 10. report ------------------------------------------------------------------
head1 "10. 'zdh report' yearly and monthly on about ${BENCH_REPORT_EVENTS:-1000000} events (warm), beside the same aggregates in the sqlite3 shell"
report_bench
council_bench
flat_bench
bulk_bench
say ""
say "done in $(( $(date +%s) - START )) s; load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
}

# ---- 9. signed add ----------------------------------------------------------
# The cost of signing (issue 11: at most 10 % on 'issue add'): the same add
# into two new repositories, one with user.signingkey (ed25519), run by run
# alternately so both see the same load.  Alone: sh tests/bench.sh sign
sign_bench() {
	head1 "9. '$K add' signed (user.signingkey, an ed25519 key) and unsigned, paired: $RUNS runs each, alternating"
	rm -rf "$work/signed" "$work/unsigned" "$work/signkey" "$work/signkey.pub"
	if ! ssh-keygen -q -t ed25519 -N '' -f "$work/signkey" 2>"$ERR"; then
		say "  not measured: ssh-keygen failed: $(why)"; return
	fi
	"$ZDH" init --replica bench --prefix BN "$work/signed" >/dev/null 2>>"$ERR" &&
	"$ZDH" init --replica bench --prefix BN "$work/unsigned" >/dev/null 2>>"$ERR" &&
	(cd "$work/signed" && "$ZDH" config user.signingkey "$work/signkey") 2>>"$ERR" || {
		say "  not measured: $(why)"; return; }
	if [ $K = issue ]; then set -- "$ZDH" issue add "bench add {i}"
	else set -- "$ZDH" org add --kind unit "bench add {i}"; fi
	: >"$ERR"
	r=$(perl "$work/t.pl" pairs "$RUNS" "$ERR" "$work/signed" "$work/unsigned" "$@")
	case $r in
	FAIL*)	say "  not measured: ${r#FAIL } failed: $(why)" ;;
	*)	set -- $r
		say "  medians: signed $1 ms, unsigned $2 ms: ratio $(perl -e 'printf "%.3f", $ARGV[0] / $ARGV[1]' "$1" "$2")"
		if git --git-dir="$work/signed/.zdh" cat-file commit refs/zdh/log/bench | grep -q '^gpgsig -----BEGIN SSH SIGNATURE'; then
			say "  (the signed repository's events carry an SSH signature)"
		else
			say "  (WARNING: the signed repository's last event has no signature)"
		fi ;;
	esac
	rm -rf "$work/signed" "$work/unsigned"
	sign_instructions
}

# The same in instructions (callgrind; repeatable where wall times on a
# shared machine are not), median of SIGN_IRUNS (5) adds each, each repository
# holding the same area: unsigned without people (the baseline), signed
# without roles, and signed with roles on (SIGN_PEOPLE people (10), each with
# a key, one sub-district admin and the others area staff) by an area staff
# member.  Issue 11's target: signing and the role check together at most
# 10 % over the baseline.
sign_instructions() {
	ip=${SIGN_PEOPLE:-10} ir=${SIGN_IRUNS:-5}
	head1 "9b. '$K add' in instructions (callgrind, median of $ir): unsigned, signed, signed with roles on ($ip people with keys and roles)"
	if ! command -v valgrind >/dev/null 2>&1; then
		say "  not measured: valgrind is not installed"; return
	fi
	[ $K = issue ] || { say "  not measured: needs zdh issue"; return; }
	rm -rf "$work/ia" "$work/ib" "$work/ic" "$work/ik"* && mkdir "$work/ik" || return
	for r in ia ib ic; do
		"$ZDH" init --replica bench --prefix BN "$work/$r" >/dev/null 2>>"$ERR" &&
		(cd "$work/$r" && "$ZDH" org add --kind area A1 >/dev/null) 2>>"$ERR" || {
			say "  not measured: $(why)"; return; }
	done
	i=0
	while [ $i -lt "$ip" ]; do
		ssh-keygen -q -t ed25519 -N '' -f "$work/ik/k$i" 2>>"$ERR" || { say "  not measured: ssh-keygen: $(why)"; return; }
		i=$((i + 1))
	done
	(cd "$work/ib" && "$ZDH" config user.signingkey "$work/ik/k0") 2>>"$ERR" &&
	(cd "$work/ic" && "$ZDH" config user.signingkey "$work/ik/k0" &&
	 i=0 && while [ $i -lt "$ip" ]; do
		"$ZDH" person add "P$i" --email "p$i@example.org" --key "$work/ik/k$i.pub" >/dev/null || exit 1
		i=$((i + 1)); done &&
	 "$ZDH" person grant BN-U1 subdistrict-admin &&
	 i=2 && while [ $i -le "$ip" ]; do
		"$ZDH" person grant "BN-U$i" area-staff --area A1 || exit 1
		i=$((i + 1)); done &&
	 "$ZDH" config user.signingkey "$work/ik/k1") 2>>"$ERR" || {
		say "  not measured: the people and roles: $(why)"; return; }
	# one add each first: what a first command after setup does once (a checkpoint) is not counted
	for r in ia ib ic; do (cd "$work/$r" && "$ZDH" issue add warm --area A1 >/dev/null 2>>"$ERR"); done
	med() {	# DIR: median instructions of $ir adds in DIR
		(cd "$1" && i=0 && while [ $i -lt "$ir" ]; do
			valgrind --tool=callgrind --callgrind-out-file=/dev/null "$ZDH" issue add "bench $i" --area A1 2>&1 >/dev/null |
				sed -n 's/.*Collected : //p'
			i=$((i + 1)); done) | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
	}
	a=$(med "$work/ia") b=$(med "$work/ib") c=$(med "$work/ic")
	if [ -z "$a" ] || [ -z "$b" ] || [ -z "$c" ]; then
		say "  not measured: callgrind gave no count"; return
	fi
	say "  unsigned, no people: $a instructions"
	say "  signed, no roles:    $b ($(perl -e 'printf "%+.1f", 100 * ($ARGV[1] / $ARGV[0] - 1)' "$a" "$b") %)"
	say "  signed, roles on:    $c ($(perl -e 'printf "%+.1f", 100 * ($ARGV[1] / $ARGV[0] - 1)' "$a" "$c") %)"
	rm -rf "$work/ia" "$work/ib" "$work/ic" "$work/ik"
}

# ---- sections run alone: `sh tests/bench.sh add list` ----------------------
# add: `zdh issue add` and `fossil ticket add` in turn (RUNS each), in the
# work folder, then on a journaled ext4 image on a loop device when run as
# root and the kernel allows it (BENCH_LOOP=0: not), each line saying the
# file system and how zdh flushes there (zdh-repository(5), DURABILITY).
# list: `zdh issue list --status open` of N open issues and `fossil ticket
# show` of N open tickets, in turn (LRUNS each).

# faults cmd...: the page faults of one run of cmd (GNU time's minor
# faults), which the machine's load does not change; on this project's
# machine each costs 12 to 24 microseconds (README, "Speed").
faults() {
	if [ -x /usr/bin/time ] && /usr/bin/time -f %R -o "$work/faults" "$@" >/dev/null 2>>"$ERR"; then
		tail -n 1 "$work/faults"
	else
		echo "not measured"
	fi
}

# fsync and fdatasync calls of one run of cmd (each is a flush of the
# device's cache where it has one), counted by strace
syncs() {
	if command -v strace >/dev/null &&
	   strace -f -c -o "$work/syncs" -e trace=fsync,fdatasync "$@" >/dev/null 2>>"$ERR"; then
		awk '$NF == "fsync" || $NF == "fdatasync" { n += $4 } END { print n + 0 }' "$work/syncs"
	else
		echo "not measured"
	fi
}

# how zdh flushes in the repository DIR: "ext4 (journal), batch", as one
# more add says with ZDH_TRACE_FSYNC
flushes() {
	(cd "$1" && ZDH_TRACE_FSYNC=1 "$ZDH" issue add "bench flush probe" 2>&1 >/dev/null |
		sed -n 's/^zdh: fsync: [^:]*: //p' | head -n 1)
}

add_pair() {	# DIR: a zdh repository and a fossil one in DIR, adds paired
	"$ZDH" init --replica bench --prefix BN "$1/zr" >/dev/null 2>>"$ERR" &&
	fossil init "$1/f.fossil" >/dev/null 2>>"$ERR" || {
		say "  not measured: init failed: $(why)"; return; }
	# what was written before (the build of make bench, fixtures) on the
	# device first: each tool's flushes would otherwise wait for it, at
	# random (0.68 and 0.71 just after a build, 0.56 to 0.58 after sync)
	sync
	cd "$1/zr" || return
	say "  in $1: $(df -PT "$1" | awk 'NR == 2 { print $2 " (" $1 ")" }'); zdh flushes: $(flushes "$1/zr")"
	alt "zdh issue add" "fossil ticket add" "$RUNS" "$ZDH" issue add "bench add {i}" --- \
		fossil ticket -R "$1/f.fossil" add title "fossil add {i}" status Open
	say "  page faults of one run: zdh $(faults "$ZDH" issue add "bench faults"), fossil $(faults \
		fossil ticket -R "$1/f.fossil" add title "fossil faults" status Open)"
	say "  fsync and fdatasync calls of one run: zdh $(syncs "$ZDH" issue add "bench syncs"), fossil $(syncs \
		fossil ticket -R "$1/f.fossil" add title "fossil syncs" status Open)"
	cd "$work" || exit 1
}

bench_add() {
	head1 "add: 'zdh issue add' (durable) and 'fossil ticket add', one process each, in turn"
	mkdir -p "$work/add" && add_pair "$work/add"
	if [ "${BENCH_LOOP:-1}" = 1 ] && [ "$(id -u)" = 0 ] && command -v mkfs.ext4 >/dev/null; then
		img=$work/ext4.img mnt=$work/ext4
		mkdir -p "$mnt" && truncate -s 256M "$img" && mkfs.ext4 -q -F "$img" 2>>"$ERR" &&
		mount -o loop "$img" "$mnt" 2>>"$ERR" || {
			say "  on a journaled ext4 image: not measured: cannot mount a loop device: $(why)"; return; }
		add_pair "$mnt"
		umount "$mnt" && rm -f "$img"
	else
		say "  on a journaled ext4 image: not measured (needs root and a loop device; BENCH_LOOP=0 skips it)"
	fi
}

bench_list() {
	head1 "list: 'zdh issue list --status open' of $N open issues and 'fossil ticket show' of $N open tickets, in turn"
	"$ZDH" init --replica bench --prefix BN "$work/lz" >/dev/null 2>>"$ERR" || return
	csv "$work/l.csv" "$N" open
	(cd "$work/lz" && "$ZDH" issue import "$work/l.csv" >/dev/null 2>>"$ERR") || {
		say "  not measured: import failed: $(why)"; return; }
	rm -f "$work/l.csv"
	fossil_artifacts "$N" 0 "$work/lart" &&
	fossil reconstruct "$work/lf.fossil" "$work/lart" >/dev/null 2>>"$ERR" || {
		say "  not measured: fossil reconstruct failed: $(why)"; return; }
	rm -rf "$work/lart"
	cd "$work/lz" || exit 1
	zn=$("$ZDH" issue list --status open --format csv 2>>"$ERR" | tail -n +2 | wc -l)
	fn=$(fossil ticket -R "$work/lf.fossil" show 0 "status='Open'" 2>>"$ERR" | tail -n +2 | wc -l)
	say "  rows: zdh $zn, fossil $fn"
	alt "zdh issue list --status open" "fossil ticket show 0 \"status='Open'\"" "$LRUNS" \
		"$ZDH" issue list --status open --- fossil ticket -R "$work/lf.fossil" show 0 "status='Open'"
	say "  page faults of one run: zdh $(faults "$ZDH" issue list --status open), fossil $(faults \
		fossil ticket -R "$work/lf.fossil" show 0 "status='Open'")"
	cd "$work" || exit 1
}

sections() {
	say "zdh benchmarks (sections: $*) — $(date '+%Y-%m-%d %H:%M:%S %z')"
	say "machine: $(nproc) CPUs, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1); load $(cut -d' ' -f1-3 /proc/loadavg)"
	say "sizes:   N=$N, $RUNS runs per add series, $LRUNS per read series"
	for s in "$@"; do
		case $s in
		add) bench_add ;;
		list) bench_list ;;
		council) council_bench ;;
		flat) flat_bench ;;
		size) size_bench ;;
		sync) sync_alone ;;
		bulk) bulk_bench ;;
		*) say "unknown section '$s' (known: add list council flat size sync bulk)" ;;
		esac
	done
	say ""
	say "done in $(( $(date +%s) - START )) s; load at the end $(cut -d' ' -f1-3 /proc/loadavg)"
}

# ---- 15. the rules' cost (sh tests/bench.sh trust [BASE], section 15) ----------------
# Instructions counted by callgrind (this machine's wall times drift by a
# fifth, instruction counts do not) of an import of BENCH_TRUST_N issues
# (5000), a reindex of them and one add, for $ZDH and, when given, BASE: a
# binary built without core/rules.c (e.g. the commit before it), to tell
# what judging every event costs.
trust_bench() {
	tn=${BENCH_TRUST_N:-5000}
	head1 "15. the rules: instructions (callgrind) of an import of $tn issues, a reindex, one add"
	if ! command -v valgrind >/dev/null 2>&1; then
		say "  not measured: valgrind is not installed"
		return
	fi
	perl -e 'print "title,area,category,body\n";
		for (1 .. $ARGV[0]) { print "bench issue $_,,other,\"a body\nof two lines $_\"\n" }' "$tn" >"$work/trust.csv"
	for bin in "$ZDH" ${1:+"$1"}; do
		rm -rf "$work/trust"
		"$bin" init --replica bench --prefix BN "$work/trust" >/dev/null 2>>"$ERR"
		(cd "$work/trust" &&
		 ir() { valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
			sed -n 's/.*Collected : //p'; } &&
		 i=$(ir "$bin" issue import "$work/trust.csv") && r=$(ir "$bin" reindex) &&
		 a=$(ir "$bin" issue add "one more") &&
		 say "  $bin: import $i, reindex $r, add $a")
	done
}

# ---- 11. councils -------------------------------------------------------------
council_bench() {
	head1 "11. councils: a meeting (15 attendance entries) and a decision (13 votes) an event each beside issue add; council show of 500 meetings + 1,500 decisions; a year of 19 councils' 456 meetings listed"
	# built by make with the libraries zdh links (one list, the Makefile's)
	BC=$TESTS/../build/bench-council
	if ! make -s -C "$TESTS/.." build/bench-council >/dev/null 2>"$ERR"; then
		say "  not measured: tests/bench-council.c does not build: $(why)"
		return
	fi
	names=理事01,理事02,理事03,理事04,理事05,理事06,理事07,理事08,理事09,理事10,理事11,理事12,理事13,理事14,理事15
	rm -rf "$work/cw" && mkdir "$work/cw" && cd "$work/cw" &&
	"$ZDH" init --replica bench --prefix BC . >/dev/null 2>>"$ERR" &&
	"$BC" 1 1 0 2025 >/dev/null 2>>"$ERR" || { say "  not measured: $(why)"; cd "$work"; return; }
	runs "council meeting add (15 attendance entries)" "$RUNS" "$ZDH" council meeting add BC-C1 \
		--present "$names" --item "议题{i}" --date "2025-03-01 19:00"
	CM=$MED
	runs "council decide (13 votes, closed)" "$RUNS" "$ZDH" council decide BC-M1 --motion "动议{i}" \
		--for 理事01,理事02,理事03,理事04,理事05,理事06,理事07,理事08,理事09,理事10 \
		--against 理事11,理事12,理事13 --close --date "2025-03-01 20:00"
	CD=$MED
	runs "issue add, the same repository" "$RUNS" "$ZDH" issue add "bench issue {i}" --area A1
	CI=$MED
	for k in 1 2 3; do
		instr_fresh "council meeting add, from a checkpointed WAL ($k)" "$ZDH" council meeting add BC-C1 \
			--present "$names" --item "议题i$k" --date "2025-03-01 19:00"
		instr_fresh "council decide, from a checkpointed WAL ($k)" "$ZDH" council decide BC-M1 --motion "动议i$k" \
			--for 理事01,理事02,理事03,理事04,理事05,理事06,理事07,理事08,理事09,理事10 \
			--against 理事11,理事12,理事13 --close --date "2025-03-01 20:00"
		instr_fresh "issue add, from a checkpointed WAL ($k)" "$ZDH" issue add "bench issue i$k" --area A1
	done
	if [ -n "$CM" ] && [ -n "$CD" ] && [ -n "$CI" ]; then
		say "  a meeting of 15 attendance entries and 3 decisions as 4 events: $(perl -e 'printf "%.1f", $ARGV[0] + 3 * $ARGV[1]' "$CM" "$CD") ms; per event $(perl -e 'printf "%.2f", ($ARGV[0] + 3 * $ARGV[1]) / 4' "$CM" "$CD") ms beside issue add $CI ms (series one after the other)"
	fi
	# each beside issue add in turn, run by run, so that both see the same disk
	alt "council meeting add" "issue add" "$RUNS" "$ZDH" council meeting add BC-C1 \
		--present "$names" --item "议题p{i}" --date "2025-03-01 19:00" --- \
		"$ZDH" issue add "bench p{i}" --area A1
	RM=$RATIO
	alt "council decide" "issue add" "$RUNS" "$ZDH" council decide BC-M1 --motion "动议p{i}" \
		--for 理事01,理事02,理事03,理事04,理事05,理事06,理事07,理事08,理事09,理事10 \
		--against 理事11,理事12,理事13 --close --date "2025-03-01 20:00" --- \
		"$ZDH" issue add "bench q{i}" --area A1
	RD=$RATIO
	[ -n "$RM" ] && [ -n "$RD" ] &&
		say "  a meeting and 3 decisions, per event, against issue add in turn (target <= 1.00): $(perl -e 'printf "%.2f", ($ARGV[0] + 3 * $ARGV[1]) / 4' "$RM" "$RD")"
	rm -rf "$work/cs" && mkdir "$work/cs" && cd "$work/cs" &&
	"$ZDH" init --replica bench --prefix BC . >/dev/null 2>>"$ERR" &&
	ev=$("$BC" 1 500 3 2025 2>>"$ERR") && "$ZDH" council list >/dev/null 2>>"$ERR" ||
		{ say "  not measured: $(why)"; cd "$work"; return; }
	say "  fixture: 1 council, 500 meetings, 1,500 decisions ($ev events, one pack)"
	runs "council show (500 meetings, 1,500 decisions)" "$LRUNS" "$ZDH" council show BC-C1
	runs "council show --json" "$LRUNS" "$ZDH" council show BC-C1 --json
	runs "council decision list --council (1,500)" "$LRUNS" "$ZDH" council decision list --council BC-C1
	rm -rf "$work/cy" && mkdir "$work/cy" && cd "$work/cy" &&
	"$ZDH" init --replica bench --prefix BC . >/dev/null 2>>"$ERR" &&
	ev=$("$BC" 19 24 2 2025 2>>"$ERR") && "$ZDH" council list >/dev/null 2>>"$ERR" ||
		{ say "  not measured: $(why)"; cd "$work"; return; }
	say "  fixture: 19 councils, 456 meetings in 2025 (38 a month), 912 decisions ($ev events)"
	runs "council meeting list, a year (456)" "$LRUNS" "$ZDH" council meeting list --since 2025-01-01 --until 2025-12-31
	runs "council meeting list --format csv, a year" "$LRUNS" "$ZDH" council meeting list --since 2025-01-01 --until 2025-12-31 --format csv
	runs "council meeting list --month 2025-03 (38)" "$LRUNS" "$ZDH" council meeting list --month 2025-03
	cd "$work"
}

# ---- 12. reads stay flat (issue 16 §3) -----------------------------------------
# The same reads over FLAT_SMALL (100000) and then FLAT_LARGE (1000000)
# issues of one repository, the second grown from the first by import:
# `issue list --status open --limit 50`, `issue show` of one issue, and
# `inbox` of a department holding FLAT_DEPT (10000) claimed issues (the
# same ones at both sizes).  A copy of the small repository is kept, so
# that the ratios are also measured with the runs paired (in turn in the
# two repositories: the same load; the series at 1M follows an import of
# 900,000 issues whose writeback the machine is still doing), and beside
# them what load does not change: instructions (callgrind) and minor page
# faults of one run at each size.  Runnable alone: `sh tests/bench.sh flat`.
flat_csv() {	# flat_csv FILE FROM TO CLAIMED: rows FROM..TO, the first CLAIMED claimed by 房管办
	perl -e 'my ($from, $to, $claimed) = @ARGV;
		print "id,title,body,area,category,source,reporter,location,status,dept,assignee,due,created\n";
		for ($from .. $to) { my $c = $_ - $from < $claimed;
			printf ",bench issue %d,,,,,,,%s,%s,,,\n", $_, $c ? "claimed" : "open", $c ? "房管办" : "" }' \
		"$2" "$3" "$4" >"$1"
}
flat_reads() {	# flat_reads SIZE: the three reads; sets FL FS FI (medians)
	runs "issue list --status open --limit 50 ($1)" "$LRUNS" "$ZDH" issue list --status open --limit 50
	FL=$MED
	runs "issue show BN-5 ($1)" "$LRUNS" "$ZDH" issue show BN-5
	FS=$MED
	runs "inbox of a department, $fd issues ($1)" "$LRUNS" "$ZDH" inbox --dept 房管办
	FI=$MED
}
flat_instr() {	# flat_instr cmd...: "N instructions, F minor faults" of one run here
	if command -v valgrind >/dev/null 2>&1; then
		i=$(callgrind_count "$@")
	else
		i="not measured (no valgrind)"
	fi
	printf '%s instructions, %s minor faults' "${i:-not measured}" "$(faults "$@")"
}
flat_pair() {	# flat_pair LABEL cmd...: paired medians in the small copy and the large repository
	label=$1; shift
	: >"$ERR"
	r=$(perl "$work/t.pl" pairs "$LRUNS" "$ERR" "$work/flat-small" "$work/flat" "$@")
	case $r in
	FAIL*)	say "  $label paired: not measured: ${r#FAIL } failed: $(why)" ;;
	*)	say "  $label, $LRUNS runs in turn: $fs ${r% *} ms, $fl ${r#* } ms: ratio $(perl -e 'printf "%.2f", $ARGV[1] / $ARGV[0]' $r)" ;;
	esac
	for d in flat-small flat; do
		(cd "$work/$d" && say "    one run in $d: $(flat_instr "$@")")
	done
}
flat_bench() {
	fs=${BENCH_FLAT_SMALL:-100000} fl=${BENCH_FLAT_LARGE:-1000000} fd=${BENCH_FLAT_DEPT:-10000}
	head1 "12. reads over $fs and then $fl issues (one repository grown by import): list --limit 50, show, inbox of a department with $fd claimed issues"
	rm -rf "$work/flat" "$work/flat-small" &&
	"$ZDH" init --replica bench --prefix BN "$work/flat" >/dev/null 2>>"$ERR" &&
	cd "$work/flat" &&
	"$ZDH" org add --kind dept 房管办 >/dev/null 2>>"$ERR" &&
	flat_csv "$work/flat1.csv" 1 "$fs" "$fd" &&
	"$ZDH" issue import "$work/flat1.csv" >/dev/null 2>>"$ERR" ||
		{ say "  not measured: $(why)"; cd "$work"; return; }
	rm -f "$work/flat1.csv"
	flat_reads "$fs"
	l1=$FL s1=$FS i1=$FI
	cp -a "$work/flat" "$work/flat-small" &&
	flat_csv "$work/flat2.csv" $((fs + 1)) "$fl" 0 &&
	"$ZDH" issue import "$work/flat2.csv" >/dev/null 2>>"$ERR" ||
		{ say "  not measured: $(why)"; cd "$work"; return; }
	rm -f "$work/flat2.csv"
	flat_reads "$fl"
	if [ -n "$l1" ] && [ -n "$FL" ] && [ -n "$s1" ] && [ -n "$FS" ] && [ -n "$i1" ] && [ -n "$FI" ]; then
		say "  $fl against $fs, series one after the other: list --limit 50 $(perl -e 'printf "%.2f", $ARGV[1] / $ARGV[0]' "$l1" "$FL"), show $(perl -e 'printf "%.2f", $ARGV[1] / $ARGV[0]' "$s1" "$FS"), inbox $(perl -e 'printf "%.2f", $ARGV[1] / $ARGV[0]' "$i1" "$FI")"
	fi
	flat_pair "list --limit 50" "$ZDH" issue list --status open --limit 50
	flat_pair "show BN-5" "$ZDH" issue show BN-5
	flat_pair "inbox ($fd)" "$ZDH" inbox --dept 房管办
	say "  (target: each ratio within 0.8 to 1.2; inbox at most 20 ms; load now $(cut -d' ' -f1-3 /proc/loadavg))"
	rm -rf "$work/flat-small"
	cd "$work"
}

# ---- 14. bulk work beside its floors (issue 16 §2): `sh tests/bench.sh bulk`
# issue import of N open issues (three runs), then a repository of about
# 4*BIG events (BIG closed issues imported), its reindex and verify (three
# runs each); beside the floors of the same run: git cat-file --batch of
# every object of that repository (what reading the events costs git),
# and the rows of the rebuilt index inserted again into the same schema by
# SQLite itself (the sqlite3 shell: INSERT ... SELECT into an empty copy
# of the schema, its indexes made as the rebuild makes them, after).
med3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }
# three CMD...: run CMD three times (once), each after a sync, so that
# none pays for the writeback of what ran before it (the import's 500 MB
# index, the reindex before); t1 t2 t3 its times, m their median, RSS the
# last run's peak; 1 when a run failed.  (The imports and the floors are
# timed after a sync too.)
three() {
	t1= t2= t3=
	for i in 1 2 3; do
		sync
		once /dev/null "$@" || return 1
		eval "t$i=\$SECS"
	done
	m=$(med3 "$t1" "$t2" "$t3")
}
bulk_bench() {
	head1 "14. bulk work beside its floors: import of $N issues, reindex and verify of about $((4 * BIG)) events"
	cd "$work" || exit 1
	csv "$work/bulk.csv" "$N" open
	t1= t2= t3= r=
	for i in 1 2 3; do
		rm -rf "$work/bi"
		"$ZDH" init --replica bench --prefix BN "$work/bi" >/dev/null 2>>"$ERR" && cd "$work/bi" && sync &&
		once /dev/null "$ZDH" issue import "$work/bulk.csv" || {
			say "  issue import: not measured: ${FAILED:-$(why)}"; cd "$work"; return; }
		eval "t$i=\$SECS"; r=$RSS
		cd "$work" || exit 1
	done
	m=$(med3 "$t1" "$t2" "$t3")
	RSS=$r
	say "  issue import of $N issues: $(rate "$N" "$m") issues/s (median of $t1, $t2, $t3 s), peak RSS $(rss_text) (targets, issue 16: >= 150,000/s, <= 64 MiB)"
	first_report "$work/bi" "the import"
	rm -rf "$work/bi" "$work/bulk.csv"
	"$ZDH" init --replica bench --prefix BN "$work/bb" >/dev/null 2>>"$ERR" && cd "$work/bb" &&
	"$ZDH" org add --kind dept 房管办 >/dev/null 2>>"$ERR" && csv "$work/bulk.csv" "$BIG" closed &&
	once /dev/null "$ZDH" issue import "$work/bulk.csv" || {
		say "  reindex and verify: not measured: building the repository failed: ${FAILED:-$(why)}"; cd "$work"; return; }
	EV=$(nevents)
	say "  repository: $BIG closed issues imported in ${SECS} s, peak RSS $(rss_text): ${EV:-?} events"
	if three "$ZDH" reindex; then
		say "  reindex of $EV events: $(rate "$EV" "$m") events/s (median of $t1, $t2, $t3 s), peak RSS $(rss_text) (targets: >= 200,000/s, <= 64 MiB)"
		first_report "$work/bb" "the reindex"
		cd "$work/bb" || exit 1
	else
		say "  reindex: not measured: $FAILED"
	fi
	if three "$ZDH" verify; then
		say "  verify of $EV events: $(rate "$EV" "$m") events/s (median of $t1, $t2, $t3 s), peak RSS $(rss_text) (target: >= 300,000/s)"
	else
		say "  verify: not measured: $FAILED"
	fi
	# the git floor: every object of the repository read by git
	sync
	if once /dev/null sh -c "git --git-dir=.zdh cat-file --batch-all-objects --batch >/dev/null"; then
		say "  git floor: git cat-file --batch-all-objects --batch: ${SECS} s = $(rate "$EV" "$SECS") events/s"
	else
		say "  git floor: not measured: $FAILED"
	fi
	# the SQLite floor: the rebuilt index's rows into an empty copy of its schema
	rm -f "$work/floor.db" "$work/floor.sql"
	{
		echo "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
		sqlite3 .zdh/index.db "SELECT sql || ';' FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
		echo "ATTACH '.zdh/index.db' AS old; BEGIN;"
		sqlite3 .zdh/index.db "SELECT 'INSERT INTO main.' || name || ' SELECT * FROM old.' || name || ';' FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
		echo "COMMIT;"
		# (the shell has no zdh_name_key(), zdh's function of the lookalike
		# indexes on names: lower() stands for it, on the same few rows)
		sqlite3 .zdh/index.db "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND sql NOTNULL" |
			sed 's/zdh_name_key(/lower(/g'
	} >"$work/floor.sql" 2>>"$ERR"
	sync
	if once /dev/null sh -c "sqlite3 '$work/floor.db' <'$work/floor.sql'"; then
		say "  SQLite floor: the same rows into the same schema (sqlite3 shell, INSERT ... SELECT, indexes after): ${SECS} s = $(rate "$EV" "$SECS") events/s, peak RSS $(rss_text)"
	else
		say "  SQLite floor: not measured: $FAILED"
	fi
	rm -f "$work/floor.db" "$work/floor.sql" "$work/bulk.csv"
	cd "$work" || exit 1
	rm -rf "$work/bb"
}

# ---- 6 alone: `sh tests/bench.sh sync` -------------------------------------
# Section 6 without the rest: fossil's N-ticket repository reconstructed
# here (the full run builds it for sections 3 to 5), then sync_bench.
sync_alone() {
	head1 "6. sync over a local path: pull with nothing new, pulls of $S1 and $S2 new events, clone of $N; beside git and fossil"
	cd "$work" || exit 1
	rm -rf "$work/art" "$work/f100k.fossil"
	FN=0 FPC= FC=0 FBIG=
	if fossil_artifacts "$N" 0 "$work/art" &&
	   fossil reconstruct "$work/f100k.fossil" "$work/art" >/dev/null 2>>"$ERR"; then
		FBIG=f100k.fossil
		FN=$(fossil sql -R f100k.fossil "SELECT count(*) FROM ticket" 2>>"$ERR")
		FPC=$(fossil sql -R f100k.fossil "SELECT value FROM config WHERE name = 'project-code'" 2>>"$ERR")
	else
		say "  fossil reconstruct failed: $(why); fossil figures not measured"
	fi
	sync_bench
	rm -rf "$work/art" "$work/f100k.fossil"
}

# ---- 13. size alone (issue 16 §4): `sh tests/bench.sh size` -------------
# N issues imported (one pack, written by zdh) and SEV comments on one of
# them (loose objects, one a process), then the bytes an event of objects/
# as written, after plain `git gc` and after `git gc --aggressive`; beside
# fossil's bytes a ticket after `rebuild --compress --vacuum` of N tickets
# and SEV changes of one.
size_bench() {
	sev=${BENCH_SIZE_EVENTS:-200}
	head1 "13. repository size per event: $N issues imported and $sev comments on one of them; beside fossil"
	rm -rf "$work/sz" &&
	"$ZDH" init --replica bench --prefix BN "$work/sz" >/dev/null 2>>"$ERR" &&
	csv "$work/sz.csv" "$N" open &&
	(cd "$work/sz" && "$ZDH" issue import "$work/sz.csv" >/dev/null 2>>"$ERR") || {
		say "  not measured: import failed: $(why)"; return; }
	rm -f "$work/sz.csv"
	cd "$work/sz" || exit 1
	i=0
	while [ $i -lt "$sev" ]; do
		"$ZDH" issue comment BN-1 -m "comment $i" >/dev/null 2>>"$ERR" || {
			say "  not measured: comment failed: $(why)"; cd "$work"; return; }
		i=$((i + 1))
	done
	EV=$(nevents)
	[ -n "$EV" ] || { say "  not measured: zdh verify gave no count: $(why)"; cd "$work"; return; }
	say "  events (zdh verify): $EV"
	sizes "as written:" "$EV"
	git --git-dir=.zdh gc --quiet --prune=now 2>>"$ERR" && sizes "after git gc:" "$EV" ||
		say "  after git gc: not measured: $(why)"
	say "  of which: $(du -sb .zdh/objects/pack/*.pack | awk '{ s += $1 } END { printf "%.1f", s / '"$EV"' }') B/event in .pack, $(du -sb .zdh/objects/pack/*.idx | awk '{ s += $1 } END { printf "%.1f", s / '"$EV"' }') in .idx, $(du -sb .zdh/objects/info 2>/dev/null | awk '{ printf "%.1f", $1 / '"$EV"' }') in info/ (git's commit-graph)"
	git --git-dir=.zdh gc --quiet --aggressive --prune=now 2>>"$ERR" && sizes "after git gc --aggressive:" "$EV" ||
		say "  after git gc --aggressive: not measured: $(why)"
	E2=$(nevents)
	[ "$E2" = "$EV" ] || say "  WARNING: zdh verify after gc says ${E2:-nothing} events: $(why)"
	cd "$work" || exit 1
	rm -rf "$work/szart" "$work/sz.fossil"
	fossil_artifacts "$N" "$sev" "$work/szart" &&
	fossil reconstruct "$work/sz.fossil" "$work/szart" >/dev/null 2>>"$ERR" &&
	fossil rebuild --quiet --compress --vacuum "$work/sz.fossil" >/dev/null 2>>"$ERR" || {
		say "  fossil: not measured: $(why)"; return; }
	rm -rf "$work/szart"
	FT=$(fossil sql -R "$work/sz.fossil" "SELECT count(*) FROM ticket" 2>>"$ERR")
	FCH=$(fossil sql -R "$work/sz.fossil" "SELECT count(*) FROM ticketchng" 2>>"$ERR")
	FS=$(du -sb "$work/sz.fossil" | cut -f1)
	printf '  %-30s %11d B = %6.1f B/ticket change (%d tickets, %d changes)\n' \
		"fossil after rebuild --compress --vacuum:" "$FS" "$(perl -e "print $FS/$FCH")" "$FT" "$FCH"
	say "  target (issue 16 §4): at most 300 B/event after plain git gc"
}

START=$(date +%s)
if [ "${1:-}" = trust ]; then	# section 15 alone
	trust_bench "${2:-}"
	exit
fi
if [ "${1:-}" = menu ]; then	# section 8 alone
	menu_bench
	exit
elif [ "${1:-}" = report ] || [ "${BENCH_SECTION:-}" = report ]; then	# section 10 alone
	head1 "10. 'zdh report' yearly and monthly on about ${BENCH_REPORT_EVENTS:-1000000} events (warm), beside the same aggregates in the sqlite3 shell"
	report_bench
	exit 0
fi
if [ "${1:-}" = sign ]; then	# section 9 alone
	say "zdh benchmark, section 9 alone — $(date '+%Y-%m-%d %H:%M:%S %z'); load $(cut -d' ' -f1-3 /proc/loadavg)"
	sign_bench
	exit 0
fi
if [ $# -gt 0 ]; then
	sections "$@" | tee "$RESULTS"
else
	main | tee "$RESULTS"
fi
