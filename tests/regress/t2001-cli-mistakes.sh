#!/bin/sh
# Every mistake gets a sentence that says what was wrong and what would be
# right, exits non-zero, and changes nothing in the record.
. "$(dirname "$0")/tap.sh"
tmpdir
plan 194

bs < "$TOP/tests/data/demo.bs" >/dev/null 2>&1
dump() { sqlite3 "$DB" .dump | md5sum; }

# mistake "COMMAND LINE" "PATTERN" "NAME": the line fails, says PATTERN on
# standard error, prints nothing on standard output and changes nothing.
mistake() {
	before=$(dump)
	printf '%s\n' "$1" | bs >"$TMP/out" 2>"$TMP/err"
	rc=$?
	ok "[ $rc -ne 0 ]" "$3: exits non-zero"
	like "$(cat "$TMP/err")" "$2" "$3: says so"
	is "$(dump)" "$before" "$3: changes nothing"
}

mistake "sya hospital like x" "^Line 1: There is no command 'sya'\. Did you mean say\? Usage: say AREA KIND" "unknown command"
mistake "say hospital" "say is missing KIND, a kind: goodlife, like, dislike, idea, question or note\. For example: say hospital idea the words as said\." "missing words"
mistake "hide 3 4" "Too many words for hide: it takes NUMBER\. For example: hide 3\." "extra words"
mistake "money community lunch-club 35,000" "money needs RESOURCE, a resource: state, funding, time or community, where '35,000' is\. For example: money community lunch-club state 35,000\." "a field left out says which, with an example"
mistake "decision review 1 next spring" "decision review needs DATE, a date written year-month-day, such as 2027-06-01, or none, where 'next' is\. For example: decision review 1 2027-06-01\." "a date in words names the date format"
mistake "decision vote 14 2 1" "There is no decision 14 in this workshop\. Did you leave out the decision's number\? Usage: decision vote NUMBER FOR AGAINST ABSTAIN$" "a decision's number left out: not taken for decision 14"
mistake "decision vote 1 14 2" "decision vote is missing ABSTAIN, the hands for neither\. For example: decision vote 1 14 2 1\.$" "a decision that is there, one word short: the word missing"
mistake "decision change 1 hospital-beds state -5m" "^Line 1: That cut is more than the line holds: £1,200,000 now, so it would go below nothing\. Nothing was changed\." "a cut past what a line holds (-1.5m for -150k)"
mistake "say home idea $(seq -s ' ' 1 80) --by $(sql "SELECT code FROM participant LIMIT 1")" "'--by' looks like the option --by, which goes before the words" "an option after 80 words is still seen, so a code never reaches a page"
mistake "undo now" "undo takes no more words\. Type just: undo$" "a command that takes no words, given some"
mistake "said home liek" "'liek' is not a kind of contribution\. Did you mean like\? Kinds: goodlife, like" "said: after an area, a word that is not a kind is named as one, with the kind meant"
mistake "say accomodation like Warm rooms" "There is no area called 'accomodation'\. Did you mean accommodation\? Areas: home, accommodation" "an area misspelt: the area meant"
mistake "say home dislik Cold rooms" "'dislik' is not a kind of contribution\. Did you mean dislike\?" "a kind misspelt: the kind meant"
mistake "money day-centre state 1m" "where 'day-centre' is\. For example: money day day-centre state 1m\.$" "an area left out: the example puts the model under its own area"
mistake "say home idea Carers should come on time --by $(sql "SELECT code FROM participant LIMIT 1")" "^Line 1: '--by' looks like the option --by, which goes before the words; here it would be kept as words\. Nothing was saved\. Usage: say AREA KIND \[--by CODE\]" "an option after the words: refused, so a receipt code never reaches a page"
mistake "decision progress 1 Met the scheme --on 2026-11-01" "'--on' looks like the option --on" "a date option after the words: refused, not a wrong date"
mistake "decision indicator 1 -Who families Fewer waits" "'-Who' looks like the option --who" "an option typed in a hurry: one dash, a capital"
mistake "money home home-care state 1,2m" "'1,2m' is not an amount\. Write a whole number such as 1200000, 1,200,000 or 1\.2m \(a comma only between thousands; a point before a decimal\)\." "a decimal comma is not read as thousands"
mistake "consent $(sql "SELECT code FROM participant LIMIT 1") withdraw" "'withdraw' is not a name\. To forget a name kept with consent, type: consent withdraw" "consent CODE withdraw: the words swapped, not a name"
mistake "workshop set language english" "'english' is not a language tag\. Use one such as en-GB or cy\." "a language's name is not its tag"
mistake "workshop add" "For example: workshop add north-2026 the title\.$" "an example that would itself work: it has a title"
mistake "redact 5 yes" "To say yes here, type --yes: redact 5 --yes\.$" "yes typed as a word: the option, with the number kept"
mistake "input moderate on off" "^Line 1: Too many words for input\. Usage: input open\|close" "too many words for a command of fixed words: its usage, not 'type just'"
mistake "say home idea --by A --by B words" "--by is given twice: give it once\." "an option given twice"
mistake "money home homeshare state 4.2m 3.9m 1999" "^Line 1: 1999 has gone by: the amount expected is for this year or one to come, such as 20[0-9][0-9]\.$" "an expected year gone by"
mistake "money home homeshare time £2,400" "such as: money home homeshare time 2,400\.$" "pounds for hours: the example keeps the number typed"
mistake "money home homeshare time £500" "People's time and energy is counted in hours, not pounds\. Write the hours without £, such as: money home homeshare time 500\." "pounds for hours"
mistake "money home home-care state 1.2 million" "'1\\.2' is not an amount\\. .*1\\.2m for 1\\.2 million, 2\\.5k for 2,500\\)" "1.2 million: how to write it"
mistake "decision remove 1 contribution 14" "For example: decision remove 1 basis 14\.$" "a contribution a decision rests on is its basis"
mistake "input open close" "^Line 1: Too many words: say input open, input close" "input open close: too many words, input not opened"
mistake "participant add Facilitator" "Roles: .*other, facilitator, notetaker\.$" "the roles listed are all the roles"
mistake "SAY home like x" "There is no command 'SAY'\. Did you mean say\?" "a command in capitals gets a suggestion"
mistake "workshop ad foo bar" "There is no command 'workshop ad'\. Did you mean workshop add\?" "a typo in the second word is named, not the first"
mistake "models Home" "Areas are written in small letters: home, not 'Home'\." "an area in capitals says how to write it"
mistake "export md" "'md' is a format: give it with --format, such as: export --format md\.$" "a format where a workshop goes"
mistake "log x" "'x' is not a number of entries\. For example: log 20\.$" "log with a word, not a number"
mistake "Workshop ad x" "There is no command 'Workshop ad'\. Did you mean workshop add\?" "a typo in a group's second word, the first in capitals"
mistake "decision remove 1 contribution" "For example: decision remove 1 basis 1\.$" "a basis line left out: an example that works"
mistake "xyzzy 3" "^Line 1: There is no command 'xyzzy'\. Type help for the list of commands\.$" "nothing close: no suggestion"
mistake "hlep" "Did you mean help\?" "two letters swapped: a suggestion"
mistake "redact 3" "Removing the words of contribution 3 cannot be undone, so it needs --yes here: redact NUMBER --yes" "redact in a script needs --yes"
mistake "erase $(sql "SELECT code FROM participant LIMIT 1")" "Erasing a participant and all they said cannot be undone, so it needs --yes here: erase CODE --yes" "erase in a script needs --yes"
mistake "purge demo" "Purging a workshop and everything in it cannot be undone, so it needs --yes here: purge SLUG --yes" "purge in a script needs --yes"
mistake "money accommodation homeshare time 5" "Homeshare is a model under Support in your own home, not Support with accommodation: its money is counted there\. Type: money home homeshare time 5" "money under another area than its model's"
mistake "use nowhere" "There is no workshop called 'nowhere'\. Workshops: demo\." "unknown workshop"
mistake "say hosptial like x" "There is no area called 'hosptial'\. Did you mean hospital\? Areas: home, accommodation, day, hospital, community\." "unknown area"
mistake "say hospital rant x" "'rant' is not a kind of contribution\. Kinds: goodlife, like, dislike, idea, question, note\." "unknown kind"
mistake "hide 999" "There is no contribution 999 in this workshop\. List them with: said\." "unknown contribution"
mistake "decision agree 77" "There is no decision 77 in this workshop\. List them with: decisions\." "unknown decision"
mistake "hide twelve" "'twelve' is not a contribution number" "a number that is not one"
mistake "money hospital hospital-beds state lots" "'lots' is not an amount\. Write a whole number such as 1200000" "an amount that does not parse"
mistake "decision change 1 hospital-beds state 5000" "'5000' is not a change\. Write \+ or - and an amount" "a change without a sign"
mistake "money hospital nothing state 5" "There is no model called 'nothing'\. Models: .*homeshare" "unknown model"
mistake "workshop set date 31/12/2026" "'31/12/2026' is not a date\. Write it as year-month-day" "a date that does not parse"
mistake "workshop set date 2026-02-30" "'2026-02-30' is not a date" "a date that does not exist"
mistake "say hospital like $(head -c 4100 /dev/zero | tr '\0' a)" "too long: 4100 bytes, and the limit is 4000" "text over the limit"
mistake "hide --all 3" "hide has no option --all\. Usage: hide NUMBER" "an unknown option"

# A script stops at the first mistake; the lines after it do not run.
before=$(sql "SELECT count(*) FROM contribution")
printf 'say home like One\nsay home rant Two\nsay home like Three\n' | bs >"$TMP/out" 2>"$TMP/err"
ok "[ $? -ne 0 ]" "a script with a mistake exits non-zero"
like "$(cat "$TMP/err")" "^Line 2: " "and names the line"
is "$(sql "SELECT count(*) FROM contribution")" "$((before + 1))" "the line before it was kept and the line after it never ran"

# Records that are not ours, or from a newer Blank Sheet.
echo "not a database, just words" > "$TMP/words.db"
out=$("$BLANKSHEET" -d "$TMP/words.db" workshops 2>&1)
like "$out" "Cannot use the record .*words\.db: this file is not a Blank Sheet record\." "a file that is not a record"
sqlite3 "$TMP/other.db" "CREATE TABLE x (y)"
out=$("$BLANKSHEET" -d "$TMP/other.db" workshops 2>&1)
like "$out" "this file is not a Blank Sheet record" "another program's SQLite file"
cp "$DB" "$TMP/newer.db"
sqlite3 "$TMP/newer.db" "PRAGMA user_version = 99"
out=$("$BLANKSHEET" -d "$TMP/newer.db" workshops 2>&1)
like "$out" "made by a newer Blank Sheet: upgrade this program" "a record from a newer version"
out=$("$BLANKSHEET" -d "$TMP/none.db" workshops 2>&1)
like "$out" "no record at this path: create one with init" "a record that does not exist yet"
ok "[ ! -e '$TMP/none.db' ]" "and it is not created by accident"

# Another writer holds the record: wait, then say so, and change nothing.
before=$(dump)
python3 - "$DB" "$TMP/locked" <<'PY' &
import sqlite3, sys, time, os
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(8)
db.execute("ROLLBACK")
PY
holder=$!
while [ ! -e "$TMP/locked" ]; do sleep 0.1; done
out=$(bs say home like Words while locked 2>&1)
like "$out" "The record is busy: another program is writing to it\. Nothing was changed" "a locked record: wait, then say so"
wait $holder
is "$(dump)" "$before" "a locked record: nothing changed"

# Corrections keep what was not typed again, and say so.
out=$(bs money home home-care state 5m)
is "$out" "demo: Recorded State money for Home care agency visits under Support in your own home: £5,000,000 now, and still £4,600,000 expected in 2028." \
    "correcting the amount now keeps the amount expected and its year"
out=$(bs money home home-care state 5m none)
is "$out$(sql "SELECT ifnull(expected, 'gone') FROM money y JOIN model m ON m.id = y.model_id WHERE m.key = 'home-care'")" \
    "demo: Recorded State money for Home care agency visits under Support in your own home: £5,000,000 now.gone" \
    "none takes the amount expected away"
out=$(bs workshop set retention 1,200)
is "$out$(sql "SELECT retention_days FROM workshop")" "demo: Set the retention of this workshop to 1200 days: it is kept until 1200 days after its date, then purge expired removes it.1200" \
    "a number of days written with a comma is taken"
code=$(sql "SELECT code FROM participant LIMIT 1")
bs consent "$code" Siân > /dev/null
is "$(bs consent "$code" Siân Jones)" "demo: Recorded consent, and kept the name Siân Jones for $code in place of Siân." \
    "a name kept in place of another says so"

# What the prompt says when there is nothing to do, or the shell forgets.
n=$(sql "SELECT id FROM contribution ORDER BY id LIMIT 1")
bs hide "$n" > /dev/null
audit=$(sql "SELECT count(*) FROM audit")
is "$(bs hide "$n")$(sql "SELECT count(*) FROM audit")" "demo: Contribution $n is hidden already.$audit" \
    "hiding what is hidden says so, and logs no change"
is "$("$BLANKSHEET" -d "$DB" use demo)" \
    "From the shell each command runs on its own, so this choice ends here. Name the workshop with each command instead: blanksheet -w demo COMMAND." \
    "use from the shell says the choice ends with the command"
out=$(printf 'say hom like x\nsay home like y\n' | bs 2>&1)
is "$(echo "$out" | tail -n 1)" "Stopped there: line 2 and the lines after it were not run." \
    "a script says where it stopped"

# Amounts with decimals and a k or m are whole amounts, read exactly.
for a in 0.12m:120000 8.1k:8100 1,234.5k:1234500; do
	bs money home home-care state "${a%%:*}" > /dev/null
	is "$(sql "SELECT now FROM money y JOIN model m ON m.id = y.model_id WHERE m.key = 'home-care'")" \
	    "${a#*:}" "${a%%:*} is read as ${a#*:}"
done

# Someone's words that hold a word like an option are their words.
out=$(bs say home idea We pay --by the hour)
is "$out$(sql "SELECT count(*) FROM contribution WHERE text = 'We pay --by the hour'")" \
    "demo: Saved contribution $(sql "SELECT max(id) FROM contribution") under Support in your own home.1" \
    "'--by the hour' in the words is kept: no code follows it"

# A title that makes pages long to hear is kept, with a note saying why.
out=$(bs workshop add long Northtown, Southbridge and the surrounding villages: changing adult social care and support together)
like "$out" "^Note: pages call this workshop \"Northtown, Southbridge and the surrounding villages\", which makes long page titles\." \
    "a long name before the colon gets a note"
is "$(sql "SELECT count(*) FROM workshop WHERE slug = 'long'")" 1 "  and the workshop is made"
