#!/bin/sh
# The web door in a real browser: headless Chromium (chromedriver and
# Selenium) loads every demo page over plain HTTP and runs axe-core with
# the WCAG 2.0, 2.1 and 2.2 A and AA rules: no violation, in light and
# dark mode, nothing wider than a 320 pixel phone, no console error.  Then
# it fills a form and finds the words saved on the page.  Skips, with a
# message, where Chromium, chromedriver, Selenium or axe-core is missing
# (tools/deps.sh check installs them all).
. "$(dirname "$0")/lib.sh"
AXE=$BS_ROOT/tests/browser/node_modules/axe-core/axe.min.js
skip() {
	echo "1..0 # SKIP $*"
	exit 0
}
[ -x /usr/bin/chromium ] || skip "no Chromium: apt-get install chromium (tools/deps.sh check)"
[ -x /usr/bin/chromedriver ] || skip "no chromedriver: apt-get install chromium-driver"
/usr/bin/python3 -c 'import selenium' 2>/dev/null ||
    skip "no Selenium: apt-get install python3-selenium"
[ -s "$AXE" ] || skip "no axe-core: tools/deps.sh check installs it from npm"

bs_plan 9
bs_tmpdir
bs_cert
BS_CAPSULE=$BS_TMP/capsule
cp -R "$BS_ROOT/capsule" "$BS_CAPSULE"
"$BS_BIN/blanksheet" -d "$BS_DB" < "$BS_DATA/demo.bs" > /dev/null
"$BS_BIN/blanksheet" -d "$BS_DB" -w demo input http on > /dev/null
bs_start_server -W 0
bs_web_ports
HOME=$BS_TMP timeout 600 /usr/bin/python3 "$BS_ROOT/tests/regress/browser_check.py" \
    "$AXE" "http://localhost:$BS_HPORT" > "$BS_TMP/out" 2>&1
rc=$?
if [ $rc = 2 ]; then
	sed 's/^/# /' "$BS_TMP/out"
	bs_stop
	skip "Chromium would not start here"
fi
grep -v '^pages ' "$BS_TMP/out" | sed 's/^/# /' | head -60
sum=$(grep '^pages ' "$BS_TMP/out")
bs_ok "axe-core runs and finds faults where there are some" grep -q \
    "^axe on a page with faults: .*html-has-lang.*label" "$BS_TMP/out"
bs_ok "every demo page loaded (40 or more): $sum" sh -c "
    test \$(echo '$sum' | sed 's/^pages \([0-9]*\),.*/\1/') -ge 40"
bs_ok "no WCAG 2.2 A or AA violation" sh -c "echo '$sum' | grep -q 'violations 0,'"
bs_ok "no console error" sh -c "echo '$sum' | grep -q 'console errors 0,'"
bs_ok "none in dark mode either" sh -c "echo '$sum' | grep -q 'dark-mode violations 0,'"
bs_ok "nothing wider than 320 pixels" sh -c "echo '$sum' | grep -q 'too wide 0,'"
bs_ok "a form filled in: the words saved, read back and on the page" \
    sh -c "echo '$sum' | grep -q 'form ok$'"
bs_ok "the words are in the record, once" test "$(sqlite3 "$BS_DB" \
    "SELECT count(*) FROM contribution WHERE text LIKE 'Words typed in a browser%'")" = 1
bs_stop
bs_ok "the server stopped cleanly" test "$BS_STATUS" = 0
exit $BS_FAILED
