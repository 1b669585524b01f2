#!/usr/bin/env python3
"""A tiny TLS Gemini server that misbehaves on purpose, for the load
generator's tests (tests/regress/t0900-loadgen.sh).

    badserver.py MODE CERT KEY READYFILE

It listens on 127.0.0.1, a free port, writes the port to READYFILE and
serves until killed, one thread per connection.  MODE says how it answers:

    good      "20 text/gemini", 3000 bytes of body, close_notify
    status    "51 not found", close_notify
    short     "20 text/gemini" and a 2-byte body, close_notify
    noclose   a good response, then a plain close: no close_notify
    hang      the handshake, then nothing at all
"""
import os
import socket
import ssl
import sys
import threading
import time

BODY = ("# A page\n" + "x" * 2990 + "\n").encode()
assert len(BODY) == 3000


def answer(mode, conn):
    try:
        line = b""
        while not line.endswith(b"\n") and len(line) < 1026:
            chunk = conn.recv(1026)
            if not chunk:
                return
            line += chunk
        if mode == "hang":
            time.sleep(30)
            return
        if mode == "status":
            conn.sendall(b"51 not found\r\n")
        elif mode == "short":
            conn.sendall(b"20 text/gemini\r\nhi")
        else:
            conn.sendall(b"20 text/gemini\r\n" + BODY)
        if mode == "noclose":
            # End the TCP connection under TLS: no close_notify.
            conn.shutdown(socket.SHUT_RDWR)
            return
        conn.unwrap().close()
    except (OSError, ssl.SSLError):
        pass
    finally:
        try:
            conn.close()
        except OSError:
            pass


def handshake_then(ctx, mode, raw):
    try:
        conn = ctx.wrap_socket(raw, server_side=True)
    except (OSError, ssl.SSLError):
        raw.close()
        return
    if mode == "hang":
        time.sleep(30)
        conn.close()
        return
    answer(mode, conn)


def main():
    mode, cert, key, ready = sys.argv[1:5]
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cert, key)
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", 0))
    srv.listen(64)
    with open(ready + ".tmp", "w") as f:
        f.write("%d\n" % srv.getsockname()[1])
    os.rename(ready + ".tmp", ready)
    while True:
        raw, _ = srv.accept()
        threading.Thread(target=handshake_then, args=(ctx, mode, raw),
                         daemon=True).start()


if __name__ == "__main__":
    main()
