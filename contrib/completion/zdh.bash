# bash completion for zdh(1)                                  -*- sh -*-
#
# Source it from ~/.bashrc, or install it where bash-completion looks
# (make install puts it in $(PREFIX)/share/bash-completion/completions/zdh).
#
# Commands, verbs and options come from zdh itself (`zdh help`, the
# usage lines of `zdh CMD -h`), so they follow the binary; live values
# (issue ids, names of areas, districts and departments) come from its
# CSV listings (`zdh org list --format csv`, `zdh issue list --format csv`)
# of the repository the command line names (-C DIR) or the current one.
# zdh is run in English (LANGUAGE unset) so the parsing does not depend
# on the catalogue.

# zdh, with the -C DIR of the command line, English, no pager, quiet.
__zdh_run ()
{
	LANGUAGE= ZDH_PAGER=cat command "${ZDH_COMPLETION_BIN:-zdh}" "${__zdh_pre[@]}" "$@" 2>/dev/null
}

# The third column of a CSV listing: names (a quoted name is skipped).
__zdh_csv_column ()
{
	sed -e 1d -e '/"/d' | cut -d, -f"$1"
}

__zdh_orgs ()	# [KIND]
{
	if [ -n "$1" ]; then
		__zdh_run org list --kind "$1" --format csv | __zdh_csv_column 3
	else
		__zdh_run org list --format csv | __zdh_csv_column 3
	fi
}

# The NAMEs of the repository's [SECTION "NAME"] (categories it adds).
__zdh_config_names ()	# SECTION
{
	__zdh_run config --list | sed -n "s/^$1\\.\\([^.=]*\\)\\..*/\\1/p" | sort -u
}

__zdh_issue_ids ()
{
	__zdh_run issue list --format csv | __zdh_csv_column 1
}

# COMPREPLY from a newline-separated list (names may hold spaces).
__zdh_reply ()
{
	local IFS=$'\n'
	COMPREPLY=($(compgen -W "$1" -- "$cur"))
	return 0
}

# The values of option $1 of command $cmd (its usage lines are in $forms).
__zdh_option_values ()
{
	local opt=$1 alt
	case "$cmd:$opt" in
	org:--kind)	__zdh_reply "$(printf '%s\n' area district dept unit building group)"; return ;;
	log:--kind)	__zdh_reply "$(printf '%s\n' org issue offer need pairing delivery liaison visit project fund person report council meeting decision action)"; return ;;
	project:--status) __zdh_reply "$(printf '%s\n' proposed approved done)"; return ;;
	council:--status) __zdh_reply "$(printf '%s\n' open no-quorum rejected pending-consent adopted blocked)"; return ;;
	council:--kind)	__zdh_reply "$(printf '%s\n' regular extra hearing consultation)"; return ;;
	*:--status)	__zdh_reply "$(printf '%s\n' open claimed escalated resolved closed void)"; return ;;
	menu:--category) __zdh_reply "$(printf '%s\n' party-lesson education sharing needy elderly students disabled
			 __zdh_config_names menu-category)"; return ;;
	*:--category)	__zdh_reply "$(printf '%s\n' environment parking safety housing group-renting shops accessibility elderly-care other
			 __zdh_config_names category)"; return ;;
	*:--source)	__zdh_reply "$(printf '%s\n' visit wechat hotline petition hearing council grid other)"; return ;;
	*:--reason)	__zdh_reply "$(printf '%s\n' not-our-area unclear-ownership overlapping-duties other)"; return ;;
	*:--role)	__zdh_reply "$(printf '%s\n' chair deputy member secretary supporting-unit legal-advisor)"; return ;;
	*:--party)	__zdh_reply "$(printf '%s\n' resident shop owners-committee property-manager unit)"; return ;;
	*:--area)	__zdh_reply "$(__zdh_orgs area)"; return ;;
	*:--district)	__zdh_reply "$(__zdh_orgs district)"; return ;;
	*:--dept|*:--mentions) __zdh_reply "$(__zdh_orgs dept)"; return ;;
	*:--provider|*:--org) __zdh_reply "$(__zdh_orgs)"; return ;;
	*:--record|*:--issue|*:--agenda) __zdh_reply "$(__zdh_issue_ids)"; return ;;
	report:--format) __zdh_reply "$(printf '%s\n' text json csv md html)"; return ;;
	*:--date|*:--since|*:--until|*:--due) __zdh_reply "$(printf '%s\n' today yesterday now)"; return ;;
	esac
	# what the usage shows after the option, when it is a choice of
	# words: "--format md|html|csv", "--vote for|against|abstain"
	alt=$(printf '%s\n' "$forms" | tr ' []' '\n\n\n' | sed -n "/^$opt\$/{n;p;}" |
	      grep -E '^[a-z0-9]+([|-][a-z0-9]+)*$' | tr '|' '\n' | sort -u)
	__zdh_reply "$alt"
}

__zdh_complete ()
{
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local i=1 j cmd at w usage forms next
	local -a __zdh_pre=()

	COMPREPLY=()
	# options before the command: -C DIR
	while [ "$i" -lt "$COMP_CWORD" ]; do
		case "${COMP_WORDS[i]}" in
		-C)	__zdh_pre=(-C "${COMP_WORDS[i+1]}"); i=$((i + 2)) ;;
		-*)	i=$((i + 1)) ;;
		*)	break ;;
		esac
	done
	if [ "$prev" = -C ]; then
		COMPREPLY=($(compgen -d -- "$cur"))
		return
	fi
	if [ "$i" -ge "$COMP_CWORD" ]; then
		case "$cur" in
		-*)	COMPREPLY=($(compgen -W "-C --version -h --help" -- "$cur")) ;;
		*)	COMPREPLY=($(compgen -W "$(__zdh_run help | sed -n 's/^   \([a-z-]*\) .*/\1/p')" -- "$cur")) ;;
		esac
		return
	fi
	cmd=${COMP_WORDS[i]}
	if [ "$cmd" = help ]; then
		COMPREPLY=($(compgen -W "$(__zdh_run help | sed -n 's/^   \([a-z-]*\) .*/\1/p')" -- "$cur"))
		return
	fi
	usage=$(__zdh_run "$cmd" -h | sed -n -e 's/^usage: zdh //p' -e 's/^ *or: zdh //p')
	# the verbs typed so far ("menu offer add")
	at=$cmd
	for ((j = i + 1; j < COMP_CWORD; j++)); do
		w=${COMP_WORDS[j]}
		case "$w" in -*|*[!a-z-]*|'') break ;; esac
		printf '%s\n' "$usage" | grep -q "^$at $w\( \|\$\)" || break
		at="$at $w"
	done
	forms=$(printf '%s\n' "$usage" | grep "^$at\( \|\$\)")
	case "$prev" in
	--*)
		# an option that takes a value: the usage shows "--opt VALUE"
		if printf '%s\n' "$forms" | grep -q -- "$prev [^-[|]"; then
			__zdh_option_values "$prev"
			return
		fi
		;;
	esac
	case "$cur" in
	-*)
		COMPREPLY=($(compgen -W "$(printf '%s\n' "$forms" | grep -o -- '--[a-z][a-z0-9-]*' | sort -u) -h" -- "$cur"))
		return
		;;
	esac
	next=$(printf '%s\n' "$forms" | sed -n "s/^$at \([a-z][a-z-]*\)\( .*\)\{0,1\}\$/\1/p" | sort -u)
	if [ -n "$next" ]; then
		COMPREPLY=($(compgen -W "$next" -- "$cur"))
		return
	fi
	# an argument: ids of issues, names of orgs
	case "$cmd" in
	issue)	__zdh_reply "$(__zdh_issue_ids)" ;;
	org)	__zdh_reply "$(__zdh_orgs)" ;;
	esac
	return 0
}

complete -F __zdh_complete zdh
