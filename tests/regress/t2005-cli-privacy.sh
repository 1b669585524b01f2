#!/bin/sh
# What the facilitator's record keeps, and where: the record, its WAL and
# SHM files are 0600 whatever the umask; redact and erase leave the words,
# and consent withdraw the name, nowhere in the files, even while
# blanksheetd has the record open; and backup makes a whole, consistent
# copy while another note-taker writes.
. "$(dirname "$0")/lib.sh"

bs_plan 24
bs_tmpdir
bs_cert
bs_capsule
B="$BS_BIN/blanksheet -d $BS_DB"
(umask 000; $B < "$BS_DATA/demo.bs" > /dev/null 2>&1) ||
    { echo "Bail out! the demo script failed"; exit 1; }
bs_start_server
# The server holds the record open, so the WAL and SHM files are there.
bs_fetch "$(bs_url /w/demo/)" > /dev/null
$B say home idea A first line to make a WAL > /dev/null
modes=$(stat -c '%a' "$BS_DB" "$BS_DB-wal" "$BS_DB-shm" | tr '\n' ' ')
bs_ok "record, WAL and SHM are 0600 under umask 000 ($modes)" \
    test "$modes" = "600 600 600 "

code=$(sqlite3 -batch -noheader "$BS_DB" "SELECT code FROM participant ORDER BY id LIMIT 1")
$B say home idea --by "$code" Zebra words that will be erased > /dev/null
$B say home idea Quagga words that will be redacted > /dev/null
q=$(sqlite3 -batch -noheader "$BS_DB" "SELECT id FROM contribution WHERE text LIKE 'Quagga%'")
$B edit "$q" Quagga words that will be redacted, edited once > /dev/null
bs_fetch "$(bs_url /w/demo/home/)" > "$BS_TMP/page"
bs_ok "the words are on the page first" grep -q Quagga "$BS_TMP/page"
out=$($B redact "$q" 2>&1)
bs_ok "redact in a script asks for --yes and keeps the words" \
    test "$(sqlite3 -batch -noheader "$BS_DB" "SELECT state FROM contribution WHERE id = $q")" = shown
$B redact "$q" --yes > /dev/null
$B erase "$code" --yes > /dev/null
bs_fetch "$(bs_url /w/demo/home/)" > "$BS_TMP/page"
bs_ok "the page no longer has them" sh -c "! grep -qE 'Quagga|Zebra' '$BS_TMP/page'"
n=$(cat "$BS_DB" "$BS_DB-wal" "$BS_DB-shm" 2>/dev/null | grep -ac -e Quagga -e Zebra)
bs_ok "no byte of the words is left in the record, WAL or SHM ($n)" test "$n" = 0
n=$(cat "$BS_DB" "$BS_DB-wal" 2>/dev/null | grep -ac "$code")
bs_ok "nor the erased receipt code ($n)" test "$n" = 0

# A participant who no longer agrees to their name being kept: it goes,
# from the files too, while the server has the record open.
code=$(sqlite3 -batch -noheader "$BS_DB" "SELECT code FROM participant ORDER BY id LIMIT 1")
$B consent "$code" Xylophona Quennell > /dev/null
bs_ok "the name is kept with consent first" test \
    "$(sqlite3 -batch -noheader "$BS_DB" "SELECT name FROM participant WHERE code = '$code'")" = "Xylophona Quennell"
out=$($B consent withdraw "$code")
bs_ok "consent withdraw says the name is gone, and that earlier exports still hold it" test \
    "$out" = "demo: Withdrew consent: the name kept for $code is gone from the record for good. Exports and backups made before still hold it."
n=$(cat "$BS_DB" "$BS_DB-wal" "$BS_DB-shm" 2>/dev/null | grep -ac Xylophona)
bs_ok "no byte of the name is left in the record, WAL or SHM ($n)" test "$n" = 0
out=$(printf 'consent %s Someone Else\nundo\n' "$code" | $B 2>&1 | tail -n 1)
bs_ok "undo after consent points to consent withdraw" test \
    "$out" = "Line 2: Your last change, consent, cannot be undone, nor anything before it. If the person no longer agrees, use: consent withdraw CODE."
bs_ok "server still runs" bs_alive

# Backup while another note-taker writes, and the server reads.
( i=0; while [ $i -lt 200 ]; do
	echo "say day note Written during the backup $i"; i=$((i + 1))
done ) | $B > "$BS_TMP/writer.out" 2>&1 &
writer=$!
i=0
while [ $i -lt 3 ]; do
	bs_fetch "$(bs_url /w/demo/day/)" > /dev/null
	i=$((i + 1))
done
out=$($B backup "$BS_TMP/copy.db")
wait "$writer"
bs_ok "backup says where it wrote" test "$out" = "Wrote a copy of the whole record to $BS_TMP/copy.db and checked it. It holds names and receipt codes: keep it as safe as the record."
bs_ok "the copy passes integrity_check" \
    test "$(sqlite3 -batch -noheader "$BS_TMP/copy.db" "PRAGMA integrity_check")" = ok
bs_ok "the copy is 0600" test "$(stat -c %a "$BS_TMP/copy.db")" = 600
# Every row of the copy is in the record as it was; the writer only added.
out=$(python3 - "$BS_DB" "$BS_TMP/copy.db" <<'PY'
import sqlite3, sys
rec, cp = (sqlite3.connect(p) for p in sys.argv[1:3])
bad = []
for t in ("workshop", "participant", "contribution", "money", "decision",
          "decision_change", "decision_basis", "indicator", "model"):
    a = {r[0]: r for r in rec.execute("SELECT * FROM %s" % t)}
    b = {r[0]: r for r in cp.execute("SELECT * FROM %s" % t)}
    bad += ["%s %s differs" % (t, k) for k in b if a.get(k) != b[k]]
    if t != "contribution":
        bad += ["%s %s missing" % (t, k) for k in a if k not in b]
ids = [r[0] for r in cp.execute("SELECT id FROM contribution ORDER BY id")]
all_ids = [r[0] for r in rec.execute("SELECT id FROM contribution ORDER BY id")]
if all_ids[:len(ids)] != ids:
    bad.append("the copy's contributions are not a prefix of the record's")
print("\n".join(bad))
PY
)
bs_ok "every row in the copy is the record's, a consistent moment of it" test -z "$out"
[ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/# /'
out=$($B backup "$BS_TMP/copy.db" 2>&1)
bs_ok "backup never overwrites a file" test "$out" = "No backup was made: a file of that name is there already. The record is as it was."
# A participant's words with an escape sequence and a right-to-left
# override reach the facilitator's terminal and the exports harmlessly.
bs_fetch "$(bs_url '/w/demo/home/say?Clear%1B%5B2Jscreen%20and%20%E2%80%AEreversed')" > /dev/null
out=$($B said home | grep Clear)
bs_ok "said shows the escape and the override visibly" \
    test "$out" = "Contribution $(sqlite3 -batch -noheader "$BS_DB" "SELECT max(id) FROM contribution"), note, under Support in your own home, typed by a participant: Clear^[[2Jscreen and <U+202E>reversed"
out=$($B search Clear)
bs_ok "search too, with no raw control byte" sh -c "printf '%s' '$out' | grep -qF '^[[2J' && ! printf '%s' '$out' | od -c | grep -q '033'"
bs_ok "the record keeps the words as they were sent" \
    test "$(sqlite3 -batch -noheader "$BS_DB" "SELECT hex(text) FROM contribution WHERE text LIKE 'Clear%'")" = "436C6561721B5B324A73637265656E20616E6420E280AE7265766572736564"
$B export demo --format csv -o "$BS_TMP/csv" > /dev/null
ESC=$(printf '\033')
RLO=$(printf '\342\200\256')
bs_ok "the CSV shows them visibly" \
    grep -qF 'Clear^[[2Jscreen and <U+202E>reversed' "$BS_TMP/csv/contributions.csv"
bs_ok "and holds no raw control byte or override" sh -c "! grep -qF -e '$ESC' -e '$RLO' '$BS_TMP/csv/contributions.csv'"
$B export demo --format json > "$BS_TMP/demo.json"
bs_ok "the JSON escapes them, so they read back the same" \
    test "$(python3 -c 'import json,sys; print([c["text"] for c in json.load(open(sys.argv[1]))["contributions"] if c["text"].startswith("Clear")][0].encode().hex())' "$BS_TMP/demo.json")" = "436c6561721b5b324a73637265656e20616e6420e280ae7265766572736564"
$B export demo --format md > "$BS_TMP/demo.md"
bs_ok "the report holds neither" sh -c "! grep -qF -e '$ESC' -e '$RLO' '$BS_TMP/demo.md'"
bs_stop
bs_ok "server stopped cleanly" test "$BS_STATUS" = 0
