#!/bin/sh
# What zdh reports as written survives a power cut, shown at the block
# level: every write and flush the file system sends to its device is
# recorded (tests/wlog.c: a FUSE file under a loop device, what
# dm-log-writes does where the kernel has no device-mapper), then the
# device is rebuilt as it was at each cut point and checked: the file
# system mounts (after e2fsck, as a boot would run it), zdh verify and git
# fsck --strict are clean, and every write zdh reported before the last
# flush preceding the cut is there.  A cut keeps the writes before it and
# loses all after it; a write zdh reported must be in the state that keeps
# only what was written before the last flush preceding its report (the
# device's cache may lose everything after a flush).
#
# Run on an ext4 image with a journal (zdh flushes once: batch) and on one
# without (zdh fsyncs a new file with its name, and swaps a replaced one
# with the old, RENAME_EXCHANGE, then fsyncs it: file), as zdh decides for
# itself.  A plain rename over the old ref with one fsync fails here.
# Needs root, /dev/fuse, a loop device, mkfs.ext4, and libfuse3-dev to build
# wlog; skipped otherwise.  Without a journal every write is a cut point
# (a file, its inode and its folder go in one flush there, and a replaced
# ref lost between two of them was found so); with one, every state a
# flush ends and every 4th write between (ZDH_REPLAY_CUTS=all: every write).
. "$(dirname "$0")/lib.sh"

if test "$(id -u)" = 0 && test -c /dev/fuse && command -v losetup >/dev/null &&
   command -v mkfs.ext4 >/dev/null && command -v e2fsck >/dev/null &&
   pkg-config --exists fuse3 2>/dev/null &&
   ${CC:-cc} -O2 -o wlog "$TEST_DIRECTORY/wlog.c" $(pkg-config --cflags --libs fuse3) 2>wlog.err &&
   losetup -f >/dev/null 2>&1
then
	test_set_prereq REPLAY
fi

WLOG_PID= LOOP=
cleanup () {
	mountpoint -q "$TRASH_DIRECTORY/fs" 2>/dev/null && umount "$TRASH_DIRECTORY/fs"
	mountpoint -q "$TRASH_DIRECTORY/chk" 2>/dev/null && umount "$TRASH_DIRECTORY/chk"
	test -n "$LOOP" && losetup -d "$LOOP" 2>/dev/null
	LOOP=
	mountpoint -q "$TRASH_DIRECTORY/fuse" 2>/dev/null && umount "$TRASH_DIRECTORY/fuse"
	if test -n "$WLOG_PID"
	then
		kill "$WLOG_PID" 2>/dev/null
		wait "$WLOG_PID" 2>/dev/null
	fi
	WLOG_PID=
	return 0
}
trap cleanup EXIT

# the cut points of LOG: "P NEED" a line, P writes applied, NEED the marks
# that must be there (comma-separated, "-" for none); flush-ended states
# always, writes between every STRIDE-th (1: all)
cuts () {
	perl -e '
		my ($log, $stride) = @ARGV; open my $l, "<", $log or die "$log: $!";
		my (@rec, $w, $lastf_w, @marks);
		$w = 0; $lastf_w = 0;
		while (read($l, my $h, 16) == 16) {
			my ($t, $n) = unpack("a1x3V", $h); read($l, my $d, $n);
			if ($t eq "W") { $w++; push @rec, "W" }
			elsif ($t eq "F") { $lastf_w = $w; $rec[-1] = "WF" if @rec && $rec[-1] eq "W" }
			else { $d =~ s/\s+$//; $d =~ s/ /_/g; push @marks, [$d, $lastf_w] }
		}
		for my $p (0 .. $w) {
			next unless $p == 0 || $p == $w || ($rec[$p - 1] // "") eq "WF" || $p % $stride == 0;
			my @need = map { $_->[0] } grep { $p >= $_->[1] } @marks;
			print "$p ", (@need ? join(",", @need) : "-"), "\n";
		}' "$@"
}

# images BASE LOG CUTS IMG: the device at each cut point of CUTS in turn,
# in IMG: BASE with the first P writes of LOG applied, then "P NEED"
# printed, and the next one made when a line "next" comes on stdin; a
# line "hash DIR" is answered with a digest of what DIR holds (every
# name, type, mode, owner, size, time of change, content and link).  One
# process for all: the writes applied once, in order, to a copy kept
# aside, and IMG written from it (the blocks BASE holds and those written).
images () {
	perl -e '
		use strict; use Digest::SHA;
		my ($base, $log, $cuts, $img) = @ARGV; $| = 1;
		my (%blk, $sha);
		# the copy: BASE as it is, its blocks with data noted (SEEK_DATA
		# 3, SEEK_HOLE 4)
		open my $b, "<", $base or die "$base: $!"; binmode $b;
		open my $c, "+>", "$img.cur" or die "$img.cur: $!"; binmode $c;
		my $size = -s $b; my $off = 0; truncate $c, $size or die;
		while ($off < $size) {
			my $d = sysseek($b, $off, 3); last unless defined $d;
			my $h = sysseek($b, $d, 4); $h = $size unless defined $h;
			sysseek($b, $d, 0); sysread($b, my $data, $h - $d) == $h - $d or die;
			sysseek($c, $d, 0); syswrite($c, $data) == $h - $d or die;
			$blk{$_} = 1 for int($d / 4096) .. int(($h - 1) / 4096);
			$off = $h;
		}
		sub walk {
			my ($d) = @_;
			opendir(my $h, $d) or die "$d: $!";
			for my $e (sort grep { $_ ne "." && $_ ne ".." } readdir $h) {
				my $p = "$d/$e"; my @st = lstat $p or die "$p: $!";
				$sha->add(join("\0", $p, @st[2, 4, 5, 7, 9]), "\0");
				if (-l _) { $sha->add(readlink($p), "\0") }
				elsif (-d _) { walk($p) }
				elsif (-f _) { $sha->addfile($p) }
			}
		}
		open my $l, "<", $log or die "$log: $!"; binmode $l; my $w = 0;
		open my $k, "<", $cuts or die "$cuts: $!";
		while (my $cut = <$k>) {
			my ($p) = split " ", $cut;
			while ($w < $p && read($l, my $h, 16) == 16) {
				my ($t, $n, $o) = unpack("a1x3VQ<", $h); read($l, my $d, $n);
				next unless $t eq "W";
				sysseek($c, $o, 0) or die; syswrite($c, $d) == $n or die; $w++;
				$blk{$_} = 1 for int($o / 4096) .. int(($o + $n - 1) / 4096);
			}
			$w == $p or die "$log: $w writes, not $p";
			open my $i, ">", $img or die "$img: $!"; binmode $i; truncate $i, $size or die;
			for my $n (sort { $a <=> $b } keys %blk) {
				sysseek($c, $n * 4096, 0); my $r = sysread($c, my $d, 4096);
				sysseek($i, $n * 4096, 0); syswrite($i, $d, $r) == $r or die;
			}
			close $i or die;
			print $cut;
			while (1) {
				my $ask = <STDIN>;
				exit 0 unless defined $ask;
				last if $ask eq "next\n";
				$ask =~ /^hash (.*)$/ or die "what is $ask";
				$sha = Digest::SHA->new(1); walk($1); print $sha->hexdigest, "\n";
			}
		}' "$@"
}

# record MKFS...: a fresh image made by MKFS, mounted through wlog on
# fs/, with its log in log; the workload writes marks after each report
record () {
	cleanup
	rm -rf fuse fs chk log base.img img && mkdir fuse fs chk &&
	truncate -s 48M base.img && "$@" base.img >/dev/null 2>&1 && cp --sparse=always base.img img &&
	{ ./wlog img log fuse >wlog.out 2>&1 & WLOG_PID=$!; } &&
	test_wait_for fuse/mark 10 &&
	LOOP=$(losetup -f --show fuse/disk) &&
	mount "$LOOP" fs
}

mark () {
	printf '%s\n' "$*" >"$TRASH_DIRECTORY/fuse/mark"
}

# the writes: init, adds (each reported id marked), an import of 20 (a
# pack), a comment, a config change
workload () {
	(cd fs && zdh init --replica xinqiao --prefix XQ r >/dev/null 2>&1) && mark init &&
	cd fs/r &&
	ZDH_TRACE_FSYNC=1 zdh issue add "第一件" >id 2>trace && mark "add $(cat id)" &&
	sed -n "s/^zdh: fsync: [^:]*: //p" trace | head -n 1 >"$TRASH_DIRECTORY/mode" &&
	for i in 2 3 4 5 6
	do
		zdh issue add "第${i}件" >id && mark "add $(cat id)" || return 1
	done &&
	{
		echo "id,title,body,area,category,source,reporter,location,status,dept,assignee,due,created"
		i=1
		while test $i -le 20
		do
			echo ",导入$i,,,,,,,open,,,,"
			i=$((i + 1))
		done
	} >../in.csv &&
	zdh issue import ../in.csv >/dev/null && mark import &&
	zdh issue comment XQ-1 -m "已联系" >/dev/null && mark comment &&
	zdh config zdh.lock-timeout 7 && mark config &&
	zdh issue add "最后" >id && mark "add $(cat id)" &&
	cd "$TRASH_DIRECTORY" &&
	umount fs && losetup -d "$LOOP" && LOOP= &&
	umount fuse && wait "$WLOG_PID" && WLOG_PID=
}

# check_cut P NEED: the state after P writes, in cut.img (made by images,
# which reads fd 3 and answers on fd 4); says what is wrong on stdout.
# Every cut point is checked by e2fsck and mounted; the checks of the
# repository in it (verify, git fsck, the listing, the marks needed) are
# run once for each state of the files and marks needed: a cut point
# whose mounted files hash as those of one already passed, needing the
# same marks, passes them too (about 60 states of 144 cut points).
check_cut () {
	e2fsck -fy cut.img >fsck.out 2>&1
	test $? -lt 4 || { echo "cut after $1 writes: e2fsck failed:"; cat fsck.out; return 1; }
	mount -o loop cut.img chk 2>mount.err || {
		echo "cut after $1 writes: does not mount:"; cat mount.err; return 1; }
	echo "hash $TRASH_DIRECTORY/chk" >&3 && read -r state <&4 || {
		echo "cut after $1 writes: no hash of the files"; umount chk; return 1; }
	case $checked_ in
	*" $state:$2 "*) umount chk; return 0 ;;
	esac
	# (no set -e here: a caller's || turns it off)
	(
		need=",$2,"
		case $need in *,init,*) ;; *) exit 0 ;; esac
		cd chk/r || exit 1
		zdh verify >/dev/null || exit 1
		git --git-dir=.zdh fsck --strict >fsck.git 2>&1 || { cat fsck.git; exit 1; }
		zdh issue list --format csv >list.csv || exit 1
		for m in $(echo "$2" | tr ',' ' ')
		do
			case $m in
			add_*) grep "^${m#add_}," list.csv >/dev/null || { echo "lost: $m"; exit 1; } ;;
			config) test "$(zdh config zdh.lock-timeout)" = 7 || { echo "lost: config"; exit 1; } ;;
			comment) zdh issue show XQ-1 | grep 已联系 >/dev/null || { echo "lost: comment"; exit 1; } ;;
			esac
		done
		n=$(grep -c ",导入" list.csv)
		case $need in
		*,import,*) test "$n" = 20 || { echo "import: $n of 20"; exit 1; } ;;
		*) test "$n" = 0 || test "$n" = 20 || { echo "import: $n of 20, not all or nothing"; exit 1; } ;;
		esac
	) >cut.out 2>&1
	rc=$?
	umount chk
	test $rc = 0 || { echo "cut after $1 writes (needs $2):"; cat cut.out; return 1; }
	checked_="$checked_$state:$2 "
}

replay () {
	stride=${1:-4}
	test "${ZDH_REPLAY_CUTS:-}" = all && stride=1
	cuts log $stride >cuts &&
	echo "# $(grep -c . cuts) cut points, $(tail -n 1 cuts | cut -d" " -f1) writes" >&2 &&
	rm -f go && mkfifo go &&
	images base.img log cuts cut.img <go | {
		exec 3>go 4<&0
		checked_=' ' n=0
		while read -r p need <&4
		do
			check_cut "$p" "$need" </dev/null || exit 1
			n=$((n + 1))
			echo next >&3
		done
		test $n = "$(grep -c . cuts)" || { echo "$n cut points of $(grep -c . cuts) checked"; exit 1; }
	}
}

for fs in journal nojournal
do
	if test $fs = journal
	then mkfs="mkfs.ext4 -q -F" want="ext4 (journal), batch" stride=4
	else mkfs="mkfs.ext4 -q -F -O ^has_journal" want="ext4 (no journal), file" stride=1
	fi

	test_expect_success REPLAY "ext4 $fs: the writes recorded at the block level" "
		record $mkfs &&
		workload &&
		echo '$want' >expect &&
		test_cmp expect mode &&
		test -s log
	"

	test_expect_success REPLAY "ext4 $fs: every cut point mounts, verifies, keeps what was reported" "
		replay $stride
	"
done

# The replay can fail: one flush for all is not enough without a journal
# (the renames are not ordered with the flush), and it catches that, on
# whichever reported write it loses first, every cut point replayed
# (init's: no repository; an add's, the import's, the comment's).
test_expect_success REPLAY 'forced to flush once without a journal, a reported write is lost' '
	record mkfs.ext4 -q -F -O ^has_journal &&
	ZDH_FSYNC=batch && export ZDH_FSYNC &&
	workload &&
	unset ZDH_FSYNC &&
	test_must_fail replay 1 >replay.out &&
	cat replay.out &&
	grep -E "lost: |import: |missing|error|fatal|no zdh repository" replay.out
'

test_expect_success REPLAY 'cleanup' '
	cleanup
'

if ! test_have_prereq REPLAY
then
	test_skip "block-level replay" "needs root, /dev/fuse, a loop device, mkfs.ext4, libfuse3-dev"
fi
test_done
