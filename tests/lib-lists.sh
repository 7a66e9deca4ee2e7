# lib-lists.sh — for the tests of what every list does alike (--excel,
# CSV headers that are never translated, conflict marks): a repository
# with a record on each list, and the lists themselves, read from the
# usage of every command, so that a new list is tested without being
# named here.

# lists_setup: a repository in the current directory with a record of
# every kind a list shows (orgs, an issue, the menu, a visit, a project and
# its fund, a council with a meeting, a decision with a consent and an
# action, a person, the founder, whose key signs what follows).
lists_setup () {
	zdh init --replica xinqiao --prefix XQ >/dev/null 2>&1 &&
	zdh org add --kind district 第一片区 --date 2026-11-02 &&
	zdh org add --kind area 新桥 --district 第一片区 --date 2026-11-02 &&
	zdh org add --kind dept 房管办 --date 2026-11-02 &&
	zdh org add --kind unit 上海博物馆 --date 2026-11-02 &&
	zdh issue add 路灯不亮 --area 新桥 --date 2026-11-03 &&
	zdh menu offer add 助老 --provider 上海博物馆 --category elderly --date 2026-11-03 &&
	zdh menu need add 孤老 --area 新桥 --category elderly --date 2026-11-03 &&
	zdh menu pair XQ-N1 XQ-F1 --from 2026-11-05 --date 2026-11-05 &&
	zdh visit liaison add 李明 --dept 房管办 --areas 新桥 --date 2026-11-03 &&
	zdh visit add --area 新桥 --liaison 李明 -m 走访 --date 2026-11-04 &&
	zdh project add 楼道整治 --area 新桥 --year 2026 --date 2026-11-04 &&
	zdh fund set --area 新桥 --year 2026 1000 --date 2026-11-04 &&
	zdh council add 新桥理事会 --area 新桥 --date 2026-11-04 &&
	zdh council member add XQ-C1 王阿姨 --role chair --party resident --date 2026-11-04 &&
	zdh council meeting add XQ-C1 --present 王阿姨 --date 2026-11-05 &&
	zdh council decide XQ-M1 --motion 装路灯 --for 王阿姨 --party property-manager \
		--action 修灯 --dept 房管办 --due 2026-12-01 --date 2026-11-05 &&
	ssh-keygen -q -t ed25519 -N "" -C wf -f "$HOME/wf" &&
	zdh config user.signingkey "$HOME/wf" &&
	zdh person add 测试员 --email tester@example.org --key "$HOME/wf.pub" --date 2026-11-01
}

# every_list: one line per list, "noun verb [ID]", as zdh LINE runs it:
# each usage line of every command that offers [--json | --format csv],
# up to its first option (menu match given the need XQ-N1).  zdh report's
# verbs are left out: their getopt parser (cmd/report.c, moving onto
# option tables) takes no --excel yet.
every_list () {
	for c in $(zdh -h | sed -n 's/^   \([a-z][a-z]*\) .*/\1/p'); do
		zdh $c -h 2>/dev/null
	done |
	sed -n -e 's/^usage: //' -e 's/^   or: //' -e '/\[--json | --format csv\]/p' |
	sed -e 's/ \[.*//' -e 's/ NEED|OFFER$/ XQ-N1/' -e 's/^zdh //' |
	grep -v '^report ' | sort -u
}
