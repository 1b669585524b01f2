#!/usr/bin/env python3
"""pagecheck: check gemtext pages against Blank Sheet's page rules.

Pages are read from files (directories are walked for *.gmi) or crawled
over Gemini from a start URL.  One line per problem:

    PATH:LINE: rule: what to change

then one summary line.  Exit status 0 when no problems, 1 when there are
problems, 2 on a usage error.  The rules are listed in docs/pages.md and by
--rules.  Standard library only.
"""

import argparse
import concurrent.futures
import os
import posixpath
import re
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import unicodedata
import urllib.parse
import wave

# urljoin() resolves relative links only for schemes it knows.
for _l in (urllib.parse.uses_relative, urllib.parse.uses_netloc):
    if "gemini" not in _l:
        _l.append("gemini")

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_NAV = os.path.join(HERE, "nav.gmi")

RULES = {
    "h1": "exactly one level-1 heading, and it is the first line",
    "h1-unique": "no two pages share a level-1 heading",
    "heading-skip": "heading levels never skip (# then ## then ###)",
    "preformatted": "no preformatted blocks (only with alt text, and only "
                    "on pages given with --allow-pre)",
    "characters": "no box drawing, blocks, shapes, dingbats, braille, "
                  "maths letters, emoji, variation selectors or joiners",
    "table": "no tables: no lines with two or more pipes, no runs of "
             "three spaces or tabs inside text",
    "link-label": "every link has a label that makes sense read alone",
    "link-same-label": "no two links on a page share a label but go to "
                       "different places",
    "link-relative": "links between static pages are relative",
    "link-broken": "every internal link resolves (a file, or no 51)",
    "status": "every crawled page answers with a status that belongs",
    "nav": "every page ends with the same navigation block",
    "header": "every response header carries lang= and charset=utf-8",
    "sentence": "sentences are short: Easy Read pages at most 15 words, "
                "other pages at most --max-words",
    "listen": "each page can be spoken by espeak-ng, within --max-seconds",
}

# Labels that do not make sense read alone in a list of links.
VAGUE_LABELS = {
    "here", "click", "click here", "more", "read more", "link", "this link",
    "this", "go", "go here", "more info", "more information", "details",
    "find out more", "learn more", "continue", "this page", "page",
}

EASY_WORDS_MAX = 15


def forbidden_cp(cp):
    """Return a short name for a forbidden code point, or None."""
    if 0x2500 <= cp <= 0x257F:
        return "box drawing"
    if 0x2580 <= cp <= 0x259F:
        return "block element"
    if 0x25A0 <= cp <= 0x25FF:
        return "geometric shape"
    if 0x2600 <= cp <= 0x26FF:
        return "miscellaneous symbol"
    if 0x2700 <= cp <= 0x27BF:
        return "dingbat"
    if 0x2800 <= cp <= 0x28FF:
        return "braille pattern"
    if 0x1D400 <= cp <= 0x1D7FF:
        return "mathematical letter"
    if 0x1F000 <= cp <= 0x1FAFF:
        return "emoji or pictograph"
    if 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:
        return "variation selector"
    if cp in (0x200D, 0x200C, 0x200B, 0x2060, 0xFEFF):
        return "invisible joiner or space"
    if cp < 0x20 and cp != 0x09:
        return "control character"
    if 0x7F <= cp <= 0x9F:
        return "control character"
    return None


class Problem:
    def __init__(self, where, line, rule, what):
        self.where, self.line, self.rule, self.what = where, line, rule, what

    def __str__(self):
        return "%s:%d: %s: %s" % (self.where, self.line, self.rule, self.what)


class Line:
    """One gemtext line, parsed."""
    __slots__ = ("n", "raw", "kind", "level", "text", "url", "pre_alt")

    def __init__(self, n, raw, kind, level=0, text="", url=None,
                 pre_alt=""):
        self.n, self.raw, self.kind, self.level = n, raw, kind, level
        self.text, self.url, self.pre_alt = text, url, pre_alt


def parse_gemtext(body):
    """Split gemtext into Line objects (kinds: text, blank, heading, link,
    item, quote, pre-toggle, pre)."""
    out = []
    inpre = False
    for i, raw in enumerate(body.split("\n"), 1):
        raw = raw.rstrip("\r")
        if raw.startswith("```"):
            out.append(Line(i, raw, "pre-toggle", pre_alt=raw[3:].strip()))
            inpre = not inpre
            continue
        if inpre:
            out.append(Line(i, raw, "pre", text=raw))
            continue
        if raw.strip() == "":
            out.append(Line(i, raw, "blank"))
        elif raw.startswith("=>"):
            rest = raw[2:].strip()
            parts = rest.split(None, 1)
            url = parts[0] if parts else ""
            label = parts[1].strip() if len(parts) > 1 else ""
            out.append(Line(i, raw, "link", text=label, url=url))
        elif raw.startswith("#"):
            m = re.match(r"^(#{1,3})\s*(.*)$", raw)
            out.append(Line(i, raw, "heading", level=len(m.group(1)),
                            text=m.group(2).strip()))
        elif raw.startswith("* "):
            out.append(Line(i, raw, "item", text=raw[2:].strip()))
        elif raw.startswith(">"):
            out.append(Line(i, raw, "quote", text=raw[1:].strip()))
        else:
            out.append(Line(i, raw, "text", text=raw.strip()))
    # A trailing newline leaves one empty last element: drop it.
    if out and out[-1].kind == "blank" and body.endswith("\n"):
        out.pop()
    return out


WORD_RE = re.compile(r"[^\W_]", re.UNICODE)
SENT_END_RE = re.compile(r"(?<=[.!?])[\"'\u2019\u201d)]*\s+")


def sentences(text):
    """Split a line of prose into sentences; each a list of words."""
    out = []
    for s in SENT_END_RE.split(text):
        words = [w for w in s.split() if WORD_RE.search(w)]
        if words:
            out.append(words)
    return out


def spoken_text(lines):
    """What a screen reader says for a page: labels not addresses, no
    markup characters."""
    parts = []
    for ln in lines:
        if ln.kind in ("blank", "pre-toggle"):
            continue
        t = ln.text if ln.kind != "link" else (ln.text or ln.url)
        t = t.strip()
        if not t:
            continue
        if t[-1] not in ".!?:":
            t += "."
        parts.append(t)
    return "\n".join(parts) + "\n"


def norm_target(path):
    """Normalise a resolved site path: "dir/index.gmi" is "dir/"."""
    if path.endswith("/index.gmi"):
        path = path[: -len("index.gmi")]
    return path or "/"


def resolve(base, url):
    """Resolve `url' against the absolute site path or URL `base'."""
    return urllib.parse.urljoin(base, url)


def is_external(url, host=None):
    """1 if `url' leaves the site: another scheme, or another host.  With
    no host (checking files), any URL with a scheme leaves the site."""
    p = urllib.parse.urlsplit(url)
    if not p.scheme:
        return False
    if p.scheme != "gemini" or host is None:
        return True
    return p.hostname != host


def load_nav(path):
    """The expected navigation block: a list of (kind, text, target)."""
    with open(path, encoding="utf-8") as f:
        lines = parse_gemtext(f.read())
    nav = []
    for ln in lines:
        if ln.kind == "blank":
            continue
        if ln.kind == "link":
            nav.append(("link", ln.text, norm_target(ln.url)))
        else:
            nav.append((ln.kind, ln.raw, None))
    return nav


class Page:
    def __init__(self, where, site_path, body, easy, allow_pre):
        self.where = where          # what the problem lines print
        self.site_path = site_path  # "/areas/home.gmi", for resolving
        self.body = body
        self.lines = parse_gemtext(body)
        self.easy = easy
        self.allow_pre = allow_pre
        self.h1 = None
        self.nsentences = 0
        self.nwords = 0
        self.maxwords = 0
        self.seconds = None


class Checker:
    def __init__(self, args):
        self.args = args
        self.problems = []
        self.pages = []
        self.nav = load_nav(args.nav) if args.nav else None
        self.host = None            # the crawled host, if any

    def add(self, where, line, rule, what):
        self.problems.append(Problem(where, line, rule, what))

    # -- rules on one page ------------------------------------------------

    def check_page(self, pg):
        w = pg.where
        lines = pg.lines
        a = self.add

        # h1: exactly one, first line.
        h1s = [ln for ln in lines if ln.kind == "heading" and ln.level == 1]
        if not lines or lines[0].kind != "heading" or lines[0].level != 1:
            a(w, 1, "h1", "make the first line a level-1 heading "
              "(\"# \" and a title naming this page)")
        if len(h1s) > 1:
            for ln in h1s[1:]:
                a(w, ln.n, "h1", "only one \"# \" heading per page; make "
                  "this one \"## \"")
        if h1s:
            pg.h1 = (h1s[0].text, h1s[0].n)
            if not h1s[0].text:
                a(w, h1s[0].n, "h1", "give the level-1 heading some words")

        # heading-skip
        prev = 0
        for ln in lines:
            if ln.kind != "heading":
                continue
            if ln.level > prev + 1:
                a(w, ln.n, "heading-skip", "level %d heading follows level "
                  "%d; use \"%s \" or add the missing level" %
                  (ln.level, prev, "#" * (prev + 1)))
            prev = ln.level

        # preformatted
        for ln in lines:
            if ln.kind != "pre-toggle":
                continue
            opening = True
            # Only opening toggles carry alt text; find out which this is.
            idx = lines.index(ln)
            opening = sum(1 for x in lines[:idx]
                          if x.kind == "pre-toggle") % 2 == 0
            if not opening:
                continue
            if not pg.allow_pre:
                a(w, ln.n, "preformatted", "write this as sentences or a "
                  "list; screen readers read preformatted text symbol by "
                  "symbol")
            elif not ln.pre_alt:
                a(w, ln.n, "preformatted", "add alt text after the "
                  "opening ``` saying what the block is")

        # characters
        for ln in lines:
            for col, ch in enumerate(ln.raw, 1):
                why = forbidden_cp(ord(ch))
                if why:
                    try:
                        name = unicodedata.name(ch)
                    except ValueError:
                        name = "U+%04X" % ord(ch)
                    a(w, ln.n, "characters", "remove %s %s (U+%04X) at "
                      "column %d; use words instead" %
                      (why, name, ord(ch), col))
                    break

        # table
        for ln in lines:
            if ln.kind in ("blank", "pre", "pre-toggle"):
                continue
            body = ln.raw.strip()
            if ln.kind == "link":
                body = ln.text
            if body.count("|") >= 2:
                a(w, ln.n, "table", "this looks like a table row; write "
                  "each row as a sentence or a list item")
            elif re.search(r"\S(?: {3,}|\t)\S", body):
                a(w, ln.n, "table", "runs of spaces lay out columns; write "
                  "each row as a sentence or a list item")

        # link-label, link-same-label, link-relative
        seen = {}
        for ln in lines:
            if ln.kind != "link":
                continue
            label = ln.text
            bare = re.sub(r"[^\w ]+", "", label.lower()).strip()
            bare = re.sub(r"\s+", " ", bare)
            if not ln.url:
                a(w, ln.n, "link-label", "this link has no address")
                continue
            if not label:
                a(w, ln.n, "link-label", "add a label after the address "
                  "saying where the link goes")
            elif (re.match(r"^[a-z][a-z0-9+.-]*://", label, re.I) or
                  label.lower().startswith("www.") or label == ln.url):
                a(w, ln.n, "link-label", "replace the address \"%s\" with "
                  "words saying where the link goes" % label)
            elif bare in VAGUE_LABELS:
                a(w, ln.n, "link-label", "\"%s\" makes no sense read alone; "
                  "say where the link goes" % label)
            target = resolve(pg.site_path, ln.url)
            sp = urllib.parse.urlsplit(target)
            if not sp.scheme or (sp.scheme == "gemini" and
                                 sp.hostname == self.host):
                target = norm_target(sp.path)
            if label:
                key = label.lower()
                if key in seen and seen[key][0] != target:
                    a(w, ln.n, "link-same-label", "\"%s\" also goes to %s "
                      "on line %d; give the links different labels" %
                      (label, seen[key][0], seen[key][1]))
                else:
                    seen.setdefault(key, (target, ln.n))
            if self.args.mode == "files" and ln.url.startswith("/"):
                a(w, ln.n, "link-relative", "write \"%s\" as a relative "
                  "link, so the capsule works wherever it is served" %
                  ln.url)

        # nav
        if self.nav is not None:
            self.check_nav(pg)

        # sentence
        limit = EASY_WORDS_MAX if pg.easy else self.args.max_words
        for ln in lines:
            if ln.kind not in ("text", "item"):
                continue
            for words in sentences(ln.text):
                pg.nsentences += 1
                pg.nwords += len(words)
                pg.maxwords = max(pg.maxwords, len(words))
                if len(words) > limit:
                    a(w, ln.n, "sentence", "a sentence of %d words%s; keep "
                      "to %d or fewer: \"%s ...\"" %
                      (len(words), " on an Easy Read page" if pg.easy else
                       "", limit, " ".join(words[:6])))

    def check_nav(self, pg):
        body = [ln for ln in pg.lines if ln.kind != "blank"]
        n = len(self.nav)
        tail = body[-n:] if len(body) >= n else body
        start = tail[0].n if tail else 1
        if len(tail) < n:
            self.add(pg.where, start, "nav", "end the page with the "
                     "navigation block in docs/pages.md")
            return
        for (kind, text, target), ln in zip(self.nav, tail):
            if kind == "link":
                got = None
                if ln.kind == "link":
                    got = norm_target(urllib.parse.urlsplit(
                        resolve(pg.site_path, ln.url)).path)
                if ln.kind != "link" or ln.text != text or got != target:
                    self.add(pg.where, ln.n, "nav", "expected the link "
                             "\"%s\" to %s here, as on every page "
                             "(docs/pages.md)" % (text, target))
                    return
            elif ln.raw != text:
                self.add(pg.where, ln.n, "nav", "expected \"%s\" here, as on "
                         "every page (docs/pages.md)" % text)
                return
        # The block must not appear twice.
        first = self.nav[0]
        count = sum(1 for ln in body if ln.kind == first[0] and
                    (ln.raw if first[0] != "link" else ln.text) == first[1])
        if count > 1:
            self.add(pg.where, start, "nav", "the navigation block appears "
                     "more than once; keep only the last")

    # -- rules across the site ---------------------------------------------

    def check_site(self):
        byh1 = {}
        for pg in self.pages:
            if pg.h1 and pg.h1[0]:
                byh1.setdefault(pg.h1[0].lower(), []).append(pg)
        for title, pgs in byh1.items():
            if len(pgs) < 2:
                continue
            for pg in pgs[1:]:
                self.add(pg.where, pg.h1[1], "h1-unique", "\"%s\" is also "
                         "the title of %s; give each page its own title" %
                         (pg.h1[0], pgs[0].where))

    # -- the listen test ----------------------------------------------------

    def listen(self):
        espeak = shutil.which("espeak-ng")
        if espeak is None:
            print("pagecheck: espeak-ng not found; listen test skipped",
                  file=sys.stderr)
            return
        tmp = tempfile.mkdtemp(prefix="pagecheck.")

        def one(i, pg):
            txt = os.path.join(tmp, "%d.txt" % i)
            wav = os.path.join(tmp, "%d.wav" % i)
            with open(txt, "w", encoding="utf-8") as f:
                f.write(spoken_text(pg.lines))
            try:
                r = subprocess.run([espeak, "-v", "en-gb", "-w", wav, "-f",
                                    txt], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, timeout=120)
            except subprocess.TimeoutExpired:
                return pg, None, "espeak-ng took over two minutes"
            if r.returncode != 0:
                return pg, None, "espeak-ng failed: %s" % \
                    r.stderr.decode("utf-8", "replace").strip()[:200]
            try:
                with wave.open(wav, "rb") as wf:
                    secs = wf.getnframes() / float(wf.getframerate())
            except (wave.Error, EOFError, OSError) as e:
                return pg, None, "cannot read espeak-ng's sound: %s" % e
            finally:
                for p in (txt, wav):
                    try:
                        os.unlink(p)
                    except OSError:
                        pass
            if secs <= 0:
                return pg, None, "espeak-ng spoke nothing"
            return pg, secs, None

        workers = max(2, os.cpu_count() or 2)
        with concurrent.futures.ThreadPoolExecutor(workers) as ex:
            futs = [ex.submit(one, i, pg) for i, pg in enumerate(self.pages)]
            for fu in futs:
                pg, secs, err = fu.result()
                pg.seconds = secs
                if err:
                    self.add(pg.where, 1, "listen", err)
                elif secs > self.args.max_seconds:
                    self.add(pg.where, 1, "listen", "takes %d seconds to "
                             "hear; split it so each page takes at most %d"
                             % (round(secs), self.args.max_seconds))
        try:
            os.rmdir(tmp)
        except OSError:
            pass

    def summary(self):
        n = len(self.pages)
        words = sum(p.nwords for p in self.pages)
        sents = sum(p.nsentences for p in self.pages)
        avg = words / sents if sents else 0.0
        most = max((p.maxwords for p in self.pages), default=0)
        s = ("pagecheck: %d page%s checked, %d problem%s, average sentence "
             "%.1f words, longest sentence %d words" %
             (n, "" if n == 1 else "s", len(self.problems),
              "" if len(self.problems) == 1 else "s", avg, most))
        timed = [p for p in self.pages if p.seconds is not None]
        if timed:
            longest = max(timed, key=lambda p: p.seconds)
            total = sum(p.seconds for p in timed)
            s += (", longest spoken page %s %.1f seconds, all pages %.1f "
                  "minutes" % (longest.where, longest.seconds, total / 60))
        return s

    def report_pages(self):
        for p in self.pages:
            avg = p.nwords / p.nsentences if p.nsentences else 0.0
            print("%s: %d sentences, average %.1f words, longest %d words%s"
                  % (p.where, p.nsentences, avg, p.maxwords,
                     "" if p.seconds is None else
                     ", spoken %.1f seconds" % p.seconds))


# -- files ---------------------------------------------------------------

def is_easy(path):
    return "easy" in path.lower()


def gather_files(args, chk):
    """Read every page named on the command line into chk.pages.
    Returns a dict: root -> set of site paths that exist."""
    for arg in args.paths:
        if os.path.isdir(arg):
            root = args.root or arg
            files = []
            for d, dirs, names in os.walk(arg):
                dirs.sort()
                for nm in sorted(names):
                    if nm.endswith(".gmi"):
                        files.append(os.path.join(d, nm))
        elif os.path.isfile(arg):
            root = args.root or os.path.dirname(arg) or "."
            files = [arg]
        else:
            print("pagecheck: no such file or directory: %s" % arg,
                  file=sys.stderr)
            sys.exit(2)
        for fp in files:
            rel = os.path.relpath(fp, root)
            if rel.startswith(".."):
                rel = os.path.basename(fp)
            site = "/" + rel.replace(os.sep, "/")
            with open(fp, "rb") as f:
                raw = f.read()
            try:
                body = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                chk.add(fp, 1, "characters", "save the file as UTF-8 (%s)" % e)
                body = raw.decode("utf-8", "replace")
            allow = any(re.search(pat, site) for pat in args.allow_pre)
            pg = Page(fp, site, body, is_easy(site), allow)
            pg.root = root
            chk.pages.append(pg)


def check_file_links(args, chk):
    for pg in chk.pages:
        for ln in pg.lines:
            if ln.kind != "link" or not ln.url or is_external(ln.url):
                continue
            path = urllib.parse.urlsplit(resolve(pg.site_path, ln.url)).path
            path = urllib.parse.unquote(path)
            if any(path.startswith(p) for p in args.generated):
                continue
            fs = os.path.join(pg.root, path.lstrip("/"))
            if path.endswith("/"):
                fs = os.path.join(fs, "index.gmi")
            if not os.path.isfile(fs):
                chk.add(pg.where, ln.n, "link-broken", "\"%s\" goes to %s, "
                        "which does not exist; fix the address or add the "
                        "page" % (ln.text or ln.url, path))


# -- crawl ---------------------------------------------------------------

def gemini_fetch(url, timeout):
    """Fetch a Gemini URL: (status, meta, body bytes).  No certificate
    checks: Gemini trusts on first use."""
    p = urllib.parse.urlsplit(url)
    host, port = p.hostname, p.port or 1965
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    with socket.create_connection((host, port), timeout=timeout) as sock:
        with ctx.wrap_socket(sock, server_hostname=host) as s:
            s.sendall((url + "\r\n").encode("utf-8"))
            chunks = []
            total = 0
            while True:
                try:
                    b = s.recv(65536)
                except ssl.SSLError:
                    break
                if not b:
                    break
                chunks.append(b)
                total += len(b)
                if total > 4 * 1024 * 1024:
                    break
    data = b"".join(chunks)
    nl = data.find(b"\r\n")
    if nl < 0:
        raise ValueError("no CRLF after the response header")
    header = data[:nl].decode("utf-8", "replace")
    m = re.match(r"^(\d\d)(?: (.*))?$", header)
    if not m:
        raise ValueError("malformed header %r" % header[:80])
    return int(m.group(1)), m.group(2) or "", data[nl + 2:]


def is_input_route(path):
    return path.rstrip("/").endswith("/say") or "/say/" in path


def crawl(args, chk):
    start = args.crawl
    sp = urllib.parse.urlsplit(start)
    if sp.scheme != "gemini" or not sp.hostname:
        print("pagecheck: --crawl needs a gemini:// URL", file=sys.stderr)
        sys.exit(2)
    host = sp.hostname
    chk.host = host
    queue = [(start, None, 0)]
    seen = {start}
    fetched = 0
    while queue and fetched < args.max_pages:
        url, ref, refline = queue.pop(0)
        fetched += 1
        ref_where = ref or url
        redirects = 0
        try:
            while True:
                status, meta, body = gemini_fetch(url, args.timeout)
                if 30 <= status <= 39 and redirects < 5:
                    nxt = resolve(url, meta)
                    if urllib.parse.urlsplit(nxt).hostname != host:
                        break
                    redirects += 1
                    url = nxt
                    continue
                break
        except (OSError, ValueError) as e:
            chk.add(ref_where, refline or 1, "status", "cannot fetch %s: %s"
                    % (url, e))
            continue
        if status == 51:
            chk.add(ref_where, refline or 1, "link-broken", "%s answers 51 "
                    "(not found); fix the link or add the page" % url)
            continue
        if 10 <= status <= 11:
            continue
        if 30 <= status <= 39:
            chk.add(ref_where, refline or 1, "status", "%s redirects too "
                    "often or off this host" % url)
            continue
        if not 20 <= status <= 29:
            chk.add(ref_where, refline or 1, "status", "%s answers %d %s"
                    % (url, status, meta))
            continue
        mime = meta.split(";")[0].strip().lower()
        params = {}
        for part in meta.split(";")[1:]:
            if "=" in part:
                k, v = part.split("=", 1)
                params[k.strip().lower()] = v.strip().strip('"')
        if mime.startswith("text/"):
            if params.get("charset", "").lower() != "utf-8":
                chk.add(url, 0, "header", "add \"charset=utf-8\" to the "
                        "header \"%d %s\"" % (status, meta))
            if not params.get("lang"):
                chk.add(url, 0, "header", "add \"lang=\" to the header "
                        "\"%d %s\"" % (status, meta))
        if mime != "text/gemini":
            continue
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as e:
            chk.add(url, 1, "characters", "send UTF-8 (%s)" % e)
            text = body.decode("utf-8", "replace")
        path = urllib.parse.urlsplit(url).path or "/"
        allow = any(re.search(pat, path) for pat in args.allow_pre)
        pg = Page(url, path, text, is_easy(path), allow)
        chk.pages.append(pg)
        for ln in pg.lines:
            if ln.kind != "link" or not ln.url:
                continue
            target = resolve(url, ln.url)
            tp = urllib.parse.urlsplit(target)
            if tp.scheme != "gemini" or tp.hostname != host:
                continue
            target = urllib.parse.urlunsplit((tp.scheme, tp.netloc,
                                              tp.path or "/", "", ""))
            if is_input_route(tp.path) or tp.query:
                continue
            if target not in seen:
                seen.add(target)
                queue.append((target, url, ln.n))
    if queue:
        print("pagecheck: stopped after %d pages (--max-pages); %d not "
              "fetched" % (fetched, len(queue)), file=sys.stderr)


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Check gemtext pages against Blank Sheet's page rules.")
    ap.add_argument("paths", nargs="*", help="gemtext files or directories")
    ap.add_argument("--crawl", metavar="URL",
                    help="crawl a Gemini server from this URL (same host)")
    ap.add_argument("--root", help="site root for files (default: each "
                    "directory given, or a file's own directory)")
    ap.add_argument("--nav", default=DEFAULT_NAV, help="expected navigation "
                    "block (default: %(default)s); --nav '' turns it off")
    ap.add_argument("--generated", action="append", default=None,
                    metavar="PREFIX", help="site paths made by the server, "
                    "not checked as files (default: /w/)")
    ap.add_argument("--allow-pre", action="append", default=[],
                    metavar="REGEX", help="site paths where preformatted "
                    "blocks with alt text are allowed")
    ap.add_argument("--listen", dest="listen", action="store_true",
                    default=None, help="speak each page with espeak-ng "
                    "(default when espeak-ng is installed)")
    ap.add_argument("--no-listen", dest="listen", action="store_false")
    ap.add_argument("--max-words", type=int, default=25,
                    help="longest sentence on a standard page "
                    "(default %(default)s; Easy Read pages: 15)")
    ap.add_argument("--max-seconds", type=int, default=420,
                    help="longest a page may take to hear "
                    "(default %(default)s)")
    ap.add_argument("--max-pages", type=int, default=300,
                    help="most pages to crawl (default %(default)s)")
    ap.add_argument("--timeout", type=float, default=10.0,
                    help="seconds per Gemini request (default %(default)s)")
    ap.add_argument("--pages", action="store_true",
                    help="also print one line of figures per page")
    ap.add_argument("--rules", action="store_true",
                    help="list the rules and exit")
    args = ap.parse_args(argv)

    if args.rules:
        for k, v in RULES.items():
            print("%s: %s" % (k, v))
        return 0
    if not args.paths and not args.crawl:
        ap.error("give files, directories or --crawl URL")
    if args.generated is None:
        args.generated = ["/w/"]
    if args.listen is None:
        args.listen = shutil.which("espeak-ng") is not None

    chk = Checker(args)
    if args.paths:
        args.mode = "files"
        gather_files(args, chk)
        check_file_links(args, chk)
        for pg in chk.pages:
            chk.check_page(pg)
    if args.crawl:
        args.mode = "crawl"
        first = len(chk.pages)
        crawl(args, chk)
        for pg in chk.pages[first:]:
            chk.check_page(pg)
    chk.check_site()
    if args.listen:
        chk.listen()

    # Keep each page's problems together, in line order.
    order = {id(p): i for i, p in enumerate(chk.problems)}
    wheres = []
    for p in chk.problems:
        if p.where not in wheres:
            wheres.append(p.where)
    chk.problems.sort(key=lambda p: (wheres.index(p.where), p.line,
                                     order[id(p)]))
    for p in chk.problems:
        print(p)
    if args.pages:
        chk.report_pages()
    print(chk.summary())
    return 1 if chk.problems else 0


if __name__ == "__main__":
    sys.exit(main())
