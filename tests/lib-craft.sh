# lib-craft.sh: crafting events with plain git (perl and git hash-object),
# for the hostile-peer tests (t80xx).  Source it after lib.sh.

# craft GITDIR PARENT MODE [ARG]: a commit on top of PARENT, made from the
# event of PARENT (its JSON re-encoded canonically by perl, clock one more,
# seen PARENT) and altered by MODE; prints its id.  Written with
# `git hash-object --literally`, so git checks nothing.  MODE:
#   valid            the event as it is (clock + 1)
#   clock N          clock N
#   noncanonical     keys in reverse order
#   field            an unknown top-level field "extra"
#   replica NAME     another replica in the JSON
#   date EPOCH       the event's date (author line and JSON) at EPOCH, +00:00
#   oversize         a text of 300,000 bytes in the data
#   tree MODE NAME   a tree with one entry MODE NAME (a blob), listed in data.attachments
#   bigblob SIZE     an attachment of SIZE zero bytes (a few KiB in a pack), declared as 7
#   seen TEXT        seen set to TEXT
#   deep N RECORD NAME
#                    an org add of RECORD named NAME whose JSON nests N values
#                    deep in all (the event 1, its data 2: data.set.zz arrays)
#   event KIND RECORD OP DATA
#                    an event of KIND on RECORD, operation OP, data DATA (JSON
#                    text): what an older zdh wrote (t1020's events naming orgs)
# CRAFT_REPLICA, when set, is the replica of every crafted event but "replica"'s.
# CRAFT_TIME, when set, is the time (epoch) of every event but "date"'s (the
# time it is crafted otherwise).
craft () {
	perl -e '
use strict; use warnings; use JSON::PP; use Encode;
my ($gitdir, $parent, $mode, @arg) = @ARGV;
my $raw = `git --git-dir=$gitdir cat-file commit $parent`;
my ($json) = $raw =~ /\n\n[^\n]*\n\n(\{.*\})\n\z/s or die "no event in $parent";
my $codec = JSON::PP->new->utf8->canonical->max_depth(100000);
my $e = $codec->decode($json);
delete $e->{extra}; $e->{clock}++; $e->{seen} = $parent;
$e->{replica} = $ENV{CRAFT_REPLICA} if $ENV{CRAFT_REPLICA};
$e->{data} = { message => "crafted $mode" };
$e->{op} = "comment" if $e->{op} eq "add";
my ($t, $off) = ($ENV{CRAFT_TIME} // time, "+0800");
my $tree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
my $body;
if ($mode eq "clock") { $e->{clock} = $arg[0] + 0 }
elsif ($mode eq "replica") { $e->{replica} = $arg[0] }
elsif ($mode eq "field") { $e->{extra} = 1 }
elsif ($mode eq "seen") { $e->{seen} = $arg[0] }
elsif ($mode eq "event") {
	($e->{kind}, $e->{record}, $e->{op}) = @arg[0 .. 2];
	$e->{data} = JSON::PP->new->utf8(0)->decode(Encode::decode("UTF-8", $arg[3]));
}
elsif ($mode eq "deep") {
	my $v = [];
	$v = [$v] for 1 .. $arg[0] - 4;	# (zz at 4, each array one more)
	($e->{kind}, $e->{record}, $e->{op}) = ("org", $arg[1], "add");
	$e->{data} = { set => { kind => "dept", name => Encode::decode("UTF-8", $arg[2]), zz => $v } };
}
elsif ($mode eq "oversize") { $e->{data}{message} = "x" x 300000 }
elsif ($mode eq "date") { ($t, $off) = ($arg[0], "+0000") }
elsif ($mode eq "tree") {
	my $blob = `printf crafted | git --git-dir=$gitdir hash-object -w --stdin`; chomp $blob;
	# what the mode says it is: a folder names a tree, a submodule a commit
	my $to = $arg[0] eq "40000" ? `git --git-dir=$gitdir hash-object -w -t tree /dev/null` :
		$arg[0] eq "160000" ? $parent : $blob;
	chomp $to;
	my $entry = "$arg[0] $arg[1]\0" . pack("H40", $to);
	open my $h, "|-", "git --git-dir=$gitdir hash-object -t tree -w --literally --stdin >tree.id" or die;
	print $h $entry; close $h or die "tree";
	open $h, "<", "tree.id" or die; $tree = <$h>; chomp $tree; close $h;
	$e->{data}{attachments} = [ { name => $arg[1], id => $to, size => 7 } ];
}
elsif ($mode eq "bigblob") {
	my $blob = `head -c $arg[0] /dev/zero | git --git-dir=$gitdir hash-object -w --stdin`; chomp $blob;
	my $entry = "100644 big.bin\0" . pack("H40", $blob);
	open my $h, "|-", "git --git-dir=$gitdir hash-object -t tree -w --literally --stdin >tree.id" or die;
	print $h $entry; close $h or die "tree";
	open $h, "<", "tree.id" or die; $tree = <$h>; chomp $tree; close $h;
	$e->{data}{attachments} = [ { name => "big.bin", id => $blob, size => 7 } ];
}
elsif ($mode ne "valid" && $mode ne "noncanonical") { die "mode $mode" }
my $o = ($off =~ /^([-+])(\d\d)(\d\d)$/) ? ($1 eq "-" ? -1 : 1) * ($2 * 60 + $3) : 0;
my @g = gmtime($t + $o * 60);
$e->{date} = sprintf("%04d-%02d-%02dT%02d:%02d:%02d%s:%s", $g[5] + 1900, $g[4] + 1, $g[3],
	$g[2], $g[1], $g[0], substr($off, 0, 3), substr($off, 3));
if ($mode eq "noncanonical") {
	my @k = reverse sort keys %$e;
	$body = "{" . join(",", map { $codec->encode([$_]) =~ s/^\[|\]$//gr . ":" . $codec->encode($e->{$_}) } @k) . "}";
} else {
	$body = $codec->encode($e);
}
my $who = Encode::encode("UTF-8", "$e->{actor}{name} <$e->{actor}{email}>");
my $c = "tree $tree\nparent $parent\nauthor $who $t $off\ncommitter $who $t $off\n\n$e->{kind} $e->{op} $e->{record}\n\n$body\n";
open my $h, "|-", "git --git-dir=$gitdir hash-object -t commit -w --literally --stdin" or die;
binmode $h; print $h $c; close $h or die "commit";
' "$@"
}

# craft_many GITDIR PARENT <SPECS: a chain of crafted events on top of
# PARENT, one a line of SPECS ("MODE [ARG...]", as craft's arguments; an
# event's DATA is the rest of its line), each on the one before; prints
# the last one's id.  The same commits as a loop of craft calls (t9991),
# forged in one perl process and written by one git hash-object, where
# craft costs three processes an event.  Every mode but tree and bigblob.
craft_many () {
	perl -e '
use strict; use warnings; use JSON::PP; use Encode; use Digest::SHA; use File::Temp qw(tempdir);
my ($gitdir, $parent) = @ARGV;
my $raw = `git --git-dir=$gitdir cat-file commit $parent`;
my $codec = JSON::PP->new->utf8->canonical;
my $dir = tempdir(CLEANUP => 1);
my (@ids, @files);
while (my $line = <STDIN>) {
	chomp $line;
	next if $line eq "";
	my ($mode, $rest) = split / /, $line, 2;
	my @arg = $mode eq "event" ? split(/ /, $rest, 4) : defined $rest ? split(/ /, $rest) : ();
	my ($json) = $raw =~ /\n\n[^\n]*\n\n(\{.*\})\n\z/s or die "no event in $parent";
	my $e = $codec->decode($json);
	delete $e->{extra}; $e->{clock}++; $e->{seen} = $parent;
	$e->{replica} = $ENV{CRAFT_REPLICA} if $ENV{CRAFT_REPLICA};
	$e->{data} = { message => "crafted $mode" };
	$e->{op} = "comment" if $e->{op} eq "add";
	my ($t, $off) = ($ENV{CRAFT_TIME} // time, "+0800");
	my $tree = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
	my $body;
	if ($mode eq "clock") { $e->{clock} = $arg[0] + 0 }
	elsif ($mode eq "replica") { $e->{replica} = $arg[0] }
	elsif ($mode eq "field") { $e->{extra} = 1 }
	elsif ($mode eq "seen") { $e->{seen} = $arg[0] }
	elsif ($mode eq "event") {
		($e->{kind}, $e->{record}, $e->{op}) = @arg[0 .. 2];
		$e->{data} = JSON::PP->new->utf8(0)->decode(Encode::decode("UTF-8", $arg[3]));
	}
	elsif ($mode eq "oversize") { $e->{data}{message} = "x" x 300000 }
	elsif ($mode eq "date") { ($t, $off) = ($arg[0], "+0000") }
	elsif ($mode ne "valid" && $mode ne "noncanonical") { die "craft_many: mode $mode (craft has it)" }
	my $o = ($off =~ /^([-+])(\d\d)(\d\d)$/) ? ($1 eq "-" ? -1 : 1) * ($2 * 60 + $3) : 0;
	my @g = gmtime($t + $o * 60);
	$e->{date} = sprintf("%04d-%02d-%02dT%02d:%02d:%02d%s:%s", $g[5] + 1900, $g[4] + 1, $g[3],
		$g[2], $g[1], $g[0], substr($off, 0, 3), substr($off, 3));
	if ($mode eq "noncanonical") {
		my @k = reverse sort keys %$e;
		$body = "{" . join(",", map { $codec->encode([$_]) =~ s/^\[|\]$//gr . ":" . $codec->encode($e->{$_}) } @k) . "}";
	} else {
		$body = $codec->encode($e);
	}
	my $who = Encode::encode("UTF-8", "$e->{actor}{name} <$e->{actor}{email}>");
	my $c = "tree $tree\nparent $parent\nauthor $who $t $off\ncommitter $who $t $off\n\n$e->{kind} $e->{op} $e->{record}\n\n$body\n";
	# the bytes a print to a raw handle writes, as craft prints them
	if ($c =~ /[^\x00-\xff]/) { utf8::encode($c) } else { utf8::downgrade($c) }
	my $f = "$dir/" . @files;
	open my $h, ">", $f or die "$f: $!"; binmode $h; print $h $c; close $h or die "$f: $!";
	push @files, $f;
	$parent = Digest::SHA::sha1_hex("commit " . length($c) . "\0" . $c);
	push @ids, $parent;
	$raw = $c;
}
@files or die "craft_many: no events";
open my $l, ">", "$dir/list" or die; print $l map { "$_\n" } @files; close $l or die;
my @got = `git --git-dir=$gitdir hash-object -t commit -w --literally --stdin-paths <$dir/list`;
chomp @got;
"@got" eq "@ids" or die "craft_many: git wrote other ids than forged";
print "$parent\n";
' "$@"
}

# craft_peer TITLE: office ya (replica yanan, prefix YA) beside xq, having
# pulled xq and written one issue TITLE: the peer whose log the tests
# craft on (CRAFT_REPLICA=yanan, exported).  craft_tip: its log's tip.
# craft_publish TIP: its log moved to TIP, and xq given it as remote ya.
craft_peer () {
	CRAFT_REPLICA=yanan && export CRAFT_REPLICA &&
	zdh init --replica yanan --prefix YA ya >/dev/null &&
	at ya remote add origin ../xq && at ya pull >/dev/null 2>&1 &&
	at ya issue add "$1" >/dev/null
}
craft_tip () {
	git --git-dir=ya/.zdh rev-parse refs/zdh/log/yanan
}
craft_publish () {
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan "$1" &&
	at xq remote add ya ../ya
}

# For events git fsck refuses (t9986, t9989): commits and trees written as
# they are, by hash-object --literally.
# craft_edit GITDIR COMMIT PERL: the commit's text changed by PERL (on $_, whole), written as is
craft_edit () {
	git --git-dir=$1 cat-file commit $2 | perl -0777 -pe "$3" |
	git --git-dir=$1 hash-object -t commit -w --literally --stdin
}
# craft_rawtree GITDIR "NAME ID" ...: a tree of these files (mode 100644), in the order given
craft_rawtree () {
	craft_rt_=$1 && shift &&
	perl -e 'binmode STDOUT; for (@ARGV) { my ($n, $i) = split / /; print "100644 $n\0", pack("H40", $i) }' "$@" |
	git --git-dir=$craft_rt_ hash-object -t tree -w --literally --stdin
}
# craft_withtree GITDIR COMMIT TREE "NAME ID" ...: COMMIT with TREE, its files listed in data.attachments
craft_withtree () {
	craft_wt_g_=$1 craft_wt_c_=$2 craft_wt_t_=$3 && shift 3 &&
	craft_wt_a_=$(perl -e 'print join(",", map { my ($n, $i) = split / /; "{\"id\":\"$i\",\"name\":\"$n\",\"size\":7}" } @ARGV)' "$@") &&
	craft_edit $craft_wt_g_ $craft_wt_c_ "s/^tree \\w+/tree $craft_wt_t_/; s/\"data\":\\{/\"data\":{\"attachments\":[$craft_wt_a_],/"
}
# craft_plant GITDIR FROM: the objects of FROM's logs put into GITDIR by
# hand, as plain git fetch without transfer.fsckObjects would: a pull
# refuses a peer's objects git fsck refuses (t9998), while a replica that
# holds them already (an older zdh, a fetch by hand) takes the logs naming
# them, judged by the rules.  What the logs reach (walked by perl: git
# cannot walk a commit it cannot parse, nor a file naming a tree), packed
# by git.
craft_plant () {
	git --git-dir=$2 for-each-ref --format="%(objectname)" refs/zdh/log/ |
	perl -e '
use strict; use warnings; use IPC::Open2;
my ($gitdir) = @ARGV;
my $pid = open2(my $out, my $in, "git", "--git-dir=$gitdir", "cat-file", "--batch");
binmode $out; binmode $in;
my @todo = map { chomp; $_ } <STDIN>;
my %seen;
while (defined(my $id = pop @todo)) {
	next if $seen{$id}++;
	print $in "$id\n"; $in->flush;
	my $head = <$out>;
	next if $head =~ / missing$/;
	my (undef, $type, $size) = split / /, $head;
	read($out, my $data, $size + 1) == $size + 1 or die "short read";
	print "$id\n";
	if ($type eq "commit") {
		my ($hdr) = split /\n\n/, $data, 2;
		push @todo, $1 while $hdr =~ /^(?:tree|parent) ([0-9a-f]{40})$/mg;
	} elsif ($type eq "tree") {
		while ($data =~ /\G(\d+) [^\0]*\0(.{20})/sg) {
			push @todo, unpack("H40", $2) unless $1 eq "160000";
		}
	}
}
close $in; waitpid $pid, 0;
' $2 | git --git-dir=$2 pack-objects -q "$1/objects/pack/pack" >/dev/null
}
