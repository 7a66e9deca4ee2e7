#!/bin/sh
test_description='the photos of a delivery and the invoices of a spend written back out, as those of an issue are'
. "$(dirname "$0")/lib.sh"

# menu deliver and project spend take --attach, and the files were kept
# in their events, but neither command had an attachment verb (issue and
# council do) and neither show named them: an office could not get the
# invoice of a spend or the photo of a delivery back without plain git.

test_expect_success 'a delivery with a photo, a spend with an invoice' '
	zdh init --replica xinqiao --prefix XQ >/dev/null &&
	zdh org add --kind area 新桥 >/dev/null &&
	zdh org add --kind unit 上海博物馆 >/dev/null &&
	zdh menu offer add 孤老结对助老 --provider 上海博物馆 --category elderly --capacity 1 >/dev/null &&
	zdh menu need add 孤老陪伴 --area 新桥 --category elderly --people 3 >/dev/null &&
	zdh menu pair XQ-N1 XQ-F1 >/dev/null &&
	printf "photo\n" >合影.jpg &&
	zdh menu deliver XQ-P1 --people 3 --hours 2 --attach 合影.jpg >/dev/null &&
	zdh fund set --area 新桥 --year 2026 450000 >/dev/null &&
	zdh project add 弄口铁门 --area 新桥 --year 2026 >/dev/null &&
	zdh project budget XQ-J1 12800 --item 铁门 &&
	zdh project approve XQ-J1 &&
	printf "invoice 1\n" >发票.jpg &&
	printf "invoice 2\n" >收据.jpg &&
	zdh project spend XQ-J1 12000 --item 铁门 --attach 发票.jpg &&
	zdh project spend XQ-J1 800 --item 安装 --attach 收据.jpg
'

test_expect_success 'menu show names the photo; menu attachment writes it' '
	zdh menu show XQ-Y1 >out &&
	grep "^attachment: *合影.jpg" out &&
	zdh menu attachment xq-y1 合影.jpg >got &&
	test_cmp 合影.jpg got &&
	zdh menu attachment XQ-Y1 合影.jpg -o copy.jpg &&
	test_cmp 合影.jpg copy.jpg
'

test_expect_success 'project show names the invoices; project attachment writes each' '
	zdh project show XQ-J1 >out &&
	grep "12000.00  铁门  \[发票.jpg\]" out &&
	grep "800.00  安装  \[收据.jpg\]" out &&
	zdh project attachment XQ-J1 发票.jpg >got &&
	test_cmp 发票.jpg got &&
	zdh project attachment XQ-J1 收据.jpg -o copy.jpg &&
	test_cmp 收据.jpg copy.jpg
'

test_expect_success 'a name not there is refused, naming those there, nothing written' '
	test_expect_code 1 zdh menu attachment XQ-Y1 合影.png -o none.png 2>err &&
	! test -e none.png &&
	echo "zdh: XQ-Y1 has no attachment '\''合影.png'\'' (合影.jpg)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh project attachment XQ-J1 x.jpg 2>err &&
	echo "zdh: XQ-J1 has no attachment '\''x.jpg'\'' (发票.jpg, 收据.jpg)" >expect &&
	test_cmp expect err &&
	test_expect_code 1 zdh menu attachment XQ-F1 x.jpg 2>err &&
	echo "zdh: XQ-F1 has no attachments" >expect &&
	test_cmp expect err &&
	LANGUAGE=zh_CN test_expect_code 1 zdh menu attachment XQ-Y1 合影.png 2>err &&
	echo "zdh: XQ-Y1 没有附件 '\''合影.png'\''（合影.jpg）" >expect &&
	test_cmp expect err
'

test_expect_success 'an id of no record is refused as show refuses it' '
	test_expect_code 1 zdh project attachment XQ-J9 x.jpg 2>err &&
	grep "no project XQ-J9" err &&
	test_expect_code 1 zdh menu attachment XQ-Y9 x.jpg
'

test_done
