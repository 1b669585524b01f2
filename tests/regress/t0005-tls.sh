#!/bin/sh
# TLS: 1.2 and 1.3 only, close_notify after every reply, resumption with
# one ticket shared by all workers, plain text refused, and the
# self-signed certificate made on first start and kept.
. "$(dirname "$0")/lib.sh"

bs_plan 26
bs_tmpdir
bs_capsule
bs_start_server		# no -C/-K: the server makes its certificate
CRT=$BS_TMP/blanksheetd-localhost.crt
KEY=$BS_TMP/blanksheetd-localhost.key

bs_ok "certificate made next to the record" test -s "$CRT"
bs_ok "key made next to the record" test -s "$KEY"
bs_ok "key is mode 0600" test "$(stat -c %a "$KEY")" = 600
openssl x509 -in "$CRT" -noout -text > "$BS_TMP/crt.txt"
bs_ok "certificate is ECDSA P-256" grep -q 'NIST CURVE: P-256' "$BS_TMP/crt.txt"
bs_ok "certificate names the host (subjectAltName)" \
    grep -q 'DNS:localhost' "$BS_TMP/crt.txt"
served() {
	timeout "$BS_TIMEOUT" openssl s_client -connect "127.0.0.1:$BS_PORT" \
	    -servername localhost < /dev/null 2>/dev/null |
	    openssl x509 -noout -fingerprint -sha256
}
made=$(openssl x509 -in "$CRT" -noout -fingerprint -sha256)
bs_ok "the server presents the certificate it made" \
    test "$(served)" = "$made"

bs_fetch "$(bs_url /)" > "$BS_TMP/out"
bs_is "$BS_DATA/t0001/home.out" "$BS_TMP/out" "default TLS serves"
printf '%s\r\n' "$(bs_url /)" | bs_raw -servername localhost -tls1_3 \
    > "$BS_TMP/out"
bs_is "$BS_DATA/t0001/home.out" "$BS_TMP/out" "TLS 1.3 serves"
printf '%s\r\n' "$(bs_url /)" | bs_raw -servername localhost -tls1_2 \
    > "$BS_TMP/out"
bs_is "$BS_DATA/t0001/home.out" "$BS_TMP/out" "TLS 1.2 serves"

# The suite chosen is the server's first, AES-128-GCM with SHA-256 (which
# processors hash in hardware), whatever order the client offers.
# (Asked again when a loaded machine cut the handshake short: the choice
# itself never varies.)
suite() {
	for _try in 1 2 3; do
		timeout "$BS_TIMEOUT" openssl s_client \
		    -connect "127.0.0.1:$BS_PORT" -servername localhost "$@" \
		    < /dev/null > "$BS_TMP/suite" 2>&1
		_s=$(sed -n 's/^New, TLS.*, Cipher is //p' "$BS_TMP/suite")
		[ -n "$_s" ] && break
		bs_diag "no cipher in: $(tr '\n' ' ' < "$BS_TMP/suite")" >&2
	done
	echo "$_s"
}
bs_ok "TLS 1.3 chooses TLS_AES_128_GCM_SHA256" test "$(suite -tls1_3 \
    -ciphersuites TLS_AES_256_GCM_SHA384:TLS_AES_128_GCM_SHA256)" = \
    TLS_AES_128_GCM_SHA256
bs_ok "TLS 1.2 chooses ECDHE-ECDSA-AES128-GCM-SHA256" test "$(suite -tls1_2 \
    -cipher ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-ECDSA-AES128-GCM-SHA256)" = \
    ECDHE-ECDSA-AES128-GCM-SHA256

for v in tls1_1 tls1; do
	printf '%s\r\n' "$(bs_url /)" | timeout "$BS_TIMEOUT" openssl \
	    s_client -quiet -connect "127.0.0.1:$BS_PORT" \
	    -servername localhost -$v -cipher 'DEFAULT@SECLEVEL=0' \
	    > "$BS_TMP/out" 2> "$BS_TMP/err"
	bs_ok "a $v-only client is refused" test ! -s "$BS_TMP/out"
	bs_ok "$v: for its protocol version" \
	    grep -qi 'protocol version' "$BS_TMP/err"
	bs_ok "$v: then a normal request succeeds" bs_still_serves
done

printf '%s\r\n' "$(bs_url /)" > "$BS_TMP/req"
bs_tcp "$BS_TMP/req" > "$BS_TMP/out" 2>/dev/null
bs_ok "plain text to the TLS port gets no Gemini reply" \
    sh -c "! grep -q '^[1-6][0-9] ' '$BS_TMP/out'"
bs_ok "plain text: then a normal request succeeds" bs_still_serves

# s_client says "closed" only when it reads close_notify.
printf '%s\r\n' "$(bs_url /)" | timeout "$BS_TIMEOUT" openssl s_client \
    -connect "127.0.0.1:$BS_PORT" -servername localhost -ign_eof \
    > "$BS_TMP/out" 2>&1
bs_ok "close_notify after a page" grep -q '^closed' "$BS_TMP/out"
printf '%s\r\n' "$(bs_url /nope)" | timeout "$BS_TIMEOUT" openssl s_client \
    -connect "127.0.0.1:$BS_PORT" -servername localhost -ign_eof \
    > "$BS_TMP/out" 2>&1
bs_ok "close_notify after an error" grep -q '^closed' "$BS_TMP/out"

# Session tickets come from the context made before fork: every worker
# resumes every session.
printf '%s\r\n' "$(bs_url /)" | bs_raw -servername localhost \
    -sess_out "$BS_TMP/sess" > /dev/null
reused=0
for i in 1 2 3 4 5 6; do
	printf '%s\r\n' "$(bs_url /)" | timeout "$BS_TIMEOUT" openssl \
	    s_client -connect "127.0.0.1:$BS_PORT" -servername localhost \
	    -sess_in "$BS_TMP/sess" -ign_eof 2>/dev/null > "$BS_TMP/out"
	grep -q '^Reused' "$BS_TMP/out" && reused=$((reused + 1))
done
bs_ok "sessions resume on every worker ($reused of 6)" test "$reused" = 6

bs_ok "server stops cleanly on SIGTERM" bs_stop
bs_start_server
bs_ok "restart keeps the certificate" test "$(served)" = "$made"
bs_ok "restart keeps the key" test "$(stat -c %a "$KEY")" = 600
bs_ok "server stops cleanly on SIGTERM" bs_stop
