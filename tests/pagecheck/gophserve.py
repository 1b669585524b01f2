#!/usr/bin/env python3
"""gophserve: a tiny Gopher server for testing pagecheck's Gopher crawl.

    gophserve.py --ready FILE [--log FILE] [--host NAME] ROOT...

Serves menu files from the ROOTs, the first that has the selector wins:
selector "/a/" is a/index.gophermap, "/a/index.gmi" the same, "/a/b.gmi"
is a/b.gmi.gophermap and "/a/b" is a/b.gophermap; the empty selector is
"/".  Menu files are written for host "localhost" and port 7070; on the
way out, every line ending "<TAB>localhost<TAB>7070<CR><LF>" names this
server instead, as NAME (default 127.0.0.1) and the port it listens on.
Anything else, and any selector with ".." in it, is a type 3 error, as
the real server sends.  Every selector asked for is appended to the log
file, one a line, so a test can tell what a client followed.  Listens on
127.0.0.1 on a free port and writes the port to the ready file once
listening.  Runs until killed.  Standard library only; not for real use.
"""

import argparse
import os
import socket
import sys
import threading

FILE_HOST = b"\tlocalhost\t7070\r\n"
log_lock = threading.Lock()


def menu_file(root, selector):
    path = selector or "/"
    if path.endswith("/index.gmi"):
        path = path[: -len("index.gmi")]
    if path.endswith("/"):
        return os.path.join(root, path.lstrip("/"), "index.gophermap")
    return os.path.join(root, path.lstrip("/") + ".gophermap")


def answer(roots, selector, host, port):
    here = ("\t%s\t%d\r\n" % (host, port)).encode()
    if ".." not in selector.split("/"):
        for root in roots:
            fs = menu_file(root, selector)
            if os.path.isfile(fs):
                with open(fs, "rb") as f:
                    return f.read().replace(FILE_HOST, here)
    return b"3Not found: there is no page at this address\t" + here + \
        b".\r\n"


def serve_one(conn, args, port):
    try:
        with conn:
            conn.settimeout(5)
            buf = b""
            while b"\r\n" not in buf and len(buf) < 4096:
                b = conn.recv(4096)
                if not b:
                    return
                buf += b
            line = buf.split(b"\r\n", 1)[0].decode("utf-8", "replace")
            selector = line.split("\t", 1)[0]
            if args.log:
                with log_lock, open(args.log, "a", encoding="utf-8") as f:
                    f.write(selector + "\n")
            data = answer(args.roots, selector, args.host, port)
            conn.sendall(data)
    except OSError:
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--ready", required=True)
    ap.add_argument("--log", help="append each selector asked for here")
    ap.add_argument("--host", default="127.0.0.1",
                    help="the host menus name (default: %(default)s)")
    ap.add_argument("roots", nargs="+")
    args = ap.parse_args()

    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", 0))
    ls.listen(64)
    port = ls.getsockname()[1]
    tmp = args.ready + ".tmp"
    with open(tmp, "w") as f:
        f.write("%d\n" % port)
    os.rename(tmp, args.ready)
    while True:
        conn, _ = ls.accept()
        threading.Thread(target=serve_one, daemon=True,
                         args=(conn, args, port)).start()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
