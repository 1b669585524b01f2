/*
 * Exports of the decision record and import of a JSON export.  See
 * docs/export.md for the shapes and the rules they follow.
 *
 * Every export reads inside one read transaction, so a facilitator typing
 * meanwhile cannot make the files disagree with each other.  Output is
 * built in a buffer flushed every EXPORT_FLUSH bytes, so memory stays
 * small however many contributions a workshop has.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "export.h"
#include "json.h"
#include "log.h"
#include "page.h"
#include "record.h"
#include "store.h"
#include "util.h"
#include "view.h"
#include "vocab.h"

#define EXPORT_FLUSH	65536


/* ---- where the bytes go -------------------------------------------- */

struct sink {
	FILE		*fp;		/* borrowed: stdout, or a file being written */
	struct buf	 b;
	int		 failed;	/* a write failed; errno saved */
	int		 saved_errno;
};

static void
sink_flush(struct sink *s, int force)
{
	if (s->b.len == 0 || (!force && s->b.len < EXPORT_FLUSH))
		return;
	if (!s->failed && fwrite(s->b.data, 1, s->b.len, s->fp) != s->b.len) {
		s->failed = 1;
		s->saved_errno = errno;
	}
	buf_reset(&s->b);
}

/* ---- the export as a whole ----------------------------------------- */

struct ctx {
	struct cli	*c;
	struct store	*st;
	long long	 wsid;
	char		 exported_at[32];
	long long	*shown;		/* owned: shown contributions, by id */
	size_t		 nshown;
	struct sink	 sink;
};

/* Column `i' as text, or NULL when it is NULL. */
static const char *
col_or_null(sqlite3_stmt *stmt, int i)
{
	if (sqlite3_column_type(stmt, i) == SQLITE_NULL)
		return NULL;
	return store_col(stmt, i);
}

/*
 * The time of the export: now, or SOURCE_DATE_EPOCH when set, so that
 * builds and tests can make the same bytes twice.
 */
static void
stamp(char out[32])
{
	const char	*env;
	struct tm	 tm;
	time_t		 t;
	char		*end;
	long long	 v;

	t = time(NULL);
	if ((env = getenv("SOURCE_DATE_EPOCH")) != NULL && *env != '\0') {
		errno = 0;
		v = strtoll(env, &end, 10);
		if (errno == 0 && *end == '\0' && v >= 0 && v < 253402300800LL)
			t = (time_t)v;
	}
	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(out, 32, "1970-01-01T00:00:00Z");
}

static int
id_cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* Load the ids of the shown contributions: their position is their ref. */
static int
load_shown(struct ctx *x)
{
	sqlite3_stmt	*stmt;
	size_t		 cap = 0;

	if ((stmt = store_query(x->st, "SELECT id FROM contribution WHERE "
	    "workshop_id = ? AND state = 'shown' ORDER BY id", "i",
	    x->wsid)) == NULL)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (x->nshown == cap) {
			cap = cap == 0 ? 1024 : cap * 2;
			x->shown = xreallocarray(x->shown, cap,
			    sizeof(*x->shown));
		}
		x->shown[x->nshown++] = sqlite3_column_int64(stmt, 0);
	}
	store_done(stmt);
	return 0;
}

/* The position (from 1) of shown contribution `id', or 0. */
static size_t
shown_ref(const struct ctx *x, long long id)
{
	const long long *p;

	if (x->nshown == 0)
		return 0;
	p = bsearch(&id, x->shown, x->nshown, sizeof(*x->shown), id_cmp);
	return p == NULL ? 0 : (size_t)(p - x->shown) + 1;
}

/* ---- words ---------------------------------------------------------- */

/* "3 December 2026" for "2026-12-03"; the text itself if malformed. */
static void
date_words(struct buf *b, const char *iso)
{
	static const char *const months[] = { "January", "February", "March",
	    "April", "May", "June", "July", "August", "September", "October",
	    "November", "December" };
	int	 y, m, d;

	if (strlen(iso) >= 10 && sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
	    m >= 1 && m <= 12 && d >= 1 && d <= 31)
		buf_addf(b, "%d %s %d", d, months[m - 1], y);
	else
		buf_adds(b, iso);
}

/* ---- JSON ------------------------------------------------------------ */

static void
json_workshop(struct ctx *x, struct json_writer *w)
{
	sqlite3_stmt	*stmt;

	if ((stmt = store_query(x->st, "SELECT slug, title, date, place, "
	    "language, status, input_open, gopher_input, retention_days FROM "
	    "workshop WHERE id = ?", "i", x->wsid)) == NULL)
		return;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		json_object_begin(w, "workshop");
		json_string(w, "slug", store_col(stmt, 0));
		json_string(w, "title", store_col(stmt, 1));
		json_string_or_null(w, "date", col_or_null(stmt, 2));
		json_string_or_null(w, "place", col_or_null(stmt, 3));
		json_string(w, "language", store_col(stmt, 4));
		json_string(w, "status", store_col(stmt, 5));
		json_bool(w, "input_open", sqlite3_column_int(stmt, 6));
		json_bool(w, "gopher_input", sqlite3_column_int(stmt, 7));
		json_int(w, "retention_days", sqlite3_column_int64(stmt, 8));
		json_object_end(w);
	}
	store_done(stmt);
}

/* The seeded lists: areas, stages, resources. */
static void
json_fixed(struct ctx *x, struct json_writer *w)
{
	sqlite3_stmt	*stmt;

	json_array_begin(w, "areas");
	if ((stmt = store_query(x->st, "SELECT key, position, name, summary "
	    "FROM area ORDER BY position", "")) != NULL) {
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			json_object_begin(w, NULL);
			json_string(w, "key", store_col(stmt, 0));
			json_int(w, "position", sqlite3_column_int64(stmt, 1));
			json_string(w, "name", store_col(stmt, 2));
			json_string(w, "summary", store_col(stmt, 3));
			json_object_end(w);
		}
		store_done(stmt);
	}
	json_array_end(w);
	json_array_begin(w, "stages");
	if ((stmt = store_query(x->st, "SELECT key, position, name, question "
	    "FROM stage ORDER BY position", "")) != NULL) {
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			json_object_begin(w, NULL);
			json_string(w, "key", store_col(stmt, 0));
			json_int(w, "position", sqlite3_column_int64(stmt, 1));
			json_string(w, "name", store_col(stmt, 2));
			json_string(w, "question", store_col(stmt, 3));
			json_object_end(w);
		}
		store_done(stmt);
	}
	json_array_end(w);
	json_array_begin(w, "resources");
	if ((stmt = store_query(x->st, "SELECT key, position, name, unit, per "
	    "FROM resource ORDER BY position", "")) != NULL) {
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			json_object_begin(w, NULL);
			json_string(w, "key", store_col(stmt, 0));
			json_int(w, "position", sqlite3_column_int64(stmt, 1));
			json_string(w, "name", store_col(stmt, 2));
			json_string(w, "unit", store_col(stmt, 3));
			json_string(w, "per", store_col(stmt, 4));
			json_object_end(w);
		}
		store_done(stmt);
	}
	json_array_end(w);
}

static const char SQL_MODELS[] =
    "SELECT m.key, a.key, m.workshop_id IS NULL, m.name, m.summary, "
    "m.evidence FROM model m JOIN area a ON a.id = m.area_id WHERE "
    "m.workshop_id IS NULL OR m.workshop_id = ? ORDER BY a.position, "
    "m.workshop_id IS NOT NULL, m.key";

static void
json_models(struct ctx *x, struct json_writer *w)
{
	sqlite3_stmt	*stmt;

	json_array_begin(w, "models");
	if ((stmt = store_query(x->st, SQL_MODELS, "i", x->wsid)) != NULL) {
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			json_object_begin(w, NULL);
			json_string(w, "key", store_col(stmt, 0));
			json_string(w, "area", store_col(stmt, 1));
			json_bool(w, "national", sqlite3_column_int(stmt, 2));
			json_string(w, "name", store_col(stmt, 3));
			json_string(w, "summary", store_col(stmt, 4));
			json_string(w, "evidence", store_col(stmt, 5));
			json_object_end(w);
		}
		store_done(stmt);
	}
	json_array_end(w);
}

/* A name leaves only when consent to keep it was recorded. */
static const char SQL_PARTICIPANTS[] =
    "SELECT role, language, CASE WHEN consent IS NOT NULL THEN name END "
    "FROM participant WHERE workshop_id = ? ORDER BY id";

static void
json_participants(struct ctx *x, struct json_writer *w)
{
	sqlite3_stmt	*stmt;

	json_array_begin(w, "participants");
	if ((stmt = store_query(x->st, SQL_PARTICIPANTS, "i", x->wsid)) !=
	    NULL) {
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			json_object_begin(w, NULL);
			json_string(w, "role", store_col(stmt, 0));
			json_string(w, "language", store_col(stmt, 1));
			json_string_or_null(w, "name", col_or_null(stmt, 2));
			json_object_end(w);
		}
		store_done(stmt);
	}
	json_array_end(w);
}

static const char SQL_CONTRIBUTIONS[] =
    "SELECT a.key, s.key, c.kind, c.source, c.text FROM contribution c "
    "JOIN area a ON a.id = c.area_id LEFT JOIN stage s ON s.id = "
    "c.stage_id WHERE c.workshop_id = ? AND c.state = 'shown' ORDER BY c.id";

static void
json_contributions(struct ctx *x, struct json_writer *w)
{
	sqlite3_stmt	*stmt;
	size_t		 n = 0;
	char		 ref[32];

	json_array_begin(w, "contributions");
	if ((stmt = store_query(x->st, SQL_CONTRIBUTIONS, "i", x->wsid)) !=
	    NULL) {
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			snprintf(ref, sizeof(ref), "c%zu", ++n);
			json_object_begin(w, NULL);
			json_string(w, "ref", ref);
			json_string(w, "area", store_col(stmt, 0));
			json_string_or_null(w, "stage", col_or_null(stmt, 1));
			json_string(w, "kind", store_col(stmt, 2));
			json_string(w, "source", store_col(stmt, 3));
			json_string(w, "text", store_col(stmt, 4));
			json_object_end(w);
			sink_flush(&x->sink, 0);
		}
		store_done(stmt);
	}
	json_array_end(w);
}

static const char SQL_MONEY[] =
    "SELECT a.key, m.key, r.key, y.now, y.expected, y.expected_year, "
    "r.unit, a.name, m.name, r.name FROM money y JOIN area a ON a.id = "
    "y.area_id JOIN model m ON m.id = y.model_id JOIN resource r ON r.id = "
    "y.resource_id WHERE y.workshop_id = ? ORDER BY a.position, r.position, "
    "m.key";

static void
json_int_or_null(struct json_writer *w, const char *key, sqlite3_stmt *stmt,
    int i)
{
	if (sqlite3_column_type(stmt, i) == SQLITE_NULL)
		json_null(w, key);
	else
		json_int(w, key, sqlite3_column_int64(stmt, i));
}

static void
json_money(struct ctx *x, struct json_writer *w)
{
	sqlite3_stmt	*stmt;

	json_array_begin(w, "money");
	if ((stmt = store_query(x->st, SQL_MONEY, "i", x->wsid)) != NULL) {
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			json_object_begin(w, NULL);
			json_string(w, "area", store_col(stmt, 0));
			json_string(w, "model", store_col(stmt, 1));
			json_string(w, "resource", store_col(stmt, 2));
			json_int(w, "now", sqlite3_column_int64(stmt, 3));
			json_int_or_null(w, "expected", stmt, 4);
			json_int_or_null(w, "expected_year", stmt, 5);
			json_object_end(w);
		}
		store_done(stmt);
	}
	json_array_end(w);
}

static const char SQL_DECISIONS[] =
    "SELECT d.id, a.key, d.statement, d.state, d.method, d.votes_for, "
    "d.votes_against, d.votes_abstain, d.dissent, d.review_date, "
    "d.next_steps, a.name, d.area_id FROM decision d JOIN area a ON a.id = "
    "d.area_id WHERE d.workshop_id = ? ORDER BY d.id";
static const char SQL_CHANGES[] =
    "SELECT m.key, r.key, x.delta, a.key FROM decision_change x JOIN model "
    "m ON m.id = x.model_id JOIN area a ON a.id = m.area_id JOIN resource "
    "r ON r.id = x.resource_id WHERE x.decision_id = ? ORDER BY x.id";
/* Only shown contributions: hidden or redacted words never leave. */
static const char SQL_BASIS[] =
    "SELECT b.contribution_id, c.text FROM decision_basis b JOIN "
    "contribution c ON c.id = b.contribution_id WHERE b.decision_id = ? "
    "AND c.state = 'shown' ORDER BY b.contribution_id";
static const char SQL_INDICATORS[] =
    "SELECT text FROM indicator WHERE decision_id = ? ORDER BY id";

static void
json_decisions(struct ctx *x, struct json_writer *w)
{
	sqlite3_stmt	*stmt, *sub;
	long long	 id;
	size_t		 n = 0, ref;
	char		 buf[32];

	json_array_begin(w, "decisions");
	if ((stmt = store_query(x->st, SQL_DECISIONS, "i", x->wsid)) == NULL) {
		json_array_end(w);
		return;
	}
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		id = sqlite3_column_int64(stmt, 0);
		snprintf(buf, sizeof(buf), "d%zu", ++n);
		json_object_begin(w, NULL);
		json_string(w, "ref", buf);
		json_string(w, "area", store_col(stmt, 1));
		json_string(w, "statement", store_col(stmt, 2));
		json_string(w, "state", store_col(stmt, 3));
		json_string(w, "method", store_col(stmt, 4));
		if (sqlite3_column_type(stmt, 5) == SQLITE_NULL &&
		    sqlite3_column_type(stmt, 6) == SQLITE_NULL &&
		    sqlite3_column_type(stmt, 7) == SQLITE_NULL)
			json_null(w, "votes");
		else {
			json_object_begin(w, "votes");
			json_int(w, "for", sqlite3_column_int64(stmt, 5));
			json_int(w, "against", sqlite3_column_int64(stmt, 6));
			json_int(w, "abstain", sqlite3_column_int64(stmt, 7));
			json_object_end(w);
		}
		json_string(w, "dissent", store_col(stmt, 8));
		json_string_or_null(w, "review_date", col_or_null(stmt, 9));
		json_string(w, "next_steps", store_col(stmt, 10));
		json_array_begin(w, "changes");
		if ((sub = store_query(x->st, SQL_CHANGES, "i", id)) != NULL) {
			while (sqlite3_step(sub) == SQLITE_ROW) {
				json_object_begin(w, NULL);
				json_string(w, "model", store_col(sub, 0));
				json_string(w, "area", store_col(sub, 3));
				json_string(w, "resource", store_col(sub, 1));
				json_int(w, "delta", sqlite3_column_int64(sub,
				    2));
				json_object_end(w);
			}
			store_done(sub);
		}
		json_array_end(w);
		json_array_begin(w, "basis");
		if ((sub = store_query(x->st, SQL_BASIS, "i", id)) != NULL) {
			while (sqlite3_step(sub) == SQLITE_ROW) {
				ref = shown_ref(x, sqlite3_column_int64(sub, 0));
				if (ref == 0)
					continue;
				snprintf(buf, sizeof(buf), "c%zu", ref);
				json_string(w, NULL, buf);
			}
			store_done(sub);
		}
		json_array_end(w);
		json_array_begin(w, "indicators");
		if ((sub = store_query(x->st, SQL_INDICATORS, "i", id)) != NULL) {
			while (sqlite3_step(sub) == SQLITE_ROW)
				json_string(w, NULL, store_col(sub, 0));
			store_done(sub);
		}
		json_array_end(w);
		json_object_end(w);
		sink_flush(&x->sink, 0);
	}
	store_done(stmt);
	json_array_end(w);
}

/*
 * Per area and resource, from the ledger: before is the money recorded
 * now; after adds the changes of agreed decisions, each counted under its
 * model's own area.
 */
static const char SQL_TOTALS[] =
    "SELECT a.key, r.key, r.unit, sum(ifnull(l.now, 0)), "
    "sum(ifnull(l.now, 0)) + sum(l.agreed), sum(l.agreed), a.name, r.name "
    "FROM ledger l JOIN area a ON a.id = l.area_id JOIN resource r ON "
    "r.id = l.resource_id WHERE l.workshop_id = ?1 GROUP BY a.id, r.id "
    "ORDER BY a.position, r.position";

static void
json_totals(struct ctx *x, struct json_writer *w)
{
	sqlite3_stmt	*stmt;

	json_array_begin(w, "totals");
	if ((stmt = store_query(x->st, SQL_TOTALS, "i", x->wsid)) != NULL) {
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			json_object_begin(w, NULL);
			json_string(w, "area", store_col(stmt, 0));
			json_string(w, "resource", store_col(stmt, 1));
			json_string(w, "unit", store_col(stmt, 2));
			json_int(w, "before", sqlite3_column_int64(stmt, 3));
			json_int(w, "after", sqlite3_column_int64(stmt, 4));
			json_int(w, "change", sqlite3_column_int64(stmt, 5));
			json_object_end(w);
		}
		store_done(stmt);
	}
	json_array_end(w);
}

static void
export_json(struct ctx *x)
{
	struct json_writer	 w;

	json_writer_init(&w, &x->sink.b);
	json_object_begin(&w, NULL);
	json_string(&w, "format", EXPORT_FORMAT_NAME);
	json_int(&w, "version", EXPORT_FORMAT_VERSION);
	json_string(&w, "exported_at", x->exported_at);
	json_workshop(x, &w);
	json_fixed(x, &w);
	json_models(x, &w);
	json_participants(x, &w);
	json_contributions(x, &w);
	json_money(x, &w);
	json_decisions(x, &w);
	json_totals(x, &w);
	json_object_end(&w);
	buf_addc(&x->sink.b, '\n');
}

/* ---- CSV -------------------------------------------------------------- */

/*
 * A column of a CSV file: text columns are guarded against formulas,
 * number columns are written as plain integers (a minus sign and digits
 * cannot start a formula).
 */
struct csv_col {
	const char	*name;
	int		 text;
	const char	*meaning;
};

struct csv_file {
	const char		*name;
	const char		*what;
	const char		*sql;		/* bound with the workshop id */
	const struct csv_col	*cols;
	long long		 rows;		/* filled while writing */
};

static const struct csv_col workshop_cols[] = {
	{ "slug", 1, "the workshop's short name, used in commands and "
	    "addresses" },
	{ "title", 1, "its title" },
	{ "date", 1, "the day it was held, YYYY-MM-DD, or empty" },
	{ "place", 1, "where it was held, or empty" },
	{ "language", 1, "its language, as a language tag such as en-GB" },
	{ "status", 1, "draft, open or closed" },
	{ "input_open", 0, "1 if participants could add their words when this "
	    "was made, else 0" },
	{ "gopher_input", 0, "1 if they could also do so over Gopher, else 0" },
	{ "retention_days", 0, "how many days the record is kept after the "
	    "workshop's date" },
	{ NULL, 0, NULL }
};
static const struct csv_col model_cols[] = {
	{ "key", 1, "the model's short name; changes.csv and money.csv refer "
	    "to it" },
	{ "area", 1, "the key of its area of support" },
	{ "national", 0, "1 for a model with a national evidence base, 0 for "
	    "one added by this workshop" },
	{ "name", 1, "its name" },
	{ "summary", 1, "what it is" },
	{ "evidence", 1, "the evidence for it" },
	{ NULL, 0, NULL }
};
static const struct csv_col participant_cols[] = {
	{ "role", 1, "lived (lived experience), carer (family carer), worker, "
	    "commissioner, community (community member) or other" },
	{ "language", 1, "the language they took part in" },
	{ "name", 1, "their name, only when they agreed to it being kept; "
	    "otherwise empty" },
	{ NULL, 0, NULL }
};
static const struct csv_col contribution_cols[] = {
	{ "ref", 1, "c1, c2, ...: the contribution's reference in this "
	    "export; basis.csv refers to it" },
	{ "area", 1, "the key of the area it was said under" },
	{ "stage", 1, "the key of the stage of the conversation, or empty" },
	{ "kind", 1, "goodlife, like, dislike, idea, question or note" },
	{ "source", 1, "facilitator (typed by the facilitator) or participant "
	    "(typed by a participant)" },
	{ "text", 1, "the words" },
	{ NULL, 0, NULL }
};
static const struct csv_col money_cols[] = {
	{ "area", 1, "the key of the area" },
	{ "model", 1, "the key of the model of support (models.csv)" },
	{ "resource", 1, "state (state money), funding (other funding), time "
	    "(people's time and energy) or community (community resources)" },
	{ "unit", 1, "pounds or hours, each a year" },
	{ "now", 0, "the amount used now" },
	{ "expected", 0, "the amount expected in coming years, or empty" },
	{ "expected_year", 0, "the year the expected amount is for, or empty" },
	{ NULL, 0, NULL }
};
static const struct csv_col decision_cols[] = {
	{ "ref", 1, "d1, d2, ...: the decision's reference in this export" },
	{ "area", 1, "the key of its area" },
	{ "statement", 1, "what was decided or proposed" },
	{ "state", 1, "proposed, agreed or rejected" },
	{ "method", 1, "consensus, vote, majority or facilitator" },
	{ "votes_for", 0, "hands for, or empty when there was no vote" },
	{ "votes_against", 0, "hands against, or empty" },
	{ "votes_abstain", 0, "hands abstaining, or empty" },
	{ "dissent", 1, "who disagreed and why, without names; may be empty" },
	{ "review_date", 1, "when to look at it again, YYYY-MM-DD, or empty" },
	{ "next_steps", 1, "the next steps; may be empty" },
	{ NULL, 0, NULL }
};
static const struct csv_col change_cols[] = {
	{ "decision", 1, "the decision's ref (decisions.csv)" },
	{ "area", 1, "the key of the decision's area" },
	{ "model", 1, "the key of the model that gets more or less" },
	{ "model_area", 1, "the key of the model's own area, where the change "
	    "counts" },
	{ "resource", 1, "the key of the resource" },
	{ "unit", 1, "pounds or hours, each a year" },
	{ "delta", 0, "how much more (positive) or less (negative)" },
	{ NULL, 0, NULL }
};
static const struct csv_col basis_cols[] = {
	{ "decision", 1, "the decision's ref (decisions.csv)" },
	{ "contribution", 1, "the ref of a contribution it rests on "
	    "(contributions.csv)" },
	{ NULL, 0, NULL }
};
static const struct csv_col indicator_cols[] = {
	{ "decision", 1, "the decision's ref (decisions.csv)" },
	{ "text", 1, "how we would know it worked" },
	{ NULL, 0, NULL }
};
static const struct csv_col total_cols[] = {
	{ "area", 1, "the key of the area" },
	{ "resource", 1, "the key of the resource" },
	{ "unit", 1, "pounds or hours, each a year" },
	{ "before", 0, "the sum of the amounts used now (money.csv, now)" },
	{ "after", 0, "before, plus the agreed decisions' changes to this "
	    "area's models, whatever area each decision is under" },
	{ "change", 0, "after minus before" },
	{ NULL, 0, NULL }
};

/* Decision refs: d1, d2, ... by id among the workshop's decisions. */
#define SQL_DREF \
    "WITH dn AS (SELECT id, 'd' || row_number() OVER (ORDER BY id) AS ref " \
    "FROM decision WHERE workshop_id = ?1) "

static struct csv_file csv_files[] = {
	{ "workshop.csv", "The workshop, one row",
	  "SELECT slug, title, date, place, language, status, input_open, "
	  "gopher_input, retention_days FROM workshop WHERE id = ?1",
	  workshop_cols, 0 },
	{ "models.csv", "The models of support: every national one, and the "
	  "local ones this workshop added",
	  "SELECT m.key, a.key, m.workshop_id IS NULL, m.name, m.summary, "
	  "m.evidence FROM model m JOIN area a ON a.id = m.area_id WHERE "
	  "m.workshop_id IS NULL OR m.workshop_id = ?1 ORDER BY a.position, "
	  "m.workshop_id IS NOT NULL, m.key", model_cols, 0 },
	{ "participants.csv", "Who took part, one row each, without receipt "
	  "codes",
	  "SELECT role, language, CASE WHEN consent IS NOT NULL THEN name END "
	  "FROM participant WHERE workshop_id = ?1 ORDER BY id",
	  participant_cols, 0 },
	{ "contributions.csv", "What was said, one row per contribution; "
	  "hidden and removed ones are not here",
	  "SELECT 'c' || row_number() OVER (ORDER BY c.id), a.key, s.key, "
	  "c.kind, c.source, c.text FROM contribution c JOIN area a ON a.id = "
	  "c.area_id LEFT JOIN stage s ON s.id = c.stage_id WHERE "
	  "c.workshop_id = ?1 AND c.state = 'shown' ORDER BY c.id",
	  contribution_cols, 0 },
	{ "money.csv", "Money and time used now and expected, one row per "
	  "area, model and resource",
	  "SELECT a.key, m.key, r.key, r.unit, y.now, y.expected, "
	  "y.expected_year FROM money y JOIN area a ON a.id = y.area_id JOIN "
	  "model m ON m.id = y.model_id JOIN resource r ON r.id = "
	  "y.resource_id WHERE y.workshop_id = ?1 ORDER BY a.position, "
	  "r.position, m.key", money_cols, 0 },
	{ "decisions.csv", "The decisions, one row each",
	  SQL_DREF "SELECT dn.ref, a.key, d.statement, d.state, d.method, "
	  "d.votes_for, d.votes_against, d.votes_abstain, d.dissent, "
	  "d.review_date, d.next_steps FROM decision d JOIN dn ON dn.id = d.id "
	  "JOIN area a ON a.id = d.area_id ORDER BY d.id", decision_cols, 0 },
	{ "changes.csv", "What each decision moves, one row per change",
	  SQL_DREF "SELECT dn.ref, a.key, m.key, ma.key, r.key, r.unit, x.delta "
	  "FROM "
	  "decision_change x JOIN dn ON dn.id = x.decision_id JOIN decision d "
	  "ON d.id = x.decision_id JOIN area a ON a.id = d.area_id JOIN model "
	  "m ON m.id = x.model_id JOIN area ma ON ma.id = m.area_id JOIN "
	  "resource r ON r.id = x.resource_id "
	  "ORDER BY x.decision_id, x.id", change_cols, 0 },
	{ "basis.csv", "The contributions each decision rests on; links to "
	  "hidden or removed contributions are left out",
	  SQL_DREF ", cn AS (SELECT id, 'c' || row_number() OVER (ORDER BY id) "
	  "AS ref FROM contribution WHERE workshop_id = ?1 AND state = "
	  "'shown') SELECT dn.ref, cn.ref FROM decision_basis b JOIN dn ON "
	  "dn.id = b.decision_id JOIN cn ON cn.id = b.contribution_id ORDER BY "
	  "b.decision_id, b.contribution_id", basis_cols, 0 },
	{ "indicators.csv", "How we would know each decision worked",
	  SQL_DREF "SELECT dn.ref, i.text FROM indicator i JOIN dn ON dn.id = "
	  "i.decision_id ORDER BY i.decision_id, i.id", indicator_cols, 0 },
	{ "totals.csv", "Per area and resource, the amounts before and after "
	  "the agreed decisions",
	  "SELECT a.key, r.key, r.unit, sum(ifnull(l.now, 0)), "
	  "sum(ifnull(l.now, 0)) + sum(l.agreed), sum(l.agreed), a.name, r.name "
	  "FROM ledger l JOIN area a ON a.id = l.area_id JOIN resource r ON "
	  "r.id = l.resource_id WHERE l.workshop_id = ?1 GROUP BY a.id, r.id "
	  "ORDER BY a.position, r.position", total_cols, 0 },
	{ NULL, NULL, NULL, NULL, 0 }
};

/*
 * One cell.  A text cell beginning with = + - @ a tab, a carriage return
 * or a single quote gets one more single quote in front, so that no
 * spreadsheet reads it as a formula and a reader can always take exactly
 * one leading quote off again.  RFC 4180: a cell holding a comma, a
 * double quote or a line break is quoted, its quotes doubled.
 */
static void
csv_cell(struct buf *b, const char *raw, int text)
{
	static struct buf safe;		/* reused, cell after cell */
	const char	*p, *s;
	int		 guard, quote;

	/* Controls and bidirectional overrides are written visibly. */
	buf_reset(&safe);
	buf_add_safe(&safe, raw, strlen(raw), 1);
	s = safe.len > 0 ? safe.data : "";
	guard = text && *s != '\0' && strchr("=+-@\t\r'", *s) != NULL;
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_addc(b, '"');
	if (guard)
		buf_addc(b, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_addc(b, '"');
		buf_addc(b, *p);
	}
	if (quote)
		buf_addc(b, '"');
}

static int
csv_write(struct ctx *x, struct csv_file *f)
{
	sqlite3_stmt	*stmt;
	size_t		 i;

	for (i = 0; f->cols[i].name != NULL; i++) {
		if (i > 0)
			buf_addc(&x->sink.b, ',');
		buf_adds(&x->sink.b, f->cols[i].name);
	}
	buf_adds(&x->sink.b, "\r\n");
	f->rows = 0;
	if ((stmt = store_query(x->st, f->sql, "i", x->wsid)) == NULL)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		for (i = 0; f->cols[i].name != NULL; i++) {
			if (i > 0)
				buf_addc(&x->sink.b, ',');
			if (sqlite3_column_type(stmt, (int)i) == SQLITE_NULL)
				continue;
			if (f->cols[i].text)
				csv_cell(&x->sink.b, store_col(stmt, (int)i), 1);
			else
				buf_addf(&x->sink.b, "%lld",
				    sqlite3_column_int64(stmt, (int)i));
		}
		buf_adds(&x->sink.b, "\r\n");
		f->rows++;
		sink_flush(&x->sink, 0);
	}
	store_done(stmt);
	return 0;
}

static void
csv_readme(struct ctx *x, struct buf *b)
{
	const struct csv_file	*f;
	sqlite3_stmt		*stmt;
	size_t			 i;
	char			*slug;

	slug = xstrdup("");
	stmt = store_query(x->st, "SELECT slug, title FROM workshop WHERE "
	    "id = ?", "i", x->wsid);
	if (stmt != NULL && sqlite3_step(stmt) == SQLITE_ROW) {
		free(slug);
		slug = xasprintf("%s, %s", store_col(stmt, 0), store_col(stmt, 1));
	}
	store_done(stmt);
	/* A title imported from JSON may hold a line break: fold it. */
	buf_adds(b, "# Decision record of workshop ");
	page_clean_text(b, slug);
	buf_adds(b, ": data card\n\n");
	free(slug);
	buf_addf(b, "Made on %s by blanksheet, export format version %d, "
	    "from a record at schema version %d.\n\n", x->exported_at,
	    EXPORT_FORMAT_VERSION, store_version(x->st));
	buf_adds(b, "## How the files are written\n\n"
	    "- One file per kind of row, each with a header row naming its "
	    "columns.\n"
	    "- UTF-8 without a byte order mark; rows end with CRLF; RFC 4180 "
	    "quoting: a cell holding a comma, a double quote or a line break "
	    "is put in double quotes, and double quotes inside it are "
	    "doubled. A line break inside a cell is kept as it was typed.\n"
	    "- An empty cell means no value (NULL in the record).\n"
	    "- Safe to open in a spreadsheet: in a text column, a cell whose "
	    "value begins with `=`, `+`, `-`, `@`, a tab, a carriage return "
	    "or a single quote (`'`) is written with one extra single quote "
	    "in front, so it cannot become a formula. To get the exact value "
	    "back, take off the first character of any text cell that "
	    "begins with a single quote. Number columns hold whole numbers "
	    "only (a minus sign and digits) and are never changed.\n"
	    "- Hidden and removed contributions are not in any file. Receipt "
	    "codes never are. A name is there only when the person agreed "
	    "to it being kept.\n"
	    "- Refs such as c3 and d1 join the files; they hold only inside "
	    "this export.\n\n"
	    "## Files\n");
	for (f = csv_files; f->name != NULL; f++) {
		buf_addf(b, "\n### %s\n\n%s. %lld %s.\n\n", f->name, f->what,
		    f->rows, f->rows == 1 ? "row" : "rows");
		for (i = 0; f->cols[i].name != NULL; i++)
			buf_addf(b, "- `%s` (%s): %s\n", f->cols[i].name,
			    f->cols[i].text ? "text" : "number",
			    f->cols[i].meaning);
	}
}

/* ---- reports ----------------------------------------------------------- */

static void
report_intro(struct ctx *x, struct page *p)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;

	buf_init(&b);
	if ((stmt = store_query(x->st, "SELECT title, date, place FROM "
	    "workshop WHERE id = ?", "i", x->wsid)) != NULL &&
	    sqlite3_step(stmt) == SQLITE_ROW) {
		page_heading(p, 1, "Decision record: %s", store_col(stmt, 0));
		buf_adds(&b, "This is what the workshop decided, and why.");
		if (col_or_null(stmt, 1) != NULL) {
			buf_adds(&b, " It was held on ");
			date_words(&b, store_col(stmt, 1));
			if (col_or_null(stmt, 2) != NULL)
				buf_addf(&b, " at %s", store_col(stmt, 2));
			buf_addc(&b, '.');
		} else if (col_or_null(stmt, 2) != NULL)
			buf_addf(&b, " It was held at %s.", store_col(stmt, 2));
		page_text(p, "%s", b.data);
	}
	store_done(stmt);
	buf_reset(&b);
	date_words(&b, x->exported_at);
	page_text(p, "This record was made on %s. Words that were hidden or "
	    "removed are not in it.", b.data);
	buf_release(&b);
}

struct report_changes {
	struct page	*p;
	int		 n;
};

static void
report_change(void *arg, const struct view_change *vc)
{
	struct report_changes	*rc = arg;

	if (rc->n++ == 0)
		page_text(rc->p, "What changes:");
	page_item(rc->p, "%s", vc->sentence);
}

/* Worded by view.c, as on the decisions page. */
static void
report_changes(struct ctx *x, struct page *p, long long id)
{
	struct report_changes	 rc = { p, 0 };
	struct buf		 b;

	view_changes(x->st, id, report_change, &rc);
	if (rc.n == 0) {
		page_text(p, "It moves no money or time.");
		return;
	}
	buf_init(&b);
	if (view_moves(x->st, id, &b) > 0)
		page_text(p, "%s", b.data);
	buf_release(&b);
}

static void
report_decision(struct ctx *x, struct page *p, sqlite3_stmt *d, size_t n)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;
	long long	 id = sqlite3_column_int64(d, 0);
	int		 k;

	page_heading(p, 3, "Decision %zu, %s, under %s", n, store_col(d, 3),
	    store_col(d, 11));
	page_quote(p, "%s", store_col(d, 2));
	buf_init(&b);
	if (strcmp(store_col(d, 3), "proposed") == 0) {
		buf_adds(&b, "It is proposed, and not decided yet.");
		if (sqlite3_column_type(d, 5) != SQLITE_NULL)
			buf_adds(&b, " The vote so far");
	} else
		buf_addf(&b, "It was %s %s", store_col(d, 3),
		    vocab_word(vocab_methods, store_col(d, 4), 1));
	if (sqlite3_column_type(d, 5) != SQLITE_NULL)
		buf_addf(&b, ": %lld for, %lld against and %lld abstaining.",
		    sqlite3_column_int64(d, 5), sqlite3_column_int64(d, 6),
		    sqlite3_column_int64(d, 7));
	else if (strcmp(store_col(d, 3), "proposed") != 0)
		buf_addc(&b, '.');
	page_text(p, "%s", b.data);
	if (*store_col(d, 8) != '\0') {
		page_text(p, "Some people disagreed:");
		page_quote(p, "%s", store_col(d, 8));
	} else
		page_text(p, "No disagreement was recorded.");
	report_changes(x, p, id);
	k = 0;
	if ((stmt = store_query(x->st, SQL_BASIS, "i", id)) != NULL) {
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			if (k++ == 0)
				page_text(p, "It rests on what people said:");
			page_quote(p, "%s", store_col(stmt, 1));
		}
		store_done(stmt);
	}
	if (k == 0)
		page_text(p, "No contributions were linked to it.");
	k = 0;
	if ((stmt = store_query(x->st, SQL_INDICATORS, "i", id)) != NULL) {
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			if (k++ == 0)
				page_text(p, "How we would know it worked:");
			page_quote(p, "%s", store_col(stmt, 0));
		}
		store_done(stmt);
	}
	if (k == 0)
		page_text(p, "No way of knowing whether it worked was "
		    "recorded.");
	if (col_or_null(d, 9) != NULL) {
		buf_reset(&b);
		date_words(&b, store_col(d, 9));
		page_text(p, "It will be looked at again on %s.", b.data);
	}
	if (*store_col(d, 10) != '\0') {
		page_text(p, "Next steps:");
		page_quote(p, "%s", store_col(d, 10));
	}
	buf_release(&b);
}

/*
 * Per area, model and resource, from the ledger: before is the money
 * recorded now, after adds the agreed changes, each under its model's own
 * area.
 */
static const char SQL_LINES[] =
    "SELECT a.id, a.name, r.id, r.name, r.unit, m.name, ifnull(l.now, 0), "
    "ifnull(l.now, 0) + l.agreed FROM ledger l JOIN area a ON a.id = "
    "l.area_id JOIN resource r ON r.id = l.resource_id JOIN model m ON "
    "m.id = l.model_id WHERE l.workshop_id = ?1 AND (l.now IS NOT NULL OR "
    "l.agreed <> 0) ORDER BY a.position, r.position, m.name, m.id";

/* "X: £1 before, £2 after. That is £1 more." as one list item. */
static void
before_after(struct page *p, const char *what, const char *unit,
    long long before, long long after)
{
	struct buf	 b;

	buf_init(&b);
	buf_addf(&b, "%s: ", what);
	view_amount(&b, unit, before);
	buf_adds(&b, " before, ");
	view_amount(&b, unit, after);
	buf_adds(&b, " after.");
	if (after == before)
		buf_adds(&b, " No change.");
	else {
		buf_adds(&b, " That is ");
		view_amount(&b, unit, after > before ? after - before :
		    before - after);
		buf_adds(&b, after > before ? " more." : " less.");
	}
	page_item(p, "%s", b.data);
	buf_release(&b);
}

static void
report_money(struct ctx *x, struct page *p)
{
	sqlite3_stmt	*stmt;
	char		*what, *rname = NULL, *unit = NULL;
	long long	 area = 0, res = 0, before = 0, after = 0;
	int		 n = 0, lines = 0;

	page_heading(p, 2, "Money and time before and after");
	if ((stmt = store_query(x->st, SQL_LINES, "i", x->wsid)) == NULL)
		return;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (n++ == 0)
			page_text(p, "Before is what is used now. After adds "
			    "the changes of the agreed decisions.");
		if (sqlite3_column_int64(stmt, 0) != area ||
		    sqlite3_column_int64(stmt, 2) != res) {
			if (lines > 1) {
				what = xasprintf("%s in all", rname);
				before_after(p, what, unit, before, after);
				free(what);
			}
			if (sqlite3_column_int64(stmt, 0) != area)
				page_heading(p, 3, "%s", store_col(stmt, 1));
			area = sqlite3_column_int64(stmt, 0);
			res = sqlite3_column_int64(stmt, 2);
			free(rname);
			free(unit);
			rname = xstrdup(store_col(stmt, 3));
			unit = xstrdup(store_col(stmt, 4));
			before = after = 0;
			lines = 0;
		}
		what = xasprintf("%s for %s", rname, store_col(stmt, 5));
		before_after(p, what, unit, sqlite3_column_int64(stmt, 6),
		    sqlite3_column_int64(stmt, 7));
		free(what);
		before += sqlite3_column_int64(stmt, 6);
		after += sqlite3_column_int64(stmt, 7);
		lines++;
	}
	store_done(stmt);
	if (lines > 1) {
		what = xasprintf("%s in all", rname);
		before_after(p, what, unit, before, after);
		free(what);
	}
	free(rname);
	free(unit);
	if (n == 0)
		page_text(p, "No money or time was recorded.");
}

static const char SQL_SAID[] =
    "SELECT a.name, c.kind, c.text FROM contribution c JOIN area a ON "
    "a.id = c.area_id WHERE c.workshop_id = ? AND c.state = 'shown' ORDER "
    "BY a.position, CASE c.kind WHEN 'goodlife' THEN 1 WHEN 'like' THEN 2 "
    "WHEN 'dislike' THEN 3 WHEN 'idea' THEN 4 WHEN 'question' THEN 5 ELSE "
    "6 END, c.id";

static void
report_said(struct ctx *x, struct page *p)
{
	sqlite3_stmt	*stmt;
	char		*area = NULL, *kind = NULL;
	int		 n = 0;

	page_heading(p, 2, "What was said");
	if ((stmt = store_query(x->st, SQL_SAID, "i", x->wsid)) == NULL)
		return;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		n++;
		if (area == NULL || strcmp(area, store_col(stmt, 0)) != 0) {
			free(area);
			area = xstrdup(store_col(stmt, 0));
			free(kind);
			kind = NULL;
			page_heading(p, 3, "%s", area);
		}
		if (kind == NULL || strcmp(kind, store_col(stmt, 1)) != 0) {
			free(kind);
			kind = xstrdup(store_col(stmt, 1));
			page_text(p, "%s:", vocab_word(vocab_kinds, kind, 0));
		}
		page_quote(p, "%s", store_col(stmt, 2));
	}
	store_done(stmt);
	free(area);
	free(kind);
	if (n == 0)
		page_text(p, "Nothing that was said is in this record.");
}

static void
report_people(struct ctx *x, struct page *p)
{
	long long	 count, total = 0;
	size_t		 i;

	page_heading(p, 2, "Who was there");
	for (i = 0; vocab_roles[i].key != NULL; i++) {
		count = store_int(x->st, "SELECT count(*) FROM participant WHERE "
		    "workshop_id = ? AND role = ?", 0, "it", x->wsid,
		    vocab_roles[i].key);
		if (count == 0)
			continue;
		if (total == 0)
			page_text(p, "People registered, by the part they "
			    "came as:");
		total += count;
		page_item(p, "%lld %s.", count, count == 1 ? vocab_roles[i].one :
		    vocab_roles[i].many);
	}
	if (total == 0) {
		page_text(p, "No participants were registered.");
		return;
	}
	page_text(p, "That is %lld %s in all.", total, total == 1 ? "person" :
	    "people");
}

static void
export_report(struct ctx *x, int markdown)
{
	sqlite3_stmt	*stmt;
	struct page	 p;
	char		*lang;
	size_t		 n = 0;

	lang = xstrdup("en-GB");
	if ((stmt = store_query(x->st, "SELECT language FROM workshop WHERE "
	    "id = ?", "i", x->wsid)) != NULL &&
	    sqlite3_step(stmt) == SQLITE_ROW) {
		free(lang);
		lang = xstrdup(store_col(stmt, 0));
	}
	store_done(stmt);
	page_init(&p, lang);
	free(lang);
	report_intro(x, &p);
	page_heading(&p, 2, "Decisions");
	if ((stmt = store_query(x->st, SQL_DECISIONS, "i", x->wsid)) != NULL) {
		while (sqlite3_step(stmt) == SQLITE_ROW)
			report_decision(x, &p, stmt, ++n);
		store_done(stmt);
	}
	if (n == 0)
		page_text(&p, "No decisions were recorded.");
	report_money(x, &p);
	report_said(x, &p);
	report_people(x, &p);
	if (markdown)
		page_render_markdown(&p, &x->sink.b);
	else
		page_render_gemtext(&p, &x->sink.b);
	page_release(&p);
}

/* ---- files and folders ------------------------------------------------ */

/* What open(2) and mkdir(2) would give: 0666 or 0777 less the umask. */
static mode_t
mode_for(mode_t full)
{
	mode_t	 mask = umask(0);

	umask(mask);
	return full & ~mask;
}

/* `path' without trailing slashes; caller frees. */
static char *
strip_slashes(const char *path)
{
	char	*s = xstrdup(path);
	size_t	 len = strlen(s);

	while (len > 1 && s[len - 1] == '/')
		s[--len] = '\0';
	return s;
}

/* Write the whole sink to `fp' and close it; -1 with errno on failure. */
static int
finish_file(struct sink *s, FILE *fp)
{
	int	 rc = 0;

	sink_flush(s, 1);
	if (s->failed) {
		errno = s->saved_errno;
		rc = -1;
	}
	if (fflush(fp) == EOF || fsync(fileno(fp)) == -1)
		rc = -1;
	if (fclose(fp) == EOF)
		rc = -1;
	return rc;
}

static int
run_format(struct ctx *x, const char *format)
{
	if (strcmp(format, "json") == 0)
		export_json(x);
	else if (strcmp(format, "gmi") == 0)
		export_report(x, 0);
	else
		export_report(x, 1);
	return 0;
}

/* A single file: under a temporary name beside `output', then renamed. */
static int
export_file(struct ctx *x, const char *format, const char *output)
{
	struct stat	 sb;
	FILE		*fp;
	char		*tmp;
	int		 fd, saved;

	if (stat(output, &sb) == 0 && !S_ISREG(sb.st_mode))
		return cli_fail(x->c, "Cannot write %s: it exists and is not "
		    "a file. Nothing was written.", output);
	tmp = xasprintf("%s.XXXXXX", output);
	if ((fd = mkstemp(tmp)) == -1) {
		saved = errno;
		free(tmp);
		return cli_fail(x->c, "Cannot write %s: %s. Nothing was "
		    "written.", output, strerror(saved));
	}
	if (fchmod(fd, mode_for(0666)) == -1 || (fp = fdopen(fd, "w")) == NULL) {
		saved = errno;
		close(fd);
		goto fail;
	}
	x->sink.fp = fp;
	run_format(x, format);
	if (finish_file(&x->sink, fp) == -1) {
		saved = errno;
		goto fail;
	}
	if (rename(tmp, output) == -1) {
		saved = errno;
		goto fail;
	}
	free(tmp);
	return 0;
 fail:
	unlink(tmp);
	free(tmp);
	return cli_fail(x->c, "Cannot write %s: %s. Nothing was written.",
	    output, strerror(saved));
}

/* 1 if `path' is a folder with nothing in it. */
static int
is_empty_dir(const char *path)
{
	DIR		*d;
	struct dirent	*e;
	int		 empty = 1;

	if ((d = opendir(path)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			empty = 0;
	closedir(d);
	return empty;
}

/* Remove the temporary folder `dir' and the files we put in it. */
static void
remove_tmpdir(const char *dir, const char *readme)
{
	const struct csv_file	*f;
	char			*path;

	for (f = csv_files; f->name != NULL; f++) {
		path = xasprintf("%s/%s", dir, f->name);
		unlink(path);
		free(path);
	}
	path = xasprintf("%s/%s", dir, readme);
	unlink(path);
	free(path);
	rmdir(dir);
}

/*
 * A folder of CSV files: made whole under a temporary name beside
 * `output', then renamed into place, so a reader never sees half of it.
 * `output' must not exist, or be an empty folder (rename(2) replaces an
 * empty folder in one step).
 */
static int
export_csv(struct ctx *x, const char *output)
{
	struct csv_file	*f;
	struct stat	 sb;
	struct buf	 readme;
	FILE		*fp;
	char		*dir, *tmp, *path;
	int		 saved = 0, fd;

	dir = strip_slashes(output);
	if (stat(dir, &sb) == 0) {
		if (!S_ISDIR(sb.st_mode)) {
			free(dir);
			return cli_fail(x->c, "Cannot write CSV files to %s: it "
			    "exists and is not a folder. Give the name of a "
			    "new folder. Nothing was written.", output);
		}
		if (!is_empty_dir(dir)) {
			free(dir);
			return cli_fail(x->c, "Cannot write CSV files to %s: "
			    "the folder is not empty. Give the name of a new "
			    "or empty folder. Nothing was written.", output);
		}
	}
	tmp = xasprintf("%s.XXXXXX", dir);
	if (mkdtemp(tmp) == NULL) {
		saved = errno;
		free(tmp);
		free(dir);
		return cli_fail(x->c, "Cannot write CSV files to %s: %s. "
		    "Nothing was written.", output, strerror(saved));
	}
	for (f = csv_files; f->name != NULL; f++) {
		path = xasprintf("%s/%s", tmp, f->name);
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode_for(0666));
		free(path);
		if (fd == -1 || (fp = fdopen(fd, "w")) == NULL) {
			saved = errno;
			if (fd != -1)
				close(fd);
			goto fail;
		}
		x->sink.fp = fp;
		if (csv_write(x, f) == -1) {
			fclose(fp);
			saved = EIO;
			goto fail;
		}
		if (finish_file(&x->sink, fp) == -1) {
			saved = errno;
			goto fail;
		}
	}
	buf_init(&readme);
	csv_readme(x, &readme);
	path = xasprintf("%s/README.md", tmp);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode_for(0666));
	free(path);
	if (fd == -1 || (fp = fdopen(fd, "w")) == NULL) {
		saved = errno;
		if (fd != -1)
			close(fd);
		buf_release(&readme);
		goto fail;
	}
	x->sink.fp = fp;
	buf_add(&x->sink.b, readme.data, readme.len);
	buf_release(&readme);
	if (finish_file(&x->sink, fp) == -1) {
		saved = errno;
		goto fail;
	}
	if (chmod(tmp, mode_for(0777)) == -1 ||
	    rename(tmp, dir) == -1) {
		saved = errno;
		goto fail;
	}
	free(tmp);
	free(dir);
	return 0;
 fail:
	remove_tmpdir(tmp, "README.md");
	free(tmp);
	free(dir);
	return cli_fail(x->c, "Cannot write CSV files to %s: %s. Nothing was "
	    "written.", output, saved == ENOTEMPTY || saved == EEXIST ?
	    "the folder is not empty" : strerror(saved));
}

int
export_run(struct cli *c, long long wsid, const char *format,
    const char *output)
{
	struct ctx	 x;
	int		 rc, exact;

	if (format == NULL)
		return cli_fail(c, "Say which format: --format json, csv, gmi "
		    "or md.");
	if (strcmp(format, "json") != 0 && strcmp(format, "csv") != 0 &&
	    strcmp(format, "gmi") != 0 && strcmp(format, "md") != 0)
		return cli_fail(c, "'%s' is not a format. Formats: json, csv, "
		    "gmi (a gemtext report) or md (a Markdown report).", format);
	if (strcmp(format, "csv") == 0 && output == NULL)
		return cli_fail(c, "CSV is a folder of files: say where with "
		    "-o FOLDER, a folder that does not exist yet or is empty.");
	memset(&x, 0, sizeof(x));
	x.c = c;
	x.st = c->st;
	x.wsid = wsid;
	stamp(x.exported_at);
	buf_init(&x.sink.b);
	/* One read transaction: every file agrees with every other. */
	if (sqlite3_exec(c->st->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return cli_fail(c, "Cannot read the record.");
	/* The reports are read aloud too: figures for the ear. */
	exact = view_set_exact(0);
	if (load_shown(&x) == -1) {
		rc = cli_fail(c, "Cannot read the record.");
	} else if (strcmp(format, "csv") == 0)
		rc = export_csv(&x, output);
	else if (output != NULL)
		rc = export_file(&x, format, output);
	else {
		x.sink.fp = stdout;
		run_format(&x, format);
		sink_flush(&x.sink, 1);
		if (x.sink.failed || fflush(stdout) == EOF)
			rc = cli_fail(c, "Cannot write to standard output: %s.",
			    strerror(x.sink.failed ? x.sink.saved_errno :
			    errno));
		else
			rc = 0;
	}
	sqlite3_exec(c->st->db, "COMMIT", NULL, NULL, NULL);
	view_set_exact(exact);
	free(x.shown);
	buf_release(&x.sink.b);
	if (rc == 0 && output != NULL)
		cli_say(c, "Wrote the %s export to %s.", strcmp(format, "csv")
		    == 0 ? "CSV" : strcmp(format, "json") == 0 ? "JSON" :
		    strcmp(format, "gmi") == 0 ? "gemtext report" :
		    "Markdown report", output);
	return rc;
}

/* ---- import ------------------------------------------------------------ */

struct imp_ref {
	const char	*ref;		/* borrowed from the document */
	long long	 id;
};

struct imp_model {
	const char	*key;		/* borrowed from the document */
	int		 national;
	long long	 id;		/* 0: a national model not here */
};

struct imp {
	struct cli	*c;
	struct store	*st;
	const char	*file;
	int		 failed;
	long long	 wsid;
	struct imp_model *models;	/* owned */
	size_t		 nmodels;
	struct imp_ref	*crefs;		/* owned, sorted by ref once loaded */
	size_t		 ncrefs;
};


/* Say what is wrong, once; every later mistake is a consequence. */
static int
bad(struct imp *im, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
bad(struct imp *im, const char *fmt, ...)
{
	struct buf	 b;
	va_list		 ap;

	if (im->failed)
		return -1;
	im->failed = 1;
	buf_init(&b);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	cli_fail(im->c, "Cannot import %s: %s. Nothing was imported.",
	    im->file, b.data);
	buf_release(&b);
	return -1;
}

/* `o' is an object holding only members named in `allowed'. */
static int
check_members(struct imp *im, const struct json *o, const char *where,
    const char *const *allowed)
{
	size_t	 i;

	if (o == NULL || o->type != JSON_OBJECT)
		return bad(im, "%s should be an object", where);
	for (i = 0; i < o->n; i++)
		if (!str_in_list(allowed, o->keys[i]))
			return bad(im, "%s has a member '%s' that version %d "
			    "exports do not have", where, o->keys[i],
			    EXPORT_FORMAT_VERSION);
	return 0;
}

static const struct json *
need(struct imp *im, const struct json *o, const char *where, const char *key,
    enum json_type type, int nullable)
{
	const struct json	*v;

	if (im->failed)
		return NULL;
	if ((v = json_get(o, key)) == NULL) {
		bad(im, "%s has no member '%s'", where, key);
		return NULL;
	}
	if (v->type == JSON_NULL && nullable)
		return NULL;
	if (v->type != type && !(type == JSON_TRUE && v->type == JSON_FALSE)) {
		bad(im, "%s.%s should be %s%s, not %s", where, key,
		    json_type_name(type), nullable ? " or null" : "",
		    json_type_name(v->type));
		return NULL;
	}
	return v;
}

#define TEXT_NULL	0x01	/* null is allowed, and gives NULL */
#define TEXT_EMPTY	0x02	/* "" is allowed */

/* A string member, at most `max' bytes; "" after a mistake. */
static const char *
text(struct imp *im, const struct json *o, const char *where, const char *key,
    int flags, size_t max)
{
	const struct json	*v;

	if ((v = need(im, o, where, key, JSON_STRING, flags & TEXT_NULL)) ==
	    NULL)
		return im->failed || !(flags & TEXT_NULL) ? "" : NULL;
	if (v->slen == 0 && !(flags & TEXT_EMPTY)) {
		bad(im, "%s.%s is empty", where, key);
		return "";
	}
	if (v->slen > max) {
		bad(im, "%s.%s is too long: %zu bytes, and the limit is %zu",
		    where, key, v->slen, max);
		return "";
	}
	return v->s;
}

/* A string member that must be one of the keys of `list'. */
static const char *
choice(struct imp *im, const struct json *o, const char *where,
    const char *key, const struct vocab *list)
{
	const char	*s = text(im, o, where, key, 0, 64);
	char		*all;

	if (im->failed || vocab_find(list, s) != NULL)
		return s;
	all = vocab_keys(list);
	bad(im, "%s.%s is '%s', which is not one of %s", where, key, s, all);
	free(all);
	return "";
}

/* An integer member from `min' to `max'; sets `*isnull' if allowed. */
static long long
integer(struct imp *im, const struct json *o, const char *where,
    const char *key, long long min, long long max, int *isnull)
{
	const struct json	*v;

	if (isnull != NULL)
		*isnull = 0;
	if ((v = need(im, o, where, key, JSON_NUMBER, isnull != NULL)) ==
	    NULL) {
		if (!im->failed && isnull != NULL)
			*isnull = 1;
		return 0;
	}
	if (!v->is_int || v->i < min || v->i > max) {
		bad(im, "%s.%s should be a whole number from %lld to %lld",
		    where, key, min, max);
		return 0;
	}
	return v->i;
}

static int
boolean(struct imp *im, const struct json *o, const char *where,
    const char *key)
{
	const struct json	*v;

	if ((v = need(im, o, where, key, JSON_TRUE, 0)) == NULL)
		return 0;
	return v->type == JSON_TRUE;
}

static const struct json *
list(struct imp *im, const struct json *o, const char *where, const char *key)
{
	return need(im, o, where, key, JSON_ARRAY, 0);
}

static long long
area_key(struct imp *im, const char *where, const char *key)
{
	long long	 id;

	if (im->failed)
		return 0;
	if ((id = record_area_id(im->st, key)) == 0)
		bad(im, "%s names an area '%s' this record does not have",
		    where, key);
	return id;
}

static long long
resource_key(struct imp *im, const char *where, const char *key)
{
	long long	 id;

	if (im->failed)
		return 0;
	if ((id = record_resource_id(im->st, key)) == 0)
		bad(im, "%s names a resource '%s' this record does not have",
		    where, key);
	return id;
}

static int
is_lang(const char *s)
{
	size_t	 n = strlen(s);

	return n > 0 && n <= 35 && strspn(s, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n;
}

static int
import_workshop(struct imp *im, const struct json *w, const char *rename)
{
	static const char *const members[] = { "slug", "title", "date",
	    "place", "language", "status", "input_open", "gopher_input",
	    "retention_days", NULL };
	const char	*slug, *title, *date, *place, *lang, *status;
	long long	 days;
	int		 input, gopher;
	char		 num[32];

	if (check_members(im, w, "workshop", members) == -1)
		return -1;
	slug = text(im, w, "workshop", "slug", 0, 40);
	title = text(im, w, "workshop", "title", 0, 200);
	date = text(im, w, "workshop", "date", TEXT_NULL, 10);
	place = text(im, w, "workshop", "place", TEXT_NULL, STORE_TEXT_MAX);
	lang = text(im, w, "workshop", "language", 0, 35);
	status = choice(im, w, "workshop", "status", vocab_statuses);
	input = boolean(im, w, "workshop", "input_open");
	gopher = boolean(im, w, "workshop", "gopher_input");
	days = integer(im, w, "workshop", "retention_days", 1, 36500, NULL);
	if (im->failed)
		return -1;
	if (!record_is_slug(slug))
		return bad(im, "workshop.slug '%s' is not a short name: use "
		    "lower-case letters, digits and dashes", slug);
	if (date != NULL && !record_is_date(date))
		return bad(im, "workshop.date '%s' is not a date written "
		    "YYYY-MM-DD", date);
	if (!is_lang(lang))
		return bad(im, "workshop.language '%s' is not a language tag",
		    lang);
	if (rename != NULL)
		slug = rename;
	if (record_workshop_id(im->st, slug) > 0)
		return bad(im, "there is already a workshop called '%s' in "
		    "this record; import it under another name with --rename "
		    "NEWNAME", slug);
	snprintf(num, sizeof(num), "%lld", days);
	if (record_workshop_add(im->st, slug, title, &im->wsid) == -1 ||
	    (date != NULL && record_workshop_set(im->st, im->wsid, "date",
	    date) == -1) ||
	    (place != NULL && record_workshop_set(im->st, im->wsid, "place",
	    place) == -1) ||
	    record_workshop_set(im->st, im->wsid, "language", lang) == -1 ||
	    record_workshop_set(im->st, im->wsid, "status", status) == -1 ||
	    record_workshop_set(im->st, im->wsid, "input", input ? "1" :
	    "0") == -1 ||
	    record_workshop_set(im->st, im->wsid, "gopher", gopher ? "1" :
	    "0") == -1 ||
	    record_workshop_set(im->st, im->wsid, "retention", num) == -1)
		return bad(im, "the record refused the workshop");
	return 0;
}

/*
 * Areas, stages and resources are seeded in every record: check that
 * each key the document lists is here.  Their words come from this record.
 */
static int
import_fixed(struct imp *im, const struct json *top)
{
	static const char *const amembers[] = { "key", "position", "name",
	    "summary", NULL };
	static const char *const smembers[] = { "key", "position", "name",
	    "question", NULL };
	static const char *const rmembers[] = { "key", "position", "name",
	    "unit", "per", NULL };
	const struct json	*a;
	const char		*key;
	char			 where[64];
	size_t			 i;

	if ((a = list(im, top, "the document", "areas")) == NULL)
		return -1;
	for (i = 0; i < a->n; i++) {
		snprintf(where, sizeof(where), "areas[%zu]", i);
		if (check_members(im, &a->items[i], where, amembers) == -1)
			return -1;
		key = text(im, &a->items[i], where, "key", 0, 40);
		integer(im, &a->items[i], where, "position", 0, 1000, NULL);
		text(im, &a->items[i], where, "name", 0, STORE_TEXT_MAX);
		text(im, &a->items[i], where, "summary", TEXT_EMPTY,
		    STORE_TEXT_MAX);
		area_key(im, where, key);
	}
	if ((a = list(im, top, "the document", "stages")) == NULL)
		return -1;
	for (i = 0; i < a->n; i++) {
		snprintf(where, sizeof(where), "stages[%zu]", i);
		if (check_members(im, &a->items[i], where, smembers) == -1)
			return -1;
		key = text(im, &a->items[i], where, "key", 0, 40);
		integer(im, &a->items[i], where, "position", 0, 1000, NULL);
		text(im, &a->items[i], where, "name", 0, STORE_TEXT_MAX);
		text(im, &a->items[i], where, "question", TEXT_EMPTY,
		    STORE_TEXT_MAX);
		if (!im->failed && record_stage_id(im->st, key) == 0)
			return bad(im, "%s names a stage '%s' this record "
			    "does not have", where, key);
	}
	if ((a = list(im, top, "the document", "resources")) == NULL)
		return -1;
	for (i = 0; i < a->n; i++) {
		snprintf(where, sizeof(where), "resources[%zu]", i);
		if (check_members(im, &a->items[i], where, rmembers) == -1)
			return -1;
		key = text(im, &a->items[i], where, "key", 0, 40);
		integer(im, &a->items[i], where, "position", 0, 1000, NULL);
		text(im, &a->items[i], where, "name", 0, STORE_TEXT_MAX);
		text(im, &a->items[i], where, "unit", 0, 40);
		text(im, &a->items[i], where, "per", TEXT_EMPTY, 200);
		resource_key(im, where, key);
	}
	return im->failed ? -1 : 0;
}

/* Local models travel with the workshop; national ones match by key. */
static int
import_models(struct imp *im, const struct json *top)
{
	static const char *const members[] = { "key", "area", "national",
	    "name", "summary", "evidence", NULL };
	const struct json	*a, *m;
	const char		*key, *name, *summary, *evidence;
	struct imp_model	*im_m;
	long long		 area;
	char			 where[64];
	size_t			 i, j;
	int			 national;

	if ((a = list(im, top, "the document", "models")) == NULL)
		return -1;
	im->models = xcalloc(a->n, sizeof(*im->models));
	for (i = 0; i < a->n; i++) {
		m = &a->items[i];
		snprintf(where, sizeof(where), "models[%zu]", i);
		if (check_members(im, m, where, members) == -1)
			return -1;
		key = text(im, m, where, "key", 0, 40);
		area = area_key(im, where, text(im, m, where, "area", 0, 40));
		national = boolean(im, m, where, "national");
		name = text(im, m, where, "name", 0, STORE_TEXT_MAX);
		summary = text(im, m, where, "summary", TEXT_EMPTY,
		    STORE_TEXT_MAX);
		evidence = text(im, m, where, "evidence", TEXT_EMPTY,
		    STORE_TEXT_MAX);
		if (im->failed)
			return -1;
		if (!record_is_slug(key))
			return bad(im, "%s.key '%s' is not a short name", where,
			    key);
		for (j = 0; j < im->nmodels; j++)
			if (strcmp(im->models[j].key, key) == 0)
				return bad(im, "%s repeats the model '%s'",
				    where, key);
		im_m = &im->models[im->nmodels++];
		im_m->key = key;
		im_m->national = national;
		if (national) {
			/* Absent here: fine unless money or a change uses it. */
			im_m->id = record_model_id(im->st, 0, key);
			continue;
		}
		if (record_model_add(im->st, im->wsid, area, key, name,
		    &im_m->id) == -1 ||
		    (*summary != '\0' && record_model_set(im->st, im_m->id,
		    "summary", summary) == -1) ||
		    (*evidence != '\0' && record_model_set(im->st, im_m->id,
		    "evidence", evidence) == -1))
			return bad(im, "the record refused %s", where);
	}
	return 0;
}

static long long
model_key(struct imp *im, const char *where, const char *key)
{
	size_t	 i;

	if (im->failed)
		return 0;
	for (i = 0; i < im->nmodels; i++) {
		if (strcmp(im->models[i].key, key) != 0)
			continue;
		if (im->models[i].id == 0)
			bad(im, "%s uses the national model '%s', which this "
			    "record does not have", where, key);
		return im->models[i].id;
	}
	bad(im, "%s names a model '%s' that is not in the document's list "
	    "of models", where, key);
	return 0;
}

static int
import_participants(struct imp *im, const struct json *top)
{
	static const char *const members[] = { "role", "language", "name",
	    NULL };
	const struct json	*a, *p;
	const char		*role, *lang, *name;
	char			 where[64], code[RECORD_CODE_LEN + 1];
	long long		 id;
	size_t			 i;

	if ((a = list(im, top, "the document", "participants")) == NULL)
		return -1;
	for (i = 0; i < a->n; i++) {
		p = &a->items[i];
		snprintf(where, sizeof(where), "participants[%zu]", i);
		if (check_members(im, p, where, members) == -1)
			return -1;
		role = choice(im, p, where, "role", vocab_roles);
		lang = text(im, p, where, "language", 0, 35);
		name = text(im, p, where, "name", TEXT_NULL, 100);
		if (im->failed)
			return -1;
		if (!is_lang(lang))
			return bad(im, "%s.language '%s' is not a language tag",
			    where, lang);
		/* A new receipt code: codes never travel. */
		if (record_participant_add(im->st, im->wsid, role, lang, code,
		    &id) == -1 || (name != NULL &&
		    record_participant_consent(im->st, id, name) == -1))
			return bad(im, "the record refused %s", where);
	}
	return 0;
}

static int
ref_cmp(const void *a, const void *b)
{
	return strcmp(((const struct imp_ref *)a)->ref,
	    ((const struct imp_ref *)b)->ref);
}

static int
import_contributions(struct imp *im, const struct json *top)
{
	static const char *const members[] = { "ref", "area", "stage", "kind",
	    "source", "text", NULL };
	const struct json	*a, *o;
	const char		*ref, *stage, *kind, *source, *words;
	long long		 area, sid = 0, id;
	char			 where[64];
	size_t			 i;

	if ((a = list(im, top, "the document", "contributions")) == NULL)
		return -1;
	im->crefs = xcalloc(a->n, sizeof(*im->crefs));
	for (i = 0; i < a->n; i++) {
		o = &a->items[i];
		snprintf(where, sizeof(where), "contributions[%zu]", i);
		if (check_members(im, o, where, members) == -1)
			return -1;
		ref = text(im, o, where, "ref", 0, 40);
		area = area_key(im, where, text(im, o, where, "area", 0, 40));
		stage = text(im, o, where, "stage", TEXT_NULL, 40);
		kind = choice(im, o, where, "kind", vocab_kinds);
		source = choice(im, o, where, "source", vocab_sources);
		words = text(im, o, where, "text", 0, STORE_TEXT_MAX);
		if (im->failed)
			return -1;
		if (stage != NULL && (sid = record_stage_id(im->st, stage)) == 0)
			return bad(im, "%s names a stage '%s' this record does "
			    "not have", where, stage);
		if (record_contribution_add(im->st, im->wsid, area,
		    stage != NULL ? sid : 0, kind, words, 0,
		    strcmp(source, "participant") == 0, &id) == -1)
			return bad(im, "the record refused %s", where);
		im->crefs[im->ncrefs].ref = ref;
		im->crefs[im->ncrefs++].id = id;
	}
	qsort(im->crefs, im->ncrefs, sizeof(*im->crefs), ref_cmp);
	for (i = 1; i < im->ncrefs; i++)
		if (strcmp(im->crefs[i - 1].ref, im->crefs[i].ref) == 0)
			return bad(im, "two contributions have the ref '%s'",
			    im->crefs[i].ref);
	return 0;
}

static long long
contribution_ref(struct imp *im, const char *where, const char *ref)
{
	struct imp_ref	 key, *r;

	key.ref = ref;
	r = im->ncrefs == 0 ? NULL : bsearch(&key, im->crefs, im->ncrefs,
	    sizeof(*im->crefs), ref_cmp);
	if (r == NULL) {
		bad(im, "%s names a contribution '%s' that is not in the "
		    "document", where, ref);
		return 0;
	}
	return r->id;
}

static int
import_money(struct imp *im, const struct json *top)
{
	static const char *const members[] = { "area", "model", "resource",
	    "now", "expected", "expected_year", NULL };
	const struct json	*a, *o;
	sqlite3_stmt		*stmt;
	long long		 area, model, res, now, expected, year, id;
	char			 where[64];
	size_t			 i;
	int			 noexp, noyear;

	if ((a = list(im, top, "the document", "money")) == NULL)
		return -1;
	for (i = 0; i < a->n; i++) {
		o = &a->items[i];
		snprintf(where, sizeof(where), "money[%zu]", i);
		if (check_members(im, o, where, members) == -1)
			return -1;
		area = area_key(im, where, text(im, o, where, "area", 0, 40));
		model = model_key(im, where, text(im, o, where, "model", 0, 40));
		res = resource_key(im, where, text(im, o, where, "resource", 0,
		    40));
		now = integer(im, o, where, "now", 0, 1000000000000000LL, NULL);
		expected = integer(im, o, where, "expected", 0,
		    1000000000000000LL, &noexp);
		year = integer(im, o, where, "expected_year", 1900, 2200,
		    &noyear);
		if (im->failed)
			return -1;
		/* Money counts under its model's own area (older exports). */
		area = store_int(im->st, "SELECT area_id FROM model WHERE id = "
		    "?", area, "i", model);
		/* An older export's line under another area: add up. */
		if ((stmt = store_query(im->st, "SELECT now, expected FROM "
		    "money WHERE workshop_id = ? AND model_id = ? AND "
		    "resource_id = ?", "iii", im->wsid, model, res)) == NULL)
			return -1;
		if (sqlite3_step(stmt) == SQLITE_ROW) {
			now += sqlite3_column_int64(stmt, 0);
			if (sqlite3_column_type(stmt, 1) != SQLITE_NULL) {
				expected = (noexp ? 0 : expected) +
				    sqlite3_column_int64(stmt, 1);
				noexp = 0;
			}
		}
		store_done(stmt);
		if (record_money_set(im->st, im->wsid, area, model, res, now,
		    noexp ? -1 : expected, noyear ? 0 : year, &id) == -1)
			return bad(im, "the record refused %s", where);
	}
	return 0;
}

static int
import_decision(struct imp *im, const struct json *o, const char *where)
{
	static const char *const members[] = { "ref", "area", "statement",
	    "state", "method", "votes", "dissent", "review_date", "next_steps",
	    "changes", "basis", "indicators", NULL };
	static const char *const vmembers[] = { "for", "against", "abstain",
	    NULL };
	static const char *const cmembers[] = { "model", "area", "resource",
	    "delta", NULL };
	const struct json	*votes, *changes, *basis, *inds, *x;
	const char		*statement, *state, *method, *dissent, *review,
				*next;
	long long		 area, id, v[3], model, res, delta, cid, sub,
				 was;
	char			 w2[128];
	size_t			 i;

	if (check_members(im, o, where, members) == -1)
		return -1;
	text(im, o, where, "ref", 0, 40);
	area = area_key(im, where, text(im, o, where, "area", 0, 40));
	statement = text(im, o, where, "statement", 0, STORE_TEXT_MAX);
	state = choice(im, o, where, "state", vocab_states);
	method = choice(im, o, where, "method", vocab_methods);
	votes = need(im, o, where, "votes", JSON_OBJECT, 1);
	dissent = text(im, o, where, "dissent", TEXT_EMPTY, STORE_TEXT_MAX);
	review = text(im, o, where, "review_date", TEXT_NULL, 10);
	next = text(im, o, where, "next_steps", TEXT_EMPTY, STORE_TEXT_MAX);
	changes = list(im, o, where, "changes");
	basis = list(im, o, where, "basis");
	inds = list(im, o, where, "indicators");
	if (im->failed)
		return -1;
	if (review != NULL && !record_is_date(review))
		return bad(im, "%s.review_date '%s' is not a date written "
		    "YYYY-MM-DD", where, review);
	if (record_decision_add(im->st, im->wsid, area, statement, &id) == -1)
		return bad(im, "the record refused %s", where);
	if (votes != NULL) {
		snprintf(w2, sizeof(w2), "%s.votes", where);
		if (check_members(im, votes, w2, vmembers) == -1)
			return -1;
		v[0] = integer(im, votes, w2, "for", 0, 100000, NULL);
		v[1] = integer(im, votes, w2, "against", 0, 100000, NULL);
		v[2] = integer(im, votes, w2, "abstain", 0, 100000, NULL);
		if (im->failed)
			return -1;
		if (record_decision_vote(im->st, id, v[0], v[1], v[2]) == -1)
			return bad(im, "the record refused %s", w2);
	}
	/* After the vote, which turns consensus into vote. */
	if (record_decision_set(im->st, id, "method", method) == -1 ||
	    (*dissent != '\0' && record_decision_set(im->st, id, "dissent",
	    dissent) == -1) ||
	    (strcmp(state, "proposed") != 0 && record_decision_set(im->st, id,
	    "state", state) == -1) ||
	    (review != NULL && record_decision_set(im->st, id, "review",
	    review) == -1) ||
	    (*next != '\0' && record_decision_set(im->st, id, "next",
	    next) == -1))
		return bad(im, "the record refused %s", where);
	for (i = 0; i < changes->n; i++) {
		x = &changes->items[i];
		snprintf(w2, sizeof(w2), "%s.changes[%zu]", where, i);
		if (check_members(im, x, w2, cmembers) == -1)
			return -1;
		model = model_key(im, w2, text(im, x, w2, "model", 0, 40));
		res = resource_key(im, w2, text(im, x, w2, "resource", 0, 40));
		delta = integer(im, x, w2, "delta", -1000000000000000LL,
		    1000000000000000LL, NULL);
		if (im->failed)
			return -1;
		if (delta == 0)
			return bad(im, "%s.delta is 0: a change moves something",
			    w2);
		if (record_decision_change(im->st, id, model, res, delta,
		    &sub, &was) == -1)
			return bad(im, "the record refused %s", w2);
		/*
		 * An older export may repeat a model and resource: the lines
		 * add up, as its totals did.
		 */
		if (was != 0 && (was + delta == 0 ? record_decision_remove(
		    im->st, id, "change", sub) : record_decision_change(im->st,
		    id, model, res, was + delta, &sub, &was)) == -1)
			return bad(im, "the record refused %s", w2);
	}
	for (i = 0; i < basis->n; i++) {
		snprintf(w2, sizeof(w2), "%s.basis[%zu]", where, i);
		if (basis->items[i].type != JSON_STRING)
			return bad(im, "%s should be a contribution's ref", w2);
		if ((cid = contribution_ref(im, w2, basis->items[i].s)) == 0)
			return -1;
		if (store_int(im->st, "SELECT count(*) FROM decision_basis "
		    "WHERE decision_id = ? AND contribution_id = ?", 0, "ii",
		    id, cid) > 0)
			return bad(im, "%s repeats a contribution", w2);
		if (record_decision_basis(im->st, id, cid) == -1)
			return bad(im, "the record refused %s", w2);
	}
	for (i = 0; i < inds->n; i++) {
		snprintf(w2, sizeof(w2), "%s.indicators[%zu]", where, i);
		x = &inds->items[i];
		if (x->type != JSON_STRING || x->slen == 0 ||
		    x->slen > STORE_TEXT_MAX)
			return bad(im, "%s should be a string of 1 to %d bytes",
			    w2, STORE_TEXT_MAX);
		if (record_decision_indicator(im->st, id, x->s, &sub) == -1)
			return bad(im, "the record refused %s", w2);
	}
	return 0;
}

static int
import_decisions(struct imp *im, const struct json *top)
{
	const struct json	*a;
	char			 where[64];
	size_t			 i;

	if ((a = list(im, top, "the document", "decisions")) == NULL)
		return -1;
	for (i = 0; i < a->n; i++) {
		snprintf(where, sizeof(where), "decisions[%zu]", i);
		if (import_decision(im, &a->items[i], where) == -1)
			return -1;
	}
	return 0;
}

/* Totals are worked out from the rest; check their shape only. */
static int
import_totals(struct imp *im, const struct json *top)
{
	static const char *const members[] = { "area", "resource", "unit",
	    "before", "after", "change", NULL };
	const struct json	*a, *o;
	char			 where[64];
	size_t			 i;

	if ((a = list(im, top, "the document", "totals")) == NULL)
		return -1;
	for (i = 0; i < a->n; i++) {
		o = &a->items[i];
		snprintf(where, sizeof(where), "totals[%zu]", i);
		if (check_members(im, o, where, members) == -1)
			return -1;
		text(im, o, where, "area", 0, 40);
		text(im, o, where, "resource", 0, 40);
		text(im, o, where, "unit", 0, 40);
		integer(im, o, where, "before", LLONG_MIN, LLONG_MAX, NULL);
		integer(im, o, where, "after", LLONG_MIN, LLONG_MAX, NULL);
		integer(im, o, where, "change", LLONG_MIN, LLONG_MAX, NULL);
		if (im->failed)
			return -1;
	}
	return 0;
}

/* Read all of `path', a regular file of at most IMPORT_FILE_MAX bytes. */
static char *
slurp(struct imp *im, const char *path, size_t *len)
{
	struct stat	 sb;
	char		*data;
	size_t		 got = 0;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY)) == -1) {
		bad(im, "%s", strerror(errno));
		return NULL;
	}
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		bad(im, "it is not a file");
		return NULL;
	}
	if (sb.st_size > IMPORT_FILE_MAX) {
		close(fd);
		bad(im, "it is larger than %ld bytes", IMPORT_FILE_MAX);
		return NULL;
	}
	data = xmalloc((size_t)sb.st_size + 1);
	while (got < (size_t)sb.st_size &&
	    (n = read(fd, data + got, (size_t)sb.st_size - got)) > 0)
		got += (size_t)n;
	close(fd);
	if (got != (size_t)sb.st_size) {
		free(data);
		bad(im, "it could not be read whole");
		return NULL;
	}
	data[got] = '\0';
	*len = got;
	return data;
}

int
import_run(struct cli *c, const char *file, const char *rename)
{
	static const char *const members[] = { "format", "version",
	    "exported_at", "workshop", "areas", "stages", "resources", "models",
	    "participants", "contributions", "money", "decisions", "totals",
	    NULL };
	const struct json	*fmt, *ver;
	struct json		*doc = NULL;
	struct imp		 im;
	const char		*errstr;
	char			*data;
	size_t			 len, line;
	int			 rc = -1;

	memset(&im, 0, sizeof(im));
	im.c = c;
	im.st = c->st;
	im.file = file;
	if (rename != NULL && !record_is_slug(rename))
		return cli_fail(c, "'%s' cannot be a workshop's short name. Use "
		    "lower-case letters, digits and dashes, such as "
		    "north-2026.", rename);
	if ((data = slurp(&im, file, &len)) == NULL)
		return -1;
	if ((doc = json_parse(data, len, &line, &errstr)) == NULL) {
		bad(&im, "it is not a Blank Sheet export: it is not valid "
		    "JSON (line %zu: %s)", line, errstr);
		goto out;
	}
	fmt = json_get(doc, "format");
	ver = json_get(doc, "version");
	if (fmt == NULL || fmt->type != JSON_STRING ||
	    strcmp(fmt->s, EXPORT_FORMAT_NAME) != 0 || ver == NULL ||
	    ver->type != JSON_NUMBER || !ver->is_int || ver->i < 1) {
		bad(&im, "it is not a Blank Sheet export (it has no "
		    "\"format\": \"%s\" and version)", EXPORT_FORMAT_NAME);
		goto out;
	}
	if (ver->i > EXPORT_FORMAT_VERSION) {
		bad(&im, "it was made by a newer Blank Sheet, in export format "
		    "version %lld, and this program reads version %d. Upgrade "
		    "blanksheet, then import it", ver->i, EXPORT_FORMAT_VERSION);
		goto out;
	}
	if (check_members(&im, doc, "the document", members) == -1)
		goto out;
	text(&im, doc, "the document", "exported_at", 0, 64);
	if (im.failed ||
	    import_workshop(&im, json_get(doc, "workshop"), rename) == -1 ||
	    import_fixed(&im, doc) == -1 ||
	    import_models(&im, doc) == -1 ||
	    import_participants(&im, doc) == -1 ||
	    import_contributions(&im, doc) == -1 ||
	    import_money(&im, doc) == -1 ||
	    import_decisions(&im, doc) == -1 ||
	    import_totals(&im, doc) == -1)
		goto out;
	cli_say(c, "Imported workshop %s with %zu %s and %zu %s.",
	    rename != NULL ? rename : json_get(json_get(doc, "workshop"),
	    "slug")->s, im.ncrefs, im.ncrefs == 1 ? "contribution" :
	    "contributions", json_get(doc, "decisions")->n,
	    json_get(doc, "decisions")->n == 1 ? "decision" : "decisions");
	rc = 0;
 out:
	json_free(doc);
	free(data);
	free(im.models);
	free(im.crefs);
	return rc;
}
