#!/bin/sh
# A real Gemini client: amfora, under tmux, opens the demo workshop and
# shows its heading and links (trust on first use of our certificate).
. "$(dirname "$0")/lib.sh"

bs_plan 7
if ! command -v amfora > /dev/null || ! command -v tmux > /dev/null; then
	for i in 1 2 3 4 5 6 7; do echo "ok $i # SKIP amfora or tmux missing"; done
	exit 0
fi
bs_tmpdir
bs_cert
bs_capsule
"$BS_BIN/blanksheet" -d "$BS_DB" < "$BS_DATA/demo.bs" > /dev/null 2>&1 ||
    { echo "Bail out! the demo script failed"; exit 1; }
bs_start_server
SOCK=$BS_TMP/tmux.sock

screen() {
	tmux -S "$SOCK" capture-pane -p -t bs > "$BS_TMP/screen" 2>/dev/null
}
shows() {
	screen && grep -q "$1" "$BS_TMP/screen"
}
# Waits for the screen to show $1; if it never does, prints the screen
# on standard error, so that a failure in CI says what amfora showed.
comes() {
	bs_poll shows "$1" && return 0
	echo "# amfora never showed '$1'; its screen:" >&2
	sed 's/^/# /' "$BS_TMP/screen" >&2
	return 1
}
# On exit: the tmux server on our own socket, then the usual cleanup.
trap 'tmux -S "$SOCK" kill-server 2>/dev/null; bs_cleanup' EXIT

# amfora opens the address as a person would (bs_amfora, in lib.sh).
bs_amfora "$SOCK" "$(bs_url /w/demo/)" 120 40
bs_ok "amfora shows the workshop's heading" \
    comes 'Northtown: changing support together'
bs_ok "and when and where it is" shows 'Thursday 3 December 2026'
bs_ok "and a link to each area" shows 'Support with leaving hospital'
bs_ok "amfora's request was logged as a 20" \
    bs_poll grep -q 'access .* 20 [0-9]* .* /w/demo/$' "$BS_LOG"
tmux -S "$SOCK" send-keys -t bs 5 Enter
bs_ok "following link 5 opens that conversation" \
    comes 'Leaving hospital at Northtown'
tmux -S "$SOCK" kill-server 2>/dev/null
bs_ok "server still runs" bs_alive
bs_ok "server stops cleanly on SIGTERM" bs_stop
