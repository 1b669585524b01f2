#!/bin/sh
# Import: export, import into an empty record, export again: the same
# bytes.  Local models travel with the workshop; national ones are matched
# by key.  An existing slug is refused unless renamed.
. "$(dirname "$0")/tap.sh"
tmpdir
. "$(dirname "$0")/export_lib.sh"
plan 31

A=$TMP/a.db
B=$TMP/b.db
DB=$A demo
DB=$A bs export demo --format json -o "$TMP/demo1.json" > /dev/null
DB=$B bs init > /dev/null
out=$(DB=$B bs import "$TMP/demo1.json" 2>&1)
is "$out" "Imported workshop demo with 22 contributions and 3 decisions." \
    "import says what it recreated, in one sentence"
DB=$B bs export demo --format json -o "$TMP/demo2.json" > /dev/null
ok "cmp '$TMP/demo1.json' '$TMP/demo2.json'" "export, import, export: the same JSON"
like "$(DB=$B bs report demo)" "It was imported from an export: what was hidden or removed before is not counted here\." \
    "an imported workshop's report does not claim nothing was hidden"
unlike "$(DB=$A bs report demo)" "imported" "  and a workshop made here says nothing of import"
out=$(env -u SOURCE_DATE_EPOCH "$BLANKSHEET" -d "$B" export demo --format json |
    diff "$TMP/demo1.json" - | grep '^[<>]' | sed 's/[0-9]/N/g')
is "$out" '< 	"exported_at": "NNNN-NN-NNTNN:NN:NNZ",
> 	"exported_at": "NNNN-NN-NNTNN:NN:NNZ",' "apart from the export time, at any time"
for f in gmi md; do
	DB=$A bs export demo --format $f > "$TMP/a.$f"
	DB=$B bs export demo --format $f > "$TMP/b.$f"
done
# The same reports, but for what they say of words hidden before import.
same_but_import() {
	sed -e 's/; nothing was hidden or removed\./HIDDEN/' \
	    -e 's/\. It was imported from an export: what was hidden or removed before is not counted here\./HIDDEN/' \
	    -e 's/^Nothing that was said was hidden or removed\./HIDDEN/' \
	    -e 's/^This workshop was imported from an export: what was hidden or removed before is not counted here\./HIDDEN/' "$1"
}
for f in gmi md; do
	same_but_import "$TMP/a.$f" > "$TMP/a2.$f"
	same_but_import "$TMP/b.$f" > "$TMP/b2.$f"
done
ok "cmp '$TMP/a2.gmi' '$TMP/b2.gmi' && cmp '$TMP/a2.md' '$TMP/b2.md' && ! cmp -s '$TMP/a.gmi' '$TMP/b.gmi'" \
    "and the same reports, but that the import does not know what was hidden before"
DB=$A bs export demo --format csv -o "$TMP/a.csv" > /dev/null
DB=$B bs export demo --format csv -o "$TMP/b.csv" > /dev/null
ok "diff -r '$TMP/a.csv' '$TMP/b.csv'" "and the same CSV files"
DB=$B
is "$(sql "SELECT count(*) FROM model WHERE workshop_id = (SELECT id FROM workshop WHERE slug = 'demo')")" 4 \
    "the four local models travel with the workshop"
is "$(sql "SELECT group_concat(DISTINCT m.key) FROM money y JOIN model m ON m.id = y.model_id WHERE m.workshop_id IS NULL")" \
    "shared-lives-home,homeshare,shared-lives,shared-lives-day,shared-lives-hospital" \
    "national models are matched by key, not copied"
is "$(sql "SELECT count(*) FROM model WHERE workshop_id IS NULL")" 6 "and there are still six of them"
audit=$(sql "SELECT count(*) FROM audit")
out=$(bs import "$TMP/demo1.json" 2>&1)
like "$out" "^Cannot import .*demo1\.json: there is already a workshop called 'demo' in this record; import it under another name with --rename NEWNAME\. Nothing was imported\.$" \
    "an existing slug is refused, saying how to go on"
is "$(sql "SELECT count(*) FROM audit")" "$audit" "and nothing was written"
out=$(bs import "$TMP/demo1.json" --rename demo-copy 2>&1)
is "$out" "Imported workshop demo-copy with 22 contributions and 3 decisions." "--rename imports it under another slug"
out=$(bs export demo-copy --format json | diff "$TMP/demo1.json" - | grep '^>')
is "$out" '> 		"slug": "demo-copy",' "which is all that differs"
out=$(bs import "$TMP/demo1.json" --rename Not_A_Slug 2>&1)
like "$out" "^'Not_A_Slug' cannot be a workshop's short name\." "a bad new slug is refused"

# The awkward workshop: names with consent, a participant's words, local
# models with awkward text, a rejected decision, no date.
A=$TMP/c.db
B=$TMP/d.db
DB=$A awkward
DB=$A bs export awkward --format json -o "$TMP/awk1.json" > /dev/null
DB=$B bs init > /dev/null
DB=$B bs import "$TMP/awk1.json" > /dev/null
DB=$B bs export awkward --format json -o "$TMP/awk2.json" > /dev/null
# The hidden and redacted words never leave, so their counts cannot come
# back: that is the one difference.
out=$("$PY" -c '
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
gone = [p for p in a["participation"] if p["measure"] in ("hidden", "redacted")]
a["participation"] = [p for p in a["participation"] if p not in gone]
print(a == b, [(p["measure"], p["count"]) for p in gone])
' "$TMP/awk1.json" "$TMP/awk2.json")
is "$out" "True [('hidden', 1), ('redacted', 1)]" \
    "the awkward workshop makes the round trip too, but for the counts of words that never left"
DB=$B
is "$(sql "SELECT count(*) FROM participant WHERE name = 'Alys ap Rhys' AND consent IS NOT NULL")" 1 \
    "a name kept with consent comes back, with its consent"
is "$(sql "ATTACH '$A' AS a; SELECT count(*) FROM participant p JOIN a.participant q ON p.code = q.code")" \
    "0" "participants get new receipt codes of their own"

# An export made before December 2026 (version 1): changes without their
# area, the same model and resource twice in one decision, and money for
# a model under another area than its own.  Import adds them up, as the
# old totals did, under each model's own area; a version 2 document must
# say each model's own area (t2105).
DB=$TMP/old.db
bs < "$TOP/tests/data/demo.bs" > /dev/null
python3 - "$TOP/tests/data/export-v1-demo.json" "$TMP/old.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for dec in d["decisions"]:
    for x in dec["changes"]:
        del x["area"]
d["decisions"][0]["changes"].append({"model": "hospital-beds", "resource": "state", "delta": -5})
d["decisions"][1]["changes"].append({"model": "day-centre", "resource": "state", "delta": 100000})
d["money"].append({"area": "home", "model": "shared-lives", "resource": "state", "now": 100000, "expected": None, "expected_year": None})
json.dump(d, open(sys.argv[2], "w"))
PY
out=$(bs import "$TMP/old.json" --rename old 2>&1)
is "$out" "Imported workshop old with 22 contributions and 3 decisions." "an older export with repeated lines imports"
is "$(bs -w old shift accommodation | cut -d. -f1)$(sql "SELECT group_concat(delta) FROM decision_change x JOIN decision d ON d.id = x.decision_id JOIN workshop w ON w.id = d.workshop_id JOIN model m ON m.id = x.model_id WHERE w.slug = 'old' AND m.key = 'hospital-beds'")" \
    "Support with accommodation, State money: £1,000,000 before, £1,000,000 after the agreed decisions-250005" \
    "repeated lines are added up, under each model's own area"
is "$(sql "SELECT group_concat(m.key) FROM decision_change x JOIN decision d ON d.id = x.decision_id JOIN workshop w ON w.id = d.workshop_id JOIN model m ON m.id = x.model_id WHERE w.slug = 'old' AND d.statement = (SELECT statement FROM decision WHERE workshop_id = d.workshop_id ORDER BY id LIMIT 1 OFFSET 1)")" \
    "shared-lives-day" "lines that add up to nothing leave no change behind"
out=$(printf 'import %s --rename older\nundo\n' "$TMP/old.json" | bs 2>&1)
is "$(echo "$out" | tail -n 1)$(sql "SELECT count(*) FROM workshop WHERE slug = 'older'")" \
    "Line 2: Your last change, import, cannot be undone, nor anything before it. To take an imported workshop away whole, use: purge SLUG.1" \
    "undo does not take an import back row by row, and says what will"
like "$(bs log 1)" "^Entry [0-9]+, .*, import: brought in a workshop whole, which undo does not take back\.$" \
    "the log says what the import did"
"$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["workshop"]["place"] = ""
json.dump(d, open(sys.argv[2], "w"))
' "$TMP/old.json" "$TMP/noplace.json"
bs import "$TMP/noplace.json" --rename noplace > /dev/null
is "$(sql "SELECT place IS NULL FROM workshop WHERE slug = 'noplace'")$(bs export noplace --format md | grep -c ' at \.')" \
    "10" "an empty place is no place, as workshop set keeps it: no 'at .' in the report"

# Exports made by Blank Sheet before issue 16 (format version 1, kept in
# tests/data/): they import, and say the same as the record they came from.
DB=$TMP/v1.db
bs init > /dev/null
out=$(bs import "$TOP/tests/data/export-v1-demo.json" 2>&1)
is "$out" "Imported workshop demo with 22 contributions and 3 decisions." \
    "an export made before this version imports"
bs import "$TOP/tests/data/export-v1-awkward.json" > /dev/null
bs export awkward --format json -o "$TMP/v1-awk.json" > /dev/null
out=$("$PY" -c '
import json, sys
old, new = (json.load(open(f)) for f in sys.argv[1:3])
for d in new["decisions"]:
    assert d["status"] is None and d["progress"] == []
    d["indicators"] = [i["text"] for i in d["indicators"]]
    del d["status"], d["progress"]
for c in new["contributions"]:
    del c["door"]
for k in ("moderate", "http_input"):
    assert new["workshop"].pop(k) == 0
for k in ("format", "version", "exported_at", "participation"):
    old.pop(k, None), new.pop(k)
print(old == new)
' "$TOP/tests/data/export-v1-awkward.json" "$TMP/v1-awk.json")
is "$out" "True" "and the awkward one holds, value for value, what the old export held"


# How participants could add words travels too: moderation and the plain
# web door, as the facilitator set them.
DB=$TMP/m.db
demo
bs -w demo input moderate on > /dev/null
bs -w demo input http on > /dev/null
bs export demo --format json -o "$TMP/m.json" > /dev/null
DB=$TMP/n.db
bs init > /dev/null
bs import "$TMP/m.json" > /dev/null
is "$(sql "SELECT moderate || http_input || gopher_input FROM workshop WHERE slug = 'demo'")" \
    "110" "moderation and plain-web input come back as they were set"

# What the record holds, import takes back: a Welsh title of 150
# characters (300 bytes: the limit is 200 characters), votes where one
# count is not known, and lines of an older export that add up keep the
# year of the expected amount.
DB=$TMP/w.db
demo
title=$(printf 'ŵ%.0s' $(seq 150))
bs -w demo workshop set title "$title" > /dev/null
out=$(bs -w demo workshop set title "$(printf 'ŷ%.0s' $(seq 201))" 2>&1)
is "$out" "The title is too long: 201 letters, and the limit is 200." \
    "a title is measured in letters, whatever the language"
bs export demo --format json -o "$TMP/w.json" > /dev/null
"$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["decisions"][0]["votes"]["abstain"] = None
json.dump(d, open(sys.argv[2], "w"))
' "$TMP/w.json" "$TMP/w2.json"
out=$(bs import "$TMP/w2.json" --rename welsh 2>&1)
is "$out$(sql "SELECT title = '$title' AND votes_abstain IS NULL FROM workshop w JOIN decision d ON d.workshop_id = w.id WHERE slug = 'welsh' ORDER BY d.id LIMIT 1")" \
    "Imported workshop welsh with 22 contributions and 3 decisions.1" \
    "the Welsh title comes back whole, and a vote may leave a count unknown"
"$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
d["money"].append({"area": "home", "model": "home-care", "resource": "state",
    "now": 1, "expected": None, "expected_year": None})
json.dump(d, open(sys.argv[2], "w"))
' "$TOP/tests/data/export-v1-demo.json" "$TMP/year.json"
bs import "$TMP/year.json" --rename year > /dev/null
is "$(sql "SELECT now || ' ' || expected || ' ' || expected_year FROM money y JOIN model m ON m.id = y.model_id JOIN workshop w ON w.id = y.workshop_id WHERE w.slug = 'year' AND m.key = 'home-care' AND y.resource_id = (SELECT id FROM resource WHERE key = 'state')")" \
    "4800001 4600000 2028" "a line without a year adds up, and the year stays"

# The door counts are of the words kept: each is a count of rows in
# contributions, whatever was hidden.
bs -w demo input open > /dev/null
sql "UPDATE contribution SET source = 'participant', door = 'gopher' WHERE id IN (SELECT id FROM contribution ORDER BY id LIMIT 3)"
bs -w demo hide "$(sql "SELECT id FROM contribution ORDER BY id LIMIT 1")" > /dev/null
out=$(bs export demo --format json | "$PY" -c '
import json, sys
d = json.load(sys.stdin)
n = [p["count"] for p in d["participation"] if p["measure"] == "door"]
print(n, len([c for c in d["contributions"] if c["door"] == "gopher"]))')
is "$out" "[2] 2" "hidden words are not counted at their door"
