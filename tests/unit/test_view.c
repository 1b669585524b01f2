/*
 * Workshop pages from the record: every route's status, what is shown
 * and never shown, and participant input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "record.h"
#include "store.h"
#include "util.h"
#include "view.h"

struct fixture {
	struct store	*st;
	long long	 ws;
	long long	 hidden, redacted;
};

#define COMMAND(st, expr) do {						\
	assert_int_equal(store_begin(st, "test"), 0);			\
	assert_int_equal((expr), 0);					\
	assert_int_equal(store_commit(st), 0);				\
} while (0)

static int
setup(void **state)
{
	struct fixture	*f;
	const char	*errstr;
	long long	 id, m, d, hosp, was;

	f = xcalloc(1, sizeof(*f));
	f->st = store_open(":memory:", STORE_CREATE, &errstr);
	hosp = record_area_id(f->st, "hospital");
	COMMAND(f->st, record_workshop_add(f->st, "demo", "Northtown", &f->ws));
	COMMAND(f->st, record_workshop_set(f->st, f->ws, "status", "open"));
	COMMAND(f->st, record_workshop_set(f->st, f->ws, "date", "2026-12-03"));
	COMMAND(f->st, record_contribution_add(f->st, f->ws, hosp, 0, "like",
	    "Kind nurses", 0, 0, &id));
	COMMAND(f->st, record_contribution_add(f->st, f->ws, hosp, 0, "dislike",
	    "Hidden words", 0, 0, &f->hidden));
	COMMAND(f->st, record_contribution_state(f->st, f->hidden, "hidden"));
	COMMAND(f->st, record_contribution_add(f->st, f->ws, hosp, 0, "idea",
	    "Redacted words", 0, 0, &f->redacted));
	COMMAND(f->st, record_contribution_redact(f->st, f->redacted));
	COMMAND(f->st, record_model_add(f->st, f->ws, hosp, "home-care",
	    "Home care", &m));
	COMMAND(f->st, record_money_set(f->st, f->ws, hosp, m,
	    record_resource_id(f->st, "state"), 1200000, 1100000, 2028, &id));
	COMMAND(f->st, record_decision_add(f->st, f->ws, hosp, "Less home care",
	    &d));
	COMMAND(f->st, record_decision_change(f->st, d, m,
	    record_resource_id(f->st, "state"), -250000, &id, &was));
	COMMAND(f->st, record_decision_basis(f->st, d, f->hidden));
	COMMAND(f->st, record_decision_set(f->st, d, "state", "agreed"));
	COMMAND(f->st, record_workshop_add(f->st, "draft", "Not yet", &id));
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture	*f = *state;

	store_close(f->st);
	free(f);
	return 0;
}

/* Route `path'; returns the status and the gemtext in `*out'. */
static int
route(struct fixture *f, const char *path, const char *input,
    enum view_proto proto, char **out, char **meta)
{
	struct view	 v;
	struct buf	 b;
	int		 status;

	assert_int_equal(view_route(f->st, path, input, proto, &v), 0);
	buf_init(&b);
	page_render_gemtext(&v.page, &b);
	*out = buf_take(&b);
	if (meta != NULL)
		*meta = v.meta ? xstrdup(v.meta) : NULL;
	status = v.status;
	view_release(&v);
	return status;
}

static void
statuses(void **state)
{
	static const struct {
		const char	*path;
		int		 status;
	} cases[] = {
		{ "/w/", 20 }, { "/w", 31 }, { "/w/demo", 31 },
		{ "/w/demo/", 20 }, { "/w/demo/hospital", 31 },
		{ "/w/demo/hospital/", 20 }, { "/w/demo/decisions", 20 },
		{ "/w/demo/decisions/", 31 }, { "/w/demo/say", 51 },
		{ "/w/demo/nowhere/", 51 }, { "/w/demo/nowhere", 51 },
		{ "/w/nobody/", 51 }, { "/w/draft/", 51 }, { "/w/BAD/", 51 },
		{ "/w/demo/hospital/x", 51 }, { "/w//", 51 },
		{ "/w/demo/hospital/questions", 20 },
		{ "/w/demo/nowhere/questions", 51 },
		{ "/easy/w/", 20 }, { "/easy/w", 31 }, { "/easy/w/demo", 31 },
		{ "/easy/w/demo/", 20 }, { "/easy/w/demo/hospital", 31 },
		{ "/easy/w/demo/hospital/", 20 },
		{ "/easy/w/demo/hospital/questions", 20 },
		{ "/easy/w/demo/decisions", 20 },
		{ "/easy/w/demo/decisions/", 31 }, { "/easy/w/demo/say", 51 },
		{ "/easy/w/nobody/", 51 }, { "/easy/w/draft/", 51 },
		{ "/easy/x", 51 }, { "/easyw/demo/", 51 },
		{ "/x", 51 },
	};
	struct fixture	*f = *state;
	char		*out, *meta;
	size_t		 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int status = route(f, cases[i].path, NULL, VIEW_GEMINI, &out,
		    &meta);
		if (status != cases[i].status)
			fail_msg("%s: %d, expected %d", cases[i].path, status,
			    cases[i].status);
		if (status == 31)
			assert_true(meta[strlen(meta) - 1] == '/' ||
			    strstr(meta, "decisions") != NULL);
		free(out);
		free(meta);
	}
}

/* Money for the ear: digits up to a million, then "1.2 million". */
static void
amounts_for_the_ear(void **state)
{
	static const struct {
		const char	*unit;
		long long	 n;
		const char	*want;
	} cases[] = {
		{ "pounds", 0, "\xc2\xa3" "0" },
		{ "pounds", 18, "\xc2\xa3" "18" },
		{ "pounds", 250000, "\xc2\xa3" "250,000" },
		{ "pounds", 999999, "\xc2\xa3" "999,999" },
		{ "pounds", 1000000, "\xc2\xa3" "1 million" },
		{ "pounds", 1200000, "\xc2\xa3" "1.2 million" },
		{ "pounds", 1450000, "\xc2\xa3" "1.45 million" },
		{ "pounds", 1234567, "about \xc2\xa3" "1.23 million" },
		{ "pounds", 1999999, "about \xc2\xa3" "2 million" },
		{ "pounds", 2500000000LL, "\xc2\xa3" "2.5 billion" },
		{ "pounds", -1200000, "minus \xc2\xa3" "1.2 million" },
		{ "hours", 1, "1 hour" },
		{ "hours", 12000, "12,000 hours" },
		{ "hours", 3000000, "3 million hours" },
		{ "hours", -2, "minus 2 hours" },
	};
	struct buf	 b;
	size_t		 i;

	(void)state;
	buf_init(&b);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		buf_reset(&b);
		view_amount(&b, cases[i].unit, cases[i].n);
		if (strcmp(b.data, cases[i].want) != 0)
			fail_msg("%lld %s: \"%s\", expected \"%s\"",
			    cases[i].n, cases[i].unit, b.data, cases[i].want);
	}
	buf_release(&b);
}

/* A decision's method and state said as recorded, in the right tense. */
static void
decisions_said_as_recorded(void **state)
{
	struct fixture	*f = *state;
	long long	 d, was, hosp = record_area_id(f->st, "hospital");
	char		*out;

	COMMAND(f->st, record_decision_add(f->st, f->ws, hosp, "Fewer beds",
	    &d));
	COMMAND(f->st, record_decision_change(f->st, d, record_model_id(f->st,
	    f->ws, "home-care"), record_resource_id(f->st, "state"), 10000,
	    &hosp, &was));
	assert_int_equal(route(f, "/w/demo/decisions", NULL, VIEW_GEMINI, &out,
	    NULL), 20);
	assert_non_null(strstr(out, "Fewer beds\nProposed, not decided "
	    "yet.\nIf it is agreed, this is what changes:\n"));
	assert_null(strstr(out, "Decided"));
	free(out);
	COMMAND(f->st, record_decision_vote(f->st, d, 9, 3, 1));
	COMMAND(f->st, record_decision_set(f->st, d, "method", "majority"));
	COMMAND(f->st, record_decision_set(f->st, d, "state", "agreed"));
	assert_int_equal(route(f, "/w/demo/decisions", NULL, VIEW_GEMINI, &out,
	    NULL), 20);
	assert_non_null(strstr(out, "Agreed by a majority: 9 for, 3 against, "
	    "and 1 who did not choose either.\n"));
	assert_null(strstr(out, "show of hands"));
	free(out);
	/* After the workshop: its status and dated notes, on the page. */
	COMMAND(f->st, record_decision_set(f->st, d, "status", "stalled"));
	COMMAND(f->st, record_decision_progress(f->st, d, "2027-02-01",
	    "Waiting for the budget", &was));
	assert_int_equal(route(f, "/w/demo/decisions", NULL, VIEW_GEMINI, &out,
	    NULL), 20);
	assert_non_null(strstr(out, "Since the workshop: Work on it has stopped for now.\n"
	    "Notes on its progress:\n> Monday 1 February 2027: Waiting for "
	    "the budget\n"));
	free(out);
	assert_int_equal(route(f, "/easy/w/demo/decisions", NULL, VIEW_GEMINI,
	    &out, NULL), 20);
	assert_non_null(strstr(out, "Since the workshop: Work on it has stopped for now.\n"));
	free(out);
	COMMAND(f->st, record_decision_set(f->st, d, "state", "rejected"));
	assert_int_equal(route(f, "/w/demo/decisions", NULL, VIEW_GEMINI, &out,
	    NULL), 20);
	assert_non_null(strstr(out, "Turned down by a majority: 9 for"));
	assert_non_null(strstr(out, "This is what it would have changed:\n"));
	/* A rejected decision is not getting on, whatever was noted. */
	assert_null(strstr(out, "Since the workshop"));
	assert_null(strstr(out, "Waiting for the budget"));
	free(out);
}

static void
area_page_shows_what_it_should(void **state)
{
	struct fixture	*f = *state;
	char		*out;

	assert_int_equal(route(f, "/w/demo/hospital/", NULL, VIEW_GEMINI,
	    &out, NULL), 20);
	assert_true(strncmp(out, "# Leaving hospital at Northtown\n", 32) ==
	    0);
	/* The way in first: adding words before what has been said. */
	assert_true(strstr(out, "## Add your words") <
	    strstr(out, "## What people have said"));
	assert_non_null(strstr(out, "=> /w/demo/hospital/questions The "
	    "questions for this conversation\n"));
	assert_non_null(strstr(out, "### 1 thing people like\n> Kind "
	    "nurses\n"));
	assert_non_null(strstr(out, "> Kind nurses\n"));
	assert_null(strstr(out, "Hidden words"));
	assert_null(strstr(out, "Redacted"));
	assert_non_null(strstr(out, "* State money for Home care: "
	    "\xc2\xa3" "1.2 million a year now, \xc2\xa3" "950,000 agreed. "
	    "That is \xc2\xa3" "250,000 less. Expected in 2028: \xc2\xa3"
	    "1.1 million.\n"));
	assert_non_null(strstr(out, "State money for Home care, under Support "
	    "with leaving hospital, goes down by \xc2\xa3" "250,000, from "
	    "\xc2\xa3" "1.2 million to \xc2\xa3" "950,000."));
	assert_non_null(strstr(out, "Adding words here is closed"));
	/* Every page ends with the same navigation. */
	assert_non_null(strstr(out, "## Other pages\n=> / Home page\n=> "
	    "/help.gmi Help and how to take part\n=> /device.gmi Using a "
	    "shared device\n"));
	free(out);
	assert_int_equal(route(f, "/w/demo/", NULL, VIEW_GEMINI, &out, NULL),
	    20);
	assert_non_null(strstr(out, "When: Thursday 3 December 2026.\n"));
	assert_non_null(strstr(out, "kept for 365 days"));
	free(out);
}

/* Easy Read: the same record in other words, each page linked to its
 * standard version and back, and redirects that stay in Easy Read. */
static void
easy_read_pages(void **state)
{
	struct fixture	*f = *state;
	char		*out, *meta;

	assert_int_equal(route(f, "/easy/w/demo/hospital/", NULL, VIEW_GEMINI,
	    &out, NULL), 20);
	assert_true(strncmp(out, "# Leaving hospital at Northtown in Easy "
	    "Read\n=> /w/demo/hospital/ Leaving hospital, standard "
	    "version\n", 95) == 0);
	assert_non_null(strstr(out, "> Kind nurses\n"));
	assert_null(strstr(out, "Hidden words"));
	assert_non_null(strstr(out, "The workshop agreed to give it "
	    "\xc2\xa3" "250,000 less.\n"));
	assert_non_null(strstr(out, "You cannot add words now.\n"));
	free(out);
	assert_int_equal(route(f, "/w/demo/hospital/", NULL, VIEW_GEMINI,
	    &out, NULL), 20);
	assert_non_null(strstr(out, "=> /easy/w/demo/hospital/ Leaving "
	    "hospital in Easy Read\n"));
	free(out);
	assert_int_equal(route(f, "/easy/w/demo/hospital", NULL, VIEW_GEMINI,
	    &out, &meta), 31);
	assert_string_equal(meta, "/easy/w/demo/hospital/");
	free(out);
	free(meta);
	assert_int_equal(route(f, "/easy/w/demo/decisions/", NULL,
	    VIEW_GEMINI, &out, &meta), 31);
	assert_string_equal(meta, "/easy/w/demo/decisions");
	free(out);
	free(meta);
	assert_int_equal(route(f, "/easy/w/demo/hospital/say", "hello",
	    VIEW_GEMINI, &out, NULL), 20);
	/* Closed: not saved, said so, and the words come back. */
	if (strstr(out, "# We did not save your words\n") == NULL ||
	    strstr(out, "You cannot add words now.") == NULL ||
	    strstr(out, "> hello\n") == NULL)
		fail_msg("%s", out);
	free(out);
}

static void
input_closed_open_and_saved(void **state)
{
	struct fixture	*f = *state;
	char		*out, *meta, *big;

	/* Closed: a page that says so, shows the words back, saves none. */
	assert_int_equal(route(f, "/w/demo/hospital/say", "hello",
	    VIEW_GEMINI, &out, NULL), 20);
	assert_non_null(strstr(out, "# Your words were not saved\n"));
	assert_non_null(strstr(out, "is closed at the moment"));
	assert_non_null(strstr(out, "> hello\n"));
	free(out);
	assert_int_equal(route(f, "/w/demo/hospital/say", NULL, VIEW_GEMINI,
	    &out, NULL), 20);
	assert_non_null(strstr(out, "# Adding words is closed\n"));
	free(out);
	COMMAND(f->st, record_workshop_set(f->st, f->ws, "input", "1"));
	assert_int_equal(route(f, "/w/demo/hospital/say", NULL, VIEW_GEMINI,
	    &out, &meta), 10);
	assert_non_null(strstr(meta, "leave out names"));
	assert_non_null(strstr(meta, "letters, about"));
	free(out);
	free(meta);
	big = xcalloc(1, VIEW_INPUT_MAX + 2);
	memset(big, 'a', VIEW_INPUT_MAX + 1);
	assert_int_equal(route(f, "/w/demo/hospital/say", big, VIEW_GEMINI,
	    &out, &meta), 10);
	assert_non_null(strstr(meta, "too long"));
	free(out);
	free(meta);
	free(big);
	/* Over Gopher only when the facilitator allowed it too. */
	assert_int_equal(route(f, "/w/demo/hospital/say", "by gopher",
	    VIEW_GOPHER, &out, NULL), 20);
	assert_non_null(strstr(out, "over Gopher is switched off"));
	assert_non_null(strstr(out, "by gopher"));
	free(out);
	assert_int_equal(route(f, "/w/demo/hospital/say",
	    "  More buses, please\n", VIEW_GEMINI, &out, NULL), 20);
	assert_non_null(strstr(out, "> More buses, please\n"));
	free(out);
	assert_int_equal(store_int(f->st, "SELECT count(*) FROM contribution "
	    "WHERE text = 'More buses, please' AND source = 'participant' AND "
	    "participant_id IS NULL", 0, ""), 1);
	assert_int_equal(store_int(f->st, "SELECT count(*) FROM contribution "
	    "WHERE text = 'by gopher'", 0, ""), 0);
	/* Participants' input is not a facilitator's change. */
	assert_int_equal(store_int(f->st, "SELECT count(*) FROM audit WHERE "
	    "instr(ifnull(after, ''), 'buses')", 0, ""), 0);
	COMMAND(f->st, record_workshop_set(f->st, f->ws, "input", "0"));
}

/*
 * A decision filed under one area that moves money of another area's
 * model is on both areas' pages: the other under a heading that says so,
 * never under "no decisions".
 */
static void
decision_elsewhere_on_both_pages(void **state)
{
	static const char *const pages[][3] = {
		{ "/w/demo/community/", "No decisions have been made here yet.",
		  "## Decisions under other areas that change money here" },
		{ "/easy/w/demo/community/", "The workshop has not decided "
		  "anything here yet.", "## Other decisions that change the "
		  "money here" },
	};
	struct fixture	*f = *state;
	long long	 d, m, id, was;
	char		*out;
	size_t		 i;

	COMMAND(f->st, record_model_add(f->st, f->ws, record_area_id(f->st,
	    "community"), "warm-spaces", "Warm spaces", &m));
	COMMAND(f->st, record_decision_add(f->st, f->ws, record_area_id(f->st,
	    "hospital"), "Beds money to warm spaces", &d));
	COMMAND(f->st, record_decision_change(f->st, d, m,
	    record_resource_id(f->st, "state"), 5000, &id, &was));
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		assert_int_equal(route(f, pages[i][0], NULL, VIEW_GEMINI, &out,
		    NULL), 20);
		if (strstr(out, pages[i][1]) == NULL || strstr(out,
		    pages[i][2]) == NULL || strstr(out, "Beds money to warm "
		    "spaces") < strstr(out, pages[i][2]))
			fail_msg("%s:\n%s", pages[i][0], out);
		free(out);
	}
	/* A rejected one elsewhere changes nothing here. */
	COMMAND(f->st, record_decision_add(f->st, f->ws, record_area_id(f->st,
	    "hospital"), "Rejected beds money", &d));
	COMMAND(f->st, record_decision_change(f->st, d, m,
	    record_resource_id(f->st, "state"), 7000, &id, &was));
	COMMAND(f->st, record_decision_set(f->st, d, "state", "rejected"));
	assert_int_equal(route(f, "/w/demo/community/", NULL, VIEW_GEMINI,
	    &out, NULL), 20);
	assert_null(strstr(out, "Rejected beds money"));
	free(out);
	/* Under its own area, it is one of that area's decisions. */
	assert_int_equal(route(f, "/w/demo/hospital/", NULL, VIEW_GEMINI, &out,
	    NULL), 20);
	assert_non_null(strstr(out, "Beds money to warm spaces"));
	assert_null(strstr(out, "under other areas"));
	free(out);
}

/*
 * The limit a question states holds for Welsh: that many letters, in
 * words of five with a space after each and one letter in ten a ŵ, fit
 * in a Gemini request once percent-encoded.
 */
static void
stated_limit_fits_welsh(void **state)
{
	const char	*path = "/w/demo/hospital/say/like";
	size_t		 bytes, i;
	int		 n;

	(void)state;
	view_set_origin("workshop.example.org", 1965);
	n = view_input_letters(path);
	assert_true(n >= 500);
	bytes = strlen("gemini://workshop.example.org") + strlen(path) + 1;
	for (i = 0; i < (size_t)n; i++)
		bytes += i % 10 == 9 ? 6 : i % 6 == 5 ? 3 : 1;
	if (bytes > 1024)
		fail_msg("%d letters take %zu bytes", n, bytes);
	view_set_origin("localhost", 1965);
}

/* A pause of one second is said in the singular, for the ear. */
static void
pause_of_one_second(void **state)
{
	struct fixture	*f = *state;
	struct view	 v;
	struct buf	 b;

	COMMAND(f->st, record_workshop_set(f->st, f->ws, "input", "1"));
	assert_int_equal(view_refuse(f->st, "/w/demo/hospital/say/idea",
	    "More buses", VIEW_GEMINI, 1, &v), 0);
	buf_init(&b);
	page_render_gemtext(&v.page, &b);
	if (strstr(b.data, "again in 1 second.") == NULL)
		fail_msg("%s", b.data);
	buf_release(&b);
	view_release(&v);
}

/*
 * Easy Read takes words as the full pages do: a pause is shown back and
 * nothing saved, a reload is saved once, and the stated limit fits.
 */
static void
easy_read_words_as_full(void **state)
{
	struct fixture	*f = *state;
	struct view	 v;
	struct buf	 b;
	char		*out;
	const char	*say = "/easy/w/demo/hospital/say";

	COMMAND(f->st, record_workshop_set(f->st, f->ws, "input", "1"));
	COMMAND(f->st, record_workshop_set(f->st, f->ws, "gopher", "1"));
	assert_int_equal(view_refuse(f->st, say, "A lift home", VIEW_GEMINI,
	    30, &v), 0);
	buf_init(&b);
	page_render_gemtext(&v.page, &b);
	if (strstr(b.data, "Please send them again in 30 seconds.") == NULL ||
	    strstr(b.data, "> A lift home") == NULL ||
	    strstr(b.data, "=> /easy/w/demo/hospital/say?A%20lift%20home ") ==
	    NULL)
		fail_msg("%s", b.data);
	buf_release(&b);
	view_release(&v);
	assert_int_equal(store_int(f->st, "SELECT count(*) FROM contribution "
	    "WHERE text = 'A lift home'", -1, ""), 0);
	assert_int_equal(route(f, say, "A lift home", VIEW_GEMINI, &out, NULL),
	    20);
	free(out);
	assert_int_equal(route(f, say, "A lift home", VIEW_GEMINI, &out, NULL),
	    20);
	free(out);
	assert_int_equal(route(f, say, "A lift home", VIEW_GOPHER, &out, NULL),
	    20);
	free(out);
	assert_int_equal(store_int(f->st, "SELECT count(*) FROM contribution "
	    "WHERE text = 'A lift home'", -1, ""), 2);
	assert_int_equal(view_input_letters(say) >= 500, 1);
	/* The kind asked for is the kind saved. */
	assert_int_equal(route(f, "/easy/w/demo/hospital/say/idea",
	    "Buses at night", VIEW_GEMINI, &out, NULL), 20);
	free(out);
	assert_int_equal(store_int(f->st, "SELECT count(*) FROM contribution "
	    "WHERE text = 'Buses at night' AND kind = 'idea'", -1, ""), 1);
	/* Open, but not over Gopher: this door says so, words come back. */
	COMMAND(f->st, record_workshop_set(f->st, f->ws, "gopher", "0"));
	assert_int_equal(route(f, say, "Over gopher", VIEW_GOPHER, &out, NULL),
	    20);
	if (strstr(out, "You cannot add words this way.") == NULL ||
	    strstr(out, "> Over gopher") == NULL)
		fail_msg("%s", out);
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(statuses),
		cmocka_unit_test(stated_limit_fits_welsh),
		cmocka_unit_test_setup_teardown(easy_read_words_as_full, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(pause_of_one_second, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(decision_elsewhere_on_both_pages,
		    setup, teardown),
		cmocka_unit_test(amounts_for_the_ear),
		cmocka_unit_test(area_page_shows_what_it_should),
		cmocka_unit_test(decisions_said_as_recorded),
		cmocka_unit_test(easy_read_pages),
		cmocka_unit_test(input_closed_open_and_saved),
	};

	return cmocka_run_group_tests_name("view", tests, setup, teardown);
}
