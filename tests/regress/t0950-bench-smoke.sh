#!/bin/sh
# A short run of the benchmark's tools against blanksheetd on loopback, so
# that `make bench' cannot rot: a few hundred requests of bench/loadgen
# (full handshakes, resumed sessions, a workshop page over Gemini and as
# HTML over HTTPS, as bench/run.sh's html row asks) and a few idle
# connections from bench/idle.  No timing is asserted.
. "$(dirname "$0")/lib.sh"

LOADGEN=$BS_ROOT/bench/loadgen
IDLE=$BS_ROOT/bench/idle
[ -x "$LOADGEN" ] && [ -x "$IDLE" ] ||
    { echo "Bail out! bench/loadgen or bench/idle not built"; exit 1; }

bs_plan 14
bs_tmpdir
bs_cert
bs_capsule
"$BS_BIN/blanksheet" -d "$BS_DB" < "$BS_DATA/demo.bs" > /dev/null 2>&1 ||
    { echo "Bail out! the demo script failed"; exit 1; }
bs_start_server -t 2 -w 0
bs_web_ports

val() {
	printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

lg() {
	OUT=$(timeout 60 "$LOADGEN" -p "$BS_PORT" -k "$@" 2>> "$BS_TMP/lg.err")
	STATUS=$?
}

size=$(wc -c < "$BS_CAPSULE/index.gmi" | tr -d ' ')
pids=$(cut -d' ' -f2,4- "$BS_TMP/ready" | tr ' ' ,)
lg -P / -n 300 -c 8 -m "$size" -S "$pids"
bs_ok "300 full handshakes for the home page, every one counted" \
    test "$(val "$OUT" ok)/$(val "$OUT" errors)/$STATUS" = 300/0/0
bs_ok "the server's CPU time is read" test "$(val "$OUT" server_cpu_us)" -gt 0
bs_ok "latency figures are there" test "$(val "$OUT" p99_us)" -gt 0

lg -P / -n 200 -c 8 -m "$size" -r
bs_ok "200 resumed sessions: every one resumed" \
    test "$(val "$OUT" ok)/$(val "$OUT" errors)/$(val "$OUT" resumed)" = 200/0/200

lg -P /w/demo/hospital/ -n 100 -c 4 -m 1000
bs_ok "100 workshop pages" test "$(val "$OUT" ok)/$(val "$OUT" errors)" = 100/0

lg -W -p "$BS_HSPORT" -P /w/demo/hospital/ -n 100 -c 4 -m 1000 -S "$pids"
bs_ok "100 workshop pages as HTML over HTTPS, each ending in close_notify" \
    test "$(val "$OUT" ok)/$(val "$OUT" errors)" = 100/0
bs_ok "the server's CPU time for them is read" \
    test "$(val "$OUT" server_cpu_us)" -gt 0

lg -P /no-such-page.gmi -n 10 -c 2
bs_ok "a missing page is a status error, not a request" \
    test "$(val "$OUT" ok)/$(val "$OUT" err_status)" = 0/10

lg -P / -c 4 -d 1
bs_ok "a one-second run stops by itself" \
    test "$STATUS" = 0 -a "$(val "$OUT" ok)" -gt 0

# Idle connections: held, then closed by the server at its deadline (-t 2).
OUT=$(timeout 60 "$IDLE" -p "$BS_PORT" -n 50 -m handshake -H 6 -T 5)
bs_ok "50 handshaken idle connections held" \
    test "$(val "$OUT" opened)/$(val "$OUT" held_at_ready)" = 50/50
bs_ok "and every one closed by blanksheetd within its deadline" \
    test "$(val "$OUT" closed)" = 50 -a "$(val "$OUT" close_max_ms)" -le 3000
OUT=$(timeout 60 "$IDLE" -p "$BS_PORT" -n 50 -m silent -H 6 -T 5)
bs_ok "50 silent connections, closed within the deadline too" \
    test "$(val "$OUT" closed)" = 50 -a "$(val "$OUT" close_max_ms)" -le 3000

bs_ok "server still runs" bs_alive
bs_ok "server stops cleanly on SIGTERM" bs_stop
