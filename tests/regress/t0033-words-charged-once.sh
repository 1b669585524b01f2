#!/bin/sh
# Words sent through the web door while the record is locked are charged
# against the rate limit once a request, however often the reply is
# tried again: words over the limit are not saved on a later try.  (The
# same view_fetch() serves the Gemini and Gopher doors.)
. "$(dirname "$0")/lib.sh"
bs_plan 5
bs_tmpdir
bs_cert
bs_capsule
"$BS_BIN/blanksheet" -d "$BS_DB" < "$BS_DATA/demo.bs" > /dev/null
"$BS_BIN/blanksheet" -d "$BS_DB" -w demo input http on > /dev/null
# One worker, one word a minute from each place.
bs_start_server -W 0 -t 10 -n 1 -l 1
bs_web_ports
said() { sqlite3 "$BS_DB" "SELECT count(*) FROM contribution"; }
# Put a copy of the record in its place, locked for $1 seconds as a
# program writing it would lock it (SQLite's pending byte): a worker
# that opens it meanwhile cannot read it yet.  Back once it is locked.
swap_locked() {
	rm -f "$BS_TMP/locked"
	sqlite3 "$BS_DB" ".backup '$BS_TMP/copy.db'"
	bs_own "$BS_TMP/copy.db"
	python3 -c '
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR)
fcntl.lockf(fd, fcntl.LOCK_EX, 1, 0x40000000)
os.rename(sys.argv[1], sys.argv[2])
open(sys.argv[3], "w").close()
time.sleep(float(sys.argv[4]))
' "$BS_TMP/copy.db" "$BS_DB" "$BS_TMP/locked" "$1" &
	LOCK_PID=$!
	bs_poll test -e "$BS_TMP/locked"
	sleep 1.1	# readers look for a new record once a second
}

w0=$(bs_workers)
# The limit: one set of words a minute.  The first is saved.
n0=$(said)
bs_curl --data-urlencode "words=First words" /w/demo/hospital/say/idea \
    > /dev/null
bs_ok "the first words are saved" test "$(said)" = $((n0 + 1))
# The second waits for the record, which comes back while it waits: it
# was charged on its first try, and is still over the limit.
swap_locked 2
bs_curl --data-urlencode "words=Second words" /w/demo/hospital/say/idea \
    > "$BS_TMP/second"
wait "$LOCK_PID"
bs_ok "words over the limit are not saved on a later try" \
    test "$(said)" = $((n0 + 1))
bs_ok "they are shown back, to send again later" sh -c \
    "grep -q 'Second words' '$BS_TMP/second' &&
    grep -q 'taking a short pause' '$BS_TMP/second'"
bs_ok "the same worker served throughout" test "$(bs_workers)" = "$w0"
bs_stop
bs_ok "no worker died of a forbidden call or an illegal state" sh -c \
    "! grep -Eq 'illegal connection state|forbidden system call|worker [0-9]+ (exited|killed)' '$BS_LOG'"
