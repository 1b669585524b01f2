/*
 * A page as a small document: a title, headings, paragraphs, list items,
 * quotes and links.  Pages are built once from words and rendered to
 * gemtext (page_render_gemtext), Markdown (page_render_markdown), HTML
 * (page_render_html) and Gopher menus (gopher.h), so no page's words live
 * inside one output format.
 *
 * Every text is copied in; the page owns its blocks.
 */
#ifndef PAGE_H
#define PAGE_H

#include <stddef.h>

#include "util.h"

enum block_type {
	BLK_HEADING,	/* level 1 to 3 */
	BLK_TEXT,	/* one paragraph */
	BLK_ITEM,	/* one list item */
	BLK_QUOTE,	/* quoted words, for instance a participant's */
	BLK_LINK,	/* a link with a label that makes sense alone */
	BLK_INPUT,	/* a link to a page that asks for words (Gemini 10,
			   Gopher type 7) */
	BLK_BLANK,	/* a blank line between groups */
	BLK_FORM	/* a form asking for words, posted to `url' (the say
			   route): `text' is its question, `value' words
			   to show back in it, `max' the letters it takes;
			   a link to `url' where there are no forms */
};

struct block {
	enum block_type	 type;
	int		 level;		/* headings only */
	char		*text;		/* owned */
	char		*url;		/* owned, links and forms only */
	char		*value;		/* owned, forms only, may be NULL */
	int		 max;		/* forms only: letters, 0 no limit */
};

struct page {
	char		*lang;		/* owned, "en-GB": the page's words */
	char		*words_lang;	/* owned, NULL or "cy": people's words
					   (quotes), when another language */
	struct block	*blocks;	/* owned */
	size_t		 nblocks;
	size_t		 cap;
};

/* Fill `p' as an empty page in language `lang' (borrowed, copied). */
void	page_init(struct page *p, const char *lang);
/*
 * People's words on `p' (its quotes) are in language `lang': HTML marks
 * them so when it differs from the page's own, so that a screen reader
 * reads Welsh words with a Welsh voice and the rest with an English one.
 */
void	page_words_lang(struct page *p, const char *lang);
void	page_release(struct page *p);

void	page_heading(struct page *, int level, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	page_text(struct page *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	page_item(struct page *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	page_quote(struct page *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	page_link(struct page *, const char *url, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	page_input(struct page *, const char *url, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	page_blank(struct page *);
/*
 * Append a form for words: question `label', sent by POST to `url', at
 * most `max' letters, showing `value' (NULL: empty) again.  All copied.
 */
void	page_form(struct page *, const char *url, const char *label,
	    const char *value, int max);
/* Append a block whose text is taken from `text' (owned from now on). */
void	page_add(struct page *, enum block_type, int level, char *text,
	    char *url);

/*
 * Render to gemtext or Markdown, appending to `out'.  Text that came from
 * people is made safe for the format: a line that would read as gemtext
 * markup (a link, heading, list, quote or preformat toggle) is kept as
 * text, line breaks inside a block are folded into spaces, and characters
 * that screen readers stumble on (box drawing, emoji, look-alike letters)
 * are dropped.
 */
void	page_render_gemtext(const struct page *, struct buf *out);
void	page_render_markdown(const struct page *, struct buf *out);

/*
 * Render to one HTML5 document (the web door): `lang' from the page, the
 * first heading as the title, headings, paragraphs, lists as lists,
 * quotes as <blockquote>, links (a run of them as a list), forms with a
 * labelled <textarea>.  The navigation block every page ends with (a
 * level 2 heading "Other pages" and its links, docs/pages.md) goes into
 * a <nav> after <main>.  One small inline stylesheet, no script, nothing
 * fetched from elsewhere.  Every text and address is escaped.
 */
void	page_render_html(const struct page *, struct buf *out);

/* Append `s' cleaned as page_clean_text() does, escaped for HTML. */
void	page_html_text(struct buf *out, const char *s);

/*
 * Read gemtext (a static capsule page) into `p' as blocks, so that it can
 * be rendered another way.  Preformatted lines become text lines.  Never
 * fails: any line is at least text.
 */
void	page_parse_gemtext(struct page *p, const char *text, size_t len);

/*
 * 1 if code point `cp' is one the page rules forbid in what people read:
 * box drawing, blocks, braille patterns, emoji and pictographs, dingbats,
 * mathematical alphanumeric "bold" letters, control characters.
 */
int	page_forbidden_cp(unsigned int cp);

/* Append `s' to `out' cleaned for display: as above, one line. */
void	page_clean_text(struct buf *out, const char *s);

#endif
