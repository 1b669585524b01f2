#!/bin/sh
# A whole workshop through script mode: what blanksheet says, and the rows.
. "$(dirname "$0")/tap.sh"
tmpdir
plan 72

out=$(bs < "$TOP/tests/data/demo.bs" 2>"$TMP/err")
ok "[ \$? -eq 0 ]" "the demo script runs to the end"
is "$(cat "$TMP/err")" "" "and says nothing on standard error"
like "$out" "^The record at .* is ready, at version [0-9]+\.$" "init says where the record is"
like "$out" "^demo: Saved contribution 14 under Support with leaving hospital\.$" "say answers in one sentence, naming the workshop"
like "$out" "^demo: Registered a family carer\. Their receipt code is [A-Z0-9]{4}-[A-Z0-9]{4}\.$" "participants get a receipt code"
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
is "$out" "Support with leaving hospital, State money: £1,200,000 before, £1,200,000 after the agreed decisions. The changes balance. That is over the expected £1,100,000." \
    "shift says totals before and after, and whether they balance"
out=$(bs decision show 1)
like "$out" "^Change 1: State money for Delayed discharge beds, under Support with leaving hospital, goes down by £250,000, from £1,200,000 to £950,000\.$" "decision show says its changes as sentences"
like "$out" "^Vote: 14 for, 2 against, 1 abstaining$" "Label: value lines"

# Editing, hiding, undo.
out=$(printf 'edit 16 Nobody told my mother when I was coming home\nhide 19\nundo\nsearch MOTHER\n' | bs)
like "$out" "^demo: Took back your hide on contribution 19: it is shown again: " "undo says what it took back, in words"
undone=$(printf 'workshop set place The old hall\nundo\ndecision dissent 1 New dissent\nundo\n' | bs)
like "$undone" "^demo: Took back your workshop set on workshop demo: its place reads again: Northtown Library, the meeting room on the first floor\.$" \
    "undo names the field it put back, not the title"
like "$(printf 'money home home-care state 5m none\nundo\n' | bs)" \
    "^demo: Took back your money on the money for Home care agency visits: its now reads again: 4800000; its expected reads again: 4600000; its expected year reads again: 2028\.$" \
    "undo names each field it put back"
closed=$(printf 'input open\nworkshop close\nundo\ninput moderate on\nundo\n' | bs)
like "$closed" "^demo: Took back your workshop close on workshop demo: its status reads again: open; participant input is open again\.$" \
    "undo of workshop close says input is open again too"
like "$closed" "^demo: Took back your input on workshop demo: moderation is off again\.$" \
    "  and a switch is named in words"
is "$(sql "SELECT status || ' ' || input_open FROM workshop WHERE slug = 'demo'")" "open 1" \
    "  and both are put back in the record"
like "$undone" "^demo: Took back your decision dissent on decision 1: its dissent reads again: Two people worried" \
    "and for a decision, the dissent, not the statement"
like "$out" "^Contribution 16, dislike, under Support with leaving hospital: Nobody told my mother" "search finds words in any case"
like "$out" "^Found 1 contribution with 'MOTHER'\.$" "and counts them"
is "$(sql "SELECT state FROM contribution WHERE id = 19")" "shown" "hide was undone in the record"

# One command on the command line: run it and exit.
out=$(bs workshop show demo)
like "$out" "^Contributions shown: 22$" "a command on the command line runs and exits"

# The same workshop again, as two note-takers taking turns line by line,
# each its own blanksheet: the record comes out the same.
DB=$TMP/one.db
bs < "$TOP/tests/data/demo.bs" > /dev/null
DB1=$DB
DB=$TMP/two.db
python3 "$TOP/tests/regress/notetakers.py" "$BLANKSHEET" "$DB" \
    "$TOP/tests/data/demo.bs" "$TMP/two.out" 2> "$TMP/two.err"
ok "[ \$? -eq 0 ]" "two interleaved note-takers run the demo to the end"
tables="contribution decision decision_change decision_basis indicator money model"
rows() {
	for t in $tables; do
		sqlite3 -batch "$1" "SELECT * FROM $t ORDER BY id" |
		    sed 's/[0-9-]*T[0-9:]*Z//g'
	done
}
is "$(rows "$DB")" "$(rows "$DB1")" "and the record is the same as one note-taker's"
like "$(cat "$TMP/two.out")" "^A: demo: Saved contribution 2 under" "each confirmation names the workshop"
# Each undoes only their own, even when the other wrote last.
out=$(python3 - "$BLANKSHEET" "$DB" <<'PY'
import subprocess, sys
bs, db = sys.argv[1:3]
a = subprocess.Popen([bs, "-d", db], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
b = subprocess.Popen([bs, "-d", db], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
def say(p, line):
    p.stdin.write(line + "\n"); p.stdin.flush()
    return p.stdout.readline().rstrip("\n")
print("A", say(a, "say hospital idea Words from A"))
print("B", say(b, "say hospital idea Words from B"))
print("A", say(a, "undo"))
print("A", say(a, "undo"))
print("B", say(b, "undo"))
print("A", say(a, "say hospital idea After the undo"))
a.stdin.close(); b.stdin.close(); a.wait(); b.wait()
PY
)
like "$out" "^A demo: Took back contribution 23: Words from A\.$" "A's undo takes back A's words, though B wrote last"
like "$out" "^A There is nothing of yours to undo\." "and nothing of B's"
like "$out" "^B demo: Took back contribution 24: Words from B\.$" "B's undo takes back B's"
like "$out" "^A demo: Saved contribution 25 under" "a number taken back is never given again"
is "$(sql "SELECT count(*) FROM contribution WHERE text LIKE 'Words from %'")" 0 "both are gone from the record"
is "$(sql "SELECT value FROM setting WHERE key = 'current'")" "" "the workshop in use is not kept in the shared record"

# The manual and --help.
out=$("$BLANKSHEET" --help)
ok "[ \$? -eq 0 ]" "--help exits 0"
like "$out" "^usage: blanksheet \[-d FILE\] \[-w SLUG\] \[COMMAND \.\.\.\]$" "--help prints the usage"
man=$(MANWIDTH=200 man -l "$TOP/cli/blanksheet.1" 2>/dev/null | col -b)
missing=
for cmd in $(bs help | sed -n 's/^\([a-z][a-z]*\( [a-z][a-z]*\)\{0,1\}\)[ :].*/\1/p' | tr ' ' '_'); do
	printf '%s\n' "$man" | grep -q "$(echo "$cmd" | tr '_' ' ')" || missing="$missing $cmd"
done
is "$missing" "" "blanksheet(1) documents every command in help"

# Input over plain HTTP (the web door's -W): allowed and taken back.
out=$(bs -w demo input http on 2>&1)
like "$out" "^demo: Participant input over plain HTTP is now allowed\. Plain HTTP is not encrypted: words typed over it can be read on the way\.$" \
    "input http on says what it allows, and that it is not encrypted"
like "$(bs -w demo workshop show)" "^Participant input: .*, also over plain HTTP$" \
    "workshop show says input is allowed over plain HTTP"
out=$(bs -w demo input http off 2>&1)
like "$out" "^demo: Participant input over plain HTTP is now not allowed\.$" \
    "input http off takes it back"

# A draft is seen by nobody: opening input on one says so, and what to do.
DB=$TMP/draft.db
out=$(printf 'init\nworkshop add spring Spring\ninput open\nworkshop show\nworkshop open\n' | bs 2>&1)
like "$out" "^Participants cannot see this workshop yet: it is a draft\. Type workshop open to show it to them\.$" \
    "input open on a draft says participants cannot see it, and what to do"
like "$out" "^Status: draft\. Only you can see it: participants' pages do not list it until you type workshop open\.$" \
    "workshop show explains what draft means"
like "$out" "^Note: input is open, but participants cannot see a draft\. Type workshop open\.$" \
    "and that open input does not help a draft"
like "$out" "^Workshop spring is now open\. Participants can read its pages, and add their words while input is open\.$" \
    "workshop open names the workshop and says what open means"
out=$(printf 'say home note Lunch club on Fridays\nmove 1 community idea\nsaid community\n' | bs 2>&1)
like "$out" "^spring: Moved contribution 1 to Whole-community work, under ideas\.$" "move files words under another area and kind"

# Search in any case, Welsh and accented letters too.
bs say home like Ŵyl Café in the village > /dev/null
bs say home idea Mae’n dda cael “help” > /dev/null
is "$(bs search "mae'n" | tail -n 1)" "Found 1 contribution with 'mae'n'." "search with a straight apostrophe finds a curly one"
is "$(bs search ŵyl | tail -n 1)$(bs search CAFÉ | tail -n 1)" \
    "Found 1 contribution with 'ŵyl'.Found 1 contribution with 'CAFÉ'." \
    "search matches Ŵ with ŵ and É with é"

# Words replaced are said, so that nothing goes without a word.
DB=$TMP/dissent.db
bs < "$TOP/tests/data/demo.bs" > /dev/null 2>&1
is "$(echo 'decision dissent 1 Only one person disagreed' | bs 2>&1 | tail -n 1)" \
    "Before, it read: Two people worried that there are not yet enough Shared Lives carers nearby. Undo puts that back." \
    "a dissent written over says what it replaced, and how to put it back"
is "$(bs decision dissent 1 Two disagreed 2>&1 | tail -n 1)" \
    "Before, it read: Only one person disagreed." \
    "from the shell, where undo cannot reach it, without the undo"

# Blank lines, and lines of spaces, are passed over in a script.
out=$(printf 'areas\n\n   \n\t\nareas\n' | bs 2>&1)
is "$?" 0 "blank lines and lines of spaces in a script are passed over"
unlike "$out" "no command" "  without a word about them"
# Long words said: the whole of them, however many words.
long=$(python3 -c "print(' '.join('word%d' % i for i in range(150)))")
bs say community goodlife $long > /dev/null
is "$(sql "SELECT text FROM contribution ORDER BY id DESC LIMIT 1")" "$long" \
    "a contribution of 150 words is kept whole"
out=$(bs approve $(seq 1 70) 2>&1)
like "$out" "^Too many words for approve" "a command with too many words of its own still says so"

# purge expired names what it would remove, and asks as purge SLUG does.
DB=$TMP/expired.db
bs < "$TOP/tests/data/demo.bs" > /dev/null 2>&1
bs workshop add old An old workshop > /dev/null
bs -w old workshop set date 2020-01-01 > /dev/null
bs -w old workshop set retention 30 > /dev/null
out=$(bs purge expired 2>&1)
like "$out" "^Workshop old, held on 2020-01-01, was to be kept for 30 days\.$" "purge expired names each workshop past its time"
like "$out" "needs --yes here: purge expired --yes" "  and in a script needs --yes"
is "$(sql "SELECT count(*) FROM workshop")" 2 "  and without it removes nothing"
out=$(bs purge expired --yes 2>&1)
like "$out" "^Purged the workshop past its time to be kept: old\. This cannot be undone\.$" "with --yes it purges"
is "$(sql "SELECT group_concat(slug) FROM workshop")" demo "  only the workshop past its time"

# Undo ends its sentence once: words that end in a question mark keep it.
DB=$TMP/stop.db
bs < "$TOP/tests/data/demo.bs" > /dev/null 2>&1
out=$(printf 'say home question Pwy sy’n talu?\nundo\n' | bs | tail -n 1)
like "$out" "Took back contribution [0-9]+: Pwy sy’n talu\?$" "undo of words ending in ? adds no full stop"
out=$(bs watch 1 2>&1 >/dev/null)
is "$out" "Watching demo for participants' words for 1 second. Control-C stops sooner." "watch for some seconds says how many"

# A move to where it is already changes nothing, and logs nothing.
DB=$TMP/move.db
bs < "$TOP/tests/data/demo.bs" > /dev/null 2>&1
entries=$(sql "SELECT count(*) FROM audit")
out=$(bs move 1 home goodlife)
is "$out" "demo: Contribution 1 is there already: Support in your own home, under what a good life looks like. Nothing was changed." \
    "a move to where a contribution is says so"
is "$(sql "SELECT count(*) FROM audit")" "$entries" "  and writes nothing to the log"

# Undo of a command that changed several rows says so, and puts all back.
DB=$TMP/many-undo.db
bs < "$TOP/tests/data/demo.bs" > /dev/null 2>&1
sql "UPDATE contribution SET state = 'held' WHERE id IN (2, 3)"
out=$(printf 'approve 2 3\nundo\n' | bs)
like "$out" "^Your approve changed 1 more thing, and it is as it was before too\.$" "undo of approve 2 3 says it put back both"
is "$(sql "SELECT group_concat(state) FROM contribution WHERE id IN (2, 3)")" "held,held" "  and both are held again"
out=$(printf 'hide 5\nredact 4 --yes\nundo\n' | bs 2>&1)
like "$out" "Your last change, redact, cannot be undone, nor anything before it: it removed words or a name for good\.$" \
    "undo after words removed for good says that nothing before it can be undone either"

# purge expired names a workshop with no date by the day it was made.
DB=$TMP/nodate.db
bs < "$TOP/tests/data/demo.bs" > /dev/null 2>&1
bs workshop add undated No date yet > /dev/null
sql "UPDATE workshop SET created = '2020-01-01T10:00:00Z', retention_days = 1 WHERE slug = 'undated'"
out=$(bs purge expired 2>&1)
like "$out" "^Workshop undated, with no date, made on 2020-01-01, was to be kept for 1 day\.$" \
    "purge expired says a workshop had no date, and counts one day"
out=$(bs -w demo move 1 home idea)
is "$out" "demo: Moved contribution 1 to Support in your own home, under ideas." "move names the kind in small letters mid-sentence"
