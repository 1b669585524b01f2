/*
 * libFuzzer target: what the web door parses itself (server/http.c).
 * The first byte chooses: a form body for url_form_decode(), whose words
 * must be UTF-8 without NUL or controls as sent, within the bound; or a
 * request target for url_target_parse(), whose path must be canonical
 * (begin with '/', hold no "." or ".." segment, no "//", no NUL) and lie
 * under the root whatever the escapes; then the page those words would
 * make, rendered as HTML, must hold no markup the words brought.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "url.h"
#include "util.h"

#define WORDS_MAX	8192

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
form(const char *s, size_t len)
{
	char		 out[WORDS_MAX + 1];
	const char	*errstr;
	struct page	 p;
	struct buf	 html;
	size_t		 n, i;

	if (url_form_decode(s, len, "words", out, WORDS_MAX, &n, &errstr) ==
	    -1) {
		if (errstr == NULL || n != 0 || out[0] != '\0')
			abort();
		return;
	}
	if (n > WORDS_MAX || strlen(out) != n || !utf8_is_valid(out, n))
		abort();
	/* The words on a page: as text, never as markup. */
	page_init(&p, "en-GB");
	page_heading(&p, 1, "Your words");
	page_quote(&p, "%s", out);
	page_form(&p, "/w/x/y/say", "Your words?", out, 700);
	buf_init(&html);
	page_render_html(&p, &html);
	for (i = 0; i < html.len; i++)
		if (html.data[i] == '<' && (strncmp(html.data + i, "<script", 7)
		    == 0 || strncmp(html.data + i, "<img", 4) == 0 ||
		    strncmp(html.data + i, "<a href=\"javascript", 19) == 0))
			abort();
	if (!utf8_is_valid(html.data, html.len))
		abort();
	buf_release(&html);
	page_release(&p);
}

static void
target(const char *s, size_t len)
{
	struct url	 u;
	const char	*errstr, *q;
	char		 path[1100];

	if (url_target_parse(s, len, &u, path, sizeof(path), &errstr) == -1) {
		if (errstr == NULL)
			abort();
		return;
	}
	if (path[0] != '/' || strstr(path, "//") != NULL ||
	    strlen(path) >= sizeof(path))
		abort();
	for (q = path; (q = strstr(q, "/.")) != NULL; q++)
		if (q[2] == '\0' || q[2] == '/' || (q[2] == '.' &&
		    (q[3] == '\0' || q[3] == '/')))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 16384)
		return 0;
	if (data[0] & 1)
		form((const char *)data + 1, size - 1);
	else
		target((const char *)data + 1, size - 1);
	return 0;
}
