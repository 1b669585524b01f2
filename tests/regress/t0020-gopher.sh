#!/bin/sh
# The Gopher front door (RFC 1436): exact menus, text and errors, every
# route, real clients, hostile requests, input, and the same words as
# over Gemini.
. "$(dirname "$0")/lib.sh"
bs_plan 64
bs_tmpdir
bs_cert
BS_CAPSULE=$BS_TMP/capsule
cp -R "$BS_ROOT/capsule" "$BS_CAPSULE"
printf 'Plain notes.\n.A line that starts with a dot.\n..\nThe end.\n' \
    > "$BS_CAPSULE/notes.txt"
"$BS_BIN/blanksheet" -d "$BS_DB" < "$BS_DATA/demo.bs" > /dev/null
bs_start_server -g 0
GPORT=$(cat "$BS_TMP/ready.gopher")
G="python3 $BS_ROOT/tests/regress/gopher_client.py"

# gget SELECTOR: the reply, with this run's port written as PORT.
gget() { $G "$GPORT" -s "$1" | sed "s/	$GPORT\r\$/	PORT\r/"; }
gsend() { $G "$GPORT" "$1" | sed "s/	$GPORT\r\$/	PORT\r/"; }
still_serving() {
	gget /w/demo/ > "$BS_TMP/again"
	head -1 "$BS_TMP/again" | grep -q "^iNorthtown: changing support together"
}

gget /w/demo/ > "$BS_TMP/menu"
bs_is "$BS_DATA/t0020/workshop.menu" "$BS_TMP/menu" "a workshop's menu, byte for byte"
gget /notes.txt > "$BS_TMP/text"
bs_is "$BS_DATA/t0020/notes.text" "$BS_TMP/text" "a text file, dots escaped, byte for byte"
gget /nowhere > "$BS_TMP/error"
bs_is "$BS_DATA/t0020/notfound.error" "$BS_TMP/error" "an error line, byte for byte"

# Every route answers a well-formed menu: items with type and four fields.
for sel in "" / /w/ /w/demo/ /w/demo/home/ /w/demo/accommodation/ \
    /w/demo/day/ /w/demo/hospital/ /w/demo/community/ /w/demo/decisions \
    /help.gmi /easy/ /areas/hospital.gmi /easy; do
	gget "$sel" > "$BS_TMP/r"
	bs_ok "route '$sel' is a well-formed menu" awk '
	    BEGIN { RS = "\n"; bad = 0 }
	    /^\.\r$/ { end = 1; next }
	    { if (end || $0 !~ /^[i01379h][^\t]*\t[^\t]*\t[^\t]+\t[0-9A-Z]+\r$/ ||
	          $0 ~ /^3/) bad = 1 }
	    END { exit bad || !end }' "$BS_TMP/r"
done

# Real clients: curl, and lynx as blind people often use it.
curl -s "gopher://127.0.0.1:$GPORT/1/w/demo/hospital/" > "$BS_TMP/curl"
bs_ok "curl: the area's heading comes first" sh -c \
    "head -1 '$BS_TMP/curl' | grep -q '^iLeaving hospital at Northtown'"
bs_ok "curl: the money as sentences, in order, then the decisions" awk '
    /State money for Delayed discharge beds: £1.2 million a year now/ { m = NR }
    /^iDecision 1, agreed/ { d = NR }
    END { exit !(m && d && m < d) }' "$BS_TMP/curl"
TERM=dumb lynx -dump -display_charset=utf-8 \
    "gopher://127.0.0.1:$GPORT/1/w/demo/" > "$BS_TMP/lynx-home" 2>&1
bs_ok "lynx: the workshop's heading" grep -q "Northtown: changing support together" "$BS_TMP/lynx-home"
bs_ok "lynx: its links in order" awk '
    /Support in your own home, 5 things said/ { a = NR }
    /Whole-community work, 4 things said/ { b = NR }
    /Every decision at Northtown/ { c = NR }
    END { exit !(a && b && c && a < b && b < c) }' "$BS_TMP/lynx-home"
TERM=dumb lynx -dump -display_charset=utf-8 \
    "gopher://127.0.0.1:$GPORT/1/w/demo/hospital/" > "$BS_TMP/lynx-area" 2>&1
bs_ok "lynx: the pound sign and the money sentences" grep -q \
    "State money for Delayed discharge beds: £1.2 million a year now," "$BS_TMP/lynx-area"
bs_ok "lynx: the decision's changes as sentences" grep -q \
    "goes down by £250,000" "$BS_TMP/lynx-area"

# Hostile requests: a type 3 line that says why, and then a normal one works.
hostile() {
	printf "$1" > "$BS_TMP/hostile"
	gsend "$BS_TMP/hostile" > "$BS_TMP/h"
	bs_ok "$2: a type 3 line" grep -q "^3$3" "$BS_TMP/h"
	bs_ok "$2: then a normal request works" still_serving
}
hostile '/w/demo/' "no CRLF" "the request does not end with CR LF"
printf '/w/demo/\n' > "$BS_TMP/lf"
gsend "$BS_TMP/lf" > "$BS_TMP/lf.out"
bs_ok "a request ending in a bare LF, as simple clients send, is served" \
    cmp -s "$BS_DATA/t0020/workshop.menu" "$BS_TMP/lf.out"
hostile "/$(head -c 300 /dev/zero | tr '\0' a)\r\n" "a selector over 255 bytes" "the selector is longer than 255 bytes"
hostile '/w/\000demo/\r\n' "a NUL" "the request holds a NUL byte"
hostile '/w/\377\376/\r\n' "bad UTF-8" "the request is not valid UTF-8"
hostile '/../etc/passwd\r\n' "a .. selector" 'the selector climbs with ".."'
hostile '/areas/%%2e%%2e/%%2e%%2e/etc/passwd\r\n' "percent-encoded traversal" 'the selector climbs with ".."'
hostile '/\t+\r\n' "a Gopher+ request" "Gopher. requests are not supported"
openssl s_client -connect "127.0.0.1:$GPORT" -quiet < /dev/null > /dev/null 2>&1
bs_ok "a TLS client on the Gopher port: the server carries on" still_serving

# Input: only when input is open and Gopher input allowed.
gget "/w/demo/hospital/	More buses after six" > /dev/null
gget "/w/demo/hospital/say	More buses after six" > "$BS_TMP/closed"
bs_ok "input over Gopher is refused until the facilitator allows it, saying why" \
    grep -q "^iAdding words over Gopher is switched off" "$BS_TMP/closed"
"$BS_BIN/blanksheet" -d "$BS_DB" input gopher on > /dev/null
gget /w/demo/hospital/ > "$BS_TMP/area"
bs_ok "the input items are type 7, one per kind, and say they are not encrypted" sh -c \
    "grep -q '^7Add anything else, not encrypted	/w/demo/hospital/say	' '$BS_TMP/area' &&
     grep -q '^7Share an idea, not encrypted	/w/demo/hospital/say/idea	' '$BS_TMP/area'"
gget "/w/demo/hospital/say	More buses after six, please" > "$BS_TMP/saved"
gget "/w/demo/hospital/say/like	+1 to the Sunday idea" > "$BS_TMP/plus"
gget "/w/demo/hospital/say/dislike	!!! visits far too short" > "$BS_TMP/bang"
bs_ok "words that start with + or ! are words, not Gopher+, and are saved" test \
    "$(sqlite3 "$BS_DB" "SELECT count(*) FROM contribution WHERE text IN ('+1 to the Sunday idea', '!!! visits far too short')")" = 2
bs_ok "saved words are read back" grep -q "^i\“More buses after six, please\”" "$BS_TMP/saved"
bs_ok "and are in the record, from a participant, without a name" test \
    "$(sqlite3 "$BS_DB" "SELECT count(*) FROM contribution WHERE text = 'More buses after six, please' AND source = 'participant' AND participant_id IS NULL")" = 1
bs_ok "the record keeps the door they came through, Gopher, to count it" test \
    "$(sqlite3 "$BS_DB" "SELECT door FROM contribution WHERE text = 'More buses after six, please'")" = gopher
# Words past what the record takes (1,000 bytes) come back, never lost.
long=$(python3 -c "print('Mae angen mwy o gefnogaeth yn y cartref ŵyl. ' * 35)")
gget "/w/demo/hospital/say	$long" > "$BS_TMP/long"
bs_ok "too long an answer is said to be not saved, and why" grep -q \
    "^iThat was too long, so it is not saved\." "$BS_TMP/long"
bs_ok "  and the words come back, to send again in parts" sh -c \
    "grep -q '^iThese are the words you sent, to copy and send again in parts:' '$BS_TMP/long' &&
     test \$(grep -c 'Mae angen mwy o gefnogaeth yn y cartref ŵyl\.' '$BS_TMP/long') -ge 35"
bs_ok "  and nothing was saved" test \
    "$(sqlite3 "$BS_DB" "SELECT count(*) FROM contribution WHERE text LIKE 'Mae angen%'")" = 0
gget "/w/demo/hospital/say/idea	😀 😀" > "$BS_TMP/emoji"
bs_ok "words the pages cannot show are asked for again, without an empty quote" sh -c \
    "grep -q '^iThe pages cannot show emoji or pictures' '$BS_TMP/emoji' && ! grep -q 'These are the words you sent' '$BS_TMP/emoji'"
gget "/easy/w/demo/hospital/say	$long" > "$BS_TMP/easylong"
bs_ok "  in Easy Read too, in its own words" sh -c \
    "grep -q '^iThese are your words\.' '$BS_TMP/easylong' &&
     grep -q 'Mae angen mwy o gefnogaeth' '$BS_TMP/easylong'"
gget "/w/demo/hospital/say" > "$BS_TMP/ask"
bs_ok "a say selector without words asks for them with a type 7 item" grep -q \
    "^7Type your words, not encrypted	/w/demo/hospital/say	" "$BS_TMP/ask"
bs_ok "the access log has the path, never the words" bs_poll sh -c \
    "grep -q ' /w/demo/hospital/say\$' '$BS_LOG' && ! grep -q 'buses' '$BS_LOG'"
bs_ok "and no address" sh -c "! grep -q '127\.0\.0\.1' '$BS_LOG'"

# The same words over Gemini and Gopher, for every demo page.
for path in / /w/ /w/demo/ /w/demo/home/ /w/demo/accommodation/ \
    /w/demo/day/ /w/demo/hospital/ /w/demo/community/ /w/demo/decisions; do
	bs_fetch "$(bs_url "$path")" > "$BS_TMP/gem"
	gget "$path" > "$BS_TMP/gph"
	bs_ok "the same words over Gemini and Gopher: $path" \
	    $G words "$BS_TMP/gem" "$BS_TMP/gph"
done

bs_ok "the server still runs" bs_alive
bs_stop
bs_ok "and stops cleanly" test "$BS_STATUS" = 0
