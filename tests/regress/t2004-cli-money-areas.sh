#!/bin/sh
# Money moved between areas counts under each model's own area: the
# example from a real workshop (a decision filed under community that takes
# £100,000 from Shared Lives, under accommodation, for warm spaces), read
# through shift, the pages over Gemini, and the Markdown report; then a
# property test over random decisions (tests/regress/money_areas.py).
. "$(dirname "$0")/lib.sh"

bs_plan 17
bs_tmpdir
bs_cert
bs_capsule
B="$BS_BIN/blanksheet -d $BS_DB"
$B < "$BS_DATA/demo.bs" > /dev/null 2>&1 ||
    { echo "Bail out! the demo script failed"; exit 1; }
printf '%s\n' "use demo" \
    "model add community warm-spaces-2 Warm spaces" \
    "decision add community Move money from Shared Lives into warm spaces" \
    "decision change 4 shared-lives state -100,000" \
    "decision change 4 warm-spaces-2 state +100,000" \
    "decision agree 4" | $B > /dev/null 2> "$BS_TMP/err"
bs_ok "the cross-area decision is recorded" test ! -s "$BS_TMP/err"

out=$($B -w demo shift accommodation)
bs_ok "shift counts the change under Shared Lives' own area" \
    test "$out" = "Support with accommodation, State money: £900,000 before, £800,000 after the agreed decisions. The changes add up to £100,000 less. That is within the expected £950,000."
out=$($B -w demo shift community | grep "State money")
bs_ok "and the other change under the warm spaces' area" \
    test "$out" = "Whole-community work, State money: £0 before, £100,000 after the agreed decisions. The changes add up to £100,000 more."
out=$($B -w demo decisions accommodation | grep '^Decision 4')
bs_ok "decisions AREA lists a decision filed elsewhere that changes money there" \
    test "$out" = "Decision 4, agreed, under Whole-community work: Move money from Shared Lives into warm spaces (It changes money here.)"
out=$($B -w demo decision show 4 | grep '^Moves:')
bs_ok "decision show says where the money comes from and goes" \
    test "$out" = "Moves: It moves £100,000 of state money from Shared Lives under Support with accommodation to Warm spaces under Whole-community work."

bs_start_server
bs_fetch "$(bs_url /w/demo/accommodation/)" > "$BS_TMP/acc"
bs_ok "the accommodation page shows Shared Lives' money after the decision" \
    grep -qF "* State money for Shared Lives: £900,000 a year now, £800,000 agreed. That is £100,000 less." "$BS_TMP/acc"
bs_ok "and, under its own heading, the decision filed elsewhere that moved it" sh -c \
    'sed -n "/^## Decisions under other areas that change money here/,\$p" "$1" | grep -q "Move money from Shared Lives into warm spaces"' sh "$BS_TMP/acc"
bs_fetch "$(bs_url /w/demo/community/)" > "$BS_TMP/com"
bs_ok "the community page shows the warm spaces' new money" \
    grep -qF "* State money for Warm spaces: £0 a year now, £100,000 agreed. That is £100,000 more." "$BS_TMP/com"
bs_fetch "$(bs_url /w/demo/decisions)" > "$BS_TMP/dec"
bs_ok "the decisions page says each change under its model's area" \
    grep -qF "* State money for Shared Lives, under Support with accommodation, goes down by £100,000, from £900,000 to £800,000." "$BS_TMP/dec"
bs_ok "and the other change, once: no second sentence saying it again" \
    sh -c 'grep -qF "* State money for Warm spaces, under Whole-community work, goes up" "$1" && ! grep -q "It moves" "$1"' sh "$BS_TMP/dec"
bs_fetch "$(bs_url /easy/w/demo/accommodation/)" > "$BS_TMP/easy"
bs_ok "the Easy Read page counts it under Shared Lives' area too" \
    grep -qF "The workshop agreed to give it £100,000 less." "$BS_TMP/easy"
bs_ok "server still runs" bs_alive

$B export demo --format md > "$BS_TMP/report.md"
bs_ok "the report says where the money moves" \
    grep -qF "It moves £100,000 of state money from Shared Lives under Support with accommodation to Warm spaces under Whole-community work." "$BS_TMP/report.md"
bs_ok "and the amount recorded for Shared Lives before" \
    grep -qF "State money for Shared Lives, under Support with accommodation, goes down by £100,000, from £900,000 to £800,000." "$BS_TMP/report.md"

out=$($B -w demo money community shared-lives state 5 2>&1)
bs_ok "money under another area than its model's is refused, with the right command" \
    test "$out" = "Shared Lives is a model under Support with accommodation, not Whole-community work: its money is counted there. Type: money accommodation shared-lives state 5"

seed=${BS_SEED:-$(date +%s)}
bs_diag "property test seed $seed (BS_SEED=$seed to repeat)"
out=$(python3 "$BS_ROOT/tests/regress/money_areas.py" "$BS_BIN/blanksheet" \
    "$BS_TMP/prop.db" "$seed" 8 2>&1)
bs_ok "for random decisions across areas, every total equals a direct SQL sum" test -z "$out"
[ -z "$out" ] || printf '%s\n' "$out" | sed 's/^/# /'
bs_stop
bs_ok "server stopped cleanly" test "$BS_STATUS" = 0
