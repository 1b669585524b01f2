#!/bin/sh
# The libedit prompt, driven through tmux like a facilitator's keyboard:
# tab completion, the workshop in use in the prompt, every character typed
# reaching the record (£, ŵ, â), Control-C, confirmation of what cannot be
# undone, and a history file that survives a restart without anyone's
# words, names or receipt codes.
. "$(dirname "$0")/tap.sh"
tmpdir
plan 21

if ! command -v tmux >/dev/null; then
	i=1; while [ $i -le 21 ]; do echo "ok $i # SKIP tmux is not installed"; i=$((i + 1)); done
	exit 0
fi
bs < "$TOP/tests/data/demo.bs" >/dev/null 2>&1
code=$(sql "SELECT code FROM participant ORDER BY id LIMIT 1")
SOCK=$TMP/tmux.sock
T="tmux -S $SOCK"
HIST=$TMP/history

# A terminal with no locale set at all, as on a fresh machine.
start() {
	$T new-session -d -s bs -x 200 -y 50 \
	    "env -i HOME=$TMP PATH=/usr/bin:/bin TERM=xterm BLANKSHEET_HISTORY=$HIST $BLANKSHEET -d $DB"
	wait_for "blanksheet demo> "
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
ok "true" "the prompt names the workshop in use"
# Each completion ends with a space, so the next word follows it.
$T send-keys -t bs "shi" Tab "hospital"
ok "wait_for 'blanksheet demo> shift hospital'" "tab completes a command"
$T send-keys -t bs C-u "say hosp" Tab "li"
ok "wait_for 'blanksheet demo> say hospital li'" "tab completes an area key"
$T send-keys -t bs Tab "The nurses on ward six were kind"
ok "wait_for 'blanksheet demo> say hospital like The nurses on ward six were kind'" "tab completes a kind"
$T send-keys -t bs Enter
ok "wait_for 'demo: Saved contribution 23 under Support with leaving hospital.'" "the line runs, and names the workshop"
is "$(sql "SELECT text FROM contribution WHERE id = 23")" "The nurses on ward six were kind" "and is in the record"

# UTF-8 typed at the prompt, read back byte for byte.
words="Siân said £5 a week, ŵ é ñ ß — and Dafydd’s “thanks”"
$T send-keys -t bs -l "say home idea $words"
$T send-keys -t bs Enter
ok "wait_for 'Saved contribution 24 under Support in your own home.'" "words beyond ASCII are saved"
is "$(sql "SELECT hex(text) FROM contribution WHERE id = 24")" \
    "$(printf '%s' "$words" | od -An -tx1 | tr -d ' \n' | tr a-f A-F)" \
    "byte for byte as typed"

# Enter on an empty line, or on spaces, just gives the prompt again.
$T send-keys -t bs Enter "   " Enter
sleep 0.3
ok "! $T capture-pane -p -t bs | grep -q 'no command'" "an empty line is passed over, without a word"

# Control-C clears the line being typed and changes nothing.
$T send-keys -t bs "say home idea Never meant to be saved"
wait_for "Never meant to be saved"
$T send-keys -t bs C-c
sleep 0.3
$T send-keys -t bs "said home idea" Enter
ok "wait_for 'Contribution 24, idea'" "after Control-C the prompt carries on"
is "$(sql "SELECT count(*) FROM contribution WHERE text LIKE 'Never meant%'")" 0 "and the cleared line was not run"
ok "$T has-session -t bs" "and blanksheet is still running"

# What cannot be undone asks for the number again; a wrong answer keeps it.
$T send-keys -t bs "redact 24" Enter
ok "wait_for 'type 24 again; to keep everything, press Enter:'" "redact asks to type the number again"
$T send-keys -t bs "25" Enter
ok "wait_for 'Nothing was changed: what was typed was not 24.'" "a wrong number keeps the words"
$T send-keys -t bs "redact 24" Enter
sleep 0.3
$T send-keys -t bs "24" Enter
ok "wait_for 'Removed the words of contribution 24 for good.'" "the right number removes them"
is "$(sql "SELECT state || ':' || text FROM contribution WHERE id = 24")" "redacted:" "gone from the record"

# A name given with consent, a receipt code and words are never kept.
$T send-keys -t bs "consent $code Gwenllian Hughes" Enter
wait_for "Recorded consent"
# Mistakes that put words where a fixed word belongs are kept out too.
for line in "say Siân told us about Dafydd" "edit Siân Jones said hello" \
    "decision dissent Siân objected strongly" "say $code said hello" \
    "said Siân"; do
	$T send-keys -t bs -l "$line"
	$T send-keys -t bs Enter
done
wait_for "There is no area called 'Si"
$T send-keys -t bs "quit" Enter
i=0; while $T has-session -t bs 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
ok "! grep -qE 'nurses|Si|Gwenllian|$code|Never meant|Dafydd|told|Jones' '$HIST'" \
    "the history file keeps no words, names or receipt codes"
is "$(stat -c %a "$HIST")" 600 "and only its owner can read it"

start
$T send-keys -t bs Up Up Up Up
ok "wait_for 'blanksheet demo> say home idea'" "history survives a restart, without the words"
$T send-keys -t bs C-u "quit" Enter
i=0; while $T has-session -t bs 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
ok "! $T has-session -t bs" "quit leaves"

# Two note-takers on one account: each prompt's lines stay in the file,
# whichever quits last.
for n in 1 2; do
	$T new-session -d -s nt$n -x 200 -y 50 \
	    "env -i HOME=$TMP PATH=/usr/bin:/bin TERM=xterm BLANKSHEET_HISTORY=$HIST $BLANKSHEET -d $DB"
done
sleep 0.5
$T send-keys -t nt1 "shift day" Enter
sleep 0.3
$T send-keys -t nt2 "shift community" Enter
sleep 0.3
$T send-keys -t nt1 "decisions hospital" Enter
sleep 0.3
$T send-keys -t nt2 "quit" Enter
sleep 0.3
$T send-keys -t nt1 "quit" Enter
i=0; while { $T has-session -t nt1 || $T has-session -t nt2; } 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
ok "grep -q '^shift\\\\040day\$' '$HIST' && grep -q '^shift\\\\040community\$' '$HIST' && grep -q '^decisions\\\\040hospital\$' '$HIST'" \
    "two prompts at once keep each other's history lines"
$T kill-server 2>/dev/null || true
