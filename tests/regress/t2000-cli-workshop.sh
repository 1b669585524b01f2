#!/bin/sh
# A whole workshop through script mode: what blanksheet says, and the rows.
. "$(dirname "$0")/tap.sh"
tmpdir
plan 24

out=$(bs < "$TOP/tests/data/demo.bs" 2>"$TMP/err")
ok "[ \$? -eq 0 ]" "the demo script runs to the end"
is "$(cat "$TMP/err")" "" "and says nothing on standard error"
like "$out" "^The record at .* is ready, at version [0-9]+\.$" "init says where the record is"
like "$out" "^Saved contribution 14 under Support with leaving hospital\.$" "say answers in one sentence"
like "$out" "^Registered a family carer\. Their receipt code is [A-Z0-9]{4}-[A-Z0-9]{4}\.$" "participants get a receipt code"
is "$(sql "SELECT count(*) FROM contribution WHERE workshop_id = 1 AND state = 'shown'")" 22 "22 contributions are in the record"
is "$(sql "SELECT count(*) FROM participant WHERE name IS NULL")" 6 "participants are kept without names"
is "$(sql "SELECT group_concat(role) FROM participant")" "lived,carer,carer,commissioner,worker,community" "with their roles"
is "$(sql "SELECT language FROM participant WHERE id = 3")" "cy" "and languages"
is "$(sql "SELECT date || '|' || place || '|' || status || '|' || input_open FROM workshop")" \
    "2026-12-03|Northtown Library, the meeting room on the first floor|open|1" "the workshop's details"
is "$(sql "SELECT s.key FROM contribution c JOIN stage s ON s.id = c.stage_id WHERE c.id = 1")" "goodlife" "--stage is kept"
is "$(sql "SELECT votes_for || '/' || votes_against || '/' || votes_abstain || ' ' || method || ' ' || state FROM decision WHERE id = 1")" \
    "14/2/1 vote agreed" "the vote on decision 1"
is "$(sql "SELECT group_concat(contribution_id) FROM decision_basis WHERE decision_id = 1")" "14,15,17" "what decision 1 rests on"
is "$(sql "SELECT sum(delta) FROM decision_change WHERE decision_id = 1")" 0 "decision 1's changes balance"
is "$(sql "SELECT count(*) FROM indicator")" 3 "indicators are kept"
is "$(sql "SELECT now || ' ' || expected || ' ' || expected_year FROM money WHERE id = 1")" "4800000 4600000 2028" "money is parsed from 4,800,000"

out=$(bs shift hospital)
is "$out" "Support with leaving hospital, State money: £1.2 million before, £1.2 million after the agreed decisions. The changes balance. That is over the expected £1.1 million." \
    "shift says totals before and after, and whether they balance"
out=$(bs decision show 1)
like "$out" "^Change: State money for Delayed discharge beds goes down by £250,000\.$" "decision show says its changes as sentences"
like "$out" "^Vote: 14 for, 2 against, 1 abstaining$" "Label: value lines"

# Editing, hiding, undo.
out=$(printf 'edit 16 Nobody told my mother when I was coming home\nhide 19\nundo\nsearch MOTHER\n' | bs)
like "$out" "^Undid the last change: hide\.$" "undo names what it undid"
like "$out" "^Contribution 16, dislike, under Support with leaving hospital: Nobody told my mother" "search finds words in any case"
like "$out" "^Found 1 contribution with 'MOTHER'\.$" "and counts them"
is "$(sql "SELECT state FROM contribution WHERE id = 19")" "shown" "hide was undone in the record"

# One command on the command line: run it and exit.
out=$(bs workshop show demo)
like "$out" "^Contributions shown: 22$" "a command on the command line runs and exits"
