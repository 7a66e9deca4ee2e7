#!/bin/sh
# Two offices each add a liaison of one name before they hear of each
# other; both stay.  The shared name is then refused wherever a command
# takes a liaison (visit add and import, liaison edit, retire and show,
# visit list --liaison), naming both ids, as a shared org name is; the id
# works.  A visit keeps its liaison's id beside the name, so each
# office's visits stay its own liaison's in visit list --liaison and the
# counts of liaison list; a visit written before that (the name alone)
# still counts for the liaison of that name.
test_description='two liaisons of one name at two offices: visits kept apart by id'
. "$(dirname "$0")/lib.sh"
. "$TEST_DIRECTORY/lib-sync.sh"
. "$TEST_DIRECTORY/lib-craft.sh"

test_expect_success 'setup: two offices each add a liaison 王强, then sync' '
	zdh init --replica hub --prefix HB hub >/dev/null &&
	at hub org add --kind area 新桥 >/dev/null &&
	at hub org add --kind area 延安 >/dev/null &&
	at hub org add --kind dept 派出所 >/dev/null &&
	at hub org add --kind dept 房管办 >/dev/null &&
	at hub replica confirm >/dev/null &&
	zdh clone hub a --replica xinqiao --prefix XQ --quiet &&
	zdh clone hub b --replica yanan --prefix YA --quiet &&
	at a visit liaison add 王强 --dept 派出所 --areas 新桥 --date 2026-03-01 >out &&
	echo XQ-L1 >expect && test_cmp expect out &&
	at b visit liaison add 王强 --dept 房管办 --areas 延安 --date 2026-03-01 >out &&
	echo YA-L1 >expect && test_cmp expect out &&
	at a visit add --area 新桥 --liaison 王强 -m 楼道堆物 --date 2026-03-05 >a.visit &&
	at b visit add --area 延安 --liaison 王强 -m 商户垃圾 --date 2026-03-06 >b.visit &&
	at a sync --quiet && at b sync --quiet 2>/dev/null && at a sync --quiet 2>/dev/null
'

cat >ambiguous <<\EOF
zdh: '王强' names more than one liaison: XQ-L1, YA-L1; give the id
EOF

test_expect_success 'visit add by the shared name is refused, naming both; by id it is kept' '
	before=$(git --git-dir=a/.zdh rev-parse refs/zdh/log/xinqiao) &&
	test_expect_code 1 zdh -C a visit add --area 延安 --liaison 王强 -m 回访 --date 2026-03-07 2>err &&
	test_cmp ambiguous err &&
	test "$(git --git-dir=a/.zdh rev-parse refs/zdh/log/xinqiao)" = "$before" &&
	at a visit add --area 延安 --liaison ya-l1 -m 回访 --date 2026-03-07 >id &&
	at a visit show "$(cat id)" --json >json &&
	grep "\"liaison\": \"王强\"" json &&
	grep "\"liaison_id\": \"YA-L1\"" json &&
	grep "\"dept\": \"房管办\"" json
'

test_expect_success 'visit list --liaison: by id, each office'"'"'s visits apart' '
	at a visit list --liaison XQ-L1 --format csv >list &&
	test_line_count = 2 list &&
	grep ",新桥,王强,派出所,,楼道堆物$" list &&
	at a visit list --liaison YA-L1 --format csv >list &&
	test_line_count = 3 list &&
	grep ",延安,王强,房管办,,商户垃圾$" list &&
	grep ",延安,王强,房管办,,回访$" list &&
	! grep 楼道堆物 list &&
	test_expect_code 1 zdh -C a visit list --liaison 王强 2>err &&
	test_cmp ambiguous err
'

test_expect_success 'liaison list counts each one'"'"'s visits' '
	at a visit liaison list --format csv >list &&
	grep "^XQ-L1,王强,派出所,1," list &&
	grep "^YA-L1,王强,房管办,2," list
'

test_expect_success 'liaison edit, retire and show refuse the shared name, take the id' '
	test_expect_code 1 zdh -C a visit liaison edit 王强 --phone 13800000000 2>err &&
	test_cmp ambiguous err &&
	test_expect_code 1 zdh -C a visit liaison retire 王强 -m 调岗 2>err &&
	test_cmp ambiguous err &&
	test_expect_code 1 zdh -C a visit show 王强 2>err &&
	test_cmp ambiguous err &&
	at a visit liaison edit XQ-L1 --phone 13800000000 >/dev/null &&
	at a visit show XQ-L1 >show &&
	grep 13800000000 show
'

test_expect_success 'in Chinese too' '
	test_expect_code 1 zh -C a visit show 王强 2>err &&
	grep "王强" err && grep "XQ-L1, YA-L1" err && ! grep "names more than one" err
'

test_expect_success 'visit import: a row naming the shared name is refused, nothing written' '
	before=$(git --git-dir=a/.zdh rev-parse refs/zdh/log/xinqiao) &&
	cat >v.csv <<-\EOF &&
	date,area,liaison,notes
	2026-03-08,新桥,XQ-L1,第一次
	2026-03-09,新桥,王强,第二次
	EOF
	test_expect_code 1 zdh -C a visit import "$PWD/v.csv" 2>err &&
	grep "names more than one liaison: XQ-L1, YA-L1" err &&
	test "$(git --git-dir=a/.zdh rev-parse refs/zdh/log/xinqiao)" = "$before" &&
	sed -i "s/,王强,/,xq-l1,/" v.csv &&
	at a visit import "$PWD/v.csv" >/dev/null &&
	at a visit list --liaison XQ-L1 --format csv >list &&
	test_line_count = 4 list
'

test_expect_success 'once one is retired, the name means the live one' '
	at a visit liaison retire YA-L1 -m 调岗 >/dev/null &&
	at a visit add --area 新桥 --liaison 王强 -m 第三次 --date 2026-03-10 >id &&
	at a visit show "$(cat id)" --json >json &&
	grep "\"liaison_id\": \"XQ-L1\"" json &&
	at a visit list --liaison 王强 --format csv >list &&
	test_line_count = 5 list
'

test_expect_success 'two retired liaisons of one name: refused, naming both' '
	at a visit liaison retire XQ-L1 -m 调岗 >/dev/null &&
	test_expect_code 1 zdh -C a visit list --liaison 王强 2>err &&
	test_cmp ambiguous err &&
	at a visit list --liaison YA-L1 --format csv >list &&
	test_line_count = 3 list
'

# A visit as zdh wrote it before visit version 4: its liaison by name alone.
test_expect_success 'a visit of the name alone (an older zdh) counts for the liaison of that name' '
	zdh init --replica old --prefix OL old >/dev/null &&
	at old org add --kind area 新桥 >/dev/null &&
	at old org add --kind dept 派出所 >/dev/null &&
	at old visit liaison add 李敏 --dept 派出所 --areas 新桥 --date 2026-03-01 >/dev/null &&
	at old visit add --area 新桥 --liaison 李敏 -m 旧走访 --date 2026-03-02 >/dev/null &&
	tip=$(git --git-dir=old/.zdh rev-parse refs/zdh/log/old) &&
	new=$(craft_edit old/.zdh "$tip" "s/,\"liaison_id\":\"OL-L1\"//") &&
	git --git-dir=old/.zdh update-ref refs/zdh/log/old "$new" "$tip" &&
	at old reindex >/dev/null &&
	at old verify >/dev/null &&
	at old visit show OL-V1 --json >json &&
	! grep liaison_id json &&
	at old visit list --liaison 李敏 --format csv >list &&
	test_line_count = 2 list &&
	at old visit liaison list --format csv >list &&
	grep "^OL-L1,李敏,派出所,1," list
'

test_done
