#!/bin/sh
# zdh verify reads, inflates and hashes the commits of a log on a second
# thread (core/walk.c) while it judges them on the first: every event
# counted across the batches the reader hands over, a commit that does
# not hash to its id named, a damaged pack named, a missing parent named
# after the events above it were judged.
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: 700 issues imported (more than two of the reader batches of 256), 3 added' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	perl -e "print qq(title,area\n); print qq(问题\$_,\n) for 1 .. 700" >issues.csv &&
	zdh issue import issues.csv >/dev/null &&
	zdh issue add 一 --date 2026-01-02 >/dev/null &&
	zdh issue add 二 --date 2026-01-03 >/dev/null &&
	zdh issue add 三 --date 2026-01-04 >/dev/null
'

test_expect_success 'verify counts every event of the log, as git does' '
	n=$(git --git-dir=.zdh rev-list --count refs/zdh/log/xinqiao) &&
	test "$n" -ge 703 &&
	zdh verify >out &&
	echo "verified 1 log, $n events" >expect &&
	test_cmp expect out
'

test_expect_success 'a commit whose object holds another content: verify names it as damaged' '
	damaged d1 &&
	tip=$(git --git-dir=d1/.zdh rev-parse refs/zdh/log/xinqiao) &&
	parent=$(git --git-dir=d1/.zdh rev-parse "$tip^") &&
	git --git-dir=d1/.zdh cat-file commit "$parent" >commit &&
	test -f d1/.zdh/objects/$(echo $parent | cut -c1-2)/$(echo $parent | cut -c3-) &&
	# the same commit with one letter of its message changed, stored under the old id
	perl -MCompress::Zlib -e '"'"'
		local $/; open my $in, "<", $ARGV[0] or die; my $c = <$in>;
		$c =~ s/二/贰/ or die "no title";
		my $o = "commit " . length($c) . "\0" . $c;
		my $f = $ARGV[1]; chmod 0644, $f; open my $out, ">", $f or die "$f: $!";
		binmode $out; print $out compress($o); close $out or die'"'"' \
		commit d1/.zdh/objects/$(echo $parent | cut -c1-2)/$(echo $parent | cut -c3-) &&
	test_expect_code 1 zdh -C d1 verify >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: refs/zdh/log/xinqiao: commit $(echo $parent | cut -c1-12): object $parent is corrupt (it hashes to [0-9a-f]\{40\})$" err
'

test_expect_success 'the same commit packed (git packs it without hashing it again): the reader names it' '
	git --git-dir=d1/.zdh repack -q -a -d &&
	! test -f d1/.zdh/objects/$(echo $parent | cut -c1-2)/$(echo $parent | cut -c3-) &&
	test_expect_code 1 zdh -C d1 verify >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: refs/zdh/log/xinqiao: commit $(echo $parent | cut -c1-12): object damaged (it hashes to [0-9a-f]\{12\})$" err
'

test_expect_success 'a damaged byte in the pack: verify fails and names the log' '
	damaged d2 &&
	git --git-dir=d2/.zdh repack -q -a -d &&
	pack=$(ls d2/.zdh/objects/pack/*.pack) &&
	size=$(wc -c <"$pack") &&
	chmod u+w "$pack" &&
	# a byte in the middle of the objects, away from the header and the checksum
	perl -e '"'"'open my $f, "+<", $ARGV[0] or die; binmode $f; seek $f, $ARGV[1], 0;
		read $f, my $b, 1; seek $f, $ARGV[1], 0; print $f chr(ord($b) ^ 0x55); close $f or die'"'"' \
		"$pack" $((size / 2)) &&
	test_must_fail zdh -C d2 verify >out 2>err &&
	test_must_be_empty out &&
	grep "^zdh: refs/zdh/log/xinqiao: commit [0-9a-f]\{12\}: " err
'

test_expect_success 'a missing parent: verify fails naming it' '
	damaged d3 &&
	tip=$(git --git-dir=d3/.zdh rev-parse refs/zdh/log/xinqiao) &&
	parent=$(git --git-dir=d3/.zdh rev-parse "$tip^") &&
	rm -f d3/.zdh/objects/$(echo $parent | cut -c1-2)/$(echo $parent | cut -c3-) &&
	test_must_fail zdh -C d3 verify >out 2>err &&
	test_must_be_empty out &&
	grep "^zdh: refs/zdh/log/xinqiao: commit $(echo $parent | cut -c1-12): " err
'

test_expect_success 'the original repository verifies as before' '
	zdh verify >out &&
	test_cmp expect out
'

test_done
