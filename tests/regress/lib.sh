# lib.sh: shared helpers for the regress tests, which print TAP for prove.
# A test sources it, plans, and uses the helpers:
#
#	. "$(dirname "$0")/lib.sh"
#	bs_plan 3
#	bs_tmpdir; bs_cert; bs_capsule; bs_start_server
#	bs_fetch "$(bs_url /)" > "$BS_TMP/out"
#	bs_is "$BS_DATA/t0001/home.out" "$BS_TMP/out" "home page"
#	bs_ok "server still runs" bs_alive
#	bs_stop; bs_ok "server stopped cleanly" test "$BS_STATUS" = 0
#
# Variables: BS_ROOT (the repository), BS_BIN (its bin/), BS_DATA
# (tests/data), BS_TMP (this test's directory), BS_DB (a record in it),
# BS_CAPSULE, BS_PID (the server's master), BS_PORT, BS_LOG (the server's
# standard error), BS_STATUS (its exit status after bs_stop).
#
# TAP
#   bs_plan N			print "1..N"
#   bs_ok DESC CMD [ARG...]	run CMD: "ok N - DESC", else "not ok N"
#   bs_is EXPECTED ACTUAL DESC	files equal byte for byte (diff -u shown
#				as "# " lines when not)
#   bs_diag TEXT...		a "# " comment
# Setup
#   bs_tmpdir			make BS_TMP; at exit, stop the server we
#				started (by its pid) and remove BS_TMP
#   bs_cert [HOST]		self-signed P-256 certificate for HOST
#				(localhost): $BS_TMP/cert.pem, key.pem; the
#				server uses it (without bs_cert, the server
#				makes its own next to BS_DB)
#   bs_capsule			copy tests/data/capsule to BS_CAPSULE
# Server
#   bs_start_server [ARG...]	start bin/blanksheetd -f on 127.0.0.1, a
#				free port, 2 workers, with the certificate,
#				BS_DB and BS_CAPSULE, extra ARGs last; wait
#				for its ready file (never sleep); "Bail out!"
#				if it does not start.  As root (CI), with
#				-u BS_USER (nobody), as a service starts,
#				after handing BS_TMP and all in it to BS_USER
#   bs_own FILE...		as root, hand files made after the start to
#				BS_USER, as a facilitator's would be
#   bs_ready_seq		the ready file's sequence number
#   bs_wait_ready SEQ		wait until the sequence passes SEQ (after
#				a reload or a replaced worker)
#   bs_workers			the current workers' pids
#   bs_alive			status 0 while the server runs
#   bs_stop			SIGTERM, wait; BS_STATUS is its exit status;
#				status 1 if it failed, a sanitizer spoke or
#				a worker made a forbidden system call
# Clients
#   bs_url PATH			gemini://localhost:PORT followed by PATH
#   bs_fetch URL [SNI]		send URL CRLF, print the response; SNI
#				"-" sends none (default localhost)
#   bs_send FILE [SNI]		send FILE's bytes as they are
#   bs_raw [ARG...]		openssl s_client -quiet to the server, with
#				extra arguments, for anything else
#   bs_tcp FILE			send FILE over plain TCP (no TLS), print
#				what comes back until the server closes
#   bs_poll CMD [ARG...]	run CMD until it succeeds (bounded: 20 s)
# The web door (start the server with -W 0 and/or -w 0)
#   bs_web_ports		set BS_HPORT (-W) and BS_HSPORT (-w) from the
#				ready files
#   bs_curl [ARG...] PATH	curl http://localhost:BS_HPORT/PATH (to
#				127.0.0.1), quiet, headers and body to stdout;
#				-k/--https as the first argument uses -w
#   bs_http [ARG...] PORT REQUEST  tests/regress/http_raw.py: the
#				status code sent back, or "closed"

BS_ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BS_BIN=$BS_ROOT/bin
BS_DATA=$BS_ROOT/tests/data
BS_N=0
BS_FAILED=0
BS_PID=
BS_TMP=
BS_CERT=
BS_TIMEOUT=${BS_TIMEOUT:-20}
BS_USER=${BS_USER:-nobody}
export LC_ALL=C

bs_plan() {
	echo "1..$1"
}

bs_diag() {
	echo "# $*"
}

bs_ok() {
	_desc=$1
	shift
	BS_N=$((BS_N + 1))
	if "$@"; then
		echo "ok $BS_N - $_desc"
	else
		echo "not ok $BS_N - $_desc"
		BS_FAILED=$((BS_FAILED + 1))
	fi
}

bs_is() {
	BS_N=$((BS_N + 1))
	if diff -u "$1" "$2" > "$BS_TMP/.diff" 2>&1; then
		echo "ok $BS_N - $3"
	else
		echo "not ok $BS_N - $3"
		sed 's/^/# /' "$BS_TMP/.diff" | head -40
		BS_FAILED=$((BS_FAILED + 1))
	fi
}

bs_cleanup() {
	if [ -n "$BS_PID" ] && kill -0 "$BS_PID" 2>/dev/null; then
		kill -TERM "$BS_PID" 2>/dev/null
		wait "$BS_PID" 2>/dev/null
	fi
	[ -n "$BS_TMP" ] && rm -rf "$BS_TMP"
}

bs_tmpdir() {
	BS_TMP=$(mktemp -d "${TMPDIR:-/tmp}/bs-regress.XXXXXX") ||
	    { echo "Bail out! cannot make a temporary directory"; exit 1; }
	BS_DB=$BS_TMP/test.db
	BS_CAPSULE=$BS_TMP/capsule
	BS_LOG=$BS_TMP/server.log
	trap bs_cleanup EXIT
	trap 'exit 1' INT TERM
}

bs_cert() {
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
	    -nodes -subj "/CN=${1:-localhost}" \
	    -addext "subjectAltName=DNS:${1:-localhost}" -days 2 \
	    -keyout "$BS_TMP/key.pem" -out "$BS_TMP/cert.pem" \
	    > /dev/null 2>&1 ||
	    { echo "Bail out! openssl req failed"; exit 1; }
	BS_CERT=1
}

bs_capsule() {
	cp -R "$BS_DATA/capsule" "$BS_CAPSULE"
}

bs_ready_seq() {
	[ -s "$BS_TMP/ready" ] && cut -d' ' -f3 "$BS_TMP/ready"
}

bs_workers() {
	cut -d' ' -f4- "$BS_TMP/ready"
}

# Poll, bounded: the condition is the ready file, not the passing of time.
bs_wait_ready() {
	_i=0
	while [ $_i -lt 400 ]; do
		_s=$(bs_ready_seq)
		[ -n "$_s" ] && [ "$_s" -gt "$1" ] && return 0
		kill -0 "$BS_PID" 2>/dev/null || return 1
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}

bs_own() {
	[ "$(id -u)" = 0 ] || return 0
	chown -R "$BS_USER:$(id -gn "$BS_USER")" "$@"
}

bs_start_server() {
	rm -f "$BS_TMP/ready"
	if [ -n "$BS_CERT" ]; then
		set -- -C "$BS_TMP/cert.pem" -K "$BS_TMP/key.pem" "$@"
	fi
	if [ "$(id -u)" = 0 ]; then
		bs_own "$BS_TMP"
		set -- -u "$BS_USER" "$@"
	fi
	# BS_WRAP: a program to run it under, such as valgrind.
	$BS_WRAP "$BS_BIN/blanksheetd" -f -d "$BS_DB" -c "$BS_CAPSULE" \
	    -H localhost -b 127.0.0.1 -p 0 -n 2 -r "$BS_TMP/ready" "$@" \
	    >> "$BS_LOG" 2>&1 &
	BS_PID=$!
	if ! bs_wait_ready 0; then
		echo "Bail out! blanksheetd did not start"
		sed 's/^/# /' "$BS_LOG"
		exit 1
	fi
	BS_PORT=$(cut -d' ' -f1 "$BS_TMP/ready")
}

bs_alive() {
	[ -n "$BS_PID" ] && kill -0 "$BS_PID" 2>/dev/null
}

bs_stop() {
	BS_STATUS=
	[ -n "$BS_PID" ] || return 1
	kill -TERM "$BS_PID" 2>/dev/null
	wait "$BS_PID"
	BS_STATUS=$?
	BS_PID=
	# A worker the sandbox killed for a call missing from the allow-list
	# (server/sandbox.c) fails the test that stops the server.
	if grep -q 'Sanitizer\|runtime error:\|forbidden system call' \
	    "$BS_LOG"; then
		sed 's/^/# /' "$BS_LOG" | head -60
		return 1
	fi
	[ "$BS_STATUS" = 0 ]
}

bs_url() {
	echo "gemini://localhost:$BS_PORT$1"
}

bs_raw() {
	timeout "$BS_TIMEOUT" openssl s_client -quiet \
	    -connect "127.0.0.1:$BS_PORT" "$@" 2>/dev/null
}

bs_sni() {
	if [ "${1:-localhost}" = - ]; then
		echo -noservername
	else
		echo "-servername ${1:-localhost}"
	fi
}

bs_fetch() {
	# shellcheck disable=SC2046
	printf '%s\r\n' "$1" | bs_raw $(bs_sni "$2")
}

bs_send() {
	# shellcheck disable=SC2046
	bs_raw $(bs_sni "$2") < "$1"
}

bs_tcp() {
	timeout "$BS_TIMEOUT" bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" &&
	    cat "$2" >&3 && cat <&3' bs_tcp "$BS_PORT" "$1"
}

# bs_amfora SOCK URL COLS ROWS: amfora in a tmux session "bs" on socket
# SOCK, with its own home, opening URL as a person would: its new tab
# first, then the address typed into its bar.  An address on amfora's
# command line races its first drawing (1.9.2 can leave the new tab over
# a page it has fetched until a key is pressed).  1 if amfora never
# showed its bar, with its screen on standard error.
bs_amfora() {
	mkdir -p "$BS_TMP/home"
	HOME=$BS_TMP/home XDG_CONFIG_HOME=$BS_TMP/home/.config \
	    XDG_DATA_HOME=$BS_TMP/home/.local/share \
	    XDG_CACHE_HOME=$BS_TMP/home/.cache LANG=C.UTF-8 LC_ALL=C.UTF-8 \
	    TERM=xterm-256color tmux -u -S "$1" -f /dev/null new-session -d \
	    -s bs -x "$3" -y "$4" amfora
	if bs_poll _bs_screen_has "$1" 'New Tab'; then
		# A key sent as amfora draws can be lost: ask again.
		_t=0
		while [ $_t -lt 20 ]; do
			tmux -S "$1" send-keys -t bs Space
			_i=0
			while [ $_i -lt 20 ]; do
				if _bs_screen_has "$1" 'URL/Num./Search:'; then
					tmux -S "$1" send-keys -t bs -l "$2"
					tmux -S "$1" send-keys -t bs Enter
					return 0
				fi
				sleep 0.05
				_i=$((_i + 1))
			done
			tmux -S "$1" send-keys -t bs Escape
			_t=$((_t + 1))
		done
	fi
	echo "# amfora did not start; its screen:" >&2
	tmux -S "$1" capture-pane -p -t bs 2>/dev/null | sed 's/^/# /' >&2
	return 1
}
_bs_screen_has() {
	tmux -S "$1" capture-pane -p -t bs 2>/dev/null | grep -q "$2"
}

bs_poll() {
	_i=0
	while [ $_i -lt 400 ]; do
		"$@" && return 0
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}

# A normal request after a hostile one: the home page must still come.
bs_still_serves() {
	bs_fetch "$(bs_url /)" > "$BS_TMP/.home" &&
	    cmp -s "$BS_DATA/t0001/home.out" "$BS_TMP/.home"
}

# bs_quoted WORDS FILE: the HTML page FILE quotes WORDS, as one paragraph
# of a <blockquote>.
bs_quoted() {
	sed -n '/^<blockquote>$/,/^<\/blockquote>$/p' "$2" | grep -qxF "<p>$1</p>"
}

bs_web_ports() {
	BS_HPORT=
	BS_HSPORT=
	[ -s "$BS_TMP/ready.http" ] && BS_HPORT=$(cat "$BS_TMP/ready.http")
	[ -s "$BS_TMP/ready.https" ] && BS_HSPORT=$(cat "$BS_TMP/ready.https")
	:
}

bs_curl() {
	if [ "$1" = --https ]; then
		shift
		_u="https://localhost:$BS_HSPORT"
		set -- -k --resolve "localhost:$BS_HSPORT:127.0.0.1" "$@"
	else
		_u="http://localhost:$BS_HPORT"
		set -- --resolve "localhost:$BS_HPORT:127.0.0.1" "$@"
	fi
	_p=
	for _a in "$@"; do _p=$_a; done
	# The last argument is the path: the rest go to curl as they are.
	_n=$#
	_i=1
	for _a in "$@"; do
		[ $_i -lt $_n ] && set -- "$@" "$_a"
		_i=$((_i + 1))
	done
	shift "$_n"
	curl -s -i --max-time "$BS_TIMEOUT" "$@" "$_u$_p"
}

bs_http() {
	timeout "$BS_TIMEOUT" python3 "$BS_ROOT/tests/regress/http_raw.py" \
	    "$@"
}
