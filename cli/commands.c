/*
 * The command table and its handlers.  A handler checks its arguments,
 * changes the record through record.h and says what it did in one
 * sentence with cli_say(); cli_run() prints that only after the
 * command's transaction has committed, so what is said has been kept.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "cli.h"
#include "export.h"
#include "log.h"
#include "record.h"
#include "store.h"
#include "util.h"
#include "view.h"
#include "vocab.h"

/* ---- small helpers ------------------------------------------------- */

/* The first column of every row of `sql', joined by commas. */
static char *
join_query(struct cli *c, const char *sql, long long id)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;

	buf_init(&b);
	if ((stmt = store_query(c->st, sql, "i", id)) != NULL) {
		while (sqlite3_step(stmt) == SQLITE_ROW)
			buf_addf(&b, "%s%s", b.len ? ", " : "",
			    (const char *)sqlite3_column_text(stmt, 0));
		store_done(stmt);
	}
	if (b.len == 0)
		buf_adds(&b, "none yet");
	return buf_take(&b);
}

static const char *
role_name(const char *key)
{
	const struct vocab	*v = vocab_find(vocab_roles, key);

	return v != NULL ? v->one : key;
}

/* A positive whole number, such as an id; -1 if it is not one. */
static long long
parse_id(const char *s)
{
	long long	 n;
	char		*end;

	if (*s == '#')
		s++;
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || n <= 0)
		return -1;
	return n;
}

/*
 * An amount as people write it: "1200000", "1,200,000", "£1.2m", "250k",
 * with a sign when `sign' allows ("+250k", "-50,000").  0 or -1.
 */
static int
parse_amount(const char *s, int sign, long long *out)
{
	long long	 v = 0, scale = 1;
	int		 neg = 0, digits = 0, places = 0, point = 0, group = 0,
			 commas = 0;

	if (sign && (*s == '+' || *s == '-'))
		neg = *s++ == '-';
	if (strncmp(s, "\xc2\xa3", 2) == 0)	/* £ */
		s += 2;
	/* In whole numbers: 0.12m is 12 hundredths of a million, exactly. */
	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9') {
			if (digits++ >= 18)
				return -1;
			v = v * 10 + (*s - '0');
			places += point;
			group += !point;
		} else if (*s == ',' && !point) {
			/* 1,200,000: not 1,2 (a decimal comma) */
			if (group == 0 || group > 3 || (commas++ > 0 &&
			    group != 3))
				return -1;
			group = 0;
		} else if (*s == '.' && !point)
			point = 1;
		else
			break;
	}
	if (commas > 0 && group != 3)
		return -1;
	if (*s == 'k' || *s == 'K')
		scale = 1000, s++;
	else if (*s == 'm' || *s == 'M')
		scale = 1000000, s++;
	for (; places > 0; places--) {
		if (scale % 10 != 0 && v % 10 != 0)
			return -1;		/* not a whole amount */
		if (scale % 10 == 0)
			scale /= 10;
		else
			v /= 10;
	}
	if (digits == 0 || *s != '\0' || v > 1000000000000000LL / scale)
		return -1;
	*out = neg ? -(v * scale) : v * scale;
	return 0;
}

/* The year it is now, here. */
static int
this_year(void)
{
	struct tm	 tm;
	time_t		 t = time(NULL);

	return localtime_r(&t, &tm) != NULL ? tm.tm_year + 1900 : 1970;
}

/* `s' without a leading £, for an example: a pointer into it. */
static const char *
no_pound(const char *s)
{
	return strncmp(s, "\xc2\xa3", 2) == 0 ? s + 2 : s;
}

/* Say that `s' is not an amount, and how to write one. */
static int
not_amount(struct cli *c, const char *s)
{
	return cli_fail(c, "'%s' is not an amount. Write a whole number such "
	    "as 1200000, 1,200,000 or 1.2m%s.", s, strchr(s, '.') != NULL ?
	    " (whole pounds or hours: 1.2m for 1.2 million, 2.5k for 2,500)" :
	    strchr(s, ',') != NULL ? " (a comma only between thousands; a "
	    "point before a decimal)" : "");
}

static int
check_text(struct cli *c, const char *what, const char *text)
{
	size_t	 len = strlen(text);

	if (len == 0)
		return cli_fail(c, "The %s is empty. Type the words after the "
		    "command.", what);
	if (len > STORE_TEXT_MAX)
		return cli_fail(c, "The %s is too long: %zu bytes, and the "
		    "limit is %d. Split it into two.", what, len,
		    STORE_TEXT_MAX);
	if (!utf8_is_valid(text, len))
		return cli_fail(c, "The %s is not valid UTF-8 text.", what);
	return 0;
}

/* A title fits the record: 200 characters, whatever the language. */
static int
check_title(struct cli *c, const char *title)
{
	size_t	 n = utf8_chars(title, strlen(title));

	if (n > 200)
		return cli_fail(c, "The title is too long: %zu letters, and the "
		    "limit is 200.", n);
	return 0;
}

/* How many words `s' holds, up to `end' (NULL: its end). */
static size_t
words_in(const char *s, const char *end)
{
	size_t	 n = 0;
	int	 in = 0;

	for (; *s != '\0' && s != end; s++) {
		if (*s == ' ')
			in = 0;
		else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

/*
 * A note when a title will make the pages hard to hear.  Pages call the
 * workshop by its words before a colon: "Leaving hospital at Northtown",
 * and a title has at most 8 words, of which an area takes up to 4 with
 * "at"; so up to 4 words of name.  Easy Read says "This workshop is
 * called TITLE." in one sentence of at most 15 words: so up to 11 in
 * all.  The title is kept either way.
 */
static void
title_note(struct cli *c, const char *title)
{
	const char	*colon = strchr(title, ':');
	size_t		 name = words_in(title, colon), all = words_in(title,
			    NULL);

	if (name <= 4 && all <= 11)
		return;
	cli_say(c, "Note: pages call this workshop \"%.*s\"%s. A name of up "
	    "to 4 words before a colon, and up to 11 words in all, keeps page "
	    "titles short to hear, such as: Northtown: changing support "
	    "together. Change it with workshop set title.", colon != NULL ?
	    (int)(colon - title) : (int)strlen(title), title, name > 4 ?
	    ", which makes long page titles" : ", and Easy Read says the whole "
	    "title in one long sentence");
}

/* ---- look-ups that explain themselves ------------------------------ */

static long long
workshop_named(struct cli *c, const char *slug)
{
	long long	 id;
	char		*all;

	if ((id = record_workshop_id(c->st, slug)) > 0)
		return id;
	all = join_query(c, "SELECT slug FROM workshop WHERE id > ? ORDER "
	    "BY slug", 0);
	cli_fail(c, "There is no workshop called '%s'. Workshops: %s.", slug,
	    all);
	free(all);
	return 0;
}

/*
 * The workshop in use: this program's own, chosen with use, -w or
 * BLANKSHEET_WORKSHOP, or the only one there is.  Another note-taker's
 * choice never changes it.
 */
static long long
current(struct cli *c)
{
	long long	 id;
	char		*all;

	if (c->wsid == 0 && c->want != NULL) {
		if ((id = workshop_named(c, c->want)) == 0)
			return 0;
		cli_use(c, id, c->want);
		c->want = NULL;
	}
	if (c->wsid != 0) {
		if (store_int(c->st, "SELECT count(*) FROM workshop WHERE id = "
		    "? AND slug = ?", 0, "it", c->wsid, c->slug) == 1) {
			c->named = 1;
			return c->wsid;
		}
		cli_fail(c, "The workshop %s is no longer in the record. "
		    "Choose another with: use SLUG.", c->slug);
		cli_use(c, 0, NULL);
		return 0;
	}
	if ((id = cli_only_one(c)) > 0) {
		c->named = 1;
		return id;
	}
	all = join_query(c, "SELECT slug FROM workshop WHERE id > ? ORDER BY "
	    "slug", 0);
	cli_fail(c, "No workshop is in use. Choose one with: use SLUG. "
	    "Workshops: %s.", all);
	free(all);
	return 0;
}

long long
cli_only_one(struct cli *c)
{
	sqlite3_stmt	*stmt;
	long long	 id = 0;

	if (store_int(c->st, "SELECT count(*) FROM workshop", 0, "") != 1 ||
	    (stmt = store_query(c->st, "SELECT id, slug FROM workshop", "")) ==
	    NULL)
		return 0;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0);
		cli_use(c, id, store_col(stmt, 1));
	}
	store_done(stmt);
	return id;
}

int
cli_choose(struct cli *c, const char *slug)
{
	long long	 id;

	if (cli_store(c, 0) == -1 || (id = workshop_named(c, slug)) == 0)
		return -1;
	cli_use(c, id, slug);
	c->want = NULL;
	return 0;
}

static long long
workshop_arg(struct cli *c, struct args *a, size_t i)
{
	return a->nword > i ? workshop_named(c, a->word[i]) : current(c);
}

/* `word' is not a kind of contribution: say so, and which was meant. */
static int
not_kind(struct cli *c, const char *word)
{
	char		*all = vocab_keys(vocab_kinds);
	const char	*near = cli_nearest(word, all);

	if (near != NULL)
		cli_fail(c, "'%s' is not a kind of contribution. Did you mean "
		    "%s? Kinds: %s.", word, near, all);
	else
		cli_fail(c, "'%s' is not a kind of contribution. Kinds: %s.",
		    word, all);
	free(all);
	return -1;
}

static long long
area_named(struct cli *c, const char *key)
{
	long long	 id;
	char		*all, *lower, *p;
	const char	*near;

	if ((id = record_area_id(c->st, key)) > 0)
		return id;
	all = join_query(c, "SELECT key FROM area WHERE id > ? ORDER BY "
	    "position", 0);
	lower = xstrdup(key);
	for (p = lower; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	if (record_area_id(c->st, lower) > 0)
		cli_fail(c, "Areas are written in small letters: %s, not '%s'. "
		    "Areas: %s.", lower, key, all);
	else if ((near = cli_nearest(lower, all)) != NULL)
		cli_fail(c, "There is no area called '%s'. Did you mean %s? "
		    "Areas: %s.", key, near, all);
	else
		cli_fail(c, "There is no area called '%s'. Areas: %s.", key,
		    all);
	free(lower);
	free(all);
	return 0;
}

static long long
resource_named(struct cli *c, const char *key)
{
	long long	 id;
	char		*all;

	if ((id = record_resource_id(c->st, key)) > 0)
		return id;
	all = join_query(c, "SELECT key FROM resource WHERE id > ? ORDER BY "
	    "position", 0);
	cli_fail(c, "There is no resource called '%s'. Resources: %s.", key,
	    all);
	free(all);
	return 0;
}

static long long
model_named(struct cli *c, long long wsid, const char *key)
{
	long long	 id;
	char		*all;

	if ((id = record_model_id(c->st, wsid, key)) > 0)
		return id;
	all = join_query(c, "SELECT key FROM model WHERE workshop_id IS NULL "
	    "OR workshop_id = ? ORDER BY area_id, key", wsid);
	cli_fail(c, "There is no model called '%s'. Models: %s. Add one "
	    "with: model add AREA KEY NAME.", key, all);
	free(all);
	return 0;
}

/* An id of `what' (a table) in workshop `wsid', or 0 after saying why. */
static long long
row_named(struct cli *c, const char *what, const char *sql, long long wsid,
    const char *s)
{
	long long	 id;

	if ((id = parse_id(s)) == -1) {
		cli_fail(c, "'%s' is not a %s number. Use the number shown "
		    "when it was saved, such as 12.", s, what);
		return 0;
	}
	if (store_int(c->st, sql, 0, "ii", id, wsid) == 0) {
		cli_fail(c, "There is no %s %lld in this workshop. List them "
		    "with: %s.", what, id, strcmp(what, "decision") == 0 ?
		    "decisions" : "said");
		return 0;
	}
	return id;
}

static long long
contribution_named(struct cli *c, long long wsid, const char *s)
{
	return row_named(c, "contribution", "SELECT count(*) FROM contribution "
	    "WHERE id = ? AND workshop_id = ?", wsid, s);
}

static long long
decision_named(struct cli *c, long long wsid, const char *s)
{
	return row_named(c, "decision", "SELECT count(*) FROM decision WHERE "
	    "id = ? AND workshop_id = ?", wsid, s);
}

/*
 * The name in the first column of `sql' for `id', for a sentence.  Four
 * rotating buffers, so one sentence can hold several names.
 */
static const char *
name_of(struct cli *c, const char *sql, long long id)
{
	static char	 names[4][256];
	static int	 next;
	sqlite3_stmt	*stmt;
	char		*name = names[next++ % 4];

	name[0] = '\0';
	if ((stmt = store_query(c->st, sql, "i", id)) != NULL) {
		if (sqlite3_step(stmt) == SQLITE_ROW)
			snprintf(name, sizeof(names[0]), "%s", store_col(stmt, 0));
		store_done(stmt);
	}
	return name;
}

static const char *
area_title(struct cli *c, long long area)
{
	return name_of(c, "SELECT name FROM area WHERE id = ?", area);
}

/* The area a model belongs to: its money and changes count there. */
static long long
model_area(struct cli *c, long long model)
{
	return store_int(c->st, "SELECT area_id FROM model WHERE id = ?", 0,
	    "i", model);
}

/* ---- the record and workshops -------------------------------------- */

static int
cmd_init(struct cli *c, struct args *a)
{
	(void)a;
	if (cli_store(c, 1) == -1)
		return -1;
	cli_say(c, "The record at %s is ready, at version %d.", c->dbpath,
	    store_version(c->st));
	return 0;
}

static int
cmd_use(struct cli *c, struct args *a)
{
	if (cli_choose(c, a->word[0]) == -1)
		return -1;
	if (c->oneshot)
		cli_say(c, "From the shell each command runs on its own, so "
		    "this choice ends here. Name the workshop with each "
		    "command instead: blanksheet -w %s COMMAND.", a->word[0]);
	else
		cli_say(c, "Now using workshop %s. Other note-takers keep "
		    "their own choice.", a->word[0]);
	return 0;
}

static int
cmd_workshop_add(struct cli *c, struct args *a)
{
	long long	 id;

	if (!record_is_slug(a->word[0]))
		return cli_fail(c, "'%s' cannot be a workshop's short name. "
		    "Use lower-case letters, digits and dashes, such as "
		    "north-2026.", a->word[0]);
	if (record_workshop_id(c->st, a->word[0]) > 0)
		return cli_fail(c, "There is already a workshop called '%s'. "
		    "Choose another short name.", a->word[0]);
	if (check_text(c, "title", a->text) == -1 ||
	    check_title(c, a->text) == -1)
		return -1;
	if (record_workshop_add(c->st, a->word[0], a->text, &id) == -1)
		return -1;
	cli_use(c, id, a->word[0]);
	cli_say(c, "Created workshop %s, %s, and now using it. It is a draft: "
	    "participants see it once you type workshop open.", a->word[0],
	    a->text);
	title_note(c, a->text);
	return 0;
}

static int
cmd_workshop_list(struct cli *c, struct args *a)
{
	sqlite3_stmt	*stmt;
	int		 n = 0;

	(void)a;
	if ((stmt = store_query(c->st, "SELECT slug, title, status, "
	    "ifnull(date, 'no date set') FROM workshop ORDER BY date, slug",
	    "")) == NULL)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		cli_say(c, "Workshop %s: %s. %s, %s.", store_col(stmt, 0),
		    store_col(stmt, 1), store_col(stmt, 3), store_col(stmt, 2));
		n++;
	}
	store_done(stmt);
	if (n == 0)
		cli_say(c, "There are no workshops yet. Create one with: "
		    "workshop add SLUG TITLE.");
	return 0;
}

/* What a workshop's status means for the people taking part. */
static const char *
status_meaning(const char *status)
{
	if (strcmp(status, "draft") == 0)
		return "Only you can see it: participants' pages do not list "
		    "it until you type workshop open.";
	if (strcmp(status, "open") == 0)
		return "Participants can read its pages, and add their words "
		    "while input is open.";
	return "It is over: participants can still read its pages.";
}

static int
cmd_workshop_show(struct cli *c, struct args *a)
{
	sqlite3_stmt	*stmt;
	long long	 id;

	if ((id = workshop_arg(c, a, 0)) == 0)
		return -1;
	if ((stmt = store_query(c->st, "SELECT slug, title, ifnull(date, "
	    "'not set'), ifnull(place, 'not set'), language, status, "
	    "input_open, gopher_input, retention_days, (SELECT count(*) FROM "
	    "contribution WHERE workshop_id = w.id AND state = 'shown'), "
	    "(SELECT count(*) FROM decision WHERE workshop_id = w.id), "
	    "(SELECT count(*) FROM participant WHERE workshop_id = w.id), "
	    "http_input FROM workshop w WHERE id = ?", "i", id)) == NULL)
		return -1;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		cli_say(c, "Workshop: %s", store_col(stmt, 0));
		cli_say(c, "Title: %s", store_col(stmt, 1));
		cli_say(c, "Date: %s", store_col(stmt, 2));
		cli_say(c, "Place: %s", store_col(stmt, 3));
		cli_say(c, "Language: %s", store_col(stmt, 4));
		cli_say(c, "Status: %s. %s", store_col(stmt, 5),
		    status_meaning(store_col(stmt, 5)));
		cli_say(c, "Participant input: %s%s%s",
		    sqlite3_column_int(stmt, 6) ? "open" : "closed",
		    sqlite3_column_int(stmt, 7) ? ", also over Gopher" : "",
		    sqlite3_column_int(stmt, 12) ? ", also over plain HTTP" :
		    "");
		if (sqlite3_column_int(stmt, 6) &&
		    strcmp(store_col(stmt, 5), "draft") == 0)
			cli_say(c, "Note: input is open, but participants "
			    "cannot see a draft. Type workshop open.");
		cli_say(c, "Kept for: %d days", sqlite3_column_int(stmt, 8));
		cli_say(c, "Contributions shown: %d",
		    sqlite3_column_int(stmt, 9));
		cli_say(c, "Decisions: %d", sqlite3_column_int(stmt, 10));
		cli_say(c, "Participants registered: %d",
		    sqlite3_column_int(stmt, 11));
	}
	store_done(stmt);
	return 0;
}

static int
cmd_workshop_set(struct cli *c, struct args *a)
{
	static const char *const fields[] = { "title", "date", "place",
	    "language", "retention", NULL };
	const char	*field = a->word[0], *v = a->text;
	long long	 id, days;
	char		*all, num[24];

	if ((id = current(c)) == 0)
		return -1;
	if (!str_in_list(fields, field)) {
		all = str_join(fields, ", ");
		cli_fail(c, "A workshop has no field '%s'. Fields: %s.", field,
		    all);
		free(all);
		return -1;
	}
	if (check_text(c, field, v) == -1 || (strcmp(field, "title") == 0 &&
	    check_title(c, v) == -1))
		return -1;
	if (strcmp(field, "date") == 0 && !record_is_date(v))
		return cli_fail(c, "'%s' is not a date. Write it as "
		    "year-month-day, such as 2026-12-01.", v);
	if (strcmp(field, "retention") == 0 && (parse_amount(v, 0, &days) ==
	    -1 || days <= 0 || days > 36500))
		return cli_fail(c, "'%s' is not a number of days. Write a "
		    "whole number such as 365.", v);
	if (strcmp(field, "retention") == 0) {
		/* As the record takes it: 1,200 is 1200. */
		snprintf(num, sizeof(num), "%lld", days);
		v = num;
	}
	if (strcmp(field, "language") == 0 && !record_is_lang(v))
		return cli_fail(c, "'%s' is not a language tag. Use one such "
		    "as en-GB or cy.", v);
	if (record_workshop_set(c->st, id, field, v) == -1)
		return -1;
	if (strcmp(field, "retention") == 0)
		cli_say(c, "Set the retention of this workshop to %s days: it "
		    "is kept until %s days after its date, then purge expired "
		    "removes it.", v, v);
	else
		cli_say(c, "Set the %s of this workshop to %s.", field, v);
	if (strcmp(field, "title") == 0)
		title_note(c, v);
	return 0;
}

static int
workshop_status(struct cli *c, struct args *a, const char *status)
{
	long long	 id;
	const char	*slug;

	if ((id = workshop_arg(c, a, 0)) == 0 ||
	    record_workshop_set(c->st, id, "status", status) == -1)
		return -1;
	if (strcmp(status, "closed") == 0 &&
	    store_int(c->st, "SELECT input_open FROM workshop WHERE id = ?", 0,
	    "i", id) && record_workshop_set(c->st, id, "input", "0") == -1)
		return -1;
	slug = name_of(c, "SELECT slug FROM workshop WHERE id = ?", id);
	c->named = 0;		/* the sentence names it */
	cli_say(c, "Workshop %s is now %s%s. %s", slug, status,
	    strcmp(status, "closed") == 0 ? ", and participant input is "
	    "closed" : "", status_meaning(status));
	return 0;
}

static int
cmd_workshop_open(struct cli *c, struct args *a)
{
	return workshop_status(c, a, "open");
}

static int
cmd_workshop_close(struct cli *c, struct args *a)
{
	return workshop_status(c, a, "closed");
}

static int
input_moderate(struct cli *c, long long id, const char *w)
{
	int	 on;

	if (strcmp(w, "on") == 0)
		on = 1;
	else if (strcmp(w, "off") == 0)
		on = 0;
	else
		return cli_fail(c, "Say input moderate on, or input moderate "
		    "off.");
	if (record_workshop_set(c->st, id, "moderate", on ? "1" : "0") == -1)
		return -1;
	if (on)
		cli_say(c, "Participants' words now wait until you have read "
		    "them. See them with queue; show them with approve NUMBER, "
		    "or keep them off the pages with hide NUMBER.");
	else
		cli_say(c, "Participants' words now appear as soon as they are "
		    "sent.%s", store_int(c->st, "SELECT count(*) FROM "
		    "contribution WHERE workshop_id = ? AND state = 'held'", 0,
		    "i", id) > 0 ? " Words already waiting stay in the queue "
		    "until you approve or hide them." : "");
	return 0;
}

static int
cmd_input(struct cli *c, struct args *a)
{
	long long	 id;
	const char	*w = a->word[0], *door = NULL;
	int		 on;

	if ((id = current(c)) == 0)
		return -1;
	if (strcmp(w, "moderate") == 0)
		return input_moderate(c, id, a->nword > 1 ? a->word[1] : "");
	/* The doors that are not encrypted: each allowed on its own. */
	if (strcmp(w, "gopher") == 0 || strcmp(w, "http") == 0) {
		door = w;
		w = a->nword > 1 ? a->word[1] : "";
	}
	if (a->nword > (door != NULL ? 2 : 1))
		return cli_fail(c, "Too many words: say input open, input "
		    "close, input gopher on or off, input http on or off, or "
		    "input moderate on or off.");
	if (strcmp(w, "open") == 0 || strcmp(w, "on") == 0)
		on = 1;
	else if (strcmp(w, "close") == 0 || strcmp(w, "off") == 0)
		on = 0;
	else
		return cli_fail(c, "Say input open, input close, input "
		    "gopher on or off, input http on or off, or input moderate "
		    "on or off.");
	if (on && door == NULL && store_int(c->st, "SELECT status = 'closed' "
	    "FROM workshop WHERE id = ?", 0, "i", id))
		return cli_fail(c, "This workshop is closed. Open it first "
		    "with: workshop open.");
	if (record_workshop_set(c->st, id, door != NULL ? door : "input",
	    on ? "1" : "0") == -1)
		return -1;
	if (door != NULL && strcmp(door, "gopher") == 0)
		cli_say(c, "Participant input over Gopher is now %s.%s",
		    on ? "allowed" : "not allowed", on ? " Gopher is not "
		    "encrypted: words typed over it can be read on the way." :
		    "");
	else if (door != NULL)
		cli_say(c, "Participant input over plain HTTP is now %s.%s",
		    on ? "allowed" : "not allowed", on ? " Plain HTTP is not "
		    "encrypted: words typed over it can be read on the way." :
		    "");
	else
		cli_say(c, "Participant input is now %s.", on ? "open" :
		    "closed");
	if (on && store_int(c->st, "SELECT status = 'draft' FROM workshop "
	    "WHERE id = ?", 0, "i", id))
		cli_say(c, "Participants cannot see this workshop yet: it is a "
		    "draft. Type workshop open to show it to them.");
	return 0;
}

/* ---- areas, stages, models ----------------------------------------- */

static int
cmd_areas(struct cli *c, struct args *a)
{
	sqlite3_stmt	*stmt;

	(void)a;
	if ((stmt = store_query(c->st, "SELECT key, name, summary FROM area "
	    "ORDER BY position", "")) == NULL)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW)
		cli_say(c, "Area %s: %s. %s", store_col(stmt, 0),
		    store_col(stmt, 1), store_col(stmt, 2));
	store_done(stmt);
	return 0;
}

static int
cmd_stages(struct cli *c, struct args *a)
{
	sqlite3_stmt	*stmt;

	(void)a;
	if ((stmt = store_query(c->st, "SELECT position, key, name, question "
	    "FROM stage ORDER BY position", "")) == NULL)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW)
		cli_say(c, "Stage %d, %s: %s. %s", sqlite3_column_int(stmt, 0),
		    store_col(stmt, 1), store_col(stmt, 2), store_col(stmt, 3));
	store_done(stmt);
	return 0;
}

static int
cmd_models(struct cli *c, struct args *a)
{
	sqlite3_stmt	*stmt;
	long long	 wsid = 0, area = 0;

	if (store_int(c->st, "SELECT count(*) FROM workshop", 0, "") > 0 &&
	    (wsid = current(c)) == 0)
		return -1;
	if (a->nword > 0 && (area = area_named(c, a->word[0])) == 0)
		return -1;
	if ((stmt = store_query(c->st, "SELECT m.key, m.name, a.name, "
	    "m.workshop_id IS NULL, m.summary, m.evidence FROM model m JOIN "
	    "area a ON a.id = m.area_id WHERE (m.workshop_id IS NULL OR "
	    "m.workshop_id = ?) AND (? = 0 OR m.area_id = ?) ORDER BY "
	    "a.position, m.workshop_id IS NOT NULL, m.key", "iii", wsid, area,
	    area)) == NULL)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		cli_say(c, "Model %s: %s, under %s, %s.", store_col(stmt, 0),
		    store_col(stmt, 1), store_col(stmt, 2),
		    sqlite3_column_int(stmt, 3) ? "with a national evidence "
		    "base" : "local");
		if (*store_col(stmt, 4) != '\0')
			cli_say(c, "Summary: %s", store_col(stmt, 4));
		if (*store_col(stmt, 5) != '\0')
			cli_say(c, "Evidence: %s", store_col(stmt, 5));
	}
	store_done(stmt);
	return 0;
}

static int
cmd_model_add(struct cli *c, struct args *a)
{
	long long	 wsid, area, id;

	if ((wsid = current(c)) == 0 ||
	    (area = area_named(c, a->word[0])) == 0)
		return -1;
	if (!record_is_slug(a->word[1]))
		return cli_fail(c, "'%s' cannot be a model's short name. Use "
		    "lower-case letters, digits and dashes, such as "
		    "home-care.", a->word[1]);
	if (record_model_id(c->st, wsid, a->word[1]) > 0)
		return cli_fail(c, "There is already a model called '%s'.",
		    a->word[1]);
	if (check_text(c, "name", a->text) == -1 ||
	    record_model_add(c->st, wsid, area, a->word[1], a->text, &id) == -1)
		return -1;
	cli_say(c, "Added the local model %s, %s, under %s.", a->word[1],
	    a->text, area_title(c, area));
	return 0;
}

static int
cmd_model_set(struct cli *c, struct args *a)
{
	static const char *const fields[] = { "name", "summary", "evidence",
	    NULL };
	long long	 wsid, id;
	char		*all;

	if ((wsid = current(c)) == 0 ||
	    (id = model_named(c, wsid, a->word[0])) == 0)
		return -1;
	if (!str_in_list(fields, a->word[1])) {
		all = str_join(fields, ", ");
		cli_fail(c, "A model has no field '%s'. Fields: %s.",
		    a->word[1], all);
		free(all);
		return -1;
	}
	if (store_int(c->st, "SELECT workshop_id IS NULL FROM model WHERE "
	    "id = ?", 0, "i", id))
		return cli_fail(c, "%s is a national model and cannot be "
		    "changed here. Add a local model instead.", a->word[0]);
	if (check_text(c, a->word[1], a->text) == -1 ||
	    record_model_set(c->st, id, a->word[1], a->text) == -1)
		return -1;
	cli_say(c, "Set the %s of model %s.", a->word[1], a->word[0]);
	return 0;
}

/* ---- contributions ------------------------------------------------- */

static int
cmd_say(struct cli *c, struct args *a)
{
	long long	 wsid, area, stage = 0, who = 0, id;
	char		*all;

	if ((wsid = current(c)) == 0 ||
	    (area = area_named(c, a->word[0])) == 0)
		return -1;
	if (vocab_find(vocab_kinds, a->word[1]) == NULL)
		return not_kind(c, a->word[1]);
	if (a->opt_stage != NULL &&
	    (stage = record_stage_id(c->st, a->opt_stage)) == 0) {
		all = join_query(c, "SELECT key FROM stage WHERE id > ? ORDER "
		    "BY position", 0);
		cli_fail(c, "There is no stage called '%s'. Stages: %s.",
		    a->opt_stage, all);
		free(all);
		return -1;
	}
	if (a->opt_by != NULL &&
	    (who = record_participant_id(c->st, wsid, a->opt_by)) == 0)
		return cli_fail(c, "No participant in this workshop has the "
		    "receipt code '%s'. List them with: participants.",
		    a->opt_by);
	if (check_text(c, "contribution", a->text) == -1 ||
	    record_contribution_add(c->st, wsid, area, stage, a->word[1],
	    a->text, who, 0, &id) == -1)
		return -1;
	cli_say(c, "Saved contribution %lld under %s.", id, area_title(c,
	    area));
	return 0;
}

/* The columns say_contribution() reads, for every list of them. */
#define SQL_CONTRIBUTIONS						\
    "SELECT c.id, c.kind, a.name, c.state, c.text, c.source FROM "	\
    "contribution c JOIN area a ON a.id = c.area_id "

static void
say_contribution(struct cli *c, sqlite3_stmt *stmt)
{
	const char	*state = store_col(stmt, 3);

	cli_say(c, "Contribution %lld, %s, under %s%s%s%s: %s",
	    sqlite3_column_int64(stmt, 0), store_col(stmt, 1),
	    store_col(stmt, 2), strcmp(state, "shown") == 0 ? "" : ", ",
	    strcmp(state, "shown") == 0 ? "" : state,
	    strcmp(store_col(stmt, 5), "participant") == 0 ?
	    ", typed by a participant" : "",
	    strcmp(state, "redacted") == 0 ? "(words removed)" :
	    store_col(stmt, 4));
}

/* Say each contribution `stmt' (SQL_CONTRIBUTIONS) finds; how many. */
static int
say_contributions(struct cli *c, sqlite3_stmt *stmt)
{
	int	 n = 0;

	for (; sqlite3_step(stmt) == SQLITE_ROW; n++)
		say_contribution(c, stmt);
	store_done(stmt);
	return n;
}

static int
cmd_said(struct cli *c, struct args *a)
{
	sqlite3_stmt	*stmt;
	long long	 wsid, area = 0;
	const char	*kind = "";
	size_t		 i;

	if ((wsid = current(c)) == 0)
		return -1;
	for (i = 0; i < a->nword; i++) {
		if (vocab_find(vocab_kinds, a->word[i]) != NULL)
			kind = a->word[i];
		else if (area == 0) {
			if ((area = area_named(c, a->word[i])) == 0)
				return -1;
		} else {
			/* An area is named: the other word is a kind. */
			return not_kind(c, a->word[i]);
		}
	}
	if ((stmt = store_query(c->st, SQL_CONTRIBUTIONS "WHERE c.workshop_id "
	    "= ? AND (? = 0 OR c.area_id = ?) AND (? = '' OR c.kind = ?) "
	    "ORDER BY c.id", "iiitt", wsid, area, area, kind, kind)) == NULL)
		return -1;
	if (say_contributions(c, stmt) == 0)
		cli_say(c, "Nothing has been said here yet.");
	return 0;
}

static int
cmd_search(struct cli *c, struct args *a)
{
	sqlite3_stmt	*stmt;
	long long	 wsid;
	int		 n;

	if ((wsid = current(c)) == 0)
		return -1;
	if ((stmt = store_query(c->st, SQL_CONTRIBUTIONS "WHERE c.workshop_id "
	    "= ? AND instr(fold(c.text), fold(?)) > 0 ORDER BY c.id", "it",
	    wsid, a->text)) == NULL)
		return -1;
	n = say_contributions(c, stmt);
	cli_say(c, "Found %d %s with '%s'.", n, n == 1 ? "contribution" :
	    "contributions", a->text);
	return 0;
}

static int
cmd_edit(struct cli *c, struct args *a)
{
	long long	 wsid, id;

	if ((wsid = current(c)) == 0 ||
	    (id = contribution_named(c, wsid, a->word[0])) == 0 ||
	    check_text(c, "contribution", a->text) == -1)
		return -1;
	if (record_contribution_edit(c->st, id, a->text) == -1)
		return cli_fail(c, "Contribution %lld was redacted; its words "
		    "cannot be changed.", id);
	cli_say(c, "Changed the words of contribution %lld.", id);
	return 0;
}

static int
contribution_state(struct cli *c, struct args *a, const char *state)
{
	long long	 wsid, id;

	if ((wsid = current(c)) == 0 ||
	    (id = contribution_named(c, wsid, a->word[0])) == 0)
		return -1;
	/* Nothing to do is said, and not logged as a change. */
	if (store_int(c->st, "SELECT state = ? FROM contribution WHERE id = ?",
	    0, "ti", state, id)) {
		cli_say(c, "Contribution %lld is %s already.", id, state);
		return 0;
	}
	if (record_contribution_state(c->st, id, state) == -1)
		return cli_fail(c, "Contribution %lld was redacted and cannot "
		    "be shown again.", id);
	cli_say(c, "Contribution %lld is now %s.", id, state);
	return 0;
}

static int
cmd_hide(struct cli *c, struct args *a)
{
	return contribution_state(c, a, "hidden");
}

static int
cmd_unhide(struct cli *c, struct args *a)
{
	return contribution_state(c, a, "shown");
}

static int
cmd_redact(struct cli *c, struct args *a)
{
	long long	 wsid, id;

	char		 num[32], *what;
	int		 ok;

	if ((wsid = current(c)) == 0 ||
	    (id = contribution_named(c, wsid, a->word[0])) == 0)
		return -1;
	snprintf(num, sizeof(num), "%lld", id);
	what = xasprintf("Removing the words of contribution %lld", id);
	ok = cli_confirm(c, a->yes, what, num, "redact NUMBER");
	free(what);
	if (!ok || contribution_named(c, wsid, a->word[0]) != id ||
	    record_contribution_redact(c->st, id) == -1)
		return -1;
	cli_say(c, "Removed the words of contribution %lld for good. This "
	    "cannot be undone.", id);
	return 0;
}

static int
cmd_queue(struct cli *c, struct args *a)
{
	sqlite3_stmt	*stmt;
	long long	 wsid;
	int		 n;

	(void)a;
	if ((wsid = current(c)) == 0)
		return -1;
	if ((stmt = store_query(c->st, SQL_CONTRIBUTIONS "WHERE c.workshop_id "
	    "= ? AND c.state = 'held' ORDER BY c.id", "i", wsid)) == NULL)
		return -1;
	if ((n = say_contributions(c, stmt)) == 0)
		cli_say(c, "No words are waiting to be read.");
	else
		cli_say(c, "%d %s waiting. Show with approve NUMBER, or keep off "
		    "the pages with hide NUMBER.", n, n == 1 ? "is" : "are");
	return 0;
}

static int
cmd_approve(struct cli *c, struct args *a)
{
	long long	 wsid, id;
	size_t		 i;
	int		 n = 0;

	if ((wsid = current(c)) == 0)
		return -1;
	for (i = 0; i < a->nword; i++) {
		if ((id = contribution_named(c, wsid, a->word[i])) == 0)
			return -1;
		if (store_int(c->st, "SELECT state = 'held' FROM contribution "
		    "WHERE id = ?", 0, "i", id) == 0)
			return cli_fail(c, "Contribution %lld is not waiting to "
			    "be read: it is %s. Nothing was approved.", id,
			    name_of(c, "SELECT state FROM contribution WHERE "
			    "id = ?", id));
		if (record_contribution_state(c->st, id, "shown") == -1)
			return -1;
		n++;
	}
	cli_say(c, "Approved %d %s: %s on the pages now.", n, n == 1 ?
	    "contribution" : "contributions", n == 1 ? "it is" : "they are");
	return 0;
}

static volatile sig_atomic_t watching;

static void
stop_watching(int sig)
{
	(void)sig;
	watching = 0;
}

/*
 * Print each participant's new words as they arrive, one self-contained
 * line each, until Control-C (or for `seconds').  Reads only: the record
 * is polled five times a second, and nothing waits on a lock.
 */
static int
cmd_watch(struct cli *c, struct args *a)
{
	struct sigaction sa, oldint, oldterm;
	sqlite3_stmt	*stmt;
	struct timespec	 nap = { 0, 200 * 1000 * 1000 };
	long long	 wsid, last, seconds = 0, ticks = 0;

	if ((wsid = current(c)) == 0)
		return -1;
	if (a->nword > 0 && (parse_amount(a->word[0], 0, &seconds) == -1 ||
	    seconds <= 0))
		return cli_fail(c, "'%s' is not a number of seconds. For "
		    "example: watch 60, or watch alone until Control-C.",
		    a->word[0]);
	last = store_int(c->st, "SELECT ifnull(max(id), 0) FROM contribution",
	    0, "");
	if (seconds > 0)
		fprintf(stderr, "Watching %s for participants' words for %lld "
		    "second%s. Control-C stops sooner.\n", c->slug, seconds,
		    seconds == 1 ? "" : "s");
	else
		fprintf(stderr, "Watching %s for participants' words. "
		    "Control-C stops.\n", c->slug);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = stop_watching;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &oldint);
	sigaction(SIGTERM, &sa, &oldterm);
	for (watching = 1; watching && (seconds == 0 || ticks < seconds * 5);
	    ticks++) {
		if ((stmt = store_query(c->st, SQL_CONTRIBUTIONS "WHERE "
		    "c.workshop_id = ? AND c.id > ? AND c.source = "
		    "'participant' ORDER BY c.id", "ii", wsid, last)) != NULL) {
			while (sqlite3_step(stmt) == SQLITE_ROW) {
				last = sqlite3_column_int64(stmt, 0);
				buf_reset(&c->out);
				say_contribution(c, stmt);
				fwrite(c->out.data, 1, c->out.len, stdout);
			}
			store_done(stmt);
			buf_reset(&c->out);
			fflush(stdout);
		}
		nanosleep(&nap, NULL);
	}
	sigaction(SIGINT, &oldint, NULL);
	sigaction(SIGTERM, &oldterm, NULL);
	return 0;
}

static int
cmd_move(struct cli *c, struct args *a)
{
	long long	 wsid, id, area;
	const char	*kind = a->nword > 2 ? a->word[2] : NULL;
	char		 under[64] = "";

	if ((wsid = current(c)) == 0 ||
	    (id = contribution_named(c, wsid, a->word[0])) == 0 ||
	    (area = area_named(c, a->word[1])) == 0)
		return -1;
	if (kind != NULL && vocab_find(vocab_kinds, kind) == NULL)
		return not_kind(c, kind);
	/* "under ideas": the kind's heading, mid-sentence. */
	if (kind != NULL) {
		snprintf(under, sizeof(under), ", under %s",
		    vocab_word(vocab_kinds, kind, 0));
		under[8] = (char)tolower((unsigned char)under[8]);
	}
	/* Already there: nothing to move, and nothing for undo. */
	if (store_int(c->st, "SELECT area_id = ? AND kind = ifnull(?, kind) "
	    "FROM contribution WHERE id = ?", 0, "iti", area, kind, id)) {
		cli_say(c, "Contribution %lld is there already: %s%s. Nothing "
		    "was changed.", id, area_title(c, area), under);
		return 0;
	}
	if (record_contribution_move(c->st, id, area, kind) == -1)
		return -1;
	cli_say(c, "Moved contribution %lld to %s%s.", id, area_title(c,
	    area), under);
	return 0;
}

/* ---- participants -------------------------------------------------- */

static int
cmd_participant_add(struct cli *c, struct args *a)
{
	char		 code[RECORD_CODE_LEN + 1];
	long long	 wsid, id;
	const char	*lang;

	if ((wsid = current(c)) == 0)
		return -1;
	if (vocab_find(vocab_roles, a->word[0]) == NULL)
		return cli_fail(c, "'%s' is not a role. Roles: lived (person "
		    "with lived experience), carer (family carer), worker, "
		    "commissioner, community (community member), other, "
		    "facilitator, notetaker.", a->word[0]);
	lang = a->nword > 1 ? a->word[1] : "en-GB";
	if (!record_is_lang(lang))
		return cli_fail(c, "'%s' is not a language tag. Use one such "
		    "as en-GB or cy.", lang);
	if (record_participant_add(c->st, wsid, a->word[0], lang, code,
	    &id) == -1)
		return -1;
	cli_say(c, "Registered a %s. Their receipt code is %s.",
	    role_name(a->word[0]), code);
	return 0;
}

static int
cmd_participants(struct cli *c, struct args *a)
{
	sqlite3_stmt	*stmt;
	long long	 wsid;
	int		 n = 0;

	(void)a;
	if ((wsid = current(c)) == 0)
		return -1;
	if ((stmt = store_query(c->st, "SELECT p.code, p.role, p.language, "
	    "p.name, (SELECT count(*) FROM contribution WHERE participant_id "
	    "= p.id) FROM participant p WHERE p.workshop_id = ? ORDER BY "
	    "p.id", "i", wsid)) == NULL)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		cli_say(c, "Participant %s: %s, language %s, %d %s%s%s.",
		    store_col(stmt, 0), role_name(store_col(stmt, 1)),
		    store_col(stmt, 2), sqlite3_column_int(stmt, 4),
		    sqlite3_column_int(stmt, 4) == 1 ? "contribution" :
		    "contributions", sqlite3_column_type(stmt, 3) ==
		    SQLITE_NULL ? "" : ", name kept with consent: ",
		    store_col(stmt, 3));
		n++;
	}
	store_done(stmt);
	if (n == 0)
		cli_say(c, "No participants are registered. Register one "
		    "with: participant add ROLE.");
	return 0;
}

static long long
participant_named(struct cli *c, long long wsid, const char *code)
{
	long long	 id;

	if ((id = record_participant_id(c->st, wsid, code)) == 0)
		cli_fail(c, "No participant in this workshop has the receipt "
		    "code '%s'. List them with: participants.", code);
	return id;
}

static int
cmd_consent(struct cli *c, struct args *a)
{
	static const char *const answers[] = { "withdraw", "no", "yes",
	    "none", "remove", NULL };
	long long	 wsid, id;
	const char	*old;
	char		*was;
	size_t		 i;

	if ((wsid = current(c)) == 0 ||
	    (id = participant_named(c, wsid, a->word[0])) == 0 ||
	    check_text(c, "name", a->text) == -1)
		return -1;
	if (strlen(a->text) > 100)
		return cli_fail(c, "The name is too long: keep it under 100 "
		    "letters.");
	/* "consent CODE withdraw": an answer, not a name. */
	for (i = 0; answers[i] != NULL; i++)
		if (strcasecmp(answers[i], a->text) == 0)
			return cli_fail(c, "'%s' is not a name. To forget a "
			    "name kept with consent, type: consent withdraw %s. "
			    "To keep one, type: consent %s NAME.", a->text,
			    a->word[0], a->word[0]);
	old = name_of(c, "SELECT ifnull(name, '') FROM participant WHERE id "
	    "= ?", id);
	was = *old != '\0' && strcmp(old, a->text) != 0 ? xstrdup(old) : NULL;
	if (record_participant_consent(c->st, id, a->text) == -1) {
		free(was);
		return -1;
	}
	if (was != NULL)
		cli_say(c, "Recorded consent, and kept the name %s for %s in "
		    "place of %s.", a->text, a->word[0], was);
	else
		cli_say(c, "Recorded consent, and kept the name %s for %s.",
		    a->text, a->word[0]);
	free(was);
	return 0;
}

static int
cmd_consent_withdraw(struct cli *c, struct args *a)
{
	long long	 wsid, id;
	int		 had;

	if ((wsid = current(c)) == 0 ||
	    (id = participant_named(c, wsid, a->word[0])) == 0 ||
	    record_participant_withdraw(c->st, id, &had) == -1)
		return -1;
	if (!had)
		cli_say(c, "No name is kept for %s, so there is nothing to "
		    "withdraw.", a->word[0]);
	else
		cli_say(c, "Withdrew consent: the name kept for %s is gone "
		    "from the record for good. Exports and backups made "
		    "before still hold it.", a->word[0]);
	return 0;
}

static int
cmd_erase(struct cli *c, struct args *a)
{
	long long	 wsid, id, n;

	char		 code[RECORD_CODE_LEN + 1];

	if ((wsid = current(c)) == 0 ||
	    (id = participant_named(c, wsid, a->word[0])) == 0)
		return -1;
	record_code_normalise(a->word[0], code);
	if (!cli_confirm(c, a->yes, "Erasing a participant and all they said",
	    code, "erase CODE") ||
	    participant_named(c, wsid, a->word[0]) != id ||
	    record_participant_erase(c->st, id, &n) == -1)
		return -1;
	cli_say(c, "Erased participant %s and %lld %s. This cannot be "
	    "undone.", a->word[0], n, n == 1 ? "contribution" :
	    "contributions");
	return 0;
}

/* ---- money --------------------------------------------------------- */

static const char *
unit_of(struct cli *c, long long resource)
{
	return store_int(c->st, "SELECT unit = 'pounds' FROM resource WHERE "
	    "id = ?", 1, "i", resource) ? "pounds" : "hours";
}

static int
cmd_money(struct cli *c, struct args *a)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;
	long long	 wsid, area, model, res, now, expected = -1, year = 0,
			 id;
	int		 kept = 0;

	if ((wsid = current(c)) == 0 ||
	    (area = area_named(c, a->word[0])) == 0 ||
	    (model = model_named(c, wsid, a->word[1])) == 0 ||
	    (res = resource_named(c, a->word[2])) == 0)
		return -1;
	if (model_area(c, model) != area)
		return cli_fail(c, "%s is a model under %s, not %s: its money "
		    "is counted there. Type: money %s %s %s %s", name_of(c,
		    "SELECT name FROM model WHERE id = ?", model),
		    area_title(c, model_area(c, model)), area_title(c, area),
		    name_of(c, "SELECT key FROM area WHERE id = ?",
		    model_area(c, model)), a->word[1], a->word[2], a->word[3]);
	if (parse_amount(a->word[3], 0, &now) == -1)
		return not_amount(c, a->word[3]);
	/* Hours are not pounds: a £ there is a mistake, not a unit. */
	if (strcmp(unit_of(c, res), "hours") == 0 && (strstr(a->word[3],
	    "\xc2\xa3") != NULL || (a->nword > 4 && strstr(a->word[4],
	    "\xc2\xa3") != NULL)))
		return cli_fail(c, "%s is counted in hours, not pounds. Write "
		    "the hours without £, such as: money %s %s %s %s.",
		    name_of(c, "SELECT name FROM resource WHERE id = ?", res),
		    a->word[0], a->word[1], a->word[2], no_pound(a->word[3]));
	/* What is not typed again is kept: correcting now keeps expected. */
	if ((stmt = store_query(c->st, "SELECT ifnull(expected, -1), "
	    "ifnull(expected_year, 0) FROM money WHERE workshop_id = ? AND "
	    "model_id = ? AND resource_id = ?", "iii", wsid, model, res)) !=
	    NULL && sqlite3_step(stmt) == SQLITE_ROW) {
		expected = sqlite3_column_int64(stmt, 0);
		year = sqlite3_column_int64(stmt, 1);
		kept = expected >= 0 && a->nword == 4;
	}
	store_done(stmt);
	if (a->nword > 4 && strcmp(a->word[4], "none") == 0)
		expected = -1, year = 0;
	else if (a->nword > 4 && parse_amount(a->word[4], 0, &expected) == -1)
		return not_amount(c, a->word[4]);
	if (a->nword > 5 && strcmp(a->word[5], "none") == 0)
		year = 0;
	else if (a->nword > 5 && (parse_amount(a->word[5], 0, &year) == -1 ||
	    year < 1900 || year > 2200 || strspn(a->word[5], "0123456789") !=
	    strlen(a->word[5])))
		return cli_fail(c, "'%s' is not a year. Write it with four "
		    "digits, such as 2028.", a->word[5]);
	/* Expected is looking ahead: a year gone by is a slip. */
	if (a->nword > 5 && year > 0 && year < this_year())
		return cli_fail(c, "%lld has gone by: the amount expected is "
		    "for this year or one to come, such as %d.", year,
		    this_year() + 2);
	if (expected < 0)
		year = 0;
	if (record_money_set(c->st, wsid, area, model, res, now, expected,
	    year, &id) == -1)
		return -1;
	buf_init(&b);
	buf_addf(&b, "Recorded %s for %s under %s: ", name_of(c, "SELECT name "
	    "FROM resource WHERE id = ?", res), name_of(c, "SELECT name FROM "
	    "model WHERE id = ?", model), area_title(c, area));
	view_amount(&b, unit_of(c, res), now);
	buf_adds(&b, " now");
	if (expected >= 0) {
		buf_adds(&b, kept ? ", and still " : ", ");
		view_amount(&b, unit_of(c, res), expected);
		if (year > 0)
			buf_addf(&b, " expected in %lld", year);
		else
			buf_adds(&b, " expected");
	}
	cli_say(c, "%s.", b.data);
	buf_release(&b);
	return 0;
}

static int
cmd_budget(struct cli *c, struct args *a)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;
	long long	 wsid, area = 0;
	int		 n = 0;

	if ((wsid = current(c)) == 0 ||
	    (a->nword > 0 && (area = area_named(c, a->word[0])) == 0))
		return -1;
	if ((stmt = store_query(c->st, "SELECT r.name, m.name, a.name, r.unit, "
	    "y.now, y.expected, y.expected_year FROM money y JOIN resource r "
	    "ON r.id = y.resource_id JOIN model m ON m.id = y.model_id JOIN "
	    "area a ON a.id = y.area_id WHERE y.workshop_id = ? AND (? = 0 OR "
	    "y.area_id = ?) ORDER BY a.position, r.position, m.name", "iii",
	    wsid, area, area)) == NULL)
		return -1;
	buf_init(&b);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		buf_reset(&b);
		buf_addf(&b, "%s for %s, under %s: ", store_col(stmt, 0),
		    store_col(stmt, 1), store_col(stmt, 2));
		view_amount(&b, store_col(stmt, 3), sqlite3_column_int64(stmt,
		    4));
		buf_adds(&b, " now");
		if (sqlite3_column_type(stmt, 5) != SQLITE_NULL) {
			buf_adds(&b, ", ");
			view_amount(&b, store_col(stmt, 3),
			    sqlite3_column_int64(stmt, 5));
			buf_adds(&b, " expected");
			if (sqlite3_column_type(stmt, 6) != SQLITE_NULL)
				buf_addf(&b, " in %d",
				    sqlite3_column_int(stmt, 6));
		}
		cli_say(c, "%s.", b.data);
		n++;
	}
	store_done(stmt);
	buf_release(&b);
	if (n == 0)
		cli_say(c, "No money is recorded here yet. Record some with: "
		    "money AREA MODEL RESOURCE NOW [EXPECTED [YEAR]].");
	return 0;
}

/* ---- decisions ----------------------------------------------------- */

static long long	decision_line(struct cli *, long long, const char *,
			    const char *);

static int
cmd_decision_add(struct cli *c, struct args *a)
{
	long long	 wsid, area, id;

	if ((wsid = current(c)) == 0 ||
	    (area = area_named(c, a->word[0])) == 0 ||
	    check_text(c, "decision", a->text) == -1 ||
	    record_decision_add(c->st, wsid, area, a->text, &id) == -1)
		return -1;
	cli_say(c, "Proposed decision %lld under %s.", id, area_title(c,
	    area));
	return 0;
}

static void
say_change(void *arg, const struct view_change *vc)
{
	cli_say(arg, "Change %lld: %s", vc->n, vc->sentence);
}

static int
cmd_decision_show(struct cli *c, struct args *a)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;
	long long	 wsid, id;
	int		 n;

	if ((wsid = current(c)) == 0 ||
	    (id = decision_named(c, wsid, a->word[0])) == 0)
		return -1;
	if ((stmt = store_query(c->st, "SELECT d.statement, a.name, d.state, "
	    "d.method, d.votes_for, d.votes_against, d.votes_abstain, "
	    "d.dissent, ifnull(d.review_date, 'not set'), d.next_steps, "
	    "ifnull(d.status, '') FROM decision d JOIN area a ON a.id = "
	    "d.area_id WHERE d.id = ?", "i",
	    id)) == NULL)
		return -1;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		cli_say(c, "Decision: %lld", id);
		cli_say(c, "Statement: %s", store_col(stmt, 0));
		cli_say(c, "Area: %s", store_col(stmt, 1));
		cli_say(c, "State: %s", store_col(stmt, 2));
		cli_say(c, "Method: %s", store_col(stmt, 3));
		if (sqlite3_column_type(stmt, 4) != SQLITE_NULL)
			cli_say(c, "Vote: %d for, %d against, %d abstaining",
			    sqlite3_column_int(stmt, 4),
			    sqlite3_column_int(stmt, 5),
			    sqlite3_column_int(stmt, 6));
		if (*store_col(stmt, 7) != '\0')
			cli_say(c, "Dissent: %s", store_col(stmt, 7));
		cli_say(c, "Review date: %s", store_col(stmt, 8));
		if (*store_col(stmt, 9) != '\0')
			cli_say(c, "Next steps: %s", store_col(stmt, 9));
		if (*store_col(stmt, 10) != '\0')
			cli_say(c, "Status: %s", store_col(stmt, 10));
	}
	store_done(stmt);
	if (view_changes(c->st, id, say_change, c) == -1)
		return -1;
	buf_init(&b);
	if (view_moves(c->st, id, &b) > 0)
		cli_say(c, "Moves: %s", b.data);
	buf_release(&b);
	if ((stmt = store_query(c->st, "SELECT b.contribution_id, c.text, "
	    "c.state FROM decision_basis b JOIN contribution c ON c.id = "
	    "b.contribution_id WHERE b.decision_id = ? ORDER BY b.id", "i",
	    id)) == NULL)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW)
		cli_say(c, "Rests on: contribution %d, %s",
		    sqlite3_column_int(stmt, 0), strcmp(store_col(stmt, 2),
		    "redacted") == 0 ? "(words removed)" : store_col(stmt, 1));
	store_done(stmt);
	if ((stmt = store_query(c->st, "SELECT text, ifnull(who, ''), now, "
	    "ifnull(ask_date, '') FROM indicator WHERE decision_id = ? ORDER "
	    "BY id", "i", id)) == NULL)
		return -1;
	for (n = 1; sqlite3_step(stmt) == SQLITE_ROW; n++) {
		cli_say(c, "Indicator %d, how we would know: %s", n,
		    store_col(stmt, 0));
		if (*store_col(stmt, 1) != '\0')
			cli_say(c, "Indicator %d, who will say it: %s", n,
			    vocab_word(vocab_voices, store_col(stmt, 1), 1));
		if (*store_col(stmt, 2) != '\0')
			cli_say(c, "Indicator %d, what it is like now: %s", n,
			    store_col(stmt, 2));
		if (*store_col(stmt, 3) != '\0')
			cli_say(c, "Indicator %d, asked again on: %s", n,
			    store_col(stmt, 3));
	}
	store_done(stmt);
	if ((stmt = store_query(c->st, "SELECT date, text FROM "
	    "decision_progress WHERE decision_id = ? ORDER BY date, id", "i",
	    id)) == NULL)
		return -1;
	for (n = 1; sqlite3_step(stmt) == SQLITE_ROW; n++)
		cli_say(c, "Progress %d, on %s: %s", n, store_col(stmt, 0),
		    store_col(stmt, 1));
	store_done(stmt);
	return 0;
}

static int
cmd_decisions(struct cli *c, struct args *a)
{
	sqlite3_stmt	*stmt;
	long long	 wsid, area = 0;
	int		 n = 0;

	if ((wsid = current(c)) == 0 ||
	    (a->nword > 0 && (area = area_named(c, a->word[0])) == 0))
		return -1;
	/* An area's list has the decisions elsewhere that move its money. */
	if ((stmt = store_query(c->st, "SELECT d.id, d.state, a.name, "
	    "d.statement, d.area_id <> ?2 AND ?2 <> 0 FROM decision d JOIN "
	    "area a ON a.id = d.area_id WHERE d.workshop_id = ?1 AND (?2 = 0 "
	    "OR " RECORD_DECISION_OF_AREA ") ORDER BY d.area_id <> ?2 AND ?2 "
	    "<> 0, a.position, d.id", "ii", wsid, area)) == NULL)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		cli_say(c, "Decision %lld, %s, under %s: %s%s",
		    sqlite3_column_int64(stmt, 0), store_col(stmt, 1),
		    store_col(stmt, 2), store_col(stmt, 3),
		    sqlite3_column_int(stmt, 4) ? " (It changes money here.)" :
		    "");
		n++;
	}
	store_done(stmt);
	if (n == 0)
		cli_say(c, "No decisions yet. Propose one with: decision add "
		    "AREA STATEMENT.");
	return 0;
}

static int
cmd_decision_vote(struct cli *c, struct args *a)
{
	long long	 wsid, id, v[3];
	int		 i;

	if ((wsid = current(c)) == 0 ||
	    (id = decision_named(c, wsid, a->word[0])) == 0)
		return -1;
	for (i = 0; i < 3; i++)
		if (parse_amount(a->word[i + 1], 0, &v[i]) == -1 ||
		    v[i] > 100000)
			return cli_fail(c, "'%s' is not a count of hands. Give "
			    "three whole numbers: for, against, abstaining.",
			    a->word[i + 1]);
	if (record_decision_vote(c->st, id, v[0], v[1], v[2]) == -1)
		return -1;
	cli_say(c, "Recorded the vote on decision %lld: %lld for, %lld "
	    "against, %lld abstaining.", id, v[0], v[1], v[2]);
	return 0;
}

/* Set one field of the decision named by the first word; its id. */
static long long
decision_field(struct cli *c, struct args *a, const char *field,
    const char *value)
{
	long long	 wsid, id;

	if ((wsid = current(c)) == 0 ||
	    (id = decision_named(c, wsid, a->word[0])) == 0 ||
	    record_decision_set(c->st, id, field, value) == -1)
		return 0;
	return id;
}

#define DECISION_FIELD(c, a, field, value, ...) do {			\
	long long id_ = decision_field(c, a, field, value);		\
	if (id_ == 0)							\
		return -1;						\
	cli_say(c, __VA_ARGS__, id_);					\
	return 0;							\
} while (0)

static int
cmd_decision_method(struct cli *c, struct args *a)
{
	char	*all;

	if (vocab_find(vocab_methods, a->word[1]) == NULL) {
		all = vocab_keys(vocab_methods);
		cli_fail(c, "'%s' is not a way of deciding. Methods: %s.",
		    a->word[1], all);
		free(all);
		return -1;
	}
	DECISION_FIELD(c, a, "method", a->word[1],
	    "Recorded how decision %lld was made.");
}

/*
 * Set a decision's words `field' (read back by `sql'), saying `done'; a
 * sentence already there is replaced, and the answer says which.
 */
static int
decision_words(struct cli *c, struct args *a, const char *field,
    const char *sql, const char *done)
{
	long long	 wsid, id;
	char		*was;

	if (check_text(c, field, a->text) == -1 || (wsid = current(c)) == 0 ||
	    (id = decision_named(c, wsid, a->word[0])) == 0)
		return -1;
	was = xstrdup(name_of(c, sql, id));
	if (record_decision_set(c->st, id, strcmp(field, "dissent") == 0 ?
	    "dissent" : "next", a->text) == -1) {
		free(was);
		return -1;
	}
	cli_say(c, "Recorded the %s %s decision %lld.", field, done, id);
	/* From the shell, undo cannot reach it: the next command is new. */
	if (*was != '\0' && strcmp(was, a->text) != 0)
		cli_say(c, "Before, it read: %s%s%s", was, was[strlen(was) - 1] ==
		    '.' ? "" : ".", c->oneshot ? "" : " Undo puts that back.");
	free(was);
	return 0;
}

static int
cmd_decision_dissent(struct cli *c, struct args *a)
{
	return decision_words(c, a, "dissent", "SELECT ifnull(dissent, '') "
	    "FROM decision WHERE id = ?", "on");
}

static int
cmd_decision_next(struct cli *c, struct args *a)
{
	return decision_words(c, a, "next steps", "SELECT ifnull(next_steps, "
	    "'') FROM decision WHERE id = ?", "for");
}

static int
cmd_decision_review(struct cli *c, struct args *a)
{
	struct tm	 tm;
	time_t		 t = time(NULL);
	long long	 id;
	char		 day[16];

	if (strcmp(a->word[1], "none") != 0 && !record_is_date(a->word[1]))
		return cli_fail(c, "'%s' is not a date. Write it as "
		    "year-month-day, such as 2027-06-01, or none.", a->word[1]);
	if ((id = decision_field(c, a, "review", a->word[1])) == 0)
		return -1;
	/* A review looks ahead; a day gone by is more often a slip. */
	if (localtime_r(&t, &tm) != NULL &&
	    strftime(day, sizeof(day), "%Y-%m-%d", &tm) != 0 &&
	    strcmp(a->word[1], "none") != 0 && strcmp(a->word[1], day) < 0)
		cli_say(c, "Set the review date of decision %lld to %s, which "
		    "has already gone by. If that was a slip, type the date "
		    "again: decision review %lld YEAR-MONTH-DAY.", id,
		    a->word[1], id);
	else
		cli_say(c, "Set the review date of decision %lld.", id);
	return 0;
}

/*
 * A note for each line that decision `id', with the other agreed
 * decisions (not dropped), would take below nothing: a cut can be right
 * alone and too much with another.
 */
static void
below_nothing(struct cli *c, long long id)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;

	if ((stmt = store_query(c->st, "SELECT m.name, r.unit, l.now + "
	    "x.delta + ifnull((SELECT sum(x2.delta) FROM decision_change x2 "
	    "JOIN decision d2 ON d2.id = x2.decision_id WHERE d2.id <> ?1 AND "
	    "d2.workshop_id = d.workshop_id AND d2.state = 'agreed' AND "
	    "d2.status IS NOT 'dropped' AND x2.model_id = x.model_id AND "
	    "x2.resource_id = x.resource_id), 0) FROM decision_change x JOIN "
	    "decision d ON d.id = x.decision_id JOIN model m ON m.id = "
	    "x.model_id JOIN resource r ON r.id = x.resource_id JOIN ledger l "
	    "ON l.workshop_id = d.workshop_id AND l.model_id = x.model_id AND "
	    "l.resource_id = x.resource_id WHERE x.decision_id = ?1 AND "
	    "l.now IS NOT NULL", "i", id)) == NULL)
		return;
	buf_init(&b);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (sqlite3_column_int64(stmt, 2) >= 0)
			continue;
		buf_reset(&b);
		view_amount(&b, store_col(stmt, 1),
		    -sqlite3_column_int64(stmt, 2));
		cli_say(c, "Note: with the other agreed decisions, this "
		    "takes %s below nothing, to minus %s. Check the amounts.",
		    store_col(stmt, 0), b.data);
	}
	store_done(stmt);
	buf_release(&b);
}

/*
 * After agree or reject: a note when the hands counted said the other
 * way, for a slip of the command or of the count.
 */
static void
against_hands(struct cli *c, long long id, int agreed)
{
	if (store_int(c->st, "SELECT votes_for IS NOT NULL AND (CASE WHEN ? "
	    "THEN votes_against > votes_for ELSE votes_for > votes_against "
	    "END) FROM decision WHERE id = ?", 0, "ii", (long long)agreed,
	    id) == 0)
		return;
	cli_say(c, "Note: the hands counted were %lld for and %lld against. "
	    "If that is not how the room decided, correct it with decision "
	    "vote or undo.", store_int(c->st, "SELECT votes_for FROM decision "
	    "WHERE id = ?", 0, "i", id), store_int(c->st, "SELECT "
	    "votes_against FROM decision WHERE id = ?", 0, "i", id));
}

static int
cmd_decision_agree(struct cli *c, struct args *a)
{
	long long	 id;

	if ((id = decision_field(c, a, "state", "agreed")) == 0)
		return -1;
	cli_say(c, "Decision %lld is agreed.", id);
	against_hands(c, id, 1);
	below_nothing(c, id);
	/* A status kept from before counts again: dropped moves nothing. */
	if (store_int(c->st, "SELECT status IS 'dropped' FROM decision WHERE "
	    "id = ?", 0, "i", id))
		cli_say(c, "Note: its status is still dropped, so it moves no "
		    "money. If it goes ahead, type: decision status %lld none.",
		    id);
	return 0;
}

/*
 * Make a decision no longer agreed: `state' rejected or proposed, which
 * it now `is'.  Its progress is kept, for an agreement taken back by
 * mistake, but pages and reports show progress only while a decision is
 * agreed: say so when there is some.
 */
static int
decision_unagree(struct cli *c, struct args *a, const char *state,
    const char *is)
{
	long long	 id, notes;
	int		 status;
	char		 what[64];

	if ((id = decision_field(c, a, "state", state)) == 0)
		return -1;
	status = store_int(c->st, "SELECT status IS NOT NULL FROM decision "
	    "WHERE id = ?", 0, "i", id);
	notes = store_int(c->st, "SELECT count(*) FROM decision_progress "
	    "WHERE decision_id = ?", 0, "i", id);
	if (!status && notes == 0) {
		cli_say(c, "Decision %lld is %s.", id, is);
		if (strcmp(state, "rejected") == 0)
			against_hands(c, id, 0);
		return 0;
	}
	if (notes == 0)
		snprintf(what, sizeof(what), "its status");
	else
		snprintf(what, sizeof(what), "%s%lld note%s", status ? "its "
		    "status and " : "", notes, notes == 1 ? "" : "s");
	cli_say(c, "Decision %lld is %s. Its progress (%s) is kept, but pages "
	    "and reports leave it out while the decision is not agreed.", id,
	    is, what);
	if (strcmp(state, "rejected") == 0)
		against_hands(c, id, 0);
	return 0;
}

static int
cmd_decision_reject(struct cli *c, struct args *a)
{
	return decision_unagree(c, a, "rejected", "rejected");
}

static int
cmd_decision_propose(struct cli *c, struct args *a)
{
	return decision_unagree(c, a, "proposed", "back to proposed");
}

static int
cmd_decision_change(struct cli *c, struct args *a)
{
	struct buf	 b;
	long long	 wsid, id, model, res, delta, change, was, now;

	if ((wsid = current(c)) == 0 ||
	    (id = decision_named(c, wsid, a->word[0])) == 0 ||
	    (model = model_named(c, wsid, a->word[1])) == 0 ||
	    (res = resource_named(c, a->word[2])) == 0)
		return -1;
	if (parse_amount(a->word[3], 1, &delta) == -1 || delta == 0 ||
	    (a->word[3][0] != '+' && a->word[3][0] != '-'))
		return cli_fail(c, "'%s' is not a change. Write + or - and "
		    "an amount, such as +250000 or -50k.", a->word[3]);
	/* A cut past what the line holds now is a slip: -1.5m for -150k. */
	if (delta < 0 && (now = store_int(c->st, "SELECT sum(now) FROM money "
	    "WHERE workshop_id = ? AND model_id = ? AND resource_id = ?", -1,
	    "iii", wsid, model, res)) >= 0 && now + delta < 0) {
		buf_init(&b);
		buf_adds(&b, "That cut is more than the line holds: ");
		view_amount(&b, unit_of(c, res), now);
		buf_adds(&b, " now, so it would go below nothing. Nothing was "
		    "changed. Check the amount, or record the money first with "
		    "money.");
		cli_fail(c, "%s", b.data);
		buf_release(&b);
		return -1;
	}
	/* The same change again changes nothing, and logs nothing. */
	if (store_int(c->st, "SELECT count(*) FROM decision_change WHERE "
	    "decision_id = ? AND model_id = ? AND resource_id = ? AND delta = "
	    "?", 0, "iiii", id, model, res, delta) > 0) {
		cli_say(c, "Decision %lld makes that change already. Nothing "
		    "was changed.", id);
		return 0;
	}
	if (record_decision_change(c->st, id, model, res, delta, &change,
	    &was) == -1)
		return -1;
	buf_init(&b);
	buf_addf(&b, "Decision %lld: %s for %s, under %s, %s %s by ", id,
	    name_of(c, "SELECT name FROM resource WHERE id = ?", res),
	    name_of(c, "SELECT name FROM model WHERE id = ?", model),
	    area_title(c, model_area(c, model)), was != 0 ? "now goes" :
	    "goes", delta < 0 ? "down" : "up");
	view_amount(&b, unit_of(c, res), delta < 0 ? -delta : delta);
	if (was != 0) {
		buf_addf(&b, ", instead of %s by ", was < 0 ? "down" : "up");
		view_amount(&b, unit_of(c, res), was < 0 ? -was : was);
	}
	cli_say(c, "%s.", b.data);
	buf_release(&b);
	if (store_int(c->st, "SELECT state = 'agreed' FROM decision WHERE id = "
	    "?", 0, "i", id))
		cli_say(c, "Decision %lld is agreed already: this changes what "
		    "the room agreed. If the room did not agree to this, undo "
		    "takes it back.", id);
	below_nothing(c, id);
	return 0;
}

/* The id of line `n' (1, 2, ...) of `what' in decision `id', or 0. */
static long long
decision_line(struct cli *c, long long id, const char *what, const char *s)
{
	long long	 n, row = 0;
	const char	*sql;

	if (strcmp(what, "change") == 0)
		sql = "SELECT id FROM decision_change WHERE decision_id = ? "
		    "ORDER BY id LIMIT 1 OFFSET ?";
	else if (strcmp(what, "indicator") == 0)
		sql = "SELECT id FROM indicator WHERE decision_id = ? ORDER BY "
		    "id LIMIT 1 OFFSET ?";
	else if (strcmp(what, "progress") == 0)
		sql = "SELECT id FROM decision_progress WHERE decision_id = ? "
		    "ORDER BY date, id LIMIT 1 OFFSET ?";
	else
		sql = "SELECT b.id FROM decision_basis b WHERE b.decision_id = "
		    "?1 AND b.contribution_id = ?2 + 1";
	if ((n = parse_id(s)) > 0)
		row = store_int(c->st, sql, 0, "ii", id, n - 1);
	if (row == 0 && strcmp(what, "basis") == 0)
		cli_fail(c, "Decision %lld does not rest on contribution %s. "
		    "Type decision show %lld to see what it rests on.", id, s,
		    id);
	else if (row == 0)
		cli_fail(c, "Decision %lld has no %s line %s. Type decision "
		    "show %lld to see its lines.", id, what, s, id);
	return row;
}

static int
cmd_decision_remove(struct cli *c, struct args *a)
{
	static const char *const whats[] = { "change", "basis", "indicator",
	    "progress", NULL };
	long long	 wsid, id, row;
	const char	*what = a->word[1];

	if ((wsid = current(c)) == 0 ||
	    (id = decision_named(c, wsid, a->word[0])) == 0)
		return -1;
	if (!str_in_list(whats, what))
		return cli_fail(c, "A decision's lines are change, basis, "
		    "indicator and progress, not '%s'. For example: decision "
		    "remove %lld %s %s.", what, id, strncmp(what, "contrib", 7)
		    == 0 ? "basis" : "change", a->word[2]);
	if ((row = decision_line(c, id, what, a->word[2])) == 0 ||
	    record_decision_remove(c->st, id, what, row) == -1)
		return -1;
	if (strcmp(what, "basis") == 0)
		cli_say(c, "Decision %lld no longer rests on contribution %s.",
		    id, a->word[2]);
	else
		cli_say(c, "Removed %s line %s of decision %lld. Undo puts it "
		    "back.", what, a->word[2], id);
	return 0;
}

static int
cmd_decision_basis(struct cli *c, struct args *a)
{
	long long	 wsid, id, cid;
	size_t		 i;

	if ((wsid = current(c)) == 0 ||
	    (id = decision_named(c, wsid, a->word[0])) == 0)
		return -1;
	for (i = 1; i < a->nword; i++) {
		if ((cid = contribution_named(c, wsid, a->word[i])) == 0)
			return -1;
		if (store_int(c->st, "SELECT count(*) FROM decision_basis "
		    "WHERE decision_id = ? AND contribution_id = ?", 0, "ii",
		    id, cid) > 0)
			continue;
		if (record_decision_basis(c->st, id, cid) == -1)
			return -1;
	}
	cli_say(c, "Decision %lld now rests on %lld %s.", id,
	    store_int(c->st, "SELECT count(*) FROM decision_basis WHERE "
	    "decision_id = ?", 0, "i", id), store_int(c->st, "SELECT count(*) "
	    "FROM decision_basis WHERE decision_id = ?", 0, "i", id) == 1 ?
	    "contribution" : "contributions");
	return 0;
}

/* --who and --ask, when given, are a voice and a date. */
static int
indicator_options(struct cli *c, struct args *a)
{
	char	*all;

	if (a->opt_who != NULL && vocab_find(vocab_voices, a->opt_who) ==
	    NULL) {
		all = vocab_keys(vocab_voices);
		cli_fail(c, "'%s' is not who will say it. Give one of: %s.",
		    a->opt_who, all);
		free(all);
		return -1;
	}
	if (a->opt_ask != NULL && !record_is_date(a->opt_ask))
		return cli_fail(c, "'%s' is not a date. Write when it will be "
		    "asked again as year-month-day, such as 2027-06-01.",
		    a->opt_ask);
	return 0;
}

static int
cmd_decision_indicator(struct cli *c, struct args *a)
{
	long long	 wsid, id, ind;

	if ((wsid = current(c)) == 0 ||
	    (id = decision_named(c, wsid, a->word[0])) == 0 ||
	    indicator_options(c, a) == -1 ||
	    check_text(c, "indicator", a->text) == -1 ||
	    record_decision_indicator(c->st, id, a->text, &ind) == -1 ||
	    (a->opt_who != NULL && record_indicator_set(c->st, ind, "who",
	    a->opt_who) == -1) ||
	    (a->opt_ask != NULL && record_indicator_set(c->st, ind, "ask",
	    a->opt_ask) == -1))
		return -1;
	cli_say(c, "Added Key Human Indicator %lld to decision %lld: how we "
	    "would know it worked.", store_int(c->st, "SELECT count(*) FROM "
	    "indicator WHERE decision_id = ?", 0, "i", id), id);
	return 0;
}

static int
cmd_decision_baseline(struct cli *c, struct args *a)
{
	long long	 wsid, id, ind;

	if ((wsid = current(c)) == 0 ||
	    (id = decision_named(c, wsid, a->word[0])) == 0 ||
	    (ind = decision_line(c, id, "indicator", a->word[1])) == 0 ||
	    check_text(c, "what it is like now", a->text) == -1 ||
	    record_indicator_set(c->st, ind, "now", a->text) == -1)
		return -1;
	cli_say(c, "Recorded what it is like now for Key Human Indicator %s "
	    "of decision %lld.", a->word[1], id);
	return 0;
}

/* 1 if decision `id' is agreed; else says why progress waits for it. */
static int
is_agreed(struct cli *c, long long id)
{
	if (store_int(c->st, "SELECT state = 'agreed' FROM decision WHERE "
	    "id = ?", 0, "i", id))
		return 1;
	cli_fail(c, "Decision %lld is not agreed, so nothing has been done "
	    "about it yet. If the room agreed it, first type: decision agree "
	    "%lld.", id, id);
	return 0;
}

static int
cmd_decision_status(struct cli *c, struct args *a)
{
	long long	 wsid, id;
	char		*all;

	if ((wsid = current(c)) == 0 ||
	    (id = decision_named(c, wsid, a->word[0])) == 0)
		return -1;
	if (strcmp(a->word[1], "none") != 0 &&
	    vocab_find(vocab_progress, a->word[1]) == NULL) {
		all = vocab_keys(vocab_progress);
		cli_fail(c, "'%s' is not how a decision is getting on. Give "
		    "one of: %s, or none.", a->word[1], all);
		free(all);
		return -1;
	}
	if (!is_agreed(c, id) ||
	    record_decision_set(c->st, id, "status", a->word[1]) == -1)
		return -1;
	if (strcmp(a->word[1], "none") == 0)
		cli_say(c, "Decision %lld has no progress status now.", id);
	else if (strcmp(a->word[1], "dropped") == 0)
		cli_say(c, "Decision %lld is dropped: it moves no money now, "
		    "and pages say they decided not to do it after all.", id);
	else
		cli_say(c, "Decision %lld is %s.", id, a->word[1]);
	return 0;
}

static int
cmd_decision_progress(struct cli *c, struct args *a)
{
	struct tm	 tm;
	time_t		 t = time(NULL);
	long long	 wsid, id, note;
	char		 day[16];

	if ((wsid = current(c)) == 0 ||
	    (id = decision_named(c, wsid, a->word[0])) == 0 ||
	    !is_agreed(c, id) ||
	    check_text(c, "progress", a->text) == -1)
		return -1;
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(day, sizeof(day), "%Y-%m-%d", &tm) == 0)
		return cli_fail(c, "Cannot tell today's date.");
	/* A note may be written up later: --on the day it happened. */
	if (a->opt_on != NULL && !record_is_date(a->opt_on))
		return cli_fail(c, "'%s' is not a date. Write the day of the "
		    "note as year-month-day, such as %s.", a->opt_on, day);
	if (a->opt_on != NULL && strcmp(a->opt_on, day) > 0)
		return cli_fail(c, "%s is after today. A progress note says "
		    "what has happened; give the day it did.", a->opt_on);
	/* Progress comes after the workshop that agreed it. */
	if (a->opt_on != NULL && store_int(c->st, "SELECT ? < date FROM "
	    "workshop WHERE id = ?", 0, "ti", a->opt_on, wsid))
		return cli_fail(c, "%s is before the workshop, on %s. A "
		    "progress note says what happened after it; give the day "
		    "it did.", a->opt_on, name_of(c, "SELECT date FROM "
		    "workshop WHERE id = ?", wsid));
	if (a->opt_on != NULL)
		snprintf(day, sizeof(day), "%s", a->opt_on);
	if (record_decision_progress(c->st, id, day, a->text, &note) == -1)
		return -1;
	cli_say(c, "Noted the progress of decision %lld on %s.", id, day);
	return 0;
}

/*
 * Per area and resource, from the ledger: the money recorded now, and
 * after the agreed decisions.  A change counts under its model's own area,
 * whatever area its decision was filed under.
 */
static int
cmd_shift(struct cli *c, struct args *a)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;
	long long	 wsid, area = 0, before, after, net, expected;
	int		 n = 0;

	if ((wsid = current(c)) == 0 ||
	    (a->nword > 0 && (area = area_named(c, a->word[0])) == 0))
		return -1;
	if ((stmt = store_query(c->st, "SELECT a.name, r.name, r.unit, "
	    "sum(ifnull(l.now, 0)), sum(l.agreed), sum(l.expected), "
	    "count(l.expected) FROM ledger l JOIN area a ON a.id = l.area_id "
	    "JOIN resource r ON r.id = l.resource_id WHERE l.workshop_id = ?1 "
	    "AND (?2 = 0 OR l.area_id = ?2) GROUP BY a.id, r.id ORDER BY "
	    "a.position, r.position", "ii", wsid, area)) == NULL)
		return -1;
	buf_init(&b);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *unit = store_col(stmt, 2);

		before = sqlite3_column_int64(stmt, 3);
		net = sqlite3_column_int64(stmt, 4);
		after = before + net;
		expected = sqlite3_column_int64(stmt, 5);
		buf_reset(&b);
		buf_addf(&b, "%s, %s: ", store_col(stmt, 0), store_col(stmt, 1));
		view_amount(&b, unit, before);
		buf_adds(&b, " before, ");
		view_amount(&b, unit, after);
		buf_adds(&b, " after the agreed decisions. ");
		if (net == 0)
			buf_adds(&b, "The changes balance.");
		else {
			buf_adds(&b, "The changes add up to ");
			view_amount(&b, unit, net < 0 ? -net : net);
			buf_adds(&b, net > 0 ? " more." : " less.");
		}
		if (sqlite3_column_int(stmt, 6) > 0) {
			buf_adds(&b, after <= expected ? " That is within " :
			    " That is over ");
			buf_adds(&b, "the expected ");
			view_amount(&b, unit, expected);
			buf_adds(&b, ".");
		}
		cli_say(c, "%s", b.data);
		n++;
	}
	store_done(stmt);
	buf_release(&b);
	if (n == 0)
		cli_say(c, "There is no money recorded and no agreed change "
		    "here yet.");
	return 0;
}

/* ---- undo, log, purge ---------------------------------------------- */

/* The model a money snapshot `json' is for, by name. */
static const char *
money_model(struct cli *c, const char *json)
{
	static char	 name[256];
	sqlite3_stmt	*stmt;

	snprintf(name, sizeof(name), "a model");
	if (json != NULL && (stmt = store_query(c->st, "SELECT name FROM model "
	    "WHERE id = json_extract(?, '$.model_id')", "t", json)) != NULL) {
		if (sqlite3_step(stmt) == SQLITE_ROW)
			snprintf(name, sizeof(name), "%s", store_col(stmt, 0));
		store_done(stmt);
	}
	return name;
}

/* What a table's row is called in a sentence: "contribution 37". */
static long long
say_row(struct cli *c, struct buf *b, const char *tbl, long long id,
    const char *json)
{
	long long	 parent = 0;
	char		*key = NULL;
	sqlite3_stmt	*stmt;

	/* The parent decision, from the snapshot: the row may be gone. */
	if (json != NULL && (stmt = store_query(c->st, "SELECT "
	    "json_extract(?1, '$.decision_id'), json_extract(?1, '$.key'), "
	    "json_extract(?1, '$.slug')", "t", json)) != NULL) {
		if (sqlite3_step(stmt) == SQLITE_ROW) {
			parent = sqlite3_column_int64(stmt, 0);
			if (*store_col(stmt, 1) != '\0')
				key = xstrdup(store_col(stmt, 1));
			else if (*store_col(stmt, 2) != '\0')
				key = xstrdup(store_col(stmt, 2));
		}
		store_done(stmt);
	}
	if (strcmp(tbl, "decision_change") == 0)
		buf_addf(b, "a change of decision %lld", parent);
	else if (strcmp(tbl, "decision_basis") == 0)
		buf_addf(b, "a reason for decision %lld", parent);
	else if (strcmp(tbl, "indicator") == 0)
		buf_addf(b, "an indicator of decision %lld", parent);
	else if (strcmp(tbl, "decision_progress") == 0)
		buf_addf(b, "a progress note of decision %lld", parent);
	else if (strcmp(tbl, "money") == 0)
		buf_addf(b, "the money for %s", money_model(c, json));
	else if (strcmp(tbl, "participant") == 0)
		buf_adds(b, "a participant");
	else if (key != NULL)
		buf_addf(b, "%s %s", tbl, key);
	else
		buf_addf(b, "%s %lld", tbl, id);
	free(key);
	return parent;
}

/* A workshop's switches, 0 or 1 in the record, as a person says them. */
static const struct onoff {
	const char	*col, *what, *on, *off;
} switches[] = {
	{ "input_open", "participant input", "open", "closed" },
	{ "moderate", "moderation", "on", "off" },
	{ "gopher_input", "input over Gopher", "on", "off" },
	{ "http_input", "input over the web", "on", "off" },
};

static const struct onoff *
switch_named(const char *col)
{
	size_t	 i;

	for (i = 0; i < sizeof(switches) / sizeof(switches[0]); i++)
		if (strcmp(switches[i].col, col) == 0)
			return &switches[i];
	return NULL;
}

/*
 * What an undone change put back: each column that differs between the
 * snapshots, up to three, as "its place reads again: Northtown Library",
 * "its place is empty again" or "participant input is open again".
 * Caller frees; NULL if none differs.
 */
static char *
put_back(struct cli *c, const char *before, const char *after,
    const char *words)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;
	const struct onoff *sw;
	const char	*key, *val;
	char		*p;
	int		 state = 0;

	/* Each column that differs, as the table has them: up to three. */
	if ((stmt = store_query(c->st, "SELECT b.key, b.value FROM "
	    "json_each(?1) b JOIN json_each(?2) a ON a.key = b.key WHERE "
	    "a.value IS NOT b.value AND b.key NOT LIKE '%id' ORDER BY b.id "
	    "LIMIT 3", "tt", before, after)) == NULL)
		return NULL;
	buf_init(&b);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		key = store_col(stmt, 0);
		val = store_col(stmt, 1);
		buf_adds(&b, b.len > 0 ? "; " : "");
		if (strcmp(key, "state") == 0) {
			/* Shown or hidden again: which words, is what matters. */
			buf_addf(&b, "it is %s again", val);
			state = 1;
			continue;
		}
		if ((sw = switch_named(key)) != NULL) {
			buf_addf(&b, "%s is %s again", sw->what,
			    strcmp(val, "1") == 0 ? sw->on : sw->off);
			continue;
		}
		buf_adds(&b, "its ");
		for (; *key != '\0'; key++)
			buf_addc(&b, *key == '_' ? ' ' : *key);
		if (*val == '\0')
			buf_adds(&b, " is empty again");
		else
			buf_addf(&b, " reads again: %s", val);
	}
	store_done(stmt);
	if (state && words != NULL)
		buf_addf(&b, ": %s", words);
	if (b.len == 0)
		return NULL;
	/* The sentence ends with its own full stop. */
	if ((p = b.data + b.len) > b.data && p[-1] == '.')
		p[-1] = '\0';
	return buf_take(&b);
}

/* "." to end a sentence with `words', unless they end one already. */
static const char *
full_stop(const char *words)
{
	size_t	 n;

	if (words == NULL || (n = strlen(words)) == 0)
		return ".";
	return strchr(".?!", words[n - 1]) != NULL ? "" : ".";
}

/* The words a snapshot holds, if any, for the sentence. */
static char *
row_words(struct cli *c, const char *json)
{
	sqlite3_stmt	*stmt;
	char		*w = NULL;

	if (json == NULL || (stmt = store_query(c->st, "SELECT coalesce("
	    "json_extract(?1, '$.text'), json_extract(?1, '$.statement'), "
	    "json_extract(?1, '$.title'), json_extract(?1, '$.name'))", "t",
	    json)) == NULL)
		return NULL;
	if (sqlite3_step(stmt) == SQLITE_ROW && *store_col(stmt, 0) != '\0')
		w = xstrdup(store_col(stmt, 0));
	store_done(stmt);
	return w;
}

static int
cmd_undo(struct cli *c, struct args *a)
{
	struct store_undone	 u;
	struct buf		 b, used;
	char			*words, *changed;
	long long		 parent;
	int			 rc;

	(void)a;
	rc = store_undo(c->st, &u);
	buf_init(&b);
	buf_init(&used);
	if (rc == 1)
		cli_say(c, "There is nothing of yours to undo. Undo takes back "
		    "only what this blanksheet did, never another "
		    "note-taker's work.");
	else if (rc == 2 && strcmp(u.command, "import") == 0)
		cli_fail(c, "Your last change, import, cannot be undone, nor "
		    "anything before it. To take an imported workshop away "
		    "whole, use: purge SLUG.");
	else if (rc == 2 && strcmp(u.command, "consent") == 0)
		cli_fail(c, "Your last change, consent, cannot be undone, nor "
		    "anything before it. If the person no longer agrees, use: "
		    "consent withdraw CODE.");
	else if (rc == 2)
		cli_fail(c, "Your last change, %s, cannot be undone, nor "
		    "anything before it: it removed words or a name for good.",
		    u.command);
	else if (rc == 3) {
		/* The row as it is now names its decision, if it has one. */
		words = store_snapshot(c->st, u.conflict_tbl, u.conflict_id);
		say_row(c, &b, u.conflict_tbl, u.conflict_id, words != NULL ?
		    words : u.after != NULL ? u.after : u.before);
		free(words);
		cli_fail(c, "Nothing was undone: someone else has changed %s "
		    "since your %s, and undo would take back their change too. "
		    "Correct it by hand instead.", b.data, u.command);
	} else if (rc == 4) {
		words = store_snapshot(c->st, u.conflict_tbl, u.conflict_id);
		say_row(c, &b, u.used_tbl, u.used_id, NULL);
		say_row(c, &used, u.conflict_tbl, u.conflict_id, words);
		free(words);
		cli_fail(c, "Nothing was undone: %s is now used by %s, which "
		    "was added since. Take that away first.", b.data,
		    used.data);
	} else if (rc == -1)
		cli_fail(c, "Nothing was undone: the record refused it.");
	else if (rc == 0) {
		/* Named by the workshop it changed, which may not be in use. */
		c->named = u.wsid == c->wsid;
		if (!c->named && u.wsid != 0 && store_int(c->st, "SELECT "
		    "count(*) FROM workshop WHERE id = ?", 0, "i", u.wsid))
			buf_addf(&used, " (in workshop %s)", name_of(c, "SELECT "
			    "slug FROM workshop WHERE id = ?", u.wsid));
		parent = say_row(c, &b, u.tbl, u.row_id, u.after != NULL ?
		    u.after : u.before);
		words = row_words(c, u.before == NULL ? u.after : u.before);
		if (u.before == NULL)
			cli_say(c, "Took back %s%s%s%s%s", b.data, used.len ?
			    used.data : "", words ? ": " : "", words ? words :
			    "", full_stop(words));
		else if (u.after == NULL)
			cli_say(c, "Put back %s%s%s%s%s", b.data, used.len ?
			    used.data : "", words ? ": " : "", words ? words :
			    "", full_stop(words));
		else {
			/* What was put back, not the row's first words. */
			changed = put_back(c, u.before, u.after, words);
			free(words);
			words = changed;
			if (parent != 0)
				cli_say(c, "Took back your %s on decision "
				    "%lld%s%s%s.", u.command, parent, used.len ?
				    used.data : "", words ? ": " : "", words ?
				    words : "");
			else
				cli_say(c, "Took back your %s on %s%s%s%s.",
				    u.command, b.data, used.len ? used.data : "",
				    words ? ": " : "", words ? words : "");
		}
		free(words);
		/* "approve 21 22": the rest is said, not only the first. */
		if (u.more > 0)
			cli_say(c, "Your %s changed %lld more %s, and %s as %s "
			    "before too.", u.command, u.more, u.more == 1 ?
			    "thing" : "things", u.more == 1 ? "it is" :
			    "they are", u.more == 1 ? "it was" : "they were");
	}
	buf_release(&b);
	buf_release(&used);
	store_undone_release(&u);
	return rc == 0 || rc == 1 ? 0 : -1;
}

static int
cmd_log(struct cli *c, struct args *a)
{
	sqlite3_stmt	*stmt;
	long long	 count = 20;

	if (a->nword > 0 && (parse_amount(a->word[0], 0, &count) == -1 ||
	    count <= 0))
		return cli_fail(c, "'%s' is not a number of entries. For "
		    "example: log 20.", a->word[0]);
	if ((stmt = store_query(c->st, "SELECT * FROM (SELECT a.id, a.at, "
	    "CASE WHEN a.undoes IS NULL THEN a.command ELSE 'undo of ' || "
	    "ifnull((SELECT command FROM audit u WHERE u.batch = a.undoes "
	    "LIMIT 1), '?') END, a.tbl, a.row_id, a.before IS NULL, a.after "
	    "IS NULL FROM audit a ORDER BY a.id DESC LIMIT ?) ORDER BY 1", "i",
	    count)) == NULL)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		const char *tbl = store_col(stmt, 3);
		const char *what;

		/* An entry of no table is a barrier that undo stops at. */
		if (*tbl == '\0' && strcmp(store_col(stmt, 2), "import") == 0)
			what = "brought in a workshop whole, which undo does "
			    "not take back";
		else if (*tbl == '\0' && strcmp(store_col(stmt, 2),
		    "consent") == 0)
			what = "kept a name with consent, which undo does not "
			    "take back";
		else if (*tbl == '\0')
			what = "removed for good";
		else if (sqlite3_column_int(stmt, 5))
			what = "added";
		else if (sqlite3_column_int(stmt, 6))
			what = "removed";
		else
			what = "changed";
		if (*tbl == '\0')
			cli_say(c, "Entry %lld, %s, %s: %s.",
			    sqlite3_column_int64(stmt, 0), store_col(stmt, 1),
			    store_col(stmt, 2), what);
		else
			cli_say(c, "Entry %lld, %s, %s: %s %s %lld.",
			    sqlite3_column_int64(stmt, 0), store_col(stmt, 1),
			    store_col(stmt, 2), what, tbl,
			    sqlite3_column_int64(stmt, 4));
	}
	store_done(stmt);
	return 0;
}

/* Retention: a workshop is kept for its days after its date. */
#define EXPIRED	"SELECT id, slug, date, substr(created, 1, 10), " \
	"retention_days FROM workshop WHERE julianday('now') > " \
	"julianday(ifnull(date, created)) + retention_days ORDER BY slug"

/*
 * Purge every workshop past its time to be kept: named first, then
 * confirmed, as purging one is; a date typed wrong can make a workshop
 * look old.
 */
static int
purge_expired(struct cli *c, struct args *a)
{
	sqlite3_stmt	*stmt;
	struct buf	 slugs;
	long long	*ids = NULL, days;
	size_t		 n = 0, i;
	int		 rc = -1, gone = 0, still;

	if ((stmt = store_query(c->st, EXPIRED, "")) == NULL)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		ids = xreallocarray(ids, n + 1, sizeof(*ids));
		ids[n++] = sqlite3_column_int64(stmt, 0);
		days = sqlite3_column_int64(stmt, 4);
		cli_say(c, "Workshop %s, %s on %s, was to be kept for %lld "
		    "day%s.", store_col(stmt, 1), sqlite3_column_type(stmt, 2)
		    != SQLITE_NULL ? "held" : "with no date, made",
		    sqlite3_column_type(stmt, 2) != SQLITE_NULL ?
		    store_col(stmt, 2) : store_col(stmt, 3), days, days == 1 ?
		    "" : "s");
	}
	store_done(stmt);
	if (n == 0) {
		cli_say(c, "No workshop has passed its time to be kept.");
		free(ids);
		return 0;
	}
	/* The answer so far is shown before the question. */
	fputs(c->out.data != NULL ? c->out.data : "", stdout);
	fflush(stdout);
	buf_reset(&c->out);
	buf_init(&slugs);
	if (!cli_confirm(c, a->yes, n == 1 ? "Purging this workshop and "
	    "everything in it" : "Purging these workshops and everything in "
	    "them", "expired", "purge expired"))
		goto out;
	for (i = 0; i < n; i++) {
		/* Still there, and still past its time, after the question. */
		if ((stmt = store_query(c->st, "SELECT slug FROM (" EXPIRED ") "
		    "WHERE id = ?", "i", ids[i])) == NULL)
			goto out;
		still = sqlite3_step(stmt) == SQLITE_ROW;
		if (still)
			buf_addf(&slugs, "%s%s", slugs.len > 0 ? ", " : "",
			    store_col(stmt, 0));
		store_done(stmt);
		if (!still)
			continue;
		if (record_workshop_purge(c->st, ids[i]) == -1)
			goto out;
		gone++;
		if (c->wsid == ids[i])
			cli_use(c, 0, NULL);
	}
	if (gone == 0)
		cli_say(c, "Nothing was purged: those workshops were changed "
		    "meanwhile.");
	else
		cli_say(c, "Purged %s: %s. This cannot be undone.", gone == 1 ?
		    "the workshop past its time to be kept" : "the workshops "
		    "past their time to be kept", slugs.data);
	rc = 0;
 out:
	free(ids);
	buf_release(&slugs);
	return rc;
}

static int
cmd_purge(struct cli *c, struct args *a)
{
	long long	 id;

	if (strcmp(a->word[0], "expired") == 0)
		return purge_expired(c, a);
	if ((id = workshop_named(c, a->word[0])) == 0)
		return -1;
	if (!cli_confirm(c, a->yes, "Purging a workshop and everything in it",
	    a->word[0], "purge SLUG") ||
	    workshop_named(c, a->word[0]) != id ||
	    record_workshop_purge(c->st, id) == -1)
		return -1;
	if (c->wsid == id)
		cli_use(c, 0, NULL);
	cli_say(c, "Purged workshop %s and everything recorded in it. This "
	    "cannot be undone.", a->word[0]);
	return 0;
}

static int
cmd_help(struct cli *c, struct args *a);

static int
cmd_quit(struct cli *c, struct args *a)
{
	(void)c;
	(void)a;
	return 0;
}

/* ---- exports ------------------------------------------------------- */

/* export and report: the command's words to export_run(); its sentence. */
static int
run_export(struct cli *c, struct args *a, const char *format)
{
	static const char *const formats[] = { "json", "csv", "gmi", "md",
	    "html", NULL };
	struct export_opts	 o;
	struct buf		 msg;
	int			 rc;

	memset(&o, 0, sizeof(o));
	o.format = format;
	o.output = a->opt_output;
	o.all = a->all;
	if (a->all && a->nword > 0)
		return cli_fail(c, "Give a workshop or --all, not both.");
	/* "export md": a format where a workshop goes. */
	if (!a->all && a->nword > 0 && str_in_list(formats, a->word[0]) &&
	    record_workshop_id(c->st, a->word[0]) == 0)
		return cli_fail(c, "'%s' is a format: give it with --format, "
		    "such as: %s --format %s.", a->word[0], c->running,
		    a->word[0]);
	if (!a->all && (o.wsid = workshop_arg(c, a, 0)) == 0)
		return -1;
	buf_init(&msg);
	if ((rc = export_run(c->st, &o, &msg)) == -1)
		cli_fail(c, "%s", msg.data);
	else if (msg.len > 0)
		cli_say(c, "%s", msg.data);
	buf_release(&msg);
	return rc;
}

static int
cmd_export(struct cli *c, struct args *a)
{
	return run_export(c, a, a->opt_format);
}

static int
cmd_report(struct cli *c, struct args *a)
{
	const char	*f = a->opt_format != NULL ? a->opt_format : "md";

	if (strcmp(f, "md") != 0 && strcmp(f, "gmi") != 0 && strcmp(f,
	    "html") != 0)
		return cli_fail(c, "A report is md (Markdown), gmi (gemtext) or "
		    "html, not '%s'. For data, use export.", f);
	return run_export(c, a, f);
}

static int
cmd_backup(struct cli *c, struct args *a)
{
	const char	*errstr;

	if (store_backup(c->st, a->word[0], &errstr) == -1)
		return cli_fail(c, "No backup was made: %s. The record is as it "
		    "was.", errstr);
	cli_say(c, "Wrote a copy of the whole record to %s and checked it. "
	    "It holds names and receipt codes: keep it as safe as the record.",
	    a->word[0]);
	return 0;
}

static int
cmd_import(struct cli *c, struct args *a)
{
	struct buf	 msg;
	int		 rc;

	buf_init(&msg);
	if ((rc = import_run(c->st, a->word[0], a->opt_rename, &msg)) == -1)
		cli_fail(c, "%s", msg.data);
	else
		cli_say(c, "%s", msg.data);
	buf_release(&msg);
	return rc;
}

const struct cmd cli_commands[] = {
	{ "help", 0, 2, 0, 0, NULL, cmd_help, "help [COMMAND]",
	  "List the commands, or explain one.", { ARG_COMMAND } },
	{ "init", 0, 0, 0, 0, NULL, cmd_init, "init",
	  "Create the record, or bring it up to date.", { ARG_NONE } },
	{ "use", 1, 1, 0, 0, NULL, cmd_use, "use SLUG",
	  "Choose the workshop that this blanksheet's later commands work "
	  "on; other note-takers keep their own.", { ARG_SLUG } },
	{ "workshop add", 1, 1, 1, 1, NULL, cmd_workshop_add,
	  "workshop add SLUG TITLE", "Create a workshop and use it.",
	  { ARG_NONE } },
	{ "workshop list", 0, 0, 0, 0, NULL, cmd_workshop_list,
	  "workshop list", "List the workshops.", { ARG_NONE } },
	{ "workshops", 0, 0, 0, 0, NULL, cmd_workshop_list, "workshops",
	  "List the workshops.", { ARG_NONE } },
	{ "workshop show", 0, 1, 0, 0, NULL, cmd_workshop_show,
	  "workshop show [SLUG]", "Show a workshop's details.",
	  { ARG_SLUG } },
	{ "workshop set", 1, 1, 1, 1, NULL, cmd_workshop_set,
	  "workshop set FIELD VALUE",
	  "Set title, date (2026-12-01), place, language (en-GB) or "
	  "retention (days kept after the date).", { ARG_WFIELD } },
	{ "workshop open", 0, 1, 0, 1, NULL, cmd_workshop_open,
	  "workshop open [SLUG]", "Mark a workshop as open.", { ARG_SLUG } },
	{ "workshop close", 0, 1, 0, 1, NULL, cmd_workshop_close,
	  "workshop close [SLUG]",
	  "Mark a workshop as closed; participant input closes too.",
	  { ARG_SLUG } },
	{ "input", 1, 2, 0, 1, NULL, cmd_input,
	  "input open|close, input gopher on|off, input http on|off, or "
	  "input moderate on|off",
	  "Open or close participant input, allow it over Gopher or plain "
	  "HTTP, or hold participants' words until you have read them.",
	  { ARG_ONOFF, ARG_ONOFF } },
	{ "queue", 0, 0, 0, 0, NULL, cmd_queue, "queue",
	  "List participants' words waiting to be read.", { ARG_NONE } },
	{ "approve", 1, CLI_ARGS_MAX - 2, 0, 1, NULL, cmd_approve,
	  "approve NUMBER...", "Show waiting words on the pages.",
	  { ARG_CONTRIBUTION, ARG_CONTRIBUTION } },
	{ "watch", 0, 1, 0, 0, NULL, cmd_watch, "watch [SECONDS]",
	  "Print participants' words as they arrive, until Control-C.",
	  { ARG_NONE } },
	{ "areas", 0, 0, 0, 0, NULL, cmd_areas, "areas",
	  "List the five areas of support.", { ARG_NONE } },
	{ "stages", 0, 0, 0, 0, NULL, cmd_stages, "stages",
	  "List the stages of each conversation and their questions.",
	  { ARG_NONE } },
	{ "models", 0, 1, 0, 0, NULL, cmd_models, "models [AREA]",
	  "List models of support, national and local.", { ARG_AREA } },
	{ "model add", 2, 2, 1, 1, NULL, cmd_model_add,
	  "model add AREA KEY NAME", "Add a local model of support.",
	  { ARG_AREA, ARG_NONE } },
	{ "model set", 2, 2, 1, 1, NULL, cmd_model_set,
	  "model set KEY FIELD TEXT",
	  "Set the name, summary or evidence of a local model.",
	  { ARG_MODEL, ARG_MFIELD } },
	{ "say", 2, 2, 1, 1, "by stage", cmd_say,
	  "say AREA KIND [--by CODE] [--stage STAGE] TEXT",
	  "Record what someone said. Kinds: goodlife, like, dislike, idea, "
	  "question, note.", { ARG_AREA, ARG_KIND } },
	{ "said", 0, 2, 0, 0, NULL, cmd_said, "said [AREA] [KIND]",
	  "List what has been said, with numbers.", { ARG_AREA, ARG_KIND } },
	{ "search", 0, 0, 1, 0, NULL, cmd_search, "search WORDS",
	  "Find contributions that contain some words.", { ARG_NONE } },
	{ "edit", 1, 1, 1, 1, NULL, cmd_edit, "edit NUMBER TEXT",
	  "Replace the words of a contribution.", { ARG_CONTRIBUTION } },
	{ "hide", 1, 1, 0, 1, NULL, cmd_hide, "hide NUMBER",
	  "Hide a contribution from pages and exports.",
	  { ARG_CONTRIBUTION } },
	{ "unhide", 1, 1, 0, 1, NULL, cmd_unhide, "unhide NUMBER",
	  "Show a hidden contribution again.", { ARG_CONTRIBUTION } },
	{ "move", 2, 3, 0, 1, NULL, cmd_move, "move NUMBER AREA [KIND]",
	  "Move a contribution to another area, and to another kind if "
	  "given.", { ARG_CONTRIBUTION, ARG_AREA, ARG_KIND } },
	{ "redact", 1, 1, 0, 1, "yes", cmd_redact, "redact NUMBER [--yes]",
	  "Remove a contribution's words for good, after typing its number "
	  "again (--yes in a script).", { ARG_CONTRIBUTION } },
	{ "participant add", 1, 2, 0, 1, NULL, cmd_participant_add,
	  "participant add ROLE [LANGUAGE]",
	  "Register a participant without a name; prints a receipt code. "
	  "Roles: lived, carer, worker, commissioner, community, other, "
	  "facilitator, notetaker.",
	  { ARG_ROLE } },
	{ "participants", 0, 0, 0, 0, NULL, cmd_participants, "participants",
	  "List participants by receipt code and role.", { ARG_NONE } },
	{ "consent", 1, 1, 1, 1, "private", cmd_consent, "consent CODE NAME",
	  "Keep a participant's name because they agreed to it.",
	  { ARG_NONE } },
	{ "consent withdraw", 1, 1, 0, 1, "private", cmd_consent_withdraw,
	  "consent withdraw CODE",
	  "Forget a participant's name, for good, when they no longer agree "
	  "to it being kept.", { ARG_NONE } },
	{ "erase", 1, 1, 0, 1, "yes private", cmd_erase, "erase CODE [--yes]",
	  "Erase a participant and everything they said, for good, after "
	  "typing the code again (--yes in a script).",
	  { ARG_NONE } },
	{ "money", 4, 6, 0, 1, NULL, cmd_money,
	  "money AREA MODEL RESOURCE NOW [EXPECTED [YEAR]]",
	  "Record the amount now and expected (kept unless typed again; none "
	  "removes it). Resources: state, funding, time, community.", { ARG_AREA, ARG_MODEL, ARG_RESOURCE } },
	{ "budget", 0, 1, 0, 0, NULL, cmd_budget, "budget [AREA]",
	  "List the money recorded.", { ARG_AREA } },
	{ "decision add", 1, 1, 1, 1, NULL, cmd_decision_add,
	  "decision add AREA STATEMENT", "Propose a decision.",
	  { ARG_AREA } },
	{ "decision show", 1, 1, 0, 0, NULL, cmd_decision_show,
	  "decision show NUMBER", "Show a decision in full.",
	  { ARG_DECISION } },
	{ "decisions", 0, 1, 0, 0, NULL, cmd_decisions, "decisions [AREA]",
	  "List the decisions.", { ARG_AREA } },
	{ "decision vote", 4, 4, 0, 1, NULL, cmd_decision_vote,
	  "decision vote NUMBER FOR AGAINST ABSTAIN",
	  "Record a show of hands.", { ARG_DECISION } },
	{ "decision method", 2, 2, 0, 1, NULL, cmd_decision_method,
	  "decision method NUMBER METHOD",
	  "Record how it was decided: consensus, vote, majority, "
	  "facilitator.", { ARG_DECISION, ARG_METHOD } },
	{ "decision dissent", 1, 1, 1, 1, NULL, cmd_decision_dissent,
	  "decision dissent NUMBER TEXT", "Record who disagreed and why, "
	  "without names.", { ARG_DECISION } },
	{ "decision change", 4, 4, 0, 1, NULL, cmd_decision_change,
	  "decision change NUMBER MODEL RESOURCE +/-AMOUNT",
	  "Record what the decision moves: more or less for a model. Given "
	  "again for the same model and resource, it corrects the change.",
	  { ARG_DECISION, ARG_MODEL, ARG_RESOURCE } },
	{ "decision remove", 3, 3, 0, 1, NULL, cmd_decision_remove,
	  "decision remove NUMBER WHAT LINE",
	  "Remove a line of a decision: change 2, indicator 1, progress 1 (as "
	  "decision show numbers them) or basis and a contribution's number.",
	  { ARG_DECISION, ARG_WHAT } },
	{ "decision basis", 2, CLI_ARGS_MAX - 3, 0, 1, NULL,
	  cmd_decision_basis, "decision basis NUMBER CONTRIBUTION...",
	  "Record the contributions a decision rests on.",
	  { ARG_DECISION, ARG_CONTRIBUTION } },
	{ "decision indicator", 1, 1, 1, 1, "who ask", cmd_decision_indicator,
	  "decision indicator NUMBER [--who WHO] [--ask DATE] TEXT",
	  "Record a Key Human Indicator: what will be noticed if it worked; "
	  "who will say it (people, families, workers) and when it will be "
	  "asked again.", { ARG_DECISION } },
	{ "decision baseline", 2, 2, 1, 1, NULL, cmd_decision_baseline,
	  "decision baseline NUMBER LINE TEXT",
	  "Record what it is like now for a Key Human Indicator (its line, "
	  "as decision show numbers them).", { ARG_DECISION, ARG_NONE } },
	{ "decision status", 2, 2, 0, 1, NULL, cmd_decision_status,
	  "decision status NUMBER STATUS",
	  "After the workshop: say an agreed decision is started, done, "
	  "stalled or dropped (none takes it back).",
	  { ARG_DECISION, ARG_STATUS } },
	{ "decision progress", 1, 1, 1, 1, "on", cmd_decision_progress,
	  "decision progress NUMBER [--on DATE] TEXT",
	  "Add a note on how an agreed decision is getting on, dated today, or "
	  "--on the day it happened.",
	  { ARG_DECISION } },
	{ "decision agree", 1, 1, 0, 1, NULL, cmd_decision_agree,
	  "decision agree NUMBER", "Mark a decision as agreed.",
	  { ARG_DECISION } },
	{ "decision reject", 1, 1, 0, 1, NULL, cmd_decision_reject,
	  "decision reject NUMBER", "Mark a decision as rejected.",
	  { ARG_DECISION } },
	{ "decision propose", 1, 1, 0, 1, NULL, cmd_decision_propose,
	  "decision propose NUMBER", "Put a decision back to proposed.",
	  { ARG_DECISION } },
	{ "decision review", 2, 2, 0, 1, NULL, cmd_decision_review,
	  "decision review NUMBER DATE", "Set when to look at it again.",
	  { ARG_DECISION } },
	{ "decision next", 1, 1, 1, 1, NULL, cmd_decision_next,
	  "decision next NUMBER TEXT", "Record the next steps.",
	  { ARG_DECISION } },
	{ "shift", 0, 1, 0, 0, NULL, cmd_shift, "shift [AREA]",
	  "Totals before and after the agreed decisions, and whether they "
	  "balance.", { ARG_AREA } },
	{ "undo", 0, 0, 0, 1, NULL, cmd_undo, "undo",
	  "Take back the last change this blanksheet made; never another "
	  "note-taker's.", { ARG_NONE } },
	{ "log", 0, 1, 0, 0, NULL, cmd_log, "log [COUNT]",
	  "Show the latest entries of the audit log.", { ARG_NONE } },
	{ "purge", 1, 1, 0, 1, "yes", cmd_purge,
	  "purge SLUG [--yes], or purge expired [--yes]",
	  "Remove a workshop for good, after typing its name again (--yes in "
	  "a script); or every workshop past its retention.", { ARG_SLUG } },
	{ "backup", 1, 1, 0, 0, NULL, cmd_backup, "backup FILE",
	  "Write a checked copy of the whole record to a new file, safely "
	  "while others read and write.", { ARG_FILE } },
	{ "export", 0, 1, 0, 0, "format output all", cmd_export,
	  "export [SLUG] [--all] --format json|csv|gmi|md|html [-o PATH]",
	  "Write the decision record of a workshop, or of the one in use; "
	  "with --all, of every workshop.", { ARG_SLUG } },
	{ "report", 0, 1, 0, 0, "format output all", cmd_report,
	  "report [SLUG] [--all] [--format md|gmi|html] [-o PATH]",
	  "Write the readable decision record (Markdown unless --format gmi "
	  "or html): a summary, then its parts; -o FOLDER writes each as a "
	  "file, linked from index.  With --all, every workshop's decisions "
	  "by area.", { ARG_SLUG } },
	{ "import", 1, 1, 0, 1, "rename", cmd_import,
	  "import FILE [--rename SLUG]",
	  "Recreate a workshop, or every workshop of an export --all, from a "
	  "JSON export.", { ARG_FILE } },
	{ "quit", 0, 0, 0, 0, NULL, cmd_quit, "quit", "Leave blanksheet.",
	  { ARG_NONE } },
	{ NULL, 0, 0, 0, 0, NULL, NULL, NULL, NULL, { ARG_NONE } }
};

static int
cmd_help(struct cli *c, struct args *a)
{
	const struct cmd	*cmd;
	char			 name[128];
	int			 n = 0;

	if (a->nword == 0) {
		cli_say(c, "Commands, one a line. Type help and a command "
		    "for more.");
		for (cmd = cli_commands; cmd->name != NULL; cmd++)
			cli_say(c, "%s: %s", cmd->usage, cmd->help);
		cli_say(c, "The record is %s; choose another with -d FILE or "
		    "BLANKSHEET_DB. Without either it is %s.", c->dbpath,
		    cli_default_db());
		return 0;
	}
	snprintf(name, sizeof(name), "%s%s%s", a->word[0], a->nword > 1 ?
	    " " : "", a->nword > 1 ? a->word[1] : "");
	for (cmd = cli_commands; cmd->name != NULL; cmd++) {
		if (strcmp(cmd->name, name) == 0 ||
		    (strncmp(cmd->name, name, strlen(name)) == 0 &&
		    cmd->name[strlen(name)] == ' ')) {
			cli_say(c, "Usage: %s", cmd->usage);
			cli_say(c, "%s", cmd->help);
			n++;
		}
	}
	if (n == 0)
		return cli_fail(c, "There is no command '%s'. Type help for "
		    "the list.", name);
	return 0;
}
