#include <stdlib.h>
#include <string.h>

#include "gopher.h"
#include "page.h"
#include "util.h"

/* One menu line: type, display, selector, host, port (RFC 1436, 3.8). */
static void
item(struct buf *out, char type, const char *display, size_t dlen,
    const char *selector, const char *host, const char *port)
{
	buf_addc(out, type);
	buf_add(out, display, dlen);
	buf_addc(out, '\t');
	buf_adds(out, selector);
	buf_addc(out, '\t');
	buf_adds(out, host);
	buf_addc(out, '\t');
	buf_adds(out, port);
	buf_adds(out, "\r\n");
}

static void
info(struct buf *out, const char *text, size_t len, const char *host,
    const char *port)
{
	item(out, 'i', text, len, "", host, port);
}

/* 1 if [s, e) is all digits. */
static int
is_digits(const char *s, const char *e)
{
	for (; s < e; s++)
		if (*s < '0' || *s > '9')
			return 0;
	return 1;
}

/* 1 if the word [s, e) ends a sentence: "well." or "said?" or "end.)". */
static int
ends_sentence(const char *s, const char *e)
{
	while (e > s && (e[-1] == '"' || e[-1] == '\'' || e[-1] == ')'))
		e--;
	/* Closing quotation marks, U+201D and U+2019. */
	while (e - s >= 3 && (unsigned char)e[-3] == 0xe2 &&
	    (unsigned char)e[-2] == 0x80 && ((unsigned char)e[-1] == 0x9d ||
	    (unsigned char)e[-1] == 0x99))
		e -= 3;
	return e > s && (e[-1] == '.' || e[-1] == '!' || e[-1] == '?');
}

/*
 * Info lines of at most GOPHER_WRAP columns, broken between words; a word
 * longer than a line is broken where it must be.  `prefix' starts the
 * first line and `indent' the others, so list items read as one.  Screen
 * readers in lynx pause at every line end, so a line ends where a
 * sentence does, and a long sentence is broken after a comma, semicolon
 * or colon in the second half of the line when there is one, not in the
 * middle of a phrase.
 */
static void
wrap(struct buf *out, const char *prefix, const char *indent,
    const char *text, const char *host, const char *port)
{
	struct buf	 clean, line;
	const char	*s, *w, *end;
	size_t		 cols, wcols, start, clause = 0, clausecols = 0;
	char		*rest;
	int		 emitted = 0;

	buf_init(&clean);
	buf_init(&line);
	page_clean_text(&clean, text);
	buf_adds(&line, prefix);
	cols = start = utf8_count(prefix, strlen(prefix));
	s = clean.data != NULL ? clean.data : "";
	end = s + clean.len;
	while (s < end) {
		while (s < end && *s == ' ')
			s++;
		if (s == end)
			break;
		for (w = s; w < end && *w != ' '; w++)
			;
		wcols = utf8_count(s, (size_t)(w - s));
		if (cols > start && cols + 1 + wcols > GOPHER_WRAP &&
		    clause > 0 && clause < line.len &&
		    clausecols >= GOPHER_WRAP / 2) {
			/* Break after the clause; carry the words after it. */
			rest = xstrdup(line.data + clause + 1);
			info(out, line.data, clause, host, port);
			emitted = 1;
			buf_reset(&line);
			buf_adds(&line, indent);
			buf_adds(&line, rest);
			cols = utf8_count(line.data, line.len);
			start = utf8_count(indent, strlen(indent));
			free(rest);
			clause = 0;
		}
		if (cols > start && cols + 1 + wcols > GOPHER_WRAP) {
			info(out, line.data, line.len, host, port);
			emitted = 1;
			buf_reset(&line);
			buf_adds(&line, indent);
			cols = start = utf8_count(indent, strlen(indent));
			clause = 0;
		} else if (cols > start) {
			buf_addc(&line, ' ');
			cols++;
		}
		/* A word that cannot fit on any line: cut at a character. */
		while (cols + wcols > GOPHER_WRAP && cols < GOPHER_WRAP) {
			const char *cut = s;
			size_t room = GOPHER_WRAP - cols;

			while (room > 0 && cut < w) {
				cut++;
				while (cut < w && (*cut & 0xc0) == 0x80)
					cut++;
				room--;
			}
			buf_add(&line, s, (size_t)(cut - s));
			info(out, line.data, line.len, host, port);
			emitted = 1;
			buf_reset(&line);
			buf_adds(&line, indent);
			cols = start = utf8_count(indent, strlen(indent));
			s = cut;
			wcols = utf8_count(s, (size_t)(w - s));
		}
		buf_add(&line, s, (size_t)(w - s));
		cols += wcols;
		if (w < end && ends_sentence(s, w)) {
			/* The next sentence starts a line of its own. */
			info(out, line.data, line.len, host, port);
			emitted = 1;
			buf_reset(&line);
			buf_adds(&line, indent);
			cols = start = utf8_count(indent, strlen(indent));
			clause = 0;
		} else if (w - s > 1 && (w[-1] == ',' || w[-1] == ';' ||
		    w[-1] == ':') && !is_digits(s, w - 1)) {
			/* Not inside a number said in groups: "0 8 0 8, 2". */
			clause = line.len;
			clausecols = cols;
		}
		s = w;
	}
	/* The last line, or the prefix alone for an empty text. */
	if (cols > start || (!emitted && line.len > 0))
		info(out, line.data, line.len, host, port);
	buf_release(&line);
	buf_release(&clean);
}

/* Remove "." and ".." segments from the absolute path in `b'. */
static void
normalise(struct buf *b)
{
	char		*copy, *seg, *save, **segs;
	size_t		 n = 0, i;
	int		 dir;

	copy = xstrdup(b->data);
	segs = xreallocarray(NULL, b->len + 1, sizeof(*segs));
	dir = b->len > 0 && b->data[b->len - 1] == '/';
	for (seg = strtok_r(copy, "/", &save); seg != NULL;
	    seg = strtok_r(NULL, "/", &save)) {
		dir = 0;
		if (strcmp(seg, ".") == 0)
			dir = 1;
		else if (strcmp(seg, "..") == 0) {
			if (n > 0)		/* never above the root */
				n--;
			dir = 1;
		} else
			segs[n++] = seg;
	}
	if (b->len > 0 && b->data[b->len - 1] == '/')
		dir = 1;
	buf_reset(b);
	for (i = 0; i < n; i++) {
		buf_addc(b, '/');
		buf_adds(b, segs[i]);
	}
	if (n == 0 || dir)
		buf_addc(b, '/');
	free(segs);
	free(copy);
}

int
gopher_resolve(const char *base, const char *url, struct buf *out)
{
	const char	*slash, *colon;

	buf_reset(out);
	colon = strchr(url, ':');
	slash = strchr(url, '/');
	if (colon != NULL && (slash == NULL || colon < slash)) {
		buf_adds(out, url);
		return 0;			/* another scheme */
	}
	if (strncmp(url, "//", 2) == 0) {
		buf_adds(out, url);
		return 0;
	}
	if (url[0] == '/')
		buf_adds(out, url);
	else {
		slash = strrchr(base, '/');
		buf_add(out, base, slash ? (size_t)(slash - base) + 1 : 0);
		if (out->len == 0)
			buf_addc(out, '/');
		buf_adds(out, url);
	}
	/* Queries and fragments mean nothing to a Gopher selector. */
	out->len = strcspn(out->data, "?#");
	out->data[out->len] = '\0';
	normalise(out);
	return 1;
}

static char
link_type(const char *path)
{
	const char	*dot, *slash;

	slash = strrchr(path, '/');
	dot = strrchr(path, '.');
	if (dot == NULL || (slash != NULL && dot < slash))
		return '1';		/* a directory or generated page */
	if (strcmp(dot, ".gmi") == 0)
		return '1';
	if (strcmp(dot, ".txt") == 0)
		return '0';
	return '9';
}

void
gopher_render_menu(const struct page *p, const char *path, const char *host,
    const char *port, struct buf *out)
{
	const struct block	*b;
	struct buf		 sel, label;
	size_t			 i;

	buf_init(&sel);
	buf_init(&label);
	for (i = 0; i < p->nblocks; i++) {
		b = &p->blocks[i];
		switch (b->type) {
		case BLK_HEADING:
			if (i > 0 && p->blocks[i - 1].type != BLK_BLANK)
				info(out, "", 0, host, port);
			/*
			 * A menu has no headings: after the title, a
			 * heading is said as one, "Add your words:", so
			 * that a listener hears a new part begin.
			 */
			buf_reset(&label);
			buf_adds(&label, b->text);
			if (b->level > 1 && label.len > 0 && strchr(".?!:",
			    label.data[label.len - 1]) == NULL)
				buf_addc(&label, ':');
			wrap(out, "", "", label.data, host, port);
			break;
		case BLK_TEXT:
			wrap(out, "", "", b->text, host, port);
			break;
		case BLK_ITEM:
			wrap(out, "- ", "  ", b->text, host, port);
			break;
		case BLK_QUOTE:
			/* Quotation marks, which screen readers say or skip. */
			buf_reset(&label);
			buf_addf(&label, "\xe2\x80\x9c%s\xe2\x80\x9d", b->text);
			wrap(out, "", " ", label.data, host, port);
			break;
		case BLK_LINK:
		case BLK_INPUT:
		case BLK_FORM:
			buf_reset(&label);
			page_clean_text(&label, b->text);
			if (gopher_resolve(path, b->url, &sel)) {
				item(out, b->type != BLK_LINK ? '7' :
				    link_type(sel.data), label.data ?
				    label.data : "", label.len, sel.data, host,
				    port);
			} else {
				struct buf url;

				buf_init(&url);
				buf_addf(&url, "URL:%s", b->url);
				item(out, 'h', label.data ? label.data : "",
				    label.len, url.data, host, port);
				buf_release(&url);
			}
			break;
		case BLK_BLANK:
			info(out, "", 0, host, port);
			break;
		}
	}
	buf_adds(out, ".\r\n");
	buf_release(&sel);
	buf_release(&label);
}

void
gopher_render_text(const char *text, size_t len, struct buf *out)
{
	const char	*line, *end, *nl;
	size_t		 n;

	for (line = text, end = text + len; line < end; line = nl + 1) {
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL)
			nl = end;
		n = (size_t)(nl - line);
		if (n > 0 && line[n - 1] == '\r')
			n--;
		if (n > 0 && line[0] == '.')
			buf_addc(out, '.');	/* RFC 1436: escape the dot */
		buf_add(out, line, n);
		buf_adds(out, "\r\n");
	}
	buf_adds(out, ".\r\n");
}

void
gopher_error(const char *msg, const char *host, const char *port,
    struct buf *out)
{
	item(out, '3', msg, strlen(msg), "", host, port);
	buf_adds(out, ".\r\n");
}

/* 1 if `s' is `n' or more letters from `set', and nothing else. */
static int
all_of(const char *s, size_t len, const char *set, size_t n)
{
	return len >= n && strspn(s, set) >= len;
}

#define ALPHA	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

/*
 * What follows the tab is Gopher+, not a person's words: a second tab (a
 * search with Gopher+); "!" or "$" alone or with attributes ("!+ABSTRACT
 * +VIEWS"); "+" alone or with a view, a MIME type of letters, perhaps
 * with a language ("+text/plain En_US").  "+1 to that", "+50/50" and
 * "!!! too short" are words.
 */
static int
gopher_plus(const char *s)
{
	const char	*p, *sp, *sl;
	size_t		 n;

	if (strchr(s, '\t') != NULL)
		return 1;
	if (s[0] == '!' || s[0] == '$') {
		/* Each attribute: " +" or "+" then capitals. */
		for (p = s + 1; *p != '\0'; p += n) {
			while (*p == ' ')
				p++;
			if (*p++ != '+')
				return 0;
			if ((n = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")) == 0)
				return 0;
		}
		return 1;
	}
	if (s[0] != '+')
		return 0;
	if (s[1] == '\0')
		return 1;
	/* A view: type/subtype of letters, then perhaps " Ll_Cc". */
	sp = strchr(s, ' ');
	n = sp != NULL ? (size_t)(sp - s - 1) : strlen(s + 1);
	if ((sl = memchr(s + 1, '/', n)) == NULL ||
	    !all_of(s + 1, (size_t)(sl - s - 1), ALPHA, 1) ||
	    !all_of(sl + 1, n - (size_t)(sl - s), ALPHA "0123456789.+-", 1))
		return 0;
	if (sp == NULL)
		return 1;
	n = strlen(sp + 1);
	return (n == 2 && all_of(sp + 1, 2, ALPHA, 2)) || (n == 5 &&
	    all_of(sp + 1, 2, ALPHA, 2) && sp[3] == '_' &&
	    all_of(sp + 4, 2, ALPHA, 2));
}

int
gopher_request_parse(char *buf, size_t len, char **selector, char **search,
    const char **errstr)
{
	char	*tab;
	size_t	 n, eol;

	*selector = *search = NULL;
	*errstr = NULL;
	/* CR LF, as RFC 1436 says; a bare LF too, as simple clients send. */
	eol = len >= 2 && buf[len - 2] == '\r' ? 2 : 1;
	if (len < 1 || buf[len - 1] != '\n')
		*errstr = "the request does not end with CR LF";
	else if (memchr(buf, '\0', len) != NULL)
		*errstr = "the request holds a NUL byte";
	else if (memchr(buf, '\n', len - 1) != NULL ||
	    memchr(buf, '\r', len - eol) != NULL)
		*errstr = "the request is more than one line";
	else if (!utf8_is_valid(buf, len - eol))
		*errstr = "the request is not valid UTF-8";
	if (*errstr != NULL)
		return -1;
	buf[len - eol] = '\0';
	n = len - eol;
	if ((tab = strchr(buf, '\t')) != NULL) {
		*tab = '\0';
		if (gopher_plus(tab + 1)) {
			*errstr = "Gopher+ requests are not supported";
			return -1;
		}
		if (strlen(tab + 1) > GOPHER_SEARCH_MAX) {
			*errstr = "the search words are too long";
			return -1;
		}
		*search = tab + 1;
		n = (size_t)(tab - buf);
	}
	if (n > GOPHER_SELECTOR_MAX) {
		*errstr = "the selector is longer than 255 bytes";
		return -1;
	}
	*selector = buf;
	return 0;
}
