#!/bin/sh
# The web door read by text browsers, and the same words through every
# door.  lynx -dump and w3m -dump over plain HTTP show a workshop's
# heading, its links and the same words as over Gemini; then every demo
# page, crawled over Gemini, carries the same words over Gopher, plain
# HTTP and HTTPS: all four alike while input is closed (each door says
# so alike), and with input open Gemini as HTTPS and Gopher as plain HTTP
# (the unencrypted doors both saying so).
. "$(dirname "$0")/lib.sh"
bs_plan 14
bs_tmpdir
bs_cert
BS_CAPSULE=$BS_TMP/capsule
cp -R "$BS_ROOT/capsule" "$BS_CAPSULE"
"$BS_BIN/blanksheet" -d "$BS_DB" < "$BS_DATA/demo.bs" > /dev/null
bs_start_server -g 0 -W 0 -w 0
bs_web_ports
GPORT=$(cat "$BS_TMP/ready.gopher")
U=http://localhost:$BS_HPORT

bs_fetch "$(bs_url /w/demo/hospital/)" | sed 1d > "$BS_TMP/gmi"
TERM=dumb lynx -dump -nolist -display_charset=utf-8 "$U/w/demo/hospital/" \
    > "$BS_TMP/lynx" 2>&1
bs_ok "lynx: the heading first" sh -c "
    grep -m1 . '$BS_TMP/lynx' | grep -q '^ *Leaving hospital at Northtown$'"
bs_ok "lynx: the money as sentences, then the decisions" awk '
    /State money for Delayed discharge beds: £1.2 million a year now/ { m = NR }
    /Decision 1, agreed/ { d = NR }
    END { exit !(m && d && m < d) }' "$BS_TMP/lynx"
bs_ok "lynx: what people said, as over Gemini" sh -c "
    grep '^> ' '$BS_TMP/gmi' | sed 's/^> //' | head -3 > '$BS_TMP/said' &&
    test -s '$BS_TMP/said' &&
    while read -r l; do grep -qF \"\$l\" '$BS_TMP/lynx' || exit 1; done < '$BS_TMP/said'"
TERM=dumb lynx -dump -display_charset=utf-8 "$U/w/demo/" > "$BS_TMP/lynx-links" 2>&1
bs_ok "lynx: the workshop's links, numbered, on this server" sh -c "
    grep -q '\[[0-9]*\]Support with leaving hospital, 5 things said' '$BS_TMP/lynx-links' &&
    grep -q '$U/w/demo/hospital/' '$BS_TMP/lynx-links'"
w3m -dump -O UTF-8 "$U/w/demo/hospital/" > "$BS_TMP/w3m" 2>&1
bs_ok "w3m: the heading first" sh -c "
    grep -m1 . '$BS_TMP/w3m' | grep -q '^Leaving hospital at Northtown$'"
bs_ok "w3m: what people said, as over Gemini" sh -c "
    while read -r l; do grep -qF \"\$l\" '$BS_TMP/w3m' || exit 1; done < '$BS_TMP/said'"
bs_ok "w3m: the navigation block last" sh -c "
    tail -5 '$BS_TMP/w3m' | grep -q 'Using a shared device'"
w3m -dump -O UTF-8 "$U/help.gmi" > "$BS_TMP/w3m-help" 2>&1
bs_ok "w3m: a capsule page" grep -q "^Help and how to take part$" "$BS_TMP/w3m-help"

D="python3 $BS_ROOT/tests/regress/three_doors.py $BS_PORT $GPORT $BS_HPORT $BS_HSPORT"
"$BS_BIN/blanksheet" -d "$BS_DB" -w demo input close > /dev/null
$D same > "$BS_TMP/same" 2>&1
bs_ok "input closed: every page, the same words through all four doors" \
    grep -q '^[0-9]* pages, 0 differ$' "$BS_TMP/same"
grep -q ' 0 differ$' "$BS_TMP/same" || grep '^#' "$BS_TMP/same" | head -20
bs_ok "the crawl read every demo page (40 or more)" sh -c "
    test \$(sed -n 's/^\([0-9]*\) pages.*/\1/p' '$BS_TMP/same') -ge 40"
printf 'input open\ninput gopher on\ninput http on\n' |
    "$BS_BIN/blanksheet" -d "$BS_DB" -w demo > /dev/null
$D pairs > "$BS_TMP/pairs" 2>&1
bs_ok "input open: Gemini as HTTPS, Gopher as plain HTTP, every page" \
    grep -q '^[0-9]* pages, 0 differ$' "$BS_TMP/pairs"
grep -q ' 0 differ$' "$BS_TMP/pairs" || grep '^#' "$BS_TMP/pairs" | head -20
bs_ok "the area pages were among them" grep -q '^same /w/demo/hospital/: ' "$BS_TMP/pairs"
bs_ok "the server still runs" bs_alive
bs_stop
bs_ok "the server stopped cleanly" test "$BS_STATUS" = 0
exit $BS_FAILED
