#!/bin/sh
# tests/bench-ab.sh A B [N] [BIG]: bench.sh sections 2 (import of N open issues) and 4
# (reindex of about 4*BIG events) for two binaries A and B, interleaved
# (A, B, A, B, ...) three rounds each (ROUNDS=K: K) so that both see the same load: a
# change to the engine must not make either slower.  Prints wall and CPU
# (user+sys) seconds of each run.  Example (engine before/after):
#   sh tests/bench-ab.sh /tmp/old/zdh ./zdh 100000 25000
A=$1 B=$2 N=${3:-100000} BIG=${4:-250000}
# (each run starts in its own repository: a binary named ./zdh must not move)
case $A in /*) ;; *) A=$PWD/$A ;; esac
case $B in /*) ;; *) B=$PWD/$B ;; esac
W=$(mktemp -d /tmp/abw.XXXXXX)
export ZDH_USER_NAME=bench ZDH_USER_EMAIL=bench@example.org ZDH_PAGER=cat LC_ALL=C.UTF-8
csv() {
	perl -e 'my ($n, $st) = @ARGV; my $d = $st eq "open" ? "" : "房管办";
		print "id,title,body,area,category,source,reporter,location,status,dept,assignee,due,created\n";
		print ",bench issue $st $_,,,,,,,$st,$d,,,\n" for 1 .. $n' "$2" "$3" >"$1"
}
t() { perl -MTime::HiRes=time -e 'open SAVE, ">&STDOUT"; open STDOUT, ">/dev/null"; open STDERR, ">/dev/null"; $t=time; system(@ARGV)==0 or die "fail @ARGV"; my @c=times; printf SAVE "%.2f wall, %.2f cpu", time-$t, $c[2]+$c[3]' "$@"; }
if [ "${SKIP_IMPORT:-}" = "" ]; then
csv $W/n.csv $N open
for r in $(seq 1 "${ROUNDS:-3}"); do
	for x in A B; do
		eval bin=\$$x
		rm -rf $W/imp; $bin init --replica bench --prefix BN $W/imp >/dev/null 2>&1
		s=$(cd $W/imp && t $bin issue import $W/n.csv </dev/null)
		echo "import $x round $r: $s s"
	done
done
rm -rf $W/imp $W/n.csv
fi
if [ "${SKIP_REINDEX:-}" = "" ]; then
$B init --replica bench --prefix BN $W/huge >/dev/null 2>&1
(cd $W/huge && $B org add --kind dept 房管办 >/dev/null && csv $W/big.csv $BIG closed && $B issue import $W/big.csv >/dev/null) 
rm -f $W/big.csv $W/huge/.zdh/index.db*
cp -a $W/huge $W/hugeA; mv $W/huge $W/hugeB
for r in $(seq 1 "${ROUNDS:-3}"); do
	for x in A B; do
		eval bin=\$$x
		s=$(cd $W/huge$x && t $bin reindex)
		echo "reindex $x round $r: $s s"
	done
done
fi
rm -rf $W
