#!/usr/bin/env python3
"""pagecheck: check gemtext pages, Gopher menus and HTML pages against
Blank Sheet's page rules.

Pages are read from files (directories are walked for *.gmi, *.gophermap
and *.html; --gopher reads every named file as a Gopher menu) or crawled
over Gemini, Gopher or HTTP from a start URL.  One line per problem:

    PATH:LINE: rule: what to change

then one summary line.  Exit status 0 when no problems, 1 when there are
problems, 2 on a usage error.  The rules are listed in docs/pages.md and by
--rules.  Standard library only.
"""

import argparse
import concurrent.futures
import html.parser
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
GOPHER_WIDTH = 70           # characters of text in a Gopher info line
GOPHER_PORT = 70

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
    "sentence": "sentences are short: at most --max-words on a standard "
                "page",
    "easy-sentence": "sentences on Easy Read pages are at most 15 words",
    "easy-passive": "Easy Read pages use the active voice: \"we keep your "
                    "words\", not \"your words are kept\"",
    "money-ear": "money is written for the ear and one way: \"£1.2 "
                 "million\" not \"£1,200,000\", \"£250,000\" not "
                 "\"£250000\", \"£18\" not \"18 pounds\"",
    "numbers-ear": "phone numbers and 999 are written so that a voice "
                   "reads them digit by digit: \"9 9 9\", \"0 8 0 8, 2 0 0 "
                   "0, 2 4 7\"",
    "heading-empty": "every heading has something under it before the "
                     "next heading of its level or higher",
    "title-length": "the level-1 heading is short: at most "
                    "--max-title-words (8)",
    "input-position": "the link to add words comes early: before any "
                      "quoted words, after at most %d words (and, with the "
                      "listen test, %d seconds of speech)" % (60, 20),
    "listen": "each page can be spoken by espeak-ng, within --max-seconds",
    "gopher-line": "every Gopher menu line is an item type, then display, "
                   "selector, host and port separated by tabs, ending in CR "
                   "LF; the menu ends with \".\" and CR LF",
    "gopher-width": "no Gopher info line is over %d characters of text"
                    % GOPHER_WIDTH,
    "html-lang": "HTML pages only: the <html> element names the page's "
                 "language in lang",
    "landmarks": "HTML pages only: one <main> and a <nav> after it, and "
                 "everything on the page inside one of them",
    "script": "HTML pages only: no <script>, no on... event attributes, no "
              "javascript: addresses",
    "external": "HTML pages only: nothing fetched with the page, from here "
                "or elsewhere: no <link>, <img>, <iframe>, <object>, "
                "<embed>, media, src= or url() in a style",
    "form-label": "HTML pages only: every text box has a <label> saying "
                  "what to type",
}

# How the gemtext rules apply to HTML pages (the web door).  Those about
# the words themselves (sentence, money, Easy Read, listen) do not: an
# HTML page carries the words of its gemtext page, checked there.
HTML_NOTES = {
    "h1": "exactly one <h1>, and it is the first heading",
    "h1-unique": "no two HTML pages share an <h1>",
    "heading-skip": "<h1> to <h6> never skip a level going down",
    "characters": "on the text of the page",
    "link-label": "on the text of every <a>",
    "link-same-label": "on <a> texts and their href",
    "link-broken": "in a crawl, no link answers 404",
    "status": "in a crawl, every page answers 200 (301 is followed)",
    "nav": "the <nav> holds the navigation block's links, in order",
    "header": "in a crawl, Content-Type text/html; charset=utf-8, and the "
              "Content-Security-Policy, Referrer-Policy and "
              "X-Content-Type-Options headers of docs/pages.md",
}
HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'"
# Elements that fetch something when the page loads.
HTML_FETCHING = {"link", "img", "iframe", "object", "embed", "audio",
                 "video", "source", "track", "picture", "frame", "applet",
                 "base"}
HTML_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input",
             "link", "meta", "source", "track", "wbr"}

# How the gemtext rules apply to Gopher menus.  The rest (headings,
# preformatted, link-relative, header, sentence and listen) do not: a
# menu carries the words of its gemtext page, which are checked there.
GOPHER_NOTES = {
    "h1": "the first line is an info line holding the title",
    "h1-unique": "no two menus share a title",
    "characters": "on what every line displays",
    "table": "on what every line displays",
    "link-label": "on the display of every item but i and 3",
    "link-same-label": "on item displays",
    "link-broken": "a menu file under the root, or no type 3 answer",
    "status": "every crawled menu can be fetched",
    "nav": "the same block as items: a blank info line, \"Other pages\", "
           "three type 1 items on this server",
}

# Labels that do not make sense read alone in a list of links.
VAGUE_LABELS = {
    "here", "click", "click here", "more", "read more", "link", "this link",
    "this", "go", "go here", "more info", "more information", "details",
    "find out more", "learn more", "continue", "this page", "page",
}

EASY_WORDS_MAX = 15
TITLE_WORDS_MAX = 8         # "about six words"
INPUT_WORDS_MAX = 60        # words read before the link to add words
INPUT_SECONDS_MAX = 20      # and seconds of speech, with the listen test

# Money in digits a voice reads badly, or written another way.
MONEY_MILLION_RE = re.compile(r"£\s?(\d{1,3}(?:,\d{3}){2,}|\d{7,})(?![\d,])")
MONEY_UNGROUPED_RE = re.compile(r"£\s?\d{5,6}(?![\d,])")
MONEY_WORD_RE = re.compile(r"\b\d[\d,.]*\s+pounds?\b", re.I)

# The passive voice: a form of "be" or "get", perhaps an adverb, then a
# past participle ("are kept", "was quickly made").  Words that end in -ed
# but say how someone feels are not passive.
PASSIVE_RE = re.compile(
    r"\b(?:am|is|are|was|were|be|been|being|get|gets|got|gotten)\s+"
    r"(?:\w+ly\s+)?(\w+ed|known|made|kept|seen|given|taken|shown|written|"
    r"done|told|sent|held|paid|run|said|found|built|chosen|heard|read|"
    r"brought|put|left|set|spoken|hidden|meant)\b", re.I)
NOT_PASSIVE = {"tired", "worried", "scared", "interested", "bored",
               "excited", "pleased", "surprised", "confused", "married",
               "called", "named", "ready", "need", "feed", "red", "bed",
               "shed", "seed", "speed", "weed", "bleed", "hundred"}


def money_problem(text):
    """How money in `text' should be written instead, or None."""
    m = MONEY_MILLION_RE.search(text)
    if m:
        return ("write \"%s\" for the ear, in millions (\"£1.2 million\"); "
                "a voice reads every digit group" % m.group(0))
    m = MONEY_UNGROUPED_RE.search(text)
    if m:
        return ("group the digits of \"%s\" with commas (\"£250,000\")"
                % m.group(0))
    m = MONEY_WORD_RE.search(text)
    if m:
        return ("write \"%s\" as \"£%s\", with the pound sign, the same "
                "way as everywhere else" % (m.group(0),
                                            m.group(0).split()[0]))
    return None


PHONE_RE = re.compile(r"(?<![\d,.£])\b0\d{3,4}(?: \d{2,4}){1,3}\b")
NINES_RE = re.compile(r"(?<![\d,.£])\b999\b(?![\d,])")


def numbers_problem(text):
    """How a phone number or 999 in `text' should be written, or None."""
    m = NINES_RE.search(text)
    if m:
        return ("write 999 as \"9 9 9\"; a voice reads \"999\" as nine "
                "hundred and ninety-nine")
    for m in PHONE_RE.finditer(text):
        groups = m.group(0).split()[1:]
        if any(len(g) > 1 and not g.startswith("0") for g in groups):
            return ("write the phone number \"%s\" as digits in the groups "
                    "people say (\"0 8 0 8, 2 0 0 0, 2 4 7\"); a voice "
                    "reads \"%s\" as a number" %
                    (m.group(0), next(g for g in groups if len(g) > 1 and
                                      not g.startswith("0"))))
    return None


def passive_problem(text):
    """The first passive phrase in `text', or None."""
    for m in PASSIVE_RE.finditer(text):
        if m.group(1).lower() not in NOT_PASSIVE:
            return m.group(0)
    return None


def is_input_link(ln, base="/"):
    """1 for a gemtext link that asks for words: a "say" route, resolved
    against the page's own path `base'."""
    if ln.kind != "link" or not ln.url:
        return False
    return is_input_route(urllib.parse.urlsplit(resolve(base, ln.url)).path)


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


def characters_problem(text, first_col=1):
    """What is wrong with the first forbidden character in `text', or
    None.  Columns count from `first_col'."""
    for col, ch in enumerate(text, first_col):
        why = forbidden_cp(ord(ch))
        if why:
            try:
                name = unicodedata.name(ch)
            except ValueError:
                name = "U+%04X" % ord(ch)
            return ("remove %s %s (U+%04X) at column %d; use words instead"
                    % (why, name, ord(ch), col))
    return None


def table_problem(body):
    """Why the stripped line `body' looks like a table, or None."""
    if body.count("|") >= 2:
        return ("this looks like a table row; write each row as a sentence "
                "or a list item")
    if re.search(r"\S(?: {3,}|\t)\S", body):
        return ("runs of spaces lay out columns; write each row as a "
                "sentence or a list item")
    return None


def label_problem(label, addresses):
    """What is wrong with a non-empty link label, or None.  `addresses'
    are the ways the link's target is written."""
    bare = re.sub(r"[^\w ]+", "", label.lower()).strip()
    bare = re.sub(r"\s+", " ", bare)
    if (re.match(r"^[a-z][a-z0-9+.-]*://", label, re.I) or
            label.lower().startswith("www.") or label in addresses):
        return ("replace the address \"%s\" with words saying where the "
                "link goes" % label)
    if bare in VAGUE_LABELS:
        return ("\"%s\" makes no sense read alone; say where the link goes"
                % label)
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
        self.input_line = None      # the first link to add words
        self.input_seconds = None   # speech before it
        self.kind = "gemtext"


# -- Gopher menus ---------------------------------------------------------

# Item types of RFC 1436 and the common additions (i for information, h
# for a link to a URL, and the rest).  Anything else is a mistake.
GOPHER_TYPES = set("0123456789+TgIhisdp:;<PcMw")
# Types that are not links: info lines, errors.
GOPHER_NOT_LINKS = set("i3")


class MenuLine:
    """One line of a Gopher menu, without its line end."""
    __slots__ = ("n", "raw", "crlf", "type", "display", "selector", "host",
                 "port", "ntabs")

    def __init__(self, n, raw, crlf):
        # crlf: True, False (LF alone) or None (no line end at all).
        self.n, self.raw, self.crlf = n, raw, crlf
        self.type = raw[:1]
        fields = raw[1:].split("\t")
        self.ntabs = len(fields) - 1
        fields += [""] * (4 - len(fields))
        self.display, self.selector, self.host, self.port = fields[:4]

    def blank(self):
        return self.type == "i" and self.display.strip() == ""

    def port_number(self):
        return int(self.port) if re.fullmatch(r"[0-9]{1,5}", self.port) \
            else None


def parse_menu(text):
    """Split a Gopher menu into MenuLines.  Returns (lines, end, after):
    the lines before the closing ".", that line (None when missing), and
    the lines after it."""
    pieces = text.split("\n")
    last = pieces.pop()             # after the last LF; "" when it ends in LF
    lines = []
    for i, p in enumerate(pieces, 1):
        crlf = p.endswith("\r")
        lines.append(MenuLine(i, p[:-1] if crlf else p, crlf))
    if last:
        lines.append(MenuLine(len(pieces) + 1, last, None))
    for i, ln in enumerate(lines):
        if ln.raw == ".":
            return lines[:i], ln, lines[i + 1:]
    return lines, None, []


def menu_target(ln):
    """Where an item goes, as a string for comparing two items."""
    if ln.selector.startswith("URL:"):
        return ln.selector[4:]
    return "gopher://%s:%s/%s%s" % (ln.host.lower(), ln.port, ln.type,
                                    norm_target(ln.selector or "/"))


def gopher_url(host, port, itype, selector):
    return "gopher://%s:%d/%s%s" % (host, port, itype, selector)


def gopher_site_path(rel):
    """The selector a menu file stands for: "help.gmi.gophermap" is
    "/help.gmi", "w/demo/index.gophermap" is "/w/demo/"."""
    rel = "/" + rel.replace(os.sep, "/")
    if rel.endswith(".gophermap"):
        rel = rel[: -len(".gophermap")]
    if rel.endswith("/index"):
        rel = rel[: -len("index")]
    return rel


def gopher_file(root, selector):
    """The menu file that serves `selector' under `root' (the inverse of
    gopher_site_path)."""
    path = norm_target(selector or "/")
    if path.endswith("/"):
        return os.path.join(root, path.lstrip("/"), "index.gophermap")
    return os.path.join(root, path.lstrip("/") + ".gophermap")


class GopherPage:
    """One Gopher menu.  `own' is the set of (host, port) that mean this
    server, or None when that cannot be known."""

    def __init__(self, where, site_path, body, easy, own=None):
        self.where = where
        self.site_path = site_path
        self.body = body
        self.lines, self.end, self.after = parse_menu(body)
        self.easy = easy
        self.h1 = None
        self.nsentences = 0
        self.nwords = 0
        self.maxwords = 0
        self.seconds = None
        self.kind = "gopher"
        if own is None:
            # The server names itself on its info lines.
            for ln in self.lines:
                if ln.type == "i" and ln.ntabs == 3 and ln.host and \
                        ln.port_number() is not None:
                    own = {(ln.host.lower(), ln.port_number())}
                    break
        self.own = own

    def is_own(self, ln):
        if self.own is None:
            return True
        return (ln.host.lower(), ln.port_number()) in self.own


class HtmlParse(html.parser.HTMLParser):
    """What the HTML rules need from a page, in one pass."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.html_seen = False
        self.stack = []             # open elements
        self.headings = []          # [level, text, line]
        self.links = []             # [text, href, line, in_nav]
        self.mains = []             # lines
        self.navs = []              # lines
        self.outside = []           # (line, what) content outside landmarks
        self.scripts = []           # (line, what)
        self.fetches = []           # (line, what)
        self.controls = []          # (line, tag, id, labelled)
        self.labels_for = set()
        self.texts = []             # (line, text)
        self.heading = None
        self.link = None

    def where(self):
        return self.getpos()[0]

    def inside(self, tag):
        return tag in self.stack

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        n = self.where()
        if tag == "html":
            self.html_seen = True
            self.lang = a.get("lang")
        for k, v in attrs:
            v = v or ""
            if k.startswith("on"):
                self.scripts.append((n, "the %s attribute on <%s>" %
                                     (k, tag)))
            if k in ("href", "src", "action", "formaction") and \
                    v.strip().lower().startswith("javascript:"):
                self.scripts.append((n, "a javascript: address in %s" % k))
            if k in ("src", "srcset", "data", "poster", "background"):
                self.fetches.append((n, "the %s attribute on <%s>" %
                                     (k, tag)))
            if k == "style" and re.search(r"url\(|@import", v, re.I):
                self.fetches.append((n, "url() in a style attribute"))
        if tag == "script":
            self.scripts.append((n, "a <script> element"))
        if tag in HTML_FETCHING:
            self.fetches.append((n, "a <%s> element" % tag))
        if tag == "main":
            self.mains.append(n)
        if tag == "nav":
            self.navs.append(n)
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol",
                   "blockquote", "form", "a", "table", "dl", "pre") and \
                not self.inside("main") and not self.inside("nav") and \
                not self.inside("head"):
            self.outside.append((n, "<%s>" % tag))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading = [int(tag[1]), "", n]
        if tag == "a":
            self.link = ["", a.get("href"), n, self.inside("nav")]
        if tag == "label" and a.get("for"):
            self.labels_for.add(a.get("for"))
        if tag in ("textarea", "select") or (tag == "input" and
                                             a.get("type", "text") not in
                                             ("hidden", "submit", "button",
                                              "reset", "image")):
            self.controls.append((n, tag, a.get("id"),
                                  self.inside("label")))
        if tag not in HTML_VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in HTML_VOID and self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack:
                if self.stack.pop() == tag:
                    break
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6") and self.heading:
            self.heading[1] = re.sub(r"\s+", " ", self.heading[1]).strip()
            self.headings.append(self.heading)
            self.heading = None
        if tag == "a" and self.link:
            self.link[0] = re.sub(r"\s+", " ", self.link[0]).strip()
            self.links.append(self.link)
            self.link = None

    def handle_data(self, data):
        if self.inside("style") or self.inside("script"):
            if self.inside("style") and re.search(r"url\(|@import", data,
                                                  re.I):
                self.fetches.append((self.where(), "url() or @import in "
                                     "a stylesheet"))
            return
        if self.heading is not None:
            self.heading[1] += data
        if self.link is not None:
            self.link[0] += data
        if data.strip():
            self.texts.append((self.where(), data))
            if not self.inside("main") and not self.inside("nav") and \
                    not self.inside("head") and self.inside("body"):
                self.outside.append((self.where(), "text"))


class HtmlPage:
    """One HTML page from the web door."""

    def __init__(self, where, site_path, body, easy):
        self.where = where
        self.site_path = site_path
        self.body = body
        self.easy = easy
        self.h1 = None
        self.nsentences = 0
        self.nwords = 0
        self.maxwords = 0
        self.seconds = None
        self.kind = "html"
        self.parsed = HtmlParse()
        try:
            self.parsed.feed(body)
            self.parsed.close()
        except Exception as e:        # html.parser is lenient; be safe
            self.error = str(e)
        else:
            self.error = None


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
        if pg.kind == "gopher":
            self.check_menu(pg)
            return
        if pg.kind == "html":
            self.check_html(pg)
            return
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
            why = characters_problem(ln.raw)
            if why:
                a(w, ln.n, "characters", why)

        # table
        for ln in lines:
            if ln.kind in ("blank", "pre", "pre-toggle"):
                continue
            body = ln.raw.strip()
            if ln.kind == "link":
                body = ln.text
            why = table_problem(body)
            if why:
                a(w, ln.n, "table", why)

        # link-label, link-same-label, link-relative
        seen = {}
        for ln in lines:
            if ln.kind != "link":
                continue
            label = ln.text
            if not ln.url:
                a(w, ln.n, "link-label", "this link has no address")
                continue
            if not label:
                a(w, ln.n, "link-label", "add a label after the address "
                  "saying where the link goes")
            else:
                why = label_problem(label, (ln.url,))
                if why:
                    a(w, ln.n, "link-label", why)
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

        # sentence, easy-sentence
        limit = EASY_WORDS_MAX if pg.easy else self.args.max_words
        for ln in lines:
            if ln.kind not in ("text", "item"):
                continue
            for words in sentences(ln.text):
                pg.nsentences += 1
                pg.nwords += len(words)
                pg.maxwords = max(pg.maxwords, len(words))
                if len(words) > limit:
                    a(w, ln.n, "easy-sentence" if pg.easy else "sentence",
                      "a sentence of %d words%s; keep to %d or fewer: "
                      "\"%s ...\"" %
                      (len(words), " on an Easy Read page" if pg.easy else
                       "", limit, " ".join(words[:6])))

        # easy-passive: on Easy Read pages, in our own words.
        if pg.easy:
            for ln in lines:
                if ln.kind not in ("text", "item", "heading", "link"):
                    continue
                phrase = passive_problem(ln.text)
                if phrase:
                    a(w, ln.n, "easy-passive", "\"%s\" is the passive "
                      "voice; say who does it (\"we keep your words\", not "
                      "\"your words are kept\")" % phrase)

        # money-ear: our own words, not quoted ones.
        for ln in lines:
            if ln.kind not in ("text", "item", "heading", "link"):
                continue
            why = money_problem(ln.text)
            if why:
                a(w, ln.n, "money-ear", why)
            why = numbers_problem(ln.text)
            if why:
                a(w, ln.n, "numbers-ear", why)

        # heading-empty: something under every heading.
        body = [ln for ln in lines if ln.kind != "blank"]
        for i, ln in enumerate(body):
            if ln.kind != "heading":
                continue
            nxt = body[i + 1] if i + 1 < len(body) else None
            if nxt is None or (nxt.kind == "heading" and
                               nxt.level <= ln.level):
                a(w, ln.n, "heading-empty", "nothing comes under \"%s\"; "
                  "add a sentence saying what belongs here, or remove the "
                  "heading" % ln.text)

        # title-length
        if pg.h1 and len(pg.h1[0].split()) > self.args.max_title_words:
            a(w, pg.h1[1], "title-length", "a title of %d words; keep it "
              "near six (at most %d), and say the rest in the first line"
              % (len(pg.h1[0].split()), self.args.max_title_words))

        # input-position: the way to add words before the long lists.
        words = 0
        for ln in lines:
            if is_input_link(ln, pg.site_path):
                pg.input_line = ln
                if words > INPUT_WORDS_MAX:
                    a(w, ln.n, "input-position", "%d words come before "
                      "\"%s\"; move the link to add words nearer the top "
                      "(at most %d words before it)" %
                      (words, ln.text, INPUT_WORDS_MAX))
                break
            if ln.kind == "quote":
                q = next((x for x in lines[lines.index(ln):]
                          if is_input_link(x, pg.site_path)), None)
                if q is not None:
                    pg.input_line = q
                    a(w, q.n, "input-position", "quoted words on line %d "
                      "come before \"%s\"; put the link to add words "
                      "before what people said" % (ln.n, q.text))
                break
            if ln.kind in ("text", "item", "heading", "link"):
                words += len(ln.text.split())

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

    # -- rules on one Gopher menu --------------------------------------------

    def check_menu(self, pg):
        w = pg.where
        a = self.add
        lines = pg.lines

        # gopher-line: the shape of every line, and the closing ".".
        for ln in lines:
            if ln.raw == "":
                a(w, ln.n, "gopher-line", "an empty line is not an item; "
                  "write a blank as an info line (\"i\", then three tabs, "
                  "host and port)")
                continue
            if ln.type not in GOPHER_TYPES:
                a(w, ln.n, "gopher-line", "\"%s\" is not a Gopher item "
                  "type; start the line with one (i for text, 1 for a "
                  "menu, 0 for a text file, 7 for input, h for a URL)" %
                  ln.type)
            elif ln.ntabs != 3:
                a(w, ln.n, "gopher-line", "found %d tab%s; after the item "
                  "type write display, selector, host and port, separated "
                  "by three tabs" % (ln.ntabs, "" if ln.ntabs == 1 else
                                     "s"))
            elif not ln.host:
                a(w, ln.n, "gopher-line", "the host field is empty; name "
                  "the server")
            elif ln.port_number() is None or \
                    not 0 < ln.port_number() < 65536:
                a(w, ln.n, "gopher-line", "the port field \"%s\" is not a "
                  "port number" % ln.port)
            elif not ln.crlf:
                a(w, ln.n, "gopher-line", "end the line with CR LF, not %s"
                  % ("LF alone" if ln.crlf is False else "nothing"))
        if pg.end is None:
            a(w, lines[-1].n if lines else 1, "gopher-line", "end the menu "
              "with a line holding only \".\" and CR LF")
        elif not pg.end.crlf:
            a(w, pg.end.n, "gopher-line", "end the closing \".\" with CR "
              "LF")
        if pg.after:
            a(w, pg.after[0].n, "gopher-line", "nothing may follow the "
              "closing \".\"; a menu ends there")

        # h1: the first line is an info line holding the title.
        if not lines or lines[0].type != "i":
            a(w, 1, "h1", "make the first line an info line (\"i\") holding "
              "a title naming this page")
        elif not lines[0].display.strip():
            a(w, 1, "h1", "give the title line some words")
        else:
            pg.h1 = (lines[0].display.strip(), 1)

        # gopher-width: info lines wrap at GOPHER_WIDTH characters.
        for ln in lines:
            if ln.type == "i" and len(ln.display) > GOPHER_WIDTH:
                a(w, ln.n, "gopher-width", "this info line has %d characters "
                  "of text; wrap at %d, between words" %
                  (len(ln.display), GOPHER_WIDTH))

        # characters and table, on what is shown.
        for ln in lines:
            why = characters_problem(ln.display, 2)
            if why:
                a(w, ln.n, "characters", why)
        for ln in lines:
            why = table_problem(ln.display.strip())
            if why:
                a(w, ln.n, "table", why)

        # link-label and link-same-label, on item displays.
        seen = {}
        for ln in lines:
            if not ln.type or ln.type in GOPHER_NOT_LINKS:
                continue
            label = ln.display.strip()
            if not label:
                a(w, ln.n, "link-label", "add a display string saying where "
                  "the item goes")
                continue
            target = menu_target(ln)
            addrs = (ln.selector, target)
            if ln.selector.startswith("URL:"):
                addrs += (ln.selector[4:],)
            why = label_problem(label, addrs)
            if why:
                a(w, ln.n, "link-label", why)
            key = label.lower()
            if key in seen and seen[key][0] != target:
                a(w, ln.n, "link-same-label", "\"%s\" also goes to %s on "
                  "line %d; give the items different displays" %
                  (label, seen[key][0], seen[key][1]))
            else:
                seen.setdefault(key, (target, ln.n))

        if self.nav is not None:
            self.check_menu_nav(pg)

    def check_html(self, pg):
        w = pg.where
        a = self.add
        h = pg.parsed

        # html-lang
        if not h.html_seen:
            a(w, 1, "html-lang", "begin the page with <html lang=\"...\">")
        elif not h.lang or not re.match(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$",
                                        h.lang.strip()):
            a(w, 1, "html-lang", "name the page's language in <html>, as "
              "lang=\"en-GB\"")

        # h1 and heading-skip
        h1s = [x for x in h.headings if x[0] == 1]
        if not h1s:
            a(w, 1, "h1", "add one <h1> naming the page, first")
        else:
            if h.headings[0][0] != 1:
                a(w, h.headings[0][2], "h1", "put the <h1> before every "
                  "other heading")
            for x in h1s[1:]:
                a(w, x[2], "h1", "keep one <h1>; make this a lower level")
            if not h1s[0][1]:
                a(w, h1s[0][2], "h1", "give the <h1> some words")
            else:
                pg.h1 = (h1s[0][1], h1s[0][2])
        prev = 0
        for lvl, text, n in h.headings:
            if prev and lvl > prev + 1:
                a(w, n, "heading-skip", "<h%d> follows <h%d>; use <h%d>" %
                  (lvl, prev, prev + 1))
            prev = lvl

        # landmarks
        if len(h.mains) != 1:
            a(w, h.mains[1] if len(h.mains) > 1 else 1, "landmarks",
              "put the page's content in one <main>" if not h.mains else
              "keep one <main>")
        if not h.navs:
            a(w, 1, "landmarks", "put the navigation block in a <nav> after "
              "<main>")
        elif h.mains and h.navs[0] < h.mains[0]:
            a(w, h.navs[0], "landmarks", "put the <nav> after <main>, where "
              "the navigation block ends every page")
        if h.outside:
            n, what = h.outside[0]
            a(w, n, "landmarks", "%s outside <main> and <nav>; put it in "
              "one of them" % what)

        # script and external
        for n, what in h.scripts:
            a(w, n, "script", "remove %s: the pages run no script" % what)
        for n, what in h.fetches:
            a(w, n, "external", "remove %s: a page fetches nothing more" %
              what)

        # form-label
        for n, tag, ident, wrapped in h.controls:
            if not wrapped and (not ident or ident not in h.labels_for):
                a(w, n, "form-label", "give this <%s> a <label for=\"%s\"> "
                  "saying what to type" % (tag, ident or "..."))

        # characters, on the text
        for n, text in h.texts:
            why = characters_problem(text)
            if why:
                a(w, n, "characters", why)
                break

        # link-label and link-same-label
        seen = {}
        for text, href, n, in_nav in h.links:
            if not text:
                a(w, n, "link-label", "give the link words saying where it "
                  "goes")
                continue
            target = resolve(pg.site_path, href or "")
            why = label_problem(text, (href, target))
            if why:
                a(w, n, "link-label", why)
            key = text.lower()
            if key in seen and seen[key][0] != norm_target(target):
                a(w, n, "link-same-label", "\"%s\" also goes to %s on line "
                  "%d; give the links different words" %
                  (text, seen[key][0], seen[key][1]))
            else:
                seen.setdefault(key, (norm_target(target), n))

        # nav: the links of the navigation block, in order, in <nav>.
        if self.nav is not None and h.navs:
            want = [(t, tgt) for kind, t, tgt in self.nav if kind == "link"]
            got = [(text, norm_target(resolve(pg.site_path, href or "")))
                   for text, href, n, in_nav in h.links if in_nav]
            if got != want:
                a(w, h.navs[0], "nav", "the <nav> should hold exactly the "
                  "links %s, in that order (docs/pages.md)" %
                  ", ".join("\"%s\" to %s" % x for x in want))

    def check_menu_nav(self, pg):
        """The nav block as menu items: a blank info line, the heading as
        an info line, then the links as type 1 items on this server."""
        want = []
        for kind, text, target in self.nav:
            if kind == "link":
                want.append(("1", text, target))
            else:
                want.append(("i", re.sub(r"^#+\s*", "", text).strip(), None))
        lines = pg.lines
        body = [ln for ln in lines if not ln.blank()]
        n = len(want)
        tail = body[-n:] if len(body) >= n else body
        start = tail[0].n if tail else 1
        if len(tail) < n:
            self.add(pg.where, start, "nav", "end the menu with the "
                     "navigation block in docs/pages.md")
            return
        for (itype, text, target), ln in zip(want, tail):
            if itype == "1":
                if (ln.type != "1" or ln.display != text or
                        norm_target(ln.selector or "/") != target or
                        not pg.is_own(ln)):
                    self.add(pg.where, ln.n, "nav", "expected the item "
                             "\"1%s\" to %s on this server here, as on "
                             "every menu (docs/pages.md)" % (text, target))
                    return
            elif ln.type != itype or ln.display not in (text, text + ":"):
                self.add(pg.where, ln.n, "nav", "expected the info line "
                         "\"%s\" here, as on every menu (docs/pages.md)" %
                         text)
                return
        i = lines.index(tail[0])
        if i > 0 and not lines[i - 1].blank():
            self.add(pg.where, tail[0].n, "nav", "put a blank info line "
                     "before \"%s\", as before every heading" % want[0][1])
        count = sum(1 for ln in body if ln.type == want[0][0] and
                    ln.display in (want[0][1], want[0][1] + ":"))
        if count > 1:
            self.add(pg.where, start, "nav", "the navigation block appears "
                     "more than once; keep only the last")

    # -- rules across the site ---------------------------------------------

    def check_site(self):
        byh1 = {}
        for pg in self.pages:
            if pg.h1 and pg.h1[0]:
                # A menu shares its title with the same page in gemtext.
                byh1.setdefault((pg.kind, pg.h1[0].lower()), []).append(pg)
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
            if pg.input_line is not None:
                before = pg.lines[:pg.lines.index(pg.input_line)]
                pg.input_seconds, err = speak("%d-in" % i, before)
                if err:
                    return pg, None, err
            secs, err = speak(i, pg.lines)
            return pg, secs, err

        def speak(i, lines):
            """Seconds espeak-ng takes to say `lines', and an error."""
            txt = os.path.join(tmp, "%s.txt" % i)
            wav = os.path.join(tmp, "%s.wav" % i)
            with open(txt, "w", encoding="utf-8") as f:
                f.write(spoken_text(lines))
            try:
                r = subprocess.run([espeak, "-v", "en-gb", "-w", wav, "-f",
                                    txt], stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, timeout=120)
            except subprocess.TimeoutExpired:
                return None, "espeak-ng took over two minutes"
            if r.returncode != 0:
                return None, "espeak-ng failed: %s" % \
                    r.stderr.decode("utf-8", "replace").strip()[:200]
            try:
                with wave.open(wav, "rb") as wf:
                    secs = wf.getnframes() / float(wf.getframerate())
            except (wave.Error, EOFError, OSError) as e:
                return None, "cannot read espeak-ng's sound: %s" % e
            finally:
                for p in (txt, wav):
                    try:
                        os.unlink(p)
                    except OSError:
                        pass
            if secs <= 0:
                return None, "espeak-ng spoke nothing"
            return secs, None

        workers = max(2, os.cpu_count() or 2)
        with concurrent.futures.ThreadPoolExecutor(workers) as ex:
            # Menus carry the words of their gemtext pages: listen to those.
            futs = [ex.submit(one, i, pg) for i, pg in enumerate(self.pages)
                    if pg.kind == "gemtext"]
            for fu in futs:
                pg, secs, err = fu.result()
                pg.seconds = secs
                if err:
                    self.add(pg.where, 1, "listen", err)
                elif secs > self.args.max_seconds:
                    self.add(pg.where, 1, "listen", "takes %d seconds to "
                             "hear; split it so each page takes at most %d"
                             % (round(secs), self.args.max_seconds))
                if pg.input_seconds is not None and \
                        pg.input_seconds > INPUT_SECONDS_MAX:
                    self.add(pg.where, pg.input_line.n, "input-position",
                             "%.1f seconds of speech come before \"%s\"; "
                             "move it nearer the top (at most %d seconds)"
                             % (pg.input_seconds, pg.input_line.text,
                                INPUT_SECONDS_MAX))
        try:
            os.rmdir(tmp)
        except OSError:
            pass

    def report_input(self):
        """The listen test's figure for each page that asks for words."""
        for p in self.pages:
            if p.kind == "gemtext" and p.input_seconds is not None:
                print("pagecheck: %s: %.1f seconds of speech before \"%s\""
                      % (p.where, p.input_seconds, p.input_line.text))

    def summary(self):
        n = len(self.pages)
        words = sum(p.nwords for p in self.pages)
        sents = sum(p.nsentences for p in self.pages)
        avg = words / sents if sents else 0.0
        most = max((p.maxwords for p in self.pages), default=0)
        menus = sum(1 for p in self.pages if p.kind == "gopher")
        htmls = sum(1 for p in self.pages if p.kind == "html")
        s = ("pagecheck: %d page%s checked, %d problem%s" %
             (n, "" if n == 1 else "s", len(self.problems),
              "" if len(self.problems) == 1 else "s"))
        if menus + htmls < n or n == 0:
            s += (", average sentence %.1f words, longest sentence %d words"
                  % (avg, most))
        if menus:
            s += ", %d of them Gopher menus" % menus
        if htmls:
            s += ", %d of them HTML pages" % htmls
        timed = [p for p in self.pages if p.seconds is not None]
        if timed:
            longest = max(timed, key=lambda p: p.seconds)
            total = sum(p.seconds for p in timed)
            s += (", longest spoken page %s %.1f seconds, all pages %.1f "
                  "minutes" % (longest.where, longest.seconds, total / 60))
        waits = [p for p in self.pages if getattr(p, "input_seconds", None)
                 is not None]
        if waits:
            most = max(waits, key=lambda p: p.input_seconds)
            s += (", longest wait for a link to add words %s %.1f seconds"
                  % (most.where, most.input_seconds))
        return s

    def report_pages(self):
        for p in self.pages:
            if p.kind == "gopher":
                print("%s: Gopher menu, %d lines, %d items" %
                      (p.where, len(p.lines), sum(
                          1 for ln in p.lines if ln.type and
                          ln.type not in GOPHER_NOT_LINKS)))
                continue
            if p.kind == "html":
                print("%s: HTML page, %d headings, %d links" %
                      (p.where, len(p.parsed.headings), len(p.parsed.links)))
                continue
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
                    if nm.endswith(".gmi") or nm.endswith(".gophermap") \
                            or nm.endswith(".html"):
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
            menu = fp.endswith(".gophermap") or args.gopher
            if menu:
                site = gopher_site_path(rel)
            else:
                site = "/" + rel.replace(os.sep, "/")
            with open(fp, "rb") as f:
                raw = f.read()
            try:
                body = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                chk.add(fp, 1, "characters", "save the file as UTF-8 (%s)" % e)
                body = raw.decode("utf-8", "replace")
            if menu:
                pg = GopherPage(fp, site, body, is_easy(site))
            elif fp.endswith(".html"):
                pg = HtmlPage(fp, site, body, is_easy(site))
            else:
                allow = any(re.search(pat, site) for pat in args.allow_pre)
                pg = Page(fp, site, body, is_easy(site), allow)
            pg.root = root
            chk.pages.append(pg)


def check_file_links(args, chk):
    for pg in chk.pages:
        if pg.kind == "gopher":
            check_menu_file_links(args, chk, pg)
            continue
        if pg.kind == "html":
            continue            # HTML links are checked in a crawl
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


def check_menu_file_links(args, chk, pg):
    """Type 1 items on this server lead to a menu file under the root:
    selector "/a/" to a/index.gophermap, "/a/b.gmi" to a/b.gmi.gophermap."""
    for ln in pg.lines:
        if ln.type != "1" or ln.ntabs != 3 or not pg.is_own(ln):
            continue
        path = norm_target(ln.selector or "/")
        if any(path.startswith(p) for p in args.generated):
            continue
        if not os.path.isfile(gopher_file(pg.root, path)):
            chk.add(pg.where, ln.n, "link-broken", "\"%s\" goes to %s, "
                    "which has no menu file under %s; fix the selector or "
                    "add the menu" % (ln.display or ln.selector, path,
                                      pg.root))


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
    if sp.scheme == "gopher" and sp.hostname:
        gopher_crawl(args, chk)
        return
    if sp.scheme == "http" and sp.hostname:
        http_crawl(args, chk)
        return
    if sp.scheme != "gemini" or not sp.hostname:
        print("pagecheck: --crawl needs a gemini://, gopher:// or http:// "
              "URL", file=sys.stderr)
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


def gopher_fetch(host, port, selector, timeout):
    """Send a selector over plain TCP and read the answer until the
    server closes the connection (at most 4 MiB)."""
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.sendall(selector.encode("utf-8") + b"\r\n")
        chunks = []
        total = 0
        while True:
            b = s.recv(65536)
            if not b:
                break
            chunks.append(b)
            total += len(b)
            if total > 4 * 1024 * 1024:
                break
    return b"".join(chunks)


def gopher_start(url):
    """(host, port, selector) of a gopher:// URL (RFC 4266: the path is
    "/", the item type, then the selector).  Only menus (type 1) can be
    crawled.  The empty selector is asked for as "/", the home page's own
    selector here, so that the home page is crawled once."""
    sp = urllib.parse.urlsplit(url)
    path = urllib.parse.unquote(sp.path)
    itype, selector = "1", ""
    if len(path) > 1:
        itype, selector = path[1], path[2:]
    if itype != "1":
        return None
    try:
        port = sp.port or GOPHER_PORT
    except ValueError:
        return None
    return sp.hostname, port, selector or "/"


def gopher_crawl(args, chk):
    """Crawl type 1 items on this server, breadth first.  Type 7 (input),
    h (URLs), 0 (text) and items on other servers are not followed."""
    start = gopher_start(args.crawl)
    if start is None:
        print("pagecheck: --crawl needs a gopher:// URL of a menu, as "
              "gopher://HOST:PORT/ or gopher://HOST:PORT/1SELECTOR",
              file=sys.stderr)
        sys.exit(2)
    host, port, selector = start
    # This server: the address crawled, and the host and port it names for
    # itself on the first menu's info lines (which a client follows).
    own = {(host.lower(), port)}
    queue = [(selector, None, 0)]
    seen = {norm_target(selector)}
    fetched = 0
    first = True
    while queue and fetched < args.max_pages:
        sel, ref, refline = queue.pop(0)
        fetched += 1
        url = gopher_url(host, port, "1", sel)
        ref_where = ref or url
        try:
            data = gopher_fetch(host, port, sel, args.timeout)
        except OSError as e:
            chk.add(ref_where, refline or 1, "status", "cannot fetch %s: %s"
                    % (url, e))
            continue
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as e:
            chk.add(url, 1, "characters", "send UTF-8 (%s)" % e)
            text = data.decode("utf-8", "replace")
        if text.startswith("3"):
            msg = text[1:].split("\n", 1)[0].split("\t", 1)[0].strip()
            chk.add(ref_where, refline or 1, "link-broken", "%s answers "
                    "with a type 3 error (\"%s\"); fix the link or add the "
                    "page" % (url, msg))
            continue
        pg = GopherPage(url, sel, text, is_easy(sel))
        if first and pg.own:
            own |= pg.own
        first = False
        pg.own = own
        chk.pages.append(pg)
        for ln in pg.lines:
            if ln.type != "1" or ln.ntabs != 3 or not pg.is_own(ln):
                continue
            target = ln.selector or "/"
            key = norm_target(target)
            if key not in seen:
                seen.add(key)
                queue.append((target, url, ln.n))
    if queue:
        print("pagecheck: stopped after %d pages (--max-pages); %d not "
              "fetched" % (fetched, len(queue)), file=sys.stderr)


def http_fetch(url, timeout):
    """GET `url' over plain HTTP/1.1 with the standard library, following
    no redirect: (status, headers as a dict in lower case, body)."""
    import http.client
    sp = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(sp.hostname, sp.port or 80,
                                      timeout=timeout)
    try:
        conn.request("GET", (sp.path or "/") + ("?" + sp.query if sp.query
                                                else ""),
                     headers={"Host": sp.netloc})
        r = conn.getresponse()
        body = r.read()
        headers = {k.lower(): v for k, v in r.getheaders()}
        return r.status, headers, body
    finally:
        conn.close()


def http_crawl(args, chk):
    """Crawl HTML pages on this host and port, breadth first, following
    301 on the same server; say routes (forms) are not followed, as
    Gemini's input routes are not."""
    start = args.crawl
    sp = urllib.parse.urlsplit(start)
    netloc = sp.netloc
    chk.host = sp.hostname
    queue = [(start, None, 0)]
    seen = {start}
    fetched = 0
    while queue and fetched < args.max_pages:
        url, ref, refline = queue.pop(0)
        fetched += 1
        ref_where = ref or url
        try:
            for _ in range(5):
                status, headers, body = http_fetch(url, args.timeout)
                if status in (301, 302, 303, 307, 308):
                    nxt = resolve(url, headers.get("location", ""))
                    if urllib.parse.urlsplit(nxt).netloc != netloc:
                        break
                    url = nxt
                    continue
                break
        except (OSError, ValueError) as e:
            chk.add(ref_where, refline or 1, "status", "cannot fetch %s: %s"
                    % (url, e))
            continue
        if status == 404:
            chk.add(ref_where, refline or 1, "link-broken", "%s answers 404 "
                    "(not found); fix the link or add the page" % url)
            continue
        if status != 200:
            chk.add(ref_where, refline or 1, "status", "%s answers %d" %
                    (url, status))
            continue
        ctype = headers.get("content-type", "")
        if not ctype.lower().startswith("text/html"):
            continue
        if ctype.replace(" ", "").lower() != "text/html;charset=utf-8":
            chk.add(url, 0, "header", "send \"Content-Type: text/html; "
                    "charset=utf-8\", not \"%s\"" % ctype)
        for name, want in (("content-security-policy", HTML_CSP),
                           ("referrer-policy", "no-referrer"),
                           ("x-content-type-options", "nosniff")):
            if headers.get(name) != want:
                chk.add(url, 0, "header", "send \"%s: %s\"" % (name, want))
        if "set-cookie" in headers:
            chk.add(url, 0, "header", "send no cookie")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError as e:
            chk.add(url, 1, "characters", "send UTF-8 (%s)" % e)
            text = body.decode("utf-8", "replace")
        path = urllib.parse.urlsplit(url).path or "/"
        pg = HtmlPage(url, path, text, is_easy(path))
        chk.pages.append(pg)
        for text_, href, n, in_nav in pg.parsed.links:
            if not href:
                continue
            target = resolve(url, href)
            tp = urllib.parse.urlsplit(target)
            if tp.scheme != "http" or tp.netloc != netloc:
                continue
            target = urllib.parse.urlunsplit((tp.scheme, tp.netloc,
                                              tp.path or "/", "", ""))
            if is_input_route(tp.path) or tp.query:
                continue
            if target not in seen:
                seen.add(target)
                queue.append((target, url, n))
    if queue:
        print("pagecheck: stopped after %d pages (--max-pages); %d not "
              "fetched" % (fetched, len(queue)), file=sys.stderr)


def main(argv=None):
    ap = argparse.ArgumentParser(
        description="Check gemtext pages and Gopher menus against Blank "
        "Sheet's page rules.")
    ap.add_argument("paths", nargs="*", help="gemtext files, Gopher menu "
                    "files (*.gophermap) or directories")
    ap.add_argument("--crawl", metavar="URL",
                    help="crawl a Gemini server from this gemini:// URL, or "
                    "a Gopher server from this gopher:// URL (same host and "
                    "port)")
    ap.add_argument("--gopher", action="store_true",
                    help="read every file named as a Gopher menu, whatever "
                    "its name")
    ap.add_argument("--root", help="site root for files (default: each "
                    "directory given, or a file's own directory)")
    ap.add_argument("--nav", default=DEFAULT_NAV, help="expected navigation "
                    "block (default: %(default)s); --nav '' turns it off")
    ap.add_argument("--generated", action="append", default=None,
                    metavar="PREFIX", help="site paths made by the server, "
                    "not checked as files (default: /w/ and /easy/w/)")
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
    ap.add_argument("--max-title-words", type=int, default=TITLE_WORDS_MAX,
                    help="longest title, in words (default %(default)s)")
    ap.add_argument("--max-seconds", type=int, default=420,
                    help="longest a page may take to hear "
                    "(default %(default)s)")
    ap.add_argument("--max-pages", type=int, default=300,
                    help="most pages to crawl (default %(default)s)")
    ap.add_argument("--timeout", type=float, default=10.0,
                    help="seconds per request (default %(default)s)")
    ap.add_argument("--pages", action="store_true",
                    help="also print one line of figures per page")
    ap.add_argument("--rules", action="store_true",
                    help="list the rules and exit")
    args = ap.parse_args(argv)

    if args.rules:
        for k, v in RULES.items():
            if k in GOPHER_NOTES:
                v += " (Gopher menus: %s)" % GOPHER_NOTES[k]
            if k in HTML_NOTES:
                v += " (HTML pages: %s)" % HTML_NOTES[k]
            print("%s: %s" % (k, v))
        return 0
    if not args.paths and not args.crawl:
        ap.error("give files, directories or --crawl URL")
    if args.generated is None:
        args.generated = ["/w/", "/easy/w/"]
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
    if args.listen:
        chk.report_input()
    if args.pages:
        chk.report_pages()
    print(chk.summary())
    return 1 if chk.problems else 0


if __name__ == "__main__":
    sys.exit(main())
