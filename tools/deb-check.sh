#!/bin/sh
# Check the Debian package as CI does, as root: lintian shows no errors;
# dpkg -i installs it; the files, the system user and group, the shared
# state directory and the unit are there; systemd-analyze verifies the
# unit and rates it 2.0 or lower without a running systemd; and the
# installed blanksheetd, run as the service runs it (as blanksheet,
# without -u), serves a page with its workers confined, while a member of
# the group reaches the same record with blanksheet by default.
#
#	tools/deb-check.sh build/deb/blanksheet_VERSION_ARCH.deb
set -eu

deb=$1
unit=/lib/systemd/system/blanksheetd.service
fail=0
say() { echo "deb-check: $*"; }
check() {
	_what=$1
	shift
	if "$@"; then
		say "ok: $_what"
	else
		say "FAILED: $_what"
		fail=1
	fi
}

lintian --tag-display-limit 0 "$deb" > /tmp/deb-check.lintian 2>&1 || true
sed 's/^/lintian: /' /tmp/deb-check.lintian
check "lintian shows no errors" sh -c '! grep -q "^E:" /tmp/deb-check.lintian'

dpkg -i "$deb"
for f in /usr/bin/blanksheet /usr/sbin/blanksheetd \
    /usr/share/man/man1/blanksheet.1.gz /usr/share/man/man8/blanksheetd.8.gz \
    /usr/share/blanksheet/capsule/index.gmi /etc/default/blanksheetd \
    "$unit" /usr/share/doc/blanksheet/examples/low-port.conf; do
	check "installed $f" test -e "$f"
done
check "the system user blanksheet" sh -c \
    'getent passwd blanksheet | grep -q ":/var/lib/blanksheet:/usr/sbin/nologin$"'
check "the group blanksheet" sh -c "getent group blanksheet > /dev/null"
check "/var/lib/blanksheet is blanksheet's, 2770" test \
    "$(stat -c '%U:%G %a' /var/lib/blanksheet)" = "blanksheet:blanksheet 2770"

check "systemd-analyze verify" systemd-analyze verify "$unit"
systemd-analyze security --offline=yes "$unit" > /tmp/deb-check.security 2>&1 || true
grep -v '^✓' /tmp/deb-check.security | sed 's/^/security: /'
rating=$(sed -n 's/.*Overall exposure level for .*: \([0-9.]*\).*/\1/p' \
    /tmp/deb-check.security)
say "security rating: ${rating:-none}"
check "the unit rates 2.0 or lower" awk -v r="${rating:-99}" \
    'BEGIN { exit !(r <= 2.0) }'
# With the low-port drop-in too.
mkdir -p /tmp/deb-check.unit
cat "$unit" > /tmp/deb-check.unit/blanksheetd.service
sed -n '/^\[Service\]/,$p' /usr/share/doc/blanksheet/examples/low-port.conf |
    grep -v '^\[Service\]' | grep -v '^#' > /tmp/deb-check.lowport
sed -i '/^\[Install\]/e cat /tmp/deb-check.lowport' \
    /tmp/deb-check.unit/blanksheetd.service
low=$(systemd-analyze security --offline=yes \
    /tmp/deb-check.unit/blanksheetd.service 2>&1 |
    sed -n 's/.*Overall exposure level for .*: \([0-9.]*\).*/\1/p')
say "security rating with the low-port drop-in: ${low:-none}"
check "and 2.0 or lower with the low-port drop-in" awk -v r="${low:-99}" \
    'BEGIN { exit !(r <= 2.0) }'

# Run the installed server as the unit would (the user blanksheet, the
# state directory, the packaged capsule), on a free port.
state=/var/lib/blanksheet
as_bs="setpriv --reuid=blanksheet --regid=blanksheet --init-groups --"
rm -f /tmp/deb-check.ready
$as_bs /usr/sbin/blanksheetd -f -d "$state/blanksheet.db" \
    -c /usr/share/blanksheet/capsule -H localhost -b 127.0.0.1 -p 0 -n 2 \
    -r "$state/deb-check.ready" > /tmp/deb-check.log 2>&1 &
pid=$!
i=0
while [ ! -s "$state/deb-check.ready" ] && [ $i -lt 200 ]; do
	sleep 0.05
	i=$((i + 1))
done
if [ -s "$state/deb-check.ready" ]; then
	port=$(cut -d' ' -f1 "$state/deb-check.ready")
	printf 'gemini://localhost:%s/\r\n' "$port" |
	    timeout 10 openssl s_client -quiet -connect "127.0.0.1:$port" \
	    2>/dev/null > /tmp/deb-check.page || true
	check "the installed server serves the home page" \
	    grep -q '^20 text/gemini' /tmp/deb-check.page
	for w in $(cut -d' ' -f4- "$state/deb-check.ready"); do
		check "worker $w: Seccomp 2, NoNewPrivs 1, CapEff 0" sh -c \
		    "grep -q '^Seccomp:.2' /proc/$w/status &&
		    grep -q '^NoNewPrivs:.1' /proc/$w/status &&
		    grep -q '^CapEff:.0000000000000000' /proc/$w/status"
	done
	check "the record is 0660, in the group blanksheet" test \
	    "$(stat -c '%a %G' "$state/blanksheet.db")" = "660 blanksheet"
else
	say "FAILED: the installed server did not start"
	sed 's/^/server: /' /tmp/deb-check.log
	fail=1
fi
kill -TERM "$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true

# A facilitator in the group reaches that record without -d.
id deb-check-facilitator > /dev/null 2>&1 ||
    useradd --no-create-home --shell /usr/sbin/nologin deb-check-facilitator
usermod -a -G blanksheet deb-check-facilitator
(cd / && setpriv --reuid=deb-check-facilitator \
    --regid=deb-check-facilitator --init-groups -- \
    blanksheet workshop add deb-check Deb check) > /dev/null 2>&1 || true
check "a member of the group writes the service's record by default" sh -c \
    'sqlite3 /var/lib/blanksheet/blanksheet.db "SELECT slug FROM workshop" |
    grep -qx deb-check'
userdel deb-check-facilitator
rm -f "$state/deb-check.ready"
rm -rf /tmp/deb-check.unit /tmp/deb-check.*

[ $fail = 0 ] && say "all checks passed"
exit $fail
