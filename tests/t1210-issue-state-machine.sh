#!/bin/sh
# zdh issue: the state machine, exhaustively.  For every state, an issue is
# brought into it and every operation is tried on it: the allowed ones reach
# the documented state (one event more), the others exit 1 with one line
# "zdh: ID is STATE; allowed: OP, OP, ..." and change nothing.
# The tests are generated from the table below (man/zdh-issue.1).
test_description='issue state machine, every state by every operation'
. "$(dirname "$0")/lib.sh"

OPS='claim assign comment escalate resolve close reopen edit follow-up link return urge void'

# STATE: the operations allowed from it, each as OP>RESULTING-STATE.
allowed_open='claim>claimed comment>open escalate>escalated edit>open link>open void>void'
allowed_claimed='assign>claimed comment>claimed escalate>escalated resolve>resolved edit>claimed link>claimed return>open urge>claimed void>void'
allowed_escalated='assign>escalated comment>escalated resolve>resolved edit>escalated link>escalated urge>escalated void>void'
allowed_resolved='comment>resolved close>closed reopen>claimed edit>resolved follow-up>resolved link>resolved void>void'
allowed_closed='comment>closed reopen>claimed follow-up>closed link>closed void>void'

# Every setup event happens on 2024-03-01, every tried operation a month
# later: past the due date 2024-03-08, so urge is allowed where the state
# allows it.
TRY_DATE='2024-04-01 09:00'

# make_issue STATE: a new issue brought into STATE (claimed by 房管办, due
# 2024-03-08, in every state past open); prints its id.
make_issue () {
	mk_id=$("$ZDH" issue add "状态机：$1" --area 新桥 --category environment --date "2024-03-01 09:00") &&
	case $1 in
	open) ;;
	*)
		"$ZDH" issue claim "$mk_id" --dept 房管办 --due 2024-03-08 --date "2024-03-01 10:00" &&
		case $1 in
		claimed) ;;
		escalated)
			"$ZDH" issue escalate "$mk_id" -m "需要网格平台协调" --date "2024-03-01 11:00" ;;
		resolved)
			"$ZDH" issue resolve "$mk_id" -m "已清运" --date "2024-03-01 12:00" ;;
		closed)
			"$ZDH" issue resolve "$mk_id" -m "已清运" --date "2024-03-01 12:00" &&
			"$ZDH" issue close "$mk_id" --satisfaction 5 --date "2024-03-01 13:00" ;;
		esac
	esac >/dev/null &&
	echo "$mk_id"
}

# try OP ID: the operation, with whatever arguments it needs.
try () {
	case $1 in
	claim) "$ZDH" issue claim "$2" --dept 派出所 --due 2024-04-08 --date "$TRY_DATE" ;;
	assign) "$ZDH" issue assign "$2" --to 李科员 --date "$TRY_DATE" ;;
	comment) "$ZDH" issue comment "$2" -m "已电话联系居民" --date "$TRY_DATE" ;;
	escalate) "$ZDH" issue escalate "$2" -m "需要网格平台协调" --date "$TRY_DATE" ;;
	resolve) "$ZDH" issue resolve "$2" -m "已处理完毕" --date "$TRY_DATE" ;;
	close) "$ZDH" issue close "$2" --satisfaction 4 -m "回访满意" --date "$TRY_DATE" ;;
	reopen) "$ZDH" issue reopen "$2" -m "问题复发" --date "$TRY_DATE" ;;
	edit) "$ZDH" issue edit "$2" --title "状态机（改）" -m "改标题" --date "$TRY_DATE" ;;
	follow-up) "$ZDH" issue follow-up "$2" -m "夜间巡查" --date "$TRY_DATE" ;;
	link) "$ZDH" issue link "$2" "$LINK_TARGET" -m "同一弄堂" --date "$TRY_DATE" ;;
	return) "$ZDH" issue return "$2" --reason not-our-area -m "不属于本部门" --date "$TRY_DATE" ;;
	urge) "$ZDH" issue urge "$2" -m "请尽快处理" --date "$TRY_DATE" ;;
	void) "$ZDH" issue void "$2" -m "重复登记" --date "$TRY_DATE" ;;
	*) echo >&2 "try: no operation $1"; return 1 ;;
	esac
}

# status_of ID: the status in `zdh issue show ID --json` (top-level keys are
# indented by two spaces, one a line).
status_of () {
	"$ZDH" issue show "$1" --json >status.json &&
	sed -n 's/^  "status": "\([a-z]*\)",*$/\1/p' status.json
}

# check_refusal FILE ID STATE ALLOWED: FILE is one line
# "zdh: ID is STATE; allowed: ..." listing exactly the ALLOWED operations.
check_refusal () {
	cr_prefix="zdh: $2 is $3; allowed: "
	cr_line=$(cat "$1")
	case $cr_line in
	"$cr_prefix"*) ;;
	*) echo >&2 "wanted '$cr_prefix...', got '$cr_line'"; return 1 ;;
	esac
	printf '%s\n' "${cr_line#"$cr_prefix"}" | sed -e 's/, */ /g' -e 's/ *$//' |
		tr ' ' '\n' | sort >allowed.actual &&
	for cr_pair in $4
	do
		echo "${cr_pair%%>*}"
	done | sort >allowed.expect &&
	test_cmp allowed.expect allowed.actual
}

test_expect_success 'setup: repository, registry, an issue to link to' '
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	orgs area 新桥 &&
	orgs dept 房管办 派出所 &&
	LINK_TARGET=$(zdh issue add "链接目标" --area 新桥 --date 2024-02-01) &&
	test -n "$LINK_TARGET"
'

test_expect_success 'the table covers every state and operation' '
	for s in open claimed escalated resolved closed
	do
		eval "a=\$allowed_$s" &&
		for pair in $a
		do
			case " $OPS " in *" ${pair%%>*} "*) ;; *) echo "bad op in $s: $pair"; return 1 ;; esac
		done || return 1
	done
'

for state in open claimed escalated resolved closed
do
	eval "allowed=\$allowed_$state"

	test_expect_success "setup: an issue that is $state" '
		shared=$(make_issue $state) &&
		echo $state >expect &&
		status_of "$shared" >actual &&
		test_cmp expect actual &&
		snapshot $state
	'

	for op in $OPS
	do
		case " $allowed " in
		*" $op>"*) continue ;;
		esac
		test_expect_success "$state: $op is refused, naming the state and what is allowed" '
			test_expect_code 1 try $op "$shared" >out 2>err &&
			test_must_be_empty out &&
			test_line_count = 1 err &&
			check_refusal err "$shared" $state "$allowed" &&
			check_unchanged $state
		'
	done

	for pair in $allowed
	do
		op=${pair%%>*}
		to=${pair#*>}
		test_expect_success "$state: $op is allowed and goes to $to" '
			fresh=$(make_issue $state) &&
			n0=$(log_count xinqiao) &&
			try $op "$fresh" >out 2>err &&
			echo $to >expect &&
			status_of "$fresh" >actual &&
			test_cmp expect actual &&
			echo $((n0 + 1)) >expect &&
			log_count xinqiao >actual &&
			test_cmp expect actual
		'
	done
done

test_expect_success 'urge within the due date is refused however the state allows it' '
	early=$(make_issue claimed) &&
	snapshot early &&
	test_expect_code 1 "$ZDH" issue urge "$early" -m "太早" --date "2024-03-05 09:00" >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: " err &&
	check_unchanged early
'

test_expect_success 'after every try the repository verifies' '
	zdh verify &&
	git --git-dir=.zdh fsck --strict
'

test_done
