#!/bin/sh
# Fuzz smoke run for `make check': build the libFuzzer targets, replay the
# seeds in tests/data/fuzz/<target>/, then run each for a bounded number
# of new inputs.  A crash is written next to the seeds (crash-*), so that
# the unit tests replay it from then on.  Skips, successfully, when the
# compiler has no libFuzzer.
#
# usage: sh tests/fuzz/smoke.sh [RUNS]	(FUZZ_CC and MAKE from the Makefile)

runs=${1:-20000}
cc=${FUZZ_CC:-clang}
make=${MAKE:-make}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bs-fuzz.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/probe.c" <<'EOT'
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);
int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }
EOT
if ! "$cc" -fsanitize=fuzzer,address -o "$tmp/probe" "$tmp/probe.c" \
    > /dev/null 2>&1; then
	echo "fuzz-smoke: skipped: $cc cannot build libFuzzer targets"
	exit 0
fi
"$make" fuzz || exit 1

status=0
for name in request url input json gopher form import; do
	seeds=tests/data/fuzz/$name
	# An export worth importing is a few kilobytes.
	len=1100
	[ "$name" = import ] && len=16384
	mkdir -p "$tmp/$name" "$seeds"
	if ! ./tests/fuzz/fuzz_$name -runs="$runs" -max_len=$len \
	    -timeout=10 -print_final_stats=0 \
	    -artifact_prefix="$seeds/crash-" "$tmp/$name" "$seeds" \
	    > "$tmp/$name.log" 2>&1; then
		tail -40 "$tmp/$name.log"
		echo "fuzz-smoke: fuzz_$name FAILED"
		status=1
	else
		echo "fuzz-smoke: fuzz_$name: seeds replayed, $runs runs, ok"
	fi
done
exit $status
