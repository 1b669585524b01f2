#!/bin/sh
# Workshop pages from the record, end to end: blanksheet writes the demo
# workshop, blanksheetd serves /w/ from it, and a participant's words go
# into the record exactly as the page reads them back.
. "$(dirname "$0")/lib.sh"

bs_plan 28
bs_tmpdir
bs_cert
bs_capsule
"$BS_BIN/blanksheet" -d "$BS_DB" < "$BS_DATA/demo.bs" > /dev/null 2>&1 ||
    { echo "Bail out! the demo script failed"; exit 1; }
bs_start_server -l 100
HEAD=$BS_DATA/t0009/gemtext.head

page() {
	bs_fetch "$(bs_url "$1")" > "$BS_TMP/out"
	head -n 1 "$BS_TMP/out" > "$BS_TMP/head"
	sed -n 2p "$BS_TMP/out" > "$BS_TMP/h1"
}
# The page at $1 is text/gemini, begins with the heading $2.
check() {
	page "$1"
	bs_is "$HEAD" "$BS_TMP/head" "$1: text/gemini, charset and lang"
	printf '%s\n' "# $2" > "$BS_TMP/exp"
	bs_is "$BS_TMP/exp" "$BS_TMP/h1" "$1: its heading comes first"
}

check /w/ "Current workshops"
check /w/demo/ "Northtown: changing support together"
bs_ok "/w/demo/: links to each area" \
    sh -c "grep -c '^=> /w/demo/[a-z]*/ ' '$BS_TMP/out' | grep -qx 5"
check /w/demo/home/ "Support at home at Northtown"
check /w/demo/home/questions "Questions about support at home at Northtown"
check /w/demo/decisions "Decisions at Northtown"

page /w/demo
printf '31 /w/demo/\r\n' > "$BS_TMP/exp"
bs_is "$BS_TMP/exp" "$BS_TMP/out" "/w/demo: 31 to its slash"
page /w
printf '31 /w/\r\n' > "$BS_TMP/exp"
bs_is "$BS_TMP/exp" "$BS_TMP/out" "/w: 31 to its slash"
page /w/nope/
printf '51 There is no page at this address\r\n' > "$BS_TMP/exp"
bs_is "$BS_TMP/exp" "$BS_TMP/out" "/w/nope/: 51"

# Input open (the demo opens it): 10, then the words saved and read back.
page /w/demo/home/say
bs_ok "say: 10 with a prompt" grep -q '^10 What else would you like to say about support in your own home?' "$BS_TMP/out"
bs_ok "the prompt says the limit and asks to leave out names" \
    grep -q 'Up to about [0-9]* letters, about [0-9]* words\. Please leave out names' "$BS_TMP/out"
page "/w/demo/home/say?A%20bench%20by%20the%20bus%20stop%2C%20caf%C3%A9%20too"
bs_is "$HEAD" "$BS_TMP/head" "say with words: a page"
bs_ok "the page says they are saved" \
    grep -q '^# Your words are saved' "$BS_TMP/out"
bs_ok "and reads them back exactly" \
    grep -q '^> A bench by the bus stop, café too$' "$BS_TMP/out"
n=$(sqlite3 -batch -noheader "$BS_DB" "SELECT count(*) FROM contribution \
    WHERE text = 'A bench by the bus stop, café too' AND source = \
    'participant'")
bs_ok "they are in the record once, from a participant" test "$n" = 1

# Input closed: a page that says so, not an error.
printf 'use demo\ninput close\n' | "$BS_BIN/blanksheet" -d "$BS_DB" \
    > /dev/null 2>&1
page "/w/demo/home/say?Closed%20now"
bs_is "$HEAD" "$BS_TMP/head" "input closed: still a page"
bs_ok "that says adding words is closed, and shows the words back" sh -c \
    "grep -q 'is closed at the moment' '$BS_TMP/out' && grep -q '^> Closed now' '$BS_TMP/out'"
n=$(sqlite3 -batch -noheader "$BS_DB" "SELECT count(*) FROM contribution \
    WHERE text = 'Closed now'")
bs_ok "and nothing was saved" test "$n" = 0

# A closed workshop takes no words, whatever its input flag says (a
# record edited by hand, or by an older program).
sqlite3 "$BS_DB" "UPDATE workshop SET status = 'closed', input_open = 1"
page "/w/demo/home/say?Closed%20for%20good"
bs_ok "a finished workshop with input marked open: says it has finished, the words shown back" sh -c \
    "grep -q '^# Your words were not saved' '$BS_TMP/out' &&
     grep -q 'has finished, so it takes no more words\.' '$BS_TMP/out' && grep -q '^> Closed for good' '$BS_TMP/out'"
page "/easy/w/demo/home/say?Closed%20for%20good"
bs_ok "  and in Easy Read, in its words" sh -c \
    "grep -q '^This workshop has finished\.' '$BS_TMP/out' && grep -q '^> Closed for good' '$BS_TMP/out'"
n=$(sqlite3 -batch -noheader "$BS_DB" "SELECT count(*) FROM contribution \
    WHERE text = 'Closed for good'")
bs_ok "and nothing was saved" test "$n" = 0

bs_ok "server still runs" bs_alive
bs_ok "server stops cleanly on SIGTERM" bs_stop
