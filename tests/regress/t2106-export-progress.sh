#!/bin/sh
# What a council acts on: a decision's progress after the workshop
# (status and dated notes), Key Human Indicators with their parts, the
# facilitator and note-taker (named only with consent), and who took part
# in numbers only.  Every export carries them; the report words them as
# the decisions page does, never saying a proposal or a rejected decision
# was done.  Mistakes in the new commands are explained.
. "$(dirname "$0")/tap.sh"
tmpdir
. "$(dirname "$0")/export_lib.sh"
plan 63

demo
today=$(date +%Y-%m-%d)
out=$(bs participant add facilitator)
fac=${out##* }
fac=${fac%.}
bs consent "$fac" Sam Jones > /dev/null
bs participant add notetaker > /dev/null
out=$(bs decision status 1 started)
is "$out" "demo: Decision 1 is started." "decision status says what it recorded"
out=$(bs decision progress 1 Ten carers recruited so far, six more in training.)
is "$out" "demo: Noted the progress of decision 1 on $today." "decision progress dates the note today"
out=$(bs decision indicator 1 --who families --ask 2027-03-01 Families say they knew when their relative was coming home.)
is "$out" "demo: Added Key Human Indicator 3 to decision 1: how we would know it worked." \
    "a Key Human Indicator with who will say it and when it is asked again"
out=$(bs decision baseline 1 3 Most families heard on the day, often late.)
is "$out" "demo: Recorded what it is like now for Key Human Indicator 3 of decision 1." \
    "what it is like now"
bs decision change 3 warm-spaces community +500 > /dev/null
bs hide 22 > /dev/null
show=$(bs decision show 1)
like "$show" "^Status: started$" "decision show gives the status"
like "$show" "^Indicator 3, who will say it: families$" "and each part of an indicator"
like "$show" "^Progress 1, on $today: Ten carers recruited" "and the progress notes"

# Every export carries it, equal to the record.
bs export demo --format json -o "$TMP/demo.json" > /dev/null
out=$(CHECK json "$DB" demo "$TMP/demo.json" 2>&1)
is "$out" "" "the JSON export is valid by the schema and equals the record"
bs export demo --format csv -o "$TMP/csv" > /dev/null
out=$(CHECK csv "$DB" demo "$TMP/csv" 2>&1)
is "$out" "" "the CSV files equal the record, progress.csv and participation.csv too"
out=$("$PY" -c '
import json, sys
d = json.load(open(sys.argv[1]))
d1 = d["decisions"][0]
p = {(x["measure"], x["key"]): x["count"] for x in d["participation"]}
print(d1["status"], len(d1["progress"]), d1["indicators"][2]["who"],
      d1["indicators"][2]["ask_date"], p[("role", "facilitator")],
      p[("role", "notetaker")], p[("hidden", None)],
      [x["name"] for x in d["participants"] if x["role"] == "facilitator"])
' "$TMP/demo.json")
is "$out" "started 1 families 2027-03-01 1 1 1 ['Sam Jones']" \
    "status, progress, indicator parts, roles and counts are in the JSON"
is "$(grep -c '' "$TMP/csv/progress.csv")" 2 "progress.csv has its header and the note"
like "$(cat "$TMP/csv/participation.csv")" "^demo,hidden,,,1" "participation.csv counts the hidden words"
is "$(grep -c 'Key Human Indicators: friendships' "$TMP/demo.json" "$TMP/csv/contributions.csv" | tr '\n' ' ')" \
    "$TMP/demo.json:0 $TMP/csv/contributions.csv:0 " "and the hidden words themselves are in neither"

# The report.
bs export demo --format gmi -o "$TMP/demo.gmi" > /dev/null
g=$(cat "$TMP/demo.gmi")
bs export demo --format gmi -o "$TMP/demo" > /dev/null
out=$(PAGECHECK "$TMP/demo" 2>&1)
like "$out" "^pagecheck: 9 pages checked, 0 problems," "the report's documents pass the page checker"
like "$g" "^Since the workshop: Work on it has started\.$" "the status, as a sentence"
like "$g" "^> [A-Z][a-z]+day [0-9]+ [A-Z][a-z]+ [0-9]{4}: Ten carers recruited so far" \
    "a progress note, dated in words"
like "$g" "^Families will say whether this has changed\.$" "who will say it"
like "$g" "^> Most families heard on the day, often late\.$" "what it is like now"
like "$g" "^It will be asked again on Monday 1 March 2027\.$" "when it will be asked again"
is "$(grep -c '^Key Human Indicators are ' "$TMP/demo.gmi")" 1 "the term is explained once"
like "$g" "^The facilitator was Sam Jones, who agreed to be named\.$" "the facilitator is named with consent"
like "$g" "^There was a note-taker, not named here\.$" "the note-taker, without consent, is not"
like "$g" "^1 contribution was hidden, and the words of 0 contributions were removed\." \
    "hidden words are counted, not quoted"
d3=$(sed -n '/^### Decision 3,/,/^## /p' "$TMP/demo.gmi")
like "$d3" "^Proposed, not decided yet\.$" "a proposal is said to be not decided"
like "$d3" "^If it is agreed, this is what changes:$" "its changes are what would happen"
unlike "$d3" "Agreed|It moves|^What changes:|Since the workshop" "and nothing says it was done"
page=$(bs export demo --format md)
like "$page" "Since the workshop: Work on it has started\." "the Markdown report says the same"

# A decision taken back to proposed keeps its notes, but no longer says so.
out=$(bs decision propose 1)
is "$out" "demo: Decision 1 is back to proposed. Its progress (its status and 1 note) is kept, but pages and reports leave it out while the decision is not agreed." \
    "taking an agreement back says the progress is kept, and not shown"
d1=$(bs export demo --format gmi | sed -n '/^### Decision 1,/,/^### /p')
unlike "$d1" "Since the workshop|Notes on its progress|^What changes:" \
    "a decision back to proposed is not said to be getting on"
bs decision agree 1 > /dev/null
out=$(bs decision reject 3)
is "$out" "demo: Decision 3 is rejected." "a rejection with no progress says only that"
bs decision propose 3 > /dev/null

# Hands counted the other way, and a change to what was agreed, are noted.
out=$(bs decision vote 3 4 17 1 >/dev/null; bs decision agree 3)
like "$out" "^Note: the hands counted were 4 for and 17 against\. If that is not how the room decided, correct it with decision vote or undo\.$" \
    "agreeing a decision the hands voted down is noted"
bs decision propose 3 > /dev/null
out=$(printf 'decision change 1 warm-spaces community +1\nundo\n' | bs)
like "$out" "^Decision 1 is agreed already: this changes what the room agreed\." "changing an agreed decision is noted"

# A review date gone by is kept, and said to have gone by.
out=$(bs decision review 2 2020-06-01)
is "$out" "demo: Set the review date of decision 2 to 2020-06-01, which has already gone by. If that was a slip, type the date again: decision review 2 YEAR-MONTH-DAY." \
    "a review date in the past is kept, with a word that it has gone by"
is "$(sql "SELECT review_date FROM decision WHERE id = 2")" 2020-06-01 "  and it is in the record"
g=$(bs export demo --format gmi | sed -n '/^### Decision 2,/,/^### /p')
like "$g" "^It was to be looked at again on Monday 1 June 2020\.$" "a review date gone by is not said in the future tense"
bs decision review 2 2099-06-01 > /dev/null

# A decision dropped after the workshop moves no money.
moved() { sql "SELECT group_concat(agreed, ' ') FROM ledger WHERE model_id IN (SELECT model_id FROM decision_change WHERE decision_id = 2) ORDER BY model_id"; }
before=$(moved)
bs decision status 2 dropped > /dev/null
like "$before" "-[1-9]" "an agreed decision's changes count in the ledger ($before)"
is "$(moved)" "0 0" "a dropped decision's changes do not"
g=$(bs export demo --format gmi | sed -n '/^### Decision 2,/,/^### /p')
like "$g" "^This is what it would have changed:$" "its changes are what would have happened"
unlike "$g" "looked at again" "  and no review is promised"
md=$(bs report demo --format md)
like "$md" "Since the workshop: They decided not to do it after all\. It moves no money\." \
    "the summary says it was dropped, and moves no money"
bs decision status 2 none > /dev/null

# Undo takes a progress note back; decision remove too.
out=$(printf 'use demo\ndecision progress 1 A note to take back\nundo\n' | bs 2>&1 | tail -1)
like "$out" "Took back a progress note of decision 1" "undo takes back a progress note"
is "$(sql "SELECT count(*) FROM decision_progress")" 1 "and it is gone"

# Mistakes, explained.
out=$(bs decision status 3 started 2>&1)
is "$out" "Decision 3 is not agreed, so nothing has been done about it yet. If the room agreed it, first type: decision agree 3." \
    "a proposal has no progress"
out=$(bs decision status 1 finished 2>&1)
is "$out" "'finished' is not how a decision is getting on. Give one of: started, done, stalled, dropped, or none." \
    "an unknown status"
out=$(bs decision indicator 1 --who neighbours Something 2>&1)
is "$out" "'neighbours' is not who will say it. Give one of: people, families, workers." \
    "an unknown voice"
out=$(bs decision baseline 1 9 Words 2>&1)
like "$out" "^Decision 1 has no indicator line 9\." "a baseline for an indicator that is not there"
out=$(bs report demo --format json 2>&1)
is "$out" "A report is md (Markdown), gmi (gemtext) or html, not 'json'. For data, use export." \
    "a report is not data"

# A note written up later carries the day it happened.
bs workshop set date 2026-01-01 > /dev/null
out=$(bs decision progress 1 --on 2026-01-05 The first carer started.)
is "$out" "demo: Noted the progress of decision 1 on 2026-01-05." "a note written up later, dated the day it happened"
is "$(sql "SELECT date || ' ' || text FROM decision_progress ORDER BY date LIMIT 1")" \
    "2026-01-05 The first carer started." "  with that date, and the words without it"
out=$(bs decision progress 1 --on 2999-01-01 Not yet 2>&1)
is "$out" "2999-01-01 is after today. A progress note says what has happened; give the day it did." \
    "  a day after today is refused"
out=$(bs decision progress 1 --on 2025-12-31 Before it 2>&1)
is "$out" "2025-12-31 is before the workshop, on 2026-01-01. A progress note says what happened after it; give the day it did." \
    "  and so is a day before the workshop"
out=$(bs decision progress 1 --on 10/01/2026 Wrong 2>&1)
is "$out" "'10/01/2026' is not a date. Write the day of the note as year-month-day, such as $today." \
    "  and so is what is not a date"

# Money that only goes one way is said in the summary too.
bs decision add home Fewer agency visits, more Shared Lives carers to come. > /dev/null
n=$(sql "SELECT max(id) FROM decision")
bs decision change "$n" home-care state -100k > /dev/null
bs decision change "$n" shared-lives-home time +500 > /dev/null
bs decision agree "$n" > /dev/null
md=$(bs report demo --format md)
like "$md" "It cuts £100,000 of state money from Home care agency visits, under Support in your own home\. It adds 500 hours of people's time and energy to Shared Lives visits, under Support in your own home\." \
    "a cut alone and an addition alone are said in the summary"

# Two agreed decisions on one line: each says where they take it together,
# which is the money agreed.
bs decision add hospital Fewer delayed discharge beds again. > /dev/null
n=$(sql "SELECT max(id) FROM decision")
bs decision change "$n" hospital-beds state -150k > /dev/null
bs decision agree "$n" > /dev/null
g=$(bs export demo --format gmi)
like "$g" "goes down by £250,000, from £1\.2 million to £950,000\. Agreed decision $n changes it too; with both, it comes to £800,000\.$" \
    "a decision says where it and another agreed decision on the same line take it"
like "$g" "goes down by £150,000, from £1\.2 million to £1\.05 million\. Agreed decision 1 changes it too; with both, it comes to £800,000\.$" \
    "  and the other says the same"
like "$g" "Delayed discharge beds: £1\.2 million a year now, £800,000 agreed\." "  which is the money agreed"

# Two note-takers, one named: the second is "another", not "a".
out=$(bs participant add notetaker)
nt=${out##* }
nt=${nt%.}
bs consent "$nt" Dafydd Rhys > /dev/null
people=$(bs export demo --format gmi | sed -n '/^# Who took part/,$p')
like "$people" "^There was a note-taker, not named here\.$" "of two note-takers, the first is 'a note-taker'"
like "$people" "^Another note-taker was Dafydd Rhys, who agreed to be named\.$" "  and the second 'another', not a contradiction"
# A vote with no one abstaining does not say "and 0".
bs decision vote 3 9 3 0 > /dev/null
like "$(bs export demo --format gmi)" "The count so far: 9 for and 3 against\.$" "a vote with no one abstaining leaves them unsaid"

# A cut within the line alone but past it with the agreed decisions is noted.
bs decision add hospital Close the ward. > /dev/null
n=$(sql "SELECT max(id) FROM decision")
out=$(bs decision change "$n" hospital-beds state -1m)
like "$out" "^Note: with the other agreed decisions, this takes Delayed discharge beds below nothing, to minus £[0-9,]+\. Check the amounts\.$" \
    "a cut that other agreed decisions take below nothing is noted"
out=$(bs decision change "$n" hospital-beds state -1m)
is "$out" "demo: Decision $n makes that change already. Nothing was changed." "the same change again changes nothing"
bs decision reject "$n" > /dev/null
g=$(bs export demo --format gmi | sed -n "/^### Decision $n,/,/^### /p")
unlike "$g" "with both, it" "a rejected decision does not say where it and another would take a line"
# Agreeing again a decision whose status is dropped says so.
bs decision status 1 dropped > /dev/null
bs decision reject 1 > /dev/null
out=$(bs decision agree 1)
like "$out" "^Note: its status is still dropped, so it moves no money\. If it goes ahead, type: decision status 1 none\.$" \
    "agreeing a decision still marked dropped says it moves no money"
bs decision status 1 none > /dev/null
