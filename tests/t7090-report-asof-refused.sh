#!/bin/sh
# report --as-of folds a record again from the events recorded by then
# when an event recorded later sorts before one of them (core/report.c,
# refold()); what the fold refused besides the kind's own check stays
# refused there: a record made under a prefix another replica owns (a
# peer forging an office's ids, zdh-repository(5), PREFIXES), an event
# the trust gives no effect.  A forged issue was counted as opened.
test_description='report --as-of: a forged record stays refused when refolded'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

# forge GITDIR REPLICA CLOCK OP DATA EPOCH: a commit of an event on XQ-9
# by REPLICA, recorded at EPOCH (a log's root); prints its id
forge () {
	perl -e '
use strict; use warnings; use Digest::SHA qw(sha1_hex); use Compress::Zlib; use File::Path qw(make_path);
my ($gitdir, $rep, $clock, $op, $data, $t) = @ARGV;
my @g = gmtime($t);
my $date = sprintf("%04d-%02d-%02dT%02d:%02d:%02d+00:00", $g[5] + 1900, $g[4] + 1, $g[3], $g[2], $g[1], $g[0]);
my $json = "{\"actor\":{\"email\":\"e\@x.org\",\"name\":\"e\"},\"clock\":$clock,\"data\":$data,\"date\":\"$date\",\"kind\":\"issue\",\"op\":\"$op\",\"record\":\"XQ-9\",\"replica\":\"$rep\",\"seen\":null,\"v\":2}";
my $c = "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nauthor e <e\@x.org> $t +0000\ncommitter e <e\@x.org> $t +0000\n\nissue $op XQ-9\n\n$json\n";
my $o = "commit " . length($c) . "\0" . $c; my $id = sha1_hex($o);
my $d = "$gitdir/objects/" . substr($id, 0, 2); make_path($d);
open my $h, ">:raw", "$d/" . substr($id, 2) or die; print $h compress($o); close $h; print "$id\n";
' "$@"
}

test_expect_success 'setup: an office, and a peer forging XQ-9, then commenting on it later' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq issue add "真的" --area 新桥 >/dev/null &&
	git init -q --bare ev.git &&
	git --git-dir=ev.git hash-object -w -t tree /dev/null >/dev/null &&
	now=$(date +%s) &&
	add=$(forge ev.git evil 5 add "{\"set\":{\"area\":\"XQ-O1\",\"category\":\"other\",\"source\":\"other\",\"title\":\"伪造\"}}" $((now - 200))) &&
	git --git-dir=ev.git update-ref refs/zdh/log/evil $add &&
	late=$(forge ev.git aab 2 comment "{\"message\":\"晚\"}" $((now - 50))) &&
	git --git-dir=ev.git update-ref refs/zdh/log/aab $late &&
	at xq remote add ev ../ev.git &&
	at xq pull -q ev 2>pull.err &&
	grep "prefix XQ belongs to replica xinqiao" pull.err &&
	test_must_fail at xq issue show XQ-9 2>/dev/null &&
	TZ=Asia/Shanghai date -d @$((now - 100)) "+%Y-%m-%d %H:%M:%S" >asof &&
	TZ=Asia/Shanghai date -d @$now +%Y-%m >month
'

# (the office's own issue is recorded after the --as-of time, the forged
# one before it: counted, it was the one issue opened as of then)
test_expect_success 'the forged issue is not counted, with --as-of or without' '
	at xq report monthly --month "$(cat month)" --json >now.json &&
	at xq report monthly --month "$(cat month)" --as-of "$(cat asof)" --json >asof.json &&
	sed -n "/^  \"issues\"/,/^  }/p" now.json | grep "^    \"opened\": 1,$" &&
	sed -n "/^  \"issues\"/,/^  }/p" asof.json | grep "^    \"opened\": 0,$"
'

test_done
