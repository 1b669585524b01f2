#!/usr/bin/env python3
"""Tiny Gopher client for the regress tests.

    gopher_client.py PORT FILE        send FILE's bytes, print the reply
    gopher_client.py PORT -s SELECTOR send SELECTOR CRLF
    gopher_client.py words GMI MENU   compare the words of a gemtext page
                                      and a Gopher menu; exit 1 if they differ
"""
import re
import socket
import sys


def fetch(port, data):
    s = socket.create_connection(("127.0.0.1", int(port)), timeout=20)
    s.sendall(data)
    s.shutdown(socket.SHUT_WR)      # all sent, as a client that is done
    out = b""
    while True:
        b = s.recv(65536)
        if not b:
            break
        out += b
    s.close()
    return out


def gemtext_words(text):
    words = []
    for line in text.splitlines():
        if line.startswith("=>"):
            parts = line[2:].strip().split(None, 1)
            line = parts[1] if len(parts) > 1 else ""
        else:
            # The other designed difference: over Gopher, a heading after
            # the title ends in a colon, said as a heading.
            if re.match(r"^##+ ", line) and line[-1:] not in ".?!:":
                line += ":"
            line = re.sub(r"^(#+ |\* |> ?)", "", line)
        words += line.split()
    return words


def menu_words(text):
    words = []
    for line in text.split("\r\n"):
        if line in (".", ""):
            continue
        display = line[1:].split("\t")[0]
        # The one designed difference: over Gopher, the input item says
        # that words typed there are not encrypted.
        if line[0] == "7" and display.endswith(", not encrypted"):
            display = display[:-len(", not encrypted")]
        words += display.split()
    # Quotation marks and list dashes are how Gopher marks what gemtext
    # marks with "> " and "* ".
    words = [w.strip("\u201c\u201d") for w in words]
    return [w for w in words if w not in ("-", "")]


def main():
    if sys.argv[1] == "words":
        gmi = open(sys.argv[2], encoding="utf-8", newline="").read()
        body = gmi.split("\r\n", 1)[1] if "\r\n" in gmi else gmi
        menu = open(sys.argv[3], encoding="utf-8", newline="").read()
        a, b = gemtext_words(body), menu_words(menu)
        if a != b:
            for i, (x, y) in enumerate(zip(a, b)):
                if x != y:
                    print("# word %d: gemini %r, gopher %r" % (i, x, y))
                    break
            print("# %d words over gemini, %d over gopher" % (len(a), len(b)))
            sys.exit(1)
        return
    port = sys.argv[1]
    if sys.argv[2] == "-s":
        data = sys.argv[3].encode() + b"\r\n"
    else:
        data = open(sys.argv[2], "rb").read()
    sys.stdout.buffer.write(fetch(port, data))


main()
