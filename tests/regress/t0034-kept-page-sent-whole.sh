#!/bin/sh
# A kept page is sent from the page cache without a copy: while a reply
# still holds it, the record changes and the cache lets the page go, and
# the reader still gets every byte of the page it asked for.
. "$(dirname "$0")/lib.sh"
bs_plan 5
bs_tmpdir
bs_cert
bs_capsule
# A page of 30 long ideas, the first part of all the ideas said.
long=$(python3 -c "print('Words kept for a slow reader, ' * 30)")
{
	cat "$BS_DATA/demo.bs"
	i=1
	while [ $i -le 60 ]; do
		echo "say hospital idea $i: $long"
		i=$((i + 1))
	done
} | "$BS_BIN/blanksheet" -d "$BS_DB" > /dev/null
bs_start_server -W 0 -n 1
bs_web_ports
P=/w/demo/hospital/said/idea
N=40

# The page as it is, which also puts it in the cache.
bs_curl "$P" > "$BS_TMP/before"
bytes=$(wc -c < "$BS_TMP/before")
echo "# the page: $bytes bytes"
bs_ok "the page is big: $N of them fill the socket's buffers" \
    test "$((bytes * N))" -gt 1000000

# A reader asks for the page many times on one connection and reads
# nothing, until the socket's buffers are full and a reply waits in the
# server, sent from the kept page.  The record changes and the page is
# built anew (the cache lets the old one go); then the reader reads
# everything: each reply is the whole old page or the whole new one.
python3 - "$BS_HPORT" "$P" "$N" "$BS_TMP/replies" "$BS_TMP/waiting" \
    "$BS_TMP/go" <<'PY' &
import os, socket, sys, time
port, path, n, out, waiting, go = sys.argv[1:]
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.connect(("127.0.0.1", int(port)))
req = "GET %s HTTP/1.1\r\nHost: localhost:%s\r\n\r\n" % (path, port)
s.sendall(req.encode() * int(n))
time.sleep(1)
open(waiting, "w").close()
deadline = time.time() + 20
while not os.path.exists(go) and time.time() < deadline:
    time.sleep(0.05)
s.settimeout(20)
data = b""
try:
    while True:
        b = s.recv(65536)
        if not b:
            break
        data += b
except socket.timeout:
    pass
with open(out, "wb") as f:
    f.write(data)
PY
READER=$!
bs_poll test -e "$BS_TMP/waiting"
"$BS_BIN/blanksheet" -d "$BS_DB" say hospital idea One more > /dev/null
bs_curl "$P" > "$BS_TMP/after"
touch "$BS_TMP/go"
wait "$READER"
body() { sed '1,/^\r$/d' "$1"; }
body "$BS_TMP/before" > "$BS_TMP/old"
body "$BS_TMP/after" > "$BS_TMP/new"
bs_ok "the page changed meanwhile" sh -c "! cmp -s '$BS_TMP/old' '$BS_TMP/new'"
python3 - "$BS_TMP/replies" "$BS_TMP/old" "$BS_TMP/new" "$N" \
    > "$BS_TMP/verdict" <<'PY'
import sys
data, old, new = (open(f, "rb").read() for f in sys.argv[1:4])
n = int(sys.argv[4])
seen = {"old": 0, "new": 0, "other": 0}
while data:
    head, _, rest = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        k, _, v = line.partition(b":")
        if k.strip().lower() == b"content-length":
            length = int(v)
    body, data = rest[:length], rest[length:]
    seen["old" if body == old else "new" if body == new else "other"] += 1
print("old %(old)d new %(new)d other %(other)d" % seen)
PY
echo "# replies: $(cat "$BS_TMP/verdict")"
bs_ok "every reply is the whole old page or the whole new one" \
    grep -q "other 0\$" "$BS_TMP/verdict"
bs_ok "all $N replies came, old ones first" sh -c \
    "read _ o _ n _ x < '$BS_TMP/verdict'; test \$((o + n)) = $N -a \$o -ge 1"
bs_stop
bs_ok "no worker died" sh -c \
    "! grep -Eq 'worker [0-9]+ (exited|killed)|AddressSanitizer' '$BS_LOG'"
