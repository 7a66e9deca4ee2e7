#!/bin/sh
# The repository's time zone as staff type it (init and clone --timezone,
# zdh config zdh.timezone, a config edited by hand): China's zone named in
# Chinese (上海, 北京, 中国, 北京时间 ...) is kept as Asia/Shanghai, 香港,
# 澳门, 台北 as their cities' zones; any other name is refused with one
# line saying what a zone is, and the zone it seems to mean when there is
# one (another case, the city alone, Beijing, an offset).
test_description='time zones named in Chinese, and what an unknown one meant'
. "$(dirname "$0")/lib.sh"

FORMS="(an IANA name such as Asia/Shanghai, or UTC)"

test_expect_success 'init --timezone 上海 keeps Asia/Shanghai' '
	zdh init -q --replica xinqiao --prefix XQ --timezone 上海 xq &&
	git config -f xq/.zdh/config zdh.timezone >out &&
	echo Asia/Shanghai >expect &&
	test_cmp expect out &&
	(cd xq && zdh org add --kind area 新桥 --date 2026-03-02 >/dev/null &&
	 zdh log --json >../log) &&
	grep "2026-03-02T00:00:00+08:00" log
'

test_expect_success 'zdh config zdh.timezone takes the Chinese names' '
	(cd xq &&
	 for z in 北京 中国 北京时间 上海时间 中国标准时间
	 do
		zdh config zdh.timezone $z && zdh config zdh.timezone >>../zones || return 1
	 done &&
	 zdh config zdh.timezone 香港 && zdh config zdh.timezone >>../zones &&
	 zdh config zdh.timezone 澳门 && zdh config zdh.timezone >>../zones &&
	 zdh config zdh.timezone 台北 && zdh config zdh.timezone >>../zones &&
	 zdh config zdh.timezone Asia/Shanghai) &&
	printf "Asia/Shanghai\nAsia/Shanghai\nAsia/Shanghai\nAsia/Shanghai\nAsia/Shanghai\nAsia/Hong_Kong\nAsia/Macau\nAsia/Taipei\n" >expect &&
	test_cmp expect zones
'

test_expect_success 'a config edited by hand to say 上海 reads as Asia/Shanghai' '
	cp xq/.zdh/config config.good &&
	sed "s|Asia/Shanghai|上海|" config.good >xq/.zdh/config &&
	(cd xq && zdh org add --kind area 华山 --date 2026-03-03 >/dev/null 2>err &&
	 test_must_be_empty err &&
	 zdh log --json >../log) &&
	grep "2026-03-03T00:00:00+08:00" log &&
	cp config.good xq/.zdh/config
'

test_expect_success 'an unknown zone says what a zone is' '
	(cd xq &&
	 test_refused "unknown time zone '"'"'火星'"'"' $FORMS" config zdh.timezone 火星 &&
	 test_refused "unknown time zone '"'"'Mars/Olympus'"'"' $FORMS" config zdh.timezone Mars/Olympus) &&
	test_expect_code 1 zdh init --replica bad --timezone 火星 bad 2>err &&
	echo "zdh: unknown time zone '"'"'火星'"'"' $FORMS" >expect &&
	test_cmp expect err &&
	test ! -e bad/.zdh
'

test_expect_success 'and names the zone it seems to mean' '
	while read -r typed meant
	do
		(cd xq && test_refused "unknown time zone '"'"'$typed'"'"'; did you mean '"'"'$meant'"'"'? $FORMS" \
			config zdh.timezone "$typed") || return 1
	done <<-\EOF &&
	shanghai Asia/Shanghai
	asia/shanghai Asia/Shanghai
	Beijing Asia/Shanghai
	CST Asia/Shanghai
	+08:00 Asia/Shanghai
	UTC+8 Asia/Shanghai
	东八区 Asia/Shanghai
	+09:00 Etc/GMT-9
	GMT-5 Etc/GMT+5
	tokyo Asia/Tokyo
	EOF
	(cd xq && test_refused "unknown time zone '"'"'hong kong'"'"'; did you mean '"'"'Asia/Hong_Kong'"'"'? $FORMS" \
		config zdh.timezone "hong kong")
'

test_expect_success 'clone --timezone too' '
	git init -q --bare hub.git &&
	(cd xq && zdh remote add hub ../hub.git && zdh push hub >/dev/null 2>&1) &&
	zdh clone hub.git ya --replica yanan --prefix YA --timezone 北京 >/dev/null &&
	git config -f ya/.zdh/config zdh.timezone >out &&
	echo Asia/Shanghai >expect &&
	test_cmp expect out &&
	test_expect_code 1 zdh clone hub.git bad --replica zhaojia --prefix ZJ --timezone shanghai 2>err &&
	echo "zdh: unknown time zone '"'"'shanghai'"'"'; did you mean '"'"'Asia/Shanghai'"'"'? $FORMS" >expect &&
	test_cmp expect err
'

test_expect_success 'in Chinese' '
	(cd xq && test_expect_code 1 zh config zdh.timezone shanghai 2>../err) &&
	echo "zdh: 未知的时区 '"'"'shanghai'"'"'；您是指 '"'"'Asia/Shanghai'"'"' 吗？（应为 IANA 名称，如 Asia/Shanghai，或 UTC）" >expect &&
	test_cmp expect err
'

test_done
