#!/bin/sh
# zdh issue --attach: files kept as blobs in the event commit's tree, listed
# by show, given back byte for byte by `issue attachment`, and a size limit.
test_description='issue attachments'
. "$(dirname "$0")/lib.sh"

test_expect_success 'setup: a repository, a photo, a scanned consent' '
	zdh init --replica tianjin --prefix TJ >/dev/null 2>&1 &&
	zdh org add --kind area 天津路426弄 >/dev/null &&
	zdh org add --kind dept 房管办 >/dev/null &&
	printf "\211PNG\r\n\032\n\000\000\000\rIHDR\377\376\375" >photo.png &&
	i=0 &&
	while test $i -lt 200
	do
		printf "consent %03d \000\377\n" $i || return 1
		i=$((i + 1))
	done >consent.pdf &&
	printf "十三户书面同意\n" >"同意书.txt"
'

test_expect_success 'add --attach stores the file in the event commit tree' '
	zdh issue add "三级台阶" --area 天津路426弄 --attach photo.png --date 2024-06-01 >id &&
	echo TJ-1 >expect &&
	test_cmp expect id &&
	commit=$(log_tip tianjin) &&
	blob=$(git hash-object photo.png) &&
	git --git-dir=.zdh ls-tree -r "$commit" >tree &&
	grep "^100644 blob $blob	" tree &&
	git --git-dir=.zdh cat-file -p "$blob" >back &&
	cmp photo.png back
'

test_expect_success 'show lists the attachment with its size' '
	zdh issue show TJ-1 >out &&
	grep "photo.png" out &&
	grep "$(wc -c <photo.png | tr -d " ")" out
'

test_expect_success PYTHON 'show --json: attachments as name, id, size' '
	zdh issue show TJ-1 --json >out &&
	python3 -c "
import json, sys
a = json.load(open(\"out\"))[\"attachments\"]
assert a == [{\"name\": \"photo.png\", \"id\": sys.argv[1], \"size\": int(sys.argv[2])}], a
" "$(git hash-object photo.png)" "$(wc -c <photo.png)"
'

test_expect_success 'attachment gives back identical bytes, to -o FILE or to stdout' '
	zdh issue attachment TJ-1 photo.png -o out.png &&
	cmp photo.png out.png &&
	zdh issue attachment TJ-1 photo.png >stdout.png &&
	cmp photo.png stdout.png
'

test_expect_success 'comment, resolve and follow-up take --attach, several at once' '
	zdh issue comment TJ-1 -m "@房管办 13户同意书" --attach consent.pdf --attach "同意书.txt" --date 2024-06-02 &&
	commit=$(log_tip tianjin) &&
	git --git-dir=.zdh ls-tree -r "$commit" >tree &&
	grep "blob $(git hash-object consent.pdf)	" tree &&
	grep "blob $(git hash-object "同意书.txt")	" tree &&
	zdh issue claim TJ-1 --dept 房管办 --due 2024-06-30 --date 2024-06-03 &&
	zdh issue resolve TJ-1 -m "坡道建成" --attach photo.png --date 2024-06-20 &&
	zdh issue follow-up TJ-1 -m "回访" --attach "同意书.txt" --date 2024-06-25 &&
	zdh issue attachment TJ-1 consent.pdf -o c.pdf &&
	cmp consent.pdf c.pdf &&
	zdh issue attachment TJ-1 "同意书.txt" -o t.txt &&
	cmp "同意书.txt" t.txt &&
	zdh issue show TJ-1 >out &&
	grep consent.pdf out &&
	grep "同意书.txt" out
'

test_expect_success 'an unknown attachment name or issue is refused' '
	snapshot before &&
	test_expect_code 1 zdh issue attachment TJ-1 nothing.png >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	test_expect_code 1 zdh issue attachment TJ-9 photo.png >out 2>err &&
	test_must_be_empty out &&
	test ! -e nothing.png.out &&
	check_unchanged before
'

test_expect_success 'a missing file to attach is refused, nothing written' '
	snapshot before &&
	test_must_fail zdh issue comment TJ-1 -m "照片" --attach no-such.png >out 2>err &&
	test_must_be_empty out &&
	grep "^zdh: .*no-such\.png" err &&
	check_unchanged before
'

test_expect_success 'zdh config takes zdh.attachment-max' '
	cp .zdh/config config.saved &&
	zdh config zdh.attachment-max 1k &&
	echo 1k >expect &&
	zdh config zdh.attachment-max >actual &&
	test_cmp expect actual
'

test_expect_success 'zdh.attachment-max: a file over the limit is refused, nothing written' '
	cp config.saved .zdh/config &&
	git config --file .zdh/config zdh.attachment-max 1k &&
	printf "%01024d" 0 >exact.bin &&
	printf "%01025d" 0 >over.bin &&
	snapshot before &&
	test_expect_code 1 zdh issue comment TJ-1 -m "太大" --attach over.bin >out 2>err &&
	test_must_be_empty out &&
	test_line_count = 1 err &&
	grep "^zdh: .*over\.bin is 1025 bytes; the limit is 1024" err &&
	test_expect_code 1 zdh issue add "太大" --attach over.bin >out 2>err &&
	test_must_be_empty out &&
	check_unchanged before &&
	zdh issue comment TJ-1 -m "正好" --attach exact.bin &&
	zdh issue attachment TJ-1 exact.bin -o e.bin &&
	cmp exact.bin e.bin
'

test_expect_success 'the default limit is 10 MiB' '
	cp config.saved .zdh/config &&
	dd if=/dev/zero of=big.bin bs=1024 count=10241 2>/dev/null &&
	snapshot before &&
	test_expect_code 1 zdh issue comment TJ-1 -m "超过10M" --attach big.bin >out 2>err &&
	grep "big\.bin is 10486784 bytes; the limit is 10485760" err &&
	check_unchanged before
'

test_expect_success 'the repository verifies, git fsck is clean' '
	zdh verify &&
	git --git-dir=.zdh fsck --strict
'

test_done
