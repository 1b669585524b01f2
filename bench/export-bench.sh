#!/bin/sh
# Export benchmark: the time and peak memory (GNU time, "Maximum resident
# set size") to export one workshop of N contributions (default 100000)
# in each format, and to import the JSON export into an empty record.  The workshop is the demo, with the rest of its
# contributions added straight into the record by sqlite3.
#
# usage: sh bench/export-bench.sh [N]	(after make all; needs /usr/bin/time)

n=${1:-100000}
top=$(cd "$(dirname "$0")/.." && pwd)
bs=$top/bin/blanksheet
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bs-bench.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
db=$tmp/record.db

"$bs" -d "$db" < "$top/tests/data/demo.bs" > /dev/null || exit 1
sqlite3 "$db" "
WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i
    WHERE n < $n - (SELECT count(*) FROM contribution))
INSERT INTO contribution (workshop_id, area_id, kind, text, source)
SELECT 1, 1 + n % 5, CASE n % 6 WHEN 0 THEN 'goodlife' WHEN 1 THEN 'like'
    WHEN 2 THEN 'dislike' WHEN 3 THEN 'idea' WHEN 4 THEN 'question'
    ELSE 'note' END,
    'Contribution ' || n || ': waiting three days for a care package, '
    || 'it''s \"too long\", said a carer = ' || (n * 7919 % 100000), 
    CASE n % 3 WHEN 0 THEN 'participant' ELSE 'facilitator' END
FROM i;
INSERT INTO decision_basis (decision_id, contribution_id)
SELECT 3, id FROM contribution WHERE id % 1000 = 0;" || exit 1
echo "export-bench: $(sqlite3 "$db" "SELECT count(*) FROM contribution") contributions, $(uname -m), $(nproc) cores"
for f in json csv gmi md; do
	out=$tmp/out.$f
	/usr/bin/time -v "$bs" -d "$db" export demo --format $f -o "$out" \
	    > /dev/null 2> "$tmp/time" || { cat "$tmp/time"; exit 1; }
	secs=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$tmp/time")
	kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
	size=$(du -sk "$out" | cut -f1)
	echo "export-bench: $f: $secs wall clock, peak $kb KB resident, $size KB written"
done
"$bs" -d "$tmp/import.db" init > /dev/null || exit 1
/usr/bin/time -v "$bs" -d "$tmp/import.db" import "$tmp/out.json" \
    > /dev/null 2> "$tmp/time" || { cat "$tmp/time"; exit 1; }
secs=$(sed -n 's/.*Elapsed (wall clock) time.*: //p' "$tmp/time")
kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/time")
echo "export-bench: import of the json: $secs wall clock, peak $kb KB resident"
