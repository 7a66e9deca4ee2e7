#!/bin/sh
# bash completion (contrib/completion/zdh.bash): commands, verbs, options
# and live values read through zdh itself, checked in COMPREPLY; the zsh
# completion (_zdh) is checked by zsh when zsh is installed.
test_description='bash and zsh completion'
. "$(dirname "$0")/lib.sh"

SRC=$TEST_DIRECTORY/..
command -v bash >/dev/null 2>&1 && test_set_prereq BASH
command -v zsh >/dev/null 2>&1 && test_set_prereq ZSH

# complete WORD...: what bash offers for the last word (one a line)
complete () {
	ZDH_COMPLETION_BIN=$ZDH bash -c '
		. "$1/contrib/completion/zdh.bash" && shift &&
		COMP_WORDS=("$@") && COMP_CWORD=$(($# - 1)) && COMPREPLY=() &&
		__zdh_complete &&
		{ [ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"; }
	' complete "$SRC" "$@"
}

test_expect_success BASH 'set-up: a repository with orgs and issues' '
	zdh init --replica xinqiao --prefix XQ repo >/dev/null &&
	cd repo &&
	orgs district 第一片区 &&
	orgs area --district 第一片区 新桥 华山 &&
	orgs dept 房管办 派出所 &&
	zdh issue add --area 新桥 路灯不亮 >/dev/null &&
	zdh issue add --area 华山 楼道堆物 >/dev/null
'

test_expect_success BASH 'commands' '
	printf "inbox\ninit\nissue\n" >expect &&
	complete zdh i | sort >actual &&
	test_cmp expect actual
'

test_expect_success BASH 'verbs of a command, and of a noun inside it' '
	printf "add\nedit\nimport\nlist\nretire\nshow\n" >expect &&
	complete zdh org "" >actual &&
	test_cmp expect actual &&
	printf "add\nedit\nlist\nretire\n" >expect &&
	complete zdh menu need "" >actual &&
	test_cmp expect actual
'

test_expect_success BASH 'options of the verb typed' '
	printf -- "--code\n--date\n--district\n--kind\n" >expect &&
	complete zdh org add -- >actual &&
	test_cmp expect actual
'

test_expect_success BASH 'words an option takes' '
	printf "claimed\nclosed\n" >expect &&
	complete zdh issue list --status c >actual &&
	test_cmp expect actual &&
	printf "csv\n" >expect &&
	complete zdh org list --format "" >actual &&
	test_cmp expect actual
'

test_expect_success BASH 'live values: departments, areas, districts, issue ids' '
	cd repo &&
	printf "房管办\n派出所\n" >expect &&
	complete zdh issue claim XQ-1 --dept "" | sort >actual &&
	test_cmp expect actual &&
	printf "华山\n新桥\n" >expect &&
	complete zdh issue add --area "" | sort >actual &&
	test_cmp expect actual &&
	echo 第一片区 >expect &&
	complete zdh issue list --district "" >actual &&
	test_cmp expect actual &&
	printf "XQ-1\nXQ-2\n" >expect &&
	complete zdh issue show "" | sort >actual &&
	test_cmp expect actual
'

test_expect_success BASH 'live values of the repository -C names' '
	printf "XQ-1\nXQ-2\n" >expect &&
	complete zdh -C repo issue claim "" | sort >actual &&
	test_cmp expect actual &&
	complete zdh issue claim "" >actual &&
	test_must_be_empty actual
'

test_expect_success BASH 'an issue status void, the categories with the repository'\''s own' '
	cd repo &&
	echo void >expect &&
	complete zdh issue list --status v >actual &&
	test_cmp expect actual &&
	zdh config category.noise.response-days 3 &&
	zdh config menu-category.health.title 健康 &&
	printf "elderly-care\nenvironment\n" >expect &&
	complete zdh issue add --category e | sort >actual &&
	test_cmp expect actual &&
	echo noise >expect &&
	complete zdh visit add --category n >actual &&
	test_cmp expect actual &&
	printf "education\nelderly\n" >expect &&
	complete zdh menu need add --category e | sort >actual &&
	test_cmp expect actual &&
	echo health >expect &&
	complete zdh menu offer add --category h >actual &&
	test_cmp expect actual
'

test_expect_success BASH 'completion works under a Chinese locale too' '
	cd repo &&
	echo 新桥 >expect &&
	LANGUAGE=zh_CN complete zdh org show 新 >actual &&
	test_cmp expect actual &&
	printf "claimed\nclosed\n" >expect &&
	LANGUAGE=zh_CN complete zdh issue list --status c >actual &&
	test_cmp expect actual
'

# zcomplete WORD...: what _zdh hands to compadd for the last word (zsh
# filters by what is typed itself), with compadd and compdef stubbed
zcomplete () {
	ZDH_COMPLETION_BIN=$ZDH zsh -f -c '
		compadd () { shift 2; print -l -- "$@"; }
		compdef () { :; }
		fpath=("$1/contrib/completion" $fpath) && shift &&
		autoload -U _zdh &&
		words=("$@") && CURRENT=$# && _zdh
	' zcomplete "$SRC" "$@"
}

test_expect_success ZSH 'zsh: verbs, and live values through the bash functions' '
	zsh -n "$SRC/contrib/completion/_zdh" &&
	printf "add\nedit\nimport\nlist\nretire\nshow\n" >expect &&
	zcomplete zdh org "" >actual &&
	test_cmp expect actual &&
	cd repo &&
	printf "房管办\n派出所\n" >expect &&
	zcomplete zdh issue claim XQ-1 --dept "" | sort >actual &&
	test_cmp expect actual
'

test_done
