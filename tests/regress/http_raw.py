#!/usr/bin/env python3
"""http_raw: send exact bytes to the web door and say what came back.

    http_raw.py [--tls] [--split N --delay S] [--full] PORT REQUEST

REQUEST is ASCII with Python escapes (\\r\\n, \\xff), sent as it is to
127.0.0.1:PORT (over TLS with --tls, naming localhost, any certificate).
With --split N the first N bytes go at once and the rest one byte every
S seconds, as a slow client would send them.  Prints the status line's
code ("400"), or "closed" when the server closed without a word, then
with --full the whole response.  Standard library only.
"""

import argparse
import socket
import ssl
import sys
import time


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tls", action="store_true")
    ap.add_argument("--split", type=int, default=-1)
    ap.add_argument("--delay", type=float, default=0.0)
    ap.add_argument("--full", action="store_true")
    ap.add_argument("--timeout", type=float, default=15.0)
    ap.add_argument("port", type=int)
    ap.add_argument("request")
    a = ap.parse_args()
    data = a.request.encode("ascii").decode("unicode_escape") \
        .encode("latin-1")
    s = socket.create_connection(("127.0.0.1", a.port), timeout=a.timeout)
    if a.tls:
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        s = ctx.wrap_socket(s, server_hostname="localhost")
    out = b""
    try:
        if a.split < 0:
            s.sendall(data)
        else:
            s.sendall(data[:a.split])
            for i in range(a.split, len(data)):
                time.sleep(a.delay)
                s.sendall(data[i:i + 1])
        while True:
            b = s.recv(65536)
            if not b:
                break
            out += b
    except (ConnectionResetError, BrokenPipeError, ssl.SSLError):
        pass
    except socket.timeout:
        print("timeout")
        return 1
    first = out.split(b"\r\n", 1)[0].split()
    print(first[1].decode() if len(first) > 1 else "closed")
    if a.full:
        sys.stdout.write(out.decode("utf-8", "replace"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
