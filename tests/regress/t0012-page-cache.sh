#!/bin/sh
# Workers keep rendered workshop pages until the record changes.  Every
# change shows on the next request: the facilitator's from the CLI, and a
# participant's words through either worker, over Gemini and Gopher.
. "$(dirname "$0")/lib.sh"
bs_plan 9
bs_tmpdir
bs_cert
bs_capsule
"$BS_BIN/blanksheet" -d "$BS_DB" < "$BS_DATA/demo.bs" > /dev/null
"$BS_BIN/blanksheet" -d "$BS_DB" input gopher on > /dev/null
bs_start_server -g 0
GPORT=$(cat "$BS_TMP/ready.gopher")
G="python3 $BS_ROOT/tests/regress/gopher_client.py $GPORT -s"
area=$(bs_url /w/demo/hospital/)

# Read it several times, so that both workers hold it.
for i in 1 2 3 4 5 6; do bs_fetch "$area" > /dev/null; $G /w/demo/hospital/ > /dev/null; done
"$BS_BIN/blanksheet" -d "$BS_DB" say hospital like The porters were lovely > /dev/null
seen() { bs_fetch "$area" | grep -q "$1"; }
seen_all() { for i in 1 2 3 4; do seen "$1" || return 1; done; }
bs_ok "a contribution from the CLI shows at once, from every worker" seen_all "> The porters were lovely"
bs_ok "and over Gopher" sh -c "$G /w/demo/hospital/ | grep -q 'The porters were lovely'"
id=$(sqlite3 "$BS_DB" "SELECT id FROM contribution WHERE text = 'The porters were lovely'")
"$BS_BIN/blanksheet" -d "$BS_DB" hide "$id" > /dev/null
unseen_all() { for i in 1 2 3 4; do seen "$1" && return 1; done; return 0; }
bs_ok "hiding it takes it away at once" unseen_all "porters"
bs_ok "over Gopher too" sh -c "! $G /w/demo/hospital/ | grep -q 'porters'"
bs_fetch "$(bs_url '/w/demo/hospital/say?Buses%20after%20six')" > /dev/null
bs_ok "a participant's words, saved by one worker, show from every worker" seen_all "> Buses after six"
$G "/w/demo/hospital/say	Benches at the bus stop" > /dev/null
bs_ok "words typed over Gopher show over Gemini" seen_all "> Benches at the bus stop"
"$BS_BIN/blanksheet" -d "$BS_DB" decision reject 1 > /dev/null
bs_ok "a decision's new state shows" seen_all "### Decision 1, rejected"
counted() { bs_fetch "$(bs_url /w/demo/)" | grep -q "$1"; }
bs_ok "the workshop page counts the new words" counted \
    "Support with leaving hospital, 7 things said"
bs_ok "the server still runs" bs_alive
