#!/usr/bin/env python3
"""three_doors: every page of the demo carries the same words through each
door.  Crawls the Gemini door from "/" (every page on this server, not
the say routes), then fetches each page over Gopher, plain HTTP and HTTPS
and compares the words, in order: letters and digits, so that each
door's own marks (gemtext's "=> " and "* ", Gopher's quotation marks and
heading colons, HTML's tags and entities) do not count.

    three_doors.py GEMINI GOPHER HTTP HTTPS [same|pairs]

same: all four doors carry the same words (input closed: every door says
so alike).  pairs: Gemini and HTTPS carry the same words, and Gopher and
plain HTTP the same words (input open, each unencrypted door saying so).
Prints one line per page checked, "# " lines for a difference; exit 1 if
any page differs.  Standard library only.
"""

import html.parser
import http.client
import re
import socket
import ssl
import sys
import urllib.parse

# urljoin() resolves relative links only for schemes it knows.
for _l in (urllib.parse.uses_relative, urllib.parse.uses_netloc):
    if "gemini" not in _l:
        _l.append("gemini")

HOST = "127.0.0.1"
NAME = "localhost"
CTX = ssl.create_default_context()
CTX.check_hostname = False
CTX.verify_mode = ssl.CERT_NONE


def words(text):
    return re.findall(r"\w+", text)


def gemini(port, path):
    url = "gemini://%s:%d%s" % (NAME, port, path)
    with socket.create_connection((HOST, port), timeout=20) as raw:
        with CTX.wrap_socket(raw, server_hostname=NAME) as s:
            s.sendall(url.encode() + b"\r\n")
            out = b""
            while True:
                b = s.recv(65536)
                if not b:
                    break
                out += b
    head, _, body = out.partition(b"\r\n")
    return head.decode(), body.decode("utf-8")


def gemtext_words(body):
    w = []
    links = []
    for line in body.splitlines():
        if line.startswith("=>"):
            parts = line[2:].strip().split(None, 1)
            links.append(parts[0] if parts else "")
            line = parts[1] if len(parts) > 1 else ""
        w += words(line)
    return w, links


def gopher(port, path):
    with socket.create_connection((HOST, port), timeout=20) as s:
        s.sendall(path.encode() + b"\r\n")
        out = b""
        while True:
            b = s.recv(65536)
            if not b:
                break
            out += b
    w = []
    for line in out.decode("utf-8").split("\r\n"):
        if line in (".", ""):
            continue
        w += words(line[1:].split("\t")[0])
    return w


class Text(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.w = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("head", "style", "title"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("head", "style", "title"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.w += words(data)


def web(port, path, tls):
    if tls:
        c = http.client.HTTPSConnection(HOST, port, timeout=20, context=CTX)
    else:
        c = http.client.HTTPConnection(HOST, port, timeout=20)
    c.request("GET", urllib.parse.quote(path, safe="/:@!$&'()*+,;=-._~"),
              headers={"Host": "%s:%d" % (NAME, port)})
    r = c.getresponse()
    body = r.read().decode("utf-8")
    c.close()
    if r.status != 200:
        raise ValueError("%s answers %d over %s" % (path, r.status,
                         "HTTPS" if tls else "HTTP"))
    t = Text()
    t.feed(body)
    return t.w


def differ(name_a, a, name_b, b, path):
    if a == b:
        return False
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            print("# %s: word %d: %s %r, %s %r" % (path, i, name_a, x,
                                                   name_b, y))
            break
    print("# %s: %d words over %s, %d over %s" % (path, len(a), name_a,
                                                  len(b), name_b))
    return True


def main():
    gem, gop, ht, hts = (int(x) for x in sys.argv[1:5])
    mode = sys.argv[5] if len(sys.argv) > 5 else "same"
    queue, seen, bad, n = ["/"], {"/"}, 0, 0
    while queue and n < 200:
        path = queue.pop(0)
        head, body = gemini(gem, path)
        if head.startswith("3"):
            target = urllib.parse.urlsplit(head.split(None, 1)[1]).path
            if target not in seen:
                seen.add(target)
                queue.append(target)
            continue
        if not head.startswith("20 text/gemini"):
            continue
        n += 1
        g, links = gemtext_words(body)
        for ln in links:
            u = urllib.parse.urlsplit(urllib.parse.urljoin(
                "gemini://%s:%d%s" % (NAME, gem, path), ln))
            if u.scheme != "gemini" or u.port != gem or u.query:
                continue
            p = urllib.parse.unquote(u.path or "/")
            if p.rstrip("/").endswith("/say") or "/say/" in p:
                continue
            if p not in seen:
                seen.add(p)
                queue.append(p)
        o = gopher(gop, path)
        h = web(ht, path, False)
        s = web(hts, path, True)
        if mode == "same":
            d = differ("gemini", g, "gopher", o, path) | \
                differ("gemini", g, "http", h, path) | \
                differ("gemini", g, "https", s, path)
        else:
            d = differ("gemini", g, "https", s, path) | \
                differ("gopher", o, "http", h, path)
        bad += d
        print("%s %s: %d words" % ("differs" if d else "same", path, len(g)))
    print("%d pages, %d differ" % (n, bad))
    return 1 if bad or n == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
