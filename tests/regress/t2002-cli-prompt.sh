#!/bin/sh
# The libedit prompt, driven through tmux like a facilitator's keyboard:
# tab completion of a command and an area key, and history that survives
# a restart.
. "$(dirname "$0")/tap.sh"
tmpdir
plan 6

if ! command -v tmux >/dev/null; then
	for i in 1 2 3 4 5 6; do echo "ok $i # SKIP tmux is not installed"; done
	exit 0
fi
bs < "$TOP/tests/data/demo.bs" >/dev/null 2>&1
SOCK=$TMP/tmux.sock
T="tmux -S $SOCK"
HIST=$TMP/history

start() {
	$T new-session -d -s bs -x 150 -y 40 \
	    "env BLANKSHEET_HISTORY=$HIST TERM=xterm $BLANKSHEET -d $DB"
	wait_for "blanksheet> "
}

# Wait up to five seconds for PATTERN to appear on the screen.
wait_for() {
	i=0
	while [ $i -lt 50 ]; do
		if $T capture-pane -p -t bs 2>/dev/null | grep -qF -- "$1"; then
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

start
# Each completion ends with a space, so the next word follows it.
$T send-keys -t bs "shi" Tab "hospital"
ok "wait_for 'blanksheet> shift hospital'" "tab completes a command"
$T send-keys -t bs C-u "say hosp" Tab "li"
ok "wait_for 'blanksheet> say hospital li'" "tab completes an area key"
$T send-keys -t bs Tab "The nurses on ward six were kind"
ok "wait_for 'blanksheet> say hospital like The nurses on ward six were kind'" "tab completes a kind"
$T send-keys -t bs Enter
ok "wait_for 'Saved contribution 23 under Support with leaving hospital.'" "the line runs"
is "$(sql "SELECT text FROM contribution WHERE id = 23")" "The nurses on ward six were kind" "and is in the record"
$T send-keys -t bs "quit" Enter
i=0; while $T has-session -t bs 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done

start
$T send-keys -t bs Up Up
ok "wait_for 'blanksheet> say hospital like The nurses on ward six were kind'" "history survives a restart"
$T kill-server 2>/dev/null
