#!/usr/bin/env python3
"""gemserve: a tiny Gemini server for testing pagecheck's crawl mode.

    gemserve.py --cert C --key K --ready FILE [--header META] ROOT...

Serves *.gmi files from the ROOTs (the first that has the path wins; a
path ending "/" means its index.gmi; a directory without "/" redirects
with 31).  A path ending "/say" asks for input with 10, or answers 20 with
the decoded input.  Anything else is 51.  Listens on 127.0.0.1 on a free
port and writes the port to the ready file once listening.  Runs until
killed.  Standard library only; not for real use.
"""

import argparse
import os
import socket
import ssl
import sys
import threading
import urllib.parse

GOOD_HEADER = "text/gemini; charset=utf-8; lang=en-GB"


def answer(roots, header, line):
    u = urllib.parse.urlsplit(line)
    path = urllib.parse.unquote(u.path or "/")
    if ".." in path.split("/"):
        return b"59 bad path\r\n"
    if path.rstrip("/").endswith("/say"):
        if not u.query:
            return b"10 Your answer, without names\r\n"
        text = urllib.parse.unquote(u.query)
        body = "# Your answer was saved\n\n> %s\n" % text
        return ("20 %s\r\n" % header).encode() + body.encode("utf-8")
    rel = path.lstrip("/")
    for root in roots:
        fs = os.path.join(root, rel)
        if os.path.isdir(fs):
            if not path.endswith("/"):
                return ("31 %s/\r\n" % path).encode()
            fs = os.path.join(fs, "index.gmi")
        if os.path.isfile(fs) and fs.endswith(".gmi"):
            with open(fs, "rb") as f:
                return ("20 %s\r\n" % header).encode() + f.read()
    return b"51 Not found\r\n"


def serve_one(conn, ctx, roots, header):
    try:
        with ctx.wrap_socket(conn, server_side=True) as s:
            s.settimeout(5)
            buf = b""
            while b"\r\n" not in buf and len(buf) < 1100:
                b = s.recv(1100)
                if not b:
                    return
                buf += b
            line = buf.split(b"\r\n", 1)[0].decode("utf-8", "replace")
            s.sendall(answer(roots, header, line))
            try:
                s.unwrap()
            except (ssl.SSLError, OSError):
                pass
    except (ssl.SSLError, OSError):
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--ready", required=True)
    ap.add_argument("--header", default=GOOD_HEADER,
                    help="the meta sent with 20 (default: %(default)s)")
    ap.add_argument("roots", nargs="+")
    args = ap.parse_args()

    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(args.cert, args.key)
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", 0))
    ls.listen(64)
    tmp = args.ready + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % ls.getsockname()[1])
    os.rename(tmp, args.ready)
    while True:
        conn, _ = ls.accept()
        threading.Thread(target=serve_one, daemon=True,
                         args=(conn, ctx, args.roots, args.header)).start()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
