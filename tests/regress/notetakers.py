#!/usr/bin/env python3
"""Two note-takers, one record: run a blanksheet script as two live
programs taking turns, line by line, each waiting for its answer.

    notetakers.py BLANKSHEET DB SCRIPT [OUT]

The first lines, up to and including `workshop add', go to note-taker A
alone; after that the lines alternate between A and B (B starts with
`use SLUG').  Every answer is written to OUT (default: standard output),
one per line, prefixed "A: " or "B: ".  Exits 1 if either program
reports a mistake or stops early.
"""
import select
import subprocess
import sys
import time

BS, DB, SCRIPT = sys.argv[1:4]
out = open(sys.argv[4], "w") if len(sys.argv) > 4 else sys.stdout


def start():
    return subprocess.Popen([BS, "-d", DB], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            bufsize=0)


def answer(p, name, line):
    """Send one line, return its answer (one line), within 10 seconds."""
    p.stdin.write((line + "\n").encode())
    p.stdin.flush()
    buf = b""
    deadline = time.time() + 10
    while not buf.endswith(b"\n"):
        r, _, _ = select.select([p.stdout], [], [], max(0, deadline - time.time()))
        if not r:
            sys.exit("%s: no answer to %r" % (name, line))
        chunk = p.stdout.read1(4096) if hasattr(p.stdout, "read1") else \
            p.stdout.read(1)
        if not chunk:
            sys.exit("%s stopped after %r" % (name, line))
        buf += chunk
    text = buf.decode()
    out.write("".join("%s: %s\n" % (name, l) for l in text.splitlines()))
    if text.startswith("Line "):
        sys.exit("%s: a mistake: %s" % (name, text.strip()))
    return text


a = start()
b = None
turn = 0
for line in open(SCRIPT, encoding="utf-8"):
    line = line.rstrip("\n")
    if not line.strip() or line.lstrip().startswith("#"):
        continue
    if b is None:
        answer(a, "A", line)
        if line.startswith("workshop add "):
            b = start()
            answer(b, "B", "use " + line.split()[2])
        continue
    p, name = (a, "A") if turn % 2 == 0 else (b, "B")
    answer(p, name, line)
    turn += 1
for p in (a, b):
    if p is not None:
        p.stdin.close()
        if p.wait(timeout=10) != 0:
            sys.exit("a note-taker exited with status %d" % p.returncode)
