#!/bin/sh
# The readable report, gemtext, Markdown and HTML: a short summary first
# (what was decided, how, what money moves, when each is looked at again,
# who took part in numbers, links to the parts), then the parts: the
# decisions in full, worded as on the decisions page (view.c); money now
# and expected with the models considered; what was said, by area, split
# when long; who took part.  -o FOLDER writes each document as a file with
# relative links, index first; a stream or -o FILE writes them one after
# another, summary first.  Every document passes the page checker and the
# listen test.
. "$(dirname "$0")/tap.sh"
tmpdir
. "$(dirname "$0")/export_lib.sh"
plan 42

demo
bs export demo --format gmi > "$TMP/demo.gmi"
ok "[ \$? -eq 0 ]" "export --format gmi writes the report to standard output"
is "$(head -1 "$TMP/demo.gmi")" "# Decision record: Northtown: changing support together" \
    "the summary comes first, its heading naming the workshop"
order=$(grep '^# ' "$TMP/demo.gmi" | tr '\n' '/')
is "$order" "# Decision record: Northtown: changing support together/# Decisions in full: Northtown: changing support together/# Money and models: Northtown: changing support together/# What was said: Support in your own home/# What was said: Support with accommodation/# What was said: Day activities and employment-related support/# What was said: Support with leaving hospital/# What was said: Whole-community work/# Who took part: Northtown: changing support together/" \
    "then the decisions, money and models, what was said by area, and who took part"
unlike "$(cat "$TMP/demo.gmi")" "^=>" "in one stream, links between documents are kept as plain items"

# A folder of documents, linked.
out=$(bs report demo --format gmi -o "$TMP/rep")
is "$out" "Wrote the gemtext report to $TMP/rep." "report -o FOLDER says what it wrote"
is "$(cd "$TMP/rep" && ls | tr '\n' ' ')" \
    "decisions.gmi index.gmi money.gmi people.gmi said-accommodation.gmi said-community.gmi said-day.gmi said-home.gmi said-hospital.gmi " \
    "one file per document"
links=$(sed -n 's/^=> \([^ ]*\) .*/\1/p' "$TMP/rep/index.gmi" | tr '\n' ' ')
is "$links" "decisions.gmi money.gmi said-home.gmi said-accommodation.gmi said-day.gmi said-hospital.gmi said-community.gmi people.gmi " \
    "the summary links to every part"
bad=0
for f in "$TMP"/rep/*.gmi; do
	for l in $(sed -n 's/^=> \([^ ]*\) .*/\1/p' "$f"); do
		[ -f "$TMP/rep/$l" ] || bad=$((bad + 1))
	done
done
is "$bad" 0 "every link between documents is relative and leads to a file"
n=$(for f in "$TMP"/rep/*.gmi; do grep -c '^=> index.gmi ' "$f"; done | grep -c '^1$')
is "$n" 8 "and every part leads back to the summary"
out=$(PAGECHECK "$TMP/rep" 2>&1)
like "$out" "^pagecheck: 9 pages checked, 0 problems," "every document passes the page checker"
if command -v espeak-ng > /dev/null 2>&1; then
	out=$(PAGECHECK_LISTEN --pages "$TMP/rep" 2>&1)
	like "$out" "^pagecheck: 9 pages checked, 0 problems," "and the listen test: each can be heard in 420 seconds"
	secs=$(echo "$out" | sed -n 's|.*/index.gmi: .*spoken \([0-9]*\)\..*|\1|p')
	ok "[ '$secs' -lt 150 ]" "the summary is short: $secs seconds to hear"
else
	skip "espeak-ng is not installed: no listen test"
	skip "espeak-ng is not installed: no listen test"
fi
s=$(cat "$TMP/rep/index.gmi")
like "$s" "^Agreed by a show of hands: 14 for, 2 against, and 1 who did not choose either\.$" \
    "the summary says how each was decided, as on the decisions page"
like "$s" "^It moves £250,000 of state money from Delayed discharge beds to Shared Lives after hospital, both under Support with leaving hospital\.$" \
    "what money an agreed decision moves"
like "$s" "^It will be looked at again on Tuesday 1 June 2027\.$" "when it is looked at again"
like "$s" "^6 people took part: 1 person with lived experience, 2 family carers, 1 worker, 1 commissioner and 1 community member\." \
    "who took part, in numbers"
d3=$(sed -n '/^### Decision 3,/,/^##/p' "$TMP/rep/index.gmi")
like "$d3" "^Proposed, not decided yet\.$" "a proposal is said to be not decided"
unlike "$d3" "Agreed|It moves|looked at again" "and not as done"

d=$(cat "$TMP/rep/decisions.gmi")
like "$d" "^\* State money for Delayed discharge beds, under Support with leaving hospital, goes down by £250,000, from £1.2 million to £950,000\.$" \
    "a change as a sentence, with before and after"
unlike "$d" "It moves" "said once: the changes are not said again as a move"
like "$d" "^> Two people worried that there are not yet enough Shared Lives carers nearby\.$" "the dissent, as quoted words"
m=$(cat "$TMP/rep/money.gmi")
like "$m" "^\* State money for Council day centre: £1.1 million a year now, £1 million agreed\. That is £100,000 less\. Expected in 2028: £1 million\.$" \
    "money per model now, agreed and expected with its year, as on the area page"
like "$m" "^\* State money in all: £1.22 million now, £1.22 million after the agreed decisions\. No change\.$" \
    "and each area's total, before and after"
like "$(cat "$TMP/rep/people.gmi")" "^6 people took part: 1 person with lived experience, 2 family carers, 1 worker, 1 commissioner and 1 community member\.$" "who was there, as counts by role"

# The same documents in Markdown and HTML.
bs report demo -o "$TMP/md" > /dev/null
is "$(grep -c '^# ' "$TMP/md/index.md")" 1 "Markdown: one level-1 heading a document"
like "$(cat "$TMP/md/index.md")" '\[Every decision in full\]\(decisions\.md\)' \
    "and relative links"
same=$(sed -e 's/^[*-] //' -e 's/^>$//' -e '/^$/d' -e 's/^\[\(.*\)\](.*)$/\1/' "$TMP/md/decisions.md" | sed 's/\\//g' | md5sum)
want=$(sed -e 's/^[*-] //' -e '/^$/d' -e 's/^=> [^ ]* //' "$TMP/rep/decisions.gmi" | md5sum)
is "$same" "$want" "the same words, from the same page document"
bs report demo --format html -o "$TMP/html" > /dev/null
like "$(cat "$TMP/html/index.html")" '<a href="decisions.html">' "HTML: the same documents, linked"
out=$(PAGECHECK "$TMP/html" 2>&1)
like "$out" "^pagecheck: 9 pages checked, 0 problems," "and they pass the page checker"
out=$(bs report demo --format html -o "$TMP/one.html" 2>&1)
is "$out" "HTML is a set of linked web pages: say where with -o FOLDER, a folder that does not exist yet or is empty, such as -o north-report." \
    "HTML in one file is refused, since a page would hold nine documents"
ok "[ ! -e '$TMP/one.html' ]" "  and nothing is written"

# Long: what was said is split into parts that can each be heard.
sqlite3 "$DB" "WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 300)
INSERT INTO contribution (workshop_id, area_id, kind, text, source)
SELECT 1, 1, 'idea', 'Idea ' || n || ': a neighbour who calls in on a Sunday, and a lift to the shops when it rains.', 'facilitator' FROM i;"
bs report demo --format gmi -o "$TMP/long" > /dev/null
ok "[ -f '$TMP/long/said-home-2.gmi' ] && [ -f '$TMP/long/said-home-3.gmi' ]" \
    "a long area is split: said-home, said-home-2, ..."
like "$(cat "$TMP/long/said-home.gmi")" "^=> said-home-2.gmi What was said under Support in your own home, part 2$" \
    "each part links to the next"
if command -v espeak-ng > /dev/null 2>&1; then
	out=$(PAGECHECK_LISTEN "$TMP/long" 2>&1)
	like "$out" "^pagecheck: [0-9]+ pages checked, 0 problems," "and every part passes the listen test"
else
	skip "espeak-ng is not installed: no listen test"
fi

# A part that ends where a kind begins: the kind's heading starts the
# next part, never left empty at the end of this one.
DB=$TMP/split.db demo
DB=$TMP/split.db sql "WITH RECURSIVE i(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM i WHERE n < 38)
INSERT INTO contribution (workshop_id, area_id, kind, text, source)
SELECT 1, 1, 'goodlife', printf('Good life %03d: %s', n, substr('a friend who calls in on a Sunday, a walk in the park, a seat at the football, and a cup of tea', 1, 85)), 'facilitator' FROM i;"
DB=$TMP/split.db bs report demo --format gmi -o "$TMP/split" > /dev/null
is "$(sed -n 3p "$TMP/split/said-home-2.gmi")" "## 1 thing people dislike" \
    "a part split where a kind begins starts with that kind's heading"
out=$(PAGECHECK "$TMP/split" 2>&1)
like "$out" "^pagecheck: 10 pages checked, 0 problems," "and leaves no heading empty"

rm -f "$DB"
awkward
bs report awkward --format gmi -o "$TMP/awk" > /dev/null
out=$(PAGECHECK "$TMP/awk" 2>&1)
like "$out" "^pagecheck: [0-9]+ pages checked, 0 problems," "the awkward report passes the page checker too"
all=$(cat "$TMP"/awk/*.gmi)
unlike "$all" "^(=> [^ ]*[^.a-z0-9 -]|#+ not a heading|\* not a list)" \
    "people's words never become links, headings or list items"
hidden=$(sql "SELECT group_concat(text, '|') FROM contribution WHERE state <> 'shown' AND text <> ''")
leak=0
if [ -n "$hidden" ]; then
	echo "$hidden" | tr '|' '\n' | while read -r h; do
		grep -rqF -- "$h" "$TMP/awk" && echo leak
	done | grep -q leak && leak=1
fi
is "$leak" 0 "no hidden or redacted words in any document"
unlike "$all" "ERASEDSECRET|ERASEDNAME" "nor the words of an erased participant"
n=$(sql "SELECT count(*) FROM contribution WHERE state IN ('hidden', 'redacted')")
like "$(cat "$TMP/awk/index.gmi")" "; $n more were hidden or removed, and their words are not in this record\.$" \
    "the summary counts what was hidden or removed, without its words"
bs report awkward --format md > "$TMP/awk.md"
like "$(cat "$TMP/awk.md")" '^> \\=SUM\(A1:A9\)$' "Markdown escapes what it would read as markup"
