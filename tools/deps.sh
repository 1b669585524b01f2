#!/bin/sh
# Install the Debian packages Blank Sheet needs that are not there yet.
#
#	tools/deps.sh [build|check|bench|deb]	(default: check)
#
# build: what compiling needs; check: also what the tests use; bench: also
# the peer server for the benchmark; deb: what `make deb' and its checks
# in CI use (debhelper, lintian, systemd-analyze).  Uses sudo when not root.  Quiet and
# quick when everything is there already.
set -eu

build="gcc make pkg-config libssl-dev libsqlite3-dev libedit-dev libevent-dev libseccomp-dev openssl"
check="$build libcmocka-dev sqlite3 python3 python3-jsonschema tmux espeak-ng curl lynx amfora clang libclang-rt-14-dev man-db bsdextrautils"
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
[ -z "$missing" ] && exit 0

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
