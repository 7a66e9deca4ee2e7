#!/bin/sh
# menu match joined its reasons with the ASCII "; " under a Chinese
# catalogue too ("类别 助老; 向所有居民区开放; ..."), and a need's or
# delivery's number of people was labelled 人员 (personnel) in `show`
# where the lists say 人数.  The reasons are joined by the catalogue's
# separator (；), the label is 人数; English unchanged.  A show's history
# printed an offer's or need's category=elderly: the menu's categories
# are its own, by their labels (助老, a configured one's title) now.
test_description='menu: the reasons of a match and the people in Chinese'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: an offer and a need' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind unit 卫生服务中心 >/dev/null &&
	zdh menu offer add 义诊 --provider 卫生服务中心 --category elderly --capacity 2 >/dev/null &&
	zdh menu need add 老人体检 --area 新桥 --category elderly --people 30 >/dev/null
'

test_expect_success 'match: the reasons joined by the catalogue.s separator' '
	zh menu match XQ-N1 >out &&
	grep "义诊  类别 助老；向所有居民区开放；" out &&
	! grep "; " out &&
	zdh menu match XQ-N1 >out &&
	grep "category elderly; open to every area; " out &&
	zh menu match XQ-N1 --format csv >out &&
	grep ",category elderly; open to every area; " out
'

test_expect_success 'show: the number of people labelled as the lists do' '
	zh menu show XQ-N1 >out &&
	grep "^人数： *30\$" out &&
	zh menu need list >out &&
	grep "^ID  *类别  *居民区  *人数" out &&
	zdh menu show XQ-N1 >out &&
	grep "^people: *30\$" out
'

test_expect_success 'show history: a category by its label, a configured one.s too' '
	zdh config menu-category.legal.title 法律咨询 &&
	zdh menu offer add 法律援助 --provider 卫生服务中心 --category legal >/dev/null &&
	zh menu show XQ-F1 >out &&
	grep "新增  每月容量=2 类别=助老 提供方=卫生服务中心 标题=义诊\$" out &&
	zh menu show XQ-N1 >out &&
	grep "类别=助老 人数=30" out &&
	zh menu show XQ-F2 >out &&
	grep "类别=法律咨询 " out &&
	zdh menu show XQ-F1 >out &&
	grep "add  capacity=2 category=elderly provider=卫生服务中心 title=义诊\$" out
'

test_done
