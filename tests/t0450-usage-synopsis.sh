#!/bin/sh
# Every command's usage text (-h) equals the SYNOPSIS of its man page,
# line for line (as git's t0450 checks its own); every verb's -h starts
# with its own line of it; every option a verb's -h lists (from its
# option table, cmd/lib/options.h) is documented in the man page.
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

# rendered PAGE: the whole page as plain text.
rendered () {
	bs=$(printf '\b')
	mandoc -T utf8 -O width=300 "$1" | sed -e "s/.$bs//g"
}

# usage_of ARGS...: the usage lines zdh ARGS prints (up to the option
# list), without the "usage: "/"   or: " prefixes.
usage_of () {
	"$ZDH" "$@" >usage.raw &&
	sed -e '/^$/,$d' -e 's/^usage: //' -e 's/^   or: //' -e 's/ *$//' usage.raw
}

# options_of ARGS...: the long (else short) names of the options zdh ARGS
# lists after its usage ("    -m, --message TEXT  ..." gives --message).
# options_in FILE [VERB]: the same of a -h saved in FILE (usage_of's
# usage.raw), each after "VERB " if given.
options_of () {
	"$ZDH" "$@" >options.raw &&
	options_in options.raw
}
options_in () {
	sed -n -e '1,/^$/d' \
	       -e "s/^    -[a-zA-Z], \(--[a-z-]*\).*/${2:+$2 }\1/p" \
	       -e "s/^    \(--[a-z-]*\).*/${2:+$2 }\1/p" \
	       -e "s/^    \(-[a-zA-Z]\)\( .*\)\{0,1\}\$/${2:+$2 }\1/p" "$1"
}

# undocumented PAGE OPTIONS: the first line "VERB OPTION" of the file
# OPTIONS (one a line) whose option the rendered PAGE names nowhere: at a
# line's start (after spaces) or after one of " ,|[(", and then not
# followed by a letter, a digit or "_" (what grep -e "^ *OPTION\b" -e
# "[ ,|[(]OPTION\b" finds); one perl for all the options of a page, not
# one grep for each.
undocumented () {
	perl -CSD -e '
		open my $p, "<", $ARGV[0] or die "$ARGV[0]: $!"; my @page = <$p>;
		open my $o, "<", $ARGV[1] or die "$ARGV[1]: $!";
		while (my $line = <$o>) {
			chomp $line;
			my ($opt) = $line =~ /(\S+)$/ or next;
			next if grep { /^ *\Q$opt\E\b/ || /[ ,|\[(]\Q$opt\E\b/ } @page;
			print "$line\n";
			last;
		}' "$1" "$2"
}

# verb_of LINE: sets $verb to the words naming the verb of a usage line
# ("zdh org add --kind KIND NAME" gives "org add"): the second word and
# those after it made of lowercase letters and "-" only
verb_of () {
	set -f
	set -- $1
	set +f
	verb=$2
	shift 2
	for w_
	do
		case $w_ in
		[a-z]*) case $w_ in *[!a-z-]*) break ;; esac ;;
		*) break ;;
		esac
		verb="$verb $w_"
	done
}

test_expect_success 'options_of reads the option list of a -h' '
	options_of org add -h >actual &&
	printf "%s\n" --kind --district --code --date --future >expect &&
	test_cmp expect actual &&
	options_of org edit -h >actual &&
	grep -x -- --message actual
'

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

	test_expect_success MANDOC "each verb of zdh $cmd: its line of -h, its options in zdh-$cmd.1" '
		rendered "$page" >page.txt &&
		usage_of "$cmd" -h >lines &&
		all_lines=$LF &&
		while IFS= read -r line
		do
			all_lines=$all_lines$line$LF
		done <lines &&
		printf "" >verb.options &&
		while read -r line
		do
			# the words naming the verb: "org add", "visit liaison add", "log"
			verb_of "$line" &&
			usage_of $verb -h >verb.usage || return 1
			first= &&
			IFS= read -r first <verb.usage
			case $all_lines in
			*"$LF$first$LF"*) ;;
			*) echo "zdh $verb -h: \"$first\" is not a line of zdh $cmd -h"; return 1 ;;
			esac
			options_in usage.raw "$verb" >>verb.options || return 1
		done <lines &&
		option=$(undocumented page.txt verb.options) &&
		if test -n "$option"
		then
			echo "zdh ${option% *}: ${option##* } is not in zdh-$cmd.1" && return 1
		fi
	'
done

test_done
