#!/bin/sh
# Workers die with the master: after kill -9 of the master, its workers
# are gone within 2 s, even with clients connected (one silent, one
# handshaken and idle), and a new server binds the same port at once.
. "$(dirname "$0")/lib.sh"

bs_plan 8
bs_tmpdir
bs_cert
bs_capsule
bs_start_server
trap '' PIPE

# Gone: no such process, or a zombie (it holds nothing; whoever adopted
# it reaps it in its own time).
gone() {
	for _p in $1; do
		_st=$(sed 's/.*) //' "/proc/$_p/stat" 2>/dev/null | cut -d' ' -f1)
		[ -z "$_st" ] || [ "$_st" = Z ] || [ "$_st" = X ] || return 1
	done
	return 0
}
gone_within_2s() {
	_i=0
	while [ $_i -lt 40 ]; do
		gone "$1" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}

bs_ok "the server serves" bs_still_serves
port=$BS_PORT
workers=$(bs_workers)

# Clients that hold connections and send nothing.
bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" && : > "$2/silent.open" &&
    cat <&3' bs_silent "$BS_PORT" "$BS_TMP" > /dev/null 2>&1 &
silent=$!
mkfifo "$BS_TMP/idle.fifo"
timeout 30 openssl s_client -connect "127.0.0.1:$BS_PORT" \
    -servername localhost -ign_eof < "$BS_TMP/idle.fifo" \
    > "$BS_TMP/idle.out" 2>&1 &
idle=$!
exec 5> "$BS_TMP/idle.fifo"
bs_ok "a silent client is connected" bs_poll test -e "$BS_TMP/silent.open"
bs_ok "a handshaken idle client is connected" \
    bs_poll grep -q 'SSL handshake has read' "$BS_TMP/idle.out"

kill -KILL "$BS_PID"
wait "$BS_PID" 2>/dev/null
BS_PID=
t0=$(date +%s%N)
bs_ok "its workers ($workers) are gone within 2 s of the master" \
    gone_within_2s "$workers"
bs_diag "gone after $(( ($(date +%s%N) - t0) / 1000000 )) ms"

exec 5>&-
wait "$idle" "$silent" 2>/dev/null

# The same port, at once.
bs_start_server -p "$port"
bs_ok "a new server binds the same port ($port = $BS_PORT)" \
    test "$BS_PORT" = "$port"
bs_ok "and serves" bs_still_serves
bs_ok "it did not have to wait for the port" \
    sh -c "! grep -q 'Address already in use' '$BS_LOG'"
bs_ok "server stops cleanly on SIGTERM" bs_stop
