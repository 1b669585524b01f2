#!/bin/sh
# The page checker's HTML rules (the web door): each seeded bad page in
# tests/data/pagecheck/html-bad/ is caught by its rule and no other; then
# every page of the demo, crawled over plain HTTP from blanksheetd, and the
# same pages saved as files, have no problem, and the crawl reached the
# workshop, its areas, Easy Read and the capsule.
. "$(dirname "$0")/lib.sh"
BAD=$BS_ROOT/tests/data/pagecheck/html-bad
CHECK="python3 $BS_ROOT/tests/pagecheck/pagecheck.py --no-listen"
rules="html-lang h1 heading-skip landmarks script external form-label
link-label link-same-label nav characters"
bs_plan $(($(echo $rules | wc -w) + 7))
bs_tmpdir
bs_cert
BS_CAPSULE=$BS_TMP/capsule
cp -R "$BS_ROOT/capsule" "$BS_CAPSULE"
"$BS_BIN/blanksheet" -d "$BS_DB" < "$BS_DATA/demo.bs" > /dev/null
"$BS_BIN/blanksheet" -d "$BS_DB" -w demo input http on > /dev/null

rules_of() {
	sed -n 's/^[^ ]*:[0-9][0-9]*: \([a-z0-9-]*\): .*/\1/p' "$1" | sort -u
}
for r in $rules; do
	$CHECK "$BAD/$r.html" > "$BS_TMP/$r.out"
	bs_ok "html-bad/$r.html: caught by $r and nothing else" \
	    test "$(rules_of "$BS_TMP/$r.out")" = "$r"
	[ "$(rules_of "$BS_TMP/$r.out")" = "$r" ] || sed 's/^/# /' "$BS_TMP/$r.out"
done
bs_ok "every HTML rule has a seeded bad page" sh -c "
    for r in \$(python3 '$BS_ROOT/tests/pagecheck/pagecheck.py' --rules |
        sed -n 's/^\([a-z0-9-]*\): HTML pages only.*/\1/p'); do
	test -f '$BAD/'\$r.html || exit 1
    done"

bs_start_server -W 0
bs_web_ports
$CHECK --crawl "http://localhost:$BS_HPORT/" > "$BS_TMP/crawl.out" 2>&1
bs_ok "the demo crawled over HTTP: no problem" grep -q \
    "^pagecheck: [0-9]* pages checked, 0 problems" "$BS_TMP/crawl.out"
grep -q ", 0 problems" "$BS_TMP/crawl.out" || sed 's/^/# /' "$BS_TMP/crawl.out" | head -30
bs_ok "the crawl read at least 40 HTML pages" sh -c "
    n=\$(sed -n 's/^pagecheck: \([0-9]*\) pages checked.*/\1/p' '$BS_TMP/crawl.out');
    test \"\$n\" -ge 40"
mkdir -p "$BS_TMP/site/w/demo/home" "$BS_TMP/site/easy/w/demo"
for p in /index /w/demo/index /w/demo/home/index /w/demo/decisions \
    /easy/w/demo/index /help.gmi; do
	u=${p%index}
	curl -s --max-time 10 --resolve "localhost:$BS_HPORT:127.0.0.1" \
	    "http://localhost:$BS_HPORT$u" > "$BS_TMP/site$p.html"
done
$CHECK "$BS_TMP/site" > "$BS_TMP/files.out" 2>&1
bs_ok "the same pages as files: no problem" grep -q \
    "^pagecheck: 6 pages checked, 0 problems" "$BS_TMP/files.out"
grep -q ", 0 problems" "$BS_TMP/files.out" || sed 's/^/# /' "$BS_TMP/files.out" | head -30
curl -s --max-time 10 --resolve "localhost:$BS_HPORT:127.0.0.1" \
    "http://localhost:$BS_HPORT/w/demo/home/say/idea" > "$BS_TMP/form.html"
$CHECK "$BS_TMP/form.html" > "$BS_TMP/form.out" 2>&1
bs_ok "a form page: its text box is labelled, no problem" grep -q \
    "^pagecheck: 1 page checked, 0 problems" "$BS_TMP/form.out"
bs_ok "the server still runs" bs_alive
bs_stop
bs_ok "the server stopped cleanly" test "$BS_STATUS" = 0
exit $BS_FAILED
