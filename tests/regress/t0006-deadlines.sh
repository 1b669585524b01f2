#!/bin/sh
# Deadlines and crowds: idle and trickling clients are dropped, requests
# split across records are joined, a thousand idle connections do not
# delay a reader, a full worker evicts its oldest idle connection, and a
# client that leaves mid-reply costs nothing.
. "$(dirname "$0")/lib.sh"

bs_plan 19
bs_tmpdir
bs_cert
bs_capsule
head -c 16000000 /dev/urandom > "$BS_CAPSULE/big.bin"
bs_start_server -t 2

ms() {
	echo $(($(date +%s%N) / 1000000))
}

t0=$(ms)
bs_tcp /dev/null > "$BS_TMP/out"
t1=$(ms)
bs_ok "an idle connection is dropped at the deadline ($((t1 - t0)) ms)" \
    test $((t1 - t0)) -ge 1500 -a $((t1 - t0)) -lt 10000
bs_ok "idle: then a normal request succeeds" bs_still_serves

{ printf 'gemini://loc'; sleep 1; printf 'alhost:'; sleep 1; printf '%s/' \
    "$BS_PORT"; sleep 1; printf '\r\n'; } | bs_raw -servername localhost \
    > "$BS_TMP/out"
bs_ok "a trickling client is dropped at the deadline" test ! -s "$BS_TMP/out"
bs_ok "trickle: then a normal request succeeds" bs_still_serves

{ printf 'gemini://loc'; sleep 0.3; printf 'alhost:%s' "$BS_PORT"; \
    sleep 0.3; printf '/\r'; sleep 0.3; printf '\n'; } |
    bs_raw -servername localhost > "$BS_TMP/out"
bs_is "$BS_DATA/t0001/home.out" "$BS_TMP/out" \
    "a request split across TLS records"

# A large file arrives whole, in order.
bs_fetch "$(bs_url /big.bin)" > "$BS_TMP/out"
printf '20 application/octet-stream\r\n' > "$BS_TMP/exp"
cat "$BS_CAPSULE/big.bin" >> "$BS_TMP/exp"
bs_ok "a 16 MB file arrives whole" cmp -s "$BS_TMP/exp" "$BS_TMP/out"

# The client reads 1000 bytes, stops reading, and goes away: the server
# is then blocked writing, mid-reply, when the connection is reset.
mkfifo "$BS_TMP/fifo"
printf '%s\r\n' "$(bs_url /big.bin)" | timeout "$BS_TIMEOUT" openssl \
    s_client -quiet -connect "127.0.0.1:$BS_PORT" -servername localhost \
    > "$BS_TMP/fifo" 2>/dev/null &
client=$!
exec 4< "$BS_TMP/fifo"
head -c 1000 <&4 > "$BS_TMP/out"
bs_ok "client read 1000 bytes, then stopped" \
    test "$(wc -c < "$BS_TMP/out")" = 1000
kill -TERM "$client"
wait "$client" 2>/dev/null
exec 4<&-
logged() {
	[ "$(grep -c "access .* 20 [0-9]* .* /big.bin\$" "$BS_LOG")" = 2 ]
}
bs_ok "the cut reply is logged" bs_poll logged
# (Each worker writes its access lines a second at a time: the cut reply
# is the smaller of the two, not necessarily the last line.)
sent=$(grep "access .* /big.bin\$" "$BS_LOG" | cut -d' ' -f5 | sort -n |
    head -1)
bs_ok "with what was sent before the cut ($sent bytes)" \
    test "$sent" -lt 16000000
bs_ok "mid-reply close: then a normal request succeeds" bs_still_serves
bs_ok "server stops cleanly on SIGTERM" bs_stop

# One worker, a thousand idle connections, one reader.
bs_start_server -n 1 -t 30
bash -c 'i=0
	while [ $i -lt 1000 ]; do
		exec {fd}<>"/dev/tcp/127.0.0.1/$1" || exit 1
		i=$((i + 1))
	done
	: > "$2/idle.open"
	while [ ! -e "$2/idle.release" ]; do sleep 0.05; done' \
    bs_idle "$BS_PORT" "$BS_TMP" &
idle=$!
bs_ok "1000 idle connections open" bs_poll test -e "$BS_TMP/idle.open"
t0=$(ms)
bs_fetch "$(bs_url /)" > "$BS_TMP/out"
t1=$(ms)
bs_is "$BS_DATA/t0001/home.out" "$BS_TMP/out" \
    "a reader is served among 1000 idle connections"
bs_ok "without delay ($((t1 - t0)) ms)" test $((t1 - t0)) -lt 2000
bs_ok "the idle ones were all kept" \
    sh -c "! grep -q 'make room' '$BS_LOG'"
: > "$BS_TMP/idle.release"
wait "$idle"
bs_ok "server stops cleanly on SIGTERM" bs_stop

# A full worker drops its oldest idle connection for a new one.
bs_start_server -n 1 -m 20 -t 30 -v
rm -f "$BS_TMP/idle.open" "$BS_TMP/idle.release"
bash -c 'i=0
	while [ $i -lt 50 ]; do
		exec {fd}<>"/dev/tcp/127.0.0.1/$1" || exit 1
		i=$((i + 1))
	done
	: > "$2/idle.open"
	while [ ! -e "$2/idle.release" ]; do sleep 0.05; done' \
    bs_idle "$BS_PORT" "$BS_TMP" &
idle=$!
bs_poll test -e "$BS_TMP/idle.open"
bs_fetch "$(bs_url /)" > "$BS_TMP/out"
bs_is "$BS_DATA/t0001/home.out" "$BS_TMP/out" \
    "a full worker still serves a reader"
bs_ok "by dropping idle connections" grep -q 'make room' "$BS_LOG"
: > "$BS_TMP/idle.release"
wait "$idle"
bs_ok "server stops cleanly on SIGTERM" bs_stop
