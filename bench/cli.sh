#!/bin/sh
# How fast blanksheet records as the room talks: 10,000 contributions
# through script mode, each its own durable transaction, and the mixed
# commands of the demo workshop.  Prints one line per figure.
set -eu
cd "$(dirname "$0")/.."
N=${1:-10000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/bs-clibench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

bin/blanksheet -d "$tmp/r.db" init > /dev/null
bin/blanksheet -d "$tmp/r.db" workshop add bench Bench > /dev/null
awk -v n="$N" 'BEGIN { for (i = 1; i <= n; i++)
    printf "say hospital idea Contribution %d, about as long as what people say\n", i }' \
    > "$tmp/say.bs"
/usr/bin/time -f "%e %U %S %M" -o "$tmp/t" bin/blanksheet -d "$tmp/r.db" \
    < "$tmp/say.bs" > /dev/null
read -r e u s m < "$tmp/t"
rows=$(sqlite3 "$tmp/r.db" "SELECT count(*) FROM contribution")
echo "cli: $N contributions in $e s ($u s user, $s s system), $(awk -v e="$e" -v n="$N" 'BEGIN { printf "%.2f", e * 1000 / n }') ms a command, peak $m KB; $rows rows saved"

cmds=$(grep -cv '^#' tests/data/demo.bs)
/usr/bin/time -f "%e %M" -o "$tmp/t" bin/blanksheet -d "$tmp/demo.db" \
    < tests/data/demo.bs > /dev/null
read -r e m < "$tmp/t"
echo "cli: the demo workshop, $cmds mixed commands, in $e s: $(awk -v e="$e" -v n="$cmds" 'BEGIN { printf "%.2f", e * 1000 / n }') ms a command, peak $m KB"
