#!/bin/sh
# lynx, as many blind people browse, opens the demo workshop over Gopher
# under tmux and follows a link to an area page.
. "$(dirname "$0")/lib.sh"
bs_plan 4
bs_tmpdir
if ! command -v lynx >/dev/null || ! command -v tmux >/dev/null; then
	for i in 1 2 3 4; do echo "ok $i # SKIP lynx or tmux is missing"; done
	exit 0
fi
bs_cert
BS_CAPSULE=$BS_ROOT/capsule
"$BS_BIN/blanksheet" -d "$BS_DB" < "$BS_DATA/demo.bs" > /dev/null
bs_start_server -g 0
GPORT=$(cat "$BS_TMP/ready.gopher")
T="tmux -S $BS_TMP/tmux.sock"
trap '$T kill-server 2>/dev/null; bs_cleanup' EXIT

screen_has() { $T capture-pane -p -t lynx | grep -qF -- "$1"; }

$T new-session -d -s lynx -x 100 -y 50 "env TERM=xterm HOME=$BS_TMP \
    lynx -display_charset=utf-8 -accept_all_cookies \
    gopher://127.0.0.1:$GPORT/1/w/demo/"
bs_ok "lynx shows the workshop's heading" bs_poll screen_has "Northtown: changing support together"
bs_ok "and its first area link" bs_poll screen_has "Support in your own home, 5 things said"
# The first link is the Easy Read version, then the areas; Down moves to
# the next, Right follows.
$T send-keys -t lynx Down Down Down Down
$T send-keys -t lynx Right
bs_ok "following a link opens the area page" bs_poll screen_has \
    "Leaving hospital at Northtown"
$T send-keys -t lynx q y
bs_ok "the server still runs" bs_alive
