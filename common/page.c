#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "page.h"
#include "util.h"

void
page_init(struct page *p, const char *lang)
{
	memset(p, 0, sizeof(*p));
	p->lang = xstrdup(lang);
}

void
page_words_lang(struct page *p, const char *lang)
{
	free(p->words_lang);
	p->words_lang = lang != NULL && strcmp(lang, p->lang) != 0 ?
	    xstrdup(lang) : NULL;
}

void
page_release(struct page *p)
{
	size_t	 i;

	for (i = 0; i < p->nblocks; i++) {
		free(p->blocks[i].text);
		free(p->blocks[i].url);
		free(p->blocks[i].value);
	}
	free(p->blocks);
	free(p->lang);
	free(p->words_lang);
	memset(p, 0, sizeof(*p));
}

void
page_add(struct page *p, enum block_type type, int level, char *text,
    char *url)
{
	struct block	*b;

	if (p->nblocks == p->cap) {
		p->cap = p->cap == 0 ? 32 : p->cap * 2;
		p->blocks = xreallocarray(p->blocks, p->cap, sizeof(*b));
	}
	b = &p->blocks[p->nblocks++];
	b->type = type;
	b->level = level;
	b->text = text;
	b->url = url;
	b->value = NULL;
	b->max = 0;
}

static char	*vformat(const char *, va_list) __attribute__((format(printf, 1, 0)));

static char *
vformat(const char *fmt, va_list ap)
{
	struct buf	 b;

	buf_init(&b);
	buf_vaddf(&b, fmt, ap);
	return buf_take(&b);
}

void
page_heading(struct page *p, int level, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	page_add(p, BLK_HEADING, level < 1 ? 1 : level > 3 ? 3 : level,
	    vformat(fmt, ap), NULL);
	va_end(ap);
}

#define PAGE_ADDER(name, type)						\
void									\
name(struct page *p, const char *fmt, ...)				\
{									\
	va_list	 ap;							\
									\
	va_start(ap, fmt);						\
	page_add(p, type, 0, vformat(fmt, ap), NULL);			\
	va_end(ap);							\
}
PAGE_ADDER(page_text, BLK_TEXT)
PAGE_ADDER(page_item, BLK_ITEM)
PAGE_ADDER(page_quote, BLK_QUOTE)

void
page_link(struct page *p, const char *url, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	page_add(p, BLK_LINK, 0, vformat(fmt, ap), xstrdup(url));
	va_end(ap);
}

void
page_input(struct page *p, const char *url, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	page_add(p, BLK_INPUT, 0, vformat(fmt, ap), xstrdup(url));
	va_end(ap);
}

void
page_blank(struct page *p)
{
	page_add(p, BLK_BLANK, 0, xstrdup(""), NULL);
}

void
page_form(struct page *p, const char *url, const char *label,
    const char *value, int max)
{
	struct block	*b;

	page_add(p, BLK_FORM, 0, xstrdup(label), xstrdup(url));
	b = &p->blocks[p->nblocks - 1];
	b->value = value != NULL ? xstrdup(value) : NULL;
	b->max = max;
}

int
page_forbidden_cp(unsigned int cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
		return 1;
	if (cp >= 0x2500 && cp <= 0x259f)	/* box drawing, blocks */
		return 1;
	if (cp >= 0x25a0 && cp <= 0x25ff)	/* geometric shapes */
		return 1;
	if (cp >= 0x2600 && cp <= 0x27bf)	/* symbols, dingbats */
		return 1;
	if (cp >= 0x2800 && cp <= 0x28ff)	/* braille patterns */
		return 1;
	if (cp >= 0x1d400 && cp <= 0x1d7ff)	/* math alphanumerics */
		return 1;
	if (cp >= 0x1f000 && cp <= 0x1faff)	/* emoji, pictographs */
		return 1;
	if ((cp >= 0xfe00 && cp <= 0xfe0f) ||	/* variation selectors */
	    (cp >= 0xe0100 && cp <= 0xe01ef))
		return 1;
	if (cp == 0x200b || cp == 0x200c || cp == 0x200d || cp == 0x2060 ||
	    cp == 0xfeff)			/* invisible spaces, joiners */
		return 1;
	if (utf8_is_hazard(cp))		/* bidirectional controls */
		return 1;
	return 0;
}

void
page_clean_text(struct buf *out, const char *s)
{
	size_t		 len = strlen(s);
	unsigned int	 cp;
	int		 n, space = 0;

	while (len > 0) {
		if ((n = utf8_decode(s, len, &cp)) < 0) {
			s++, len--;		/* drop a stray byte */
			continue;
		}
		if (cp == '\n' || cp == '\r' || cp == '\t' || cp == ' ') {
			space = 1;
		} else if (!page_forbidden_cp(cp)) {
			if (space && out->len > 0 &&
			    out->data[out->len - 1] != ' ')
				buf_addc(out, ' ');
			space = 0;
			buf_add(out, s, (size_t)n);
		}
		s += n, len -= (size_t)n;
	}
}

/*
 * A text line in gemtext must not begin with "=>", "#", "* ", ">" or
 * "```" (gemini spec, section 5.4); people's words sometimes do.  A
 * leading space is harmless to every client and keeps the words as typed.
 */
static void
gem_line(struct buf *out, const char *prefix, const char *text)
{
	size_t	 start;

	buf_adds(out, prefix);
	start = out->len;
	page_clean_text(out, text);
	if (*prefix == '\0' && out->len > start) {
		const char *t = out->data + start;
		if (strncmp(t, "=>", 2) == 0 || t[0] == '#' || t[0] == '>' ||
		    strncmp(t, "* ", 2) == 0 || strncmp(t, "```", 3) == 0) {
			char *copy = xstrdup(t);
			out->len = start;
			buf_addc(out, ' ');
			buf_adds(out, copy);
			free(copy);
		}
	}
	buf_addc(out, '\n');
}

void
page_render_gemtext(const struct page *p, struct buf *out)
{
	const struct block	*b;
	size_t			 i;

	for (i = 0; i < p->nblocks; i++) {
		b = &p->blocks[i];
		switch (b->type) {
		case BLK_HEADING:
			if (i > 0 && p->blocks[i - 1].type != BLK_BLANK)
				buf_addc(out, '\n');
			gem_line(out, b->level == 1 ? "# " :
			    b->level == 2 ? "## " : "### ", b->text);
			break;
		case BLK_TEXT:
			gem_line(out, "", b->text);
			break;
		case BLK_ITEM:
			gem_line(out, "* ", b->text);
			break;
		case BLK_QUOTE:
			gem_line(out, "> ", b->text);
			break;
		case BLK_LINK:
		case BLK_INPUT:
		case BLK_FORM:
			buf_adds(out, "=> ");
			buf_adds(out, b->url);
			buf_addc(out, ' ');
			page_clean_text(out, b->text);
			buf_addc(out, '\n');
			break;
		case BLK_BLANK:
			buf_addc(out, '\n');
			break;
		}
	}
}

/* Escape what Markdown would read as markup; keep the words. */
static void
md_text(struct buf *out, const char *text)
{
	struct buf	 clean;
	size_t		 i;

	buf_init(&clean);
	page_clean_text(&clean, text);
	for (i = 0; i < clean.len; i++) {
		if (strchr("\\`*_[]<>#|", clean.data[i]) != NULL ||
		    (i == 0 && strchr("+-=", clean.data[i]) != NULL) ||
		    (clean.data[i] == '.' && i > 0 && clean.data[i - 1] >= '0' &&
		    clean.data[i - 1] <= '9' && strspn(clean.data, "0123456789") == i))
			buf_addc(out, '\\');
		buf_addc(out, clean.data[i]);
	}
	buf_release(&clean);
}

void
page_render_markdown(const struct page *p, struct buf *out)
{
	const struct block	*b;
	size_t			 i;
	enum block_type		 prev = BLK_BLANK;

	for (i = 0; i < p->nblocks; i++) {
		b = &p->blocks[i];
		/* Markdown needs blank lines between different blocks. */
		if (i > 0 && b->type != BLK_BLANK && prev != BLK_BLANK &&
		    (b->type != prev || b->type == BLK_TEXT ||
		    b->type == BLK_HEADING))
			buf_addc(out, '\n');
		switch (b->type) {
		case BLK_HEADING:
			buf_adds(out, b->level == 1 ? "# " :
			    b->level == 2 ? "## " : "### ");
			md_text(out, b->text);
			break;
		case BLK_TEXT:
			md_text(out, b->text);
			break;
		case BLK_ITEM:
			buf_adds(out, "- ");
			md_text(out, b->text);
			break;
		case BLK_QUOTE:
			buf_adds(out, "> ");
			md_text(out, b->text);
			if (i + 1 < p->nblocks &&
			    p->blocks[i + 1].type == BLK_QUOTE)
				buf_adds(out, "\n>");
			break;
		case BLK_LINK:
		case BLK_INPUT:
		case BLK_FORM:
			buf_adds(out, "- [");
			md_text(out, b->text);
			buf_adds(out, "](");
			buf_adds(out, b->url);
			buf_addc(out, ')');
			break;
		case BLK_BLANK:
			break;
		}
		buf_addc(out, '\n');
		prev = b->type;
	}
}

/* Gemini spec, section 5.4: the line types of text/gemini. */
void
page_parse_gemtext(struct page *p, const char *text, size_t len)
{
	const char	*line, *end, *nl;
	size_t		 n, u;
	int		 level;

	for (line = text, end = text + len; line < end; line = nl + 1) {
		if ((nl = memchr(line, '\n', (size_t)(end - line))) == NULL)
			nl = end;
		n = (size_t)(nl - line);
		if (n > 0 && line[n - 1] == '\r')
			n--;
		if (n >= 3 && strncmp(line, "```", 3) == 0)
			continue;		/* toggles carry no words */
		if (n == 0) {
			page_blank(p);
		} else if (n >= 2 && strncmp(line, "=>", 2) == 0) {
			const char *s = line + 2, *e = line + n, *u0;

			while (s < e && (*s == ' ' || *s == '\t'))
				s++;
			u0 = s;
			while (s < e && *s != ' ' && *s != '\t')
				s++;
			u = (size_t)(s - u0);
			while (s < e && (*s == ' ' || *s == '\t'))
				s++;
			if (u == 0)
				continue;
			page_add(p, BLK_LINK, 0, xstrndup(s, (size_t)(e - s)),
			    xstrndup(u0, u));
		} else if (line[0] == '#') {
			for (level = 0; level < (int)n && line[level] == '#';
			    level++)
				;
			u = (size_t)level;
			while (u < n && line[u] == ' ')
				u++;
			page_add(p, BLK_HEADING, level > 3 ? 3 : level,
			    xstrndup(line + u, n - u), NULL);
		} else if (n >= 2 && strncmp(line, "* ", 2) == 0) {
			page_add(p, BLK_ITEM, 0, xstrndup(line + 2, n - 2), NULL);
		} else if (line[0] == '>') {
			u = line[1] == ' ' ? 2 : 1;
			page_add(p, BLK_QUOTE, 0, xstrndup(line + u, n - u),
			    NULL);
		} else
			page_add(p, BLK_TEXT, 0, xstrndup(line, n), NULL);
	}
}

/* ---- HTML (the web door) ------------------------------------------- */

/*
 * One stylesheet for every page, inline (the Content-Security-Policy
 * allows inline styles and nothing else): the reader's own font size
 * (rem and em only), a line of about 40 letters, colours with a contrast
 * over 7:1 in light and in dark mode, long words broken on a narrow
 * phone rather than scrolled sideways, a focus ring that shows.
 */
#define HTML_STYLE \
	":root{color-scheme:light dark}" \
	"body{margin:0 auto;max-width:40em;padding:1em;line-height:1.5;" \
	"font-family:system-ui,sans-serif;color:#111;background:#fff;" \
	"overflow-wrap:break-word}" \
	"a{color:#0645ad}a:visited{color:#5b2a86}" \
	"a:focus,textarea:focus,button:focus{outline:3px solid #b35900;" \
	"outline-offset:2px}" \
	"blockquote{margin:1em 0;padding:0 1em;border-left:4px solid #555}" \
	"textarea{box-sizing:border-box;width:100%;font:inherit}" \
	"label{font-weight:bold}button{font:inherit;padding:.4em 1em}" \
	"nav{border-top:2px solid #555;margin-top:2em}" \
	"@media (prefers-color-scheme:dark){body{color:#eee;background:#111}" \
	"a{color:#9cf}a:visited{color:#d9b3ff}blockquote{border-color:#aaa}" \
	"nav{border-color:#aaa}}"

static void
html_escape(struct buf *out, const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		switch (s[i]) {
		case '&':
			buf_adds(out, "&amp;");
			break;
		case '<':
			buf_adds(out, "&lt;");
			break;
		case '>':
			buf_adds(out, "&gt;");
			break;
		case '"':
			buf_adds(out, "&quot;");
			break;
		case '\'':
			buf_adds(out, "&#39;");
			break;
		default:
			buf_addc(out, s[i]);
			break;
		}
}

void
page_html_text(struct buf *out, const char *s)
{
	struct buf	 clean;

	buf_init(&clean);
	page_clean_text(&clean, s);
	if (clean.len > 0)
		html_escape(out, clean.data, clean.len);
	buf_release(&clean);
}

/*
 * A link's address in an attribute: escaped, and never a scheme that
 * runs code.  Every address on our pages is a path or a URL we wrote,
 * but a capsule page is text anyone could have put there.
 */
static void
html_href(struct buf *out, const char *url)
{
	const char	*colon = strchr(url, ':'), *slash = strchr(url, '/');
	size_t		 i;

	if (colon != NULL && (slash == NULL || colon < slash)) {
		static const char *const ok[] = { "gemini:", "gopher:",
		    "http:", "https:", "mailto:", "tel:", NULL };

		for (i = 0; ok[i] != NULL; i++)
			if (strncasecmp(url, ok[i], strlen(ok[i])) == 0)
				break;
		if (ok[i] == NULL) {
			buf_adds(out, "#");
			return;
		}
	}
	for (i = 0; url[i] != '\0'; i++)
		if ((unsigned char)url[i] <= 0x20 || url[i] == 0x7f)
			buf_addf(out, "%%%02X", (unsigned char)url[i]);
		else
			html_escape(out, url + i, 1);
}

static int
is_link(const struct block *b)
{
	return b->type == BLK_LINK || b->type == BLK_INPUT;
}

/* Where the navigation block begins, or p->nblocks if there is none. */
static size_t
html_nav_start(const struct page *p)
{
	size_t	 i, last = p->nblocks;

	for (i = 0; i < p->nblocks; i++)
		if (p->blocks[i].type == BLK_HEADING)
			last = i;
	if (last == p->nblocks || p->blocks[last].level != 2 ||
	    strcmp(p->blocks[last].text, "Other pages") != 0)
		return p->nblocks;
	for (i = last + 1; i < p->nblocks; i++)
		if (!is_link(&p->blocks[i]) && p->blocks[i].type != BLK_BLANK)
			return p->nblocks;
	return last;
}

static void
html_link(struct buf *out, const struct block *b)
{
	buf_adds(out, "<a href=\"");
	html_href(out, b->url);
	buf_adds(out, "\">");
	page_html_text(out, b->text);
	buf_adds(out, "</a>");
}

static void
html_form(struct buf *out, const struct block *b, int n)
{
	buf_adds(out, "<form method=\"post\" action=\"");
	html_href(out, b->url);
	buf_addf(out, "\" accept-charset=\"UTF-8\">\n<p><label for=\"words%d\">",
	    n);
	page_html_text(out, b->text);
	buf_addf(out, "</label></p>\n<p><textarea id=\"words%d\" "
	    "name=\"words\" rows=\"8\" cols=\"40\" required", n);
	if (b->max > 0)
		buf_addf(out, " maxlength=\"%d\"", b->max);
	buf_adds(out, ">");
	if (b->value != NULL) {
		/* The words as typed, line breaks and all, escaped. */
		html_escape(out, b->value, strlen(b->value));
	}
	buf_adds(out, "</textarea></p>\n<p><button type=\"submit\">Send "
	    "your words</button></p>\n</form>\n");
}

/* The blocks [from, to) of `p': runs of items and of links as lists. */
static void
html_blocks(const struct page *p, size_t from, size_t to, struct buf *out)
{
	const struct block	*b;
	size_t			 i, j;
	int			 forms = 0;

	for (i = from; i < to; i++) {
		b = &p->blocks[i];
		switch (b->type) {
		case BLK_HEADING:
			buf_addf(out, "<h%d>", b->level);
			page_html_text(out, b->text);
			buf_addf(out, "</h%d>\n", b->level);
			break;
		case BLK_TEXT:
			buf_adds(out, "<p>");
			page_html_text(out, b->text);
			buf_adds(out, "</p>\n");
			break;
		case BLK_ITEM:
			buf_adds(out, "<ul>\n");
			for (j = i; j < to && p->blocks[j].type == BLK_ITEM;
			    j++) {
				buf_adds(out, "<li>");
				page_html_text(out, p->blocks[j].text);
				buf_adds(out, "</li>\n");
			}
			buf_adds(out, "</ul>\n");
			i = j - 1;
			break;
		case BLK_QUOTE:
			/*
			 * A run of people's words as one quotation, one
			 * paragraph each, as gemtext clients show a run of
			 * quote lines: a screen reader says "block quote"
			 * once, not twice for every contribution.
			 */
			if (p->words_lang != NULL) {
				buf_adds(out, "<blockquote lang=\"");
				html_escape(out, p->words_lang,
				    strlen(p->words_lang));
				buf_adds(out, "\">\n");
			} else
				buf_adds(out, "<blockquote>\n");
			for (j = i; j < to && p->blocks[j].type == BLK_QUOTE;
			    j++) {
				buf_adds(out, "<p>");
				page_html_text(out, p->blocks[j].text);
				buf_adds(out, "</p>\n");
			}
			buf_adds(out, "</blockquote>\n");
			i = j - 1;
			break;
		case BLK_LINK:
		case BLK_INPUT:
			for (j = i; j < to && is_link(&p->blocks[j]); j++)
				;
			if (j - i == 1) {
				buf_adds(out, "<p>");
				html_link(out, b);
				buf_adds(out, "</p>\n");
				break;
			}
			buf_adds(out, "<ul>\n");
			for (; i < j; i++) {
				buf_adds(out, "<li>");
				html_link(out, &p->blocks[i]);
				buf_adds(out, "</li>\n");
			}
			buf_adds(out, "</ul>\n");
			i = j - 1;
			break;
		case BLK_FORM:
			html_form(out, b, ++forms);
			break;
		case BLK_BLANK:
			break;
		}
	}
}

void
page_render_html(const struct page *p, struct buf *out)
{
	size_t	 i, nav = html_nav_start(p);

	buf_adds(out, "<!DOCTYPE html>\n<html lang=\"");
	html_escape(out, p->lang, strlen(p->lang));
	buf_adds(out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n<title>");
	for (i = 0; i < p->nblocks; i++)
		if (p->blocks[i].type == BLK_HEADING) {
			page_html_text(out, p->blocks[i].text);
			break;
		}
	if (i == p->nblocks)
		buf_adds(out, "Blank Sheet");
	buf_adds(out, "</title>\n<style>" HTML_STYLE "</style>\n</head>\n"
	    "<body>\n<main>\n");
	html_blocks(p, 0, nav, out);
	buf_adds(out, "</main>\n");
	if (nav < p->nblocks) {
		buf_adds(out, "<nav aria-labelledby=\"other-pages\">\n"
		    "<h2 id=\"other-pages\">");
		page_html_text(out, p->blocks[nav].text);
		buf_adds(out, "</h2>\n");
		html_blocks(p, nav + 1, p->nblocks, out);
		buf_adds(out, "</nav>\n");
	}
	buf_adds(out, "</body>\n</html>\n");
}
