#!/bin/sh
# Participant input travels in the query: it is decoded, checked as
# UTF-8, rate-limited in memory per source (44 SLOW DOWN), and never
# logged.
. "$(dirname "$0")/lib.sh"

bs_plan 12
bs_tmpdir
bs_cert
bs_capsule
bs_start_server -l 2
SAY=/w/nowhere/home/say

for q in '%FF' '%C0%AF' 'a%00b' '%ED%A0%80'; do
	bs_fetch "$(bs_url "$SAY?$q")" > "$BS_TMP/out"
	bs_is "$BS_DATA/t0008/unreadable.out" "$BS_TMP/out" \
	    "input '$q' refused: 59"
done

# Two inputs a minute (-l 2): both pass on to the page, the third waits.
bs_fetch "$(bs_url "$SAY?secret%20words%20one")" > "$BS_TMP/out1"
bs_fetch "$(bs_url "$SAY?secret%20words%20two")" > "$BS_TMP/out2"
bs_fetch "$(bs_url "$SAY?secret%20words%20three")" > "$BS_TMP/out3"
bs_ok "first input passed on" sh -c "! grep -q '^44' '$BS_TMP/out1'"
bs_ok "second input passed on" sh -c "! grep -q '^44' '$BS_TMP/out2'"
bs_ok "third input in the minute: 44 SLOW DOWN" \
    grep -q '^44 [0-9][0-9]*.$' "$BS_TMP/out3"
secs=$(sed 's/^44 \([0-9]*\).*/\1/' "$BS_TMP/out3")
bs_ok "with the seconds to wait ($secs)" test "$secs" -ge 1 -a "$secs" -le 60
bs_ok "reading still works while limited" bs_still_serves
bs_fetch "$(bs_url /w/nowhere/home/say)" > "$BS_TMP/out"
bs_ok "a page without input is not limited" \
    sh -c "! grep -q '^44' '$BS_TMP/out'"

bs_ok "server stops cleanly on SIGTERM" bs_stop
bs_ok "no query, no words and no address in the log" \
    sh -c "! grep -q 'secret\\|words\\|%FF\\|127\\.0\\.0\\.1\\|?' '$BS_LOG'"
