#!/bin/sh
# Every command's usage text (-h) equals the SYNOPSIS of its man page,
# line for line (as git's t0450 checks its own).
test_description='usage text equals the man page SYNOPSIS'
. "$(dirname "$0")/lib.sh"

MAN_DIRECTORY=$TEST_DIRECTORY/../man
command -v mandoc >/dev/null 2>&1 && test_set_prereq MANDOC

# synopsis_of PAGE: the SYNOPSIS lines of a rendered man page, one usage a
# line, without indentation, overstrike or blank lines.
synopsis_of () {
	bs=$(printf '\b')
	mandoc -T utf8 -O width=300 "$1" |
	sed -e "s/.$bs//g" |
	awk '/^SYNOPSIS$/ { in_syn = 1; next }
	     /^[^ ]/ { in_syn = 0 }
	     in_syn && NF { sub(/^ +/, ""); sub(/ +$/, ""); print }'
}

# usage_of ARGS...: what zdh ARGS prints, without the "usage: "/"   or: " prefixes.
usage_of () {
	"$ZDH" "$@" >usage.raw &&
	sed -e 's/^usage: //' -e 's/^   or: //' -e 's/ *$//' usage.raw
}

test_expect_success MANDOC 'zdh.1 SYNOPSIS is the first line of zdh -h' '
	usage_of -h >usage.all &&
	sed -n 1p usage.all >expect &&
	synopsis_of "$MAN_DIRECTORY/zdh.1" >actual &&
	test_cmp expect actual
'

for page in "$MAN_DIRECTORY"/zdh-*.1
do
	test -e "$page" || continue
	cmd=${page##*/zdh-}
	cmd=${cmd%.1}
	test_expect_success MANDOC "zdh $cmd -h equals zdh-$cmd.1 SYNOPSIS" '
		usage_of "$cmd" -h >expect &&
		test -s expect &&
		synopsis_of "$page" >actual &&
		test_cmp expect actual
	'
done

test_done
