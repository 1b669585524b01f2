#!/bin/sh
# A whole workshop as it happens: blanksheetd serving, two note-takers
# taking turns through the demo, a room of 20 participants behind one
# address adding words by kind while others read, the facilitator
# moderating and watching, then the export.  Nothing acknowledged is lost,
# nothing is counted twice, and the decision record adds up.
. "$(dirname "$0")/lib.sh"

bs_plan 10
bs_tmpdir
bs_cert
bs_capsule
B="$BS_BIN/blanksheet -d $BS_DB"
$B init > /dev/null
bs_start_server

# Two note-takers through the demo script, line by line, in turns...
python3 "$BS_ROOT/tests/regress/notetakers.py" "$BS_BIN/blanksheet" "$BS_DB" \
    "$BS_DATA/demo.bs" "$BS_TMP/notes" 2> "$BS_TMP/notes.err" &
notes=$!
# ...a facilitator watching in a third terminal once the workshop exists...
bs_poll sh -c "sqlite3 '$BS_DB' 'SELECT slug FROM workshop' | grep -q demo"
$B -w demo watch > "$BS_TMP/watch" 2> "$BS_TMP/watch.err" &
watcher=$!
bs_poll grep -q Watching "$BS_TMP/watch.err"
# ...while the room reads, and, once input is open, answers by kind.
i=0; pids=
while [ $i -lt 20 ]; do
	( n=0
	  while [ $n -lt 100 ] && ! bs_fetch "$(bs_url /w/demo/)" | grep -q '^20 '; do
		sleep 0.1; n=$((n + 1))
	  done
	  for k in idea dislike; do
		j=0
		while [ $j -lt 50 ]; do
			bs_fetch "$(bs_url "/w/demo/day/say/$k?Room%20$i%20$k")" > "$BS_TMP/p.$i.$k"
			grep -q '^# Your words are saved' "$BS_TMP/p.$i.$k" && break
			sleep 0.2; j=$((j + 1))
		done
		bs_fetch "$(bs_url /w/demo/day/)" > /dev/null
	  done ) &
	pids="$pids $!"
	i=$((i + 1))
done
wait "$notes"
bs_ok "two note-takers ran the demo to the end" test ! -s "$BS_TMP/notes.err"
for p in $pids; do wait "$p"; done
acked=$(grep -l '^# Your words are saved' "$BS_TMP"/p.* | wc -l)
bs_ok "all 40 answers from the room were acknowledged ($acked)" test "$acked" = 40
bs_ok "each is in the record once, under its kind" test \
    "$(sqlite3 -batch -noheader "$BS_DB" "SELECT count(*) FROM contribution WHERE source = 'participant' AND text = 'Room ' || substr(text, 6, instr(substr(text, 6), ' ') - 1) || ' ' || kind")" = 40

# Moderation in the second half: words wait, the facilitator approves one.
$B -w demo input moderate on > /dev/null
bs_fetch "$(bs_url "/w/demo/hospital/say/like?The%20ward%20sister%20rang%20my%20daughter")" > /dev/null
bs_fetch "$(bs_url "/w/demo/hospital/say/dislike?That%20nurse%20is%20an%20idiot")" > /dev/null
ids=$(sqlite3 -batch -noheader "$BS_DB" "SELECT group_concat(id, ' ') FROM contribution WHERE state = 'held'")
set -- $ids
$B -w demo approve "$1" > /dev/null
$B -w demo hide "$2" > /dev/null
bs_fetch "$(bs_url /w/demo/hospital/)" > "$BS_TMP/hospital"
bs_ok "approved words are on the page, hidden ones are not" sh -c \
    "grep -q 'ward sister rang' '$BS_TMP/hospital' && ! grep -q 'idiot' '$BS_TMP/hospital'"
bs_poll grep -q 'an idiot' "$BS_TMP/watch"
kill "$watcher"; wait "$watcher"
n=$(grep -c 'typed by a participant' "$BS_TMP/watch")
bs_ok "watch printed every participant's words as they came ($n of 42)" test "$n" = 42

# The export adds up: JSON totals equal the record, the held word is out.
$B export demo --format json > "$BS_TMP/demo.json"
out=$(python3 "$BS_ROOT/tests/regress/export_check.py" json "$BS_DB" demo "$BS_TMP/demo.json" 2>&1)
bs_ok "the export is valid and equals the record, value by value" test -z "$out"
[ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/# /'
bs_ok "hidden words are in no export" sh -c "! grep -q idiot '$BS_TMP/demo.json'"
bs_ok "the agreed moves balance within each area" test \
    "$(python3 -c 'import json,sys; print(sum(t["change"] for t in json.load(open(sys.argv[1]))["totals"] if t["resource"] == "state"))' "$BS_TMP/demo.json")" = 0
bs_ok "server still runs" bs_alive
bs_stop
bs_ok "server stopped cleanly" test "$BS_STATUS" = 0
