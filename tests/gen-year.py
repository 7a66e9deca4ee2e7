#!/usr/bin/env python3
"""gen-year — a year of records at the source's scale, and its true figures.

    python3 tests/gen-year.py SEED OUT

writes, deterministically for SEED:
  OUT/events.fi    a git fast-import stream of the events of replica "gen"
                   (prefix GY): the registry (8 districts, 19 areas, 6
                   departments, 85 units, 63 buildings) and issues: 1,500
                   opened in 2025, of which exactly 1,405 are solved in 2025
                   (their first resolve), petitions for 2024 and 2025, with
                   claims, returns, escalations, urges, dissatisfied
                   callbacks, reopens and follow-ups; some entries recorded
                   days after they happened (back-dated);
  OUT/truth-yearly.txt, OUT/truth-monthly.txt
                   the figures of `zdh report yearly --year 2025` and
                   `zdh report monthly --month 2025-11`, as flattened JSON
                   lines ("issues.opened=1500"), computed here from the
                   generated events by the definitions of zdh-report(1),
                   independently of zdh.

Load it with:  zdh init --replica gen --prefix GY DIR &&
               git --git-dir=DIR/.zdh fast-import --quiet <OUT/events.fi
The events are written as zdh writes them (zdh-repository(5), EVENTS):
canonical JSON, one commit each, Lamport clocks increasing along the log,
recorded times never decreasing.
"""
import hashlib
import json
import os
import random
import sys
from datetime import datetime, timedelta, timezone

TZ = timezone(timedelta(hours=8))
ACTOR = {"email": "gen@example.org", "name": "统计员"}
REPLICA, PREFIX = "gen", "GY"
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
CATEGORIES = ["environment", "parking", "safety", "housing", "group-renting", "shops",
              "accessibility", "elderly-care", "other"]
SOURCES = ["visit", "wechat", "hotline", "hearing", "council", "grid", "other"]
DEPTS = ["街道机关", "派出所", "市场监管所", "绿化市容所", "城管中队", "房管办"]
OVERDUE_DAYS = 30


def ts(y, mo, d, h=9, mi=0, s=0):
    return int(datetime(y, mo, d, h, mi, s, tzinfo=TZ).timestamp())


def rfc3339(t):
    return datetime.fromtimestamp(t, TZ).strftime("%Y-%m-%dT%H:%M:%S+08:00")


def local_day(t):
    return (t + 8 * 3600) // 86400


def day_text(day):
    return (datetime(1970, 1, 1) + timedelta(days=day)).strftime("%Y-%m-%d")


def is_workday(day):
    return (day + 3) % 7 < 5          # 1970-01-01 was a Thursday; Monday = 0


def working_days(a, b):
    return sum(1 for d in range(a + 1, b + 1) if is_workday(d)) if b > a else 0


def add_workdays(day, n):
    while n > 0:
        day += 1
        if is_workday(day):
            n -= 1
    return day


class Gen:
    def __init__(self, seed):
        self.rnd = random.Random(seed)
        self.events = []          # dicts: record, kind, op, data, happened, recorded
        self.n = {"": 0, "O": 0}
        self.last_rec = {}

    def new_id(self, letter=""):
        self.n[letter] += 1
        return "%s-%s%d" % (PREFIX, letter, self.n[letter])

    def ev(self, kind, record, op, data, happened, recorded=None):
        # a record's events are recorded in the order they are written
        rec = max(recorded or happened + 60, self.last_rec.get(record, 0) + 1)
        self.last_rec[record] = rec
        self.events.append({"kind": kind, "record": record, "op": op, "data": data,
                            "happened": happened, "recorded": rec})

    # ---- the registry ----
    def registry(self):
        t = ts(2024, 1, 1)
        self.districts = ["第%d片区" % (i + 1) for i in range(8)]
        self.areas = ["居民区%02d" % (i + 1) for i in range(19)]
        self.district_of = {a: self.districts[i % 8] for i, a in enumerate(self.areas)}
        for d in self.districts:
            self.ev("org", self.new_id("O"), "add", {"set": {"kind": "district", "name": d}}, t)
        for a in self.areas:
            self.ev("org", self.new_id("O"), "add",
                    {"set": {"district": self.district_of[a], "kind": "area", "name": a}}, t)
        for d in DEPTS:
            self.ev("org", self.new_id("O"), "add", {"set": {"kind": "dept", "name": d}}, t)
        for i in range(85):
            self.ev("org", self.new_id("O"), "add", {"set": {"kind": "unit", "name": "单位%02d" % (i + 1)}}, t)
        for i in range(63):
            self.ev("org", self.new_id("O"), "add", {"set": {"kind": "building", "name": "楼宇%02d" % (i + 1)}}, t)

    # ---- one issue's story ----
    def issue(self, added, source, solve_by=None, unresolved=None):
        """solve_by: the last moment its first resolve may happen (it is solved before it);
        unresolved: 'open', 'claimed' or 'escalated' (never resolved)."""
        r = self.rnd
        rid = self.new_id()
        area = r.choice(self.areas) if r.random() < 0.95 else None
        s = {"category": r.choice(CATEGORIES), "source": source, "title": "问题%d" % self.n[""]}
        if area:
            s["area"] = area
        late = r.random() < 0.1   # entered days after it happened
        t = added
        self.ev("issue", rid, "add", {"set": s}, t, t + (r.randint(1, 5) * 86400 if late else 60))
        if unresolved == "open":
            return
        dept = r.choice(DEPTS)
        t += r.randint(1, 3) * 3600
        if r.random() < 0.05:      # claimed by the wrong department, returned
            self.ev("issue", rid, "claim", {"set": {"dept": dept, "due": day_text(add_workdays(local_day(t), 5))}}, t)
            t += 7200
            self.ev("issue", rid, "return", {"message": "非本部门", "reason": "not-our-area"}, t)
            dept = r.choice([d for d in DEPTS if d != dept])
            t += 3600
        due = add_workdays(local_day(t), 5)
        self.ev("issue", rid, "claim", {"set": {"dept": dept, "due": day_text(due)}}, t)
        if unresolved == "escalated" or (unresolved is None and r.random() < 0.1):
            t += 3600
            self.ev("issue", rid, "escalate", {"message": "上报网格平台"}, t)
        if unresolved:
            return
        # the first resolve: a few working days later, before solve_by
        span = max(0, (solve_by - t) // 86400 - 1)
        t_res = t + min(span, r.choice([0, 1, 2, 3, 5, 8, 13, 21])) * 86400 + r.randint(0, 5) * 3600
        t_res = min(t_res, solve_by - 3600)
        if local_day(t_res) > due and r.random() < 0.7:
            tu = ts(*map(int, day_text(due + 1).split("-")), h=10)
            if tu < t_res and tu > t:
                self.ev("issue", rid, "urge", {"message": "催办"}, tu)
        # back-dated resolve: recorded a few days later
        rec = t_res + (r.randint(2, 6) * 86400 if r.random() < 0.1 else 60)
        self.ev("issue", rid, "resolve", {"message": "已处理"}, t_res, rec)
        t = max(t_res, rec - 60)
        p = r.random()
        if p < 0.1:                # dissatisfied callback, worked again
            t += 86400
            self.ev("issue", rid, "close", {"satisfaction": r.choice([1, 2])}, t)
            t += 2 * 86400
            self.ev("issue", rid, "resolve", {"message": "再次处理"}, t)
            t += 86400
            self.ev("issue", rid, "close", {"satisfaction": r.choice([3, 4, 5])}, t)
        elif p < 0.75:
            t += 86400
            self.ev("issue", rid, "close", {"satisfaction": r.choice([3, 4, 4, 5, 5, 5])}, t)
        elif p < 0.85:
            t += 86400
            self.ev("issue", rid, "close", {}, t)
        elif p < 0.9:              # closed, then reopened and resolved again
            t += 86400
            self.ev("issue", rid, "close", {"satisfaction": 5}, t)
            t += 86400
            self.ev("issue", rid, "reopen", {"message": "复发"}, t)
            t += 86400
            self.ev("issue", rid, "resolve", {"message": "再次处理"}, t)
        # else: resolved, never closed
        if r.random() < 0.2 and any(e["record"] == rid and e["op"] == "close" for e in self.events[-4:]):
            self.ev("issue", rid, "follow-up", {"message": "长效巡查"}, t + 86400 * r.randint(1, 20))

    def build(self):
        r = self.rnd
        self.registry()
        # 2024: 50 petitions, some solved in 2024
        for i in range(50):
            added = ts(2024, 1, 1) + r.randint(0, 364 * 86400 - 40 * 86400)
            if i < 40:
                self.issue(added, "petition", solve_by=ts(2024, 12, 31, 23))
            else:
                self.issue(added, "petition", unresolved=r.choice(["open", "claimed"]))
        # 2025: 1,500 issues, 32 of them petitions; exactly 1,405 solved in 2025
        kinds = ["solve"] * 1405 + ["open"] * 30 + ["claimed"] * 40 + ["escalated"] * 25
        r.shuffle(kinds)
        petitions = set(r.sample(range(1500), 32))
        for i, k in enumerate(kinds):
            added = ts(2025, 1, 1) + r.randint(0, 350 * 86400)
            source = "petition" if i in petitions else r.choice(SOURCES)
            if k == "solve":
                self.issue(added, source, solve_by=ts(2025, 12, 31, 23))
            else:
                self.issue(added, source, unresolved=k)

    # ---- the log ----
    def write(self, path):
        order = sorted(range(len(self.events)),
                       key=lambda i: (self.events[i]["recorded"], i))
        last_of = {}
        prev = None
        out = open(path, "wb")
        for clock, i in enumerate(order, 1):
            e = self.events[i]
            e["clock"] = clock
            ev = {"actor": ACTOR, "clock": clock, "data": e["data"], "date": rfc3339(e["happened"]),
                  "kind": e["kind"], "op": e["op"], "record": e["record"], "replica": REPLICA,
                  "seen": last_of.get(e["record"]), "v": 1}
            body = json.dumps(ev, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
            msg = ("%s %s %s\n\n%s\n" % (e["kind"], e["op"], e["record"], body)).encode()
            author = ("%s <%s> %d +0800" % (ACTOR["name"], ACTOR["email"], e["happened"])).encode()
            committer = ("%s <%s> %d +0800" % (ACTOR["name"], ACTOR["email"], e["recorded"])).encode()
            raw = b"tree " + EMPTY_TREE.encode() + b"\n"
            if prev:
                raw += b"parent " + prev.encode() + b"\n"
            raw += b"author " + author + b"\ncommitter " + committer + b"\n\n" + msg
            cid = hashlib.sha1(b"commit %d\0" % len(raw) + raw).hexdigest()
            out.write(b"commit refs/zdh/log/" + REPLICA.encode() + b"\n")
            out.write(b"author " + author + b"\ncommitter " + committer + b"\n")
            out.write(b"data %d\n" % len(msg) + msg)
            out.write(b"\n")
            last_of[e["record"]] = cid
            prev = cid
        out.close()

    # ---- the truth, by the definitions of zdh-report(1) ----
    def truth(self, first, last):
        since = ts(*first, h=0)
        until = ts(*last, h=0) + 86400
        py = lambda d: (d[0] - 1, d[1], 28 if d[1] == 2 and d[2] == 29 else d[2])
        prev_since, prev_until = ts(*py(first), h=0), ts(*py(last), h=0) + 86400
        inp = lambda t: since <= t < until
        by = {}
        for e in sorted(self.events, key=lambda e: e["clock"]):
            by.setdefault((e["kind"], e["record"]), []).append(e)
        f = {k: 0 for k in ["opened", "solved", "closed", "open_at_end", "overdue_at_end",
                            "reopened_after_callback", "reopened", "returns", "urges",
                            "escalations", "followups", "callbacks"]}
        days, sat, pet, pet_prev = [], {s: 0 for s in range(1, 6)}, 0, 0
        months = []
        y, m = last[0], last[1]
        for _ in range(12):
            months.append((y, m))
            y, m = (y, m - 1) if m > 1 else (y - 1, 12)
        months.reverse()
        mstart = [ts(y, m, 1, h=0) for y, m in months] + \
            [ts(last[0] + (last[1] == 12), 1 if last[1] == 12 else last[1] + 1, 1, h=0)]
        trend = [[0, 0] for _ in months]
        dims = {d: {} for d in ["area", "district", "category", "source", "dept"]}
        registry = {k: 0 for k in ["area", "building", "dept", "district", "group", "unit"]}
        for (kind, rid), evs in by.items():
            if kind == "org":
                if evs[0]["happened"] < until:
                    registry[evs[0]["data"]["set"]["kind"]] += 1
                continue
            s = evs[0]["data"]["set"]
            created = evs[0]["happened"]
            area, cat, src = s.get("area"), s["category"], s["source"]
            # the state at the end: events that happened before it, in fold order
            st, dept, due = None, None, None
            for e in evs:
                if e["happened"] >= until:
                    continue
                op = e["op"]
                if op == "add":
                    st = "open"
                elif op == "claim":
                    st, dept, due = "claimed", e["data"]["set"]["dept"], e["data"]["set"]["due"]
                elif op == "return":
                    st, dept, due = "open", None, None
                elif op == "escalate":
                    st = "escalated"
                elif op == "resolve":
                    st = "resolved"
                elif op == "close":
                    sv = e["data"].get("satisfaction", 0)
                    if sv in (1, 2):
                        esc = any(x["op"] == "escalate" and x["clock"] < e["clock"] for x in evs)
                        st = "escalated" if esc else "claimed"
                    else:
                        st = "closed"
                elif op == "reopen":
                    st = "claimed" if dept else "open"
            resolves = [e["happened"] for e in evs if e["op"] == "resolve"]
            first_res = min(resolves) if resolves else None
            closes = [e for e in evs if e["op"] == "close"]
            closed = any(inp(e["happened"]) and e["data"].get("satisfaction", 0) not in (1, 2) for e in closes)
            v = {"opened": inp(created), "solved": first_res is not None and inp(first_res),
                 "closed": closed, "open_at_end": False, "overdue_at_end": False}
            if st in ("open", "claimed", "escalated"):
                v["open_at_end"] = True
                if due:
                    y_, m_, d_ = map(int, due.split("-"))
                    v["overdue_at_end"] = ts(y_, m_, d_, h=0) < until
                else:
                    v["overdue_at_end"] = created < until - OVERDUE_DAYS * 86400
            for k in v:
                f[k] += v[k]
            keys = {"area": area, "district": self.district_of.get(area) if area else None,
                    "category": cat, "source": src, "dept": dept if st else None}
            for d, key in keys.items():
                row = dims[d].setdefault(key, {k: 0 for k in v})
                for k in v:
                    row[k] += v[k]
            if v["solved"]:
                days.append(working_days(local_day(created), local_day(first_res)))
            if closed:
                sats = [e for e in closes if e["data"].get("satisfaction") and e["happened"] < until]
                if sats:
                    sat[max(sats, key=lambda e: (e["happened"], e["clock"]))["data"]["satisfaction"]] += 1
            f["reopened_after_callback"] += any(inp(e["happened"]) and e["data"].get("satisfaction", 0) in (1, 2) for e in closes)
            f["reopened"] += any(inp(e["happened"]) and e["op"] == "reopen" for e in evs)
            for op, key in (("return", "returns"), ("urge", "urges"), ("escalate", "escalations"),
                            ("follow-up", "followups")):
                f[key] += sum(1 for e in evs if e["op"] == op and inp(e["happened"]))
            f["callbacks"] += sum(1 for e in closes if e["data"].get("satisfaction") and inp(e["happened"]))
            if src == "petition":
                pet += inp(created)
                pet_prev += prev_since <= created < prev_until
            for i in range(12):
                trend[i][0] += mstart[i] <= created < mstart[i + 1]
                trend[i][1] += first_res is not None and mstart[i] <= first_res < mstart[i + 1]
        lines = []
        def put(k, v):
            lines.append("%s=%s" % (k, "null" if v is None else v))
        for k in ["opened", "solved", "closed", "open_at_end", "overdue_at_end",
                  "reopened_after_callback", "reopened", "returns", "urges", "escalations",
                  "followups", "callbacks"]:
            put("issues." + k, f[k])
        days.sort()
        n = len(days)
        put("issues.resolve_days.count", n)
        if n:
            med = days[n // 2] if n % 2 else (days[n // 2 - 1] + days[n // 2]) / 2
            put("issues.resolve_days.median", int(med) if med == int(med) else med)
            put("issues.resolve_days.p90", days[(9 * n + 9) // 10 - 1])
        else:
            put("issues.resolve_days.median", None)
            put("issues.resolve_days.p90", None)
        cnt = sum(sat.values())
        put("issues.satisfaction.count", cnt)
        total = sum(k * v for k, v in sat.items())
        put("issues.satisfaction.mean", (200 * total + cnt) // (2 * cnt) / 100 if cnt else None)
        for k in range(1, 6):
            put("issues.satisfaction.distribution.%d" % k, sat[k])
        for d in ["area", "district", "category", "source", "dept"]:
            names = sorted((k for k in dims[d] if k is not None and any(dims[d][k].values())),
                           key=lambda s: s.encode())
            if None in dims[d] and any(dims[d][None].values()):
                names.append(None)
            for i, k in enumerate(names):
                put("issues.by_%s.%d.%s" % (d, i, d), k)
                for fk in ["opened", "solved", "closed", "open_at_end", "overdue_at_end"]:
                    put("issues.by_%s.%d.%s" % (d, i, fk), int(dims[d][k][fk]))
        put("petitions.opened", pet)
        put("petitions.year_before", pet_prev)
        if pet_prev:
            num = (pet - pet_prev) * 100
            q = (2 * abs(num) + pet_prev) // (2 * pet_prev)
            put("petitions.change_percent", -q if num < 0 else q)
        else:
            put("petitions.change_percent", None)
        for k in sorted(registry):
            put("registry." + k, registry[k])
        for i, (y, m) in enumerate(months):
            put("trend.%d.month" % i, "%04d-%02d" % (y, m))
            put("trend.%d.opened" % i, trend[i][0])
            put("trend.%d.solved" % i, trend[i][1])
        return "".join(l + "\n" for l in sorted(lines))


def main():
    seed, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    g = Gen(seed)
    g.build()
    g.write(os.path.join(out, "events.fi"))
    with open(os.path.join(out, "truth-yearly.txt"), "w") as f:
        f.write(g.truth((2025, 1, 1), (2025, 12, 31)))
    with open(os.path.join(out, "truth-monthly.txt"), "w") as f:
        f.write(g.truth((2025, 11, 1), (2025, 11, 30)))


if __name__ == "__main__":
    main()
