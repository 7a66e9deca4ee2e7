#!/bin/sh
# A conflict's values as people read them: a fund's budget two offices set
# at once was printed in fen (54100 for 541 yuan typed), and an offer's
# areas as the orgs' ids (["XQ-O2"]) where every list names them.  The
# line now says the yuan and the names; the JSON keeps its fen and, as
# for one org, names.
test_description='conflict lines: a budget in yuan, a list of areas by name'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: two offices set one budget and one offer'\''s areas at once' '
	xq_and_hub &&
	at xq org add --kind area 延安 >/dev/null &&
	at xq org add --kind unit 博物馆 >/dev/null &&
	at xq fund set --area 新桥 --year 2026 1000 >/dev/null &&
	at xq menu offer add 讲座 --provider 博物馆 --category education >/dev/null &&
	two_offices_cloned origin &&
	at xq fund set --area 新桥 --year 2026 541 >/dev/null &&
	at ya fund set --area 新桥 --year 2026 523.50 >/dev/null &&
	at xq menu offer edit XQ-F1 --areas 新桥 &&
	at ya menu offer edit XQ-F1 --areas 新桥,延安 &&
	at xq sync -q && at ya sync >/dev/null 2>pull.err && at xq sync >/dev/null 2>>pull.err
'

test_expect_success 'conflicts and pull say the yuan and the areas'\'' names' '
	at xq conflicts >out &&
	grep "^fund .*budget *\(541.00\|523.50\) (.*) vs \(523.50\|541.00\) (.*, provisional)$" out &&
	grep "^offer .*areas *\[\"新桥\"\(,\"延安\"\)*\] (.*) vs \[\"新桥\"\(,\"延安\"\)*\] (" out &&
	grep "XQ-B1 conflict: budget: 5[24][13].[05]0 (" pull.err &&
	! grep "54100\|52350\|XQ-O" out pull.err
'

test_expect_success 'the JSON keeps the budget in fen, the areas by name' '
	at xq conflicts --json >json &&
	grep "\"value\": 54100" json &&
	grep "\"value\": 52350" json &&
	grep "\"延安\"" json &&
	! grep "XQ-O" json
'

test_done
