#!/bin/sh
# Staff type ids in lower case and zdh takes xq-1 as XQ-1 everywhere;
# the prefix those ids are made of was refused so typed, at the very
# first step of the README: "zdh init --replica xinqiao --prefix xq"
# said "invalid id prefix 'xq' (an upper-case letter ...)", and so did
# clone, replica recover and config zdh.prefix, for xq and for the
# full-width ＸＱ a Chinese input method types.  The prefix is folded
# as an id is now, in each of them.
test_description='init, clone, config: an id prefix typed in any case and width'
. "$(dirname "$0")/lib.sh"

test_expect_success 'init --prefix xq is XQ; its records are XQ-' '
	zdh init --replica xinqiao --prefix xq office >out &&
	grep "(replica xinqiao, prefix XQ)" out &&
	(
		cd office &&
		zdh config zdh.prefix >actual &&
		echo XQ >expect &&
		test_cmp expect actual &&
		zdh org add --kind area 新桥 >actual &&
		echo XQ-O1 >expect &&
		test_cmp expect actual
	)
'

test_expect_success 'init --prefix ＹＡ２ (full width) is YA2' '
	LANGUAGE=zh_CN zdh init --replica yanan --prefix ＹＡ２ yanan >out &&
	grep "（副本 yanan，前缀 YA2）" out
'

test_expect_success 'clone --prefix hs is HS' '
	zdh clone office huashan --replica huashan --prefix hs >out &&
	grep "(replica huashan, prefix HS)" out
'

test_expect_success 'config zdh.prefix th2 is kept as TH2; a prefix that is none is refused as before' '
	zdh init --replica tianjin --prefix TJ tianjin >/dev/null &&
	(
		cd tianjin &&
		zdh config zdh.prefix th2 &&
		zdh config zdh.prefix >actual &&
		echo TH2 >expect &&
		test_cmp expect actual &&
		test_expect_code 1 zdh config zdh.prefix 2x &&
		zdh config zdh.prefix >actual &&
		test_cmp expect actual
	) &&
	test_expect_code 1 zdh init --replica x --prefix 新桥 x 2>err &&
	grep "invalid id prefix '\''新桥'\''" err
'

test_done
