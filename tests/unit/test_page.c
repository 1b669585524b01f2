#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "page.h"
#include "util.h"

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
	assert_false(page_forbidden_cp('a'));
	assert_false(page_forbidden_cp(0xa3));		/* £ */
	assert_false(page_forbidden_cp(0x175));		/* ŵ */
	assert_false(page_forbidden_cp(0x2019));	/* ’ */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(gemtext_blocks),
		cmocka_unit_test(gemtext_people_words_stay_text),
		cmocka_unit_test(markdown_escapes),
		cmocka_unit_test(forbidden_code_points),
	};

	return cmocka_run_group_tests_name("page", tests, NULL, NULL);
}
