#!/bin/sh
# Never "saved" unless the words are in the record at its path.  The
# record is deleted and made again, deleted and left missing, and
# replaced by a copy (as a restore from a backup does), while the server
# runs: each participant is told "saved" only for words that are then in
# the file at the path, and "not saved yet", with the words, otherwise.
. "$(dirname "$0")/lib.sh"

bs_plan 14
bs_tmpdir
bs_cert
bs_capsule
demo() {
	"$BS_BIN/blanksheet" -d "$BS_DB" < "$BS_DATA/demo.bs" > /dev/null 2>&1 ||
	    { echo "Bail out! the demo script failed"; exit 1; }
	bs_own "$BS_DB"*	# as root, the server's user's, as a service's
}
demo
bs_start_server -l 1000
trap '' PIPE

# say WORDS: send them (spaces as %20), print the reply's first heading.
say() {
	_q=$(printf '%s' "$1" | sed 's/ /%20/g')
	bs_fetch "$(bs_url "/w/demo/home/say?$_q")" > "$BS_TMP/say.out"
	sed -n 's/^# //p' "$BS_TMP/say.out" | head -1
}
count() {
	# (sqlite3 would make a missing file: do not.)
	[ -e "$BS_DB" ] || { echo 0; return; }
	sqlite3 -batch -noheader "$BS_DB" "SELECT count(*) FROM contribution \
	    WHERE text = '$1'" 2>/dev/null || echo missing
}
# Four answers (or $2), so that both workers take some.
say_four() {
	_ok=0
	SAVED=0
	for _i in $(seq 1 "${2:-4}"); do
		_h=$(say "$1 $_i")
		_n=$(count "$1 $_i")
		case $_h in
		"Your words are saved")
			[ "$_n" = 1 ] || { bs_diag "'$1 $_i' saved, $_n in the record"; return 1; } ;;
		"Your words are not saved yet")
			[ "$_n" != 1 ] || { bs_diag "'$1 $_i' not saved, yet in the record"; return 1; }
			grep -q "^> $1 $_i\$" "$BS_TMP/say.out" ||
			    { bs_diag "'$1 $_i' not shown back"; return 1; } ;;
		*)
			bs_diag "'$1 $_i': $_h"; return 1 ;;
		esac
		[ "$_h" = "Your words are saved" ] && _ok=$((_ok + 1))
	done
	SAVED=$_ok
}

say_four "Before anything"
bs_ok "words are saved into the record ($SAVED of 4)" test "$SAVED" = 4

# Deleted and made again: a new file at the same path.
rm -f "$BS_DB" "$BS_DB-wal" "$BS_DB-shm"
demo
bs_ok "after the record is deleted and made again, only true answers" \
    say_four "Into the new record"
bs_ok "and the words went into the new record ($SAVED of 4)" test "$SAVED" = 4
bs_ok "the old words are not in it" test "$(count 'Before anything 1')" = 0

# Readers see the new record within a second or so.
sqlite3 "$BS_DB" "UPDATE workshop SET title = 'Renamed town'"
seen() { bs_fetch "$(bs_url /w/demo/)" | grep -q '^# Renamed town'; }
seen_twice() { seen && seen && seen && seen; }
bs_ok "readers see the new record" bs_poll seen_twice

# Deleted and left missing: nothing may be called saved.
rm -f "$BS_DB" "$BS_DB-wal" "$BS_DB-shm"
t0=$(date +%s)
bs_ok "with the record missing, only true answers" say_four "Into nowhere" 2
t1=$(date +%s)
bs_ok "none of them saved ($SAVED of 2)" test "$SAVED" = 0
bs_ok "each answered within the deadline ($((t1 - t0)) s for two)" \
    test $((t1 - t0)) -lt 20
bs_ok "no record was made at the path by the server" test ! -e "$BS_DB"
bs_ok "static pages still come" bs_still_serves

# It comes back: words are saved again.
demo
bs_ok "when the record comes back, only true answers" say_four "It came back"
bs_ok "and they are saved ($SAVED of 4)" test "$SAVED" = 4

# Replaced by a copy, renamed over it (a restore from a backup).
sqlite3 "$BS_DB" ".backup '$BS_TMP/copy.db'"
rm -f "$BS_DB-wal" "$BS_DB-shm"
bs_own "$BS_TMP/copy.db"
mv "$BS_TMP/copy.db" "$BS_DB"
say_four "After the restore" > /dev/null
bs_ok "after a restore, the words are in the file at the path ($SAVED of 4)" \
    test "$SAVED" = 4
bs_ok "server stops cleanly on SIGTERM" bs_stop
