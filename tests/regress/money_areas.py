#!/usr/bin/env python3
"""Property test: money moved between areas is counted under each model's
own area, by `shift`, the JSON and CSV exports and the Markdown report.

    money_areas.py BLANKSHEET DB SEED ROUNDS

For each round, a workshop with random local models in every area, random
money under each model's own area and random decisions filed under random
areas, whose changes touch models of any area.  Then, per area and
resource: the figures `shift` says, the JSON totals and totals.csv all
equal a direct SQL sum over the raw tables by the model's area; and, per
resource, the sum of every area's after minus before equals the sum of the
agreed changes.  Prints one line per failure; nothing when all hold.
"""
import csv
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile

BS, DB, SEED, ROUNDS = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
AREAS = ["home", "accommodation", "day", "hospital", "community"]
RESOURCES = ["state", "funding", "time", "community"]
failures = []


def run(lines):
    p = subprocess.run([BS, "-d", DB], input="\n".join(lines) + "\n",
                       capture_output=True, text=True)
    if p.returncode != 0:
        failures.append("script failed: " + p.stderr.strip())
    return p.stdout


def amount(s):
    sign = -1 if s.startswith("minus ") else 1
    s = s.replace("minus ", "").replace("£", "").replace(",", "")
    return sign * int(s.replace(" hours", ""))


def direct(db, slug):
    """Per (area key, resource key): (before, after) from the raw tables."""
    q = """
    WITH ws AS (SELECT id FROM workshop WHERE slug = ?),
    b AS (SELECT a.key AS area, r.key AS res, sum(y.now) AS v FROM money y
        JOIN model m ON m.id = y.model_id JOIN area a ON a.id = m.area_id
        JOIN resource r ON r.id = y.resource_id
        WHERE y.workshop_id = (SELECT id FROM ws) GROUP BY 1, 2),
    c AS (SELECT a.key AS area, r.key AS res, sum(x.delta) AS v
        FROM decision_change x JOIN decision d ON d.id = x.decision_id
        JOIN model m ON m.id = x.model_id JOIN area a ON a.id = m.area_id
        JOIN resource r ON r.id = x.resource_id
        WHERE d.workshop_id = (SELECT id FROM ws) AND d.state = 'agreed'
        GROUP BY 1, 2)
    SELECT area, res, sum(b), sum(c) FROM (
        SELECT area, res, v AS b, 0 AS c FROM b
        UNION ALL SELECT area, res, 0, v FROM c) GROUP BY 1, 2"""
    out = {}
    for area, res, before, change in db.execute(q, (slug,)):
        out[(area, res)] = (before, before + change)
    agreed = dict(db.execute("""SELECT r.key, sum(x.delta) FROM
        decision_change x JOIN decision d ON d.id = x.decision_id
        JOIN resource r ON r.id = x.resource_id JOIN workshop w
        ON w.id = d.workshop_id WHERE w.slug = ? AND d.state = 'agreed'
        GROUP BY 1""", (slug,)))
    return out, agreed


def round_(rng, n):
    slug = "prop-%d" % n
    lines = ["workshop add %s Property %d" % (slug, n)]
    models = []
    for area in AREAS:
        for k in range(rng.randint(1, 3)):
            key = "%s-m%d" % (area, k)
            lines.append("model add %s %s Model %s %d" % (area, key, area, k))
            models.append((area, key))
    models += [("accommodation", "shared-lives"), ("home", "homeshare")]
    now = {}
    for area, key in models:
        for res in RESOURCES:
            if rng.random() < 0.4:
                now[(key, res)] = rng.randint(0, 2000) * 1000
                lines.append("money %s %s %s %d" % (area, key, res,
                             now[(key, res)]))
    ndec = 0
    for _ in range(rng.randint(3, 12)):
        ndec += 1
        lines.append("decision add %s Decision %d" %
                     (rng.choice(AREAS), ndec))
        for _ in range(rng.randint(1, 4)):
            _, key = rng.choice(models)
            res = rng.choice(RESOURCES)
            delta = rng.randint(1, 500) * 1000 * rng.choice([-1, 1])
            # A cut past the money recorded now is refused as a slip.
            if (key, res) in now and -delta > now[(key, res)]:
                delta = -now[(key, res)] if now[(key, res)] > 0 else -delta
            lines.append("decision change %d %s %s %+d" %
                         (ndec, key, res, delta))
        state = rng.choice(["agree", "agree", "reject", None])
        if state:
            lines.append("decision %s %d" % (state, ndec))
    # Decision numbers are the record's: find the first one this round.
    first = sqlite3.connect(DB).execute(
        "SELECT ifnull(max(seq), 0) FROM sqlite_sequence WHERE name = "
        "'decision'").fetchone()[0]
    fixed = []
    for line in lines:
        m = re.match(r"decision (change|agree|reject) (\d+)(.*)", line)
        if m:
            line = "decision %s %d%s" % (m.group(1), first + int(m.group(2)),
                                         m.group(3))
        fixed.append(line)
    run(fixed)

    db = sqlite3.connect(DB)
    want, agreed = direct(db, slug)
    names = {name: key for key, name in db.execute("SELECT key, name FROM area")}
    rnames = {name: key for key, name in db.execute("SELECT key, name FROM resource")}

    got = {}
    out = subprocess.run([BS, "-d", DB, "-w", slug, "shift"],
                         capture_output=True, text=True).stdout
    for line in out.splitlines():
        m = re.match(r"(.+), (.+?): (.+?) before, (.+?) after the agreed", line)
        if m:
            got[(names[m.group(1)], rnames[m.group(2)])] = (
                amount(m.group(3)), amount(m.group(4)))
    check("shift", slug, want, got)

    doc = json.loads(subprocess.run([BS, "-d", DB, "export", slug, "--format",
                                     "json"], capture_output=True,
                                    text=True).stdout)
    check("JSON totals", slug, want, {(t["area"], t["resource"]):
                                      (t["before"], t["after"])
                                      for t in doc["totals"]})

    with tempfile.TemporaryDirectory() as d:
        subprocess.run([BS, "-d", DB, "export", slug, "--format", "csv",
                        "-o", d], capture_output=True, check=True)
        with open(os.path.join(d, "totals.csv"), newline="") as f:
            rows = list(csv.DictReader(f))
        check("totals.csv", slug, want, {(r["area"], r["resource"]):
                                         (int(r["before"]), int(r["after"]))
                                         for r in rows})
        with open(os.path.join(d, "changes.csv"), newline="") as f:
            for r in csv.DictReader(f):
                if r["model_area"] != db.execute(
                        "SELECT a.key FROM model m JOIN area a ON a.id = "
                        "m.area_id WHERE m.key = ?", (r["model"],)).fetchone()[0]:
                    failures.append("%s: changes.csv model_area wrong: %r" %
                                    (slug, r))

    for res in RESOURCES:
        moved = sum(a - b for (area, r), (b, a) in got.items() if r == res)
        if moved != (agreed.get(res) or 0):
            failures.append("%s: %s: areas' after minus before is %d, the "
                            "agreed changes sum to %s" % (slug, res, moved,
                                                          agreed.get(res)))


def check(what, slug, want, got):
    # An area with money or changes has a line; zero lines may be absent.
    for k in set(want) | set(got):
        w = want.get(k, (0, 0))
        g = got.get(k, (0, 0))
        if w != g:
            failures.append("%s: %s for %s, %s: got %s, SQL says %s" %
                            (slug, what, k[0], k[1], g, w))


rng = random.Random(SEED)
subprocess.run([BS, "-d", DB, "init"], capture_output=True, check=True)
for n in range(ROUNDS):
    round_(rng, n)
for f in failures:
    print(f)
