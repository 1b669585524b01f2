#!/bin/sh
# The normal case is a crowd: the facilitator records contributions with
# blanksheet while 50 participants read and 20 add their words over
# Gemini, and 30 more read and 10 add their words through the web door
# (plain HTTP and HTTPS), all from one address with the default limits,
# with moderation off and then on.  Every reader gets a page; every
# answer is acknowledged and in the record exactly once (held, when
# moderated); nothing is saved twice.
. "$(dirname "$0")/lib.sh"

bs_plan 17
bs_tmpdir
bs_cert
bs_capsule
"$BS_BIN/blanksheet" -d "$BS_DB" < "$BS_DATA/demo.bs" > /dev/null 2>&1 ||
    { echo "Bail out! the demo script failed"; exit 1; }
"$BS_BIN/blanksheet" -d "$BS_DB" -w demo input http on > /dev/null
bs_start_server -W 0 -w 0
bs_web_ports
# crowd ROUND MODERATE: 50 readers, 20 participants sending three answers
# each from the same address, and the CLI, all at once.
crowd() {
round=$1 state=$2
"$BS_BIN/blanksheet" -d "$BS_DB" input moderate "$3" > /dev/null
rm -rf "$BS_TMP/r" "$BS_TMP/w" "$BS_TMP/hr" "$BS_TMP/hw"
mkdir "$BS_TMP/r" "$BS_TMP/w" "$BS_TMP/hr" "$BS_TMP/hw"
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
# The web door: 20 readers over HTTP, 10 over HTTPS, 10 writers.
i=0
while [ $i -lt 30 ]; do
	( j=0; door=; [ $i -ge 20 ] && door=--https
	while [ $j -lt 4 ]; do
		bs_curl $door /w/demo/home/ > "$BS_TMP/hr/$i.$j"
		j=$((j + 1))
	done ) &
	pids="$pids $!"
	i=$((i + 1))
done
i=0
while [ $i -lt 10 ]; do
	( j=0; while [ $j -lt 3 ]; do
		bs_curl --data-urlencode \
		    "words=Round $round web participant $i says $j" \
		    /w/demo/hospital/say > "$BS_TMP/hw/$i.$j"
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
n=$(grep -l '^<h1>Support at home at Northtown</h1>' "$BS_TMP"/hr/* | wc -l)
bs_ok "round $round: every web reader got the page ($n of 120)" test "$n" = 120
acked=$(grep -l '^<h1>Your words are saved</h1>' "$BS_TMP"/hw/* | wc -l)
bs_ok "round $round: 30 answers by web form, all acknowledged ($acked)" test "$acked" = 30
missing=0
for f in $(grep -l '^<h1>Your words are saved</h1>' "$BS_TMP"/hw/*); do
	text=$(sed -n '/^<blockquote>$/,/^<\/blockquote>$/s/^<p>\(.*\)<\/p>$/\1/p' "$f")
	c=$(sqlite3 -batch -noheader "$BS_DB" "SELECT count(*) FROM \
	    contribution WHERE text = '$text' AND source = 'participant' \
	    AND state = '$state'")
	[ "$c" = 1 ] || { bs_diag "'$text' is there $c times"; missing=1; }
done
bs_ok "round $round: each acknowledged web answer is in the record once, $state" \
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
