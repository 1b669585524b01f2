#!/bin/sh
# Hostile and malformed requests get 59 and a reason (Gemini, sections 2
# and 3.2.6), and each is followed by a normal request that must succeed.
. "$(dirname "$0")/lib.sh"

bs_plan 42
bs_tmpdir
bs_cert
bs_capsule
bs_start_server -t 2
H="localhost:$BS_PORT"

# name|printf format of the request bytes|expected file|description
CASES="empty|\\r\\n|empty|empty request
bare-lf|gemini://$H/\\n|bare-lf|LF without CR
nul|gemini://$H/\\000index.gmi\\r\\n|nul|NUL byte
bad-utf8|gemini://$H/\\377\\r\\n|bad-utf8|invalid UTF-8
overlong|gemini://$H/\\300\\257\\r\\n|bad-utf8|overlong UTF-8
surrogate|gemini://$H/\\355\\240\\200\\r\\n|bad-utf8|UTF-8 surrogate
bom|\\357\\273\\277gemini://$H/\\r\\n|bom|byte order mark
relative|/\\r\\n|relative|relative URL
netpath|//$H/\\r\\n|relative|network-path reference
userinfo|gemini://user@$H/\\r\\n|userinfo|userinfo
fragment|gemini://$H/#top\\r\\n|fragment|fragment
space|gemini://$H/a b\\r\\n|space|unencoded space
escape|gemini://$H/%%zz\\r\\n|escape|malformed percent-escape
nohost|gemini:///\\r\\n|nohost|no host
portrange|gemini://localhost:99999/\\r\\n|port-range|port out of range
control|gemini://$H/\\001\\r\\n|control|control character"

while IFS='|' read -r name fmt expect desc; do
	# shellcheck disable=SC2059
	printf "$fmt" > "$BS_TMP/req"
	bs_send "$BS_TMP/req" > "$BS_TMP/out"
	bs_is "$BS_DATA/t0002/$expect.out" "$BS_TMP/out" "$desc: 59"
	bs_ok "$desc: then a normal request succeeds" bs_still_serves
done <<EOT
$CASES
EOT

# Section 2: at most 1024 bytes; exactly 1024 is a request, 1025 is not.
u="gemini://$H/?"
pad=$(head -c $((1024 - ${#u})) /dev/zero | tr '\0' a)
printf '%s%s\r\n' "$u" "$pad" > "$BS_TMP/req"
bs_ok "request of 1024 bytes is 1026 with CRLF" \
    test "$(wc -c < "$BS_TMP/req")" -eq 1026
bs_send "$BS_TMP/req" > "$BS_TMP/out"
bs_is "$BS_DATA/t0001/home.out" "$BS_TMP/out" "1024 bytes accepted"
printf '%sa%s\r\n' "$u" "$pad" > "$BS_TMP/req"
bs_send "$BS_TMP/req" > "$BS_TMP/out"
bs_is "$BS_DATA/t0002/too-long.out" "$BS_TMP/out" "1025 bytes: 59"
bs_ok "too long: then a normal request succeeds" bs_still_serves
head -c 5000 /dev/zero | tr '\0' a > "$BS_TMP/req"
bs_send "$BS_TMP/req" > "$BS_TMP/out"
bs_is "$BS_DATA/t0002/too-long.out" "$BS_TMP/out" "5000 bytes without LF: 59"

# No CRLF ever: the deadline (-t 2) closes the connection, no reply.
printf 'gemini://%s/' "$H" > "$BS_TMP/req"
bs_send "$BS_TMP/req" > "$BS_TMP/out"
bs_ok "missing CRLF: dropped at the deadline without a reply" \
    test ! -s "$BS_TMP/out"
bs_ok "missing CRLF: then a normal request succeeds" bs_still_serves

bs_ok "server still runs" bs_alive
bs_ok "no request was logged with its bytes" \
    sh -c "! grep -q 'user@\\|#top\\|aaaa' '$BS_LOG'"
bs_ok "server stops cleanly on SIGTERM" bs_stop
