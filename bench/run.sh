#!/bin/sh
# bench/run.sh: the benchmark of issue 7, run by `make bench'.
#
# In one run, on the same 2 KB static page and the same ECDSA P-256
# certificate, for blanksheetd, the floor server (bench/floor) and
# molly-brown: requests per second, p50 and p99 latency, server CPU time
# per request (user + system of the server's whole process tree, over
# successful requests) and requests per server CPU-second at concurrency
# 1, 16 and 64, and peak memory; the same for resumed sessions and, on
# blanksheetd, for a workshop page with 200 contributions, over Gemini and
# as HTML over HTTPS (the web door, -w; loadgen -W).  Then the
# memory held by 10,000 handshaken idle connections and by 10,000 silent
# ones, and whether the server closes them; callgrind instructions per
# request for blanksheetd; a perf profile of blanksheetd and the floor.
#
# The server runs pinned to CPU 0 and the load generator to CPU 1.  The
# servers' runs are interleaved, each repeated BENCH_REPS times; the table
# shows the median and the spread ((max - min) / median).  Load goes only
# to 127.0.0.1; only processes started here are stopped, by their pids.
#
# Knobs (environment): BENCH_REPS (5), BENCH_DURATION (seconds per run,
# 3), BENCH_CONCS ("1 16 64"), BENCH_IDLE_CONNS (10000), BENCH_IDLE_DEADLINE
# (blanksheetd -t for the idle runs, 30), BENCH_NO_IDLE, BENCH_NO_CALLGRIND,
# BENCH_NO_PROFILE (perf), BENCH_OUT (bench/out), BENCH_README
# (bench/README.md; "-" for none).

set -u
export LC_ALL=C

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench
OUT=${BENCH_OUT:-$BENCH/out}
README=${BENCH_README:-$BENCH/README.md}
REPS=${BENCH_REPS:-5}
DUR=${BENCH_DURATION:-3}
CONCS=${BENCH_CONCS:-"1 16 64"}
IDLE_N=${BENCH_IDLE_CONNS:-10000}
IDLE_T=${BENCH_IDLE_DEADLINE:-30}
FLOOR_PROCS=4		# blocking processes: enough to overlap handshakes
BSD_WORKERS=1		# one worker on the one server CPU
BSD_IDLE_WORKERS=2	# each worker holds at most 8192 connections
WORKSHOP_PATH=/w/bench/hospital/
STATIC_PATH=/page.gmi
CG_BASE=20		# callgrind: requests before the measured ones
CG_N=200		# callgrind: measured requests

START=$(date +%s)
LOAD0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)
SRV_PID=
SRV_NAME=
TMP=

say() { printf '%s\n' "$*" >&2; }
die() { say "bench: $*"; exit 1; }

cleanup() {
	# stop_server is defined further down: an early die() comes first.
	command -v stop_server > /dev/null && stop_server
	[ -n "$TMP" ] && rm -rf "$TMP"
}

# ---------------------------------------------------------------- setup

need_pkg() {
	# $1 command, $2 Debian package: install when missing and we can.
	command -v "$1" > /dev/null 2>&1 && return 0
	if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null 2>&1; then
		say "bench: installing $2"
		{ apt-get update && DEBIAN_FRONTEND=noninteractive \
		    apt-get install -y "$2"; } > "$OUT/apt.log" 2>&1
	fi
	command -v "$1" > /dev/null 2>&1
}

mkdir -p "$OUT" || die "cannot make $OUT"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/bs-bench.XXXXXX") || die "no temporary directory"
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# Run copies, so that a rebuild in the tree meanwhile changes nothing here.
BIN=$TMP/bin
mkdir -p "$BIN" || die "cannot make $BIN"
for f in bin/blanksheetd bin/blanksheet bench/loadgen bench/floor bench/idle; do
	[ -x "$ROOT/$f" ] || die "$f is missing: run make first"
	! grep -q __asan_init "$ROOT/$f" ||
	    die "$f is a sanitizer build: make clean all, then run again"
	cp "$ROOT/$f" "$BIN/" || die "cannot copy $f"
done

need_pkg openssl openssl || die "the openssl command is missing"
HAVE_MOLLY=0; need_pkg molly-brown molly-brown && HAVE_MOLLY=1
HAVE_VG=0
[ -z "${BENCH_NO_CALLGRIND:-}" ] && need_pkg valgrind valgrind && HAVE_VG=1
HAVE_PERF=0
if [ -z "${BENCH_NO_PROFILE:-}" ] && command -v perf > /dev/null 2>&1 &&
    perf stat -e task-clock true > /dev/null 2>&1; then
	HAVE_PERF=1
fi

NCPU=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
if [ "$NCPU" -ge 2 ] && command -v taskset > /dev/null 2>&1; then
	PIN_SRV="taskset -c 0"
	PIN_CLI="taskset -c 1"
else
	say "bench: fewer than 2 CPUs or no taskset: server and client not pinned"
	PIN_SRV=
	PIN_CLI=
fi

# Idle connections need descriptors on both sides.
ulimit -n "$(ulimit -Hn)" 2>/dev/null
NOFILE=$(ulimit -n)
if [ "$NOFILE" != unlimited ] && [ "$NOFILE" -lt $((IDLE_N + 100)) ]; then
	say "bench: ulimit -n is $NOFILE: idle runs use $((NOFILE - 100)) connections"
	IDLE_N=$((NOFILE - 100))
fi

CERT=$TMP/cert.pem
KEY=$TMP/key.pem
CAPSULE=$TMP/capsule
DB=$TMP/bench.db
RAW=$OUT/raw.txt
: > "$RAW"
: > "$OUT/servers.log"
: > "$OUT/loadgen.log"
: > "$OUT/valgrind.log"

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes \
    -subj /CN=localhost -addext subjectAltName=DNS:localhost -days 2 \
    -keyout "$KEY" -out "$CERT" > /dev/null 2>&1 ||
    die "openssl req failed"
mkdir -p "$CAPSULE" && cp "$BENCH/page.gmi" "$CAPSULE/page.gmi" ||
    die "cannot make the capsule"
PAGE_BYTES=$(wc -c < "$BENCH/page.gmi" | tr -d ' ')

# The workshop record: 200 contributions under one area.
{
	echo init
	echo "workshop add bench Benchmark workshop"
	echo "workshop set place The benchmark room"
	echo "workshop open"
	i=1
	while [ $i -le 200 ]; do
		case $((i % 6)) in
		0) echo "say hospital goodlife Going home on the day I am well, contribution $i, with someone there to meet me" ;;
		1) echo "say hospital like The nurse who phoned the day after I got home, contribution $i, just to ask how I was" ;;
		2) echo "say hospital dislike Waiting on the ward for a care package, contribution $i, when I could have been at home" ;;
		3) echo "say hospital idea A Shared Lives stay for a week or two after hospital, contribution $i, instead of a bed on the ward" ;;
		4) echo "say hospital question Who tells my family when I am coming home, contribution $i, and who checks on me that night?" ;;
		5) echo "say hospital note Someone in the room said the discharge letters are hard to read, contribution $i" ;;
		esac
		i=$((i + 1))
	done
} > "$TMP/workshop.bs"
"$BIN/blanksheet" -d "$DB" < "$TMP/workshop.bs" > "$TMP/workshop.out" 2>&1 ||
    die "bin/blanksheet could not build the workshop record: $(tail -1 "$TMP/workshop.out")"

# ------------------------------------------------------------- processes

# The root pid and its descendants, comma-separated (from /proc: no ps).
tree_pids() {
	cat /proc/[0-9]*/stat 2>/dev/null | awk -v root="$1" '
	{
		pid = $1
		sub(/.*\) /, "")	# the name may hold spaces and parentheses
		parent[pid] = $2
	}
	END {
		want[root] = 1; out = root
		do {
			added = 0
			for (p in parent)
				if (!(p in want) && (parent[p] in want)) {
					want[p] = 1; out = out "," p; added = 1
				}
		} while (added)
		print out
	}'
}

# Sum of a /proc/PID/status field (kB) over comma-separated pids.
mem_sum() {
	_sum=0
	for _p in $(echo "$2" | tr , ' '); do
		_v=$(awk -v k="$1:" '$1 == k { print $2 }' "/proc/$_p/status" 2>/dev/null)
		_sum=$((_sum + ${_v:-0}))
	done
	echo "$_sum"
}

pss_sum() {
	_sum=0
	for _p in $(echo "$1" | tr , ' '); do
		_v=$(awk '$1 == "Pss:" { print $2 }' "/proc/$_p/smaps_rollup" 2>/dev/null)
		_sum=$((_sum + ${_v:-0}))
	done
	echo "$_sum"
}

# 0 while the process runs (a zombie does not count).
running() {
	[ -r "/proc/$1/stat" ] || return 1
	_st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
	[ "$_st" != Z ] && [ "$_st" != X ]
}

# A port nothing listens on, for molly-brown (which has no port 0).
free_port() {
	while :; do
		_port=$(awk 'BEGIN { srand(); print 20000 + int(rand() * 12000) }')
		_hex=$(printf '%04X' "$_port")
		awk -v h="$_hex" 'NR > 1 { split($2, a, ":"); if (a[2] == h) f = 1 }
		    END { exit !f }' /proc/net/tcp /proc/net/tcp6 2>/dev/null ||
		    break
	done
	echo "$_port"
}

wait_file() {
	# $1 file, $2 pid that must stay alive, $3 tries of 0.05 s
	_i=0
	while [ $_i -lt "$3" ]; do
		[ -s "$1" ] && return 0
		running "$2" || return 1
		sleep 0.05
		_i=$((_i + 1))
	done
	return 1
}

# start_server NAME [blanksheetd options...]: SRV_PID, SRV_PIDS, SRV_PORT.
start_server() {
	SRV_NAME=$1
	shift
	rm -f "$TMP/ready"
	case $SRV_NAME in
	blanksheetd)
		# As root, serve as nobody (blanksheetd will not serve as root).
		if [ "$(id -u)" = 0 ]; then
			chown -R nobody:nogroup "$TMP"
			set -- -u nobody "$@"
		fi
		$PIN_SRV "$BIN/blanksheetd" -f -d "$DB" -c "$CAPSULE" \
		    -H localhost -b 127.0.0.1 -p 0 -C "$CERT" -K "$KEY" \
		    -r "$TMP/ready" "$@" >> "$OUT/servers.log" 2>&1 &
		SRV_PID=$!
		wait_file "$TMP/ready" "$SRV_PID" 400 || return 1
		SRV_PORT=$(cut -d' ' -f1 "$TMP/ready")
		SRV_HTTPS_PORT=
		[ -s "$TMP/ready.https" ] &&
		    SRV_HTTPS_PORT=$(cat "$TMP/ready.https")
		;;
	floor)
		$PIN_SRV "$BIN/floor" -C "$CERT" -K "$KEY" \
		    -f "$CAPSULE/page.gmi" -b 127.0.0.1 -p 0 -n "$FLOOR_PROCS" \
		    -r "$TMP/ready" >> "$OUT/servers.log" 2>&1 &
		SRV_PID=$!
		wait_file "$TMP/ready" "$SRV_PID" 200 || return 1
		SRV_PORT=$(cut -d' ' -f1 "$TMP/ready")
		;;
	molly-brown)
		SRV_PORT=$(free_port)
		mkdir -p "$TMP/molly"
		cat > "$TMP/molly.conf" <<-EOF
		Port = $SRV_PORT
		Hostname = "localhost"
		CertPath = "$CERT"
		KeyPath = "$KEY"
		DocBase = "$CAPSULE"
		AccessLog = "$TMP/molly/access.log"
		ErrorLog = "$TMP/molly/error.log"
		EOF
		$PIN_SRV molly-brown -c "$TMP/molly.conf" \
		    >> "$OUT/servers.log" 2>&1 &
		SRV_PID=$!
		_i=0
		until "$BIN/loadgen" -p "$SRV_PORT" -P "$STATIC_PATH" -n 1 \
		    -T 1 -k > /dev/null 2>&1; do
			running "$SRV_PID" && [ $_i -lt 100 ] || return 1
			sleep 0.05
			_i=$((_i + 1))
		done
		;;
	esac
	SRV_PIDS=$(tree_pids "$SRV_PID")
}

stop_server() {
	[ -n "$SRV_PID" ] || return 0
	_pids=$(tree_pids "$SRV_PID")
	kill -TERM "$SRV_PID" 2>/dev/null
	_i=0
	while running "$SRV_PID" && [ $_i -lt 200 ]; do
		sleep 0.05
		_i=$((_i + 1))
	done
	if running "$SRV_PID"; then
		say "bench: $SRV_NAME did not stop on SIGTERM: SIGKILL"
		for _p in $(echo "$_pids" | tr , ' '); do
			kill -KILL "$_p" 2>/dev/null
		done
	fi
	wait "$SRV_PID" 2>/dev/null
	SRV_PID=
}

loadgen() {
	$PIN_CLI "$BIN/loadgen" -p "$SRV_PORT" "$@"
}

# ------------------------------------------------------------ timed runs

# one_run SERVER SCENARIO CONC REP: one measured run, appended to $RAW.
one_run() {
	_srv=$1 _scen=$2 _c=$3 _rep=$4
	_path=$STATIC_PATH _min=$PAGE_BYTES _r= _web=
	case $_scen in
	resume) _r=-r ;;
	resume12) _r="-r -2" ;;
	workshop) _path=$WORKSHOP_PATH _min=3000 ;;
	html) _path=$WORKSHOP_PATH _min=3000 _web=-w ;;
	esac
	case $_srv in
	blanksheetd) start_server blanksheetd -n "$BSD_WORKERS" $_web ${_web:+0} ;;
	blanksheetd-def) start_server blanksheetd -n "$NCPU" ;;
	*) start_server "$_srv" ;;
	esac || { say "bench: $_srv did not start"; stop_server; return 1; }
	# The web door: the same page as HTML, over HTTPS on its own port.
	[ -n "$_web" ] && _r="-W -p $SRV_HTTPS_PORT"
	loadgen -P "$_path" -m "$_min" -n 20 -c 2 $_r -k > /dev/null 2>&1
	_res=$(loadgen -P "$_path" -m "$_min" -c "$_c" -d "$DUR" $_r -k \
	    -S "$SRV_PIDS" 2>> "$OUT/loadgen.log")
	_peak=$(mem_sum VmHWM "$SRV_PIDS")
	stop_server
	echo "$_srv $_scen $_c $_rep $_res peak_kb=$_peak" >> "$RAW"
	printf '%s' "." >&2
}

# blanksheetd-def: blanksheetd with its default workers (one per CPU),
# pinned like the others, for the static page only.
SERVERS="blanksheetd blanksheetd-def floor"
[ $HAVE_MOLLY = 1 ] && SERVERS="$SERVERS molly-brown"

say "bench: timed runs: $REPS x (static, resume: $SERVERS; workshop, html: blanksheetd) x c = $CONCS, and TLS 1.2 resume at c=16, $DUR s each"
rep=1
while [ "$rep" -le "$REPS" ]; do
	# Interleave: each repetition starts with a different server.
	set -- $SERVERS
	shift $(( (rep - 1) % $# ))
	order="$*"
	for s in $SERVERS; do
		case " $order " in *" $s "*) ;; *) order="$order $s" ;; esac
	done
	for scen in static resume resume12 workshop html; do
		for srv in $order; do
			case $scen in workshop|html)
				[ "$srv" != blanksheetd ] && continue ;;
			esac
			[ "$scen" != static ] && [ "$srv" = blanksheetd-def ] && continue
			for c in $CONCS; do
				# TLS 1.2 resumption: for comparison, at c=16 only.
				[ "$scen" = resume12 ] && [ "$c" != 16 ] && continue
				one_run "$srv" "$scen" "$c" "$rep"
			done
		done
	done
	rep=$((rep + 1))
done
say ""

# ------------------------------------------------------------ idle runs

IDLE_RAW=$OUT/idle.txt
: > "$IDLE_RAW"
idle_run() {
	# idle_run SERVER MODE
	if [ "$1" = blanksheetd ]; then
		start_server blanksheetd -n "$BSD_IDLE_WORKERS" -t "$IDLE_T"
	else
		start_server "$1"
	fi || { say "bench: $1 did not start"; stop_server; return 1; }
	_base=$(mem_sum VmRSS "$SRV_PIDS")
	rm -f "$TMP/idle.ready"
	$PIN_CLI "$BIN/idle" -p "$SRV_PORT" -n "$IDLE_N" -m "$2" \
	    -H $((IDLE_T + 5)) -T 20 -r "$TMP/idle.ready" > "$TMP/idle.out" \
	    2>> "$OUT/loadgen.log" &
	_ipid=$!
	wait_file "$TMP/idle.ready" "$_ipid" 2400
	_rss=$(mem_sum VmRSS "$SRV_PIDS")
	_pss=$(pss_sum "$SRV_PIDS")
	wait "$_ipid"
	_hwm=$(mem_sum VmHWM "$SRV_PIDS")
	stop_server
	echo "$1 $(cat "$TMP/idle.out") base_kb=$_base rss_kb=$_rss pss_kb=$_pss hwm_kb=$_hwm" >> "$IDLE_RAW"
	printf '%s' "." >&2
}

if [ -z "${BENCH_NO_IDLE:-}" ]; then
	say "bench: idle runs: $IDLE_N connections, handshaken and silent, held up to $((IDLE_T + 5)) s"
	for srv in $SERVERS; do
		[ "$srv" = floor ] && continue	# blocking: one connection per process
		[ "$srv" = blanksheetd-def ] && continue	# the same, -n 2 already
		idle_run "$srv" handshake
		idle_run "$srv" silent
	done
	say ""
fi

# ------------------------------------------------------------ callgrind

CG_RAW=$OUT/callgrind.txt
: > "$CG_RAW"
# cg_run NAME SERVER STATIC WORKSHOP RESUMED: the one worker's Ir after
# that many requests of each kind, under callgrind.  (Resumed requests
# come after one full handshake, which gives the ticket.)
cg_run() {
	rm -f "$TMP/ready" "$TMP"/cg.*
	if [ "$2" = blanksheetd ]; then
		set -- "$1" "$2" "$3" "$4" "$5" "$BIN/blanksheetd" -f -d "$DB" \
		    -c "$CAPSULE" -H localhost -n 1
	else
		set -- "$1" "$2" "$3" "$4" "$5" "$BIN/floor" \
		    -f "$CAPSULE/page.gmi" -n 1
	fi
	_name=$1 _static=$3 _workshop=$4 _resumed=$5
	shift 5
	# As root, valgrind runs as nobody from the start: a server that
	# dropped to nobody itself could no longer write valgrind's files.
	# (Its workers load no system call filter under valgrind.)
	_as=
	if [ "$(id -u)" = 0 ]; then
		chown -R nobody:nogroup "$TMP"
		_as="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	fi
	$_as valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.%p" "$@" \
	    -b 127.0.0.1 -p 0 -C "$CERT" -K "$KEY" -r "$TMP/ready" \
	    >> "$OUT/valgrind.log" 2>&1 &
	SRV_PID=$!
	SRV_NAME=valgrind
	if ! wait_file "$TMP/ready" "$SRV_PID" 1200; then
		stop_server
		return 1
	fi
	SRV_PORT=$(cut -d' ' -f1 "$TMP/ready")
	_w=$(cut -d' ' -f4 "$TMP/ready")
	"$BIN/loadgen" -p "$SRV_PORT" -P "$STATIC_PATH" -n "$_static" \
	    -T 30 -k > /dev/null
	[ "$_workshop" -gt 0 ] && "$BIN/loadgen" -p "$SRV_PORT" \
	    -P "$WORKSHOP_PATH" -n "$_workshop" -T 30 -k > /dev/null
	[ "$_resumed" -gt 0 ] && "$BIN/loadgen" -p "$SRV_PORT" \
	    -P "$STATIC_PATH" -n "$_resumed" -r -T 30 -k > /dev/null
	stop_server
	[ -s "$TMP/cg.$_w" ] || return 1
	# Self cost per object and function; keep the file for callgrind_annotate.
	cp "$TMP/cg.$_w" "$OUT/callgrind.out.$_name"
	awk -f "$BENCH/callgrind.awk" "$TMP/cg.$_w" | sed "s/^/$_name /" \
	    >> "$CG_RAW"
}

if [ $HAVE_VG = 1 ]; then
	say "bench: callgrind: blanksheetd -n 1 and floor -n 1, $CG_N requests"
	# The one full handshake before resumed ones: CG_BASE - 1 first.
	{ cg_run base blanksheetd "$CG_BASE" 0 0 &&
	    cg_run static blanksheetd $((CG_BASE + CG_N)) 0 0 &&
	    cg_run workshop blanksheetd "$CG_BASE" "$CG_N" 0 &&
	    cg_run resumed blanksheetd $((CG_BASE - 1)) 0 "$CG_N" &&
	    cg_run floor-base floor "$CG_BASE" 0 0 &&
	    cg_run floor-static floor $((CG_BASE + CG_N)) 0 0 &&
	    cg_run floor-resumed floor $((CG_BASE - 1)) 0 "$CG_N"; } ||
	    say "bench: callgrind run failed (see $OUT/valgrind.log)"
fi

# ------------------------------------------------------------ perf profile

PERF_RAW=$OUT/perf.txt
: > "$PERF_RAW"
perf_run() {
	# perf_run SERVER: where a full-handshake static run at c=16 spends CPU.
	if [ "$1" = blanksheetd ]; then
		start_server blanksheetd -n "$BSD_WORKERS"
	else
		start_server "$1"
	fi || { stop_server; return 1; }
	loadgen -P "$STATIC_PATH" -n 20 -c 2 -k > /dev/null 2>&1
	perf record -q -F 1999 -g -o "$TMP/perf.data" -p "$SRV_PIDS" \
	    -- sleep $((DUR + 1)) > /dev/null 2>&1 &
	_ppid=$!
	_res=$(loadgen -P "$STATIC_PATH" -m "$PAGE_BYTES" -c 16 -d "$DUR" -k \
	    -S "$SRV_PIDS" 2>> "$OUT/loadgen.log")
	wait "$_ppid"
	stop_server
	echo "$1 run $_res" >> "$PERF_RAW"
	perf report -i "$TMP/perf.data" --stdio --no-children --sort dso \
	    -g none 2> /dev/null | awk -v s="$1" '/^ +[0-9.]+%/ {
		p = $1; sub("%", "", p); $1 = ""; sub(/^ +/, "")
		print s, "dso", p, $0 }' >> "$PERF_RAW"
	perf report -i "$TMP/perf.data" --stdio --no-children \
	    --sort dso,symbol -g none 2> /dev/null > "$OUT/perf.$1.txt"
	rm -f "$TMP/perf.data"
}

if [ $HAVE_PERF = 1 ]; then
	say "bench: perf profile: blanksheetd and floor, static page, c=16"
	perf_run blanksheetd
	perf_run floor
fi

# ------------------------------------------------------------ syscalls

STRACE_RAW=$OUT/strace.txt
: > "$STRACE_RAW"
strace_run() {
	# strace_run SERVER: system calls per request, static page, c=8.
	if [ "$1" = blanksheetd ]; then
		start_server blanksheetd -n "$BSD_WORKERS"
	else
		start_server "$1"
	fi || { stop_server; return 1; }
	loadgen -P "$STATIC_PATH" -n 20 -c 2 -k > /dev/null 2>&1
	set --  "$1"
	for _p in $(echo "$SRV_PIDS" | tr , ' '); do
		set -- "$@" -p "$_p"
	done
	_name=$1
	shift
	strace -c -f -o "$TMP/strace.out" "$@" 2> /dev/null &
	_spid=$!
	sleep 1		# strace attaches
	_res=$(loadgen -P "$STATIC_PATH" -m "$PAGE_BYTES" -c 8 -n "$STRACE_N" -k \
	    2>> "$OUT/loadgen.log")
	kill -INT "$_spid" 2>/dev/null
	wait "$_spid"
	stop_server
	_ok=$(printf '%s\n' "$_res" | tr ' ' '\n' | sed -n 's/^ok=//p')
	awk -v s="$_name" -v ok="${_ok:-0}" '
	    $1 ~ /^[0-9.]+$/ && NF >= 5 && $NF != "total" && ok > 0 {
		print s, $NF, $4 / ok }' \
	    "$TMP/strace.out" >> "$STRACE_RAW"
}
STRACE_N=500

if [ -z "${BENCH_NO_PROFILE:-}" ] && need_pkg strace strace; then
	say "bench: strace -c: system calls per request, blanksheetd and floor"
	strace_run blanksheetd
	strace_run floor
fi

# ------------------------------------------------------------ the table

machine() {
	_model=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null)
	echo "Machine: $NCPU CPUs, ${_model:-unknown CPU}, $(uname -srm)"
	echo "OpenSSL: $(openssl version)"
	if [ $HAVE_MOLLY = 1 ]; then
		echo "molly-brown: $(dpkg-query -W -f '${Version}' molly-brown 2>/dev/null || echo unknown version)"
	fi
	_rev=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null)
	_dirty=$(cd "$ROOT" && git status --porcelain -- server common 2>/dev/null | head -1)
	echo "blanksheetd: commit ${_rev:-unknown}${_dirty:+ with uncommitted changes in server/ or common/}"
	echo "Load average at start: $LOAD0; at end: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo "Run: $(date -u '+%Y-%m-%d %H:%M UTC'), $(( $(date +%s) - START )) s; $REPS repetitions of $DUR s per figure; server on CPU 0, load generator on CPU 1"
}

table() {
	awk -v reps="$REPS" -v idle_t="$IDLE_T" -v idle_n="$IDLE_N" \
	    -v page="$PAGE_BYTES" -v idlefile="$IDLE_RAW" -v cgfile="$CG_RAW" \
	    -v cgn="$CG_N" -v perffile="$PERF_RAW" -v iw="$BSD_IDLE_WORKERS" \
	    -v stracefile="$STRACE_RAW" -v stn="$STRACE_N" -v ncpu="$NCPU" \
	    -f "$BENCH/table.awk" "$RAW" "$IDLE_RAW" "$CG_RAW" "$PERF_RAW" \
	    "$STRACE_RAW"
}

{
	machine
	echo
	table
} > "$OUT/table.txt"
cat "$OUT/table.txt"

# The latest table goes into bench/README.md, between its markers.
if [ "$README" != - ] && [ -f "$README" ] &&
    grep -q '^<!-- bench:begin -->$' "$README"; then
	awk -v tf="$OUT/table.txt" '
	/^<!-- bench:begin -->$/ {
		print; print "```"
		while ((getline l < tf) > 0) print l
		print "```"; skip = 1; next
	}
	/^<!-- bench:end -->$/ { skip = 0 }
	!skip' "$README" > "$TMP/README.md" && cp "$TMP/README.md" "$README"
fi
say "bench: done in $(( $(date +%s) - START )) s; raw figures in $OUT"
