#!/bin/sh
# A peer's events are replayed as they are: only a local write checks a
# name (zdh_name_visible), so a pull could bring an org "房管<U+200B>办"
# (a zero-width space inside), a council "ＸＱ理事会" (full-width
# letters) beside XQ理事会, a liaison whose é is e and a combining accent
# (NFD), a project title with an ideographic space or a saved report
# with a byte-order mark.  pull's "same name as" notice compared names
# byte for byte and so said nothing of any: two records that every list
# shows alike, and people pick either.  Now pull tells each one whose
# name looks like another's (the same NFKC, invisible characters left
# out, blanks as one space), showing the invisible ones as <U+200B>, and
# show lists it under "same name:"; a command given a name still finds
# the record of exactly that name (zdh-sync(1), zdh-repository(5)).  And
# one office refuses a name written that looks like a live record's, as
# it refuses one of the same name: at one office "ＡＢ办" beside AB办 was
# taken, two orgs no list tells apart, and no pull ever said so.
test_description='a name from a peer that only looks like one here is told by pull and show'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

zwsp=$(printf '\342\200\213') bom=$(printf '\357\273\277') acute=$(printf '\314\201') diaeresis=$(printf '\314\210')

# crafted KIND RECORD OP DATA: an event on ya's own log, by plain git
# (ya's zdh refuses what a hostile peer writes all the same)
crafted () {
	crafted_tip=$(git --git-dir=ya/.zdh rev-parse refs/zdh/log/yanan) &&
	crafted_new=$(craft ya/.zdh "$crafted_tip" event "$@") &&
	git --git-dir=ya/.zdh update-ref refs/zdh/log/yanan "$crafted_new" "$crafted_tip"
}

test_expect_success 'setup: xq on a bare hub, ya cloned from it' '
	zdh init --replica xinqiao --prefix XQ xq >/dev/null 2>&1 &&
	at xq org add --kind area 新桥 >/dev/null &&
	at xq org add --kind dept 房管办 >/dev/null &&
	git init -q --bare hub.git &&
	at xq remote add origin ../hub.git &&
	at xq push --quiet &&
	zdh clone hub.git ya --replica yanan --prefix YA --quiet
'

test_expect_success 'before they hear of each other: xq a name, ya a lookalike of each' '
	at xq council add XQ理事会 --area 新桥 >/dev/null &&
	at xq visit liaison add José --dept 房管办 --areas 新桥 >/dev/null &&
	at xq project add "楼道 照明" --area 新桥 --year 2026 >/dev/null &&
	at xq report save 月报 --sql "SELECT 1" >/dev/null &&
	at ya council add ＸＱ理事会 --area XQ-O1 >out &&
	echo YA-C1 >expect && test_cmp expect out &&
	at ya visit liaison add "Jose${acute}" --dept XQ-O2 --areas XQ-O1 >out &&
	echo YA-L1 >expect && test_cmp expect out &&
	at ya project add "楼道　照明" --area XQ-O1 --year 2026 >out &&
	echo YA-J1 >expect && test_cmp expect out &&
	crafted org YA-O1 add "{\"set\":{\"kind\":\"dept\",\"name\":\"房管${zwsp}办\"}}" &&
	crafted report YA-R1 add "{\"set\":{\"name\":\"${bom}月报\",\"sql\":\"SELECT 2\"}}" &&
	at ya org show YA-O1 >show &&
	head -1 show >first &&
	printf "YA-O1  dept  房管${zwsp}办\n" >expect && test_cmp expect first &&
	at ya push --quiet
'

test_expect_success 'the pull that brings them tells each, the invisible shown' '
	at xq pull 2>news &&
	cat >expect <<-EOF &&
	YA-O1 looks like XQ-O2: orgs named '\''房管<U+200B>办'\'', '\''房管办'\''
	YA-L1 looks like XQ-L1: liaisons named '\''Jose${acute}'\'', '\''José'\''
	YA-J1 looks like XQ-J1: projects titled '\''楼道　照明'\'', '\''楼道 照明'\'' in 新桥 for 2026
	YA-R1 looks like XQ-R1: saved reports named '\''<U+FEFF>月报'\'', '\''月报'\''
	YA-C1 looks like XQ-C1: councils named '\''ＸＱ理事会'\'', '\''XQ理事会'\''
	EOF
	grep "looks like\|same name" news >told &&
	test_cmp expect told &&
	at xq pull 2>news &&
	! grep "looks like" news
'

test_expect_success 'show of each names the other; a name finds its own record' '
	at xq org show XQ-O2 >show &&
	grep "^same name: *YA-O1$" show &&
	at xq council show YA-C1 >show &&
	grep "^same name: *XQ-C1$" show &&
	at xq visit show XQ-L1 --json >json &&
	tr -d " \\n" <json | grep "\"same_name\":\[\"YA-L1\"\]" &&
	at xq org show 房管办 >show &&
	head -1 show >first &&
	echo "XQ-O2  dept  房管办" >expect && test_cmp expect first
'

test_expect_success 'in Chinese too, and from a fresh index' '
	git --git-dir=xq/.zdh update-ref -d refs/zdh/log/yanan &&
	rm -f xq/.zdh/index.db* &&
	at xq reindex >/dev/null 2>&1 &&
	LANGUAGE=zh_CN at xq pull 2>news &&
	grep "^YA-O1 与 XQ-O2 名称形似：名为 '\''房管<U+200B>办'\'', '\''房管办'\'' 的组织$" news &&
	LANGUAGE=zh_CN at xq org show XQ-O2 >show &&
	grep "^同名组织： *YA-O1$" show
'

test_expect_success 'one office refuses a name that looks like a live one, nothing written' '
	(
		cd xq &&
		zdh org add --kind dept AB办 >out &&
		zdh council add HS理事会 --area 新桥 >>out &&
		zdh visit liaison add Zoë --dept 房管办 --areas 新桥 >>out &&
		zdh project add "门禁 维修" --area 新桥 --year 2026 >>out &&
		zdh report save M月报 --sql "SELECT 1" >>out &&
		printf "XQ-O3\nXQ-C2\nXQ-L2\nXQ-J2\nXQ-R2\n" >expect && test_cmp expect out &&
		test_refused "'\''ＡＢ办'\'' looks like the name of XQ-O3, '\''AB办'\''; give another" \
			org add --kind dept ＡＢ办 &&
		test_refused "'\''ＡＢ办'\'' looks like the name of XQ-O3, '\''AB办'\''; give another" \
			org edit XQ-O2 --name ＡＢ办 &&
		test_refused "'\''ＨＳ理事会'\'' looks like the name of XQ-C2, '\''HS理事会'\''; give another" \
			council add ＨＳ理事会 --area 新桥 &&
		test_refused "'\''Zoe${diaeresis}'\'' looks like the name of XQ-L2, '\''Zoë'\''; give another" \
			visit liaison add "Zoe${diaeresis}" --dept AB办 --areas 新桥 &&
		test_refused "'\''门禁　维修'\'' looks like the name of XQ-J2, '\''门禁 维修'\''; give another" \
			project add "门禁　维修" --area 新桥 --year 2026 &&
		test_refused "'\''Ｍ月报'\'' looks like the name of XQ-R2, '\''M月报'\''; give another" \
			report save Ｍ月报 --sql "SELECT 1" &&
		zdh org edit AB办 --name ＡＢ办 >/dev/null 2>&1 &&
		zdh org show XQ-O3 >show &&
		head -1 show >first &&
		echo "XQ-O3  dept  ＡＢ办" >expect && test_cmp expect first
	)
'

# An index on zdh_name_key() holds only with the function that made it:
# a zdh whose utf8proc knows another Unicode version (a character then
# assigned may fold otherwise) refolds the kinds indexed on it, and makes
# their indexes anew, as for any kind that changed (zdh-repository(5)).
test_expect_success SQLITE 'another Unicode version refolds the kinds indexed on the key' '
	fp () { sqlite3 xq/.zdh/index.db "SELECT name, fingerprint FROM kinds WHERE name IN ($1) ORDER BY name"; } &&
	fp "'\''org'\'', '\''council'\'', '\''project'\''" >key.before &&
	fp "'\''issue'\'', '\''meeting'\''" >other.before &&
	ZDH_TEST_UNICODE=99.0.0 at xq org show XQ-O2 >show &&
	grep "^same name: *YA-O1$" show &&
	fp "'\''org'\'', '\''council'\'', '\''project'\''" >key.after &&
	fp "'\''issue'\'', '\''meeting'\''" >other.after &&
	test_cmp other.before other.after &&
	test_line_count = 3 key.after &&
	! grep -F -x -f key.before key.after &&
	at xq org show XQ-O2 >show &&
	grep "^same name: *YA-O1$" show &&
	fp "'\''org'\'', '\''council'\'', '\''project'\''" >key.again &&
	test_cmp key.before key.again
'

# A direction override (U+202E) in a peer's name turned the rest of its
# row in every table around (and the lines after it, in a mail of the
# pull's output): a table shows it as a space, as a control character;
# CSV and JSON carry the name as it is.
test_expect_success 'a direction override in a table is a space' '
	rlo=$(printf "\342\200\256") &&
	crafted org YA-O2 add "{\"set\":{\"kind\":\"dept\",\"name\":\"城管${rlo}队\"}}" &&
	at ya push --quiet &&
	at xq pull 2>/dev/null &&
	at xq org list >list &&
	grep "^YA-O2  dept  城管 队 *$" list &&
	! grep "$rlo" list &&
	at xq org list --format csv >list.csv &&
	grep "^YA-O2,dept,城管${rlo}队," list.csv
'

# Letters of another script that look Latin passed: "ХQ理事会" (a Cyrillic
# Х) beside XQ理事会, "Аlice办" (a Cyrillic А), "ΗS理事会" (a Greek Η)
# were taken at one office and told by no pull.  zdh_name_key() takes
# the Greek and Cyrillic letters that look Latin for the Latin ones
# (TR39's skeleton, for these two scripts); a notice shows each as
# <U+0425>, as it shows an invisible one.
test_expect_success 'Cyrillic or Greek letters that look Latin: refused at one office' '
	(
		cd xq &&
		test_refused "'\''<U+0425>Q理事会'\'' looks like the name of XQ-C1, '\''XQ理事会'\''; give another" \
			council add ХQ理事会 --area 新桥 &&
		test_refused "'\''<U+0397>S理事会'\'' looks like the name of XQ-C2, '\''HS理事会'\''; give another" \
			council add ΗS理事会 --area 新桥 &&
		zdh org add --kind dept Alice办 >out &&
		test_refused "'\''<U+0410>lice办'\'' looks like the name of $(cat out), '\''Alice办'\''; give another" \
			org add --kind dept Аlice办 &&
		zdh org add --kind dept Аня办 >/dev/null
	)
'

test_expect_success 'and a pull that brings one tells it, the Cyrillic letter shown' '
	at ya pull --quiet &&
	crafted org YA-O3 add "{\"set\":{\"kind\":\"dept\",\"name\":\"Аlice办\"}}" &&
	at ya push --quiet &&
	at xq pull 2>news &&
	id=$(at xq org show Alice办 | head -1 | cut -d" " -f1) &&
	echo "YA-O3 looks like $id: orgs named '\''<U+0410>lice办'\'', '\''Alice办'\''" >expect &&
	grep "looks like" news >told &&
	test_cmp expect told &&
	at xq org show Alice办 >show &&
	grep "^same name: *YA-O3$" show
'

# zdh_name_key() is a function of every connection, report sql's too (a
# peer's saved report may call it), and it took a strlen() at each
# character: 2 MB of text were 26 s, past any --timeout (one call is not
# stopped).  Linear now.
test_expect_success 'the key of 2 MB of text within 5 s of CPU' '
	(ulimit -t 5 &&
	 at xq report sql "SELECT length(zdh_name_key(printf('\''%.2000000c'\'', '\''x'\''))) AS n" >out) &&
	printf "n\n2000000\n" >expect && test_cmp expect out
'

test_done
