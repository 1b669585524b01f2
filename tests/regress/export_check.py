#!/usr/bin/env python3
"""export_check: compare a Blank Sheet export with the record it came from.

    export_check.py json   DB SLUG FILE.json   validate against
                           docs/export.schema.json, then compare every value
    export_check.py csv    DB SLUG DIR         read every file with Python's
                           csv module and compare every cell; SLUG may be
                           several, a,b,c, for export --all
    export_check.py schema FILE.json           validate only

What the export should hold is worked out here, independently of the C
code, from the record with Python's sqlite3 module: shown contributions
only, names only with consent, totals before (sum of money now) and after
(plus the deltas of agreed decisions, under each model's own area).  Prints
one line per difference; exit status 0 when there is none.
"""

import csv
import json
import os
import re
import sqlite3
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "..", "..", "docs", "export.schema.json")


def expected(db, slug):
    """The export's content (without exported_at) as the record says."""
    con = sqlite3.connect(db)
    q = lambda sql, *a: con.execute(sql, a).fetchall()
    ws = q("SELECT id, slug, title, date, place, language, status, "
           "input_open, gopher_input, retention_days, moderate, http_input "
           "FROM workshop "
           "WHERE slug = ?", slug)
    if not ws:
        raise SystemExit("no workshop %s in %s" % (slug, db))
    w = ws[0]
    wid = w[0]
    doc = {"format": "blanksheet-export", "version": 2}
    doc["workshop"] = dict(zip(
        ["slug", "title", "date", "place", "language", "status",
         "input_open", "gopher_input", "retention_days", "moderate",
         "http_input"], w[1:]))
    for i, k in ((7, "input_open"), (8, "gopher_input"), (10, "moderate"),
                 (11, "http_input")):
        doc["workshop"][k] = bool(w[i])
    doc["areas"] = [dict(zip(["key", "position", "name", "summary"], r))
                    for r in q("SELECT key, position, name, summary FROM "
                               "area ORDER BY position")]
    doc["stages"] = [dict(zip(["key", "position", "name", "question"], r))
                     for r in q("SELECT key, position, name, question FROM "
                                "stage ORDER BY position")]
    doc["resources"] = [dict(zip(["key", "position", "name", "unit", "per"],
                                 r))
                        for r in q("SELECT key, position, name, unit, per "
                                   "FROM resource ORDER BY position")]
    doc["models"] = [
        {"key": r[0], "area": r[1], "national": bool(r[2]), "name": r[3],
         "summary": r[4], "evidence": r[5]}
        for r in q("SELECT m.key, a.key, m.workshop_id IS NULL, m.name, "
                   "m.summary, m.evidence FROM model m JOIN area a ON "
                   "a.id = m.area_id WHERE m.workshop_id IS NULL OR "
                   "m.workshop_id = ? ORDER BY a.position, m.workshop_id "
                   "IS NOT NULL, m.key", wid)]
    doc["participants"] = [
        {"role": r[0], "language": r[1],
         "name": r[2] if r[3] is not None else None}
        for r in q("SELECT role, language, name, consent FROM participant "
                   "WHERE workshop_id = ? ORDER BY id", wid)]
    shown = q("SELECT c.id, a.key, s.key, c.kind, c.source, c.text, "
              "c.door FROM "
              "contribution c JOIN area a ON a.id = c.area_id LEFT JOIN "
              "stage s ON s.id = c.stage_id WHERE c.workshop_id = ? AND "
              "c.state = 'shown' ORDER BY c.id", wid)
    ref = {}
    doc["contributions"] = []
    for n, r in enumerate(shown, 1):
        ref[r[0]] = "c%d" % n
        doc["contributions"].append(
            {"ref": "c%d" % n, "area": r[1], "stage": r[2], "kind": r[3],
             "source": r[4], "text": r[5], "door": r[6]})
    doc["money"] = [
        dict(zip(["area", "model", "resource", "now", "expected",
                  "expected_year"], r))
        for r in q("SELECT a.key, m.key, r.key, y.now, y.expected, "
                   "y.expected_year FROM money y JOIN area a ON a.id = "
                   "y.area_id JOIN model m ON m.id = y.model_id JOIN "
                   "resource r ON r.id = y.resource_id WHERE "
                   "y.workshop_id = ? ORDER BY a.position, r.position, "
                   "m.key", wid)]
    doc["decisions"] = []
    for n, d in enumerate(q("SELECT d.id, a.key, d.statement, d.state, "
                            "d.method, d.votes_for, d.votes_against, "
                            "d.votes_abstain, d.dissent, d.review_date, "
                            "d.next_steps, d.status FROM decision d JOIN "
                            "area a ON "
                            "a.id = d.area_id WHERE d.workshop_id = ? "
                            "ORDER BY d.id", wid), 1):
        votes = None
        if d[5] is not None or d[6] is not None or d[7] is not None:
            votes = {"for": d[5] or 0, "against": d[6] or 0,
                     "abstain": d[7] or 0}
        doc["decisions"].append({
            "ref": "d%d" % n, "area": d[1], "statement": d[2],
            "state": d[3], "method": d[4], "votes": votes,
            "dissent": d[8], "review_date": d[9], "next_steps": d[10],
            "changes": [{"model": r[0], "area": r[3], "resource": r[1],
                         "delta": r[2]}
                        for r in q("SELECT m.key, r.key, x.delta, a.key FROM "
                                   "decision_change x JOIN model m ON "
                                   "m.id = x.model_id JOIN area a ON a.id = "
                                   "m.area_id JOIN resource r ON "
                                   "r.id = x.resource_id WHERE "
                                   "x.decision_id = ? ORDER BY x.id", d[0])],
            "basis": [ref[r[0]] for r in q(
                "SELECT contribution_id FROM decision_basis WHERE "
                "decision_id = ? ORDER BY contribution_id", d[0])
                if r[0] in ref],
            "indicators": [
                {"text": r[0], "who": r[1], "now": r[2], "ask_date": r[3]}
                for r in q("SELECT text, who, now, ask_date FROM indicator "
                           "WHERE decision_id = ? ORDER BY id", d[0])],
            "status": d[11],
            "progress": [{"date": r[0], "text": r[1]} for r in q(
                "SELECT date, text FROM decision_progress WHERE "
                "decision_id = ? ORDER BY date, id", d[0])],
        })
    # Totals, worked out here the long way.
    apos = {r[0]: (r[1], r[2]) for r in q("SELECT id, position, key FROM "
                                          "area")}
    rpos = {r[0]: (r[1], r[2], r[3]) for r in q("SELECT id, position, key, "
                                                "unit FROM resource")}
    tot = {}
    # Each under its model's own area, whatever the decision's area.
    for area, res, now in q("SELECT m.area_id, y.resource_id, y.now FROM "
                            "money y JOIN model m ON m.id = y.model_id "
                            "WHERE y.workshop_id = ?", wid):
        t = tot.setdefault((area, res), [0, 0])
        t[0] += now
    for area, res, delta in q("SELECT m.area_id, x.resource_id, x.delta "
                              "FROM decision_change x JOIN decision d ON "
                              "d.id = x.decision_id JOIN model m ON m.id = "
                              "x.model_id WHERE d.workshop_id = ? "
                              "AND d.state = 'agreed'", wid):
        t = tot.setdefault((area, res), [0, 0])
        t[1] += delta
    doc["totals"] = []
    for (area, res) in sorted(tot, key=lambda k: (apos[k[0]][0],
                                                  rpos[k[1]][0])):
        before, delta = tot[(area, res)]
        doc["totals"].append({
            "area": apos[area][1], "resource": rpos[res][1],
            "unit": rpos[res][2], "before": before, "after": before + delta,
            "change": delta})
    # Who took part, in numbers only, worked out the long way.
    part = []
    for role, n in q("SELECT role, count(*) FROM participant WHERE "
                     "workshop_id = ? GROUP BY role ORDER BY role", wid):
        part.append({"measure": "role", "area": None, "key": role,
                     "count": n})
    for area, kind, n in q("SELECT a.key, c.kind, count(*) FROM "
                           "contribution c JOIN area a ON a.id = c.area_id "
                           "WHERE c.workshop_id = ? AND c.state = 'shown' "
                           "GROUP BY a.id, c.kind ORDER BY a.position, "
                           "c.kind", wid):
        part.append({"measure": "said", "area": area, "key": kind,
                     "count": n})
    for state in ("hidden", "redacted"):
        n = q("SELECT count(*) FROM contribution WHERE workshop_id = ? "
              "AND state = ?", wid, state)[0][0]
        if n:
            part.append({"measure": state, "area": None, "key": None,
                         "count": n})
    doors = q("SELECT door, count(*) FROM contribution WHERE workshop_id "
              "= ? AND source = 'participant' AND state = 'shown' "
              "GROUP BY door", wid)
    for door, n in sorted(doors, key=lambda r: r[0] or ""):
        part.append({"measure": "door", "area": None, "key": door,
                     "count": n})
    doc["participation"] = part
    con.close()
    return doc


def compare(got, want, path, out):
    if isinstance(want, dict) and isinstance(got, dict):
        for k in sorted(set(want) | set(got)):
            if k not in got:
                out.append("%s.%s: missing" % (path, k))
            elif k not in want:
                out.append("%s.%s: not expected" % (path, k))
            else:
                compare(got[k], want[k], "%s.%s" % (path, k), out)
    elif isinstance(want, list) and isinstance(got, list):
        if len(got) != len(want):
            out.append("%s: %d items, want %d" % (path, len(got), len(want)))
        for i, (g, w) in enumerate(zip(got, want)):
            compare(g, w, "%s[%d]" % (path, i), out)
    elif type(got) is not type(want) or got != want:
        out.append("%s: got %r, want %r" % (path, got, want))


def validate(doc):
    import jsonschema
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return ["schema: %s at %s" % (e.message, "/".join(map(str, e.path)))
            for e in cls(schema).iter_errors(doc)]


def check_json(db, slug, path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    out = validate(doc)
    if not re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$",
                    doc.get("exported_at", "")):
        out.append("exported_at: %r" % doc.get("exported_at"))
    doc.pop("exported_at", None)
    compare(doc, expected(db, slug), "$", out)
    return out


# The CSV files: (name, section of the expected document, columns, text?)
def csv_rows(doc):
    w = doc["workshop"]
    b = lambda v: None if v is None else int(v)
    rows = {
        "workshop.csv": [[w["slug"], w["title"], w["date"], w["place"],
                          w["language"], w["status"], b(w["input_open"]),
                          b(w["gopher_input"]), w["retention_days"],
                          b(w["moderate"]), b(w["http_input"])]],
        "models.csv": [[m["key"], m["area"], b(m["national"]), m["name"],
                        m["summary"], m["evidence"]] for m in doc["models"]],
        "participants.csv": [[p["role"], p["language"], p["name"]]
                             for p in doc["participants"]],
        "contributions.csv": [[c["ref"], c["area"], c["stage"], c["kind"],
                               c["source"], c["text"], c["door"]]
                              for c in doc["contributions"]],
        "money.csv": [],
        "decisions.csv": [],
        "changes.csv": [],
        "basis.csv": [],
        "indicators.csv": [],
        "totals.csv": [[t["area"], t["resource"], t["unit"], t["before"],
                        t["after"], t["change"]] for t in doc["totals"]],
        "progress.csv": [],
        "participation.csv": [[p["measure"], p["area"], p["key"],
                               p["count"]] for p in doc["participation"]],
    }
    units = {r["key"]: r["unit"] for r in doc["resources"]}
    for m in doc["money"]:
        rows["money.csv"].append([m["area"], m["model"], m["resource"],
                                  units[m["resource"]], m["now"],
                                  m["expected"], m["expected_year"]])
    for d in doc["decisions"]:
        v = d["votes"] or {}
        rows["decisions.csv"].append([
            d["ref"], d["area"], d["statement"], d["state"], d["method"],
            v.get("for"), v.get("against"), v.get("abstain"), d["dissent"],
            d["review_date"], d["next_steps"], d["status"]])
        for x in d["changes"]:
            rows["changes.csv"].append([d["ref"], d["area"], x["model"],
                                        x["area"], x["resource"],
                                        units[x["resource"]], x["delta"]])
        for c in d["basis"]:
            rows["basis.csv"].append([d["ref"], c])
        for t in d["indicators"]:
            rows["indicators.csv"].append([d["ref"], t["text"], t["who"],
                                           t["now"], t["ask_date"]])
        for p in d["progress"]:
            rows["progress.csv"].append([d["ref"], p["date"], p["text"]])
    # Every row of every file begins with the workshop's slug.
    return {name: [[w["slug"]] + r for r in body]
            for name, body in rows.items()}


HEADERS = {name: "workshop " + cols for name, cols in {
    "workshop.csv": "slug title date place language status input_open "
                    "gopher_input retention_days moderate http_input",
    "models.csv": "key area national name summary evidence",
    "participants.csv": "role language name",
    "contributions.csv": "ref area stage kind source text door",
    "money.csv": "area model resource unit now expected expected_year",
    "decisions.csv": "ref area statement state method votes_for "
                     "votes_against votes_abstain dissent review_date "
                     "next_steps status",
    "changes.csv": "decision area model model_area resource unit delta",
    "basis.csv": "decision contribution",
    "indicators.csv": "decision text who now ask_date",
    "progress.csv": "decision date text",
    "totals.csv": "area resource unit before after change",
    "participation.csv": "measure area key count",
}.items()}
NUMBERS = {"input_open", "gopher_input", "retention_days", "moderate",
           "http_input", "national", "now",
           "expected", "expected_year", "votes_for", "votes_against",
           "votes_abstain", "delta", "before", "after", "change", "count"}
GUARD = ("=", "+", "-", "@", "\t", "\r", "'")


def unguard(cell):
    """The reader's rule (docs/export.md): a text cell that begins with a
    single quote has exactly that one character taken off."""
    return cell[1:] if cell.startswith("'") else cell


def check_csv(db, slug, d):
    out = []
    # Several workshops (export --all): their rows stacked, by slug.
    want = {}
    for one in slug.split(","):
        for name, body in csv_rows(expected(db, one)).items():
            want.setdefault(name, []).extend(body)
    names = sorted(os.listdir(d))
    if names != sorted(list(HEADERS) + ["README.md"]):
        out.append("files: %s" % names)
    with open(os.path.join(d, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    for name, header in HEADERS.items():
        cols = header.split()
        path = os.path.join(d, name)
        raw = open(path, "rb").read()
        if not raw.endswith(b"\r\n"):
            out.append("%s: does not end with CRLF" % name)
        if raw.startswith(b"\xef\xbb\xbf"):
            out.append("%s: has a byte order mark" % name)
        raw.decode("utf-8")
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.reader(f))
        if not rows or rows[0] != cols:
            out.append("%s: header %r" % (name, rows[:1]))
            continue
        body = rows[1:]
        expect = want[name]
        if len(body) != len(expect):
            out.append("%s: %d rows, want %d" % (name, len(body),
                                                  len(expect)))
        m = re.search(r"### %s\n\n[^\n]*\. (\d+) rows?\." % re.escape(name),
                      readme)
        if not m or int(m.group(1)) != len(expect):
            out.append("README.md: row count of %s" % name)
        for c in cols:
            if "`%s` (%s)" % (c, "number" if c in NUMBERS else "text") \
                    not in readme:
                out.append("README.md: no line for %s column %s" % (name, c))
        for i, (g, w) in enumerate(zip(body, expect), 2):
            if len(g) != len(cols):
                out.append("%s:%d: %d cells" % (name, i, len(g)))
                continue
            for c, cell, val in zip(cols, g, w):
                where = "%s:%d:%s" % (name, i, c)
                if c in NUMBERS:
                    want_cell = "" if val is None else str(val)
                    if cell != want_cell:
                        out.append("%s: got %r, want %r" % (where, cell,
                                                             want_cell))
                    continue
                if val is None:
                    if cell != "":
                        out.append("%s: got %r, want empty" % (where, cell))
                    continue
                if val.startswith(GUARD) != cell.startswith("'") or \
                        (val.startswith(GUARD) and cell != "'" + val):
                    out.append("%s: not guarded as the rule says: %r" %
                               (where, cell))
                if unguard(cell) != val:
                    out.append("%s: got %r, want %r" % (where, unguard(cell),
                                                         val))
    return out


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "schema":
        with open(sys.argv[2], encoding="utf-8") as f:
            out = validate(json.load(f))
    elif len(sys.argv) == 5 and sys.argv[1] in ("json", "csv"):
        fn = check_json if sys.argv[1] == "json" else check_csv
        out = fn(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    for line in out:
        print(line)
    return 1 if out else 0


if __name__ == "__main__":
    sys.exit(main())
