#!/bin/sh
# zdh(1): "a reader that goes away early (the pager quit, or zdh log |
# head) is not an error".  It was, by a race: zdh died of SIGPIPE (status
# 141) whenever it wrote after the reader had gone, which a cron job's
# `set -o pipefail` or a script's `zdh issue list | head -1` saw at
# random; with SIGPIPE ignored by the caller, export and the text report
# said "cannot write ...: Broken pipe" with status 128.  Here the reader is
# gone before zdh starts (a pipe whose reading end is closed), so every
# write fails: exit status 0 and nothing on standard error, always.
test_description='output: a reader that went away is not an error'
. "$(dirname "$0")/lib.sh"

# gone CMD...: run CMD with standard output a pipe nobody reads, SIGPIPE
# as a shell gives it (default); its status in gone.rc, its stderr in
# gone.err
gone () {
	perl -e '
pipe(my $r, my $w) or die; close $r;
open(STDOUT, ">&", $w) or die; close $w;
$SIG{PIPE} = "DEFAULT";
exec @ARGV or die "exec: $!";
' "$@" 2>gone.err
	echo $? >gone.rc
}

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 --date 2025-01-01 >/dev/null &&
	zdh org add --kind unit 卫生中心 --date 2025-01-01 >/dev/null &&
	zdh issue add 楼道堆物 --area 新桥 --date 2025-12-03 >/dev/null &&
	zdh menu offer add 义诊 --provider 卫生中心 --category elderly >/dev/null
'

while read -r cmd
do
	test_expect_success "zdh $cmd: exit 0, nothing said" '
		eval "gone \"\$ZDH\" $cmd" &&
		echo 0 >expect &&
		test_cmp expect gone.rc &&
		test_must_be_empty gone.err
	'
done <<\EOF
issue list
issue list --json
issue list --format csv
issue list --excel
issue show XQ-1
log
log --json
export
verify
report monthly --month 2025-12
report monthly --month 2025-12 --json
report monthly --month 2025-12 --format csv
report monthly --month 2025-12 --format html
report monthly --month 2025-12 -o -
report monthly --month 2025-12 -o /dev/stdout
report sql "SELECT * FROM events"
menu publish
menu publish -o -
help
version
EOF

test_expect_success 'a write whose reader went away is written, exit 0' '
	gone "$ZDH" issue add 路灯不亮 --area 新桥 &&
	echo 0 >expect &&
	test_cmp expect gone.rc &&
	test_must_be_empty gone.err &&
	zdh issue show XQ-2 --json >show.json &&
	grep "\"title\": \"路灯不亮\"" show.json
'

test_expect_success 'a full disk is still an error (exit 128, said)' '
	test_expect_code 128 zdh export >/dev/full 2>err &&
	grep "cannot write.*No space left on device" err &&
	test_expect_code 128 zdh report monthly --month 2025-12 >/dev/full 2>err &&
	grep "cannot write" err
'

test_expect_success 'the editor zdh runs gets SIGPIPE as zdh got it, not ignored' '
	cat >editor.sh <<-\EOS &&
	#!/bin/sh
	grep "^SigIgn:" /proc/$$/status >sigign
	printf "标题\n" >"$1"
	EOS
	chmod +x editor.sh &&
	ZDH_EDITOR=./editor.sh zdh issue add --area 新桥 >out &&
	mask=$(sed -n "s/^SigIgn:[	 ]*//p" sigign) &&
	test -n "$mask" &&
	test $(( 0x$mask & 0x1000 )) = 0
'

test_done
