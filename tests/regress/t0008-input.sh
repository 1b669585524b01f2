#!/bin/sh
# Participant input travels in the query: it is decoded, checked as
# UTF-8, rate-limited in memory per source (only real answers count, and
# one refused is shown back with a link to send it again), and never
# logged.
. "$(dirname "$0")/lib.sh"

bs_plan 15
bs_tmpdir
bs_cert
bs_capsule
"$BS_BIN/blanksheet" -d "$BS_DB" < "$BS_DATA/demo.bs" > /dev/null 2>&1 ||
    { echo "Bail out! the demo script failed"; exit 1; }
bs_start_server -l 2
SAY=/w/nowhere/home/say

for q in '%FF' '%C0%AF' 'a%00b' '%ED%A0%80'; do
	bs_fetch "$(bs_url "$SAY?$q")" > "$BS_TMP/out"
	bs_is "$BS_DATA/t0008/unreadable.out" "$BS_TMP/out" \
	    "input '$q' refused: 59"
done

# Two answers a minute from one source (-l 2): both are saved; the third
# is shown back with a link that sends it again, never lost, never 44.
SAY=/w/demo/home/say/idea
bs_fetch "$(bs_url "$SAY?secret%20words%20one")" > "$BS_TMP/out1"
bs_fetch "$(bs_url "$SAY?secret%20words%20two")" > "$BS_TMP/out2"
bs_fetch "$(bs_url "$SAY?secret%20words%20three")" > "$BS_TMP/out3"
bs_ok "first answer saved" grep -q '^# Your words are saved' "$BS_TMP/out1"
bs_ok "second answer saved" grep -q '^# Your words are saved' "$BS_TMP/out2"
bs_ok "third answer in the minute: shown back, not saved, not 44" sh -c \
    "grep -q '^# Your words are not saved yet' '$BS_TMP/out3' && grep -q '^> secret words three' '$BS_TMP/out3'"
bs_ok "with a link that sends the same words again" \
    grep -q "^=> $SAY?secret%20words%20three Send these words again" "$BS_TMP/out3"
bs_ok "and the seconds to wait" grep -q 'send them again in [0-9][0-9]* seconds\?\.' "$BS_TMP/out3"
bs_ok "the third is not in the record" test \
    "$(sqlite3 "$BS_DB" "SELECT count(*) FROM contribution WHERE text LIKE 'secret words %'")" = 2
bs_ok "the record keeps the door they came through, Gemini, to count it" test \
    "$(sqlite3 "$BS_DB" "SELECT group_concat(DISTINCT door) FROM contribution WHERE text LIKE 'secret words %'")" = gemini
bs_ok "reading still works while limited" bs_still_serves
bs_fetch "$(bs_url /w/demo/home/?a%20query)" > "$BS_TMP/out"
bs_ok "a page read with a query is not counted or limited" \
    grep -q '^20 ' "$BS_TMP/out"

bs_ok "server stops cleanly on SIGTERM" bs_stop
bs_ok "no query, no words and no address in the log" \
    sh -c "! grep -q 'secret\\|words\\|%FF\\|127\\.0\\.0\\.1\\|?' '$BS_LOG'"
