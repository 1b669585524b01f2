#!/bin/sh
# The page checker over everything the real server shows for the demo
# workshop, crawled over Gemini and Gopher; and the demo's area page as amfora shows
# it: the heading, the money sentences and the decisions, in that order.
. "$(dirname "$0")/lib.sh"
bs_plan 10
bs_tmpdir
bs_cert
BS_CAPSULE=$BS_ROOT/capsule
"$BS_BIN/blanksheet" -d "$BS_DB" < "$BS_DATA/demo.bs" > /dev/null
# Enough ideas under one area for the pages of one kind, in two parts.
sqlite3 "$BS_DB" "WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 40)
INSERT INTO contribution (workshop_id, area_id, kind, text, source)
SELECT 1, (SELECT id FROM area WHERE key = 'community'), 'idea', 'Idea ' || n || ': a bench by the bus stop, and a neighbour who calls in on a Sunday.', 'participant' FROM i;"
bs_start_server -g 0

python3 "$BS_ROOT/tests/pagecheck/pagecheck.py" --crawl "$(bs_url /)" \
    > "$BS_TMP/crawl" 2>&1
bs_ok "the Gemini crawl of the capsule and the demo finds no problem" \
    grep -q "^pagecheck: [0-9]* pages checked, 0 problems" "$BS_TMP/crawl"
bs_ok "and it reached every workshop page" sh -c \
    "test \$(sed -n 's/^pagecheck: \([0-9]*\) pages checked.*/\1/p' '$BS_TMP/crawl') -ge 26"
sed 's/^/# /' "$BS_TMP/crawl" | tail -3
python3 "$BS_ROOT/tests/pagecheck/pagecheck.py" --crawl \
    "gopher://localhost:$(cat "$BS_TMP/ready.gopher")/" > "$BS_TMP/gcrawl" 2>&1
bs_ok "the Gopher crawl of the same finds no problem" \
    grep -q "^pagecheck: [0-9]* pages checked, 0 problems" "$BS_TMP/gcrawl"
bs_ok "and it reached every menu" sh -c \
    "test \$(sed -n 's/^pagecheck: \([0-9]*\) pages checked.*/\1/p' '$BS_TMP/gcrawl') -ge 26"
sed 's/^/# /' "$BS_TMP/gcrawl" | tail -2

if ! command -v amfora > /dev/null || ! command -v tmux > /dev/null; then
	for i in 5 6 7 8 9 10; do echo "ok $i # SKIP amfora or tmux missing"; done
	exit 0
fi
SOCK=$BS_TMP/tmux.sock
trap 'tmux -S "$SOCK" kill-server 2>/dev/null; bs_cleanup' EXIT
screen() {
	tmux -S "$SOCK" capture-pane -p -J -t bs > "$BS_TMP/screen" 2>/dev/null
}
shows() { screen && grep -q "$1" "$BS_TMP/screen"; }
# A tall window, so the whole page is on the screen at once.
bs_amfora "$SOCK" "$(bs_url /w/demo/hospital/)" 200 200
bs_ok "amfora shows the area page's heading" \
    bs_poll shows 'Leaving hospital at Northtown'
bs_ok "the money as sentences" bs_poll shows \
    'State money for Delayed discharge beds: £1.2 million a year now'
bs_ok "the decision with its vote" bs_poll shows \
    'Agreed by a show of hands: 14 for, 2 against'
bs_ok "its changes as sentences" bs_poll shows 'goes down by'
bs_ok "in a plain order: heading, said, money, decisions" awk '
    /Leaving hospital at Northtown/ && !h { h = NR }
    /## What people have said/ && !s { s = NR }
    /## Money now and expected/ && !m { m = NR }
    /## Decision 1, agreed/ && !d { d = NR }
    END { exit !(h && s && m && d && h < s && s < m && m < d) }' "$BS_TMP/screen"
tmux -S "$SOCK" kill-server 2>/dev/null
bs_ok "the server still runs" bs_alive
