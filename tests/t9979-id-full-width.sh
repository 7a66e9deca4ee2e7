#!/bin/sh
# A Chinese input method types an id in full width (ＸＱ－１, XQ-１): every
# command took xq-1 as XQ-1 but said "no issue XQ-１", "no org named
# 'ＸＱ－Ｏ２'", and visit show took ＸＱ－Ｖ１ for a liaison's name.  An id
# is read in any case and width, as an argument and as an option's value,
# by every kind; a name is still matched as written.
test_description='ids typed in full width'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: records of most kinds' '
	zdh init --replica xinqiao --prefix XQ r >/dev/null &&
	cd r &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 城管中队 >/dev/null &&
	zdh org add --kind unit 上海博物馆 >/dev/null &&
	zdh issue add 52弄车辆乱停 --area 新桥 >/dev/null &&
	zdh issue add 垃圾满溢 --area 新桥 >/dev/null &&
	zdh council add 新桥理事会 --area 新桥 --date 2026-11-01 >/dev/null &&
	zdh council member add 新桥理事会 张建国 --role chair --date 2026-11-01 &&
	zdh council meeting add 新桥理事会 --present 张建国 --date 2026-12-01 >/dev/null &&
	zdh council decide XQ-M1 --motion 道闸 --for 张建国 --date 2026-12-01 \
		--action 装道闸 --dept 城管中队 >/dev/null &&
	zdh menu offer add 文化活动 --provider 上海博物馆 --category students >/dev/null &&
	zdh menu need add 课后活动 --area 新桥 --category students >/dev/null &&
	zdh visit liaison add 王联络 --dept 城管中队 --areas 新桥 >/dev/null &&
	zdh visit add --area 新桥 --liaison 王联络 -m 走访 >/dev/null &&
	zdh project add 弄口道闸 --area 新桥 --kind micro >/dev/null
'

test_expect_success 'shows: an id in full width is the id' '
	cd r &&
	for id in XQ-1:issue ＸＱ－１:issue XQ-１:issue ｘｑ－１:issue \
		ＸＱ－Ｏ１:org ＸＱ－Ｃ１:council ＸＱ－Ｍ１:"council meeting" \
		ＸＱ－Ｄ１:"council decision" ＸＱ－Ｆ１:menu ＸＱ－Ｎ１:menu \
		ＸＱ－Ｖ１:visit ＸＱ－Ｌ１:visit ＸＱ－Ｊ１:project
	do
		zdh ${id#*:} show ${id%%:*} --json >out.json &&
		grep "^  \"id\": \"XQ-[A-Z]*1\"" out.json || return 1
	done
'

test_expect_success 'writes and filters take it too' '
	cd r &&
	zdh issue claim ＸＱ－１ --dept ＸＱ－Ｏ２ &&
	zdh issue link ＸＱ－２ XQ-１ &&
	zdh council vote ＸＱ－Ｄ１ --member 张建国 --vote for &&
	zdh council close ＸＱ－Ｄ１ &&
	zdh council action done ＸＱ－Ａ１ -m 装好 &&
	zdh menu pair ＸＱ－Ｎ１ ＸＱ－Ｆ１ >/dev/null &&
	zdh menu deliver ＸＱ－Ｐ１ --people 3 >/dev/null &&
	zdh menu feedback ＸＱ－Ｙ１ --satisfaction ５ &&
	zdh project budget ＸＱ－Ｊ１ 1000 --item 道闸 &&
	zdh menu need add 陪伴 --area ＸＱ－Ｏ１ --category elderly --issue ＸＱ－２ >/dev/null &&
	zdh issue list --area ＸＱ－Ｏ１ --dept ＸＱ－Ｏ２ --format csv >out &&
	grep "^XQ-1,52弄车辆乱停,.*,claimed,城管中队," out &&
	zdh log --record ＸＱ－Ｄ１ >out &&
	test_line_count = 3 out &&
	zdh council action list --decision ＸＱ－Ｄ１ --format csv >out &&
	grep "^XQ-A1,.*,done," out &&
	zdh menu show XQ-N2 --json >out.json &&
	grep "\"issue\": \"XQ-2\"" out.json
'

test_expect_success 'a name is matched as written' '
	cd r &&
	zdh org add --kind area ＡＢ－Ｏ１ >/dev/null &&
	zdh org show ＡＢ－Ｏ１ >out &&
	grep "^XQ-O4  area  ＡＢ－Ｏ１\$" out
'

test_done
