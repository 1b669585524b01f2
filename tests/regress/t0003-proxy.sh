#!/bin/sh
# Requests for another scheme, host or port get 53: blanksheetd is not a
# proxy (Gemini, section 3.2.5).  SNI must name our host when sent.
. "$(dirname "$0")/lib.sh"

bs_plan 28
bs_tmpdir
bs_cert
bs_capsule
bs_start_server
P=$BS_PORT

CASES="http://localhost:$P/|-|scheme|http scheme
https://localhost:$P/|-|scheme|https scheme
gopher://localhost:$P/|-|scheme|gopher scheme
localhost:$P/|-|scheme|host:port read as a scheme
gemini://example.org:$P/|-|host|another host
gemini://127.0.0.1:$P/|-|host|our address instead of our name
gemini://localhost.example:$P/|-|host|a longer name
gemini://localhost:1/|-|port|another port
gemini://localhost/|-|port|no port means 1965
gemini://localhost:$P/|example.org|sni|SNI names another host"

while IFS='|' read -r url sni expect desc; do
	[ "$sni" = - ] && sni=localhost
	bs_fetch "$url" "$sni" > "$BS_TMP/out"
	bs_is "$BS_DATA/t0003/$expect.out" "$BS_TMP/out" "$desc: 53"
	bs_ok "$desc: then a normal request succeeds" bs_still_serves
done <<EOT
$CASES
EOT

bs_fetch "$(bs_url /)" - > "$BS_TMP/out"
bs_is "$BS_DATA/t0001/home.out" "$BS_TMP/out" "no SNI at all is allowed"
bs_fetch "gemini://localhost.:$P/" > "$BS_TMP/out"
bs_is "$BS_DATA/t0001/home.out" "$BS_TMP/out" "host with a final dot is ours"
bs_fetch "gemini://localhost:$P/" LOCALHOST > "$BS_TMP/out"
bs_is "$BS_DATA/t0001/home.out" "$BS_TMP/out" "SNI ignores case"
bs_fetch "gemini://localhost:0$P/" > "$BS_TMP/out"
bs_is "$BS_DATA/t0001/home.out" "$BS_TMP/out" "port with a leading zero"
bs_fetch "gemini://localhost:$P/" > "$BS_TMP/out"
bs_is "$BS_DATA/t0001/home.out" "$BS_TMP/out" "explicit port"
bs_ok "server still runs" bs_alive
bs_ok "server stops cleanly on SIGTERM" bs_stop
bs_ok "the log holds no address" sh -c "! grep -q '127\\.0\\.0\\.1' '$BS_LOG'"
