#!/bin/sh
# zdh.holidays and zdh.workdays are typed by the office that keeps the
# calendar, in the forms every date option takes: 2024/3/4, 2024年3月4日,
# 2024.3.4, full-width digits.  Only YYYY-MM-DD was taken; now zdh config
# and the calendar read each of them as that day.  A day without its year
# (3月4日) is refused still: a list is read again year after year, and its
# days would move with the year.
test_description='zdh.holidays and zdh.workdays in the forms offices type'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	orgs area 新桥 &&
	orgs dept 城管中队
'

test_expect_success 'days as offices type them are taken, and the due day counts them' '
	zdh config zdh.holidays "2024/3/4，2024年3月5日、２０２４－０３－０６ 2024.3.7" &&
	zdh config zdh.workdays 2024年3月9日 &&
	zdh issue add 弄堂乱停车 --area 新桥 --category parking --date "2024-03-01 09:00" >id &&
	zdh issue claim $(cat id) --dept 城管中队 --date "2024-03-01 10:00" &&
	zdh issue show $(cat id) --json >json &&
	# parking: 5 working days from Friday 03-01; Monday to Thursday are
	# holidays, Saturday 03-09 a working day: 03-08, 03-09, 03-11, 03-12, 03-13
	grep "^  \"due\": \"2024-03-13\",\$" json
'

test_expect_success 'a day without its year, or no day, is refused' '
	test_refused "zdh.holidays: '"'"'3月4日'"'"' is not a day (YYYY-MM-DD)" \
		config zdh.holidays "2024/3/4,3月4日" &&
	test_refused "zdh.workdays: '"'"'2024/2/30'"'"' is not a day (YYYY-MM-DD)" \
		config zdh.workdays 2024/2/30
'

test_done
