# lib-report.sh: helpers of the report tests (t70xx); source it after lib.sh.

# flat: the JSON on stdin as one "path=value" line per number, string or
# null, in document order ("issues.by_area.0.area=新桥").
# flat_many FILE...: flat of each FILE.json into FILE, all in one python
# (a python costs more than most reports).
flat_py_='
import json, sys
def walk(p, v, o):
    if isinstance(v, dict):
        for k in v: walk(p + [k], v[k], o)
    elif isinstance(v, list):
        for i, x in enumerate(v): walk(p + [str(i)], x, o)
    else:
        print(".".join(p) + "=" + ("null" if v is None else str(v)), file=o)
'
flat () {
	python3 -c "$flat_py_
walk([], json.load(sys.stdin), sys.stdout)"
}
flat_many () {
	python3 -c "$flat_py_
for f in sys.argv[1:]:
    with open(f + \".json\", encoding=\"utf-8\") as i, open(f, \"w\", encoding=\"utf-8\") as o:
        walk([], json.load(i), o)" "$@"
}

# figures ARGS...: zdh report ARGS --json, flattened, without the breakdowns, the trend and the other kinds
figures () {
	zdh report "$@" --json >figures.json &&
	flat <figures.json | grep -v -e "^issues\.by_" -e "^trend\." -e "^kinds\."
}

# registry_two_districts: the registry of the hand-made histories
registry_two_districts () {
	zdh org add --kind district 一片区 --date 2025-01-01 &&
	zdh org add --kind district 二片区 --date 2025-01-01 &&
	zdh org add --kind area 新桥 --district 一片区 --date 2025-01-01 &&
	zdh org add --kind area 延安公寓 --district 二片区 --date 2025-01-01 &&
	zdh org add --kind dept 房管办 --date 2025-01-01 &&
	zdh org add --kind dept 城管中队 --date 2025-01-01 &&
	zdh org add --kind unit 上海博物馆 --date 2025-12-05 &&
	zdh org add --kind building 外滩大楼 --date 2025-01-01 &&
	zdh org retire 外滩大楼 -m 拆除 --date 2025-11-15
}

# mark FILE: now (seconds since the epoch) into FILE, then a second passes,
# so that what is recorded next is recorded after the mark (for --as-of @MARK)
mark () {
	date +%s >"$1" && sleep 1
}
