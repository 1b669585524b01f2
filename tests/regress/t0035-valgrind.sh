#!/bin/sh
# Under valgrind (the benchmark's instruction counts), a worker loads no
# system call filter, which would bind valgrind's own calls too: it says
# so, serves, and stops cleanly.  Skipped without valgrind, and for a
# sanitizer build, which valgrind cannot run.
. "$(dirname "$0")/lib.sh"
command -v valgrind > /dev/null || { echo "1..0 # SKIP no valgrind"; exit 0; }
if nm "$BS_BIN/blanksheetd" 2>/dev/null | grep -q __asan_init; then
	echo "1..0 # SKIP a sanitizer build"
	exit 0
fi
bs_plan 4
bs_tmpdir
bs_cert
bs_capsule
BS_WRAP="valgrind --tool=none -q" bs_start_server -n 1
bs_fetch "$(bs_url /)" > "$BS_TMP/out"
bs_is "$BS_DATA/t0001/home.out" "$BS_TMP/out" "the home page, under valgrind"
bs_ok "the worker says it has no filter" \
    grep -q 'under valgrind: no system call filter' "$BS_LOG"
bs_ok "no worker was killed" sh -c \
    "! grep -Eq 'worker [0-9]+ (exited|killed)|cannot start' '$BS_LOG'"
bs_stop
bs_ok "the server stopped cleanly" test "$BS_STATUS" = 0
