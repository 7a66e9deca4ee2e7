#!/bin/sh
# fuzz/run.sh SECONDS TARGET... — run each libFuzzer target of build-fuzz/
# for SECONDS, starting from its committed seeds (fuzz/corpus/TARGET, never
# written to: new inputs go to build-fuzz/corpus-TARGET).  First every
# regression input (fuzz/regress/TARGET/*, crashes found once) is run once.
# A crash leaves build-fuzz/crash-TARGET-* and the status is 1.
secs=$1
shift
status=0
for t in "$@"; do
	bin=build-fuzz/fuzz_$t
	mkdir -p build-fuzz/corpus-$t
	if [ -d fuzz/regress/$t ] && [ -n "$(ls fuzz/regress/$t)" ]; then
		"$bin" -runs=0 fuzz/regress/$t >build-fuzz/regress-$t.log 2>&1 ||
			{ echo "fuzz: $t: a regression input fails again (build-fuzz/regress-$t.log)"; status=1; }
	fi
	"$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
		-artifact_prefix=build-fuzz/crash-$t- -print_final_stats=1 \
		build-fuzz/corpus-$t fuzz/corpus/$t >build-fuzz/run-$t.log 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' build-fuzz/run-$t.log)
	echo "fuzz: $t: ${runs:-?} runs in ${secs} s, exit $rc"
	[ $rc = 0 ] || { tail -n 30 build-fuzz/run-$t.log; status=1; }
done
exit $status
