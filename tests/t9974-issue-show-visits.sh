#!/bin/sh
# A visit that follows an issue up (visit add --issue), or raised it
# (--raises), names the issue; issue show lists those visits, as it
# lists the meetings, decisions and actions that name it: a staff member
# following an issue sees its follow-ups where they look at it.
test_description='issue show lists the visits that followed it up'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: an area, a liaison, two issues and visits' '
	zdh init --replica xinqiao --prefix XQ r >/dev/null &&
	cd r &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind dept 派出所 >/dev/null &&
	zdh issue add "楼道灯坏了" --area 新桥 >/dev/null &&
	zdh issue add "漏水" --area 新桥 >/dev/null &&
	zdh visit liaison add 王强 --dept 派出所 --areas 新桥 >/dev/null &&
	zdh visit add --area 新桥 --liaison 王强 -m "再次回访：灯已修好" --issue XQ-1 --date 2026-11-25 >/dev/null &&
	zdh visit add --area 新桥 --liaison 王强 -m "回访：已报修
物业答应周五来" --issue XQ-1 --date 2026-11-20 >/dev/null &&
	zdh visit add --area 新桥 --liaison 王强 -m 巡查 --date 2026-11-21 >/dev/null &&
	zdh visit add --area 新桥 --liaison 王强 -m 漏水回访 --issue XQ-2 --date 2026-11-22 >/dev/null
'

test_expect_success 'show: its visits in the order they happened, the notes first line' '
	cd r &&
	zdh issue show XQ-1 >out &&
	sed -n "/^visits:/,/^\$/p" out >visits &&
	cat >expect <<-\EOT &&
	visits:       XQ-V2  2026-11-20  王强  回访：已报修
	              XQ-V1  2026-11-25  王强  再次回访：灯已修好

	EOT
	test_cmp expect visits
'

test_expect_success 'show --json: visits, the liaison by name; none for an issue without' '
	cd r &&
	zdh issue show XQ-1 --json >s.json &&
	perl -MJSON::PP -e "my \$j = decode_json(do { local \$/; <STDIN> });
		binmode STDOUT, \":utf8\"; print join(\",\", map { \"\$_->{id} \$_->{day} \$_->{liaison}\" } @{\$j->{visits}}), \"\\n\"" <s.json >got &&
	echo "XQ-V2 2026-11-20 王强,XQ-V1 2026-11-25 王强" >expect &&
	test_cmp expect got &&
	zdh issue add "新问题" >/dev/null &&
	zdh issue show XQ-3 --json >s3.json &&
	! grep "\"visits\"" s3.json &&
	zdh issue show XQ-3 >s3 &&
	! grep "^visits:" s3
'

test_expect_success 'a visit that raised the issue is listed; in Chinese; after a reindex the same' '
	cd r &&
	zdh visit add --area 新桥 --liaison 王强 -m "发现井盖松动" --raises "井盖松动" --date 2026-11-23 >ids &&
	issue=$(sed -n 2p ids) &&
	zdh issue show $issue >out &&
	grep "^visits: *XQ-V5  2026-11-23  王强  发现井盖松动" out &&
	zh issue show XQ-1 >zh &&
	grep "^走访： *XQ-V2" zh &&
	zdh issue show XQ-1 >before &&
	zdh reindex >/dev/null &&
	zdh issue show XQ-1 >after &&
	test_cmp before after
'

test_done
