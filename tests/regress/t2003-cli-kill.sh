#!/bin/sh
# Kill blanksheet in the middle of a long scripted session: every
# contribution it acknowledged is in the record, and nothing else.
. "$(dirname "$0")/tap.sh"
tmpdir
plan 3

bs init >/dev/null
bs workshop add kill Kill test >/dev/null
python3 - "$BLANKSHEET" "$DB" > "$TMP/result" <<'PY'
import os, re, signal, sqlite3, subprocess, sys
prog, db = sys.argv[1], sys.argv[2]
p = subprocess.Popen([prog, "-d", db], stdin=subprocess.PIPE,
                     stdout=subprocess.PIPE, bufsize=0)
acked = []
n = 0
# Keep a few lines in flight so the kill lands mid-command.
while len(acked) < 400:
    while n - len(acked) < 4:
        n += 1
        p.stdin.write(b"say home idea Idea number %d\n" % n)
    line = p.stdout.readline().decode()
    m = re.search(r"Saved contribution (\d+) under", line)
    if m:
        acked.append(int(m.group(1)))
p.send_signal(signal.SIGKILL)
p.wait()
rows = {r[0]: r[1] for r in sqlite3.connect(db).execute(
    "SELECT id, text FROM contribution")}
missing = [i for i in acked if i not in rows]
wrong = [i for i in acked if rows.get(i) != "Idea number %d" % i]
print(len(acked), len(missing), len(wrong), len(rows) - len(acked))
PY
read acked missing wrong extra < "$TMP/result"
is "$acked" 400 "400 contributions were acknowledged before the kill"
is "$missing/$wrong" "0/0" "every acknowledged contribution is in the record, word for word"
ok "[ $extra -le 4 ]" "at most the lines in flight were saved without an answer ($extra)"
