#!/bin/sh
# Export as JSON: the demo workshop and a workshop full of awkward text,
# validated against docs/export.schema.json by python3-jsonschema and
# compared value by value with the record (tests/regress/export_check.py).
. "$(dirname "$0")/tap.sh"
tmpdir
. "$(dirname "$0")/export_lib.sh"
plan 14

demo
ok "[ \$? -eq 0 ]" "the demo workshop is recorded"
bs export demo --format json > "$TMP/demo.json" 2> "$TMP/err"
ok "[ \$? -eq 0 ]" "export --format json writes to standard output"
is "$(cat "$TMP/err")" "" "and says nothing on standard error"
out=$(CHECK json "$DB" demo "$TMP/demo.json" 2>&1)
is "$out" "" "the demo export is valid by the schema and equals the record, value by value"
out=$(bs export demo --format json -o "$TMP/demo-o.json")
is "$out" "Wrote the JSON export to $TMP/demo-o.json." "with -o it says where it wrote, in one sentence"
ok "cmp '$TMP/demo.json' '$TMP/demo-o.json'" "and the file holds the same bytes as standard output"
like "$(grep '"exported_at"' "$TMP/demo.json")" '"exported_at": "2026-11-30T00:53:20Z",' \
    "exported_at follows SOURCE_DATE_EPOCH"
now=$(env -u SOURCE_DATE_EPOCH "$BLANKSHEET" -d "$DB" export demo --format json |
    sed -n 's/.*"exported_at": "\(.*\)",/\1/p')
like "$now" "^$(date -u +%Y-%m-)[0-9]{2}T[0-9:]{8}Z$" "and is the time now, in UTC, without it"
out=$("$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
t = {(x["area"], x["resource"]): (x["before"], x["after"]) for x in d["totals"]}
print(t[("hospital", "state")], t[("day", "state")], t[("home", "state")], d["version"])
' "$TMP/demo.json")
is "$out" "(1200000, 1200000) (1220000, 1220000) (4950000, 4950000) 2" \
    "totals before and after: the agreed moves balance within each area"

rm -f "$DB"
awkward
ok "[ \$? -eq 0 ]" "the awkward workshop is recorded"
bs export awkward --format json > "$TMP/awkward.json"
out=$(CHECK json "$DB" awkward "$TMP/awkward.json" 2>&1)
is "$out" "" "the awkward export is valid by the schema and equals the record, value by value"
out=$("$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
c = [x["text"] for x in d["contributions"]]
print(c[1], "|", c[6], "|", d["decisions"][0]["dissent"], "|", d["workshop"]["title"])
' "$TMP/awkward.json")
is "$out" '=SUM(A1:A9) | Ŵyn a ŷd; Llŷr'"'"'s garden; dŵr, tŷ, tŵr | @carers: "we were not asked", said one | Café "Pen-y-bryn", a workshop: commas, quotes & ŵ ŷ' \
    "quotes, commas, formulas and Welsh letters come back exactly as typed"
out=$(sed -e 's/"version": 2,/"version": 3,/' "$TMP/awkward.json" > "$TMP/v3.json";
    CHECK schema "$TMP/v3.json")
like "$out" "^schema: 2 was expected" "the schema refuses another version"
out=$("$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["participants"][0]["name"], [p["name"] for p in d["participants"][1:]],
      [c["source"] for c in d["contributions"] if c["text"].startswith("Typed")])
' "$TMP/awkward.json")
is "$out" "Alys ap Rhys [None, None, None] ['participant']" \
    "a name only with consent; a participant's words are marked as theirs"
