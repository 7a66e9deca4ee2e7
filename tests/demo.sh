#!/bin/sh
# make demo: zdh doing its main job at this stage on a fresh repository in
# a temporary folder — the registry of the Nanjing East Road sub-district,
# with its history, audit trail and checks.
set -e
ZDH=${1:-./zdh}
case $ZDH in /*) ;; *) ZDH=$(pwd)/$ZDH ;; esac
dir=$(mktemp -d "${TMPDIR:-/tmp}/zdh-demo.XXXXXX")
trap 'rm -rf "$dir"' EXIT
cd "$dir"
export ZDH_PAGER=cat
unset ZDH_DIR ZDH_USER_NAME ZDH_USER_EMAIL ZDH_USER_DEPT

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; "$@"; }
zdh() { "$ZDH" "$@"; }

step zdh init --replica xinqiao --prefix XQ office
cd office
step zdh config user.name "王芳"
step zdh config user.email wangfang@njdl.example.org
step zdh config user.dept "新桥居委会"
step zdh org add --kind district "第一片区"
step zdh org add --kind area "新桥" --district "第一片区" --code NJDL-01 --date 2026-01-05
step zdh org add --kind dept "房管办"

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
step zdh org import registry.csv
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
echo '# the index is only a cache:'
zdh export > before.json
rm .zdh/index.db
zdh export > after.json
step cmp before.json after.json
echo 'export identical after deleting index.db'
