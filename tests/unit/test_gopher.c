/* Gopher menus, text, errors and requests (RFC 1436). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "gopher.h"
#include "page.h"
#include "util.h"

static void
menu_bytes(void **state)
{
	struct page	 p;
	struct buf	 b;

	(void)state;
	page_init(&p, "en-GB");
	page_heading(&p, 1, "Title");
	page_text(&p, "Short text.");
	page_heading(&p, 2, "Part");
	page_item(&p, "One");
	page_quote(&p, "Said");
	page_link(&p, "help.gmi", "Help");
	page_link(&p, "../", "Up");
	page_link(&p, "notes.txt", "Notes");
	page_input(&p, "/w/demo/home/say", "Add words");
	page_link(&p, "gemini://example.org/", "Elsewhere");
	buf_init(&b);
	gopher_render_menu(&p, "/areas/home.gmi", "h", "70", &b);
	assert_string_equal(b.data,
	    "iTitle\t\th\t70\r\n"
	    "iShort text.\t\th\t70\r\n"
	    "i\t\th\t70\r\n"
	    "iPart:\t\th\t70\r\n"
	    "i- One\t\th\t70\r\n"
	    "i\xe2\x80\x9cSaid\xe2\x80\x9d\t\th\t70\r\n"
	    "1Help\t/areas/help.gmi\th\t70\r\n"
	    "1Up\t/\th\t70\r\n"
	    "0Notes\t/areas/notes.txt\th\t70\r\n"
	    "7Add words\t/w/demo/home/say\th\t70\r\n"
	    "hElsewhere\tURL:gemini://example.org/\th\t70\r\n"
	    ".\r\n");
	buf_release(&b);
	page_release(&p);
}

/* Every info line's text fits in 70 columns, counted in characters. */
static void
wraps_at_seventy(void **state)
{
	struct page	 p;
	struct buf	 b, words;
	char		*line, *save, *tab;
	int		 i, lines = 0;

	(void)state;
	buf_init(&words);
	for (i = 0; i < 60; i++)
		buf_adds(&words, i % 7 ? "Llanfair ŵŷ " : "£1,200,000 ");
	buf_adds(&words, "Averyveryveryveryveryveryveryveryveryveryveryvery"
	    "veryveryveryveryverylongword end");
	page_init(&p, "cy");
	page_text(&p, "%s", words.data);
	buf_init(&b);
	gopher_render_menu(&p, "/", "h", "70", &b);
	for (line = strtok_r(b.data, "\r\n", &save); line != NULL;
	    line = strtok_r(NULL, "\r\n", &save)) {
		if (strcmp(line, ".") == 0)
			break;
		assert_int_equal(line[0], 'i');
		tab = strchr(line, '\t');
		assert_non_null(tab);
		assert_true(utf8_count(line + 1, (size_t)(tab - line - 1)) <=
		    GOPHER_WRAP);
		lines++;
	}
	assert_true(lines > 5);
	buf_release(&b);
	buf_release(&words);
	page_release(&p);
}

/* A line ends where a sentence does, or after a clause, not mid-phrase. */
static void
wraps_at_sentences(void **state)
{
	struct page	 p;
	struct buf	 b;

	(void)state;
	page_init(&p, "en-GB");
	page_text(&p, "Some people have moved from a long stay in hospital "
	    "into a Shared Lives household. They describe feeling part of "
	    "something, not looked after by staff who go home after a "
	    "shift. Short.");
	buf_init(&b);
	gopher_render_menu(&p, "/", "h", "70", &b);
	assert_string_equal(b.data,
	    "iSome people have moved from a long stay in hospital into a Shared"
	    "\t\th\t70\r\n"
	    "iLives household.\t\th\t70\r\n"
	    "iThey describe feeling part of something,\t\th\t70\r\n"
	    "inot looked after by staff who go home after a shift.\t\th\t70\r\n"
	    "iShort.\t\th\t70\r\n"
	    ".\r\n");
	buf_release(&b);
	page_release(&p);
	/* A phone number said in groups stays on one line. */
	page_init(&p, "en-GB");
	page_item(&p, "In England, the National Domestic Abuse Helpline: "
	    "0 8 0 8, 2 0 0 0, 2 4 7.");
	buf_init(&b);
	gopher_render_menu(&p, "/", "h", "70", &b);
	assert_string_equal(b.data,
	    "i- In England, the National Domestic Abuse Helpline:\t\th\t70\r\n"
	    "i  0 8 0 8, 2 0 0 0, 2 4 7.\t\th\t70\r\n"
	    ".\r\n");
	buf_release(&b);
	page_release(&p);
}

static void
text_and_errors(void **state)
{
	struct buf	 b;

	(void)state;
	buf_init(&b);
	gopher_render_text("one\n.two\n..\nthree", 17, &b);
	assert_string_equal(b.data, "one\r\n..two\r\n...\r\nthree\r\n.\r\n");
	buf_reset(&b);
	gopher_error("not found", "h", "70", &b);
	assert_string_equal(b.data, "3not found\t\th\t70\r\n.\r\n");
	buf_release(&b);
}

static void
requests(void **state)
{
	static const struct {
		const char	*req;
		size_t		 len;
		int		 ok;
		const char	*selector;
		const char	*search;
	} cases[] = {
		{ "\r\n", 2, 1, "", NULL },
		{ "/w/demo/\r\n", 10, 1, "/w/demo/", NULL },
		{ "/say\tmore buses\r\n", 17, 1, "/say", "more buses" },
		{ "/x", 2, 0, NULL, NULL },
		{ "/x\n", 3, 1, "/x", NULL },
		{ "/say\tmore\n", 10, 1, "/say", "more" },
		{ "/x\r", 3, 0, NULL, NULL },
		{ "/x\r\r\n", 5, 0, NULL, NULL },
		{ "/say\t+1 to that\r\n", 17, 1, "/say", "+1 to that" },
		{ "/say\t!!! too short\r\n", 20, 1, "/say", "!!! too short" },
		{ "/say\t$40 a week\r\n", 17, 1, "/say", "$40 a week" },
		{ "/say\t+1\r\n", 9, 1, "/say", "+1" },
		{ "/\t!\r\n", 5, 0, NULL, NULL },
		{ "/\t+text/plain\r\n", 15, 0, NULL, NULL },
		{ "/say\twords\t+\r\n", 14, 0, NULL, NULL },
		{ "/\t!+ABSTRACT\r\n", 14, 0, NULL, NULL },
		{ "/\t$+VIEWS +ADMIN\r\n", 18, 0, NULL, NULL },
		{ "/\t+text/plain En_US\r\n", 21, 0, NULL, NULL },
		{ "/say\t+50/50\r\n", 13, 1, "/say", "+50/50" },
		{ "/say\t!+1\r\n", 10, 1, "/say", "!+1" },
		{ "/say\t+text/plain is fine\r\n", 26, 1, "/say",
		    "+text/plain is fine" },
		{ "/x\0y\r\n", 6, 0, NULL, NULL },
		{ "/\xff\r\n", 4, 0, NULL, NULL },
		{ "/\t+\r\n", 5, 0, NULL, NULL },
		{ "/\t$\r\n", 5, 0, NULL, NULL },
		{ "/a\r\n/b\r\n", 8, 0, NULL, NULL },
	};
	char		 buf[512], *sel, *search;
	const char	*errstr;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memcpy(buf, cases[i].req, cases[i].len);
		if (gopher_request_parse(buf, cases[i].len, &sel, &search,
		    &errstr) == 0) {
			if (!cases[i].ok)
				fail_msg("case %zu accepted", i);
			assert_string_equal(sel, cases[i].selector);
			if (cases[i].search == NULL)
				assert_null(search);
			else
				assert_string_equal(search, cases[i].search);
		} else {
			if (cases[i].ok)
				fail_msg("case %zu refused: %s", i, errstr);
			assert_non_null(errstr);
		}
	}
	memset(buf, 'a', 300);
	memcpy(buf + 256, "\r\n", 2);
	assert_int_equal(gopher_request_parse(buf, 258, &sel, &search,
	    &errstr), -1);
	assert_string_equal(errstr, "the selector is longer than 255 bytes");
	memset(buf, 'a', 300);
	memcpy(buf + 255, "\r\n", 2);
	assert_int_equal(gopher_request_parse(buf, 257, &sel, &search,
	    &errstr), 0);
}

static void
resolving(void **state)
{
	static const char *const cases[][3] = {
		{ "/areas/home.gmi", "../help.gmi", "/help.gmi" },
		{ "/areas/home.gmi", "./", "/areas/" },
		{ "/", "../../../etc/passwd", "/etc/passwd" },
		{ "/easy/", "../", "/" },
		{ "/w/demo/home/", "/w/demo/", "/w/demo/" },
		{ "/x", "a/./b/../c?q#f", "/a/c" },
	};
	struct buf	 b;
	size_t		 i;

	(void)state;
	buf_init(&b);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(gopher_resolve(cases[i][0], cases[i][1], &b),
		    1);
		assert_string_equal(b.data, cases[i][2]);
	}
	assert_int_equal(gopher_resolve("/", "https://example.org/", &b), 0);
	buf_release(&b);
}

static void
gemtext_round_trip(void **state)
{
	static const char gmi[] = "# Title\n\nText line.\n=> a.gmi  A link\n"
	    "* item\n> quote\n```alt\npre\n```\n## Two\n";
	struct page	 p;
	struct buf	 b;

	(void)state;
	page_init(&p, "en-GB");
	page_parse_gemtext(&p, gmi, strlen(gmi));
	buf_init(&b);
	page_render_gemtext(&p, &b);
	assert_string_equal(b.data, "# Title\n\nText line.\n=> a.gmi A link\n"
	    "* item\n> quote\npre\n\n## Two\n");
	buf_release(&b);
	page_release(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(menu_bytes),
		cmocka_unit_test(wraps_at_seventy),
		cmocka_unit_test(wraps_at_sentences),
		cmocka_unit_test(text_and_errors),
		cmocka_unit_test(requests),
		cmocka_unit_test(resolving),
		cmocka_unit_test(gemtext_round_trip),
	};

	return cmocka_run_group_tests_name("gopher", tests, NULL, NULL);
}
