#!/bin/sh
# Participants' words over the real server: each kind lands under its
# kind; a room behind one address is not turned away; a reload saves
# once; moderation holds words off every page and export until approved;
# watch prints them as they arrive; each door tells the truth about input;
# the prompt states a limit that is real.
. "$(dirname "$0")/lib.sh"

bs_plan 35
bs_tmpdir
bs_cert
bs_capsule
B="$BS_BIN/blanksheet -d $BS_DB"
$B < "$BS_DATA/demo.bs" > /dev/null 2>&1 ||
    { echo "Bail out! the demo script failed"; exit 1; }
bs_start_server -g 0
GP=$(cat "$BS_TMP/ready.gopher")
count() { sqlite3 -batch -noheader "$BS_DB" "$1"; }
gget() { python3 "$BS_ROOT/tests/regress/gopher_client.py" "$GP" -s "$1"; }

# One input per kind on the area page, each with its own question.
bs_fetch "$(bs_url /w/demo/day/)" > "$BS_TMP/area"
n=$(grep -c '^=> /w/demo/day/say' "$BS_TMP/area")
bs_ok "the area page offers an input for each kind and anything else ($n)" test "$n" = 6
bs_fetch "$(bs_url /w/demo/day/say/dislike)" > "$BS_TMP/ask"
bs_ok "each asks its own plain question, with a real limit" \
    grep -q '^10 What do you dislike about day activities and employment-related support here? Up to about [0-9]* letters, about [0-9]* words. Please leave out names' "$BS_TMP/ask"
for k in goodlife like dislike idea question; do
	bs_fetch "$(bs_url "/w/demo/day/say/$k?Words%20of%20kind%20$k")" > /dev/null
done
bs_fetch "$(bs_url "/w/demo/day/say?Words%20of%20kind%20note")" > /dev/null
bs_ok "each kind lands under its kind" test "$(count "SELECT group_concat(kind = substr(text, 15), '') FROM contribution WHERE text LIKE 'Words of kind %'")" = 111111
bs_fetch "$(bs_url /w/demo/day/)" > "$BS_TMP/area"
bs_ok "and shows under its heading on the page" sh -c \
    "grep -A3 'people dislike' '$BS_TMP/area' | grep -q 'Words of kind dislike'"

# A reload of the confirmation saves the same words once.
u="$(bs_url "/w/demo/day/say/idea?A%20bus%20to%20the%20allotment")"
bs_fetch "$u" > "$BS_TMP/one"; bs_fetch "$u" > "$BS_TMP/two"
bs_ok "a reload confirms again" grep -q '^# Your words are saved' "$BS_TMP/two"
bs_ok "and saves once" test "$(count "SELECT count(*) FROM contribution WHERE text = 'A bus to the allotment'")" = 1

# A room behind one address: 40 answers inside a minute, all saved.
i=0; pids=
while [ $i -lt 40 ]; do
	bs_fetch "$(bs_url "/w/demo/community/say/idea?Room%20answer%20$i")" > "$BS_TMP/room.$i" &
	pids="$pids $!"
	i=$((i + 1))
done
for p in $pids; do wait "$p"; done
bs_ok "40 answers from one address inside a minute are all saved" \
    test "$(count "SELECT count(*) FROM contribution WHERE text LIKE 'Room answer %'")" = 40

# The prompt's limit is real: an answer of that many letters with spaces
# fits the 1024-byte request.
letters=$(sed -n 's/.*Up to about \([0-9]*\) letters.*/\1/p' "$BS_TMP/ask")
words=$(python3 -c "
import sys; n = int(sys.argv[1]); s = ''
while len(s) < n: s += 'word%d ' % len(s)
print(s[:n].strip().replace(' ', '%20'))" "$letters")
bs_fetch "$(bs_url "/w/demo/day/say/dislike?$words")" > "$BS_TMP/long"
bs_ok "an answer as long as the prompt says, with spaces, is saved ($letters letters)" \
    grep -q '^# Your words are saved' "$BS_TMP/long"

# Moderation: held off every page and export until approved.
$B input moderate on > /dev/null
u="$(bs_url "/w/demo/hospital/say/dislike?The%20day%20centre%20staff%20are%20useless%20idiots")"
bs_fetch "$u" > "$BS_TMP/held"
bs_ok "while moderated, the page says the words appear once read" \
    grep -q 'They will appear on the page once the facilitator has read them' "$BS_TMP/held"
bs_fetch "$(bs_url /w/demo/hospital/)" > "$BS_TMP/page"
bs_ok "held words are on no page" sh -c "! grep -q 'useless idiots' '$BS_TMP/page'"
$B export demo --format json > "$BS_TMP/x.json"
$B export demo --format md > "$BS_TMP/x.md"
bs_ok "and in no export" sh -c "! grep -q 'useless idiots' '$BS_TMP/x.json' '$BS_TMP/x.md'"
id=$(count "SELECT id FROM contribution WHERE text LIKE 'The day centre staff%'")
out=$($B queue)
bs_ok "queue shows them to the facilitator" sh -c "printf '%s' '$out' | grep -q 'Contribution $id, dislike, under Support with leaving hospital, held, typed by a participant'"
$B hide "$id" > /dev/null
bs_fetch "$u" > /dev/null
bs_ok "hidden, and a reload does not bring them back" test \
    "$(count "SELECT count(*) || state FROM contribution WHERE text LIKE 'The day centre staff%'")" = 1hidden
bs_fetch "$(bs_url "/w/demo/hospital/say/like?The%20porters%20were%20kind")" > /dev/null
id=$(count "SELECT id FROM contribution WHERE text = 'The porters were kind'")
out=$($B approve "$id")
bs_ok "approve says so" test "$out" = "demo: Approved 1 contribution: it is on the pages now."
bs_fetch "$(bs_url /w/demo/hospital/)" > "$BS_TMP/page"
bs_ok "approved words are on the page" grep -q '^> The porters were kind' "$BS_TMP/page"
$B input moderate off > /dev/null

# watch prints new words within a second, safely for a terminal.
$B -w demo watch > "$BS_TMP/watch" 2>"$BS_TMP/watch.err" &
wpid=$!
bs_poll grep -q Watching "$BS_TMP/watch.err"
bs_fetch "$(bs_url "/w/demo/home/say/question?Who%20pays%1B%5B2J%20for%20it")" > /dev/null
t0=$(date +%s%N)
i=0
while [ $i -lt 400 ] && ! grep -q 'Who pays' "$BS_TMP/watch"; do
	sleep 0.01; i=$((i + 1))
done
t1=$(date +%s%N)
ms=$(( (t1 - t0) / 1000000 ))
bs_ok "watch prints a participant's words within a second of their arrival ($ms ms)" \
    test "$ms" -lt 1000
bs_ok "in one self-contained line, with the escape shown harmlessly" \
    grep -qF "question, under Support in your own home, typed by a participant: Who pays^[[2J for it" "$BS_TMP/watch"

# Words the pages would show none of (emoji alone, an invisible space)
# are not saved as a blank; mixed with words, they are kept as sent.
bs_fetch "$(bs_url "/w/demo/home/say/like?Sunday%20lunch%20%F0%9F%91%8D%E2%80%8B%20at%20the%20caf%C3%A9")" > "$BS_TMP/mixed"
bs_ok "words with an emoji and a zero-width space are saved as sent" test \
    "$(sqlite3 "$BS_DB" "SELECT count(*) FROM contribution WHERE text = 'Sunday lunch 👍'||char(8203)||' at the café'")" = 1
bs_ok "  and the page shows the words without them" grep -q '^> Sunday lunch at the café$' "$BS_TMP/mixed"
before=$(sqlite3 "$BS_DB" "SELECT count(*) FROM contribution")
bs_fetch "$(bs_url "/w/demo/home/say/like?%F0%9F%91%8D%F0%9F%91%8D")" > "$BS_TMP/emoji"
bs_ok "an answer of emoji alone is not saved as a blank" test \
    "$(sqlite3 "$BS_DB" "SELECT count(*) FROM contribution")" = "$before"
bs_ok "  and the question comes again, saying why" grep -q \
    "^10 The pages cannot show emoji or pictures, so nothing was saved\. Please put it in words\. " "$BS_TMP/emoji"
bs_fetch "$(bs_url "/easy/w/demo/home/say/like?%E2%80%8B")" > "$BS_TMP/zw"
bs_ok "  in Easy Read too, in its words" grep -q "^10 We cannot show emoji or pictures\. Please use words\. " "$BS_TMP/zw"
kill "$wpid"
wait "$wpid"

# Each door tells the truth: open over Gemini, not over Gopher.
gget /w/demo/home/ > "$BS_TMP/g"
bs_ok "over Gopher, while input is open over Gemini only, it says so and why" \
    sh -c "grep -q '^iYou can add your words over Gemini,' '$BS_TMP/g' && grep -q 'adding words here over Gopher is switched off' '$BS_TMP/g'"
bs_ok "and offers no input item" sh -c "! grep -q '^7' '$BS_TMP/g'"
$B input gopher on > /dev/null
gget /w/demo/home/ > "$BS_TMP/g"
bs_ok "allowed over Gopher, it offers the inputs, marked not encrypted" \
    grep -q '^7Ask a question, not encrypted' "$BS_TMP/g"
$B input close > /dev/null
gget /w/demo/home/ > "$BS_TMP/g"
bs_ok "closed, it says closed over Gopher" grep -q '^iAdding words here is closed' "$BS_TMP/g"
bs_fetch "$(bs_url "/w/demo/home/say/idea?Typed%20after%20closing")" > "$BS_TMP/closed"
bs_ok "words sent after closing are shown back, not lost" \
    grep -q '^> Typed after closing' "$BS_TMP/closed"
# Many answers: the area page shows the 5 newest of a kind and links to
# all of them, 30 a page, oldest first, so every page can still be heard.
sqlite3 "$BS_DB" "WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 40)
INSERT INTO contribution (workshop_id, area_id, kind, text, source)
SELECT 1, (SELECT id FROM area WHERE key = 'day'), 'idea', 'Many idea ' || n || '.', 'participant' FROM i;"
all=$(sqlite3 "$BS_DB" "SELECT count(*) FROM contribution WHERE area_id = (SELECT id FROM area WHERE key = 'day') AND kind = 'idea' AND state = 'shown'")
bs_fetch "$(bs_url /w/demo/day/)" > "$BS_TMP/many"
bs_ok "the area page shows the 5 newest ideas, newest first" sh -c \
    "grep -q '^The 5 newest, newest first:' '$BS_TMP/many' &&
     test \$(grep -c '^> Many idea' '$BS_TMP/many') = 5 && grep -q '^> Many idea 40\.' '$BS_TMP/many'"
bs_ok "  and links to all $all" grep -q "^=> /w/demo/day/said/idea All $all ideas about days and work$" "$BS_TMP/many"
bs_fetch "$(bs_url /w/demo/day/said/idea)" > "$BS_TMP/said1"
bs_fetch "$(bs_url /w/demo/day/said/idea/2)" > "$BS_TMP/said2"
bs_ok "the first part holds 30, oldest first, and links to the next" sh -c \
    "test \$(grep -c '^> ' '$BS_TMP/said1') = 30 && grep -q '^This is part 1 of 2\.' '$BS_TMP/said1' &&
     grep -q '^=> /w/demo/day/said/idea/2 More ideas, part 2 of 2$' '$BS_TMP/said1'"
bs_ok "  and the second the rest, under its own title" sh -c \
    "test \$(grep -c '^> ' '$BS_TMP/said2') = $((all - 30)) && grep -q '^# Ideas, part 2: Days and work at Northtown$' '$BS_TMP/said2' &&
     grep -q '^=> /w/demo/day/said/idea The ideas before, part 1 of 2$' '$BS_TMP/said2'"
bs_fetch "$(bs_url /w/demo/day/said/idea/3)" > "$BS_TMP/said3"
bs_fetch "$(bs_url /w/demo/day/said/ideas)" > "$BS_TMP/said4"
none=$(sqlite3 "$BS_DB" "SELECT k FROM (SELECT 'goodlife' AS k UNION SELECT 'like' UNION SELECT 'dislike' UNION SELECT 'question' UNION SELECT 'note') WHERE k NOT IN (SELECT kind FROM contribution WHERE area_id = (SELECT id FROM area WHERE key = 'day') AND state = 'shown') LIMIT 1")
bs_fetch "$(bs_url "/w/demo/day/said/${none:-note}")" > "$BS_TMP/said5"
bs_ok "a part or kind that is not there, or of which nothing was said, is 51" sh -c \
    "head -1 '$BS_TMP/said3' | grep -q '^51 ' && head -1 '$BS_TMP/said4' | grep -q '^51 ' &&
     { [ -z '$none' ] || head -1 '$BS_TMP/said5' | grep -q '^51 '; }"
bs_fetch "$(bs_url /easy/w/demo/day/)" > "$BS_TMP/easymany"
bs_ok "Easy Read shows the newest too, and links to its own pages" sh -c \
    "grep -q '^These are the 5 newest\.' '$BS_TMP/easymany' &&
     grep -q '^=> /easy/w/demo/day/said/idea All $all ideas about days and work$' '$BS_TMP/easymany'"
gget /w/demo/day/said/idea/2 > "$BS_TMP/gsaid"
bs_ok "over Gopher too" grep -q '^iIdeas, part 2: Days and work' "$BS_TMP/gsaid"
bs_stop
bs_ok "server stopped cleanly" test "$BS_STATUS" = 0
