#!/bin/sh
# t1000-pagecheck: the page checker catches each seeded bad page with the
# right rule and no other, and finds no problem in the capsule, read from
# files and crawled over Gemini from a small test server.  TAP output.
# Self-contained: does not source lib.sh.

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
PY=${PYTHON:-python3}
CHECK="$PY tests/pagecheck/pagecheck.py"
BAD=tests/data/pagecheck/bad
SITE=tests/data/pagecheck/site
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t1000.XXXXXX") || exit 1
server_pid=

cleanup() {
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# file:rule pairs; each file must give that rule and only that rule.
cases="h1 h1-unique heading-skip preformatted characters table
table-spaces:table link-label link-bare-url:link-label link-same-label
link-relative link-broken nav nav-label:nav sentence easy-sentence
easy-passive money-ear money-ear-pounds:money-ear numbers-ear
numbers-ear-phone:numbers-ear heading-empty title-length input-position
listen"

ncase=$(echo $cases | wc -w)
plan=$((ncase + 6))
echo "1..$plan"
n=0

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}
failed=0
notok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	sed 's/^/# /' "$2"
}

# Rules found in checker output file $1, one per line, sorted, unique.
rules_of() {
	sed -n 's/^[^ ]*:[0-9][0-9]*: \([a-z0-9-]*\): .*/\1/p' "$1" | sort -u
}

for c in $cases; do
	file=${c%%:*}
	rule=${c#*:}
	out=$tmp/$file.out
	extra=
	listen=--no-listen
	[ "$file" = h1-unique ] && extra=capsule/index.gmi
	[ "$file" = listen ] && listen=--listen
	$CHECK $listen --root capsule $extra "$BAD/$file.gmi" >"$out" 2>&1
	rc=$?
	got=$(rules_of "$out" | tr '\n' ' ')
	if [ $rc -eq 1 ] && [ "$got" = "$rule " ] &&
	    grep -q "^$BAD/$file.gmi:[0-9]*: $rule: " "$out"; then
		ok "$file.gmi is caught by rule $rule"
	else
		notok "$file.gmi is caught by rule $rule (exit $rc, rules: $got)" "$out"
	fi
done

# The whole capsule, from files, with the listen test when espeak-ng is here.
out=$tmp/capsule.out
$CHECK --root capsule capsule >"$out" 2>&1
rc=$?
if [ $rc -eq 0 ] && tail -n 1 "$out" | grep -q ' 0 problems,'; then
	ok "capsule has no problems: $(tail -n 1 "$out" | sed 's/^pagecheck: //')"
else
	notok "capsule has no problems (exit $rc)" "$out"
fi

# Every Easy Read page is recognised as Easy Read: a 16-word sentence fails.
mkdir -p "$tmp/site/easy"
cp "$BAD/easy-sentence.gmi" "$tmp/site/easy/long.gmi"
$CHECK --no-listen --nav '' --root "$tmp/site" "$tmp/site/easy/long.gmi" \
    >"$tmp/easy.out" 2>&1
if grep -q ': easy-sentence: a sentence of 16 words on an Easy Read page' \
    "$tmp/easy.out"; then
	ok "pages under easy/ are held to 15 words a sentence"
else
	notok "pages under easy/ are held to 15 words a sentence" "$tmp/easy.out"
fi

# Crawl mode, against a small Gemini server serving the capsule and example
# workshop pages.
if ! openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -keyout "$tmp/key.pem" -out "$tmp/cert.pem" -days 2 -subj /CN=localhost \
    >"$tmp/openssl.out" 2>&1; then
	while [ $n -lt $plan ]; do
		n=$((n + 1))
		echo "not ok $n - crawl: cannot make a certificate"
	done
	exit 1
fi

# Start gemserve with header $1 and roots $2...; sets $port.
start_server() {
	header=$1
	shift
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
	rm -f "$tmp/ready"
	$PY tests/pagecheck/gemserve.py --cert "$tmp/cert.pem" \
	    --key "$tmp/key.pem" --ready "$tmp/ready" --header "$header" \
	    "$@" >"$tmp/server.out" 2>&1 &
	server_pid=$!
	i=0
	while [ ! -s "$tmp/ready" ] && [ $i -lt 100 ] &&
	    kill -0 "$server_pid" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	port=$(cat "$tmp/ready" 2>/dev/null)
}

good='text/gemini; charset=utf-8; lang=en-GB'
start_server "$good" capsule "$SITE" "$BAD"
if [ -z "$port" ]; then
	while [ $n -lt $plan ]; do
		n=$((n + 1))
		echo "not ok $n - crawl: the test server did not start"
	done
	exit 1
fi
url=gemini://127.0.0.1:$port

out=$tmp/crawl.out
$CHECK --no-listen --crawl "$url/" >"$out" 2>&1
rc=$?
pages=$(tail -n 1 "$out" | sed -n 's/^pagecheck: \([0-9]*\) pages checked.*/\1/p')
if [ $rc -eq 0 ] && [ "${pages:-0}" -ge 21 ]; then
	ok "crawl of the capsule and example workshop: ${pages} pages, no problems"
else
	notok "crawl of the capsule and example workshop (exit $rc)" "$out"
fi

out=$tmp/crawl-broken.out
$CHECK --no-listen --crawl "$url/link-broken.gmi" >"$out" 2>&1
if grep -q "^$url/link-broken.gmi:3: link-broken: $url/nothere.gmi answers 51" \
    "$out"; then
	ok "crawl: a link answering 51 is a broken link, on the linking line"
else
	notok "crawl: a link answering 51 is a broken link" "$out"
fi

out=$tmp/crawl-say.out
$CHECK --no-listen --crawl "$url/w/demo/home/" >"$out" 2>&1
rc=$?
if [ $rc -eq 0 ] && ! grep -q '/say' "$out"; then
	ok "crawl: input routes are not followed, and 10 is fine"
else
	notok "crawl: input routes are not followed (exit $rc)" "$out"
fi

start_server "text/gemini" capsule "$SITE"
out=$tmp/crawl-header.out
$CHECK --no-listen --crawl "gemini://127.0.0.1:$port/" >"$out" 2>&1
rc=$?
if [ $rc -eq 1 ] && [ "$(rules_of "$out" | tr '\n' ' ')" = "header " ] &&
    grep -q ': header: add "charset=utf-8"' "$out" &&
    grep -q ': header: add "lang="' "$out"; then
	ok "crawl: a header without charset and lang is caught by rule header"
else
	notok "crawl: a header without charset and lang is caught" "$out"
fi

[ $failed -eq 0 ]
