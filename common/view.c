/*
 * Workshop pages, built from the record on every request.  Words only:
 * the page documents are rendered by page.c for each front door.  Figures
 * are written as sentences (DESIGN.md, Page rules), and only shown
 * contributions ever reach a page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "page.h"
#include "record.h"
#include "store.h"
#include "url.h"
#include "util.h"
#include "view.h"
#include "vocab.h"

struct workshop {
	long long	 id;
	char		 slug[48];
	char		*title;		/* owned */
	char		*date;		/* owned, may be NULL */
	char		*place;		/* owned, may be NULL */
	char		*lang;		/* owned */
	int		 input_open;
	int		 gopher_input;
	int		 http_input;	/* over plain HTTP too */
	int		 moderate;	/* words wait for the facilitator */
	int		 retention;	/* days kept after the date */
	int		 easy;		/* asked for under /easy/w/ */
	int		 finished;	/* closed: it takes no more words */
};

/*
 * What participants can add, one input per kind, each with its own plain
 * question; "note" is "anything else", at the plain /say address.
 */
static const struct input_kind {
	const char	*kind;		/* vocab_kinds key, and the path's end */
	const char	*label;		/* the link: makes sense alone */
	const char	*ask, *ask_end;	/* the prompt, around the area's name */
} input_kinds[] = {
	{ "goodlife", "Say what a good life looks like",
	  "What does a good life look like for people using ", "?" },
	{ "like", "Say what you like about this support",
	  "What do you like about ", " here?" },
	{ "dislike", "Say what you dislike about this support",
	  "What do you dislike about ", " here?" },
	{ "idea", "Share an idea",
	  "What is your idea for ", "?" },
	{ "question", "Ask a question",
	  "What would you like to ask about ", "?" },
	{ "note", "Add anything else",
	  "What else would you like to say about ", "?" },
	{ NULL, NULL, NULL, NULL }
};

static const struct input_kind *
input_kind(const char *kind)
{
	const struct input_kind	*k;

	for (k = input_kinds; k->kind != NULL; k++)
		if (strcmp(k->kind, kind) == 0)
			return k;
	return NULL;
}

/* 1 if `proto' carries words in the clear: Gopher and plain HTTP. */
static int
proto_plain(enum view_proto proto)
{
	return proto == VIEW_GOPHER || proto == VIEW_HTTP;
}

/* 1 if words may be added through `proto' while input is open. */
static int
proto_allowed(const struct workshop *w, enum view_proto proto)
{
	return proto == VIEW_GOPHER ? w->gopher_input :
	    proto == VIEW_HTTP ? w->http_input : 1;
}

/* The address participants' clients send, for the real limit. */
static char	 origin[300] = "gemini://localhost";

void
view_set_origin(const char *host, int port)
{
	if (port == 1965)
		snprintf(origin, sizeof(origin), "gemini://%s", host);
	else
		snprintf(origin, sizeof(origin), "gemini://%s:%d", host, port);
}

/* The say address of `kind' under an area: /w/SLUG/AREA/say[/KIND]. */
static char *
say_path(const struct workshop *w, const char *key, const char *kind)
{
	return strcmp(kind, "note") == 0 ? xasprintf("/w/%s/%s/say", w->slug,
	    key) : xasprintf("/w/%s/%s/say/%s", w->slug, key, kind);
}

/*
 * The most letters a person can type at `path' over Gemini: a request is
 * at most 1024 bytes with the address.  Clients send a space as three
 * bytes (%20), and a letter with an accent as six (%C5%B5): with a space
 * in six letters and one letter in ten accented, as in Welsh, about five
 * letters in nine fit.
 */
int
view_input_letters(const char *path)
{
	long	 room;

	room = 1024 - (long)strlen(origin) - (long)strlen(path) - 1;
	if (room > VIEW_INPUT_MAX)
		room = VIEW_INPUT_MAX;
	room = room * 5 / 9;
	return room < 0 ? 0 : (int)(room / 50 * 50);
}

/* "Up to about 500 letters, about 80 words", `up' in lower case. */
static void
say_limit(struct buf *b, const char *path, const char *up)
{
	int	 n = view_input_letters(path);

	buf_addf(b, "%s to about %d letters, about %d words", up, n,
	    n / 6 / 10 * 10);
}


static void	easy_other(struct page *, const char *, const char *, int);

static char *
col_dup(sqlite3_stmt *stmt, int i)
{
	return sqlite3_column_type(stmt, i) == SQLITE_NULL ? NULL :
	    xstrdup(store_col(stmt, i));
}

/*
 * A figure written for the ear: up to 999,999 in digits grouped by commas,
 * which espeak-ng and other voices read as "two hundred and fifty
 * thousand"; from a million, "1.2 million", since "1,200,000" is read
 * digit group by digit group.  Two decimals at most; "about" when the
 * amount is not exact at that.
 */
static void
add_spoken(struct buf *b, unsigned long long u, const char *symbol)
{
	static const struct {
		unsigned long long	 unit;
		const char		*name;
	} big[] = {
		{ 1000000000ULL, "billion" },
		{ 1000000ULL, "million" },
	};
	unsigned long long	 whole, hundredths;
	size_t			 i;

	for (i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
		if (u < big[i].unit)
			continue;
		whole = u / big[i].unit;
		/* Rounded to the nearest hundredth. */
		hundredths = (u % big[i].unit * 100 + big[i].unit / 2) /
		    big[i].unit;
		if (hundredths == 100) {
			whole++;
			hundredths = 0;
		}
		if (u % (big[i].unit / 100) != 0)
			buf_adds(b, "about ");
		buf_adds(b, symbol);
		buf_add_grouped(b, (long long)whole);
		if (hundredths % 10 != 0)
			buf_addf(b, ".%02llu", hundredths);
		else if (hundredths != 0)
			buf_addf(b, ".%llu", hundredths / 10);
		buf_addf(b, " %s", big[i].name);
		return;
	}
	buf_adds(b, symbol);
	buf_add_grouped(b, (long long)u);
}

/* Figures in full, for the facilitator's terminal; else for the ear. */
static int	 exact;

int
view_set_exact(int on)
{
	int	 was = exact;

	exact = on;
	return was;
}

void
view_amount(struct buf *b, const char *unit, long long n)
{
	unsigned long long	 u;
	const char		*sym;

	u = n < 0 ? (unsigned long long)(-(n + 1)) + 1 : (unsigned long long)n;
	if (n < 0)
		buf_adds(b, "minus ");
	sym = strcmp(unit, "pounds") == 0 ? "\xc2\xa3" : "";
	if (exact) {
		buf_adds(b, sym);
		buf_add_grouped(b, (long long)u);
	} else
		add_spoken(b, u, sym);
	if (*sym == '\0')
		buf_adds(b, u == 1 ? " hour" : " hours");
}

/* 1 if `iso' (year-month-day) is a day before today, here. */
static int
is_past(const char *iso)
{
	struct tm	 tm;
	time_t		 t = time(NULL);
	char		 day[16];

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(day, sizeof(day), "%Y-%m-%d", &tm) == 0)
		return 0;
	return strcmp(iso, day) < 0;
}

void
view_date(struct buf *b, const char *iso)
{
	static const char *const days[] = { "Sunday", "Monday", "Tuesday",
	    "Wednesday", "Thursday", "Friday", "Saturday" };
	static const char *const months[] = { "January", "February", "March",
	    "April", "May", "June", "July", "August", "September", "October",
	    "November", "December" };
	struct tm	 tm;
	int		 y, m, d;

	if (!record_is_date(iso) || sscanf(iso, "%d-%d-%d", &y, &m, &d) != 3) {
		buf_adds(b, iso);
		return;
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	tm.tm_isdst = -1;
	if (mktime(&tm) == (time_t)-1)
		buf_addf(b, "%d %s %d", d, months[m - 1], y);
	else
		buf_addf(b, "%s %d %s %d", days[tm.tm_wday], d, months[m - 1],
		    y);
}

void
view_nav(struct page *p)
{
	page_heading(p, 2, "Other pages");
	page_link(p, "/", "Home page");
	page_link(p, "/help.gmi", "Help and how to take part");
	page_link(p, "/device.gmi", "Using a shared device");
}

void
view_resend(struct page *p, const char *path, const char *words,
    enum view_proto proto, const char *label)
{
	struct buf	 link;

	/* A Gopher item carries no words: it asks for them again. */
	if (proto == VIEW_GOPHER) {
		page_input(p, path, strncmp(path, "/easy/", 6) == 0 ?
		    "Type your words again, not secret" :
		    "Type your words again, not encrypted");
		return;
	}
	buf_init(&link);
	buf_addf(&link, "%s?", path);
	url_path_encode(&link, words);
	page_add(p, BLK_LINK, 0, xstrdup(label), buf_take(&link));
}

/*
 * A workshop's page: its own words are English, whatever the workshop's
 * language, which is that of the words people said there.
 */
static void
view_page_init(struct page *p, const struct workshop *w)
{
	page_init(p, "en-GB");
	page_words_lang(p, w->lang);
}

static void
workshop_release(struct workshop *w)
{
	free(w->title);
	free(w->date);
	free(w->place);
	free(w->lang);
	memset(w, 0, sizeof(*w));
}

/* Fill `w' for `slug'; 0, 1 when there is no such published workshop. */
static int
workshop_load(struct store *st, const char *slug, size_t len,
    struct workshop *w)
{
	sqlite3_stmt	*stmt;
	int		 rc = 1;

	memset(w, 0, sizeof(*w));
	if (len == 0 || len >= sizeof(w->slug))
		return 1;
	memcpy(w->slug, slug, len);
	w->slug[len] = '\0';
	if (!record_is_slug(w->slug))
		return 1;
	if ((stmt = store_query(st, "SELECT id, title, date, place, language, "
	    "input_open AND status = 'open', gopher_input, retention_days, "
	    "moderate, http_input, status = 'closed' FROM workshop WHERE slug "
	    "= ? AND status <> 'draft'", "t",
	    w->slug)) == NULL)
		return -1;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		w->id = sqlite3_column_int64(stmt, 0);
		w->title = xstrdup(store_col(stmt, 1));
		w->date = col_dup(stmt, 2);
		w->place = col_dup(stmt, 3);
		w->lang = xstrdup(store_col(stmt, 4));
		w->input_open = sqlite3_column_int(stmt, 5);
		w->gopher_input = sqlite3_column_int(stmt, 6);
		w->retention = sqlite3_column_int(stmt, 7);
		w->moderate = sqlite3_column_int(stmt, 8);
		w->http_input = sqlite3_column_int(stmt, 9);
		w->finished = sqlite3_column_int(stmt, 10);
		rc = 0;
	}
	store_done(stmt);
	return rc;
}

/*
 * A workshop's name for titles: the words before a colon, "Northtown" for
 * "Northtown: changing support together", so that a title stays near six
 * words; the whole title is said under it.  Caller frees.
 */
static char *
workshop_short(const struct workshop *w)
{
	const char	*colon = strchr(w->title, ':');

	if (colon == NULL || colon == w->title)
		return xstrdup(w->title);
	return xasprintf("%.*s", (int)(colon - w->title), w->title);
}

static void
not_found(struct view *v)
{
	v->status = 51;
	v->meta = xstrdup("There is no page at this address");
}

static void
redirect(struct view *v, const char *path)
{
	v->status = 31;
	v->meta = xasprintf("%s/", path);
}

/* ---- /w/ ----------------------------------------------------------- */

static int
page_workshops(struct store *st, struct view *v)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;
	int		 status, n = 0, last = -1;

	page_init(&v->page, "en-GB");
	page_heading(&v->page, 1, "Current workshops");
	easy_other(&v->page, "/w/", "Current workshops", 0);
	page_text(&v->page, "Each workshop is a conversation about support "
	    "in one place. Choose one to read its questions, what people have "
	    "said and what they decided.");
	if ((stmt = store_query(st, "SELECT slug, title, date, status = "
	    "'closed' FROM workshop WHERE status <> 'draft' ORDER BY status = "
	    "'closed', date DESC, title", "")) == NULL)
		return -1;
	buf_init(&b);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		status = sqlite3_column_int(stmt, 3);
		if (status != last)
			page_heading(&v->page, 2, status ? "Finished workshops" :
			    "Open now");
		last = status;
		buf_reset(&b);
		buf_adds(&b, store_col(stmt, 1));
		if (sqlite3_column_type(stmt, 2) != SQLITE_NULL) {
			buf_adds(&b, ", ");
			view_date(&b, store_col(stmt, 2));
		}
		page_add(&v->page, BLK_LINK, 0, xstrdup(b.data),
		    xasprintf("/w/%s/", store_col(stmt, 0)));
		n++;
	}
	store_done(stmt);
	buf_release(&b);
	if (n == 0)
		page_text(&v->page, "There are no workshops to read at the "
		    "moment.");
	view_nav(&v->page);
	v->status = 20;
	return 0;
}

/* ---- /w/<slug>/ ---------------------------------------------------- */

static int
page_workshop(struct store *st, struct workshop *w, struct view *v)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;
	char		*path;

	view_page_init(&v->page, w);
	page_heading(&v->page, 1, "%s", w->title);
	path = xasprintf("/w/%s/", w->slug);
	easy_other(&v->page, path, w->title, 0);
	free(path);
	buf_init(&b);
	if (w->date != NULL) {
		view_date(&b, w->date);
		page_text(&v->page, "When: %s.", b.data);
	}
	if (w->place != NULL)
		page_text(&v->page, "Where: %s.", w->place);
	buf_release(&b);
	page_text(&v->page, "This workshop holds one conversation for each of "
	    "five areas of support. Each area's page has its questions, what "
	    "people have said, the money and the decisions.");
	page_text(&v->page, w->input_open ? "You can add your own words on "
	    "each area's page." : "Adding your own words is closed at the "
	    "moment. You can still read everything.");
	page_text(&v->page, "What is said here is kept for %d days after the "
	    "workshop, and then removed for good.", w->retention);
	page_heading(&v->page, 2, "The five conversations");
	if ((stmt = store_query(st, "SELECT a.key, a.name, (SELECT count(*) "
	    "FROM contribution c WHERE c.workshop_id = ? AND c.area_id = a.id "
	    "AND c.state = 'shown') FROM area a ORDER BY a.position", "i",
	    w->id)) == NULL)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		int n = sqlite3_column_int(stmt, 2);

		page_add(&v->page, BLK_LINK, 0, n == 0 ?
		    xasprintf("%s, nothing said yet", store_col(stmt, 1)) :
		    xasprintf("%s, %d %s said", store_col(stmt, 1), n, n == 1 ?
		    "thing" : "things"), xasprintf("/w/%s/%s/", w->slug,
		    store_col(stmt, 0)));
	}
	store_done(stmt);
	page_heading(&v->page, 2, "Decisions");
	page_add(&v->page, BLK_LINK, 0, xasprintf("Every decision at %s",
	    w->title), xasprintf("/w/%s/decisions", w->slug));
	page_heading(&v->page, 2, "About this way of working");
	page_link(&v->page, "/model.gmi", "The Total Transformation model");
	page_link(&v->page, "/w/", "Current workshops");
	view_nav(&v->page);
	v->status = 20;
	return 0;
}

/* ---- decisions ----------------------------------------------------- */

/*
 * A decision's changes; "before" is the model's money now, in any area.
 * Then the other agreed decisions (not dropped) that change the same
 * line: their numbers and the sum of their changes; and whether this one
 * counts in the ledger itself (1), would if agreed (0), or never will (-1).
 */
#define SQL_OTHERS							\
    "FROM decision_change x2 JOIN decision d2 ON d2.id = x2.decision_id " \
    "WHERE d2.workshop_id = d.workshop_id AND d2.id <> d.id AND "	\
    "d2.state = 'agreed' AND d2.status IS NOT 'dropped' AND "		\
    "x2.model_id = x.model_id AND x2.resource_id = x.resource_id"
#define SQL_CHANGES_OF							\
    "SELECT x.id, r.id, r.name, r.unit, m.name, a.name, x.delta, "	\
    "(SELECT sum(y.now) FROM money y WHERE y.workshop_id = d.workshop_id "\
    "AND y.model_id = x.model_id AND y.resource_id = x.resource_id), "	\
    "(SELECT group_concat(id, ' ') FROM (SELECT DISTINCT d2.id " SQL_OTHERS \
    " ORDER BY d2.id)), (SELECT sum(x2.delta) " SQL_OTHERS "), "	\
    "CASE WHEN d.state = 'proposed' THEN 0 WHEN d.state = 'agreed' AND " \
    "d.status IS NOT 'dropped' THEN 1 ELSE -1 END FROM "		\
    "decision_change x JOIN decision d ON d.id = x.decision_id JOIN "	\
    "resource r ON r.id = x.resource_id JOIN model m ON m.id = x.model_id "\
    "JOIN area a ON a.id = m.area_id WHERE x.decision_id = ? "
static const char SQL_CHANGES[] = SQL_CHANGES_OF "ORDER BY x.id";
static const char SQL_CHANGES_BY_RESOURCE[] = SQL_CHANGES_OF
    "ORDER BY r.position, x.id";

/*
 * The same line changed by other agreed decisions `ids' ("5 7"), by
 * `sum' in all: where they take it together, so that no two decisions'
 * "to" figures seem to contradict the money agreed.  `counts': this
 * decision is agreed itself, so "comes to"; else "would come to".
 */
static void
with_others(struct buf *b, const struct view_change *vc, const char *ids,
    long long sum, int counts)
{
	const char	*p, *sp;
	size_t		 n = 1;

	for (p = ids; (p = strchr(p, ' ')) != NULL; p++)
		n++;
	buf_addf(b, " Agreed decision%s ", n == 1 ? "" : "s");
	for (p = ids; *p != '\0'; p = sp + 1) {
		if ((sp = strchr(p, ' ')) == NULL)
			sp = p + strlen(p);
		if (p != ids)
			buf_adds(b, *sp == '\0' ? " and " : ", ");
		buf_add(b, p, (size_t)(sp - p));
		if (*sp == '\0')
			break;
	}
	buf_addf(b, " change%s it too; with %s, it %s to ", n == 1 ? "s" : "",
	    n == 1 ? "both" : "all of them", counts ? "comes" : "would come");
	view_amount(b, vc->unit, vc->before + vc->delta + sum);
	buf_adds(b, ".");
}

static int
changes(struct store *st, const char *sql, long long decision,
    void (*fn)(void *, const struct view_change *), void *arg)
{
	sqlite3_stmt		*stmt;
	struct view_change	 vc;
	struct buf		 b;
	long long		 mag;

	if ((stmt = store_query(st, sql, "i", decision)) == NULL)
		return -1;
	buf_init(&b);
	for (vc.n = 1; sqlite3_step(stmt) == SQLITE_ROW; vc.n++) {
		vc.id = sqlite3_column_int64(stmt, 0);
		vc.resource_id = sqlite3_column_int64(stmt, 1);
		vc.resource = store_col(stmt, 2);
		vc.unit = store_col(stmt, 3);
		vc.model = store_col(stmt, 4);
		vc.area = store_col(stmt, 5);
		vc.delta = sqlite3_column_int64(stmt, 6);
		vc.has_before = sqlite3_column_type(stmt, 7) != SQLITE_NULL;
		vc.before = sqlite3_column_int64(stmt, 7);
		mag = vc.delta < 0 ? -vc.delta : vc.delta;
		buf_reset(&b);
		buf_addf(&b, "%s for %s, under %s, goes %s by ", vc.resource,
		    vc.model, vc.area, vc.delta < 0 ? "down" : "up");
		view_amount(&b, vc.unit, mag);
		if (vc.has_before) {
			buf_adds(&b, ", from ");
			view_amount(&b, vc.unit, vc.before);
			buf_adds(&b, " to ");
			view_amount(&b, vc.unit, vc.before + vc.delta);
			buf_adds(&b, ".");
			/* Not for a decision that will never count. */
			if (sqlite3_column_type(stmt, 8) != SQLITE_NULL &&
			    sqlite3_column_int(stmt, 10) >= 0)
				with_others(&b, &vc, store_col(stmt, 8),
				    sqlite3_column_int64(stmt, 9),
				    sqlite3_column_int(stmt, 10));
		} else
			buf_adds(&b, ". No amount was recorded for it before.");
		vc.sentence = b.data;
		fn(arg, &vc);
	}
	store_done(stmt);
	buf_release(&b);
	return 0;
}

int
view_changes(struct store *st, long long decision,
    void (*fn)(void *, const struct view_change *), void *arg)
{
	return changes(st, SQL_CHANGES, decision, fn, arg);
}

struct moves {
	long long	 resource;
	char		*name, *unit;
	char		*from[64], *to[64];	/* "Shared Lives" */
	char		*fromarea[64], *toarea[64];
	size_t		 nfrom, nto;
	long long	 out, in;
	struct buf	*b;
	int		 said;
};

/*
 * Places joined for a sentence: "A under X and B under Y", or, when every
 * place of the move is under one area, "A and B" (`area' then says it).
 */
static void
add_moved(struct buf *b, char **names, char **areas, size_t n, int one)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		buf_addf(b, "%s%s", i == 0 ? "" : i + 1 == n ? " and " : ", ",
		    names[i]);
		if (!one)
			buf_addf(b, " under %s", areas[i]);
	}
}

/* 1 if every place of the move is under one area. */
static int
moves_one_area(const struct moves *m)
{
	const char	*first = m->nfrom > 0 ? m->fromarea[0] : m->toarea[0];
	size_t		 i;
	int		 one = 1;

	for (i = 0; i < m->nfrom; i++)
		one &= strcmp(m->fromarea[i], first) == 0;
	for (i = 0; i < m->nto; i++)
		one &= strcmp(m->toarea[i], first) == 0;
	return one;
}

/*
 * One resource's changes as a sentence: "It moves £250,000 of state money
 * from A to B", or, when it only goes one way, "It cuts ... from A" or
 * "It adds ... to B".
 */
static void
moves_flush(struct moves *m)
{
	long long	 moved, rest;
	size_t		 i;
	char		*lower;
	int		 one;

	if (m->nfrom > 0 || m->nto > 0) {
		lower = xstrdup(m->name);
		/* "State money" reads "of state money" mid-sentence. */
		if (lower[0] >= 'A' && lower[0] <= 'Z')
			lower[0] = (char)(lower[0] - 'A' + 'a');
		one = moves_one_area(m);
		buf_addf(m->b, "%s", m->said ? " " : "");
		if (m->nfrom > 0 && m->nto > 0) {
			moved = m->out < m->in ? m->out : m->in;
			buf_adds(m->b, "It moves ");
			view_amount(m->b, m->unit, moved);
			buf_addf(m->b, " of %s from ", lower);
			add_moved(m->b, m->from, m->fromarea, m->nfrom, one);
			buf_adds(m->b, " to ");
			add_moved(m->b, m->to, m->toarea, m->nto, one);
		} else if (m->nfrom > 0) {
			buf_adds(m->b, "It cuts ");
			view_amount(m->b, m->unit, m->out);
			buf_addf(m->b, " of %s from ", lower);
			add_moved(m->b, m->from, m->fromarea, m->nfrom, one);
		} else {
			buf_adds(m->b, "It adds ");
			view_amount(m->b, m->unit, m->in);
			buf_addf(m->b, " of %s to ", lower);
			add_moved(m->b, m->to, m->toarea, m->nto, one);
		}
		if (one)
			buf_addf(m->b, ", %sunder %s", m->nfrom + m->nto == 1 ?
			    "" : m->nfrom + m->nto > 2 ? "all " : "both ",
			    m->nfrom > 0 ? m->fromarea[0] : m->toarea[0]);
		buf_adds(m->b, ".");
		rest = m->in - m->out;
		if (m->nfrom > 0 && m->nto > 0 && rest != 0) {
			buf_adds(m->b, " In all, that is ");
			view_amount(m->b, m->unit, rest < 0 ? -rest : rest);
			buf_adds(m->b, rest < 0 ? " less." : " more.");
		}
		free(lower);
		m->said++;
	}
	for (i = 0; i < m->nfrom; i++) {
		free(m->from[i]);
		free(m->fromarea[i]);
	}
	for (i = 0; i < m->nto; i++) {
		free(m->to[i]);
		free(m->toarea[i]);
	}
	free(m->name);
	free(m->unit);
	m->name = m->unit = NULL;
	m->nfrom = m->nto = 0;
	m->out = m->in = 0;
}

static void
moves_add(void *arg, const struct view_change *vc)
{
	struct moves	*m = arg;

	if (m->name != NULL && m->resource != vc->resource_id)
		moves_flush(m);
	if (m->name == NULL) {
		m->resource = vc->resource_id;
		m->name = xstrdup(vc->resource);
		m->unit = xstrdup(vc->unit);
	}
	if (vc->delta < 0 && m->nfrom < 64) {
		m->fromarea[m->nfrom] = xstrdup(vc->area);
		m->from[m->nfrom++] = xstrdup(vc->model);
		m->out -= vc->delta;
	} else if (vc->delta > 0 && m->nto < 64) {
		m->toarea[m->nto] = xstrdup(vc->area);
		m->to[m->nto++] = xstrdup(vc->model);
		m->in += vc->delta;
	}
}

int
view_moves(struct store *st, long long decision, struct buf *b)
{
	struct moves	 m;

	memset(&m, 0, sizeof(m));
	m.b = b;
	if (changes(st, SQL_CHANGES_BY_RESOURCE, decision, moves_add, &m) == -1)
		return 0;
	moves_flush(&m);
	return m.said;
}

static void
change_item(void *arg, const struct view_change *vc)
{
	page_item(arg, "%s", vc->sentence);
}

/*
 * How decision was made, or that it has not been, said as recorded:
 * "Agreed by a show of hands: 14 for, ...", "Turned down by a majority",
 * "Proposed, not decided yet".  `votes' is the decision's row when hands
 * were counted (columns 3 to 5), else NULL.
 */
static void
decision_how(struct page *p, const char *state, const char *method,
    sqlite3_stmt *votes)
{
	const struct vocab	*m = vocab_find(vocab_methods, method);
	struct buf		 b;
	const char		*how;

	buf_init(&b);
	/* A vote, in this room, is a show of hands. */
	how = strcmp(method, "vote") == 0 ? "by a show of hands" :
	    m != NULL ? m->one : method;
	if (strcmp(state, "agreed") == 0)
		buf_addf(&b, "Agreed %s", how);
	else if (strcmp(state, "rejected") == 0)
		buf_addf(&b, "Turned down %s", how);
	else
		buf_adds(&b, votes != NULL ? "Proposed, not decided yet. The "
		    "count so far" : "Proposed, not decided yet");
	/* No one abstaining goes unsaid. */
	if (votes != NULL && sqlite3_column_int(votes, 5) == 0)
		buf_addf(&b, ": %d for and %d against",
		    sqlite3_column_int(votes, 3), sqlite3_column_int(votes, 4));
	else if (votes != NULL)
		buf_addf(&b, ": %d for, %d against, and %d who did not choose "
		    "either", sqlite3_column_int(votes, 3),
		    sqlite3_column_int(votes, 4), sqlite3_column_int(votes, 5));
	else if (strcmp(state, "agreed") == 0 && strcmp(method,
	    "consensus") == 0)
		buf_adds(&b, ", which means the room agreed without a "
		    "vote");
	buf_adds(&b, ".");
	page_text(p, "%s", b.data);
	buf_release(&b);
}

/* What Key Human Indicators are, said once on a page before the first. */
static const char KHI_EXPLAINED[] = "Key Human Indicators are signs in "
    "people's lives that a decision worked, such as friendships, warmth, "
    "kindness and dignity. Each says what will be noticed, who will say "
    "it, what it is like now, and when it will be asked again.";

static void
khi_explain(struct page *p)
{
	size_t	 i;

	for (i = 0; i < p->nblocks; i++)
		if (strcmp(p->blocks[i].text, KHI_EXPLAINED) == 0)
			return;
	page_text(p, "%s", KHI_EXPLAINED);
}

/* A decision's Key Human Indicators: each with its parts, as recorded. */
static int
indicators(struct store *st, long long id, struct page *p)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;
	int		 n;

	if ((stmt = store_query(st, "SELECT text, who, now, ask_date FROM "
	    "indicator WHERE decision_id = ? ORDER BY id", "i", id)) == NULL)
		return -1;
	buf_init(&b);
	for (n = 0; sqlite3_step(stmt) == SQLITE_ROW; n++) {
		if (n == 0) {
			khi_explain(p);
			page_text(p, "Its Key Human Indicators, how we would "
			    "know it worked:");
		}
		page_quote(p, "%s", store_col(stmt, 0));
		if (sqlite3_column_type(stmt, 1) != SQLITE_NULL)
			page_text(p, "%s will say whether this has changed.",
			    vocab_word(vocab_voices, store_col(stmt, 1), 0));
		if (*store_col(stmt, 2) != '\0') {
			page_text(p, "What it is like now:");
			page_quote(p, "%s", store_col(stmt, 2));
		}
		if (sqlite3_column_type(stmt, 3) != SQLITE_NULL) {
			buf_reset(&b);
			view_date(&b, store_col(stmt, 3));
			page_text(p, is_past(store_col(stmt, 3)) ? "It was to "
			    "be asked again on %s." : "It will be asked again "
			    "on %s.", b.data);
		}
	}
	store_done(stmt);
	buf_release(&b);
	return 0;
}

/* After the workshop: how an agreed decision is getting on. */
static int
progress(struct store *st, long long id, const char *status, struct page *p)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;
	int		 n;

	if (*status != '\0')
		page_text(p, "Since the workshop: %s", vocab_word(vocab_progress,
		    status, 0));
	if ((stmt = store_query(st, "SELECT date, text FROM decision_progress "
	    "WHERE decision_id = ? ORDER BY date, id", "i", id)) == NULL)
		return -1;
	buf_init(&b);
	for (n = 0; sqlite3_step(stmt) == SQLITE_ROW; n++) {
		if (n == 0)
			page_text(p, "Notes on its progress:");
		buf_reset(&b);
		view_date(&b, store_col(stmt, 0));
		page_quote(p, "%s: %s", b.data, store_col(stmt, 1));
	}
	store_done(stmt);
	buf_release(&b);
	return 0;
}

/*
 * Begin decision `id': its statement, then how it was decided (or that it
 * is not).  The row is left on the statement returned (store_done() it):
 * statement, state, method, the three votes, dissent, review_date,
 * next_steps, status.  NULL if there is no such decision.
 */
static sqlite3_stmt *
decision_open(struct store *st, long long id, struct page *p)
{
	sqlite3_stmt	*stmt;

	if ((stmt = store_query(st, "SELECT statement, state, method, "
	    "votes_for, votes_against, votes_abstain, dissent, review_date, "
	    "next_steps, ifnull(status, '') FROM decision WHERE id = ?", "i",
	    id)) == NULL)
		return NULL;
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		store_done(stmt);
		return NULL;
	}
	page_quote(p, "%s", store_col(stmt, 0));
	decision_how(p, store_col(stmt, 1), store_col(stmt, 2),
	    sqlite3_column_type(stmt, 3) != SQLITE_NULL ? stmt : NULL);
	return stmt;
}

/* "It will be looked at again on Tuesday 1 June 2027." */
static void
decision_review(struct page *p, const char *date)
{
	struct buf	 b;

	buf_init(&b);
	view_date(&b, date);
	page_text(p, is_past(date) ? "It was to be looked at again on %s." :
	    "It will be looked at again on %s.", b.data);
	buf_release(&b);
}

/*
 * Everything said about decision `id' after its heading, worded once for
 * every page and report: its statement, how it was decided (or that it
 * is not decided), dissent, the changes, what it rests on, its Key Human
 * Indicators, review, next steps and progress.  People's words are quote
 * lines.  A proposed or rejected decision is never said to be done.
 */
static int
decision_body(struct store *st, long long id, struct page *p)
{
	sqlite3_stmt	*stmt;
	char		*status, *review, *next;
	int		 n, proposed, rejected, dropped;
	const char	*state;

	if ((stmt = decision_open(st, id, p)) == NULL)
		return -1;
	state = store_col(stmt, 1);
	proposed = strcmp(state, "proposed") == 0;
	rejected = strcmp(state, "rejected") == 0;
	if (*store_col(stmt, 6) != '\0') {
		page_text(p, "Some people disagreed:");
		page_quote(p, "%s", store_col(stmt, 6));
	}
	dropped = !proposed && !rejected &&
	    strcmp(store_col(stmt, 9), "dropped") == 0;
	review = sqlite3_column_type(stmt, 7) == SQLITE_NULL || rejected ||
	    dropped ? NULL : xstrdup(store_col(stmt, 7));
	next = xstrdup(store_col(stmt, 8));
	status = xstrdup(proposed || rejected ? "" : store_col(stmt, 9));
	store_done(stmt);

	/*
	 * A proposal's changes have not happened, nor will a rejected one's,
	 * nor an agreed one's that was dropped afterwards.
	 */
	if (store_int(st, "SELECT count(*) FROM decision_change WHERE "
	    "decision_id = ?", 0, "i", id) > 0)
		page_text(p, proposed ? "If it is agreed, this is what "
		    "changes:" : rejected || dropped ? "This is what it would "
		    "have changed:" : "What changes:");

	/* Each change, under its model's own area, with before and after. */
	n = -1;
	if (view_changes(st, id, change_item, p) == -1)
		goto fail;

	if ((stmt = store_query(st, "SELECT c.text FROM decision_basis x JOIN "
	    "contribution c ON c.id = x.contribution_id WHERE x.decision_id = "
	    "? AND c.state = 'shown' ORDER BY x.contribution_id", "i", id)) ==
	    NULL)
		goto fail;
	for (n = 0; sqlite3_step(stmt) == SQLITE_ROW; n++) {
		if (n == 0)
			page_text(p, "It rests on what people said:");
		page_quote(p, "%s", store_col(stmt, 0));
	}
	store_done(stmt);
	if ((n = indicators(st, id, p)) == -1)
		goto fail;
	if (review != NULL)
		decision_review(p, review);
	if (*next != '\0') {
		page_text(p, "Next steps:");
		page_quote(p, "%s", next);
	}
	/* Only an agreed decision can be getting on. */
	n = proposed || rejected ? 0 : progress(st, id, status, p);
 fail:
	free(review);
	free(next);
	free(status);
	return n == -1 ? -1 : 0;
}

int
view_decision(struct store *st, long long id, int level, struct page *p)
{
	sqlite3_stmt	*stmt;

	if ((stmt = store_query(st, "SELECT state FROM decision WHERE id = ?",
	    "i", id)) == NULL)
		return -1;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		page_heading(p, level, "Decision %lld, %s", id,
		    store_col(stmt, 0));
	store_done(stmt);
	return decision_body(st, id, p);
}

/*
 * Decision `id' in brief, for a summary: its statement, how it was
 * decided (or that it is not), where an agreed one moves money, and when
 * it will be looked at again.  The sentences are the decisions page's.
 */
int
view_decision_brief(struct store *st, long long id, struct page *p)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;
	int		 dropped;

	if ((stmt = decision_open(st, id, p)) == NULL)
		return -1;
	buf_init(&b);
	dropped = strcmp(store_col(stmt, 1), "agreed") == 0 &&
	    strcmp(store_col(stmt, 9), "dropped") == 0;
	/* Only an agreed decision moves anything, while it is not dropped. */
	if (dropped)
		page_text(p, "Since the workshop: %s It moves no money.",
		    vocab_word(vocab_progress, "dropped", 0));
	else if (strcmp(store_col(stmt, 1), "agreed") == 0 &&
	    view_moves(st, id, &b) > 0)
		page_text(p, "%s", b.data);
	if (strcmp(store_col(stmt, 1), "rejected") != 0 && !dropped &&
	    sqlite3_column_type(stmt, 7) != SQLITE_NULL)
		decision_review(p, store_col(stmt, 7));
	store_done(stmt);
	buf_release(&b);
	return 0;
}

static int
page_decisions(struct store *st, struct workshop *w, struct view *v)
{
	sqlite3_stmt	*stmt;
	long long	*ids = NULL;
	size_t		 n = 0, i;
	long long	 area = 0, last = 0;
	char		**names = NULL, *ws;
	int		 rc = 0;

	view_page_init(&v->page, w);
	ws = workshop_short(w);
	page_heading(&v->page, 1, "Decisions at %s", ws);
	free(ws);
	ws = xasprintf("/w/%s/decisions", w->slug);
	easy_other(&v->page, ws, "Every decision", 0);
	free(ws);
	page_text(&v->page, "Every decision at %s, area by area: what was "
	    "decided, how, what it changes, and how we would know it worked.",
	    w->title);
	/* Collect first: view_decision() reuses the statement cache. */
	if ((stmt = store_query(st, "SELECT d.id, d.area_id, a.name FROM "
	    "decision d JOIN area a ON a.id = d.area_id WHERE d.workshop_id = "
	    "? ORDER BY a.position, d.state <> 'agreed', d.id", "i", w->id)) ==
	    NULL)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		ids = xreallocarray(ids, n + 1, 2 * sizeof(*ids));
		names = xreallocarray(names, n + 1, sizeof(*names));
		ids[2 * n] = sqlite3_column_int64(stmt, 0);
		ids[2 * n + 1] = sqlite3_column_int64(stmt, 1);
		names[n] = xstrdup(store_col(stmt, 2));
		n++;
	}
	store_done(stmt);
	for (i = 0; i < n && rc == 0; i++) {
		area = ids[2 * i + 1];
		if (area != last)
			page_heading(&v->page, 2, "%s", names[i]);
		last = area;
		rc = view_decision(st, ids[2 * i], 3, &v->page);
	}
	if (n == 0)
		page_text(&v->page, "No decisions have been made yet.");
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	free(ids);
	page_heading(&v->page, 2, "This workshop");
	page_add(&v->page, BLK_LINK, 0, xasprintf("Back to %s", w->title),
	    xasprintf("/w/%s/", w->slug));
	view_nav(&v->page);
	v->status = 20;
	return rc;
}

/* ---- /w/<slug>/<area>/ --------------------------------------------- */

/* The money of `area' in workshop `wsid', now and expected, as items. */
void
view_money(struct store *st, long long wsid, long long area,
    struct page *p)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;
	long long	 now, agreed;
	int		 n = 0;
	const char	*unit;

	/* Each line of money, and what agreed decisions do to it. */
	/*
	 * From the ledger: a change counts under its model's own area, even
	 * when the decision was filed under another.
	 */
	if ((stmt = store_query(st, "SELECT r.name, m.name, r.unit, "
	    "ifnull(l.now, 0), l.expected, l.expected_year, r.per, l.agreed "
	    "FROM ledger l JOIN resource r ON r.id = l.resource_id JOIN model "
	    "m ON m.id = l.model_id WHERE l.workshop_id = ? AND l.area_id = ? "
	    "AND (l.now IS NOT NULL OR l.agreed <> 0) ORDER BY r.position, "
	    "m.name", "ii", wsid, area)) == NULL)
		return;
	buf_init(&b);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		unit = store_col(stmt, 2);
		now = sqlite3_column_int64(stmt, 3);
		agreed = sqlite3_column_int64(stmt, 7);
		buf_reset(&b);
		buf_addf(&b, "%s for %s: ", store_col(stmt, 0), store_col(stmt, 1));
		view_amount(&b, unit, now);
		buf_addf(&b, " %s now", store_col(stmt, 6));
		if (agreed != 0) {
			buf_adds(&b, ", ");
			view_amount(&b, unit, now + agreed);
			buf_adds(&b, " agreed. That is ");
			view_amount(&b, unit, agreed < 0 ? -agreed : agreed);
			buf_adds(&b, agreed < 0 ? " less" : " more");
		}
		buf_adds(&b, ".");
		if (sqlite3_column_type(stmt, 4) != SQLITE_NULL) {
			buf_adds(&b, " Expected ");
			if (sqlite3_column_type(stmt, 5) != SQLITE_NULL)
				buf_addf(&b, "in %d", sqlite3_column_int(stmt,
				    5));
			else
				buf_adds(&b, "in the coming years");
			buf_adds(&b, ": ");
			view_amount(&b, unit, sqlite3_column_int64(stmt, 4));
			buf_adds(&b, ".");
		}
		page_item(p, "%s", b.data);
		n++;
	}
	store_done(stmt);
	buf_release(&b);
	if (n == 0)
		page_text(p, "No money has been recorded for this area yet.");
}

/*
 * The models of support of `area' that workshop `wsid' considers, national
 * ones first, each under a heading with its summary and evidence or,
 * without `headings' (the report), its name as a line and its summary.
 */
int
view_models(struct store *st, long long wsid, long long area,
    int headings, struct page *p)
{
	sqlite3_stmt	*stmt;

	if ((stmt = store_query(st, "SELECT name, summary, evidence, "
	    "workshop_id IS NULL FROM model WHERE area_id = ? AND "
	    "(workshop_id IS NULL OR workshop_id = ?) ORDER BY workshop_id IS "
	    "NOT NULL, name", "ii", area, wsid)) == NULL)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		/* Never an empty heading: a local model says it is local. */
		if (headings)
			page_heading(p, 3, "%s", store_col(stmt, 0));
		else
			page_text(p, "%s:", store_col(stmt, 0));
		if (!sqlite3_column_int(stmt, 3))
			page_text(p, "This is support used here now.");
		if (*store_col(stmt, 1) != '\0')
			page_text(p, "%s", store_col(stmt, 1));
		/* The report keeps to summaries: the pages have the rest. */
		if (headings && *store_col(stmt, 2) != '\0')
			page_text(p, "%s", store_col(stmt, 2));
		if (sqlite3_column_int(stmt, 3) && *store_col(stmt, 1) == '\0'
		    && (!headings || *store_col(stmt, 2) == '\0'))
			page_text(p, "Nothing has been written about it yet.");
	}
	store_done(stmt);
	return 0;
}

/* How many of one kind were said, count first: "2 things people dislike". */
static const struct {
	const char	*kind;
	const char	*one;
	const char	*many;
} said_counts[] = {
	{ "goodlife", "thing said about a good life",
	    "things said about a good life" },
	{ "like", "thing people like", "things people like" },
	{ "dislike", "thing people dislike", "things people dislike" },
	{ "idea", "idea", "ideas" },
	{ "question", "question", "questions" },
	{ "note", "other thing said", "other things said" },
};

const char *
view_said_words(const char *kind, long long n)
{
	size_t	 i;

	for (i = 0; i < sizeof(said_counts) / sizeof(said_counts[0]) - 1; i++)
		if (strcmp(said_counts[i].kind, kind) == 0)
			break;
	return n == 1 ? said_counts[i].one : said_counts[i].many;
}

/*
 * An area page shows at most SAID_SHOWN of each kind of words, the newest,
 * with a link to all of them, so that a page stays short enough to hear
 * (pagecheck's listen rule) however many people answer; the pages of one
 * kind hold SAID_PART each, oldest first.
 */
#define SAID_SHOWN	5
#define SAID_PART	30

/* The short name of a kind, one word for a page title: "Ideas". */
static const struct {
	const char	*kind, *title;
} said_titles[] = {
	{ "goodlife", "Hopes" }, { "like", "Likes" },
	{ "dislike", "Dislikes" }, { "idea", "Ideas" },
	{ "question", "Questions" }, { "note", "Notes" },
};

static const char *
said_title(const char *kind)
{
	size_t	 i;

	for (i = 0; i < sizeof(said_titles) / sizeof(said_titles[0]); i++)
		if (strcmp(said_titles[i].kind, kind) == 0)
			return said_titles[i].title;
	return NULL;
}

/*
 * The `n' shown words of `kind' under `area': all of them, oldest first,
 * or when there are more than SAID_SHOWN, the newest and a link to all.
 * `many' words them for the link ("ideas").
 */
static void
said_kind(struct store *st, const struct workshop *w, const char *key,
    long long area, const char *kind, int n, const char *many,
    struct page *p)
{
	sqlite3_stmt	*stmt;

	if (n > SAID_SHOWN)
		page_text(p, w->easy ? "These are the %d newest." :
		    "The %d newest, newest first:", SAID_SHOWN);
	if ((stmt = store_query(st, "SELECT text FROM contribution WHERE "
	    "workshop_id = ? AND area_id = ? AND state = 'shown' AND kind = ? "
	    "ORDER BY CASE WHEN ? THEN -id ELSE id END LIMIT ?", "iitii",
	    w->id, area, kind, (long long)(n > SAID_SHOWN),
	    (long long)SAID_SHOWN)) == NULL)
		return;
	while (sqlite3_step(stmt) == SQLITE_ROW)
		page_quote(p, "%s", store_col(stmt, 0));
	store_done(stmt);
	if (n > SAID_SHOWN)
		page_add(p, BLK_LINK, 0, xasprintf("All %d %s about %s", n,
		    many, vocab_word(vocab_areas, key, 0)), xasprintf(
		    "%s/w/%s/%s/said/%s", w->easy ? "/easy" : "", w->slug, key,
		    kind));
}

static void
said_section(struct store *st, const struct workshop *w, const char *key,
    long long area, struct page *p)
{
	long long	 total;
	size_t		 k;
	int		 n;

	/* Kind by kind, in the order people read them; nothing held. */
	total = store_int(st, "SELECT count(*) FROM contribution WHERE "
	    "workshop_id = ? AND area_id = ? AND state = 'shown'", 0, "ii",
	    w->id, area);
	if (total == 0) {
		page_text(p, "Nothing has been said here yet.");
		return;
	}
	page_text(p, "%lld %s been said here so far.", total, total == 1 ?
	    "thing has" : "things have");
	for (k = 0; k < sizeof(said_counts) / sizeof(said_counts[0]); k++) {
		if ((n = (int)store_int(st, "SELECT count(*) FROM contribution "
		    "WHERE workshop_id = ? AND area_id = ? AND state = 'shown' "
		    "AND kind = ?", 0, "iit", w->id, area,
		    said_counts[k].kind)) == 0)
			continue;
		page_heading(p, 3, "%d %s", n, view_said_words(
		    said_counts[k].kind, n));
		said_kind(st, w, key, area, said_counts[k].kind, n,
		    said_counts[k].many, p);
	}
}

/* The area `key' of workshop `w': 0, 1 when there is no such area. */
static int
area_load(struct store *st, const char *key, long long *id, char **name,
    char **summary)
{
	sqlite3_stmt	*stmt;
	int		 rc = 1;

	if ((stmt = store_query(st, "SELECT id, name, summary FROM area WHERE "
	    "key = ?", "t", key)) == NULL)
		return -1;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		*name = xstrdup(store_col(stmt, 1));
		if (summary != NULL)
			*summary = xstrdup(store_col(stmt, 2));
		rc = 0;
	}
	store_done(stmt);
	return rc;
}

/*
 * How to add words, true for this door: one input per kind when input is
 * open here; over Gopher while it is open over Gemini only, that and why.
 */
static void
input_section(const struct workshop *w, const char *key,
    enum view_proto proto, struct page *p)
{
	const struct input_kind	*k;
	struct buf		 b;
	char			*path;

	page_heading(p, 2, "Add your words");
	if (!w->input_open) {
		page_text(p, "Adding words here is closed at the moment. The "
		    "facilitator opens it during the workshop.");
		return;
	}
	if (proto == VIEW_GOPHER && !w->gopher_input) {
		page_text(p, "You can add your words over Gemini, which keeps "
		    "them private on the way. Gopher does not, so adding words "
		    "here over Gopher is switched off. The help page says how "
		    "to use Gemini, or the facilitator can note your words.");
		return;
	}
	if (proto == VIEW_HTTP && !w->http_input) {
		page_text(p, "This web address is not encrypted: it starts "
		    "with http, not https. So adding words through it is "
		    "switched off. The help page says other ways, or the "
		    "facilitator can note your words.");
		return;
	}
	buf_init(&b);
	buf_adds(&b, "Your words are kept without your name. Please leave "
	    "out other people's names too.");
	if (w->moderate)
		buf_adds(&b, " The facilitator reads new words before they "
		    "appear here.");
	/* Gemini's limit is the tighter; every door says the same. */
	path = say_path(w, key, "question");
	buf_adds(&b, " Each answer can be ");
	say_limit(&b, path, "up");
	buf_adds(&b, ".");
	free(path);
	page_text(p, "%s", b.data);
	buf_release(&b);
	for (k = input_kinds; k->kind != NULL; k++)
		page_add(p, BLK_INPUT, 0, xasprintf("%s%s", k->label,
		    proto_plain(proto) ? ", not encrypted" : ""),
		    say_path(w, key, k->kind));
}

/*
 * The decisions of `area', each worded by `fn': those filed under it,
 * or `none'; then, under the heading `elsewhere', those filed under
 * another area that change, or would change, the money of this one's
 * models (not a rejected one: it changes nothing).  0 or -1.
 */
static int
area_decisions(struct store *st, long long wsid, long long area,
    int (*fn)(struct store *, long long, int, struct page *),
    const char *none, const char *elsewhere, struct page *p)
{
	sqlite3_stmt	*stmt;
	long long	*ids = NULL;
	size_t		 n = 0, own = 0, i;
	int		 rc = 0;

	if ((stmt = store_query(st, "SELECT d.id, d.area_id = ?2 FROM "
	    "decision d WHERE d.workshop_id = ?1 AND " RECORD_DECISION_OF_AREA
	    " ORDER BY d.area_id <> ?2, d.state <> 'agreed', d.id", "ii", wsid,
	    area)) == NULL)
		return -1;
	/* Collected first: the decisions' own queries share the cache. */
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		ids = xreallocarray(ids, n + 1, sizeof(*ids));
		ids[n++] = sqlite3_column_int64(stmt, 0);
		own += sqlite3_column_int(stmt, 1);
	}
	store_done(stmt);
	if (own == 0)
		page_text(p, "%s", none);
	for (i = 0; i < n && rc == 0; i++) {
		if (i == own)
			page_heading(p, 2, "%s", elsewhere);
		rc = fn(st, ids[i], 3, p);
	}
	free(ids);
	return rc;
}

static int
page_area(struct store *st, struct workshop *w, const char *key,
    enum view_proto proto, struct view *v)
{
	long long	 area = 0;
	char		*name = NULL, *summary = NULL, *ws;
	int		 rc;

	if ((rc = area_load(st, key, &area, &name, &summary)) != 0) {
		if (rc == 1)
			not_found(v);
		return rc == 1 ? 0 : -1;
	}
	/* The way in first: what this is, then the link to add words (20 s). */
	ws = workshop_short(w);
	view_page_init(&v->page, w);
	page_heading(&v->page, 1, "%s at %s", vocab_word(vocab_areas, key, 1),
	    ws);
	free(ws);
	ws = xasprintf("/w/%s/%s/", w->slug, key);
	easy_other(&v->page, ws, vocab_word(vocab_areas, key, 1), 0);
	free(ws);
	page_text(&v->page, "%s, at %s.", name, w->title);
	input_section(w, key, proto, &v->page);
	page_heading(&v->page, 2, "About this conversation");
	page_text(&v->page, "%s", summary);
	free(summary);
	page_add(&v->page, BLK_LINK, 0, xstrdup("The questions for this "
	    "conversation"), xasprintf("/w/%s/%s/questions", w->slug, key));

	page_heading(&v->page, 2, "What people have said");
	said_section(st, w, key, area, &v->page);

	page_heading(&v->page, 2, "Models with evidence");
	if (view_models(st, w->id, area, 1, &v->page) == -1)
		goto fail;

	page_heading(&v->page, 2, "Money now and expected");
	view_money(st, w->id, area, &v->page);

	page_heading(&v->page, 2, "Decisions");
	if (area_decisions(st, w->id, area, view_decision, "No decisions have "
	    "been made here yet.", "Decisions under other areas that change "
	    "money here", &v->page) == -1)
		goto fail;

	page_heading(&v->page, 2, "This workshop");
	page_add(&v->page, BLK_LINK, 0, xasprintf("Back to %s", w->title),
	    xasprintf("/w/%s/", w->slug));
	page_add(&v->page, BLK_LINK, 0, xasprintf("Every decision at %s",
	    w->title), xasprintf("/w/%s/decisions", w->slug));
	page_add(&v->page, BLK_LINK, 0, xasprintf("About %s in general", name),
	    xasprintf("/areas/%s.gmi", key));
	view_nav(&v->page);
	free(name);
	v->status = 20;
	return 0;
 fail:
	free(name);
	return -1;
}

/* ---- /w/<slug>/<area>/questions ------------------------------------ */

static int
page_questions(struct store *st, struct workshop *w, const char *key,
    struct view *v)
{
	sqlite3_stmt	*stmt;
	long long	 area = 0;
	char		*name = NULL, *ws;
	int		 rc;

	if ((rc = area_load(st, key, &area, &name, NULL)) != 0) {
		if (rc == 1)
			not_found(v);
		return rc == 1 ? 0 : -1;
	}
	ws = workshop_short(w);
	view_page_init(&v->page, w);
	page_heading(&v->page, 1, "Questions about %s at %s",
	    vocab_word(vocab_areas, key, 0), ws);
	free(ws);
	ws = xasprintf("/w/%s/%s/questions", w->slug, key);
	easy_other(&v->page, ws, "The questions", 0);
	free(ws);
	page_text(&v->page, "%s, at %s.", name, w->title);
	page_text(&v->page, "These are the five questions for this "
	    "conversation, in the order it asks them.");
	if ((stmt = store_query(st, "SELECT name, question FROM stage ORDER BY "
	    "position", "")) == NULL) {
		free(name);
		return -1;
	}
	while (sqlite3_step(stmt) == SQLITE_ROW)
		page_item(&v->page, "%s: %s", store_col(stmt, 0),
		    store_col(stmt, 1));
	store_done(stmt);
	page_heading(&v->page, 2, "This conversation");
	page_add(&v->page, BLK_LINK, 0, xasprintf("Back to %s, to read "
	    "what was said and add your words", name),
	    xasprintf("/w/%s/%s/", w->slug, key));
	view_nav(&v->page);
	free(name);
	v->status = 20;
	return 0;
}

/* ---- /w/<slug>/<area>/say ------------------------------------------ */

static int	route(struct store *, const char *, const char *,
		    enum view_proto, int, struct view *);

/* Participants' words as they will be kept: one line, trimmed. */
static char *
input_clean(const char *input)
{
	char	*s, *p, *t;

	s = xstrdup(input);
	for (p = s; *p != '\0'; p++)
		if (*p == '\r' || *p == '\n' || *p == '\t')
			*p = ' ';
	t = xstrdup(str_trim(s));
	free(s);
	return t;
}

/*
 * Words were sent, but the pages would show none of them: only emoji,
 * pictures or invisible characters (page_forbidden_cp()).  Saved, they
 * would be a blank on every page, counted as something said.
 */
static int
only_pictures(const char *text)
{
	struct buf	 b;
	int		 none;

	if (text == NULL || *text == '\0' || !utf8_is_valid(text, strlen(text)))
		return 0;
	buf_init(&b);
	page_clean_text(&b, text);
	none = b.len == 0;
	buf_release(&b);
	return none;
}

/* The door words came through, as the record names it. */
static const char *
door_of(enum view_proto proto)
{
	return proto == VIEW_GOPHER ? "gopher" : proto == VIEW_GEMINI ?
	    "gemini" : "web";
}

/* ---- Easy Read: /easy/w/... ---------------------------------------- */

/*
 * The workshop pages again in Easy Read, from the same record and the same
 * page documents: at most 15 words a sentence, the active voice, one idea
 * a sentence, hard words explained where they are used, and money as more
 * or less.  What people and the facilitator recorded is quoted as it was
 * said.  Each page links to its standard version near the top, and each
 * standard page to this one.
 */

/* Each area in Easy Read: what it is about. */
static const struct {
	const char	*key;
	const char	*about;
} easy_about[] = {
	{ "home", "This page is about help to live well in your own home." },
	{ "accommodation", "This page is about a place to live, with "
	    "support." },
	{ "day", "This page is about how people spend their days." },
	{ "hospital", "This page is about going home after a stay in "
	    "hospital." },
	{ "community", "This page is about neighbours and groups who help "
	    "each other." },
};

/* The five questions in Easy Read, by stage. */
static const struct {
	const char	*key;
	const char	*question;
} easy_questions_said[] = {
	{ "goodlife", "What is a good life for people who get this support?" },
	{ "money", "How much money goes on this support now? How much will "
	    "there be later?" },
	{ "likes", "What do people like about this support here? What do "
	    "they not like?" },
	{ "models", "What ways of giving support worked well in other places? "
	    "Could they work here?" },
	{ "decisions", "What should we spend more on? What should we spend "
	    "less on?" },
};

/* The seeded ways of giving support, explained. */
static const struct {
	const char	*key;
	const char	*said;
} easy_models[] = {
	{ "shared-lives-home", "A Shared Lives carer has training to help. "
	    "They visit you, or you visit their home." },
	{ "homeshare", "Homeshare means a younger person lives with an older "
	    "person. They help, and pay a little towards bills." },
	{ "shared-lives", "Shared Lives means you live with a carer and their "
	    "family. The carer has training to help." },
	{ "shared-lives-day", "A Shared Lives carer spends the day with you. "
	    "You join in with their life." },
	{ "shared-lives-hospital", "After hospital, you stay with a Shared "
	    "Lives carer for a short time. Then you go home." },
	{ "asset-based-area", "An Asset-Based Area starts from what people "
	    "can already do. Then services change to help with that." },
};

/* What people said, counted, in Easy Read. */
static const struct {
	const char	*kind;
	const char	*one;
	const char	*many;
} easy_counts[] = {
	{ "goodlife", "thing about a good life", "things about a good life" },
	{ "like", "thing people like", "things people like" },
	{ "dislike", "thing people do not like", "things people do not like" },
	{ "idea", "idea", "ideas" },
	{ "question", "question", "questions" },
	{ "note", "other thing people said", "other things people said" },
};

/* Each kind of resource in Easy Read. */
static const struct {
	const char	*key;
	const char	*said;
} easy_resources[] = {
	{ "state", "Money from the council and the health service:" },
	{ "funding", "Other money:" },
	{ "time", "Time that people give:" },
	{ "community", "Help from the community, in hours:" },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* The link to the same page in the other version, near the top. */
static void
easy_other(struct page *p, const char *path, const char *label, int easy)
{
	page_add(p, BLK_LINK, 0, easy ? xasprintf("%s, standard version",
	    label) : xasprintf("%s in Easy Read", label), xasprintf("%s%s",
	    easy ? "" : "/easy", path));
}

static int
easy_workshops(struct store *st, struct view *v)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;
	int		 status, n = 0, last = -1;

	page_init(&v->page, "en-GB");
	page_heading(&v->page, 1, "Workshops in Easy Read");
	easy_other(&v->page, "/w/", "Current workshops", 1);
	page_text(&v->page, "A workshop is a meeting where people plan support "
	    "together.");
	page_text(&v->page, "Choose a workshop to read about it.");
	if ((stmt = store_query(st, "SELECT slug, title, date, status = "
	    "'closed' FROM workshop WHERE status <> 'draft' ORDER BY status = "
	    "'closed', date DESC, title", "")) == NULL)
		return -1;
	buf_init(&b);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		status = sqlite3_column_int(stmt, 3);
		if (status != last)
			page_heading(&v->page, 2, status ? "Workshops that have "
			    "finished" : "Workshops now");
		last = status;
		buf_reset(&b);
		buf_adds(&b, store_col(stmt, 1));
		if (sqlite3_column_type(stmt, 2) != SQLITE_NULL) {
			buf_adds(&b, ", ");
			view_date(&b, store_col(stmt, 2));
		}
		page_add(&v->page, BLK_LINK, 0, xasprintf("%s, in Easy Read",
		    b.data), xasprintf("/easy/w/%s/", store_col(stmt, 0)));
		n++;
	}
	store_done(stmt);
	buf_release(&b);
	if (n == 0)
		page_text(&v->page, "There are no workshops to read now.");
	page_heading(&v->page, 2, "More in Easy Read");
	page_link(&v->page, "/easy/index.gmi", "Blank Sheet in Easy Read");
	view_nav(&v->page);
	v->status = 20;
	return 0;
}

static int
easy_workshop(struct store *st, struct workshop *w, struct view *v)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;
	char		*ws, *path;

	ws = workshop_short(w);
	view_page_init(&v->page, w);
	page_heading(&v->page, 1, "%s in Easy Read", ws);
	path = xasprintf("/w/%s/", w->slug);
	easy_other(&v->page, path, w->title, 1);
	free(path);
	page_text(&v->page, "A workshop is a meeting where people plan "
	    "support together.");
	page_text(&v->page, "This workshop is called %s.", w->title);
	buf_init(&b);
	if (w->date != NULL) {
		view_date(&b, w->date);
		page_text(&v->page, "It is on %s.", b.data);
	}
	if (w->place != NULL)
		page_text(&v->page, "It is at %s.", w->place);
	buf_release(&b);
	page_text(&v->page, "At the workshop, people talk about 5 kinds of "
	    "support.");
	page_text(&v->page, "Each kind of support has its own page.");
	page_text(&v->page, w->input_open ? "You can add your own words on "
	    "each page." : "You cannot add words now. You can still read "
	    "everything.");
	page_text(&v->page, "We keep the words for %d days after the "
	    "workshop.", w->retention);
	page_text(&v->page, "Then we delete them for good.");
	page_heading(&v->page, 2, "The 5 kinds of support");
	if ((stmt = store_query(st, "SELECT a.key, (SELECT count(*) FROM "
	    "contribution c WHERE c.workshop_id = ? AND c.area_id = a.id AND "
	    "c.state = 'shown') FROM area a ORDER BY a.position", "i",
	    w->id)) == NULL) {
		free(ws);
		return -1;
	}
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char	*key = store_col(stmt, 0);
		int		 n = sqlite3_column_int(stmt, 1);

		page_add(&v->page, BLK_LINK, 0, n == 0 ? xasprintf("%s, nothing "
		    "said yet", vocab_word(vocab_areas, key, 1)) :
		    xasprintf("%s, %d %s said", vocab_word(vocab_areas, key,
		    1), n, n == 1 ? "thing" : "things"),
		    xasprintf("/easy/w/%s/%s/", w->slug, key));
	}
	store_done(stmt);
	page_heading(&v->page, 2, "What the workshop decided");
	page_add(&v->page, BLK_LINK, 0, xasprintf("Decisions at %s in Easy "
	    "Read", ws), xasprintf("/easy/w/%s/decisions", w->slug));
	page_heading(&v->page, 2, "More in Easy Read");
	page_link(&v->page, "/easy/w/", "Workshops in Easy Read");
	view_nav(&v->page);
	free(ws);
	v->status = 20;
	return 0;
}

/* One decision in Easy Read, under a heading of `level'. */
static int
easy_decision(struct store *st, long long id, int level, struct page *p)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;
	const char	*state, *method;
	long long	 delta;
	int		 n, proposed, rejected, dropped;

	if ((stmt = store_query(st, "SELECT statement, state, method, "
	    "votes_for, votes_against, votes_abstain, dissent, review_date, "
	    "next_steps, ifnull(status, '') FROM decision WHERE id = ?", "i",
	    id)) == NULL)
		return -1;
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		store_done(stmt);
		return -1;
	}
	state = store_col(stmt, 1);
	method = store_col(stmt, 2);
	proposed = strcmp(state, "proposed") == 0;
	rejected = strcmp(state, "rejected") == 0;
	page_heading(p, level, "Decision %lld", id);
	page_text(p, "%s", proposed ? "Someone asked for this. The workshop "
	    "has not decided yet." : rejected ? "The workshop said no to "
	    "this." : "The workshop agreed to this.");
	page_quote(p, "%s", store_col(stmt, 0));
	if (sqlite3_column_type(stmt, 3) != SQLITE_NULL) {
		if (!proposed)
			page_text(p, "%s", strcmp(method, "majority") == 0 ?
			    "They decided by what most people wanted." :
			    "They decided by a show of hands.");
		n = sqlite3_column_int(stmt, 3);
		page_text(p, "%d %s yes.", n, n == 1 ? "person said" :
		    "people said");
		n = sqlite3_column_int(stmt, 4);
		page_text(p, "%d %s no.", n, n == 1 ? "person said" :
		    "people said");
		if ((n = sqlite3_column_int(stmt, 5)) > 0)
			page_text(p, "%d %s not choose.", n, n == 1 ?
			    "person did" : "people did");
	} else if (!proposed && strcmp(method, "consensus") == 0)
		page_text(p, "%s", rejected ? "Everyone agreed to say no, "
		    "without a vote." : "Everyone agreed without a vote.");
	else if (!proposed && strcmp(method, "facilitator") == 0)
		page_text(p, "The facilitator decided.");
	if (*store_col(stmt, 6) != '\0') {
		page_text(p, "Some people did not agree:");
		page_quote(p, "%s", store_col(stmt, 6));
	}
	buf_init(&b);
	dropped = !proposed && !rejected &&
	    strcmp(store_col(stmt, 9), "dropped") == 0;
	if (sqlite3_column_type(stmt, 7) != SQLITE_NULL && !rejected &&
	    !dropped) {
		view_date(&b, store_col(stmt, 7));
		page_text(p, is_past(store_col(stmt, 7)) ? "The workshop "
		    "planned to look at it again on %s." : "The workshop will "
		    "look at it again on %s.", b.data);
	}
	if (*store_col(stmt, 8) != '\0') {
		page_text(p, "What happens next:");
		page_quote(p, "%s", store_col(stmt, 8));
	}
	/* After the workshop, for an agreed decision only. */
	if (!proposed && !rejected && *store_col(stmt, 9) != '\0')
		page_text(p, "Since the workshop: %s", vocab_word(vocab_progress,
		    store_col(stmt, 9), 0));
	store_done(stmt);

	if ((stmt = store_query(st, "SELECT m.name, r.unit, x.delta, r.key "
	    "FROM decision_change x JOIN resource r ON r.id = x.resource_id "
	    "JOIN model m ON m.id = x.model_id WHERE x.decision_id = ? ORDER "
	    "BY x.id", "i", id)) == NULL) {
		buf_release(&b);
		return -1;
	}
	for (n = 0; sqlite3_step(stmt) == SQLITE_ROW; n++) {
		if (n == 0)
			page_text(p, "%s", proposed ? "If they agree, it means:" :
			    rejected || dropped ? "It would have meant:" :
			    "It means:");
		delta = sqlite3_column_int64(stmt, 2);
		buf_reset(&b);
		view_amount(&b, store_col(stmt, 1), delta < 0 ? -delta : delta);
		page_item(p, "%s %s for %s.", b.data, delta < 0 ? "less" :
		    "more", store_col(stmt, 0));
	}
	store_done(stmt);
	buf_release(&b);

	if ((stmt = store_query(st, "SELECT text FROM indicator WHERE "
	    "decision_id = ? ORDER BY id", "i", id)) == NULL)
		return -1;
	for (n = 0; sqlite3_step(stmt) == SQLITE_ROW; n++) {
		if (n == 0)
			page_text(p, "How we will know it worked:");
		page_quote(p, "%s", store_col(stmt, 0));
	}
	store_done(stmt);
	return 0;
}

static int
easy_decisions(struct store *st, struct workshop *w, struct view *v)
{
	sqlite3_stmt	*stmt;
	long long	*ids = NULL, last = 0;
	char		**keys = NULL, *ws, *path;
	size_t		 n = 0, i;
	int		 rc = 0;

	ws = workshop_short(w);
	view_page_init(&v->page, w);
	page_heading(&v->page, 1, "Decisions at %s in Easy Read", ws);
	path = xasprintf("/w/%s/decisions", w->slug);
	easy_other(&v->page, path, "Every decision", 1);
	free(path);
	page_text(&v->page, "This page says what the workshop decided.");
	page_text(&v->page, "A decision is a choice that people make together.");
	if ((stmt = store_query(st, "SELECT d.id, d.area_id, a.key FROM "
	    "decision d JOIN area a ON a.id = d.area_id WHERE d.workshop_id = "
	    "? ORDER BY a.position, d.state <> 'agreed', d.id", "i", w->id)) ==
	    NULL) {
		free(ws);
		return -1;
	}
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		ids = xreallocarray(ids, n + 1, 2 * sizeof(*ids));
		keys = xreallocarray(keys, n + 1, sizeof(*keys));
		ids[2 * n] = sqlite3_column_int64(stmt, 0);
		ids[2 * n + 1] = sqlite3_column_int64(stmt, 1);
		keys[n] = xstrdup(store_col(stmt, 2));
		n++;
	}
	store_done(stmt);
	for (i = 0; i < n && rc == 0; i++) {
		if (ids[2 * i + 1] != last)
			page_heading(&v->page, 2, "%s", vocab_word(vocab_areas,
			    keys[i], 1));
		last = ids[2 * i + 1];
		rc = easy_decision(st, ids[2 * i], 3, &v->page);
	}
	if (n == 0)
		page_text(&v->page, "The workshop has not decided anything "
		    "yet.");
	for (i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
	free(ids);
	page_heading(&v->page, 2, "This workshop");
	page_add(&v->page, BLK_LINK, 0, xasprintf("Back to %s in Easy Read",
	    ws), xasprintf("/easy/w/%s/", w->slug));
	view_nav(&v->page);
	free(ws);
	v->status = 20;
	return rc;
}

/* Money in Easy Read: each amount now, and how much more or less. */
static void
easy_money(struct store *st, struct workshop *w, long long area,
    struct page *p)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;
	long long	 agreed;
	const char	*unit, *key;
	char		*last = NULL;
	size_t		 i;
	int		 n = 0;

	page_heading(p, 2, "Money and time");
	/* From the ledger, as the standard page: each model's own area. */
	if ((stmt = store_query(st, "SELECT r.key, m.name, r.unit, "
	    "ifnull(l.now, 0), l.agreed FROM ledger l JOIN resource r ON r.id "
	    "= l.resource_id JOIN model m ON m.id = l.model_id WHERE "
	    "l.workshop_id = ? AND l.area_id = ? AND (l.now IS NOT NULL OR "
	    "l.agreed <> 0) ORDER BY r.position, m.name", "ii", w->id,
	    area)) == NULL)
		return;
	buf_init(&b);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		key = store_col(stmt, 0);
		unit = store_col(stmt, 2);
		for (i = 0; i < NELEM(easy_resources); i++)
			if (strcmp(easy_resources[i].key, key) == 0)
				break;
		if (last == NULL || strcmp(last, key) != 0) {
			page_text(p, "%s", i < NELEM(easy_resources) ?
			    easy_resources[i].said : key);
			free(last);
			last = xstrdup(key);
		}
		buf_reset(&b);
		view_amount(&b, unit, sqlite3_column_int64(stmt, 3));
		page_item(p, "%s: %s a year now.", store_col(stmt, 1), b.data);
		agreed = sqlite3_column_int64(stmt, 4);
		if (agreed != 0) {
			buf_reset(&b);
			view_amount(&b, unit, agreed < 0 ? -agreed : agreed);
			page_text(p, "The workshop agreed to give it %s %s.",
			    b.data, agreed < 0 ? "less" : "more");
		}
		n++;
	}
	store_done(stmt);
	buf_release(&b);
	free(last);
	if (n == 0)
		page_text(p, "Nobody has written down any money for this yet.");
}

/* Why words cannot be added here, in Easy Read: closed, or this door. */
static void
easy_closed(const struct workshop *w, enum view_proto proto, struct page *p)
{
	if (w->finished) {
		page_text(p, "This workshop has finished.");
		page_text(p, "You cannot add words any more.");
	} else if (!w->input_open) {
		page_text(p, "You cannot add words now.");
		page_text(p, "The facilitator opens this at the workshop.");
		page_text(p, "The facilitator is the person who runs the "
		    "workshop.");
	} else if (proto == VIEW_GOPHER) {
		page_text(p, "You cannot add words this way.");
		page_text(p, "This way is not secret, so it is switched off.");
		page_text(p, "Ask the facilitator for a secret way to add "
		    "words.");
	} else {
		page_text(p, "You cannot add words at this web address.");
		page_text(p, "It is not secret, so it is switched off.");
		page_text(p, "Ask the facilitator for a secret way to add "
		    "words.");
	}
}

static int
easy_area(struct store *st, struct workshop *w, const char *key,
    enum view_proto proto, struct view *v)
{
	sqlite3_stmt	*stmt;
	long long	 area = 0;
	size_t		 i;
	char		*name = NULL, *ws, *path;
	const char	*short_name = vocab_word(vocab_areas, key, 1);
	int		 rc, said = 0, k;

	if ((rc = area_load(st, key, &area, &name, NULL)) != 0) {
		if (rc == 1)
			not_found(v);
		return rc == 1 ? 0 : -1;
	}
	ws = workshop_short(w);
	view_page_init(&v->page, w);
	page_heading(&v->page, 1, "%s at %s in Easy Read", short_name, ws);
	path = xasprintf("/w/%s/%s/", w->slug, key);
	easy_other(&v->page, path, short_name, 1);
	free(path);
	for (i = 0; i < NELEM(easy_about); i++)
		if (strcmp(easy_about[i].key, key) == 0)
			page_text(&v->page, "%s", easy_about[i].about);

	/* The way in first. */
	page_heading(&v->page, 2, "Add your words");
	if (w->input_open && proto_allowed(w, proto)) {
		page_text(&v->page, "We keep your words without your name.");
		page_text(&v->page, "Please do not write anyone's name.");
		if (proto_plain(proto))
			page_text(&v->page, "This link is not secret. Other "
			    "people on the network could see your words.");
		page_add(&v->page, BLK_INPUT, 0, xasprintf("Add your words "
		    "about %s%s", vocab_word(vocab_areas, key, 0),
		    proto_plain(proto) ? ", not secret" : ""),
		    xasprintf("/easy/w/%s/%s/say", w->slug, key));
	} else
		easy_closed(w, proto, &v->page);
	page_heading(&v->page, 2, "The questions");
	page_add(&v->page, BLK_LINK, 0, xasprintf("The questions about %s in "
	    "Easy Read", vocab_word(vocab_areas, key, 0)),
	    xasprintf("/easy/w/%s/%s/questions", w->slug, key));

	page_heading(&v->page, 2, "What people said");
	said = (int)store_int(st, "SELECT count(*) FROM contribution WHERE "
	    "workshop_id = ? AND area_id = ? AND state = 'shown'", 0, "ii",
	    w->id, area);
	if (said > 0)
		page_text(&v->page, "People said %d %s here.", said, said == 1 ?
		    "thing" : "things");
	for (i = 0; said > 0 && i < NELEM(easy_counts); i++) {
		if ((k = (int)store_int(st, "SELECT count(*) FROM contribution "
		    "WHERE workshop_id = ? AND area_id = ? AND state = 'shown' "
		    "AND kind = ?", 0, "iit", w->id, area,
		    easy_counts[i].kind)) == 0)
			continue;
		page_heading(&v->page, 3, "%d %s", k, k == 1 ?
		    easy_counts[i].one : easy_counts[i].many);
		said_kind(st, w, key, area, easy_counts[i].kind, k,
		    easy_counts[i].many, &v->page);
	}
	if (said == 0)
		page_text(&v->page, "Nobody has said anything here yet.");

	page_heading(&v->page, 2, "Ways of giving support");
	page_text(&v->page, "Some of these worked well in other places.");
	page_text(&v->page, "Some we use here now.");
	if ((stmt = store_query(st, "SELECT name, key, workshop_id IS NULL "
	    "FROM model WHERE area_id = ? AND (workshop_id IS NULL OR "
	    "workshop_id = ?) ORDER BY workshop_id IS NOT NULL, name", "ii",
	    area, w->id)) == NULL)
		goto fail;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		page_heading(&v->page, 3, "%s", store_col(stmt, 0));
		if (!sqlite3_column_int(stmt, 2)) {
			page_text(&v->page, "We use this support here now.");
			continue;
		}
		for (i = 0; i < NELEM(easy_models); i++)
			if (strcmp(easy_models[i].key, store_col(stmt, 1)) == 0)
				break;
		page_text(&v->page, "%s", i < NELEM(easy_models) ?
		    easy_models[i].said : "Nobody has explained this in Easy "
		    "Read yet.");
	}
	store_done(stmt);

	easy_money(st, w, area, &v->page);

	page_heading(&v->page, 2, "What the workshop decided");
	if (area_decisions(st, w->id, area, easy_decision, "The workshop has "
	    "not decided anything here yet.", "Other decisions that change "
	    "the money here", &v->page) == -1)
		goto fail;

	page_heading(&v->page, 2, "This workshop");
	page_add(&v->page, BLK_LINK, 0, xasprintf("Back to %s in Easy Read",
	    ws), xasprintf("/easy/w/%s/", w->slug));
	view_nav(&v->page);
	free(ws);
	free(name);
	v->status = 20;
	return 0;
 fail:
	free(ws);
	free(name);
	return -1;
}

static int
easy_questions(struct store *st, struct workshop *w, const char *key,
    struct view *v)
{
	sqlite3_stmt	*stmt;
	long long	 area = 0;
	char		*name = NULL, *ws, *path;
	size_t		 i;
	int		 rc;

	if ((rc = area_load(st, key, &area, &name, NULL)) != 0) {
		if (rc == 1)
			not_found(v);
		return rc == 1 ? 0 : -1;
	}
	free(name);
	ws = workshop_short(w);
	view_page_init(&v->page, w);
	page_heading(&v->page, 1, "Easy Read questions, %s, %s",
	    vocab_word(vocab_areas, key, 0), ws);
	path = xasprintf("/w/%s/%s/questions", w->slug, key);
	easy_other(&v->page, path, "The questions", 1);
	free(path);
	page_text(&v->page, "The workshop talks about these 5 questions.");
	page_text(&v->page, "It asks them in this order.");
	if ((stmt = store_query(st, "SELECT key FROM stage ORDER BY position",
	    "")) == NULL) {
		free(ws);
		return -1;
	}
	while (sqlite3_step(stmt) == SQLITE_ROW)
		for (i = 0; i < NELEM(easy_questions_said); i++)
			if (strcmp(easy_questions_said[i].key,
			    store_col(stmt, 0)) == 0)
				page_item(&v->page, "%s",
				    easy_questions_said[i].question);
	store_done(stmt);
	page_heading(&v->page, 2, "This conversation");
	page_add(&v->page, BLK_LINK, 0, xasprintf("Back to %s in Easy Read",
	    vocab_word(vocab_areas, key, 0)), xasprintf("/easy/w/%s/%s/",
	    w->slug, key));
	view_nav(&v->page);
	free(ws);
	v->status = 20;
	return 0;
}

/* Participant input in Easy Read: the question, and the words saved. */
/*
 * Save a participant's words `text' of `kind' under `area', held for the
 * facilitator when the workshop is moderated (`*held').  The same words,
 * here, through the same door, in the last two minutes are a reload and
 * saved once: two people in a room who write the same short answer are
 * more likely to be a little apart, or on other doors.  0, or -1 when the
 * record is busy.
 */
static int
save_words(struct store *st, const struct workshop *w, long long area,
    const char *kind, const char *text, enum view_proto proto, int *held)
{
	sqlite3_stmt	*stmt;
	long long	 id = 0;

	if (store_begin(st, "participant input") == -1)
		return -1;
	if ((stmt = store_query(st, "SELECT id, state = 'held' FROM "
	    "contribution WHERE workshop_id = ? AND area_id = ? AND kind = ? "
	    "AND text = ? AND source = 'participant' AND door IS ? AND "
	    "created >= strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-2 minutes') "
	    "ORDER BY id DESC LIMIT 1", "iittt", w->id, area, kind, text,
	    door_of(proto))) == NULL) {
		store_rollback(st);
		return -1;
	}
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0);
		*held = sqlite3_column_int(stmt, 1);
	}
	store_done(stmt);
	if (id != 0) {
		store_rollback(st);
		return 0;
	}
	*held = w->moderate;
	if (record_contribution_add(st, w->id, area, 0, kind, text, 0,
	    *held ? 2 : 1, &id) == -1 ||
	    record_contribution_door(st, id, door_of(proto)) == -1 ||
	    store_commit(st) == -1) {
		store_rollback(st);
		return -1;
	}
	return 0;
}

static int
easy_say(struct store *st, struct workshop *w, const char *key,
    const char *kind, long long area, const char *input,
    enum view_proto proto, int wait, struct view *v)
{
	const char	*about = vocab_word(vocab_areas, key, 0);
	char		*text = NULL, *path, *say;
	int		 rc = 0, held = 0, n;

	/* This say address, as the participant's client sends it. */
	say = say_path(w, key, kind);
	path = xasprintf("/easy%s", say);
	free(say);
	view_page_init(&v->page, w);
	if (input != NULL)
		text = input_clean(input);
	if (!w->input_open || !proto_allowed(w, proto)) {
		page_heading(&v->page, 1, "We did not save your words");
		easy_closed(w, proto, &v->page);
		if (text != NULL && *text != '\0') {
			/* Nothing is lost: the words come back. */
			page_text(&v->page, "These are your words:");
			page_quote(&v->page, "%s", text);
			page_text(&v->page, "You can copy them. Or you can tell "
			    "them to the facilitator.");
		}
		page_text(&v->page, "You can still read what people said.");
		goto back;
	}
	if (text == NULL || *text == '\0' || only_pictures(text) ||
	    strlen(text) > VIEW_INPUT_MAX ||
	    !utf8_is_valid(text, strlen(text)) ||
	    memchr(text, '\0', strlen(text)) != NULL) {
		/* What fits in the address, as on the full pages. */
		n = view_input_letters(path);
		v->status = 10;
		v->meta = xasprintf("%sType your words about %s. You can type "
		    "up to about %d letters. Do not write names", text != NULL &&
		    strlen(text) > VIEW_INPUT_MAX ? "That was too long. " :
		    only_pictures(text) ? "We cannot show emoji or pictures. "
		    "Please use words. " : "", about, n);
		goto out;
	}
	if (wait > 0) {
		/* Not saved: the words back, and when to send them again. */
		page_heading(&v->page, 1, "Please wait a little");
		page_text(&v->page, "Many people sent words at once.");
		page_text(&v->page, "We did not save your words yet.");
		page_text(&v->page, "These are your words:");
		page_quote(&v->page, "%s", text);
		page_text(&v->page, "Please send them again in %d %s.", wait,
		    wait == 1 ? "second" : "seconds");
		view_resend(&v->page, path, text, proto,
		    "Send your words again");
		goto back;
	}
	if (save_words(st, w, area, kind, text, proto, &held) == -1) {
		page_release(&v->page);
		rc = -1;
		goto out;
	}
	page_heading(&v->page, 1, "We saved your words");
	page_text(&v->page, "Thank you.");
	page_text(&v->page, "These are the words we saved:");
	page_quote(&v->page, "%s", text);
	page_text(&v->page, "We keep them without your name.");
	page_text(&v->page, "The facilitator is the person who runs the "
	    "workshop.");
	if (held)
		page_text(&v->page, "The facilitator reads your words first. "
		    "Then they go on the page.");
	else
		page_text(&v->page, "The facilitator can hide words that name "
		    "someone.");
 back:
	page_add(&v->page, BLK_LINK, 0, xasprintf("Back to %s in Easy Read",
	    about), xasprintf("/easy/w/%s/%s/", w->slug, key));
	view_nav(&v->page);
	v->status = 20;
 out:
	free(path);
	free(text);
	return rc;
}

/*
 * Words not saved: show them back, say why and what to do, and when
 * sending them again may work, a link that sends them again.
 */
static void
shown_back(const struct workshop *w, const char *key, const char *name,
    const char *kind, const char *text, const char *why, int resend,
    enum view_proto proto, struct view *v)
{
	char		*path;

	view_page_init(&v->page, w);
	/* "Yet" only where sending them again can work. */
	page_heading(&v->page, 1, resend ? "Your words are not saved yet" :
	    "Your words were not saved");
	page_text(&v->page, "%s", why);
	page_text(&v->page, "These are the words you typed, so that nothing is "
	    "lost:");
	page_quote(&v->page, "%s", text);
	path = say_path(w, key, kind);
	if (resend)
		view_resend(&v->page, path, text, proto,
		    "Send these words again");
	else
		page_text(&v->page, "You can copy them, or tell them to the "
		    "facilitator, who can note them for you.");
	free(path);
	page_add(&v->page, BLK_LINK, 0, xasprintf("Back to %s", name),
	    xasprintf("/w/%s/%s/", w->slug, key));
	view_nav(&v->page);
	v->status = 20;
}

static int
page_say(struct store *st, struct workshop *w, const char *key,
    const char *kind, const char *input, enum view_proto proto, int wait,
    struct view *v)
{
	const struct input_kind	*k = input_kind(kind);
	struct buf		 b;
	long long		 area;
	char			*name = NULL, *text = NULL, *path, *lower, *why;
	int			 rc = 0, held = 0;

	if (k == NULL) {
		not_found(v);
		return 0;
	}
	if ((rc = area_load(st, key, &area, &name, NULL)) != 0) {
		if (rc == 1)
			not_found(v);
		return rc == 1 ? 0 : -1;
	}
	if (w->easy) {
		rc = easy_say(st, w, key, kind, area, input, proto, wait, v);
		goto out;
	}
	if (input != NULL)
		text = input_clean(input);
	if (!w->input_open || !proto_allowed(w, proto)) {
		why = w->finished ? xasprintf("%s has finished, so it takes no "
		    "more words.", w->title) : !w->input_open ?
		    xasprintf("Adding words to %s at %s is "
		    "closed at the moment. The facilitator opens it during the "
		    "workshop.", name, w->title) : proto == VIEW_GOPHER ?
		    xasprintf("Adding words over Gopher is switched off, "
		    "because Gopher does not keep them private on the way. You "
		    "can add them over Gemini.") : xasprintf("Adding words at "
		    "this web address is switched off, because it is not "
		    "encrypted: it starts with http, not https.");
		if (text != NULL && *text != '\0')
			shown_back(w, key, name, kind, text, why, 0, proto, v);
		else {
			view_page_init(&v->page, w);
			page_heading(&v->page, 1, "Adding words is closed");
			page_text(&v->page, "%s You can still read what has been "
			    "said.", why);
			page_add(&v->page, BLK_LINK, 0, xasprintf("Back to %s",
			    name), xasprintf("/w/%s/%s/", w->slug, key));
			view_nav(&v->page);
			v->status = 20;
		}
		free(why);
		goto out;
	}
	if (text == NULL || *text == '\0' || only_pictures(text) ||
	    strlen(text) > VIEW_INPUT_MAX ||
	    !utf8_is_valid(text, strlen(text)) ||
	    memchr(text, '\0', strlen(text)) != NULL) {
		/* Section 3.2.1: 10 INPUT, the prompt as the meta. */
		lower = xstrdup(name);
		if (lower[0] >= 'A' && lower[0] <= 'Z')
			lower[0] = (char)(lower[0] - 'A' + 'a');
		buf_init(&b);
		if (text != NULL && strlen(text) > VIEW_INPUT_MAX)
			buf_adds(&b, "That was too long, so it is not saved. ");
		else if (only_pictures(text))
			buf_adds(&b, "The pages cannot show emoji or pictures, "
			    "so nothing was saved. Please put it in words. ");
		buf_addf(&b, "%s%s%s ", k->ask, lower, k->ask_end);
		path = say_path(w, key, kind);
		say_limit(&b, path, "Up");
		free(path);
		buf_adds(&b, ". Please leave out names");
		v->status = 10;
		v->meta = buf_take(&b);
		free(lower);
		goto out;
	}
	if (wait > 0) {
		why = xasprintf("Many answers came in at once, so the workshop "
		    "is taking a short pause. Please send them again in %d "
		    "%s.", wait, wait == 1 ? "second" : "seconds");
		shown_back(w, key, name, kind, text, why, 1, proto, v);
		free(why);
		goto out;
	}
	if (save_words(st, w, area, kind, text, proto, &held) == -1)
		goto busy;
	view_page_init(&v->page, w);
	page_heading(&v->page, 1, "Your words are saved");
	page_text(&v->page, "Thank you. These are the words we saved under %s "
	    "at %s:", name, w->title);
	page_quote(&v->page, "%s", text);
	if (held)
		page_text(&v->page, "They will appear on the page once the "
		    "facilitator has read them. They are kept without your "
		    "name or address.");
	else
		page_text(&v->page, "They are kept without your name or "
		    "address. The facilitator can hide words that name someone "
		    "or could hurt someone.");
	page_add(&v->page, BLK_LINK, 0, xasprintf("Back to %s", name),
	    xasprintf("/w/%s/%s/", w->slug, key));
	view_nav(&v->page);
	v->status = 20;
	goto out;
 busy:
	/*
	 * The server tries again on a timer, and at its deadline shows the
	 * words back with a link that sends them again (server/reply.c).
	 */
	page_release(&v->page);
	rc = -1;
 out:
	free(text);
	free(name);
	return rc;
}

int
view_is_say(const char *path)
{
	const char	*p;
	int		 slashes = 0;

	if (strncmp(path, "/easy/w/", 8) == 0)
		path += 5;
	if (strncmp(path, "/w/", 3) != 0)
		return 0;
	for (p = path + 3; *p != '\0'; p++)
		slashes += *p == '/';
	return (slashes == 2 && strlen(path) > 4 &&
	    strcmp(path + strlen(path) - 4, "/say") == 0) ||
	    (slashes == 3 && strstr(path, "/say/") != NULL);
}

char *
view_say_title(const char *path)
{
	const char	*p, *end, *easy = "";
	char		 key[41];

	if (strncmp(path, "/easy/w/", 8) == 0) {
		path += 5;
		easy = " in Easy Read";
	}
	if (!view_is_say(path) || (p = strchr(path + 3, '/')) == NULL ||
	    (end = strchr(p + 1, '/')) == NULL || end - p - 1 >=
	    (long)sizeof(key))
		return xasprintf("Add your words%s", easy);
	snprintf(key, sizeof(key), "%.*s", (int)(end - p - 1), p + 1);
	if (vocab_find(vocab_areas, key) == NULL)
		return xasprintf("Add your words%s", easy);
	return xasprintf("Add your words%s: %s", easy, vocab_word(vocab_areas,
	    key, 1));
}

int
view_refuse(struct store *st, const char *path, const char *input,
    enum view_proto proto, int wait, struct view *v)
{
	return route(st, path, input, proto, wait > 0 ? wait : 1, v);
}

/* Words said of one kind under an area: /w/<slug>/<area>/said/<kind>[/N]. */
static int
page_said(struct store *st, struct workshop *w, const char *key,
    const char *rest, struct view *v)
{
	sqlite3_stmt	*stmt;
	struct buf	 path;
	long long	 area = 0;
	const char	*title, *slash, *words, *many;
	char		 kind[16], *name = NULL, *ws;
	size_t		 i;
	long		 part = 1, parts, n;
	int		 rc;

	/* A kind, then perhaps a part from 2: "idea", "idea/2". */
	if ((slash = strchr(rest, '/')) == NULL)
		slash = rest + strlen(rest);
	else if (slash[1] < '1' || slash[1] > '9' ||
	    strspn(slash + 1, "0123456789") != strlen(slash + 1) ||
	    strlen(slash + 1) > 6 || (part = strtol(slash + 1, NULL, 10)) < 2)
		part = 0;
	title = NULL;
	if (part > 0 && (size_t)(slash - rest) < sizeof(kind)) {
		memcpy(kind, rest, (size_t)(slash - rest));
		kind[slash - rest] = '\0';
		title = said_title(kind);
	}
	if (title == NULL) {
		not_found(v);
		return 0;
	}
	if ((rc = area_load(st, key, &area, &name, NULL)) != 0) {
		if (rc == 1)
			not_found(v);
		return rc == 1 ? 0 : -1;
	}
	free(name);
	n = (long)store_int(st, "SELECT count(*) FROM contribution WHERE "
	    "workshop_id = ? AND area_id = ? AND state = 'shown' AND kind = ?",
	    0, "iit", w->id, area, kind);
	/* Nothing said of a kind has no page; the area page says so. */
	parts = (n + SAID_PART - 1) / SAID_PART;
	if (part > parts) {
		not_found(v);
		return 0;
	}
	words = view_said_words(kind, n);
	many = view_said_words(kind, 2);
	if (w->easy)
		for (i = 0; i < NELEM(easy_counts); i++)
			if (strcmp(easy_counts[i].kind, kind) == 0) {
				words = n == 1 ? easy_counts[i].one :
				    easy_counts[i].many;
				many = easy_counts[i].many;
			}

	ws = workshop_short(w);
	view_page_init(&v->page, w);
	/*
	 * At most 8 words with a workshop's one-word name, and each page its
	 * own title, in every workshop: "Ideas, part 2: Support at home at
	 * Northtown"; Easy Read's parts are pages.
	 */
	if (w->easy && part > 1)
		page_heading(&v->page, 1, "%s, page %ld: %s at %s", title, part,
		    vocab_word(vocab_areas, key, 1), ws);
	else if (w->easy)
		page_heading(&v->page, 1, "%s: %s at %s, Easy Read", title,
		    vocab_word(vocab_areas, key, 1), ws);
	else if (part > 1)
		page_heading(&v->page, 1, "%s, part %ld: %s at %s", title, part,
		    vocab_word(vocab_areas, key, 1), ws);
	else
		page_heading(&v->page, 1, "%s: %s at %s", title,
		    vocab_word(vocab_areas, key, 1), ws);
	buf_init(&path);
	buf_addf(&path, "/w/%s/%s/said/%s", w->slug, key, kind);
	if (part > 1)
		buf_addf(&path, "/%ld", part);
	easy_other(&v->page, path.data, title, w->easy);
	buf_release(&path);
	if (w->easy) {
		page_text(&v->page, "People said %ld %s here.", n, words);
		page_text(&v->page, "The oldest are first.");
	} else
		page_text(&v->page, "%ld %s, under %s at %s, oldest first.", n,
		    words, vocab_word(vocab_areas, key, 0), w->title);
	if (parts > 1)
		page_text(&v->page, w->easy ? "This is page %ld of %ld." :
		    "This is part %ld of %ld.", part, parts);
	if ((stmt = store_query(st, "SELECT text FROM contribution WHERE "
	    "workshop_id = ? AND area_id = ? AND state = 'shown' AND kind = ? "
	    "ORDER BY id LIMIT ? OFFSET ?", "iitii", w->id, area, kind,
	    (long long)SAID_PART, (long long)(part - 1) * SAID_PART)) ==
	    NULL) {
		free(ws);
		return -1;
	}
	while (sqlite3_step(stmt) == SQLITE_ROW)
		page_quote(&v->page, "%s", store_col(stmt, 0));
	store_done(stmt);
	/* Both ways, so a listener on the last part can go back. */
	if (part < parts)
		page_add(&v->page, BLK_LINK, 0, xasprintf("More %s, %s %ld "
		    "of %ld", many, w->easy ? "page" : "part", part + 1, parts),
		    xasprintf("%s/w/%s/%s/said/%s/%ld", w->easy ? "/easy" : "",
		    w->slug, key, kind, part + 1));
	if (part > 2)
		page_add(&v->page, BLK_LINK, 0, xasprintf("The %s before, %s "
		    "%ld of %ld", many, w->easy ? "page" : "part", part - 1,
		    parts), xasprintf("%s/w/%s/%s/said/%s/%ld", w->easy ?
		    "/easy" : "", w->slug, key, kind, part - 1));
	else if (part == 2)
		page_add(&v->page, BLK_LINK, 0, xasprintf("The %s before, %s 1 "
		    "of %ld", many, w->easy ? "page" : "part", parts),
		    xasprintf("%s/w/%s/%s/said/%s", w->easy ? "/easy" : "",
		    w->slug, key, kind));
	page_heading(&v->page, 2, "This conversation");
	page_add(&v->page, BLK_LINK, 0, xasprintf("Back to %s%s",
	    vocab_word(vocab_areas, key, 0), w->easy ? " in Easy Read" : ""),
	    xasprintf("%s/w/%s/%s/", w->easy ? "/easy" : "", w->slug, key));
	view_nav(&v->page);
	free(ws);
	v->status = 20;
	return 0;
}

/* ---- routing ------------------------------------------------------- */

int
view_is_route(const char *path)
{
	if (strncmp(path, "/easy", 5) == 0)
		path += 5;
	return strcmp(path, "/w") == 0 || strncmp(path, "/w/", 3) == 0;
}

int
view_route(struct store *st, const char *path, const char *input,
    enum view_proto proto, struct view *v)
{
	return route(st, path, input, proto, 0, v);
}

static int
route(struct store *st, const char *path, const char *input,
    enum view_proto proto, int wait, struct view *v)
{
	struct workshop	 w;
	const char	*slug, *rest, *key, *end, *full = path;
	char		 area[32];
	int		 rc, easy = 0;

	memset(v, 0, sizeof(*v));
	/* Easy Read: the same routes under /easy, the same record. */
	if (strncmp(path, "/easy/w", 7) == 0 && (path[7] == '\0' ||
	    path[7] == '/')) {
		easy = 1;
		path += 5;
	}
	if (strcmp(path, "/w") == 0) {
		redirect(v, full);
		return 0;
	}
	if (strcmp(path, "/w/") == 0) {
		rc = easy ? easy_workshops(st, v) : page_workshops(st, v);
		goto done;
	}
	if (strncmp(path, "/w/", 3) != 0) {
		not_found(v);
		return 0;
	}
	slug = path + 3;
	rest = strchr(slug, '/');
	rc = workshop_load(st, slug, rest ? (size_t)(rest - slug) :
	    strlen(slug), &w);
	w.easy = easy;
	if (rc != 0) {
		workshop_release(&w);
		if (rc == 1)
			not_found(v);
		goto done;
	}
	if (rest == NULL)
		redirect(v, full);
	else if (strcmp(rest, "/") == 0)
		rc = easy ? easy_workshop(st, &w, v) : page_workshop(st, &w, v);
	else if (strcmp(rest, "/decisions") == 0)
		rc = easy ? easy_decisions(st, &w, v) : page_decisions(st, &w,
		    v);
	else if (strcmp(rest, "/decisions/") == 0) {
		v->status = 31;
		v->meta = xasprintf("%s/w/%s/decisions", easy ? "/easy" : "",
		    w.slug);
	} else {
		key = rest + 1;
		end = strchr(key, '/');
		if (end == NULL || (size_t)(end - key) >= sizeof(area)) {
			if (end == NULL && strlen(key) < sizeof(area) &&
			    record_area_id(st, key) > 0)
				redirect(v, full);
			else
				not_found(v);
		} else {
			memcpy(area, key, (size_t)(end - key));
			area[end - key] = '\0';
			if (strcmp(end, "/") == 0)
				rc = easy ? easy_area(st, &w, area, proto, v) :
				    page_area(st, &w, area, proto, v);
			else if (strcmp(end, "/say") == 0)
				rc = page_say(st, &w, area, "note", input,
				    proto, wait, v);
			else if (strncmp(end, "/say/", 5) == 0 &&
			    strcmp(end + 5, "note") != 0)
				rc = page_say(st, &w, area, end + 5, input,
				    proto, wait, v);
			else if (strcmp(end, "/questions") == 0)
				rc = easy ? easy_questions(st, &w, area, v) :
				    page_questions(st, &w, area, v);
			else if (strncmp(end, "/said/", 6) == 0)
				rc = page_said(st, &w, area, end + 6, v);
			else
				not_found(v);
		}
	}
	workshop_release(&w);
 done:
	if (rc == -1) {
		page_release(&v->page);
		free(v->meta);
		v->status = 40;
		v->meta = xstrdup("The workshop record is not available; "
		    "please try again");
	}
	return rc == -1 ? -1 : 0;
}

void
view_release(struct view *v)
{
	page_release(&v->page);
	free(v->meta);
	v->meta = NULL;
}
