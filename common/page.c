#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "util.h"

void
page_init(struct page *p, const char *lang)
{
	memset(p, 0, sizeof(*p));
	p->lang = xstrdup(lang);
}

void
page_release(struct page *p)
{
	size_t	 i;

	for (i = 0; i < p->nblocks; i++) {
		free(p->blocks[i].text);
		free(p->blocks[i].url);
	}
	free(p->blocks);
	free(p->lang);
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
	if (cp >= 0xfe00 && cp <= 0xfe0f)	/* variation selectors */
		return 1;
	if (cp == 0x200d || cp == 0xfeff)	/* joiner, BOM */
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
