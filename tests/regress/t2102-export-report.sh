#!/bin/sh
# The readable reports, gemtext and Markdown: decisions first, worded as
# on the decisions page (view.c), with their reasons, votes, dissent,
# changes as sentences, what they rest on, Key Human Indicators, review,
# next steps and progress; then money now and expected, money before and
# after, the models considered, what was said, and who took part in
# numbers.  The gemtext report passes the page checker.
. "$(dirname "$0")/tap.sh"
tmpdir
. "$(dirname "$0")/export_lib.sh"
plan 18

demo
bs export demo --format gmi > "$TMP/demo.gmi"
ok "[ \$? -eq 0 ]" "export --format gmi writes the report to standard output"
out=$(PAGECHECK "$TMP/demo.gmi" 2>&1)
like "$out" "^pagecheck: 1 page checked, 0 problems," "the gemtext report passes the page checker"
is "$(head -1 "$TMP/demo.gmi")" "# Decision record: Northtown: changing support together" \
    "one level-1 heading first, naming the workshop"
order=$(grep -n '^## ' "$TMP/demo.gmi" | cut -d: -f2- | tr '\n' '/')
is "$order" "## Decisions/## Money now and expected/## Models with evidence that were considered/## What was said/## Who took part/" \
    "decisions first, then money, the models considered, what was said, and who took part"
g=$(cat "$TMP/demo.gmi")
like "$g" "^\* State money for Delayed discharge beds, under Support with leaving hospital, goes down by £250,000, from £1.2 million to £950,000\.$" \
    "a change as a sentence, with before and after"
like "$g" "^\* State money for Shared Lives day support, under Day activities and employment-related support, goes up by £100,000, from £120,000 to £220,000\.$" \
    "and one that goes up"
like "$g" "^Agreed by a show of hands: 14 for, 2 against, and 1 who did not choose either\.$" "the vote as a sentence, as on the decisions page"
like "$g" "^> Two people worried that there are not yet enough Shared Lives carers nearby\.$" "the dissent, as quoted words"
like "$g" "^It will be looked at again on Tuesday 1 June 2027\.$" "dates written out"
like "$g" "^\* State money for Council day centre: £1.1 million a year now, £1 million agreed\. That is £100,000 less\. Expected in 2028: £1 million\.$" \
    "money per model now, agreed and expected with its year, as on the area page"
like "$g" "^\* State money in all: £1.22 million now, £1.22 million after the agreed decisions\. No change\.$" \
    "and each area's total, before and after"
like "$g" "^\* 2 family carers\.$" "who was there, as counts by role"

bs export demo --format md > "$TMP/demo.md"
order=$(grep -n '^## ' "$TMP/demo.md" | cut -d: -f2- | tr '\n' '/')
is "$order" "## Decisions/## Money now and expected/## Models with evidence that were considered/## What was said/## Who took part/" \
    "the Markdown report has the same shape"
is "$(grep -c '^# ' "$TMP/demo.md")" 1 "and one level-1 heading"
same=$(sed -e 's/^[*-] //' -e 's/^>$//' -e '/^$/d' "$TMP/demo.md" | sed 's/\\//g' | md5sum)
want=$(sed -e 's/^[*-] //' -e '/^$/d' "$TMP/demo.gmi" | md5sum)
is "$same" "$want" "and the same words, from the same page document"

rm -f "$DB"
awkward
bs export awkward --format gmi > "$TMP/awk.gmi"
out=$(PAGECHECK "$TMP/awk.gmi" 2>&1)
like "$out" "^pagecheck: 1 page checked, 0 problems," "the awkward report passes the page checker too"
unlike "$(cat "$TMP/awk.gmi")" "^(=>|#+ not a heading|\* not a list)" \
    "people's words never become links, headings or list items"
bs export awkward --format md > "$TMP/awk.md"
like "$(cat "$TMP/awk.md")" '^> \\=SUM\(A1:A9\)$' "Markdown escapes what it would read as markup"
