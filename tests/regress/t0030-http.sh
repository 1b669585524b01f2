#!/bin/sh
# The web door (-W plain HTTP, -w HTTPS): pages as HTML with the security
# headers, HEAD, redirects, words by form only where they are allowed,
# and every hostile request of issue 13 answered with a 4xx or a close,
# nothing saved, and a normal request served after it.  The access log
# holds no address, no query and no words.
. "$(dirname "$0")/lib.sh"
bs_plan 138
bs_tmpdir
bs_cert
BS_CAPSULE=$BS_TMP/capsule
cp -R "$BS_ROOT/capsule" "$BS_CAPSULE"
"$BS_BIN/blanksheet" -d "$BS_DB" < "$BS_DATA/demo.bs" > /dev/null
# A short timeout, so that the deadlines show in seconds.
bs_start_server -W 0 -w 0 -t 3
bs_web_ports
H=$BS_HPORT
S=$BS_HSPORT

said() { sqlite3 "$BS_DB" "SELECT count(*) FROM contribution"; }
# A normal request after a hostile one: the workshop page must still come.
serves() {
	bs_curl /w/demo/ > "$BS_TMP/again" &&
	    head -1 "$BS_TMP/again" | grep -q "^HTTP/1.1 200" &&
	    grep -q "<h1>Northtown: changing support together</h1>" \
	    "$BS_TMP/again"
}
hdr() { tr -d '\r' < "$1" | sed '/^$/q'; }

# ---- pages, headers -------------------------------------------------
bs_curl /w/demo/ > "$BS_TMP/page"
hdr "$BS_TMP/page" > "$BS_TMP/h"
bs_ok "a workshop page: 200" grep -q "^HTTP/1.1 200 OK" "$BS_TMP/h"
bs_ok "HTML in UTF-8" grep -qx "Content-Type: text/html; charset=utf-8" "$BS_TMP/h"
bs_ok "the content security policy, exactly" grep -qx \
    "Content-Security-Policy: default-src 'none'; style-src 'unsafe-inline'" "$BS_TMP/h"
bs_ok "no referrer" grep -qx "Referrer-Policy: no-referrer" "$BS_TMP/h"
bs_ok "no sniffing" grep -qx "X-Content-Type-Options: nosniff" "$BS_TMP/h"
bs_ok "no HSTS over plain HTTP" sh -c "! grep -qi '^Strict-Transport-Security' '$BS_TMP/h'"
bs_ok "no cookie" sh -c "! grep -qi '^Set-Cookie' '$BS_TMP/h'"
bs_ok "the page's language" grep -q '^<html lang="en-GB">$' "$BS_TMP/page"
# A Welsh workshop: our words stay English, people's are marked Welsh.
"$BS_BIN/blanksheet" -d "$BS_DB" -w demo workshop set language cy > /dev/null
bs_curl /w/demo/home/ > "$BS_TMP/cy"
bs_ok "a Welsh workshop's page is English, its people's words Welsh" sh -c \
    "grep -q '^<html lang=\"en-GB\">\$' '$BS_TMP/cy' && grep -q '^<blockquote lang=\"cy\">\$' '$BS_TMP/cy'"
bs_ok "  and over Gemini the page's language is English" sh -c \
    "bs_fetch() { printf '%s\\r\\n' \"\$1\" | timeout 20 openssl s_client -quiet -connect 127.0.0.1:$BS_PORT -servername localhost 2>/dev/null; };
     bs_fetch '$(bs_url /w/demo/home/)' | head -1 | grep -q 'lang=en-GB'"
"$BS_BIN/blanksheet" -d "$BS_DB" -w demo workshop set language en-GB > /dev/null
bs_ok "one h1, first" sh -c "test \$(grep -c '<h1>' '$BS_TMP/page') = 1 &&
    grep -m1 '<h[1-6]>' '$BS_TMP/page' | grep -q '<h1>'"
bs_ok "main and nav landmarks" sh -c "grep -q '^<main>' '$BS_TMP/page' &&
    grep -q '^<nav aria-labelledby=\"other-pages\">' '$BS_TMP/page'"
bs_ok "no script, nothing from elsewhere" sh -c "! grep -Eqi '<script|<link|<img|<iframe| on[a-z]+=|src=' '$BS_TMP/page'"

bs_curl --https /w/demo/ > "$BS_TMP/tls"
hdr "$BS_TMP/tls" > "$BS_TMP/h"
bs_ok "over HTTPS: 200" grep -q "^HTTP/1.1 200 OK" "$BS_TMP/h"
bs_ok "over HTTPS: HSTS" grep -qx "Strict-Transport-Security: max-age=31536000" "$BS_TMP/h"
bs_ok "over HTTPS: the same page" sh -c "sed '1,/^\r\$/d' '$BS_TMP/tls' > '$BS_TMP/b1';
    sed '1,/^\r\$/d' '$BS_TMP/page' > '$BS_TMP/b2'; cmp -s '$BS_TMP/b1' '$BS_TMP/b2'"

# A request that comes with the end of the TLS handshake is read too.
tls_many() {
	for _i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		bs_curl --https /w/demo/ | head -1 | grep -q "^HTTP/1.1 200" ||
		    return 1
	done
}
bs_ok "over HTTPS: twenty requests in a row, each answered" tls_many
# HTTP/1.0 asking to keep the connection, in a header that only starts
# with keep-alive: evhttp keeps it, so the TLS session must go on too.
keep10() {
	python3 -c '
import socket, ssl, sys
port = int(sys.argv[1])
ctx = ssl.create_default_context()
ctx.check_hostname = False
ctx.verify_mode = ssl.CERT_NONE
s = ctx.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=10),
                    server_hostname="localhost")
req = ("GET /w/demo/ HTTP/1.0\r\nHost: localhost:%d\r\n"
       "Connection: keep-alive, x-other\r\n\r\n" % port).encode()
f = s.makefile("rb")
for i in range(2):
    s.sendall(req)
    if not f.readline().startswith((b"HTTP/1.0 200", b"HTTP/1.1 200")):
        sys.exit(1)
    n = 0
    while True:
        line = f.readline()
        if line.lower().startswith(b"content-length:"):
            n = int(line.split(b":")[1])
        if line in (b"\r\n", b""):
            break
    f.read(n)
' "$S"
}
bs_ok "over HTTPS: HTTP/1.0 with keep-alive, two requests on one connection" keep10

bs_curl -I /w/demo/ > "$BS_TMP/head"
bs_ok "HEAD: 200, the length a GET has, no body" sh -c "
    grep -q '^HTTP/1.1 200' '$BS_TMP/head' &&
    grep -qx \"Content-Length: \$(sed '1,/^\r\$/d' '$BS_TMP/page' | wc -c)\" \
        \"\$(tr -d '\r' < '$BS_TMP/head' > '$BS_TMP/head2'; echo '$BS_TMP/head2')\" &&
    test \"\$(sed '1,/^\r\$/d' '$BS_TMP/head' | wc -c)\" = 0"
bs_curl /help.gmi > "$BS_TMP/help"
bs_ok "a capsule page as HTML" sh -c "grep -q '^HTTP/1.1 200' '$BS_TMP/help' &&
    grep -q '<h1>Help and how to take part</h1>' '$BS_TMP/help'"
bs_curl /areas > "$BS_TMP/dir"
bs_ok "a folder without its slash: 301 to it" sh -c "
    grep -q '^HTTP/1.1 301' '$BS_TMP/dir' && grep -q '^Location: /areas/' '$BS_TMP/dir'"
bs_curl /w/demo > "$BS_TMP/redir"
bs_ok "a workshop without its slash: 301" grep -q '^Location: /w/demo/' "$BS_TMP/redir"
bs_curl /nowhere > "$BS_TMP/404"
bs_ok "not found: 404 and a page that says so" sh -c "
    grep -q '^HTTP/1.1 404' '$BS_TMP/404' && grep -q '<h1>Page not found</h1>' '$BS_TMP/404'"

# ---- the form -------------------------------------------------------
bs_curl --https /w/demo/home/say/idea > "$BS_TMP/form"
bs_ok "the say route is a form posting to itself" grep -q \
    '<form method="post" action="/w/demo/home/say/idea" accept-charset="UTF-8">' "$BS_TMP/form"
bs_ok "its textarea is labelled with the question and the limit" sh -c "
    grep -q '<label for=\"words1\">What is your idea for support in your own home? Up to about [0-9]* letters, about [0-9]* words. Please leave out names.</label>' '$BS_TMP/form' &&
    grep -q '<textarea id=\"words1\" name=\"words\" rows=\"8\" cols=\"40\" required maxlength=\"[0-9]*\">' '$BS_TMP/form'"
bs_ok "over HTTPS it does not say not encrypted" sh -c "! grep -q 'not encrypted' '$BS_TMP/form'"
bs_ok "its title and heading name the area, so each say page has its own" sh -c "
    grep -q '<title>Add your words: Support at home</title>' '$BS_TMP/form' &&
    grep -q '<h1>Add your words: Support at home</h1>' '$BS_TMP/form'"
bs_curl /w/demo/home/say/idea > "$BS_TMP/form-plain"
bs_ok "over plain HTTP, before input http on: closed here, and why" sh -c "
    grep -q '<h1>Adding words is closed</h1>' '$BS_TMP/form-plain' &&
    grep -q 'it is not encrypted: it starts with http, not https' '$BS_TMP/form-plain'"
bs_curl /w/demo/home/ > "$BS_TMP/area"
bs_ok "area page over plain HTTP: input is switched off here" grep -q \
    "adding words through it is switched off" "$BS_TMP/area"

n0=$(said)
bs_curl --data-urlencode "words=Plain words before http is on" /w/demo/home/say/idea > "$BS_TMP/off"
bs_ok "POST over plain HTTP while it is off: not saved, words shown back" sh -c "
    grep -q 'is switched off, because it is not encrypted' '$BS_TMP/off' &&
    test \"\$(sqlite3 '$BS_DB' 'SELECT count(*) FROM contribution')\" = $n0"
bs_ok "the words are shown back as a quotation" \
    bs_quoted "Plain words before http is on" "$BS_TMP/off"
bs_curl --https --data-urlencode "words=Secure words, £5 & <more>" /w/demo/home/say/idea > "$BS_TMP/tls-say"
bs_ok "POST over HTTPS: saved" sh -c "
    grep -q '^HTTP/1.1 200' '$BS_TMP/tls-say' &&
    grep -q '<h1>Your words are saved</h1>' '$BS_TMP/tls-say'"
bs_ok "and read back, escaped" \
    bs_quoted "Secure words, £5 &amp; &lt;more&gt;" "$BS_TMP/tls-say"
bs_ok "one more contribution, an idea under home, through the web door" test \
    "$(sqlite3 "$BS_DB" "SELECT count(*) || ' ' || kind || ' ' || door FROM contribution WHERE text = 'Secure words, £5 & <more>'")" = "1 idea web"
"$BS_BIN/blanksheet" -d "$BS_DB" -w demo input http on > /dev/null
bs_curl /w/demo/home/ > "$BS_TMP/area"
bs_ok "area page over plain HTTP once on: links say not encrypted" grep -q \
    '<a href="/w/demo/home/say/idea">Share an idea, not encrypted</a>' "$BS_TMP/area"
bs_curl /w/demo/home/say/idea > "$BS_TMP/form-plain"
bs_ok "the form over plain HTTP says the words are not encrypted" grep -q \
    "<p>This web address is not encrypted: words typed here cross the network where others could read them.</p>" "$BS_TMP/form-plain"
n0=$(said)
bs_curl --data-urlencode "words=Línea ŵ from a browser" /w/demo/home/say > "$BS_TMP/say"
bs_curl --data-urlencode "words=Línea ŵ from a browser" /w/demo/home/say > "$BS_TMP/say2"
bs_ok "read back as a quotation" bs_quoted "Línea ŵ from a browser" "$BS_TMP/say"
bs_ok "POST over plain HTTP once on: saved once, confirmed twice" sh -c "
    grep -q '<h1>Your words are saved</h1>' '$BS_TMP/say2' &&
    test \"\$(sqlite3 '$BS_DB' 'SELECT count(*) FROM contribution')\" = $((n0 + 1))"
bs_fetch "$(bs_url "/w/demo/home/say?L%C3%ADnea%20%C5%B5%20from%20a%20browser")" > "$BS_TMP/say3"
bs_ok "the same words over Gemini are someone else's: saved again" sh -c "
    grep -q '^# Your words are saved' '$BS_TMP/say3' &&
    test \"\$(sqlite3 '$BS_DB' \"SELECT group_concat(door) FROM contribution WHERE text = 'Línea ŵ from a browser'\")\" = web,gemini"
n0=$((n0 + 1))
bs_curl /w/demo/home/ > "$BS_TMP/area"
bs_ok "the words are on the area page" \
    bs_quoted "Línea ŵ from a browser" "$BS_TMP/area"
long=$(python3 -c 'print("word " * 300)')
bs_curl --data-urlencode "words=$long" /w/demo/home/say > "$BS_TMP/long"
bs_ok "too long: 400, the form again with the words in it, nothing saved" sh -c "
    grep -q '^HTTP/1.1 400' '$BS_TMP/long' && grep -q 'That was too long' '$BS_TMP/long' &&
    grep -q '>word word word' '$BS_TMP/long' &&
    test \"\$(sqlite3 '$BS_DB' 'SELECT count(*) FROM contribution')\" = $((n0 + 1))"
bs_curl '/w/demo/home/say/idea?Typed%20before' > "$BS_TMP/again-form"
bs_ok "a query on a say route fills the form, saves nothing" sh -c "
    grep -q '>Typed before</textarea>' '$BS_TMP/again-form' &&
    test \"\$(sqlite3 '$BS_DB' 'SELECT count(*) FROM contribution')\" = $((n0 + 1))"

# ---- hostile requests: a 4xx or a close, nothing saved, then served ----
n0=$(said)
FORM='Content-Type: application/x-www-form-urlencoded\r\n'
matches() { echo "$1" | grep -Eqx "$2"; }
unchanged() { test "$(said)" = "$n0" && serves; }
check() {	# DESC EXPECTED [http_raw ARGS...]
	_d=$1
	_want=$2
	shift 2
	_got=$(bs_http "$@")
	bs_ok "$_d: $_want (got $_got)" matches "$_got" "$_want"
	bs_ok "$_d: nothing saved, then a page is served" unchanged
}
check "two Content-Length" 400 "$H" \
    "POST /w/demo/home/say HTTP/1.1\r\nHost: localhost\r\n${FORM}Content-Length: 11\r\nContent-Length: 8\r\n\r\nwords=smugg"
check "Transfer-Encoding and Content-Length" 400 "$H" \
    "POST /w/demo/home/say HTTP/1.1\r\nHost: localhost\r\n${FORM}Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\nb\r\nwords=smugg\r\n0\r\n\r\n"
check "Transfer-Encoding other than chunked" 400 "$H" \
    "POST /w/demo/home/say HTTP/1.1\r\nHost: localhost\r\n${FORM}Transfer-Encoding: gzip, chunked\r\n\r\nb\r\nwords=smugg\r\n0\r\n\r\n"
check "a Content-Length that is not a number" 400 "$H" \
    "POST /w/demo/home/say HTTP/1.1\r\nHost: localhost\r\n${FORM}Content-Length: +11\r\n\r\nwords=smugg"
big=$(python3 -c 'print("a" * 20000)')
check "oversized headers" 400 "$H" \
    "GET /w/demo/ HTTP/1.1\r\nHost: localhost\r\nX-Big: $big\r\n\r\n"
longpath=$(python3 -c 'print("a" * 3000)')
check "a target over 1024 bytes" 414 "$H" \
    "GET /$longpath HTTP/1.1\r\nHost: localhost\r\n\r\n"
check "a request line over the header limit" 400 "$H" \
    "GET /$big HTTP/1.1\r\nHost: localhost\r\n\r\n"
many=$(python3 -c 'print("X-A: b\\r\\n" * 2000)')
check "two thousand headers" 400 "$H" \
    "GET / HTTP/1.1\r\nHost: localhost\r\n$many\r\n"
check "an HTTP version that is not 1.x" 400 "$H" \
    "GET / HTTP/9.9\r\nHost: localhost\r\n\r\n"
check "a header line without a colon" 400 "$H" \
    "GET / HTTP/1.1\r\nHost: localhost\r\nBad Header\r\n\r\n"
check "a NUL in the Host header" "400|421" "$H" \
    "GET / HTTP/1.1\r\nHost: local\x00host\r\n\r\n"
check "oversized body" 413 "$H" \
    "POST /w/demo/home/say HTTP/1.1\r\nHost: localhost\r\n${FORM}Content-Length: 100000\r\n\r\nwords=x"
# The deadline is 3 s from the connection: a byte a second never finishes.
check "a slow body" "closed|408" --split 90 --delay 0.7 "$H" \
    "POST /w/demo/home/say HTTP/1.1\r\nHost: localhost\r\n${FORM}Content-Length: 16\r\n\r\nwords=slowly+now"
check "slow headers" "closed|408" --split 5 --delay 0.4 "$H" \
    "GET /w/demo/ HTTP/1.1\r\nHost: localhost\r\nX-Slow: aaaaaaaaaaaaaaaaaaaa\r\n\r\n"
for m in PUT DELETE OPTIONS TRACE PATCH; do
	check "method $m" 405 "$H" "$m /w/demo/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\n\r\n"
done
check "CONNECT" 405 "$H" "CONNECT localhost:443 HTTP/1.1\r\nHost: localhost:443\r\n\r\n"
# evhttp answers a method it does not know itself, and closes.
check "an unknown method" "501|400" "$H" "BREW /w/demo/ HTTP/1.1\r\nHost: localhost\r\n\r\n"
check "absolute form, another host" 421 "$H" "GET http://example.org/ HTTP/1.1\r\nHost: example.org\r\n\r\n"
check "absolute form, another scheme" "400|421" "$H" "GET gemini://localhost/ HTTP/1.1\r\nHost: localhost\r\n\r\n"
check "Host of another server" 421 "$H" "GET /w/demo/ HTTP/1.1\r\nHost: example.org\r\n\r\n"
check "Host with another port" 421 "$H" "GET /w/demo/ HTTP/1.1\r\nHost: localhost:1\r\n\r\n"
curl -s -H 'Host: 192.0.2.7:8080' "http://127.0.0.1:$BS_HPORT/w/demo/" > "$BS_TMP/wronghost"
bs_ok "a wrong Host gets a page naming the site's own address, with a link to it" sh -c \
    "grep -q 'This site answers to another address: http://localhost:$BS_HPORT/\\.' '$BS_TMP/wronghost' &&
     grep -q '<a href=\"http://localhost:$BS_HPORT/\">This site at its own address</a>' '$BS_TMP/wronghost'"
check "two Host headers" 400 "$H" "GET /w/demo/ HTTP/1.1\r\nHost: localhost\r\nHost: example.org\r\n\r\n"
check "no Host in HTTP/1.1" 400 "$H" "GET /w/demo/ HTTP/1.1\r\n\r\n"
for t in '/../etc/passwd' '/%2e%2e/etc/passwd' '/%2E%2E%2Fetc%2Fpasswd' \
    '/..%2fetc%2fpasswd' '/w/demo/../../../etc/passwd' '/%252e%252e/etc/passwd' \
    '/..\\\\etc\\\\passwd' '/%c0%ae%c0%ae/etc/passwd' '/./.././etc/passwd' \
    '/w/%00/' '/%ff/'; do
	check "traversal $t" "400|404" "$H" "GET $t HTTP/1.1\r\nHost: localhost\r\n\r\n"
done
check "a form that is not UTF-8 (escaped)" 400 "$H" \
    "POST /w/demo/home/say HTTP/1.1\r\nHost: localhost\r\n${FORM}Content-Length: 12\r\n\r\nwords=%ff%fe"
check "a form that is not UTF-8 (raw)" 400 "$H" \
    "POST /w/demo/home/say HTTP/1.1\r\nHost: localhost\r\n${FORM}Content-Length: 8\r\n\r\nwords=\xff\xfe"
check "a form without words" 400 "$H" \
    "POST /w/demo/home/say HTTP/1.1\r\nHost: localhost\r\n${FORM}Content-Length: 5\r\n\r\nother"
check "a body that is not a form" 415 "$H" \
    "POST /w/demo/home/say HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello"
check "POST to a page that takes no words" 405 "$H" \
    "POST /w/demo/ HTTP/1.1\r\nHost: localhost\r\n${FORM}Content-Length: 7\r\n\r\nwords=x"
check "HTTPS: two Content-Length" 400 --tls "$S" \
    "POST /w/demo/home/say HTTP/1.1\r\nHost: localhost\r\n${FORM}Content-Length: 11\r\nContent-Length: 8\r\n\r\nwords=smugg"
check "HTTPS: plain HTTP sent to it" "closed|400" "$S" "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n"

# ---- a renewed certificate, loaded on SIGHUP (certbot's deploy hook) ----
fp() {
	timeout "$BS_TIMEOUT" openssl s_client -connect "127.0.0.1:$S" \
	    -servername localhost < /dev/null 2>/dev/null |
	    openssl x509 -noout -fingerprint -sha256 2>/dev/null
}
before=$(fp)
seq0=$(bs_ready_seq)
bs_cert
kill -HUP "$BS_PID"
bs_wait_ready "$seq0"
after=$(fp)
bs_ok "SIGHUP: HTTPS serves the renewed certificate" sh -c \
    "test -n '$before' && test -n '$after' && test '$before' != '$after' &&
    test '$after' = \"\$(openssl x509 -noout -fingerprint -sha256 -in '$BS_TMP/cert.pem')\""
bs_ok "SIGHUP: the same port, still serving" serves

# ---- the access log ---------------------------------------------------
bs_curl '/w/demo/?secret-query' > /dev/null
bs_stop
bs_ok "access lines for the web door" grep -q "access .* 200 [0-9]* .* /w/demo/$" "$BS_LOG"
bs_ok "no address, no query, no words in the log" sh -c "
    ! grep -Eq '127\.0\.0\.1|secret-query|Línea|Secure words|smugg' '$BS_LOG'"
bs_ok "the server stopped cleanly" test "$BS_STATUS" = 0
exit $BS_FAILED
