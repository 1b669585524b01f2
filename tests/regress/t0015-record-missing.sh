#!/bin/sh
# No fork storm: with the record missing, workers that die cannot start
# again, and the master tries again 1 s later, then 2, 4, 8 ... up to
# 30 s, saying so in one log line when the trouble starts and one when
# it ends.  It uses next to no CPU meanwhile, still answers signals, and
# starts workers again soon after the record is back.
. "$(dirname "$0")/lib.sh"

bs_plan 10
bs_tmpdir
bs_cert
bs_capsule
demo() {
	"$BS_BIN/blanksheet" -d "$BS_DB" < "$BS_DATA/demo.bs" > /dev/null 2>&1 ||
	    { echo "Bail out! the demo script failed"; exit 1; }
	bs_own "$BS_DB"*	# as root, the server's user's, as a service's
}
demo
bs_start_server -v -l 1000
trap '' PIPE

# utime + stime of the master, in clock ticks.
cpu() {
	sed 's/.*) //' "/proc/$BS_PID/stat" | awk '{ print $12 + $13 }'
}
starts() {
	grep -c 'worker [0-9]* starting' "$BS_LOG"
}
gone() {
	for _p in $1; do
		kill -0 "$_p" 2>/dev/null && return 1
	done
	return 0
}

# (A worker that dies within a second of its start counts as one that
# cannot start: let these run a while first.)
sleep 1.5
rm -f "$BS_DB" "$BS_DB-wal" "$BS_DB-shm"
s0=$(starts)
c0=$(cpu)
seq=$(bs_ready_seq)
old=$(bs_workers)
# shellcheck disable=SC2086
kill -KILL $old
bs_poll gone "$old"
sleep 10		# the record stays missing this long
s1=$(starts)
c1=$(cpu)
n=$((s1 - s0))
bs_diag "worker starts in 10 s without a record: $n; master CPU $((c1 - c0)) ticks"
bs_ok "the master tried again, but not in a storm ($n starts in 10 s)" \
    test "$n" -ge 2 -a "$n" -le 6
bs_ok "it used next to no CPU ($((c1 - c0)) ticks)" test $((c1 - c0)) -lt 50
bs_ok "one log line says the trouble started" \
    test "$(grep -c 'a worker cannot start' "$BS_LOG")" = 1
bs_ok "and why" grep -q "a worker cannot start: cannot open record.*no record at this path" "$BS_LOG"
bs_ok "the workers did not log it each time" \
    test "$(grep -c 'cannot open record' "$BS_LOG")" = 1
bs_ok "the master is alive" bs_alive

demo
bs_ok "when the record is back, workers start again (within 20 s)" \
    bs_wait_ready "$seq"
bs_ok "one log line says so" \
    test "$(grep -c 'workers start again' "$BS_LOG")" = 1
bs_ok "pages come again" bs_still_serves
bs_ok "server stops cleanly on SIGTERM" bs_stop
