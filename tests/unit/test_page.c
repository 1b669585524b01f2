#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "page.h"
#include "util.h"

/* The navigation block as view_nav() writes it (docs/pages.md). */
static void
view_like_nav(struct page *p)
{
	page_heading(p, 2, "Other pages");
	page_link(p, "/", "Home page");
	page_link(p, "/help.gmi", "Help and how to take part");
	page_link(p, "/device.gmi", "Using a shared device");
}

static char *
gem(struct page *p)
{
	struct buf	 b;

	buf_init(&b);
	page_render_gemtext(p, &b);
	return buf_take(&b);
}

static void
gemtext_blocks(void **state)
{
	struct page	 p;
	char		*s;

	(void)state;
	page_init(&p, "en-GB");
	page_heading(&p, 1, "Title");
	page_text(&p, "A sentence.");
	page_heading(&p, 2, "Part");
	page_item(&p, "One");
	page_quote(&p, "Said");
	page_link(&p, "/x", "Go to x");
	s = gem(&p);
	assert_string_equal(s, "# Title\nA sentence.\n\n## Part\n* One\n"
	    "> Said\n=> /x Go to x\n");
	free(s);
	page_release(&p);
}

/* People's words never turn into markup, and lose layout characters. */
static void
gemtext_people_words_stay_text(void **state)
{
	struct page	 p;
	char		*s;

	(void)state;
	page_init(&p, "en-GB");
	page_text(&p, "=> gemini://evil/ click");
	page_text(&p, "# not a heading");
	page_text(&p, "```");
	page_text(&p, "* not a list");
	page_text(&p, "line one\nline two\r\n\tthree");
	page_text(&p, "box \xe2\x94\x80\xe2\x94\x80 smile \xf0\x9f\x98\x80 "
	    "bold \xf0\x9d\x90\x80 end");
	page_quote(&p, "=> still a quote");
	s = gem(&p);
	assert_string_equal(s, " => gemini://evil/ click\n # not a heading\n"
	    " ```\n * not a list\nline one line two three\n"
	    "box smile bold end\n> => still a quote\n");
	free(s);
	page_release(&p);
}

static void
markdown_escapes(void **state)
{
	struct page	 p;
	struct buf	 b;

	(void)state;
	page_init(&p, "en-GB");
	page_heading(&p, 1, "Report");
	page_text(&p, "Use *stars* and [brackets] and #1");
	page_item(&p, "- dash");
	page_link(&p, "https://example.org/", "Example");
	buf_init(&b);
	page_render_markdown(&p, &b);
	assert_string_equal(b.data, "# Report\n\nUse \\*stars\\* and "
	    "\\[brackets\\] and \\#1\n\n- \\- dash\n\n- [Example]"
	    "(https://example.org/)\n");
	buf_release(&b);
	page_release(&p);
}

static void
forbidden_code_points(void **state)
{
	(void)state;
	assert_true(page_forbidden_cp(0x2500));
	assert_true(page_forbidden_cp(0x2588));
	assert_true(page_forbidden_cp(0x2800));
	assert_true(page_forbidden_cp(0x1f600));
	assert_true(page_forbidden_cp(0x1d400));
	assert_true(page_forbidden_cp(0x07));
	/* Invisible: the page checker's list (tests/pagecheck). */
	assert_true(page_forbidden_cp(0x200b));
	assert_true(page_forbidden_cp(0x200c));
	assert_true(page_forbidden_cp(0x200d));
	assert_true(page_forbidden_cp(0x2060));
	assert_true(page_forbidden_cp(0xfeff));
	assert_true(page_forbidden_cp(0xfe0f));
	assert_true(page_forbidden_cp(0xe0100));
	assert_true(page_forbidden_cp(0xe01ef));
	assert_false(page_forbidden_cp(0xe01f0));
	assert_false(page_forbidden_cp('a'));
	assert_false(page_forbidden_cp(0xa3));		/* £ */
	assert_false(page_forbidden_cp(0x175));		/* ŵ */
	assert_false(page_forbidden_cp(0x2019));	/* ’ */
}

static void
html_document(void **state)
{
	struct page	 p;
	struct buf	 b;

	(void)state;
	page_init(&p, "cy");
	page_heading(&p, 1, "Title <b>");
	page_text(&p, "A & B \xe2\x80\xae, \"quoted\" 'too'");
	page_item(&p, "One");
	page_item(&p, "Two");
	page_quote(&p, "<script>alert(1)</script>");
	page_quote(&p, "Second words");
	page_link(&p, "javascript:alert(1)", "Bad link");
	page_link(&p, "/x?a=1&b=2", "Go to x");
	page_form(&p, "/w/a/b/say", "Your idea?", "Said </textarea> & more",
	    700);
	view_like_nav(&p);
	buf_init(&b);
	page_render_html(&p, &b);
	assert_non_null(strstr(b.data, "<html lang=\"cy\">"));
	assert_non_null(strstr(b.data, "<title>Title &lt;b&gt;</title>"));
	assert_non_null(strstr(b.data, "<main>\n<h1>Title &lt;b&gt;</h1>\n"));
	/* The bidirectional override is dropped, quotes escaped. */
	assert_non_null(strstr(b.data, "<p>A &amp; B , &quot;quoted&quot; "
	    "&#39;too&#39;</p>"));
	assert_non_null(strstr(b.data, "<ul>\n<li>One</li>\n<li>Two</li>\n"
	    "</ul>"));
	/* A run of quotes is one quotation, a paragraph each. */
	assert_non_null(strstr(b.data, "<blockquote>\n<p>&lt;script&gt;alert(1)"
	    "&lt;/script&gt;</p>\n<p>Second words</p>\n</blockquote>\n"));
	assert_non_null(strstr(b.data, "<li><a href=\"#\">Bad link</a></li>"));
	assert_non_null(strstr(b.data, "<a href=\"/x?a=1&amp;b=2\">Go to x"));
	assert_non_null(strstr(b.data, "<label for=\"words1\">Your idea?"
	    "</label>"));
	assert_non_null(strstr(b.data, "maxlength=\"700\">Said &lt;/textarea"
	    "&gt; &amp; more</textarea>"));
	assert_non_null(strstr(b.data, "</main>\n<nav aria-labelledby=\""
	    "other-pages\">\n<h2 id=\"other-pages\">Other pages</h2>\n<ul>\n"
	    "<li><a href=\"/\">Home page</a></li>"));
	assert_null(strstr(b.data, "<script"));
	buf_release(&b);
	page_release(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gemtext_blocks),
		cmocka_unit_test(gemtext_people_words_stay_text),
		cmocka_unit_test(markdown_escapes),
		cmocka_unit_test(forbidden_code_points),
		cmocka_unit_test(html_document),
	};

	return cmocka_run_group_tests_name("page", tests, NULL, NULL);
}
