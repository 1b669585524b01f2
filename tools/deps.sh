#!/bin/sh
# Install the Debian packages Blank Sheet needs that are not there yet.
#
#	tools/deps.sh [build|check|bench|deb]	(default: check)
#
# build: what compiling needs; check: also what the tests use; bench: also
# the peer server for the benchmark; deb: what `make deb' and its checks
# in CI use (debhelper, lintian, systemd-analyze).  Uses sudo when not root.  Quiet and
# quick when everything is there already.
#
# check also installs axe-core, the accessibility checker the browser test
# runs in Chromium, from the npm registry into tests/browser/node_modules
# (the version pinned in tests/browser/package-lock.json), with the npm
# that comes with Node.js, or Debian's npm when there is none.
set -eu
cd "$(dirname "$0")/.."

build="gcc make pkg-config libssl-dev libsqlite3-dev libedit-dev libevent-dev libseccomp-dev openssl"
check="$build libcmocka-dev sqlite3 python3 python3-jsonschema tmux espeak-ng curl lynx amfora clang libclang-rt-14-dev man-db bsdextrautils w3m chromium chromium-driver python3-selenium"
bench="$check molly-brown valgrind time"
deb="$build debhelper dpkg-dev fakeroot lintian adduser systemd"

case "${1:-check}" in
build)	want=$build ;;
check)	want=$check ;;
bench)	want=$bench ;;
deb)	want=$deb ;;
*)	echo "usage: tools/deps.sh [build|check|bench|deb]" >&2; exit 2 ;;
esac

missing=
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
	    missing="$missing $p"
done
axe=
if [ "${1:-check}" != build ] &&
    [ ! -s tests/browser/node_modules/axe-core/axe.min.js ]; then
	axe=1
	command -v npm > /dev/null || missing="$missing npm"
fi
[ -z "$missing" ] && [ -z "$axe" ] && exit 0

if [ -n "$missing" ]; then
	echo "Installing what is missing:$missing"
	if [ "$(id -u)" -eq 0 ]; then
		sudo=
	elif command -v sudo >/dev/null; then
		sudo=sudo
	else
		echo "Run this as root, then try again:" >&2
		echo "  apt-get update && apt-get install -y$missing" >&2
		exit 1
	fi
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq \
	    --no-install-recommends $missing
fi
if [ -n "$axe" ]; then
	echo "Installing axe-core from the npm registry into tests/browser"
	(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error) ||
	    echo "tools/deps.sh: could not install axe-core; the browser" \
	    "test will say so and skip" >&2
fi
