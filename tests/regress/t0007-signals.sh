#!/bin/sh
# The master and its workers: a killed worker is replaced, SIGHUP reloads
# the certificate and the capsule without closing the listening socket or
# dropping a connection in flight, a bad reload keeps what runs, and
# SIGTERM lets a request in flight finish.
. "$(dirname "$0")/lib.sh"

bs_plan 22
bs_tmpdir
bs_cert
bs_capsule
bs_start_server
trap '' PIPE	# a client that died must not take the test with it

served() {
	timeout "$BS_TIMEOUT" openssl s_client -connect \
	    "127.0.0.1:$BS_PORT" -servername localhost < /dev/null 2>/dev/null |
	    openssl x509 -noout -fingerprint -sha256
}
# The master's children, from /proc (no procps needed).
children_are() {
	_n=$(grep -l "^PPid:[[:space:]]*$BS_PID\$" /proc/[0-9]*/status \
	    2>/dev/null | wc -l)
	[ "$_n" "$1" "$2" ]
}
# Start a request in flight: TLS up, half the URL sent on fd 5.
inflight_start() {
	rm -f "$BS_TMP/req.fifo" "$BS_TMP/inflight.out"
	mkfifo "$BS_TMP/req.fifo"
	timeout "$BS_TIMEOUT" openssl s_client -connect "127.0.0.1:$BS_PORT" \
	    -servername localhost -ign_eof < "$BS_TMP/req.fifo" \
	    > "$BS_TMP/inflight.out" 2>&1 &
	inflight=$!
	exec 5> "$BS_TMP/req.fifo"
	bs_poll grep -q 'SSL handshake has read' "$BS_TMP/inflight.out"
	printf 'gemini://localhost:%s' "$BS_PORT" >&5
}
inflight_finish() {
	printf '/\r\n' >&5
	exec 5>&-
	wait "$inflight"
}

# A worker dies: the master starts another.
seq=$(bs_ready_seq)
old=$(bs_workers)
victim=${old%% *}
kill -KILL "$victim"
bs_ok "a killed worker is replaced" bs_wait_ready "$seq"
new=$(bs_workers)
bs_ok "by a new one ($old -> $new)" \
    sh -c "test $(echo "$new" | wc -w) = 2 && ! echo ' $new ' | grep -q ' $victim '"
bs_ok "the master said so" grep -q "worker $victim killed by signal 9" \
    "$BS_LOG"
bs_ok "replaced: then a normal request succeeds" bs_still_serves

# SIGHUP with a new certificate.
fp0=$(served)
bs_cert
fp1=$(openssl x509 -in "$BS_TMP/cert.pem" -noout -fingerprint -sha256)
seq=$(bs_ready_seq)
kill -HUP "$BS_PID"
bs_ok "SIGHUP: reload done" bs_wait_ready "$seq"
bs_ok "the new certificate is served" test "$(served)" = "$fp1"
bs_ok "it is not the old one" test "$fp0" != "$fp1"
bs_ok "reload: the same port still serves" bs_still_serves
bs_ok "reload: the workers are new" test "$(bs_workers)" != "$new"

# SIGHUP with a new capsule, while a request is in flight.
mv "$BS_CAPSULE" "$BS_TMP/capsule.old"
mkdir "$BS_CAPSULE"
printf '# Reloaded\n' > "$BS_CAPSULE/index.gmi"
inflight_start
seq=$(bs_ready_seq)
kill -HUP "$BS_PID"
bs_ok "SIGHUP: new workers start beside the old" bs_poll children_are -ge 3
inflight_finish
bs_ok "the request in flight during the reload is answered" \
    grep -q '^20 text/gemini' "$BS_TMP/inflight.out"
bs_ok "SIGHUP: reload done" bs_wait_ready "$seq"
bs_fetch "$(bs_url /)" > "$BS_TMP/out"
printf '20 text/gemini; charset=utf-8; lang=en-GB\r\n# Reloaded\n' \
    > "$BS_TMP/exp"
bs_is "$BS_TMP/exp" "$BS_TMP/out" "the new capsule is served"
bs_ok "the old workers are gone" bs_poll children_are -eq 2

# A reload that cannot work keeps what runs.
cp "$BS_TMP/cert.pem" "$BS_TMP/cert.good"
echo garbage > "$BS_TMP/cert.pem"
kill -HUP "$BS_PID"
bs_ok "a bad certificate on SIGHUP is refused" \
    bs_poll grep -q 'reload: cannot load certificate.*keeping what runs' \
    "$BS_LOG"
bs_ok "the running certificate is kept" test "$(served)" = "$fp1"
bs_fetch "$(bs_url /)" > "$BS_TMP/out"
bs_is "$BS_TMP/exp" "$BS_TMP/out" "bad reload: then a normal request succeeds"
cp "$BS_TMP/cert.good" "$BS_TMP/cert.pem"

# SIGTERM: stop accepting, finish what is in flight, exit 0.
# An idle connection, which has sent nothing, is not in flight: it must
# not hold the stop up until its deadline (10 s here).
bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && : > "$2/idle.open" && cat <&3' \
    bs_idle "$BS_PORT" "$BS_TMP" > /dev/null 2>&1 &
idle=$!
bs_poll test -e "$BS_TMP/idle.open"
inflight_start
last=$(bs_workers)
kill -TERM "$BS_PID"
bs_poll grep -q stopping "$BS_LOG"
inflight_finish
bs_ok "the request in flight at SIGTERM is answered" \
    grep -q '^20 text/gemini' "$BS_TMP/inflight.out"
t0=$(date +%s)
bs_ok "then the server exits 0" bs_stop
t1=$(date +%s)
bs_ok "without waiting for the idle connection ($((t1 - t0)) s)" \
    test $((t1 - t0)) -lt 5
wait "$idle"
bs_ok "and removes its ready file" test ! -e "$BS_TMP/ready"
gone() {
	for _p in $last; do
		kill -0 "$_p" 2>/dev/null && return 1
	done
	return 0
}
bs_ok "and leaves no worker behind ($last)" gone
