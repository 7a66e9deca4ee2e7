#!/bin/sh
# Two offices pair one need with one offer at the same time, neither
# having heard of the other's pairing (pair refuses that where the first
# is seen: "paired already").  Both pairings stay active on every
# replica, whatever the order of the syncs; the pull that brings either
# says so, one line for the pair (the later pairing named with the
# earlier, not each with the other), in English and in Chinese, as zdh-sync(1) and
# zdh-menu(1) tell; before, every pull said nothing.  A pairing of the
# two in a term that does not overlap is not told, nor is anything once
# one is unpaired.
test_description='one need and one offer paired at two offices at once'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"

test_expect_success 'setup: xq with an offer and two needs; ya clones' '
	xq_and_hub &&
	at xq org add --kind unit 社区医院 >/dev/null &&
	at xq menu offer add 义诊 --provider 社区医院 --category elderly --areas 新桥 --date 2026-02-01 >/dev/null &&
	at xq menu need add 老人体检 --area 新桥 --category elderly --date 2026-02-01 >/dev/null &&
	at xq menu need add 独居老人 --area 新桥 --category elderly --date 2026-02-01 >/dev/null &&
	two_offices_cloned
'

test_expect_success 'both pair XQ-N1 with XQ-F1; XQ-N2 in terms that do not overlap' '
	at xq menu pair XQ-N1 XQ-F1 --from 2026-03-01 --date 2026-02-10 >/dev/null &&
	at ya menu pair XQ-N1 XQ-F1 --from 2026-06-01 --date 2026-02-10 >/dev/null &&
	at xq menu pair XQ-N2 XQ-F1 --from 2026-03-01 --until 2026-05-31 --date 2026-02-10 >/dev/null &&
	at ya menu pair XQ-N2 XQ-F1 --from 2026-06-01 --until 2026-08-31 --date 2026-02-10 >/dev/null &&
	cp -r xq xq.zh
'

test_expect_success 'the pull that brings either pairing says they are paired twice' '
	echo "YA-P1 pairs XQ-N1 and XQ-F1 as XQ-P1 does, in an overlapping term: two offices paired them at once (unpair one)" >expect &&
	pulls_both_say expect &&
	LANGUAGE=zh_CN at xq.zh pull >out 2>err &&
	cat >expect <<-\EOT &&
	YA-P1 结对 XQ-N1 和 XQ-F1，与 XQ-P1 期限重叠：两个办公室同时结对了它们（请解除其一，zdh menu unpair）
	EOT
	test_cmp expect err
'

test_expect_success 'once one is unpaired, a pull says nothing' '
	at ya menu unpair YA-P1 -m 重复 --date 2026-02-11 >/dev/null &&
	at ya push -q &&
	at xq pull >out 2>err &&
	test_must_be_empty err &&
	at xq.zh pull -q &&
	same_everywhere xq ya xq.zh
'

test_done
