#!/bin/sh
# bench/loadgen counts a request only when the response is complete, has
# the expected status and ends with close_notify: servers that answer the
# wrong status, too few bytes, or close without close_notify give errors
# of their kind.  It stops by itself; it resumes sessions with -r.
. "$(dirname "$0")/lib.sh"

LOADGEN=$BS_ROOT/bench/loadgen
BAD=$BS_ROOT/bench/tests/badserver.py

if ! python3 -c 'import ssl' > /dev/null 2>&1; then
	echo "1..0 # SKIP python3 with ssl is missing"
	exit 0
fi
[ -x "$LOADGEN" ] && [ -x "$BS_ROOT/bench/floor" ] ||
    { echo "Bail out! bench/loadgen or bench/floor not built"; exit 1; }

bs_plan 22
bs_tmpdir
bs_cert

BAD_PID=
FLOOR_PID=
cleanup() {
	[ -n "$BAD_PID" ] && kill "$BAD_PID" 2>/dev/null
	[ -n "$FLOOR_PID" ] && kill "$FLOOR_PID" 2>/dev/null
	wait 2>/dev/null
	bs_cleanup
}
trap cleanup EXIT

# Poll, bounded, for a file another process writes whole.
wait_for() {
	_i=0
	while [ ! -s "$1" ]; do
		[ $_i -lt 200 ] || return 1
		sleep 0.05
		_i=$((_i + 1))
	done
}

bad_start() {
	rm -f "$BS_TMP/bad.port"
	python3 "$BAD" "$1" "$BS_TMP/cert.pem" "$BS_TMP/key.pem" \
	    "$BS_TMP/bad.port" 2>> "$BS_TMP/bad.log" &
	BAD_PID=$!
	wait_for "$BS_TMP/bad.port" ||
	    { echo "Bail out! badserver.py $1 did not start"; exit 1; }
	BAD_PORT=$(cat "$BS_TMP/bad.port")
}

bad_stop() {
	kill "$BAD_PID" 2>/dev/null
	wait "$BAD_PID" 2>/dev/null
	BAD_PID=
}

# The value of key=value in loadgen -k's line.
val() {
	printf '%s\n' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

# lg PORT ARG...: run loadgen -k, bounded; OUT and STATUS as it ended.
lg() {
	_port=$1
	shift
	OUT=$(timeout 30 "$LOADGEN" -p "$_port" -k "$@" 2>> "$BS_TMP/lg.err")
	STATUS=$?
}

bad_start good
lg "$BAD_PORT" -n 20 -c 4 -m 3000
bs_ok "a good server: every request counts" \
    test "$(val "$OUT" ok)/$(val "$OUT" errors)/$STATUS" = 20/0/0
bs_ok "and every byte is counted" test "$(val "$OUT" bytes)" = $((20 * 3016))
lg "$BAD_PORT" -n 10 -c 2 -e "51 "
bs_ok "the expected status is the one asked for" \
    test "$(val "$OUT" ok)/$(val "$OUT" err_status)/$STATUS" = 0/10/2
lg "$BAD_PORT" -n 10 -c 2 -m 3017
bs_ok "one byte short of the minimum is an error" \
    test "$(val "$OUT" ok)/$(val "$OUT" err_short)" = 0/10
bad_stop

bad_start status
lg "$BAD_PORT" -n 10 -c 2
bs_ok "wrong status: errors, not requests" \
    test "$(val "$OUT" ok)/$(val "$OUT" errors)/$(val "$OUT" err_status)" = 0/10/10
bs_ok "and loadgen exits 2" test "$STATUS" = 2
bad_stop

bad_start short
lg "$BAD_PORT" -n 10 -c 2 -m 100
bs_ok "too few bytes: errors, not requests" \
    test "$(val "$OUT" ok)/$(val "$OUT" errors)/$(val "$OUT" err_short)" = 0/10/10
lg "$BAD_PORT" -n 10 -c 2 -m 1
bs_ok "the same bytes pass a lower minimum" test "$(val "$OUT" ok)" = 10
bad_stop

bad_start noclose
lg "$BAD_PORT" -n 10 -c 2 -m 3000
bs_ok "no close_notify: errors, not requests" \
    test "$(val "$OUT" ok)/$(val "$OUT" errors)/$(val "$OUT" err_no_close_notify)" = 0/10/10
bad_stop

bad_start hang
t0=$(date +%s)
lg "$BAD_PORT" -n 4 -c 4 -T 1
t1=$(date +%s)
bs_ok "a server that never answers: timeouts" \
    test "$(val "$OUT" ok)/$(val "$OUT" err_timeout)" = 0/4
bs_ok "counted within the timeout" test $((t1 - t0)) -le 4
t0=$(date +%s)
lg "$BAD_PORT" -c 8 -d 1 -T 1
t1=$(date +%s)
bs_ok "a duration run stops by itself (timeout included)" \
    test "$STATUS" = 2 -a $((t1 - t0)) -le 5
bs_ok "and counts every connection it started as an error" \
    test "$(val "$OUT" errors)" -ge 8 -a "$(val "$OUT" ok)" = 0
bad_stop

# A port where nothing listens: take one, then free it.
bad_start good
port=$BAD_PORT
bad_stop
lg "$port" -n 5 -c 1 -T 2
bs_ok "nothing listening: connect errors" \
    test "$(val "$OUT" ok)/$(val "$OUT" err_connect)" = 0/5

# The floor server: full handshakes, resumed sessions, TLS 1.2.
printf '# Floor\n%s\n' "$(printf '%0500d' 0)" > "$BS_TMP/page.gmi"
"$BS_ROOT/bench/floor" -C "$BS_TMP/cert.pem" -K "$BS_TMP/key.pem" \
    -f "$BS_TMP/page.gmi" -p 0 -n 2 -r "$BS_TMP/floor.ready" \
    2>> "$BS_TMP/floor.log" &
FLOOR_PID=$!
wait_for "$BS_TMP/floor.ready" || { echo "Bail out! floor did not start"; exit 1; }
fport=$(cut -d' ' -f1 "$BS_TMP/floor.ready")
fpids=$(cut -d' ' -f2,4- "$BS_TMP/floor.ready" | tr ' ' ,)
lg "$fport" -n 50 -c 8 -m 500 -S "$fpids"
bs_ok "floor: 50 full handshakes, all counted" \
    test "$(val "$OUT" ok)/$(val "$OUT" errors)/$(val "$OUT" resumed)" = 50/0/0
bs_ok "loadgen reads the server's CPU time (-S)" \
    test "$(val "$OUT" server_cpu_us)" -ge 0
lg "$fport" -n 50 -c 8 -m 500 -r
bs_ok "floor: -r resumes every session" \
    test "$(val "$OUT" ok)/$(val "$OUT" errors)/$(val "$OUT" resumed)" = 50/0/50
lg "$fport" -n 20 -c 4 -m 500 -r -2
bs_ok "floor: -r with TLS 1.2 resumes too" \
    test "$(val "$OUT" ok)/$(val "$OUT" resumed)" = 20/20
lg "$fport" -n 10 -c 2 -s -
bs_ok "without SNI" test "$(val "$OUT" ok)" = 10
OUT=$(timeout 30 "$LOADGEN" -p "$fport" -n 10 -c 2 2>&1)
bs_ok "the readable report" \
    sh -c 'printf "%s\n" "$1" | grep -q "^requests ok:   10 " &&
    printf "%s\n" "$1" | grep -q "^latency p99: "' sh "$OUT"
kill "$FLOOR_PID" 2>/dev/null
wait "$FLOOR_PID" 2>/dev/null
FLOOR_PID=
bs_ok "floor stops on SIGTERM and removes its ready file" \
    test ! -e "$BS_TMP/floor.ready"

"$LOADGEN" -c 0 > /dev/null 2>&1
bs_ok "a bad option is refused with status 1" test $? = 1
