#!/bin/sh
# SIGHUP loses no connection: ten reloads while 16 clients keep asking
# for pages, static and from the workshop.  Every request is answered in
# full, with close_notify: no reset, no error of any kind.
. "$(dirname "$0")/lib.sh"

LOADGEN=$BS_ROOT/bench/loadgen
[ -x "$LOADGEN" ] || { echo "Bail out! bench/loadgen not built"; exit 1; }

bs_plan 7
bs_tmpdir
bs_cert
bs_capsule
"$BS_BIN/blanksheet" -d "$BS_DB" < "$BS_DATA/demo.bs" > /dev/null 2>&1 ||
    { echo "Bail out! the demo script failed"; exit 1; }
bs_start_server
trap '' PIPE

val() {
	printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}
ssize=$(wc -c < "$BS_CAPSULE/index.gmi" | tr -d ' ')
asize=$(bs_fetch "$(bs_url /w/demo/home/)" | wc -c)

timeout 60 "$LOADGEN" -p "$BS_PORT" -P / -m "$ssize" -c 12 -d 9 -k \
    > "$BS_TMP/static.out" 2>> "$BS_TMP/lg.err" &
lg1=$!
timeout 60 "$LOADGEN" -p "$BS_PORT" -P /w/demo/home/ -m "$asize" -c 4 -d 9 \
    -k > "$BS_TMP/area.out" 2>> "$BS_TMP/lg.err" &
lg2=$!

# Ten reloads, each waited for (the old workers gone), under the load.
sleep 0.5
reloads=0
i=0
while [ $i -lt 10 ]; do
	seq=$(bs_ready_seq)
	kill -HUP "$BS_PID"
	bs_wait_ready "$seq" && reloads=$((reloads + 1))
	sleep 0.2
	i=$((i + 1))
done
wait "$lg1"
wait "$lg2"
rs=$(cat "$BS_TMP/static.out")
ra=$(cat "$BS_TMP/area.out")
bs_diag "static: $rs"
bs_diag "workshop: $ra"
bs_ok "ten reloads done under load ($reloads)" test "$reloads" = 10
bs_ok "static pages: many answered ($(val "$rs" ok))" test "$(val "$rs" ok)" -gt 100
bs_ok "static pages: none reset, none lost ($(val "$rs" errors) errors)" \
    test "$(val "$rs" errors)" = 0
bs_ok "workshop pages: many answered ($(val "$ra" ok))" test "$(val "$ra" ok)" -gt 50
bs_ok "workshop pages: none reset, none lost ($(val "$ra" errors) errors)" \
    test "$(val "$ra" errors)" = 0
bs_ok "the server still runs" bs_alive
bs_ok "server stops cleanly on SIGTERM" bs_stop
