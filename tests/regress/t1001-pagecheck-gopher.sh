#!/bin/sh
# t1001-pagecheck-gopher: the page checker reads Gopher menus.  Each
# seeded bad menu in tests/data/pagecheck/gopher-bad/ is caught by its rule
# and no other; the menus in tests/data/pagecheck/gopher-site/ (made by the
# real renderer, see tests/pagecheck/mkgophersite.sh) have no problem, read
# from files and crawled over Gopher from a small test server
# (tests/pagecheck/gophserve.py), which also shows that type 7, h, 0 and
# other servers' items are not followed and that a type 3 answer is a
# broken link.  TAP output.  Self-contained: does not source lib.sh.

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 1
PY=${PYTHON:-python3}
CHECK="$PY tests/pagecheck/pagecheck.py --no-listen"
BAD=tests/data/pagecheck/gopher-bad
SITE=tests/data/pagecheck/gopher-site
tmp=$(mktemp -d "${TMPDIR:-/tmp}/t1001.XXXXXX") || exit 1
server_pid=

cleanup() {
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# file:rule pairs; each file must give that rule and only that rule.
cases="gopher-line gopher-line-lf:gopher-line gopher-line-end:gopher-line
gopher-line-type:gopher-line gopher-width h1 h1-empty:h1 h1-unique
characters table table-spaces:table link-label link-bare-url:link-label
link-same-label link-broken nav nav-target:nav nav-blank:nav"

ncase=$(echo $cases | wc -w)
plan=$((ncase + 10))
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
	sed -n 's/^.*:[0-9][0-9]*: \([a-z0-9-]*\): .*/\1/p' "$1" | sort -u
}

# Pages checked, from the summary line of output file $1.
pages_of() {
	tail -n 1 "$1" | sed -n 's/^pagecheck: \([0-9]*\) pages\{0,1\} checked.*/\1/p'
}

for c in $cases; do
	file=${c%%:*}
	rule=${c#*:}
	out=$tmp/$file.out
	extra=
	[ "$file" = h1-unique ] && extra=$SITE/help.gmi.gophermap
	$CHECK --root "$SITE" $extra "$BAD/$file.gophermap" >"$out" 2>&1
	rc=$?
	got=$(rules_of "$out" | tr '\n' ' ')
	if [ $rc -eq 1 ] && [ "$got" = "$rule " ] &&
	    grep -q "^$BAD/$file.gophermap:[0-9]*: $rule: " "$out"; then
		ok "$file.gophermap is caught by rule $rule"
	else
		notok "$file.gophermap is caught by rule $rule (exit $rc, rules: $got)" "$out"
	fi
done

# Width is counted in characters: line 2 has 70 characters in 78 bytes.
out=$tmp/width.out
$CHECK --root "$SITE" "$BAD/gopher-width.gophermap" >"$out" 2>&1
if [ "$(grep -c ': gopher-width: ' "$out")" = 1 ] &&
    grep -q ':3: gopher-width: this info line has 71 characters' "$out"; then
	ok "gopher-width counts characters, not bytes"
else
	notok "gopher-width counts characters, not bytes" "$out"
fi

# The clean site, from files.
out=$tmp/site.out
$CHECK "$SITE" >"$out" 2>&1
rc=$?
if [ $rc -eq 0 ] && tail -n 1 "$out" | grep -q ' 0 problems,' &&
    [ "$(pages_of "$out")" -ge 27 ]; then
	ok "gopher-site has no problems: $(tail -n 1 "$out" | sed 's/^pagecheck: //')"
else
	notok "gopher-site has no problems (exit $rc)" "$out"
fi

# --gopher reads a file of any name as a menu.
cp "$BAD/link-label.gophermap" "$tmp/menu.txt"
out=$tmp/flag.out
$CHECK --gopher --root "$SITE" "$tmp/menu.txt" >"$out" 2>&1
rc=$?
if [ $rc -eq 1 ] && [ "$(rules_of "$out" | tr '\n' ' ')" = "link-label " ]
then
	ok "--gopher reads menu.txt as a menu"
else
	notok "--gopher reads menu.txt as a menu (exit $rc)" "$out"
fi

# A page and its menu share a title without breaking h1-unique.
out=$tmp/both.out
$CHECK capsule/help.gmi "$SITE/help.gmi.gophermap" >"$out" 2>&1
rc=$?
if [ $rc -eq 0 ] && [ "$(pages_of "$out")" = 2 ]; then
	ok "a gemtext page and its Gopher menu may share a title"
else
	notok "a gemtext page and its Gopher menu may share a title (exit $rc)" "$out"
fi

# Only menus can be crawled.
$CHECK --crawl gopher://127.0.0.1:7/0/notes.txt >"$tmp/usage.out" 2>&1
rc=$?
if [ $rc -eq 2 ] && grep -q 'needs a gopher:// URL of a menu' "$tmp/usage.out"
then
	ok "--crawl refuses a gopher:// URL that is not a menu"
else
	notok "--crawl refuses a gopher:// URL that is not a menu (exit $rc)" \
	    "$tmp/usage.out"
fi

# Start gophserve with options $@ and the two roots; sets $port.
start_server() {
	[ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
	rm -f "$tmp/ready" "$tmp/log"
	$PY tests/pagecheck/gophserve.py --ready "$tmp/ready" --log "$tmp/log" \
	    "$@" "$SITE" "$BAD" >"$tmp/server.out" 2>&1 &
	server_pid=$!
	i=0
	while [ ! -s "$tmp/ready" ] && [ $i -lt 100 ] &&
	    kill -0 "$server_pid" 2>/dev/null; do
		sleep 0.1
		i=$((i + 1))
	done
	port=$(cat "$tmp/ready" 2>/dev/null)
}

start_server
if [ -z "$port" ]; then
	while [ $n -lt $plan ]; do
		n=$((n + 1))
		echo "not ok $n - crawl: the test server did not start"
	done
	exit 1
fi
url=gopher://127.0.0.1:$port

out=$tmp/crawl.out
$CHECK --crawl "$url/" >"$out" 2>&1
rc=$?
pages=$(pages_of "$out")
if [ $rc -eq 0 ] && [ "${pages:-0}" -ge 26 ]; then
	ok "crawl of the Gopher site: ${pages} menus, no problems"
else
	notok "crawl of the Gopher site (exit $rc)" "$out"
fi

# kinds holds a 0, a 7, an h and another server's 1: none is followed.
: >"$tmp/log"
out=$tmp/crawl-kinds.out
$CHECK --crawl "$url/1/kinds" >"$out" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -qx /kinds "$tmp/log" &&
    grep -qx /w/demo/hospital/ "$tmp/log" &&
    ! grep -q -e '/say' -e 'notes\.txt' -e '^URL:' "$tmp/log"; then
	ok "crawl: type 7, 0, h and other servers' items are not followed"
else
	notok "crawl: type 7, 0, h and other servers' items are not followed (exit $rc)" "$out"
	sed 's/^/# asked: /' "$tmp/log"
fi

out=$tmp/crawl-broken.out
$CHECK --crawl "$url/1/link-broken" >"$out" 2>&1
rc=$?
if [ $rc -eq 1 ] && [ "$(rules_of "$out" | tr '\n' ' ')" = "link-broken " ] &&
    grep -q "^$url/1/link-broken:2: link-broken: $url/1/notes.gmi answers with a type 3 error" \
    "$out"; then
	ok "crawl: an item answering type 3 is a broken link, on the item's line"
else
	notok "crawl: an item answering type 3 is a broken link (exit $rc)" "$out"
fi

out=$tmp/crawl-line.out
$CHECK --crawl "$url/1/gopher-line-lf" >"$out" 2>&1
rc=$?
if [ $rc -eq 1 ] && [ "$(rules_of "$out" | tr '\n' ' ')" = "gopher-line " ] &&
    grep -q "^$url/1/gopher-line-lf:2: gopher-line: " "$out"; then
	ok "crawl: the menu rules apply to what the server sends"
else
	notok "crawl: the menu rules apply to what the server sends (exit $rc)" "$out"
fi

# Menus that name the server "localhost", crawled at 127.0.0.1: the crawl
# follows the host and port the server names for itself.
start_server --host localhost
out=$tmp/crawl-named.out
$CHECK --crawl "gopher://127.0.0.1:$port/" >"$out" 2>&1
rc=$?
named=$(pages_of "$out")
if [ $rc -eq 0 ] && [ "${named:-0}" = "$pages" ]; then
	ok "crawl: items on the host the server names for itself are followed"
else
	notok "crawl: items on the host the server names for itself (exit $rc, $named pages)" "$out"
fi

[ $failed -eq 0 ]
