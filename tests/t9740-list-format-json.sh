#!/bin/sh
# A list took --json and --format csv, and refused --format json ("unknown
# format 'json' (table or csv)", exit 129) where report and report sql
# take it as the same as --json.  Every list takes --format table, csv or
# json now; --format json is --json (not with --json, not with --excel).
test_description='lists: --format json is --json'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: an org, an issue, an offer' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind unit 上海博物馆 >/dev/null &&
	zdh issue add 楼道堆物 --area 新桥 >/dev/null &&
	zdh menu offer add 助老服务 --provider 上海博物馆 --category elderly >/dev/null
'

test_expect_success '--format json prints what --json prints' '
	for l in "org list" "issue list" "menu offer list" "project list" "person list" "conflicts"
	do
		zdh $l --json >expect &&
		zdh $l --format json >actual &&
		test_cmp expect actual || return 1
	done &&
	zdh org list --format table >actual &&
	zdh org list >expect &&
	test_cmp expect actual
'

test_expect_success 'with --json or --excel, or an unknown format: refused' '
	test_usage_refused "--json and --format cannot be used together" org list --json --format json &&
	test_usage_refused "--excel and --format json cannot be used together" issue list --format json --excel &&
	test_usage_refused "--excel and --format json cannot be used together" issue list --excel --format json &&
	test_usage_refused "unknown format '"'"'xml'"'"' (table, csv or json)" org list --format xml
'

test_done
