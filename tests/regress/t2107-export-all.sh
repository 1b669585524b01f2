#!/bin/sh
# Several workshops: export uses the workshop in use when no slug is
# given; export --all writes every workshop, with the workshop's slug on
# every CSV row so that areas' files stack in a spreadsheet, a JSON array
# that imports whole, and one readable summary of decisions across
# workshops, grouped by area (report --all).
. "$(dirname "$0")/tap.sh"
tmpdir
. "$(dirname "$0")/export_lib.sh"
plan 20

# Two places' workshops in one record: the awkward one comes from its own
# record, as another area's export would.
DB=$TMP/awk.db awkward
DB=$TMP/awk.db bs export awkward --format json -o "$TMP/awk-only.json" > /dev/null
demo
bs import "$TMP/awk-only.json" > /dev/null
out=$(bs export --format json 2>&1)
like "$out" "^There are 2 workshops|^Say which workshop|workshop" \
    "with two workshops and none in use, export asks which"
bs -w awkward export --format json > "$TMP/in-use.json"
bs export awkward --format json > "$TMP/named.json"
ok "cmp '$TMP/in-use.json' '$TMP/named.json'" "without a slug, export writes the workshop in use"
out=$(bs export demo --all --format json 2>&1)
is "$out" "Give a workshop or --all, not both." "a slug and --all together are refused"

# CSV: one folder, every file stacked, every row led by its slug.
out=$(bs export --all --format csv -o "$TMP/all")
is "$out" "Wrote the CSV export of every workshop to $TMP/all." "export --all --format csv says what it wrote"
out=$(CHECK csv "$DB" awkward,demo "$TMP/all" 2>&1)
is "$out" "" "every file holds both workshops' rows, each equal to its record"
is "$(cut -d, -f1 "$TMP/all/decisions.csv" | tr -d '\r' | sort | uniq -c | tr -s ' ' | tr '\n' ';')" \
    " 3 awkward; 3 demo; 1 workshop;" "every row carries its workshop's slug"
like "$(head -1 "$TMP/all/README.md")" "^# Decision records of 2 workshops: data card$" \
    "the data card says it covers both"

# JSON: an array of the same documents, which imports whole.
bs export --all --format json -o "$TMP/all.json" > /dev/null
bs export demo --format json > "$TMP/demo.json"
out=$("$PY" -c '
import json, sys
a = json.load(open(sys.argv[1]))
print(len(a), a[0] == json.load(open(sys.argv[2])), a[1] == json.load(open(sys.argv[3])))
' "$TMP/all.json" "$TMP/named.json" "$TMP/demo.json")
is "$out" "2 True True" "export --all --format json is an array of each workshop's document"
"$PY" -c '
import json, sys
for i, d in enumerate(json.load(open(sys.argv[1]))):
    json.dump(d, open("%s/item%d.json" % (sys.argv[2], i), "w"))
' "$TMP/all.json" "$TMP"
out=$(CHECK schema "$TMP/item0.json"; CHECK schema "$TMP/item1.json")
is "$out" "" "and each is valid by the schema"
B=$TMP/b.db
DB=$B bs init > /dev/null
out=$(DB=$B bs import "$TMP/all.json" 2>&1)
is "$out" "Imported 2 workshops with 36 contributions and 6 decisions." "import reads every workshop of it"
DB=$B bs export demo --format json > "$TMP/demo2.json"
ok "cmp '$TMP/demo.json' '$TMP/demo2.json'" "and each comes back the same"
out=$(DB=$B bs import "$TMP/all.json" 2>&1)
like "$out" "there is already a workshop called 'awkward' in this record\. Purge it first, or import into a new record\. Nothing was imported\.$" \
    "importing several workshops again gives advice that can be followed, not --rename"
out=$(DB=$B bs import "$TMP/all.json" --rename other 2>&1)
like "$out" "it holds 2 workshops, and --rename names one\. Nothing was imported\.$" \
    "--rename with several workshops is refused"

# The summary across workshops: an index, and one document per area.
# A decision filed under home that moves day-centre money is about day
# activities too.
bs -w demo decision add home Day centre money for care at home. > /dev/null
n=$(sql "SELECT max(id) FROM decision")
bs -w demo decision change "$n" day-centre state -10k > /dev/null
bs -w demo decision change "$n" home-care state +10k > /dev/null
bs -w demo decision agree "$n" > /dev/null
bs report --all --format gmi -o "$TMP/allrep" > /dev/null
out=$(PAGECHECK "$TMP/allrep" 2>&1)
like "$out" "^pagecheck: 6 pages checked, 0 problems," "report --all passes the page checker, every document"
is "$(sed -n 's/^=> //p' "$TMP/allrep/index.gmi" | tr '\n' '/')" \
    "area-home.gmi 2 decisions about Support in your own home/area-accommodation.gmi 1 decision about Support with accommodation/area-day.gmi 2 decisions about Day activities and employment-related support/area-hospital.gmi 1 decision about Support with leaving hospital/area-community.gmi 2 decisions about Whole-community work/" \
    "its index lists the workshops, then links to the five areas"
like "$(cat "$TMP/allrep/area-day.gmi")" "^### Decision $n, agreed$" \
    "an area's document holds a decision filed elsewhere that moves its money"
hosp=$(cat "$TMP/allrep/area-hospital.gmi")
like "$hosp" "^## Northtown: changing support together$" \
    "each decision under its area, with the workshop it came from"
like "$(cat "$TMP/allrep/area-accommodation.gmi")" "^Turned down by the facilitator\.$" \
    "worded as on the decisions page: a rejected decision is turned down"
bs export --all --format md > "$TMP/all-export.md"
bs report --all > "$TMP/all-report.md"
ok "cmp '$TMP/all-export.md' '$TMP/all-report.md'" "report --all is export --all --format md"

# --all is an array however many workshops there are, so a script that
# reads it need not know.
DB=$TMP/one.db
demo
is "$(bs export --all --format json | "$PY" -c 'import json, sys; d = json.load(sys.stdin); print(type(d).__name__, len(d), d[0]["workshop"]["slug"])')" \
    "list 1 demo" "export --all of one workshop is an array of one"
