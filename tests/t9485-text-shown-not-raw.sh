#!/bin/sh
# A table shows a control character or a bidirectional override as a
# space, but text printed outside a table reached the terminal raw: issue
# show printed a title, a location and a body holding U+202E (which an
# issue add takes, and a peer's event carries) as they were, turning the
# rest of the line around, and org show a peer's name so; pull's warning
# quoted a peer's refused link with its C1 control (U+009B, a terminal's
# CSI), its U+202E and its newline (a second, forged line).  Now a show's
# lines, warnings, errors and pull's news go through the table's rule;
# JSON still carries the text unchanged.
test_description='text outside tables is shown as tables show it'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

RLO=$(printf '\342\200\256')	# U+202E RIGHT-TO-LEFT OVERRIDE
LRI=$(printf '\342\201\246')	# U+2066 LEFT-TO-RIGHT ISOLATE
CSI=$(printf '\302\233')	# U+009B, a terminal's CSI

# raw FILE...: FILE holds none of the three
raw () {
	grep -l -e "$RLO" -e "$LRI" -e "$CSI" "$@"
}

test_expect_success 'setup: xq files an issue whose text holds overrides; ya clones' '
	git init -q --bare hub.git &&
	zdh init --replica xinqiao --prefix XQ xq >/dev/null 2>&1 &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq issue add "漏${RLO}水${LRI}了" --area 新桥 --location "3${RLO}号" -m "楼${RLO}道
二${LRI}楼" >/dev/null &&
	at xq remote add origin ../hub.git && at xq push -q &&
	zdh clone hub.git ya --replica yanan --prefix YA -q &&
	at ya org add --kind dept 城管 >/dev/null
'

test_expect_success 'issue show prints each as a space; --json keeps them' '
	at xq issue show XQ-1 >out &&
	! raw out &&
	echo "XQ-1  open  漏 水 了" >expect &&
	head -n 1 out >actual &&
	test_cmp expect actual &&
	grep "^location:     3 号$" out &&
	grep "^    楼 道$" out &&
	grep "^    二 楼$" out &&
	at xq issue show XQ-1 --json >json &&
	raw json
'

test_expect_success 'a peer'"'"'s org name and refused link: show and pull say them as tables do' '
	tip=$(git --git-dir=ya/.zdh rev-parse refs/zdh/log/yanan) &&
	one=$(craft ya/.zdh $tip event org YA-O2 add "{\"set\":{\"kind\":\"area\",\"name\":\"延${RLO}安\"}}") &&
	two=$(craft ya/.zdh $one event issue XQ-1 link "{\"link\":\"X${CSI}2J${RLO}\\nzdh: all is well\"}") &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan $two $tip &&
	at ya push -q &&
	at xq pull >out 2>err &&
	! raw out err &&
	test_line_count = 1 err &&
	grep "^zdh: warning: refs/zdh/log/yanan: commit .*: malformed, no effect: '"'"'X 2J  zdh: all is well'"'"' is not the id of an issue$" err &&
	at xq org show YA-O2 >out &&
	! raw out &&
	head -n 1 out >actual &&
	echo "YA-O2  area  延 安" >expect &&
	test_cmp expect actual
'

test_done
