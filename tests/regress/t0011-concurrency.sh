#!/bin/sh
# The normal case is a crowd: the facilitator records contributions with
# blanksheet while 50 participants read and 20 add their words, all from
# one address with the default limits, with moderation off and then on.
# Every reader gets a page; every answer is acknowledged and in the record
# exactly once (held, when moderated); nothing is saved twice.
. "$(dirname "$0")/lib.sh"

bs_plan 11
bs_tmpdir
bs_cert
bs_capsule
"$BS_BIN/blanksheet" -d "$BS_DB" < "$BS_DATA/demo.bs" > /dev/null 2>&1 ||
    { echo "Bail out! the demo script failed"; exit 1; }
bs_start_server
# crowd ROUND MODERATE: 50 readers, 20 participants sending three answers
# each from the same address, and the CLI, all at once.
crowd() {
round=$1 state=$2
"$BS_BIN/blanksheet" -d "$BS_DB" input moderate "$3" > /dev/null
rm -rf "$BS_TMP/r" "$BS_TMP/w"
mkdir "$BS_TMP/r" "$BS_TMP/w"
pids=

i=0
while [ $i -lt 50 ]; do
	( j=0; while [ $j -lt 4 ]; do
		bs_fetch "$(bs_url /w/demo/home/)" > "$BS_TMP/r/$i.$j"
		j=$((j + 1))
	done ) &
	pids="$pids $!"
	i=$((i + 1))
done
i=0
while [ $i -lt 20 ]; do
	( j=0; while [ $j -lt 3 ]; do
		bs_fetch "$(bs_url "/w/demo/hospital/say?Round%20$round%20participant%20$i%20says%20$j")" \
		    > "$BS_TMP/w/$i.$j"
		j=$((j + 1))
	done ) &
	pids="$pids $!"
	i=$((i + 1))
done
( i=0; while [ $i -lt 30 ]; do
	echo "say hospital note Round $round facilitator notes point $i"
	i=$((i + 1))
done ) | "$BS_BIN/blanksheet" -d "$BS_DB" > "$BS_TMP/cli.out" 2>&1 &
pids="$pids $!"
# Wait for the clients only: the server is a background job too.
for p in $pids; do
	wait "$p"
done

n=$(grep -l '^# Support at home at Northtown' "$BS_TMP"/r/* | wc -l)
bs_ok "round $round: every reader got the page ($n of 200)" test "$n" = 200
acked=$(grep -l '^# Your words are saved' "$BS_TMP"/w/* | wc -l)
bs_ok "round $round: 60 answers from one address, all acknowledged ($acked)" test "$acked" = 60
missing=0
for f in $(grep -l '^# Your words are saved' "$BS_TMP"/w/*); do
	text=$(sed -n 's/^> //p' "$f")
	c=$(sqlite3 -batch -noheader "$BS_DB" "SELECT count(*) FROM \
	    contribution WHERE text = '$text' AND source = 'participant' \
	    AND state = '$state'")
	[ "$c" = 1 ] || { bs_diag "'$text' is there $c times"; missing=1; }
done
bs_ok "round $round: each acknowledged one is in the record once, $state" \
    test "$missing" = 0
cli=$(grep -c '^demo: Saved contribution' "$BS_TMP/cli.out")
c=$(sqlite3 -batch -noheader "$BS_DB" "SELECT count(*) FROM contribution \
    WHERE text LIKE 'Round $round facilitator notes point %'")
bs_ok "round $round: the facilitator's $cli acknowledged notes are all there ($c)" \
    test "$cli" = "$c" -a "$c" -gt 0
dups=$(sqlite3 -batch -noheader "$BS_DB" "SELECT count(*) FROM (SELECT \
    text FROM contribution GROUP BY workshop_id, text HAVING count(*) > 1)")
bs_ok "round $round: nothing was saved twice" test "$dups" = 0
}

crowd 1 shown off
crowd 2 held on
bs_ok "server stops cleanly on SIGTERM" bs_stop
