#!/bin/sh
# Hidden, redacted and erased words, erased names and receipt codes leave
# through no export; a name kept with consent leaves only in the data
# (JSON and CSV), never in the readable reports.
. "$(dirname "$0")/tap.sh"
tmpdir
. "$(dirname "$0")/export_lib.sh"
plan 12

awkward
bs export awkward --format json -o "$TMP/out.json" > /dev/null &&
bs export awkward --format csv -o "$TMP/csv" > /dev/null &&
bs export awkward --format gmi -o "$TMP/out.gmi" > /dev/null &&
bs export awkward --format md -o "$TMP/out.md" > /dev/null
ok "[ \$? -eq 0 ]" "every format is exported"
all="$TMP/out.json $TMP/csv $TMP/out.gmi $TMP/out.md"

is "$(sql "SELECT state FROM contribution WHERE text LIKE 'HIDDENSECRET%'")" hidden \
    "the record holds a hidden contribution"
is "$(grep -rl HIDDENSECRET $all)" "" "its words are in no export"
is "$(sql "SELECT count(*) FROM contribution WHERE state = 'redacted'")" 1 \
    "the record holds a redacted contribution"
is "$(grep -rl REDACTEDSECRET $all)" "" "its words are in no export"
is "$(grep -rl -e ERASEDSECRET -e ERASEDNAME $all)" "" \
    "an erased participant's words and name are in no export"
found=
while read -r code; do
	if grep -rqi -e "$code" -e "$(echo "$code" | tr -d -)" $all; then
		found="$found $code"
	fi
done < "$TMP/codes"
is "$found" "" "no receipt code is in any export, with or without its dash"
is "$(grep -rl 'Alys ap Rhys' $all | sed "s|$TMP/||" | sort | tr '\n' ' ')" \
    "csv/participants.csv out.json " "a name kept with consent is in the data only, not the reports"
out=$("$PY" -c '
import json, sys
print(json.load(open(sys.argv[1]))["decisions"][0]["basis"])' "$TMP/out.json")
is "$out" "['c1', 'c2', 'c3']" "a decision's links to hidden and redacted words are left out"
is "$(grep -c '^awkward,d1,' "$TMP/csv/basis.csv")" 3 "in the CSV too"

# The greps above mean something: shown again, the words do leave.
id=$(sql "SELECT id FROM contribution WHERE text LIKE 'HIDDENSECRET%'")
bs unhide "$id" > /dev/null
bs export awkward --format json -o "$TMP/shown.json" > /dev/null
ok "grep -q HIDDENSECRET '$TMP/shown.json'" "once shown again, the words are exported"
bs hide "$id" > /dev/null
bs export awkward --format gmi -o "$TMP/hidden.gmi" > /dev/null
ok "cmp '$TMP/out.gmi' '$TMP/hidden.gmi'" "and hidden again, they are gone again"
