#!/bin/sh
# Static files are served from each worker's memory, and still follow the
# capsule: a changed file is served changed within about a second, a
# file replaced by a symbolic link or removed is no longer served, a file
# too large to keep comes whole from the disk, and a reload starts afresh.
. "$(dirname "$0")/lib.sh"

bs_plan 9
bs_tmpdir
bs_cert
bs_capsule
printf '# First words\n' > "$BS_CAPSULE/page.gmi"
head -c 100000 /dev/urandom > "$BS_CAPSULE/big.bin"
bs_start_server
trap '' PIPE

page() {
	bs_fetch "$(bs_url /page.gmi)"
}
shows() {
	# Four times, so that both workers answer.
	for _i in 1 2 3 4; do
		page | grep -q "$1" || return 1
	done
}
bs_ok "a page is served" shows '^# First words'
bs_ok "and again, from memory" shows '^# First words'

printf '# Other words\n' > "$BS_CAPSULE/page.gmi.new"
mv "$BS_CAPSULE/page.gmi.new" "$BS_CAPSULE/page.gmi"
bs_ok "a page replaced is served new" bs_poll shows '^# Other words'
printf '# Third words\n' > "$BS_CAPSULE/page.gmi"
bs_ok "a page changed in place, the same size, is served new" \
    bs_poll shows '^# Third words'

printf '# Outside\n' > "$BS_TMP/outside.gmi"
rm "$BS_CAPSULE/page.gmi"
ln -s "$BS_TMP/outside.gmi" "$BS_CAPSULE/page.gmi"
bs_ok "a page replaced by a symbolic link is not served" \
    bs_poll shows '^51 '
rm "$BS_CAPSULE/page.gmi"
bs_ok "a page removed is not found" bs_poll shows '^51 '

printf '20 application/octet-stream\r\n' > "$BS_TMP/exp"
cat "$BS_CAPSULE/big.bin" >> "$BS_TMP/exp"
bs_fetch "$(bs_url /big.bin)" > "$BS_TMP/out"
bs_ok "a file too big to keep comes whole" cmp -s "$BS_TMP/exp" "$BS_TMP/out"

printf '# After the reload\n' > "$BS_CAPSULE/page.gmi"
seq=$(bs_ready_seq)
kill -HUP "$BS_PID"
bs_wait_ready "$seq"
bs_ok "after a reload, the page as it is now" shows '^# After the reload'
bs_ok "server stops cleanly on SIGTERM" bs_stop
