#!/bin/sh
# make demo: zdh doing its main job at this stage on a fresh repository in
# a temporary folder — the registry of the Nanjing East Road sub-district,
# with its history, audit trail and checks.
set -e
ZDH=${1:-./zdh}
case $ZDH in /*) ;; *) ZDH=$(pwd)/$ZDH ;; esac
html=${ZDH_DEMO_HTML:-$(pwd)/zdh-demo-report.html}	# the HTML report stays after the demo
dir=$(mktemp -d "${TMPDIR:-/tmp}/zdh-demo.XXXXXX")
trap 'rm -rf "$dir"' EXIT
cd "$dir"
export ZDH_PAGER=cat
unset ZDH_DIR ZDH_USER_NAME ZDH_USER_EMAIL ZDH_USER_DEPT

# step CMD ARGS...: show the command as one would type it (an argument
# with a blank or a character the shell reads quoted), then run it.
step() {
	line=
	for a in "$@"; do
		case $a in
		*[\ \	\'\"\$\`\\\*\?\[\]\(\)\;\&\|\<\>\#\~\{\}\!\%]*|'')
			case $a in
			*\'*) a="\"$a\"" ;;
			*) a="'$a'" ;;
			esac ;;
		esac
		line="${line:+$line }$a"
	done
	printf '\n\033[1m$ %s\033[0m\n' "$line"
	"$@"
}
zdh() { "$ZDH" "$@"; }

step zdh init --replica xinqiao --prefix XQ office
cd office
step zdh config user.name "王芳"
step zdh config user.email wangfang@njdl.example.org
step zdh config user.dept "新桥居委会"
step zdh org add --kind district "第一片区" --date 2026-01-05
step zdh org add --kind area "新桥" --district "第一片区" --code NJDL-01 --date 2026-01-05
step zdh org add --kind dept "房管办" --date 2026-01-05
step zdh org add --kind dept "城管中队" --date 2026-01-05

cat > registry.csv <<'CSV'
kind,name,district,code
area,延安公寓,第一片区,NJDL-02
area,天津路426弄,第一片区,NJDL-03
dept,派出所,,
dept,绿化市容所,,
dept,市场监管所,,
unit,上海博物馆,,U-001
building,"新世界城, 塔楼",,B-017
group,南京东路商会,,
CSV
step zdh org import registry.csv --date 2026-01-05
echo
echo '# a row with an unknown district and one with an empty name: nothing is written'
printf 'kind,name,district\narea,金华,第九片区\nunit,,\n' > bad.csv
step zdh org import bad.csv || true

step zdh org edit "新桥" --name "新桥居民区" -m "全称" --date "2026-11-20 09:30"
step zdh org retire "南京东路商会" -m "并入区商会"
step zdh org list
step zdh org show "新桥居民区"
step zdh log -n 5
step zdh verify
echo
echo '# plain git reads the same history:'
step git --git-dir=.zdh log --format='%h %ad %an: %s' --date=short -n 4 refs/zdh/log/xinqiao
step git --git-dir=.zdh fsck --strict --no-progress
echo
echo '# the index is only a cache:'
zdh export > before.json
rm .zdh/index.db
zdh export > after.json
step cmp before.json after.json
echo 'export identical after deleting index.db'

echo
echo '# case 2: lane 52 of Xinqiao, from a block visit to long-term follow-up'
step zdh issue add "52弄车辆乱停，商户垃圾倒进居民垃圾桶" --area 新桥居民区 --category parking --source visit \
	--reporter 张阿姨 --location "新桥 52弄" -m "垃圾桶一天清三次仍满溢" --date "2026-11-02 09:15"
step zdh issue claim XQ-1 --dept 城管中队 --date "2026-11-02 14:00"
step zdh issue comment XQ-1 -m "@房管办 弄口道闸需要业主同意" --date "2026-11-03 10:00"
step zdh issue escalate XQ-1 -m "道闸由街道微实事资金支付，报网格平台" --date "2026-11-05 16:30"
step zdh issue resolve XQ-1 -m "弄口道闸已装，商户垃圾单独收运" --date "2026-11-20 11:00"
step zdh issue close XQ-1 --satisfaction 2 -m "回访：晚上仍有车辆进入" --date "2026-11-21 09:00"
step zdh issue resolve XQ-1 -m "道闸夜间常闭，志愿者值守" --date "2026-11-24 18:00"
step zdh issue close XQ-1 --satisfaction 5 --date "2026-11-25 09:00"
step zdh issue follow-up XQ-1 -m "猫头鹰巡查队每日三次巡查" --date "2026-11-26 20:00"
step zdh issue add "延安公寓群租" --area 延安公寓 --category group-renting --source hotline
step zdh issue claim XQ-2 --dept 房管办
step zdh issue list
step zdh issue show XQ-1
step zdh inbox --dept 房管办

echo
echo '# case 3: Yan'"'"'an Apartments — a self-governance group grows into a council with a charter'
step zdh council add "延安公寓自治小组" --area 延安公寓 --date 2026-01-08
step zdh council member add XQ-C1 刘阿姨 --role chair --party resident --date 2026-01-08
step zdh council member add XQ-C1 陈先生 --role member --party resident --date 2026-01-08
step zdh council edit XQ-C1 --name "延安公寓理事会" -m "自治小组成为理事会" --date 2026-02-01
step zdh council member add 延安公寓理事会 张老板 --role member --party shop --date 2026-02-01
step zdh council member add 延安公寓理事会 业委会王主任 --role deputy --party owners-committee --date 2026-02-01
step zdh council member add 延安公寓理事会 物业赵经理 --role member --party property-manager --date 2026-02-01
for u in 派出所 房管办 绿化市容所 市场监管所; do
	step zdh council member add 延安公寓理事会 $u --role supporting-unit --party unit --org $u --date 2026-02-01
done
step zdh council charter 延安公寓理事会 --quorum 2/3 --consent facility --meeting-weeks 4 \
	--duties "协调居民与商户纠纷，治理垃圾、高空抛物、群租" --date 2026-02-01
step zdh council meeting add 延安公寓理事会 --agenda XQ-2 --present 刘阿姨,陈先生,张老板,业委会王主任 \
	--excused 物业赵经理 --guest 房管办 --date "2026-02-20 19:00"
step zdh council decide XQ-M1 --motion "群租房由房管办会同派出所核查" --issue XQ-2 \
	--for 刘阿姨,陈先生,张老板 --against 业委会王主任 --close \
	--action "核查群租" --dept 房管办 --due 2026-03-20 --date "2026-02-20 20:00"
step zdh council show 延安公寓理事会
step zdh council decision show XQ-D1

echo
echo '# case 4: Lane 426 Tianjin Road — a ramp needs the written consent of all 13 tenants'
step zdh council add "天津路426弄理事会" --area 天津路426弄 --date 2026-03-01
for m in 周书记:chair 黄阿姨:member 马先生:member; do
	zdh council member add XQ-C2 ${m%%:*} --role ${m#*:} --party resident --date 2026-03-01
done
step zdh council charter XQ-C2 --quorum 2/3 --consent facility --date 2026-03-01
step zdh issue add "老人推轮椅下三级台阶去透析" --area 天津路426弄 --category accessibility --date 2026-03-04
step zdh council discuss XQ-C2 -m "建议建一米阳光坡道 @房管办 @派出所" --date "2026-03-05 09:00"
step zdh inbox --dept 派出所
step zdh council meeting add XQ-C2 --kind consultation --agenda XQ-3 --present 周书记,黄阿姨,马先生 --date "2026-03-12 14:00"
parties="--party 张老伯 --party 派出所"
for n in 1 2 3 4 5 6 7 8 9 10 11 12 13; do parties="$parties --party 租户$n"; done
step zdh council decide XQ-M2 --type facility --motion "建设无障碍坡道" --issue XQ-3 --for 周书记,黄阿姨,马先生 \
	--close $parties --action "建设坡道（含扶手、防滑）" --dept 房管办 --resolves --date "2026-03-12 15:00"
echo "书面申请" > application.pdf
step zdh council consent XQ-D2 --party 张老伯 --attach application.pdf -m "本人书面申请" --date 2026-03-13
step zdh council consent XQ-D2 --party 派出所 -m "条件：加装扶手、防滑条" --date 2026-03-14
for n in 1 2 3 4 5 6 7 8 9 10 11 12; do zdh council consent XQ-D2 --party 租户$n --date 2026-03-15; done
step zdh council consents
step zdh council consent XQ-D2 --party 租户13 --date 2026-03-16
step zdh council action done XQ-A2 -m "坡道建成" --date 2026-04-25
step zdh council decision show XQ-D2
step zdh issue show XQ-3
step zdh council meeting list --format csv

echo
echo '# a second office joins through a shared bare git repository, and both agree'
git init -q --bare ../hub.git
step zdh remote add origin ../hub.git
step zdh push --verbose
cd ..
step zdh clone hub.git yanan --replica yanan --prefix YA
cd yanan
step zdh config user.name "李强"
step zdh config user.email liqiang@njdl.example.org
step zdh issue comment XQ-2 -m "延安公寓理事会已约谈二房东"
step zdh sync --verbose
cd ../office
step zdh sync --verbose
zdh export > ../office.json
(cd ../yanan && zdh export > ../yanan.json)
step cmp ../office.json ../yanan.json
echo 'both offices hold the same records'
step zdh verify

echo
echo '# case 1: the resource menu — the Shanghai Museum offers, Xinqiao needs, they pair'
step zdh menu offer add "青少年文化体验活动" --provider 上海博物馆 --category education --capacity 20 --schedule "每月第一个周六"
step zdh menu offer add "孤老、困难家庭学生结对" --provider 上海博物馆 --category elderly --capacity 2 --contact 021-63723500
step zdh menu offer add "睦邻金融讲座" --provider "新世界城, 塔楼" --category education --areas 延安公寓
step zdh menu need add "孤老陪伴" --area 新桥居民区 --category elderly --people 3
step zdh menu match XQ-N1
step zdh menu pair XQ-N1 XQ-F2
step zdh menu deliver XQ-P1 --people 3 --hours 2
step zdh menu feedback XQ-Y1 --satisfaction 5 -m "老人很开心"
step zdh menu show XQ-P1
step zdh menu publish --format md
zdh menu publish --format html -o menu.html
echo "(menu.html: $(wc -c < menu.html) bytes, self-contained)"

echo
echo '# case 2: a liaison visits lane 52; the council adopts the gate, a micro-project paid from the fund'
step zdh visit liaison add 王强 --dept 城管中队 --areas 新桥居民区
step zdh visit add --area 新桥居民区 --liaison 王强 -m "回访52弄：商户垃圾已分开收运" --issue XQ-1
step zdh council add "新桥居民区理事会" --area 新桥居民区
for m in 王书记 李主任 张阿姨; do
	zdh council member add 新桥居民区理事会 $m --role member --party resident
done
printf '\n\033[1m$ %s\033[0m\n' "zdh council meeting add 新桥居民区理事会 --agenda XQ-1 --present 王书记,李主任,张阿姨"
meeting=$(zdh council meeting add 新桥居民区理事会 --agenda XQ-1 --present 王书记,李主任,张阿姨)
echo "$meeting"
printf '\n\033[1m$ %s\033[0m\n' "zdh council decide $meeting --motion \"弄口装旋转铁门，由党建服务经费出资\" --issue XQ-1 --consensus"
decision=$(zdh council decide "$meeting" --motion "弄口装旋转铁门，由党建服务经费出资" --issue XQ-1 --consensus)
echo "$decision"
step zdh fund set --area 新桥居民区 --year 2026 450000
step zdh project add "52弄弄口旋转铁门" --area 新桥居民区 --kind micro --year 2026 --decision "$decision"
step zdh project budget XQ-J1 12000 --item "旋转式铁门"
step zdh project budget XQ-J1 800 --item "安装"
step zdh project approve XQ-J1 -m "理事会通过三衔接方案"
step zdh project spend XQ-J1 12800 --item "铁门及安装"
echo
echo '# a project never spends beyond what was approved:'
step zdh project spend XQ-J1 1 --item "多付" || true
step zdh project done XQ-J1 -m "弄内不再乱停车" --satisfaction 5
step zdh project show XQ-J1
step zdh council decision show "$decision"
step zdh fund show
step zdh verify

echo
echo '# the monthly statistics of the demo data, as a cron job would print them'
step zdh report monthly --month 2026-11
step zdh report monthly --month 2026-11 --format html -o "$html"
echo "the HTML report of November 2026 is in $html (open it in a browser)"
