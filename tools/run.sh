#!/bin/sh
# make run: a demo workshop served on this machine, in the foreground.
#
#	tools/run.sh [GEMINI_PORT [GOPHER_PORT [HTTP_PORT]]]
#
# The record and the certificate live in run/; the record is made once
# from tests/data/demo.bs and kept, so what you add survives a restart.
set -eu
cd "$(dirname "$0")/.."
gemini=${1:-1965}
gopher=${2:-7070}
http=${3:-8080}
mkdir -p run
if [ ! -s run/demo.db ]; then
	bin/blanksheet -d run/demo.db < tests/data/demo.bs > /dev/null
	# On this machine only: words from a browser over plain HTTP too.
	bin/blanksheet -d run/demo.db -w demo input http on > /dev/null
	echo "Made the demo workshop in run/demo.db."
fi
cat <<MSG

Blank Sheet is serving the demo workshop on this machine.

  Over Gemini:  gemini://localhost:$gemini/w/demo/
                for example: amfora gemini://localhost:$gemini/w/demo/
  In Easy Read: gemini://localhost:$gemini/easy/w/demo/
  Over Gopher:  gopher://localhost:$gopher/1/w/demo/
                for example: lynx gopher://localhost:$gopher/1/w/demo/
  In a browser: http://localhost:$http/
                the workshop: http://localhost:$http/w/demo/

  Record what is said, in another terminal:
                bin/blanksheet -d run/demo.db
  Stop the server with Control-C.

MSG
# As root, serve as nobody: blanksheetd will not serve as root.
user=
if [ "$(id -u)" = 0 ]; then
	chown -R nobody:nogroup run
	if ! setpriv --reuid=nobody --regid=nogroup --clear-groups \
	    test -w run/demo.db; then
		echo "As root, blanksheetd serves as nobody, who cannot reach" \
		    "$(pwd)/run: run make run as yourself, or from a folder" \
		    "everyone may enter." >&2
		exit 1
	fi
	user="-u nobody"
fi
# shellcheck disable=SC2086
exec bin/blanksheetd -f $user -d run/demo.db -c capsule -H localhost \
    -b 127.0.0.1 -p "$gemini" -g "$gopher" -W "$http"
