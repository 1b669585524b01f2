#!/bin/sh
# Mistakes: an unknown workshop, a missing or wrong format, an unwritable
# path, an existing folder, a JSON file that is not an export or comes
# from a newer version, a broken export.  Each gets a clear sentence, a
# non-zero exit, and nothing half-written: no file, no folder, no row.
. "$(dirname "$0")/tap.sh"
tmpdir
. "$(dirname "$0")/export_lib.sh"
plan 68

demo
# The record's counts and the files in $TMP, to compare before and after.
state() {
	{ sql "SELECT (SELECT count(*) FROM workshop) || ' ' || (SELECT count(*)
	    FROM contribution) || ' ' || (SELECT count(*) FROM audit) || ' ' ||
	    (SELECT count(*) FROM model)"; ls -a "$TMP" |
	    grep -v -e '^record\.db' -e '^empty\.db'; } | sort
}
# fails DESCRIPTION PATTERN COMMAND...: says PATTERN on standard error,
# exits 1, prints nothing on standard output, and changes nothing.
fails() {
	desc=$1 pat=$2
	shift 2
	out=$("$@" 2>&1 >"$TMP/.stdout")
	rc=$?
	like "$out" "$pat" "$desc"
	is "$rc $(wc -c < "$TMP/.stdout" | tr -d ' ') $(state | md5sum)" \
	    "1 0 $(echo "$before" | md5sum)" "  and exits 1, printing nothing, changing nothing"
	rm -f "$TMP/.stdout"
}
before=$(touch "$TMP/.stdout"; state; rm -f "$TMP/.stdout")

fails "an unknown workshop is named" \
    "^There is no workshop called 'nope'\. Workshops: demo\.$" \
    bs export nope --format json
fails "no format is given" "^Say which format: --format json, csv, gmi, md or html\.$" \
    bs export demo
fails "an unknown format is given" "^'xml' is not a format\." \
    bs export demo --format xml
fails "CSV without a folder" "^CSV is a folder of files: say where with -o FOLDER" \
    bs export demo --format csv
: > "$TMP/afile"
before=$(touch "$TMP/.stdout"; state; rm -f "$TMP/.stdout")
fails "a path under a file cannot be written" \
    "^Cannot write $TMP/afile/x\.json: Not a directory\. Nothing was written\.$" \
    bs export demo --format json -o "$TMP/afile/x.json"
fails "a path in a folder that does not exist" \
    "^Cannot write $TMP/no/such/x\.gmi: the folder it would go in does not exist\. Make it first, or give a path in a folder that exists\. Nothing was written\.$" \
    bs export demo --format gmi -o "$TMP/no/such/x.gmi"
mkdir "$TMP/full"
echo keep > "$TMP/full/mine.txt"
before=$(touch "$TMP/.stdout"; state; rm -f "$TMP/.stdout")
fails "a report onto a folder that is not empty" \
    "^Cannot write the report to $TMP/full: the folder is not empty\. Give the name of a new or empty folder\. Nothing was written\.$" \
    bs export demo --format md -o "$TMP/full"
fails "CSV into a folder that is not empty" \
    "^Cannot write CSV files to $TMP/full: the folder is not empty\. Give the name of a new or empty folder\. Nothing was written\.$" \
    bs export demo --format csv -o "$TMP/full"
is "$(ls "$TMP/full")" "mine.txt" "  and what was in the folder is untouched"
fails "CSV onto a file" \
    "^Cannot write CSV files to $TMP/afile: it exists and is not a folder\." \
    bs export demo --format csv -o "$TMP/afile"
fails "CSV under a file" "^Cannot write CSV files to $TMP/afile/out: Not a directory\." \
    bs export demo --format csv -o "$TMP/afile/out"
echo "notes someone is writing" > "$TMP/afile"
before=$(touch "$TMP/.stdout"; state; rm -f "$TMP/.stdout")
fails "a file that exists is not written over" \
    "^Cannot write $TMP/afile: it exists already\. Give a new name, or move it away first\. Nothing was written\.$" \
    bs export demo --format md -o "$TMP/afile"
is "$(cat "$TMP/afile")" "notes someone is writing" "  and what was in it is kept"
fails "nor the record itself" "^Cannot write $DB: it exists already\." \
    bs export demo --format json -o "$DB"
is "$(sql "SELECT count(*) FROM workshop")" 1 "  and the record still reads"
out=$(bs export demo --format json 2>&1 > /dev/full)
like "$out" "^Cannot write to standard output: No space left on device\.$" \
    "a full disk on standard output is said, not ignored"

# Import.
bs export demo --format json -o "$TMP/good.json" > /dev/null
printf 'not json at all\n' > "$TMP/text.json"
printf '{"name": "something else", "version": 1}\n' > "$TMP/other.json"
sed 's/"version": 2,/"version": 3,/' "$TMP/good.json" > "$TMP/newer.json"
sed 's/"state": "proposed"/"state": "maybe"/' "$TMP/good.json" > "$TMP/state.json"
sed 's/^\t\t\t\t"c13"$/\t\t\t\t"c999"/' "$TMP/good.json" > "$TMP/basis.json"
sed 's/"version": 2,/"version": 2, "extra": true,/' "$TMP/good.json" > "$TMP/extra.json"
sed '$d' "$TMP/good.json" > "$TMP/cut.json"
DB=$TMP/empty.db
bs init > /dev/null
before=$(touch "$TMP/.stdout"; state; rm -f "$TMP/.stdout")
fails "a file that is not JSON" \
    "^Cannot import $TMP/text\.json: it is not a Blank Sheet export: it is not valid JSON \(line 1: unexpected characters: expected a value\)\. Nothing was imported\.$" \
    bs import "$TMP/text.json"
fails "JSON that is not an export" \
    "^Cannot import $TMP/other\.json: it is not a Blank Sheet export \(it has no \"format\": \"blanksheet-export\" and version\)\. Nothing was imported\.$" \
    bs import "$TMP/other.json"
fails "an export from a newer version" \
    "^Cannot import $TMP/newer\.json: it was made by a newer Blank Sheet, in export format version 3, and this program reads version 2\. Upgrade blanksheet, then import it\. Nothing was imported\.$" \
    bs import "$TMP/newer.json"
fails "an export cut short" "not valid JSON \(line [0-9]+: expected a comma or \} after a member\)" \
    bs import "$TMP/cut.json"
fails "a member no export has" "the document has a member 'extra' that version 2 exports do not have" \
    bs import "$TMP/extra.json"
fails "a wrong value, named where it is" \
    "decisions\[2\]\.state is 'maybe', which is not one of proposed, agreed, rejected\. Nothing was imported\.$" \
    bs import "$TMP/state.json"
fails "a mistake late in the file, after most rows were written: all rolled back" \
    "decisions\[1\]\.basis\[2\] names a contribution 'c999' that is not in the document\. Nothing was imported\.$" \
    bs import "$TMP/basis.json"
fails "a file that is not there" "^Cannot import $TMP/none\.json: No such file or directory\." \
    bs import "$TMP/none.json"

# Lines of an older export that add up past the largest amount, and a
# local model given twice: refused, not stored as a number the record
# cannot hold or said in SQLite's words.
"$PY" - "$TMP/good.json" "$TMP" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
m = dict(d["money"][0], now=10**15)
json.dump(dict(d, money=d["money"] + [m, m]), open(sys.argv[2] + "/sum.json", "w"))
c = dict(d["decisions"][0]["changes"][0], delta=-10**15)
d["decisions"][0]["changes"] += [c, c]
json.dump(d, open(sys.argv[2] + "/delta.json", "w"))
d = json.load(open(sys.argv[1]))
local = [x for x in d["models"] if not x["national"]][0]
d["models"].append(local)
json.dump(d, open(sys.argv[2] + "/model.json", "w"))
d = json.load(open(sys.argv[1]))
b = [x for x in d["decisions"] if x["basis"]][0]["basis"]
b.append(b[0])
json.dump(d, open(sys.argv[2] + "/basis2.json", "w"))
PYEOF
before=$(touch "$TMP/.stdout"; state; rm -f "$TMP/.stdout")
fails "money lines that add up past the largest amount" \
    "^Cannot import $TMP/sum\.json: the money lines for 'home-care' add up to more than 1000000000000000\. Nothing was imported\.$" \
    bs import "$TMP/sum.json"
fails "changes that add up past the largest amount" \
    "^Cannot import $TMP/delta\.json: the changes to 'hospital-beds' add up to more than 1000000000000000\. Nothing was imported\.$" \
    bs import "$TMP/delta.json"
fails "a local model given twice" \
    "^Cannot import $TMP/model\.json: models\[[0-9]+\] repeats 'home-care'\. Nothing was imported\.$" \
    bs import "$TMP/model.json"
fails "a decision resting on one contribution twice" \
    "^Cannot import $TMP/basis2\.json: decisions\[[0-9]+\]\.basis\[[0-9]+\] repeats 'c[0-9]+'\. Nothing was imported\.$" \
    bs import "$TMP/basis2.json"

# What the shape allows and the record would not: each refused, by name.
"$PY" - "$TMP/good.json" "$TMP" <<'PYEOF'
import json, sys
def put(name, d):
    json.dump(d, open(sys.argv[2] + "/" + name + ".json", "w"))
def good():
    return json.load(open(sys.argv[1]))
d = good()
d["models"] = [m for m in d["models"] if m["key"] != "homeshare"]
d["models"].append({"key": "homeshare", "area": "home", "national": False,
    "name": "Ours", "summary": "", "evidence": ""})
put("natkey", d)
d = good()
d["workshop"].update(status="closed", input_open=True)
put("closed", d)
d = good()
d["money"][0]["area"] = "community"
put("moneyarea", d)
d = good()
d["decisions"][0]["changes"][0]["area"] = "day"
put("changearea", d)
d = good()
d["exported_at"] = 20261203
put("exat", d)
d = good()
d["decisions"][1]["basis"][0] = 7
put("basisbad", d)
put("noworkshop", [])
PYEOF
mkfifo "$TMP/pipe"
before=$(touch "$TMP/.stdout"; state; rm -f "$TMP/.stdout")
fails "a local model with a national model's key" \
    "^Cannot import $TMP/natkey\.json: the local model 'homeshare' has the key of a national model; give it a key of its own\. Nothing was imported\.$" \
    bs import "$TMP/natkey.json"
fails "a closed workshop with input open" \
    "^Cannot import $TMP/closed\.json: the workshop is closed, so its input_open should be false: a closed workshop takes no words\. Nothing was imported\.$" \
    bs import "$TMP/closed.json"
fails "a money line under another area than its model's" \
    "^Cannot import $TMP/moneyarea\.json: money\[0\]\.area is 'community', which is not the area of model 'home-care'\. Nothing was imported\.$" \
    bs import "$TMP/moneyarea.json"
fails "a change under another area than its model's" \
    "^Cannot import $TMP/changearea\.json: decisions\[0\]\.changes\[0\]\.area is 'day', which is not the area of model 'hospital-beds'\. Nothing was imported\.$" \
    bs import "$TMP/changearea.json"
fails "exported_at that is not a string" \
    "^Cannot import $TMP/exat\.json: the document's exported_at should be a time written as a string\. Nothing was imported\.$" \
    bs import "$TMP/exat.json"
fails "a basis item that is not a ref, named as the item" \
    "^Cannot import $TMP/basisbad\.json: decisions\[1\]\.basis\[0\] should be a string, not a number\. Nothing was imported\.$" \
    bs import "$TMP/basisbad.json"
fails "an export of no workshop" \
    "^Cannot import $TMP/noworkshop\.json: it holds no workshop\. Nothing was imported\.$" \
    bs import "$TMP/noworkshop.json"
fails "a FIFO: refused at once, the record not held" \
    "^Cannot import $TMP/pipe: it is not a file\. Nothing was imported\.$" \
    timeout 10 "$BLANKSHEET" -d "$DB" import "$TMP/pipe"
