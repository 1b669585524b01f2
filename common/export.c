/*
 * The decision record as data, from one description of it.
 *
 * `tables' below lists every exported table: its SQL (bound with the
 * workshop's id as ?1) and its columns, each with its type, whether it
 * may be null or empty, how it is checked and looked up when read back,
 * which format version added it, and what it means.  From that one list:
 *
 *	json_table()	the JSON document; a table with a `parent' is
 *			nested in each of the parent's rows (merge-joined,
 *			both read in the parent's id order, so nothing is
 *			held in memory)
 *	csv_table()	one CSV file per table, and the data card
 *	read_table()	import: every member checked, then each row
 *			written by an INSERT made from the same columns
 *	export_schema()	docs/export.schema.json (tests/unit/test_export
 *			checks that the file is what the list says)
 *
 * The first column of every table's SQL links rows: a parent's id, or a
 * nested row's parent id.  The others are the columns, in order.
 *
 * Output is built in a buffer flushed every EXPORT_FLUSH bytes, so
 * memory stays small however many contributions a workshop has.
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

#include "export.h"
#include "json.h"
#include "log.h"
#include "page.h"
#include "record.h"
#include "report.h"
#include "store.h"
#include "util.h"
#include "view.h"
#include "vocab.h"

#define EXPORT_FLUSH	65536
#define AMOUNT_MAX	1000000000000000LL

/* ---- the description ------------------------------------------------ */

enum col_type { COL_TEXT, COL_INT, COL_BOOL };

/* How a text column is checked, and what it names when read back. */
enum col_check {
	CK_NONE, CK_KEY, CK_DATE, CK_LANG, CK_REF,
	CK_AREA, CK_STAGE, CK_RESOURCE,	/* seeded: must be in this record */
	CK_MODEL, CK_CONTRIBUTION	/* must be earlier in the document */
};

#define COL_NULL	0x01	/* may be null (an empty CSV cell) */
#define COL_EMPTY	0x02	/* text may be "" */
#define COL_NOJSON	0x04	/* in the CSV files only */
#define COL_NOCSV	0x08	/* in the JSON document only */
#define COL_OPTIONAL	0x10	/* may be missing (older exports) */
#define COL_NONZERO	0x20	/* a number other than 0 */
#define COL_NOPUT	0x40	/* checked on import, not written */
#define COL_CREF	0x80	/* SQL gives a shown contribution's id,
				   written as its ref: c1, c2, ... */
#define COL_OWN		0x100	/* the area of the row's model (import
				   checks it in version 2 documents) */

/*
 * A column is the record's column NAME (`csv', or else `name'), or
 * NAME_id for a key that names a row (an area, a model, ...): read as
 * x.NAME unless `sel' says otherwise, and written back on import unless
 * it is a ref, in the CSV files only, or COL_NOPUT.
 */
struct col {
	const char		*name;		/* JSON member */
	const char		*csv;		/* CSV column; NULL: `name' */
	enum col_type		 type;
	int			 flags;
	long long		 min, max;	/* numbers; text: max bytes */
	enum col_check		 check;
	const struct vocab	*vocab;		/* text: one of its keys */
	const char		*group;		/* JSON: inside this object */
	int			 since;		/* format version; 0: 1 */
	const char		*sel;		/* NULL: x.NAME */
	const char		*meaning;
};

#define TBL_OBJECT	0x01	/* one row, a JSON object */
#define TBL_SCALAR	0x02	/* JSON items are the one JSON column */
#define TBL_SCALAR_V1	0x04	/* ... in version 1 documents only */
#define TBL_NOCSV	0x08
#define TBL_DERIVED	0x10	/* worked out: import checks its shape */
#define TBL_UNIQUE	0x20	/* items may not repeat (the record's
				   UNIQUE says so on import) */
#define TBL_KEYED	0x40	/* later columns name its rows by its first */

struct imp;
struct val {
	const char	*s;		/* text, borrowed from the document */
	long long	 i;		/* numbers; the id a key names */
	int		 null;
};

/*
 * A table.  `sql' reads it, bound with the workshop's id as ?1: its "%s"
 * becomes the columns' `sel', and the column before that links rows (a
 * parent's id, or a nested row's parent's id).  Import writes a row
 * into `into', with `also' as well, "COLUMNS|VALUES": there $ws is the
 * workshop's id, $parent the parent row's, $code a new receipt code and
 * :NAME the value of column NAME.  `hook', when set, sees each row
 * first: 0 to write it, 1 when it has done so itself, or -1.
 */
struct table {
	const char		*name;		/* JSON member; CSV file name */
	const char		*parent;	/* JSON: nested in its rows */
	int			 flags;
	int			 since;
	const char		*sql;
	const struct col	*cols;
	const char		*what;		/* the data card's sentence */
	const char		*into;		/* NULL: not imported */
	const char		*also;
	int			(*hook)(struct imp *, const struct table *,
				    struct val *, long long parent,
				    long long *id);
};

/* The meaning, then any of .csv, .group, .since (default 1) and .sel. */
#define COL(n, ty, f, lo, hi, ck, v, ...) \
	{ .name = n, .type = ty, .flags = f, .min = lo, .max = hi, \
	  .check = ck, .vocab = v, .meaning = __VA_ARGS__ }
#define TEXT(n, f, max, ck, ...) \
	COL(n, COL_TEXT, f, 0, max, ck, NULL, __VA_ARGS__)
#define VOCAB(n, f, v, ...) \
	COL(n, COL_TEXT, f, 0, 64, CK_NONE, v, __VA_ARGS__)
#define INT(n, f, lo, hi, ...) \
	COL(n, COL_INT, f, lo, hi, CK_NONE, NULL, __VA_ARGS__)
#define BOOL(n, f, ...)	COL(n, COL_BOOL, f, 0, 1, CK_NONE, NULL, __VA_ARGS__)
#define KEY(n, f, ck, ...)	TEXT(n, f, 40, ck, __VA_ARGS__)
#define SAID(n, f, ...)		TEXT(n, f, STORE_TEXT_MAX, CK_NONE, __VA_ARGS__)
#define DREF	KEY("decision", COL_NOJSON, CK_REF, "the decision's ref", \
		    .sel = "dn.ref")
#define UNIT	VOCAB("unit", COL_NOJSON, vocab_units, "pounds or hours, " \
		    "each a year", .sel = "r.unit")
#define END	{ .name = NULL }

static const struct vocab vocab_units[] = {
	{ "pounds", "pounds", "pounds" }, { "hours", "hours", "hours" },
	{ NULL, NULL, NULL }
};
static const struct vocab vocab_measures[] = {
	{ "role", "people by role", NULL },
	{ "said", "contributions shown, by area and kind", NULL },
	{ "hidden", "contributions hidden", NULL },
	{ "redacted", "contributions whose words were removed", NULL },
	{ "door", "contributions kept that participants sent, by door",
	  NULL },
	{ NULL, NULL, NULL }
};

static const struct col workshop_cols[] = {
	KEY("slug", 0, CK_KEY, "the workshop's short name, used in commands "
	    "and addresses"),
	TEXT("title", 0, 200, CK_NONE, "its title"),
	TEXT("date", COL_NULL, 10, CK_DATE, "the day it was held, "
	    "YYYY-MM-DD, or empty"),
	SAID("place", COL_NULL | COL_EMPTY, "where it was held, or empty"),
	TEXT("language", 0, 35, CK_LANG, "its language, as a language tag "
	    "such as en-GB"),
	VOCAB("status", 0, vocab_statuses, "draft, open or closed"),
	BOOL("input_open", 0, "1 if participants could add their words when "
	    "this was made, else 0"),
	BOOL("gopher_input", 0, "1 if they could also do so over Gopher, "
	    "else 0"),
	INT("retention_days", 0, 1, 36500, "how many days the record is kept "
	    "after the workshop's date"),
	BOOL("moderate", 0, "1 if participants' words waited for the "
	    "facilitator's approval, else 0", .since = 2),
	BOOL("http_input", 0, "1 if they could also add words over plain HTTP, "
	    "else 0", .since = 2),
	END
};
static const struct col area_cols[] = {
	KEY("key", 0, CK_AREA, "the area's short name", .sel = "x.key"),
	INT("position", 0, 0, 1000, "its place in the list"),
	SAID("name", 0, "its name"),
	SAID("summary", COL_EMPTY, "what it covers"),
	END
};
static const struct col stage_cols[] = {
	KEY("key", 0, CK_STAGE, "the stage's short name", .sel = "x.key"),
	INT("position", 0, 0, 1000, "its place in the conversation"),
	SAID("name", 0, "its name"),
	SAID("question", COL_EMPTY, "its question"),
	END
};
static const struct col resource_cols[] = {
	KEY("key", 0, CK_RESOURCE, "the resource's short name", .sel = "x.key"),
	INT("position", 0, 0, 1000, "its place in the list"),
	SAID("name", 0, "its name"),
	VOCAB("unit", 0, vocab_units, "pounds or hours"),
	TEXT("per", COL_EMPTY, 200, CK_NONE, "a year"),
	END
};
static const struct col model_cols[] = {
	KEY("key", 0, CK_KEY, "the model's short name; money and changes "
	    "refer to it"),
	KEY("area", 0, CK_AREA, "the key of its area of support",
	    .sel = "a.key"),
	BOOL("national", COL_NOPUT, "1 for a model with a national evidence "
	    "base, 0 for one added by this workshop",
	    .sel = "x.workshop_id IS NULL"),
	SAID("name", 0, "its name"),
	SAID("summary", COL_EMPTY, "what it is"),
	SAID("evidence", COL_EMPTY, "the evidence for it"),
	END
};
static const struct col participant_cols[] = {
	VOCAB("role", 0, vocab_roles, "lived (lived experience), carer "
	    "(family carer), worker, commissioner, community (community "
	    "member), other, facilitator or notetaker"),
	TEXT("language", 0, 35, CK_LANG, "the language they took part in"),
	TEXT("name", COL_NULL, 100, CK_NONE, "their name, only when they "
	    "agreed to it being kept; otherwise empty",
	    .sel = "CASE WHEN x.consent IS NOT NULL THEN x.name END"),
	END
};
static const struct col contribution_cols[] = {
	KEY("ref", COL_CREF, CK_REF, "c1, c2, ...: the contribution's "
	    "reference in this export; basis refers to it", .sel = "x.id"),
	KEY("area", 0, CK_AREA, "the key of the area it was said under",
	    .sel = "a.key"),
	KEY("stage", COL_NULL, CK_STAGE, "the key of the stage of the "
	    "conversation, or empty", .sel = "s.key"),
	VOCAB("kind", 0, vocab_kinds, "goodlife, like, dislike, idea, "
	    "question or note"),
	VOCAB("source", 0, vocab_sources, "facilitator (typed by the "
	    "facilitator) or participant (typed by a participant)"),
	SAID("text", 0, "the words"),
	VOCAB("door", COL_NULL, vocab_doors, "for a participant's words, the "
	    "way they sent them: gemini, gopher or web; empty for the "
	    "facilitator's, and for words sent before doors were kept",
	    .since = 2),
	END
};
static const struct col money_cols[] = {
	KEY("area", COL_NOPUT | COL_OWN, CK_AREA, "the key of the model's area",
	    .sel = "a.key"),
	KEY("model", 0, CK_MODEL, "the key of the model of support",
	    .sel = "m.key"),
	KEY("resource", 0, CK_RESOURCE, "state (state money), funding (other "
	    "funding), time (people's time and energy) or community "
	    "(community resources)", .sel = "r.key"),
	UNIT,
	INT("now", 0, 0, AMOUNT_MAX, "the amount used now"),
	INT("expected", COL_NULL, 0, AMOUNT_MAX, "the amount expected in "
	    "coming years, or empty"),
	INT("expected_year", COL_NULL, 1900, 2200, "the year the expected "
	    "amount is for, or empty"),
	END
};
static const struct col decision_cols[] = {
	KEY("ref", 0, CK_REF, "d1, d2, ...: the decision's reference in this "
	    "export", .sel = "dn.ref"),
	KEY("area", 0, CK_AREA, "the key of its area", .sel = "a.key"),
	SAID("statement", 0, "what was decided or proposed"),
	VOCAB("state", 0, vocab_states, "proposed, agreed or rejected"),
	VOCAB("method", 0, vocab_methods, "consensus, vote, majority or "
	    "facilitator"),
	INT("for", COL_NULL, 0, 100000, "hands for, or empty when there was "
	    "no vote", .csv = "votes_for", .group = "votes"),
	INT("against", COL_NULL, 0, 100000, "hands against, or empty",
	    .csv = "votes_against", .group = "votes"),
	INT("abstain", COL_NULL, 0, 100000, "hands abstaining, or empty",
	    .csv = "votes_abstain", .group = "votes"),
	SAID("dissent", COL_EMPTY, "who disagreed and why, without names; may "
	    "be empty"),
	TEXT("review_date", COL_NULL, 10, CK_DATE, "when to look at it again, "
	    "YYYY-MM-DD, or empty"),
	SAID("next_steps", COL_EMPTY, "the next steps; may be empty"),
	VOCAB("status", COL_NULL, vocab_progress, "after the workshop: "
	    "started, done, stalled or dropped; empty until one is recorded",
	    .since = 2),
	END
};
static const struct col change_cols[] = {
	DREF,
	KEY("decision_area", COL_NOJSON, CK_KEY, "the key of the decision's "
	    "area", .csv = "area", .sel = "da.key"),
	KEY("model", 0, CK_MODEL, "the key of the model that gets more or "
	    "less", .sel = "m.key"),
	KEY("area", COL_OPTIONAL | COL_NOPUT | COL_OWN, CK_AREA, "the key of "
	    "the model's own area, where the change counts", .csv = "model_area",
	    .sel = "ma.key"),
	KEY("resource", 0, CK_RESOURCE, "the key of the resource",
	    .sel = "r.key"),
	UNIT,
	INT("delta", COL_NONZERO, -AMOUNT_MAX, AMOUNT_MAX, "how much more "
	    "(positive) or less (negative)"),
	END
};
static const struct col basis_cols[] = {
	DREF,
	KEY("contribution", COL_CREF, CK_CONTRIBUTION, "the ref of a "
	    "contribution it rests on"),
	END
};
static const struct col indicator_cols[] = {
	DREF,
	SAID("text", 0, "what will be noticed if it worked"),
	VOCAB("who", COL_NULL, vocab_voices, "who will say it: people (using "
	    "support), families or workers; or empty", .since = 2),
	SAID("now", COL_EMPTY, "what it is like now; may be empty",
	    .since = 2),
	TEXT("ask_date", COL_NULL, 10, CK_DATE, "when it will be asked again, "
	    "YYYY-MM-DD, or empty", .since = 2),
	END
};
static const struct col progress_cols[] = {
	DREF,
	TEXT("date", 0, 10, CK_DATE, "the day of the note, YYYY-MM-DD"),
	SAID("text", 0, "how it is getting on"),
	END
};
static const struct col total_cols[] = {
	KEY("area", 0, CK_KEY, "the key of the area", .sel = "a.key"),
	KEY("resource", 0, CK_KEY, "the key of the resource", .sel = "r.key"),
	VOCAB("unit", 0, vocab_units, "pounds or hours, each a year",
	    .sel = "r.unit"),
	INT("before", 0, LLONG_MIN, LLONG_MAX, "the sum of the amounts used "
	    "now", .sel = "sum(ifnull(x.now, 0))"),
	INT("after", 0, LLONG_MIN, LLONG_MAX, "before, plus the agreed "
	    "decisions' changes to this area's models, whatever area each "
	    "decision is under", .sel = "sum(ifnull(x.now, 0) + x.agreed)"),
	INT("change", 0, LLONG_MIN, LLONG_MAX, "after minus before",
	    .sel = "sum(x.agreed)"),
	END
};
static const struct col participation_cols[] = {
	VOCAB("measure", 0, vocab_measures, "what is counted: role (people "
	    "by role), said (contributions shown, by area and kind), hidden, "
	    "redacted (contributions whose words were removed), door "
	    "(contributions kept that participants sent, by Gemini, Gopher "
	    "or the web)"),
	KEY("area", COL_NULL, CK_KEY, "for said, the key of the area; else "
	    "empty"),
	KEY("key", COL_NULL, CK_KEY, "the role, the kind or the door; empty "
	    "for a door not recorded (words sent before doors were kept) and "
	    "for hidden and redacted"),
	INT("count", 0, 0, LLONG_MAX, "how many: never the words themselves"),
	END
};

static int	hook_workshop(struct imp *, const struct table *,
		    struct val *, long long, long long *);
static int	hook_model(struct imp *, const struct table *, struct val *,
		    long long, long long *);
static int	hook_money(struct imp *, const struct table *, struct val *,
		    long long, long long *);
static int	hook_change(struct imp *, const struct table *, struct val *,
		    long long, long long *);

/* Decision refs, d1, d2, ..., in id order within the workshop. */
#define DN	"dn AS (SELECT id, area_id, 'd' || row_number() OVER (ORDER " \
		"BY id) AS ref FROM decision WHERE workshop_id = ?1)"
#define UNDER_DECISION	"decision_id|$parent"

static const struct table tables[] = {
	{ "workshop", NULL, TBL_OBJECT, 1,
	  "SELECT NULL, %s FROM workshop x WHERE x.id = ?1", workshop_cols,
	  "The workshop, one row", "workshop", "|", hook_workshop },
	{ "areas", NULL, TBL_NOCSV, 1,
	  "SELECT NULL, %s FROM area x ORDER BY x.position", area_cols,
	  "The five areas of support", NULL, NULL, NULL },
	{ "stages", NULL, TBL_NOCSV, 1,
	  "SELECT NULL, %s FROM stage x ORDER BY x.position", stage_cols,
	  "The stages of each conversation", NULL, NULL, NULL },
	{ "resources", NULL, TBL_NOCSV, 1,
	  "SELECT NULL, %s FROM resource x ORDER BY x.position",
	  resource_cols, "The kinds of resource", NULL, NULL, NULL },
	{ "models", NULL, TBL_KEYED, 1,
	  "SELECT NULL, %s FROM model x JOIN area a ON a.id = x.area_id WHERE "
	  "x.workshop_id IS NULL OR x.workshop_id = ?1 ORDER BY a.position, "
	  "x.workshop_id IS NOT NULL, x.key", model_cols, "The models of "
	  "support the workshop considered: every national one, with its "
	  "evidence, and the local ones this workshop added", "model",
	  "workshop_id|$ws", hook_model },
	{ "participants", NULL, 0, 1,
	  "SELECT NULL, %s FROM participant x WHERE x.workshop_id = ?1 ORDER "
	  "BY x.id", participant_cols, "Who took part, the facilitator and "
	  "note-taker too, one row each, without receipt codes",
	  "participant", "workshop_id, code, consent|$ws, $code, CASE WHEN "
	  ":name IS NOT NULL THEN strftime('%Y-%m-%dT%H:%M:%SZ', 'now') END",
	  NULL },
	{ "contributions", NULL, TBL_KEYED, 1,
	  /* The + keep SQLite from an index: the table in id order. */
	  "SELECT NULL, %s FROM contribution x JOIN area a ON a.id = "
	  "x.area_id LEFT JOIN stage s ON s.id = x.stage_id WHERE "
	  "+x.workshop_id = ?1 AND +x.state = 'shown' ORDER BY x.id",
	  contribution_cols, "What was said, one row per contribution; "
	  "hidden and removed ones are not here", "contribution",
	  "workshop_id|$ws", NULL },
	{ "money", NULL, 0, 1,
	  "SELECT NULL, %s FROM money x JOIN area a ON a.id = x.area_id JOIN "
	  "model m ON m.id = x.model_id JOIN resource r ON r.id = "
	  "x.resource_id WHERE x.workshop_id = ?1 ORDER BY a.position, "
	  "r.position, m.key", money_cols, "Money and time used now and "
	  "expected, with the year, one row per model and resource", "money",
	  /* Under the model's own area, whatever an older export said. */
	  "workshop_id, area_id|$ws, (SELECT area_id FROM model WHERE id = "
	  ":model)", hook_money },
	{ "decisions", NULL, 0, 1,
	  "WITH " DN " SELECT x.id, %s FROM decision x JOIN dn ON dn.id = x.id "
	  "JOIN area a ON a.id = x.area_id ORDER BY x.id", decision_cols,
	  "The decisions, one row each", "decision", "workshop_id|$ws",
	  NULL },
	{ "changes", "decisions", 0, 1,
	  "WITH " DN " SELECT x.decision_id, %s FROM decision_change x JOIN dn "
	  "ON dn.id = x.decision_id JOIN area da ON da.id = dn.area_id JOIN "
	  "model m ON m.id = x.model_id JOIN area ma ON ma.id = m.area_id "
	  "JOIN resource r ON r.id = x.resource_id ORDER BY x.decision_id, "
	  "x.id", change_cols, "What each decision moves, one row per change",
	  "decision_change", UNDER_DECISION, hook_change },
	{ "basis", "decisions", TBL_SCALAR | TBL_UNIQUE, 1,
	  "WITH " DN " SELECT x.decision_id, %s FROM decision_basis x JOIN dn "
	  "ON dn.id = x.decision_id JOIN contribution c ON c.id = "
	  "x.contribution_id AND c.state = 'shown' ORDER BY x.decision_id, "
	  "x.contribution_id",
	  basis_cols, "The contributions each decision rests on; links to "
	  "hidden or removed contributions are left out", "decision_basis",
	  UNDER_DECISION, NULL },
	{ "indicators", "decisions", TBL_SCALAR_V1, 1,
	  "WITH " DN " SELECT x.decision_id, %s FROM indicator x JOIN dn ON "
	  "dn.id = x.decision_id ORDER BY x.decision_id, x.id",
	  indicator_cols, "Key Human Indicators: how people would know each "
	  "decision worked", "indicator", UNDER_DECISION, NULL },
	{ "progress", "decisions", 0, 2,
	  "WITH " DN " SELECT x.decision_id, %s FROM decision_progress x JOIN "
	  "dn ON dn.id = x.decision_id ORDER BY x.decision_id, x.date, x.id",
	  progress_cols, "Dated notes on how each decision is getting on "
	  "after the workshop", "decision_progress", UNDER_DECISION, NULL },
	{ "totals", NULL, TBL_DERIVED, 1,
	  "SELECT NULL, %s FROM ledger x JOIN area a ON a.id = x.area_id JOIN "
	  "resource r ON r.id = x.resource_id WHERE x.workshop_id = ?1 GROUP "
	  "BY a.id, r.id ORDER BY a.position, r.position", total_cols, "Per "
	  "area and resource, the amounts before and after the agreed "
	  "decisions; worked out, so import does not read them", NULL, NULL,
	  NULL },
	{ "participation", NULL, TBL_DERIVED, 2,
	  /* Counted in the order of two indexes: nothing is sorted. */
	  "SELECT NULL, %s FROM ("
	  "SELECT 1 AS o, 'role' AS measure, NULL AS area, role AS key, "
	  "count(*) AS count, 0 AS p1, role AS p2 FROM participant WHERE "
	  "workshop_id = ?1 GROUP BY role UNION ALL "
	  "SELECT 2, 'said', a.key, c.kind, count(*), a.position, c.kind FROM "
	  "contribution c JOIN area a ON a.id = c.area_id WHERE c.workshop_id "
	  "= ?1 AND c.state = 'shown' GROUP BY c.area_id, c.kind UNION ALL "
	  "SELECT 3, state, NULL, NULL, count(*), 0, state FROM contribution "
	  "WHERE workshop_id = ?1 AND state IN ('hidden', 'redacted') GROUP "
	  "BY state UNION ALL "
	  "SELECT 4, 'door', NULL, door, count(*), 0, ifnull(door, '') FROM "
	  "contribution WHERE workshop_id = ?1 AND source = 'participant' "
	  "AND state = 'shown' GROUP BY door) x ORDER BY o, p1, p2", participation_cols, "Who "
	  "took part, in numbers only: never words, never names; worked out, "
	  "so import does not read them", NULL, NULL, NULL },
	{ .name = NULL }
};
#define NTABLES	(sizeof(tables) / sizeof(tables[0]) - 1)

static const struct table *
table_named(const char *name)
{
	const struct table	*t;

	for (t = tables; t->name != NULL; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

static int
in_json(const struct col *c)
{
	return !(c->flags & COL_NOJSON);
}

/* How to bind a table's SQL: with the workshop's id, if it uses it. */
static const char *
bind(const struct table *t)
{
	return strstr(t->sql, "?1") != NULL ? "i" : "";
}

/* 1 if `c' is a key that names a row: its value is the row's id. */
static int
is_lookup(const struct col *c)
{
	return c->check >= CK_AREA;
}

/* The record's column `c' is read from, and written to on import. */
static void
col_field(struct buf *b, const struct col *c)
{
	buf_adds(b, c->csv != NULL ? c->csv : c->name);
	if (is_lookup(c))
		buf_adds(b, "_id");
}

/*
 * The SQL that reads `t': its `sql' with the columns in.  Made once and
 * kept, as the statement cache knows a statement by its SQL's address.
 */
static const char *
table_sql(const struct table *t)
{
	static char		*made[NTABLES];
	const struct col	*c;
	const char		*at;
	struct buf		 b;

	if (made[t - tables] != NULL)
		return made[t - tables];
	at = strstr(t->sql, "%s");
	buf_init(&b);
	buf_addf(&b, "%.*s", (int)(at - t->sql), t->sql);
	for (c = t->cols; c->name != NULL; c++) {
		buf_adds(&b, c == t->cols ? "" : ", ");
		if (c->sel != NULL)
			buf_adds(&b, c->sel);
		else {
			buf_adds(&b, "x.");
			col_field(&b, c);
		}
	}
	buf_adds(&b, at + 2);
	return made[t - tables] = buf_take(&b);
}

/* The one JSON column of a TBL_SCALAR table. */
static const struct col *
scalar_col(const struct table *t)
{
	const struct col	*c;

	for (c = t->cols; c->name != NULL; c++)
		if (in_json(c))
			return c;
	return NULL;
}

/* ---- where the bytes go -------------------------------------------- */

struct sink {
	FILE		*fp;		/* borrowed: stdout, or a file */
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

struct ctx {
	struct store	*st;
	long long	*ws;		/* owned: the workshops */
	size_t		 nws;
	char		 exported_at[32];
	struct sink	 sink;
	struct buf	*msg;		/* borrowed: the sentence to say */
	long long	 rows[NTABLES];	/* CSV rows written, per table */
	long long	*shown;		/* owned: the workshop's shown
					   contributions' ids; a position is
					   a ref (COL_CREF) */
	size_t		 nshown;
	long long	 shown_ws;	/* whose they are */
	char		 ref[32];	/* the last ref written */
	const char	*format;	/* borrowed: "json", "md", ... */
	int		 all;		/* every workshop */
	char		*tmp;		/* owned: the folder being made */
	int		 saved_errno;	/* why a file of it failed */
	int		 docs;		/* report documents streamed */
};

static int
id_cmp(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* Load workshop `wsid''s shown contributions, for COL_CREF. */
static int
load_shown(struct ctx *x, long long wsid)
{
	sqlite3_stmt	*stmt;
	size_t		 cap = x->nshown;

	if (x->shown != NULL && x->shown_ws == wsid)
		return 0;
	x->shown_ws = wsid;
	x->nshown = 0;
	if ((stmt = store_query(x->st, "SELECT id FROM contribution WHERE "
	    "workshop_id = ? AND state = 'shown' ORDER BY id", "i", wsid)) ==
	    NULL)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (x->nshown == cap) {
			cap = cap < 1024 ? 1024 : cap * 2;
			x->shown = xreallocarray(x->shown, cap,
			    sizeof(*x->shown));
		}
		x->shown[x->nshown++] = sqlite3_column_int64(stmt, 0);
	}
	store_done(stmt);
	return 0;
}

/* Column `i' of `stmt' as text: a COL_CREF id becomes its ref. */
static const char *
text_of(struct ctx *x, const struct col *c, sqlite3_stmt *stmt, int i)
{
	long long	 id, *p;

	if (!(c->flags & COL_CREF))
		return store_col(stmt, i);
	id = sqlite3_column_int64(stmt, i);
	p = x->nshown == 0 ? NULL : bsearch(&id, x->shown, x->nshown,
	    sizeof(*x->shown), id_cmp);
	snprintf(x->ref, sizeof(x->ref), "c%zu", p == NULL ? 0 :
	    (size_t)(p - x->shown) + 1);
	return x->ref;
}

static int
fail(struct ctx *x, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
fail(struct ctx *x, const char *fmt, ...)
{
	va_list	 ap;

	buf_reset(x->msg);
	va_start(ap, fmt);
	buf_vaddf(x->msg, fmt, ap);
	va_end(ap);
	return -1;
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

/* ---- JSON ------------------------------------------------------------ */

static void
json_cell(struct ctx *x, struct json_writer *w, const char *key,
    const struct col *c, sqlite3_stmt *stmt, int i)
{
	if (sqlite3_column_type(stmt, i) == SQLITE_NULL)
		json_null(w, key);
	else if (c->type == COL_TEXT)
		json_string(w, key, text_of(x, c, stmt, i));
	else if (c->type == COL_BOOL)
		json_bool(w, key, sqlite3_column_int(stmt, i));
	else
		json_int(w, key, sqlite3_column_int64(stmt, i));
}

/* A child table's rows, read alongside its parent's. */
struct cursor {
	const struct table	*t;
	sqlite3_stmt		*stmt;
	int			 row;	/* a row is waiting */
};

static void	json_children(struct ctx *, struct json_writer *,
		    struct cursor *, size_t, long long);

static int	grouped(const struct table *, const struct col *);

/* One row of `t' as a JSON object (or the scalar of TBL_SCALAR). */
static void
json_row(struct ctx *x, struct json_writer *w, const struct table *t,
    sqlite3_stmt *stmt, const char *key, struct cursor *kids, size_t nkids)
{
	const struct col	*c;
	int			 i, g, allnull;

	if (t->flags & TBL_SCALAR) {
		for (c = t->cols, i = 1; !in_json(c); c++, i++)
			;
		json_cell(x, w, key, c, stmt, i);
		return;
	}
	json_object_begin(w, key);
	for (c = t->cols, i = 1; c->name != NULL; c++, i++) {
		if (!in_json(c))
			continue;
		if (c->group == NULL) {
			json_cell(x, w, c->name, c, stmt, i);
			continue;
		}
		if (grouped(t, c))
			continue;	/* written with the first of its group */
		for (g = 0, allnull = 1; c[g].group != NULL &&
		    strcmp(c[g].group, c->group) == 0; g++)
			allnull &= sqlite3_column_type(stmt, i + g) ==
			    SQLITE_NULL;
		if (allnull) {
			json_null(w, c->group);
			continue;
		}
		json_object_begin(w, c->group);
		for (g = 0; c[g].group != NULL && strcmp(c[g].group,
		    c->group) == 0; g++)
			json_int(w, c[g].name, sqlite3_column_int64(stmt,
			    i + g));
		json_object_end(w);
	}
	json_children(x, w, kids, nkids, sqlite3_column_int64(stmt, 0));
	json_object_end(w);
}

static void
json_children(struct ctx *x, struct json_writer *w, struct cursor *kids,
    size_t nkids, long long parent)
{
	size_t	 k;

	for (k = 0; k < nkids; k++) {
		json_array_begin(w, kids[k].t->name);
		while (kids[k].row &&
		    sqlite3_column_int64(kids[k].stmt, 0) == parent) {
			json_row(x, w, kids[k].t, kids[k].stmt, NULL, NULL, 0);
			kids[k].row = sqlite3_step(kids[k].stmt) == SQLITE_ROW;
		}
		json_array_end(w);
	}
}

static int
json_table(struct ctx *x, struct json_writer *w, const struct table *t,
    long long wsid)
{
	struct cursor		 kids[8];
	const struct table	*k;
	sqlite3_stmt		*stmt;
	size_t			 nkids = 0, i;
	int			 rc = 0;

	if ((stmt = store_query(x->st, table_sql(t), bind(t), wsid)) == NULL)
		return -1;
	for (k = tables; k->name != NULL && nkids < 8; k++) {
		if (k->parent == NULL || strcmp(k->parent, t->name) != 0)
			continue;
		kids[nkids].t = k;
		if ((kids[nkids].stmt = store_query(x->st, table_sql(k),
		    bind(k), wsid)) == NULL)
			rc = -1;
		else
			kids[nkids].row = sqlite3_step(kids[nkids].stmt) ==
			    SQLITE_ROW;
		nkids++;
	}
	if (rc == 0 && (t->flags & TBL_OBJECT)) {
		if (sqlite3_step(stmt) == SQLITE_ROW)
			json_row(x, w, t, stmt, t->name, kids, nkids);
	} else if (rc == 0) {
		json_array_begin(w, t->name);
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			json_row(x, w, t, stmt, NULL, kids, nkids);
			sink_flush(&x->sink, 0);
		}
		json_array_end(w);
	}
	for (i = 0; i < nkids; i++)
		store_done(kids[i].stmt);
	store_done(stmt);
	return rc;
}

static int
export_json(struct ctx *x)
{
	struct json_writer	 w;
	const struct table	*t;
	size_t			 i;
	int			 rc = 0;

	json_writer_init(&w, &x->sink.b);
	if (x->all)
		json_array_begin(&w, NULL);
	for (i = 0; i < x->nws; i++) {
		json_object_begin(&w, NULL);
		json_string(&w, "format", EXPORT_FORMAT_NAME);
		json_int(&w, "version", EXPORT_FORMAT_VERSION);
		json_string(&w, "exported_at", x->exported_at);
		if (load_shown(x, x->ws[i]) == -1)
			rc = -1;
		for (t = tables; t->name != NULL && rc == 0; t++)
			if (t->parent == NULL)
				rc = json_table(x, &w, t, x->ws[i]);
		json_object_end(&w);
	}
	if (x->all)
		json_array_end(&w);
	buf_addc(&x->sink.b, '\n');
	return rc;
}

/* ---- CSV -------------------------------------------------------------- */

/*
 * One cell.  A text cell beginning with = + - @ a tab, a carriage return
 * or a single quote gets one more single quote in front, so that no
 * spreadsheet reads it as a formula and a reader can always take exactly
 * one leading quote off again.  RFC 4180: a cell holding a comma, a
 * double quote or a line break is quoted, its quotes doubled.
 */
static void
csv_cell(struct buf *b, const char *raw)
{
	static struct buf safe;		/* reused, cell after cell */
	const char	*p, *s;
	int		 quote;

	/* Controls and bidirectional overrides are written visibly. */
	buf_reset(&safe);
	buf_add_safe(&safe, raw, strlen(raw), 1);
	s = safe.len > 0 ? safe.data : "";
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_addc(b, '"');
	if (*s != '\0' && strchr("=+-@\t\r'", *s) != NULL)
		buf_addc(b, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			buf_addc(b, '"');
		buf_addc(b, *p);
	}
	if (quote)
		buf_addc(b, '"');
}

static const char *
csv_name(const struct col *c)
{
	return c->csv != NULL ? c->csv : c->name;
}

/* Table `t' of every workshop, each row led by the workshop's slug. */
static int
csv_table(struct ctx *x, const struct table *t, long long *rows)
{
	const struct col	*c;
	sqlite3_stmt		*stmt;
	struct buf		 lead;
	size_t			 w;
	char			*slug;
	int			 i;

	buf_adds(&x->sink.b, "workshop");
	for (c = t->cols; c->name != NULL; c++)
		if (!(c->flags & COL_NOCSV))
			buf_addf(&x->sink.b, ",%s", csv_name(c));
	buf_adds(&x->sink.b, "\r\n");
	for (w = 0; w < x->nws; w++) {
		/* The slug's cell, made once for every row. */
		buf_init(&lead);
		if ((stmt = store_query(x->st, "SELECT slug FROM workshop "
		    "WHERE id = ?", "i", x->ws[w])) != NULL &&
		    sqlite3_step(stmt) == SQLITE_ROW)
			csv_cell(&lead, store_col(stmt, 0));
		store_done(stmt);
		slug = buf_take(&lead);
		if (load_shown(x, x->ws[w]) == -1 || (stmt = store_query(x->st,
		    table_sql(t), bind(t), x->ws[w])) == NULL) {
			free(slug);
			return -1;
		}
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			buf_adds(&x->sink.b, slug);
			for (c = t->cols, i = 1; c->name != NULL; c++, i++) {
				if (c->flags & COL_NOCSV)
					continue;
				buf_addc(&x->sink.b, ',');
				if (sqlite3_column_type(stmt, i) == SQLITE_NULL)
					continue;
				if (c->type == COL_TEXT)
					csv_cell(&x->sink.b, text_of(x, c,
					    stmt, i));
				else
					buf_addf(&x->sink.b, "%lld",
					    sqlite3_column_int64(stmt, i));
			}
			buf_adds(&x->sink.b, "\r\n");
			(*rows)++;
			sink_flush(&x->sink, 0);
		}
		store_done(stmt);
		free(slug);
	}
	return 0;
}

static void
csv_readme(struct ctx *x, struct buf *b)
{
	const struct table	*t;
	const struct col	*c;
	sqlite3_stmt		*stmt = NULL;
	size_t			 n;

	if (x->nws == 1 && (stmt = store_query(x->st, "SELECT slug || ', ' "
	    "|| title FROM workshop WHERE id = ?", "i", x->ws[0])) != NULL &&
	    sqlite3_step(stmt) == SQLITE_ROW) {
		/* A title imported from JSON may hold a line break: fold it. */
		buf_adds(b, "# Decision record of workshop ");
		page_clean_text(b, store_col(stmt, 0));
		buf_adds(b, ": data card\n\n");
		store_done(stmt);
	} else {
		store_done(stmt);
		buf_addf(b, "# Decision records of %zu workshops: data card\n\n",
		    x->nws);
	}
	buf_addf(b, "Made on %s by blanksheet, export format version %d, "
	    "from a record at schema version %d.\n\n", x->exported_at,
	    EXPORT_FORMAT_VERSION, store_version(x->st));
	buf_adds(b, "## How the files are written\n\n"
	    "- One file per kind of row, each with a header row naming its "
	    "columns. The first column of every file is the workshop's short "
	    "name, so that the files of several workshops can be stacked.\n"
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
	    "- Hidden and removed contributions are not in any file; "
	    "participation.csv counts them. Receipt codes never are. A name "
	    "is there only when the person agreed to it being kept.\n"
	    "- Refs such as c3 and d1 join the files; they hold only inside "
	    "one workshop of this export.\n\n"
	    "## Files\n");
	for (t = tables, n = 0; t->name != NULL; t++, n++) {
		if (t->flags & TBL_NOCSV)
			continue;
		buf_addf(b, "\n### %s.csv\n\n%s. %lld %s.\n\n", t->name,
		    t->what, x->rows[n], x->rows[n] == 1 ? "row" : "rows");
		buf_adds(b, "- `workshop` (text): the workshop's short name\n");
		for (c = t->cols; c->name != NULL; c++)
			if (!(c->flags & COL_NOCSV))
				buf_addf(b, "- `%s` (%s): %s\n", csv_name(c),
				    c->type == COL_TEXT ? "text" : "number",
				    c->meaning);
	}
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

/* Write the rest of the sink to its file and close it; -1 with errno. */
static int
finish_file(struct sink *s)
{
	int	 rc = 0;

	sink_flush(s, 1);
	if (s->failed) {
		errno = s->saved_errno;
		rc = -1;
	}
	if (fflush(s->fp) == EOF || fsync(fileno(s->fp)) == -1)
		rc = -1;
	if (fclose(s->fp) == EOF)
		rc = -1;
	s->fp = NULL;
	return rc;
}

/* Open `name' anew in the folder being made, as the sink's file. */
static int
folder_open(struct ctx *x, const char *name)
{
	char	*path;
	int	 fd;

	path = xasprintf("%s/%s", x->tmp, name);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode_for(0666));
	free(path);
	if (fd == -1 || (x->sink.fp = fdopen(fd, "w")) == NULL) {
		x->saved_errno = errno;
		if (fd != -1)
			close(fd);
		return -1;
	}
	x->sink.failed = 0;
	return 0;
}

/* Close the file folder_open() opened; 0, or -1 if `rc' is or it fails. */
static int
folder_close(struct ctx *x, int rc)
{
	if (finish_file(&x->sink) == -1) {
		x->saved_errno = errno;
		rc = -1;
	}
	return rc;
}

/*
 * How many entries folder `dir' has besides . and .., or -1 if it cannot
 * be read.  With `remove', each is unlinked as it is counted.
 */
static int
dir_entries(const char *dir, int remove)
{
	DIR		*d;
	struct dirent	*e;
	char		*path;
	int		 n = 0;

	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		n++;
		if (remove) {
			path = xasprintf("%s/%s", dir, e->d_name);
			unlink(path);
			free(path);
		}
	}
	closedir(d);
	return n;
}

/*
 * Write `output' whole or not at all: `fill' makes it, with folder_open()
 * and folder_close(), in a temporary folder beside it, which is renamed
 * into place (rename(2) replaces an empty folder in one step); or, for a
 * single file (`what' NULL), its one file "out" is.  Nothing that exists
 * is written over, but an empty folder: not the record, not a document
 * someone is writing.  `what' names a folder's contents in messages.
 */
static int
export_to(struct ctx *x, const char *what, const char *output,
    int (*fill)(struct ctx *))
{
	struct stat	 sb;
	const char	*why = NULL;
	char		*dest, *file = NULL;
	size_t		 len;
	int		 rc = -1;

	dest = xstrdup(output);
	for (len = strlen(dest); what != NULL && len > 1 &&
	    dest[len - 1] == '/'; )
		dest[--len] = '\0';
	x->saved_errno = EIO;
	if (stat(dest, &sb) == -1)
		sb.st_mode = 0;
	if (sb.st_mode != 0 && what == NULL)
		why = S_ISREG(sb.st_mode) ? "it exists already. Give a new name, "
		    "or move it away first" : "it exists and is not a file";
	else if (sb.st_mode != 0 && what != NULL && !S_ISDIR(sb.st_mode))
		why = "it exists and is not a folder. Give the name of a new "
		    "folder";
	else if (sb.st_mode != 0 && what != NULL && dir_entries(dest, 0) != 0)
		why = "the folder is not empty. Give the name of a new or empty "
		    "folder";
	else if (mkdtemp(x->tmp = xasprintf("%s.XXXXXX", dest)) == NULL) {
		x->saved_errno = errno;
		free(x->tmp);
		x->tmp = NULL;
	} else if (fill(x) == 0) {
		if (what == NULL)
			file = xasprintf("%s/out", x->tmp);
		if ((file != NULL || chmod(x->tmp, mode_for(0777)) == 0) &&
		    rename(file != NULL ? file : x->tmp, dest) == 0)
			rc = 0;
		x->saved_errno = errno;
	}
	if (x->tmp != NULL) {
		if (rc == -1)
			dir_entries(x->tmp, 1);
		rmdir(x->tmp);
	}
	free(x->tmp);
	free(file);
	free(dest);
	if (rc == 0)
		return 0;
	if (why == NULL)
		why = x->saved_errno == ENOTEMPTY || x->saved_errno == EEXIST ?
		    "the folder is not empty" : x->saved_errno == ENOENT ?
		    "the folder it would go in does not exist. Make it first, "
		    "or give a path in a folder that exists" :
		    strerror(x->saved_errno);
	return what == NULL ? fail(x, "Cannot write %s: %s. Nothing was "
	    "written.", output, why) : fail(x, "Cannot write %s to %s: %s. "
	    "Nothing was written.", what, output, why);
}

static int
csv_files(struct ctx *x)
{
	const struct table	*t;
	char			*name;
	size_t			 n;
	int			 rc;

	for (t = tables, n = 0; t->name != NULL; t++, n++) {
		if (t->flags & TBL_NOCSV)
			continue;
		name = xasprintf("%s.csv", t->name);
		rc = folder_open(x, name);
		free(name);
		if (rc == -1 || folder_close(x, csv_table(x, t,
		    &x->rows[n])) == -1)
			return -1;
	}
	if (folder_open(x, "README.md") == -1)
		return -1;
	csv_readme(x, &x->sink.b);
	return folder_close(x, 0);
}

/* ---- reports ----------------------------------------------------------- */

static void
render(struct ctx *x, const struct page *p)
{
	if (strcmp(x->format, "md") == 0)
		page_render_markdown(p, &x->sink.b);
	else if (strcmp(x->format, "html") == 0)
		page_render_html(p, &x->sink.b);
	else
		page_render_gemtext(p, &x->sink.b);
}

/* A report's document as a file of the folder. */
static int
emit_file(void *arg, const char *name, struct page *p)
{
	struct ctx	*x = arg;

	if (folder_open(x, name) == -1)
		return -1;
	render(x, p);
	return folder_close(x, 0);
}

/*
 * A report's document in one stream, after the ones before: the links
 * between documents lead nowhere in one file, so they are kept as items.
 */
static int
emit_stream(void *arg, const char *name, struct page *p)
{
	struct ctx	*x = arg;
	size_t		 i;

	(void)name;
	for (i = 0; i < p->nblocks; i++)
		if (p->blocks[i].type == BLK_LINK)
			p->blocks[i].type = BLK_ITEM;
	if (x->docs++ > 0)
		buf_addc(&x->sink.b, '\n');
	render(x, p);
	sink_flush(&x->sink, 0);
	return 0;
}

static int
report(struct ctx *x, int (*emit)(void *, const char *, struct page *))
{
	struct report_out	 out;
	char			 ext[8];

	snprintf(ext, sizeof(ext), ".%s", x->format);
	out.ext = ext;
	out.emit = emit;
	out.arg = x;
	return report_run(x->st, x->all ? 0 : x->ws[0], x->exported_at, &out);
}

static int
report_files(struct ctx *x)
{
	return report(x, emit_file);
}

/* The whole export in one stream, to the sink's file. */
static int
run_format(struct ctx *x)
{
	if (strcmp(x->format, "json") == 0)
		return export_json(x);
	return report(x, emit_stream);
}

/* The whole export as the one file of a folder. */
static int
one_file(struct ctx *x)
{
	if (folder_open(x, "out") == -1)
		return -1;
	return folder_close(x, run_format(x));
}

/*
 * 1 if a report's `output' is a folder of documents: a folder already, a
 * name ending in '/', or a last part without a dot ("report", not
 * "report.md").
 */
static int
is_folder(const char *output)
{
	struct stat	 sb;
	const char	*base = strrchr(output, '/');

	if (stat(output, &sb) == 0)
		return S_ISDIR(sb.st_mode);
	base = base == NULL ? output : base + 1;
	return *base == '\0' || strchr(base, '.') == NULL;
}

int
export_run(struct store *st, const struct export_opts *o, struct buf *msg)
{
	static const char *const formats[] = { "json", "csv", "gmi", "md",
	    "html", NULL };
	static const char *const names[] = { "JSON export", "CSV export",
	    "gemtext report", "Markdown report", "HTML report" };
	struct ctx	 x;
	sqlite3_stmt	*stmt;
	size_t		 f;
	int		 rc = 0, exact;

	memset(&x, 0, sizeof(x));
	x.st = st;
	x.msg = msg;
	x.all = o->all;
	if ((x.format = o->format) == NULL)
		return fail(&x, "Say which format: --format json, csv, gmi, md "
		    "or html.");
	for (f = 0; formats[f] != NULL; f++)
		if (strcmp(formats[f], o->format) == 0)
			break;
	if (formats[f] == NULL)
		return fail(&x, "'%s' is not a format. Formats: json, csv, "
		    "gmi (a gemtext report), md (a Markdown report) or html (a "
		    "web page report).", o->format);
	if (f == 1 && o->output == NULL)
		return fail(&x, "CSV is a folder of files: say where with -o "
		    "FOLDER, a folder that does not exist yet or is empty.");
	/* Web pages are one document a file, each with its way to the rest. */
	if (f == 4 && (o->output == NULL || !is_folder(o->output)))
		return fail(&x, "HTML is a set of linked web pages: say where "
		    "with -o FOLDER, a folder that does not exist yet or is "
		    "empty, such as -o north-report.");
	stamp(x.exported_at);
	buf_init(&x.sink.b);
	/*
	 * One read transaction: every file agrees with every other.  A
	 * report reads what was said area by area and kind by kind, each a
	 * pass over the contributions' pages: a page cache that holds them
	 * (SQLite fills it only as it reads) saves reading them again.
	 */
	if (sqlite3_exec(st->db, f > 1 ? "PRAGMA cache_size = -32768; BEGIN" :
	    "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
		return fail(&x, "Cannot read the record.");
	if (!o->all) {
		x.ws = xcalloc(1, sizeof(*x.ws));
		x.ws[x.nws++] = o->wsid;
	} else if ((stmt = store_query(st, "SELECT id FROM workshop ORDER BY "
	    "slug", "")) != NULL) {
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			x.ws = xreallocarray(x.ws, x.nws + 1, sizeof(*x.ws));
			x.ws[x.nws++] = sqlite3_column_int64(stmt, 0);
		}
		store_done(stmt);
	}
	/* The reports are read aloud too: figures for the ear. */
	exact = view_set_exact(0);
	if (f == 1)
		rc = export_to(&x, "CSV files", o->output, csv_files);
	else if (f > 1 && o->output != NULL && is_folder(o->output))
		rc = export_to(&x, "the report", o->output, report_files);
	else if (o->output != NULL)
		rc = export_to(&x, NULL, o->output, one_file);
	else {
		x.sink.fp = stdout;
		if ((rc = run_format(&x)) == -1)
			fail(&x, "Cannot read the record.");
		sink_flush(&x.sink, 1);
		if (rc == 0 && (x.sink.failed || fflush(stdout) == EOF))
			rc = fail(&x, "Cannot write to standard output: %s.",
			    strerror(x.sink.failed ? x.sink.saved_errno :
			    errno));
	}
	sqlite3_exec(st->db, "COMMIT; PRAGMA cache_size = -2000", NULL, NULL,
	    NULL);
	view_set_exact(exact);
	free(x.ws);
	free(x.shown);
	buf_release(&x.sink.b);
	if (rc == 0 && o->output != NULL)
		buf_addf(msg, "Wrote the %s%s to %s.", names[f], o->all ?
		    " of every workshop" : "", o->output);
	return rc;
}

/* ---- import ------------------------------------------------------------ */

struct imp_ref {
	const char	*ref;		/* borrowed from the document */
	long long	 id;
};

/* A TBL_KEYED table's rows: first column, id; sorted once all are read. */
struct imp_keys {
	struct imp_ref	*v;		/* owned */
	size_t		 n, cap;
};

/* How a table's rows are written: its INSERT and where each value goes. */
struct imp_ins {
	sqlite3_stmt	*stmt;		/* owned */
	int		 col[16];	/* each column's parameter, or 0 */
	int		 ws, parent, code;
};

struct imp {
	struct store	*st;
	struct buf	*msg;		/* borrowed */
	const char	*file;
	const char	*rename;
	int		 version;	/* of the document being read */
	int		 failed;
	long long	 wsid;
	struct imp_keys	 keys[NTABLES];	/* models: id 0 for a national one
					   this record does not have */
	struct imp_ins	 ins[NTABLES];	/* for this document's version */
	const char	*slug;		/* borrowed: the one imported */
	size_t		 ndocs;		/* workshops in the file */
};

/* Say what is wrong, once; every later mistake is a consequence. */
static int
bad(struct imp *im, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static int
bad(struct imp *im, const char *fmt, ...)
{
	va_list	 ap;

	if (im->failed)
		return -1;
	im->failed = 1;
	buf_addf(im->msg, "Cannot import %s: ", im->file);
	va_start(ap, fmt);
	buf_vaddf(im->msg, fmt, ap);
	va_end(ap);
	buf_adds(im->msg, ". Nothing was imported.");
	return -1;
}

static int
ref_cmp(const void *a, const void *b)
{
	return strcmp(((const struct imp_ref *)a)->ref,
	    ((const struct imp_ref *)b)->ref);
}

static const struct table	*table_named(const char *);

/* What text `s' of column `c' names: its id, or 0 after saying why. */
static long long
lookup(struct imp *im, const char *where, const struct col *c, const char *s)
{
	static const char *const what[] = { "an area", "a stage",
	    "a resource", "a model", "a contribution" };
	const struct imp_keys	*k;
	struct imp_ref		 key, *r = NULL;
	long long		 id = 0;

	switch (c->check) {
	case CK_AREA:
		id = record_area_id(im->st, s);
		break;
	case CK_STAGE:
		id = record_stage_id(im->st, s);
		break;
	case CK_RESOURCE:
		id = record_resource_id(im->st, s);
		break;
	case CK_MODEL:
	case CK_CONTRIBUTION:
		k = &im->keys[table_named(c->check == CK_MODEL ? "models" :
		    "contributions") - tables];
		key.ref = s;
		if (k->n > 0)
			r = bsearch(&key, k->v, k->n, sizeof(*k->v), ref_cmp);
		if (r == NULL)
			return bad(im, "%s names %s '%s' that is not in the "
			    "document", where, what[c->check - CK_AREA], s), 0;
		if (r->id == 0)
			return bad(im, "%s uses the national model '%s', which "
			    "this record does not have", where, s), 0;
		return r->id;
	default:
		return 1;
	}
	if (id == 0)
		bad(im, "%s names %s '%s' this record does not have", where,
		    what[c->check - CK_AREA], s);
	return id;
}

/* 1 if the items of `t' are its one JSON column's values, not objects. */
static int
is_scalar(const struct imp *im, const struct table *t)
{
	return (t->flags & TBL_SCALAR) || ((t->flags & TBL_SCALAR_V1) &&
	    im->version < 2);
}

/*
 * Check value `v' of column `c' in row `where' into `out'.  Text is
 * measured in characters, as the JSON Schema and the record count it.
 * 0 or -1.
 */
static int
read_value(struct imp *im, const struct table *t, const struct col *c,
    const struct json *v, const char *where, struct val *out)
{
	char	 at[200], *all;
	size_t	 len;

	memset(out, 0, sizeof(*out));
	snprintf(at, sizeof(at), is_scalar(im, t) ? "%s" : "%s.%s", where,
	    c->name);
	if (v == NULL || v->type == JSON_NULL) {
		if (v == NULL && !(c->flags & COL_OPTIONAL) &&
		    c->since <= im->version)
			return bad(im, "%s has no member '%s'", where, c->name);
		if (v != NULL && !(c->flags & COL_NULL))
			return bad(im, "%s should be %s, not null", at,
			    c->type == COL_TEXT ? "a string" : c->type ==
			    COL_INT ? "a number" : "true or false");
		out->null = 1;
		out->s = "";
		return 0;
	}
	if (c->type == COL_BOOL) {
		if (v->type != JSON_TRUE && v->type != JSON_FALSE)
			return bad(im, "%s should be true or false, not %s", at,
			    json_type_name(v->type));
		out->i = v->type == JSON_TRUE;
		return 0;
	}
	if (c->type == COL_INT) {
		if (v->type != JSON_NUMBER || !v->is_int || v->i < c->min ||
		    v->i > c->max || (v->i == 0 && (c->flags & COL_NONZERO)))
			return bad(im, "%s should be a whole number from %lld "
			    "to %lld%s", at, c->min, c->max,
			    c->flags & COL_NONZERO ? ", not 0" : "");
		out->i = v->i;
		return 0;
	}
	if (v->type != JSON_STRING)
		return bad(im, "%s should be a string%s, not %s", at,
		    c->flags & COL_NULL ? " or null" : "",
		    json_type_name(v->type));
	out->s = v->s;
	len = utf8_chars(v->s, v->n);
	if (len == 0 && !(c->flags & COL_EMPTY))
		return bad(im, "%s is empty", at);
	if (len > (size_t)c->max)
		return bad(im, "%s is too long: %zu characters, and the limit "
		    "is %lld", at, len, c->max);
	if (c->vocab != NULL && vocab_find(c->vocab, v->s) == NULL) {
		all = vocab_keys(c->vocab);
		bad(im, "%s is '%s', which is not one of %s", at, v->s, all);
		free(all);
		return -1;
	}
	if ((c->check == CK_KEY && !record_is_slug(v->s)) ||
	    (c->check == CK_DATE && !record_is_date(v->s)) ||
	    (c->check == CK_LANG && !record_is_lang(v->s)))
		return bad(im, "%s '%s' is not %s", at, v->s,
		    c->check == CK_KEY ? "a short name: use lower-case "
		    "letters, digits and dashes" : c->check == CK_DATE ?
		    "a date written YYYY-MM-DD" : "a language tag");
	if (!(t->flags & TBL_DERIVED) && (out->i = lookup(im, where, c,
	    v->s)) == 0)
		return -1;
	return 0;
}

/* 1 if `name' is a member a row of `t' may have in this document. */
static int
is_member(const struct imp *im, const struct table *t, const char *name)
{
	const struct table	*k;
	const struct col	*c;

	for (c = t->cols; c->name != NULL; c++)
		if (in_json(c) && c->since <= im->version &&
		    strcmp(c->group != NULL ? c->group : c->name, name) == 0)
			return 1;
	for (k = tables; k->name != NULL; k++)
		if (k->parent != NULL && strcmp(k->parent, t->name) == 0 &&
		    k->since <= im->version && strcmp(k->name, name) == 0)
			return 1;
	return 0;
}

/* 1 if import writes column `c' into the record itself. */
static int
is_put(const struct imp *im, const struct col *c)
{
	return in_json(c) && c->check != CK_REF && !(c->flags & COL_NOPUT) &&
	    c->since <= im->version;
}

/* The INSERT of table `t', made for this document's version. */
static struct imp_ins *
ins_prepare(struct imp *im, const struct table *t)
{
	struct imp_ins		*in = &im->ins[t - tables];
	const struct col	*c;
	const char		*bar = strchr(t->also, '|');
	struct buf		 sql, vals;
	size_t			 n;

	if (in->stmt != NULL)
		return in;
	buf_init(&sql);
	buf_init(&vals);
	buf_addf(&sql, "INSERT INTO %s (%.*s", t->into, (int)(bar - t->also),
	    t->also);
	buf_adds(&vals, bar + 1);
	for (c = t->cols; c->name != NULL; c++) {
		if (!is_put(im, c))
			continue;
		buf_adds(&sql, vals.len > 0 ? ", " : "");
		col_field(&sql, c);
		buf_addf(&vals, "%s:%s", vals.len > 0 ? ", " : "", c->name);
	}
	buf_addf(&sql, ") VALUES (%s)", vals.data);
	if (sqlite3_prepare_v2(im->st->db, sql.data, -1, &in->stmt, NULL) !=
	    SQLITE_OK) {
		bad(im, "the record cannot take %s: %s", t->name,
		    sqlite3_errmsg(im->st->db));
		in->stmt = NULL;
	}
	buf_release(&sql);
	for (c = t->cols, n = 0; in->stmt != NULL && c->name != NULL; c++,
	    n++) {
		buf_reset(&vals);
		buf_addf(&vals, ":%s", c->name);
		in->col[n] = is_put(im, c) ? sqlite3_bind_parameter_index(
		    in->stmt, vals.data) : 0;
	}
	buf_release(&vals);
	if (in->stmt == NULL)
		return NULL;
	in->ws = sqlite3_bind_parameter_index(in->stmt, "$ws");
	in->parent = sqlite3_bind_parameter_index(in->stmt, "$parent");
	in->code = sqlite3_bind_parameter_index(in->stmt, "$code");
	return in;
}

/* Write row `v' of `t' (`where' in the document) into the record. */
static int
ins_row(struct imp *im, const struct table *t, const struct val *v,
    long long parent, long long *id, const char *where)
{
	struct imp_ins		*in;
	const struct col	*c;
	char			 code[RECORD_CODE_LEN + 1];
	size_t			 n;
	int			 rc;

	if ((in = ins_prepare(im, t)) == NULL)
		return -1;
	for (c = t->cols, n = 0; c->name != NULL; c++, n++) {
		if (in->col[n] == 0)
			continue;
		if (v[n].null)
			sqlite3_bind_null(in->stmt, in->col[n]);
		else if (c->type != COL_TEXT || is_lookup(c))
			sqlite3_bind_int64(in->stmt, in->col[n], v[n].i);
		else
			sqlite3_bind_text(in->stmt, in->col[n], v[n].s, -1,
			    SQLITE_STATIC);
	}
	if (in->ws != 0)
		sqlite3_bind_int64(in->stmt, in->ws, im->wsid);
	if (in->parent != 0)
		sqlite3_bind_int64(in->stmt, in->parent, parent);
	if (in->code != 0) {
		/* A new receipt code: codes never travel. */
		record_new_code(im->st, code);
		sqlite3_bind_text(in->stmt, in->code, code, -1,
		    SQLITE_TRANSIENT);
	}
	rc = sqlite3_step(in->stmt);
	sqlite3_reset(in->stmt);
	if (rc != SQLITE_DONE && sqlite3_extended_errcode(im->st->db) ==
	    SQLITE_CONSTRAINT_UNIQUE) {
		for (n = 0; in->col[n] == 0; n++)
			;
		return bad(im, "%s repeats '%s'", where, v[n].s);
	}
	if (rc != SQLITE_DONE)
		return bad(im, "the record refused %s: %s", where,
		    sqlite3_errmsg(im->st->db));
	*id = sqlite3_last_insert_rowid(im->st->db);
	return 0;
}

static int
hook_workshop(struct imp *im, const struct table *t, struct val *v,
    long long parent, long long *id)
{
	if (im->rename != NULL)
		v[0].s = im->rename;
	/* An empty place is no place, as `workshop set' keeps it. */
	if (!v[3].null && *v[3].s == '\0')
		v[3].null = 1;
	if (strcmp(v[5].s, "closed") == 0 && v[6].i)
		return bad(im, "the workshop is closed, so its input_open "
		    "should be false: a closed workshop takes no words");
	/* --rename names one workshop: with several, each file alone. */
	if (record_workshop_id(im->st, v[0].s) > 0 && im->ndocs > 1)
		return bad(im, "there is already a workshop called '%s' in "
		    "this record. Purge it first, or import into a new "
		    "record", v[0].s);
	if (record_workshop_id(im->st, v[0].s) > 0)
		return bad(im, "there is already a workshop called '%s' in "
		    "this record; import it under another name with --rename "
		    "NEWNAME", v[0].s);
	if (ins_row(im, t, v, parent, id, "the workshop") == -1)
		return -1;
	im->slug = v[0].s;
	im->wsid = *id;
	return 1;
}

/* Local models travel with the workshop; national ones match by key. */
static int
hook_model(struct imp *im, const struct table *t, struct val *v,
    long long parent, long long *id)
{
	(void)t;
	(void)parent;
	if (!v[2].i && record_model_id(im->st, 0, v[0].s) > 0)
		return bad(im, "the local model '%s' has the key of a national "
		    "model; give it a key of its own", v[0].s);
	if (!v[2].i)
		return 0;
	/* Absent here (0): fine unless money or a change uses it. */
	*id = record_model_id(im->st, 0, v[0].s);
	return 1;
}

/*
 * An older export may repeat a model and resource, even under another
 * area than the model's: the lines add up, as the old totals did.
 */
static int
hook_money(struct imp *im, const struct table *t, struct val *v,
    long long parent, long long *id)
{
	sqlite3_stmt	*stmt;
	long long	 now = 0, expected = 0;
	int		 found;

	(void)t;
	(void)parent;
	if ((stmt = store_query(im->st, "SELECT id, now, expected FROM money "
	    "WHERE workshop_id = ? AND model_id = ? AND resource_id = ?",
	    "iii", im->wsid, v[1].i, v[2].i)) == NULL)
		return bad(im, "the record could not be read");
	if ((found = sqlite3_step(stmt) == SQLITE_ROW)) {
		*id = sqlite3_column_int64(stmt, 0);
		now = sqlite3_column_int64(stmt, 1) + v[4].i;
		expected = sqlite3_column_type(stmt, 2) == SQLITE_NULL ?
		    (v[5].null ? -1 : v[5].i) : sqlite3_column_int64(stmt, 2) +
		    v[5].i;
	}
	store_done(stmt);
	if (!found)
		return 0;
	if (now > AMOUNT_MAX || expected > AMOUNT_MAX)
		return bad(im, "the money lines for '%s' add up to more than "
		    "%lld", v[1].s, AMOUNT_MAX);
	if (store_exec(im->st, "UPDATE money SET now = ?, expected = "
	    "nullif(?, -1), expected_year = coalesce(nullif(?, 0), "
	    "expected_year) WHERE id = ?", "iiii",
	    now, expected, v[6].null ? 0 : v[6].i, *id) == -1)
		return bad(im, "the record refused money for '%s'", v[1].s);
	return 1;
}

/* The same for a decision's changes: repeated lines add up, or cancel. */
static int
hook_change(struct imp *im, const struct table *t, struct val *v,
    long long parent, long long *id)
{
	sqlite3_stmt	*stmt;
	long long	 delta = 0;

	(void)t;
	if ((stmt = store_query(im->st, "SELECT id, delta FROM decision_change "
	    "WHERE decision_id = ? AND model_id = ? AND resource_id = ?", "iii",
	    parent, v[2].i, v[4].i)) == NULL)
		return bad(im, "the record could not be read");
	*id = 0;
	if (sqlite3_step(stmt) == SQLITE_ROW) {
		*id = sqlite3_column_int64(stmt, 0);
		delta = sqlite3_column_int64(stmt, 1) + v[6].i;
	}
	store_done(stmt);
	if (*id == 0)
		return 0;
	if (delta > AMOUNT_MAX || delta < -AMOUNT_MAX)
		return bad(im, "the changes to '%s' add up to more than %lld",
		    v[2].s, AMOUNT_MAX);
	if ((delta == 0 ? store_exec(im->st, "DELETE FROM decision_change "
	    "WHERE id = ?", "i", *id) : store_exec(im->st, "UPDATE "
	    "decision_change SET delta = ? WHERE id = ?", "ii", delta,
	    *id)) == -1)
		return bad(im, "the record refused a change to '%s'", v[2].s);
	return 1;
}

/*
 * In a version 2 document, a COL_OWN area is the area of the row's
 * model: an older one's lines may say another, and go under the model's.
 */
static int
check_own(struct imp *im, const struct table *t, const struct val *v,
    const char *where)
{
	const struct col	*c, *m;

	for (m = t->cols; m->name != NULL && m->check != CK_MODEL; m++)
		;
	for (c = t->cols; c->name != NULL && im->version >= 2; c++)
		if ((c->flags & COL_OWN) && !v[c - t->cols].null &&
		    store_int(im->st, "SELECT area_id FROM model WHERE id = ?",
		    0, "i", v[m - t->cols].i) != v[c - t->cols].i)
			return bad(im, "%s.%s is '%s', which is not the area "
			    "of model '%s'", where, c->name, v[c - t->cols].s,
			    v[m - t->cols].s);
	return 0;
}

/* Write one row, read; remember its key. */
static int
write_row(struct imp *im, const struct table *t, struct val *v,
    const char *where, long long parent, long long *id)
{
	struct imp_keys	*k = &im->keys[t - tables];
	int		 rc = 0;

	if (t->into != NULL && (rc = t->hook == NULL ? 0 : t->hook(im, t, v,
	    parent, id)) == 0)
		rc = ins_row(im, t, v, parent, id, where);
	if (rc == -1)
		return -1;
	if (t->flags & TBL_KEYED) {
		if (k->n == k->cap) {
			k->cap = k->cap < 64 ? 64 : k->cap * 2;
			k->v = xreallocarray(k->v, k->cap, sizeof(*k->v));
		}
		k->v[k->n].ref = v[0].s;
		k->v[k->n++].id = *id;
	}
	return 0;
}

static int	read_table(struct imp *, const struct table *,
		    const struct json *, const char *, long long);

/* One item of table `t'. */
static int
read_row(struct imp *im, const struct table *t, const struct json *o,
    const char *where, long long parent)
{
	struct val		 vals[16];
	const struct table	*k;
	const struct col	*c;
	const struct json	*g, *v;
	char			 w2[160];
	long long		 id = 0;
	size_t			 i, n;

	for (n = 0; n < sizeof(vals) / sizeof(vals[0]); n++)
		vals[n].null = 1, vals[n].s = "", vals[n].i = 0;
	if (is_scalar(im, t)) {
		/* The one value; the others are absent, as in older ones. */
		c = scalar_col(t);
		n = (size_t)(c - t->cols);
		if (read_value(im, t, c, o, where, &vals[n]) == -1)
			return -1;
		return write_row(im, t, vals, where, parent, &id);
	}
	if (o == NULL || o->type != JSON_OBJECT)
		return bad(im, "%s should be an object", where);
	for (i = 0; i < o->n; i++)
		if (!is_member(im, t, o->keys[i]))
			return bad(im, "%s has a member '%s' that version %d "
			    "exports do not have", where, o->keys[i],
			    im->version);
	for (c = t->cols, n = 0; c->name != NULL; c++, n++) {
		if (!in_json(c))
			continue;
		if (c->group == NULL) {
			v = json_get(o, c->name);
			if (read_value(im, t, c, v, where, &vals[n]) == -1)
				return -1;
			continue;
		}
		snprintf(w2, sizeof(w2), "%s.%s", where, c->group);
		if ((g = json_get(o, c->group)) == NULL)
			return bad(im, "%s has no member '%s'", where, c->group);
		if (g->type == JSON_NULL)
			continue;
		if (g->type != JSON_OBJECT)
			return bad(im, "%s should be an object or null", w2);
		for (i = 0; i < g->n; i++) {
			const struct col *m;

			for (m = t->cols; m->name != NULL; m++)
				if (m->group != NULL && strcmp(m->group,
				    c->group) == 0 && strcmp(m->name,
				    g->keys[i]) == 0)
					break;
			if (m->name == NULL)
				return bad(im, "%s has a member '%s' that "
				    "version %d exports do not have", w2,
				    g->keys[i], im->version);
		}
		if (read_value(im, t, c, json_get(g, c->name), w2,
		    &vals[n]) == -1)
			return -1;
	}
	if (check_own(im, t, vals, where) == -1 ||
	    write_row(im, t, vals, where, parent, &id) == -1)
		return -1;
	for (k = tables; k->name != NULL; k++) {
		if (k->parent == NULL || strcmp(k->parent, t->name) != 0 ||
		    k->since > im->version)
			continue;
		snprintf(w2, sizeof(w2), "%s.%s", where, k->name);
		if (read_table(im, k, json_get(o, k->name), w2, id) == -1)
			return -1;
	}
	return 0;
}

static int
read_table(struct imp *im, const struct table *t, const struct json *a,
    const char *where, long long parent)
{
	struct imp_keys	*k;
	char		 w2[160];
	size_t		 i;

	if (t->flags & TBL_OBJECT)
		return read_row(im, t, a, where, parent);
	if (a == NULL)
		return bad(im, "%s is missing", where);
	if (a->type != JSON_ARRAY)
		return bad(im, "%s should be an array, not %s", where,
		    json_type_name(a->type));
	for (i = 0; i < a->n; i++) {
		snprintf(w2, sizeof(w2), "%s[%zu]", where, i);
		if (read_row(im, t, &a->items[i], w2, parent) == -1)
			return -1;
	}
	if (!(t->flags & TBL_KEYED))
		return 0;
	k = &im->keys[t - tables];
	qsort(k->v, k->n, sizeof(*k->v), ref_cmp);
	for (i = 1; i < k->n; i++)
		if (strcmp(k->v[i - 1].ref, k->v[i].ref) == 0)
			return bad(im, "the %s repeat '%s'", t->name,
			    k->v[i].ref);
	return 0;
}

/* Read all of `path', a regular file of at most IMPORT_FILE_MAX bytes. */
static char *
slurp(struct imp *im, const char *path, size_t *len)
{
	struct stat	 sb;
	struct buf	 b;
	int		 fd;

	/* Not blocked by a FIFO while the record is locked for writing. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK)) == -1)
		return bad(im, "%s", strerror(errno)), NULL;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return bad(im, "it is not a file"), NULL;
	}
	buf_init(&b);
	if (buf_read_fd(&b, fd, IMPORT_FILE_MAX) == -1) {
		buf_release(&b);
		if (errno == EFBIG)
			return bad(im, "it is larger than %ld bytes",
			    IMPORT_FILE_MAX), NULL;
		return bad(im, "it could not be read: %s", strerror(errno)),
		    NULL;
	}
	*len = b.len;
	return buf_take(&b);
}

/* One workshop's document. */
static int
import_doc(struct imp *im, const struct json *doc)
{
	const struct json	*fmt, *ver;
	const struct table	*t;
	size_t			 i;

	fmt = json_get(doc, "format");
	ver = json_get(doc, "version");
	if (fmt == NULL || fmt->type != JSON_STRING ||
	    strcmp(fmt->s, EXPORT_FORMAT_NAME) != 0 || ver == NULL ||
	    ver->type != JSON_NUMBER || !ver->is_int || ver->i < 1)
		return bad(im, "it is not a Blank Sheet export (it has no "
		    "\"format\": \"%s\" and version)", EXPORT_FORMAT_NAME);
	if (ver->i > EXPORT_FORMAT_VERSION)
		return bad(im, "it was made by a newer Blank Sheet, in export "
		    "format version %lld, and this program reads version %d. "
		    "Upgrade blanksheet, then import it", ver->i,
		    EXPORT_FORMAT_VERSION);
	im->version = (int)ver->i;
	for (i = 0; i < doc->n; i++) {
		t = table_named(doc->keys[i]);
		if (strcmp(doc->keys[i], "format") != 0 &&
		    strcmp(doc->keys[i], "version") != 0 &&
		    strcmp(doc->keys[i], "exported_at") != 0 && (t == NULL ||
		    t->parent != NULL || t->since > im->version))
			return bad(im, "the document has a member '%s' that "
			    "version %d exports do not have", doc->keys[i],
			    im->version);
	}
	if ((fmt = json_get(doc, "exported_at")) == NULL)
		return bad(im, "the document has no member 'exported_at'");
	if (fmt->type != JSON_STRING || fmt->n > 64)
		return bad(im, "the document's exported_at should be a time "
		    "written as a string");
	for (i = 0; i < NTABLES; i++) {
		im->keys[i].n = 0;
		sqlite3_finalize(im->ins[i].stmt);
		im->ins[i].stmt = NULL;
	}
	for (t = tables; t->name != NULL; t++)
		if (t->parent == NULL && t->since <= im->version &&
		    read_table(im, t, json_get(doc, t->name), t->name, 0) == -1)
			return -1;
	/*
	 * Undo does not take an import back, row by row: the workshop is
	 * removed whole with purge.  Nor does it reach past the import.
	 */
	return store_audit_barrier(im->st, im->wsid);
}

int
import_run(struct store *st, const char *file, const char *rename,
    struct buf *msg)
{
	const struct json	*d;
	struct json		*doc = NULL;
	struct imp		 im;
	const char		*errstr;
	char			*data;
	size_t			 len, line, i, nc = 0, nd = 0, n;
	int			 rc = -1;

	memset(&im, 0, sizeof(im));
	im.st = st;
	im.msg = msg;
	im.file = file;
	im.rename = rename;
	if (rename != NULL && !record_is_slug(rename)) {
		buf_addf(msg, "'%s' cannot be a workshop's short name. Use "
		    "lower-case letters, digits and dashes, such as "
		    "north-2026.", rename);
		return -1;
	}
	if ((data = slurp(&im, file, &len)) == NULL)
		return -1;
	/* Its strings are read in place: the document owns `data' now. */
	doc = json_parse_take(data, len, &line, &errstr);
	data = NULL;
	if (doc == NULL) {
		bad(&im, "it is not a Blank Sheet export: it is not valid "
		    "JSON (line %zu: %s)", line, errstr);
		goto out;
	}
	/* An export of every workshop is an array of documents. */
	n = im.ndocs = doc->type == JSON_ARRAY ? doc->n : 1;
	if (n == 0) {
		bad(&im, "it holds no workshop");
		goto out;
	}
	if (n > 1 && rename != NULL) {
		bad(&im, "it holds %zu workshops, and --rename names one", n);
		goto out;
	}
	for (i = 0; i < n; i++) {
		d = doc->type == JSON_ARRAY ? &doc->items[i] : doc;
		if (import_doc(&im, d) == -1)
			goto out;
		nc += im.keys[table_named("contributions") - tables].n;
		nd += json_get(d, "decisions")->n;
	}
	if (n == 1)
		buf_addf(msg, "Imported workshop %s with %zu %s and %zu %s.",
		    im.slug, nc, nc == 1 ? "contribution" : "contributions",
		    nd, nd == 1 ? "decision" : "decisions");
	else
		buf_addf(msg, "Imported %zu workshops with %zu %s and %zu %s.",
		    n, nc, nc == 1 ? "contribution" : "contributions", nd,
		    nd == 1 ? "decision" : "decisions");
	rc = 0;
 out:
	json_free(doc);
	free(data);
	for (i = 0; i < NTABLES; i++) {
		free(im.keys[i].v);
		sqlite3_finalize(im.ins[i].stmt);
	}
	return rc;
}

/* ---- the JSON Schema ---------------------------------------------------- */

/* 1 if `c' belongs to the group of the column before it. */
static int
grouped(const struct table *t, const struct col *c)
{
	return c->group != NULL && c != t->cols && c[-1].group != NULL &&
	    strcmp(c[-1].group, c->group) == 0;
}

/* The schema of one column's value. */
static void
schema_value(struct json_writer *w, const char *key, const struct col *c)
{
	static const char *const defs[] = { NULL, "key", "date", "language",
	    "ref", "key", "key", "key", "key", "ref" };
	const struct vocab	*v;
	char			*ref;

	json_object_begin(w, key);
	if (c->flags & COL_NULL) {
		json_array_begin(w, "anyOf");
		json_object_begin(w, NULL);
	}
	if (c->vocab != NULL) {
		json_array_begin(w, "enum");
		for (v = c->vocab; v->key != NULL; v++)
			json_string(w, NULL, v->key);
		json_array_end(w);
	} else if (c->type == COL_BOOL)
		json_string(w, "type", "boolean");
	else if (c->type == COL_INT) {
		json_string(w, "type", "integer");
		if (c->min != LLONG_MIN)
			json_int(w, "minimum", c->min);
		if (c->max != LLONG_MAX)
			json_int(w, "maximum", c->max);
		if (c->flags & COL_NONZERO) {
			json_object_begin(w, "not");
			json_int(w, "const", 0);
			json_object_end(w);
		}
	} else if (defs[c->check] != NULL) {
		ref = xasprintf("#/$defs/%s", defs[c->check]);
		json_string(w, "$ref", ref);
		free(ref);
	} else {
		json_string(w, "type", "string");
		json_int(w, "minLength", c->flags & COL_EMPTY ? 0 : 1);
		json_int(w, "maxLength", c->max);
	}
	if (c->flags & COL_NULL) {
		json_object_end(w);
		json_object_begin(w, NULL);
		json_string(w, "type", "null");
		json_object_end(w);
		json_array_end(w);
	}
	json_object_end(w);
}

static void	schema_rows(struct json_writer *, const char *,
		    const struct table *);

/* The schema of one row of `t', its nested tables in it. */
static void
schema_row(struct json_writer *w, const char *key, const struct table *t)
{
	const struct table	*k;
	const struct col	*c, *g;

	if (t->flags & TBL_SCALAR) {
		schema_value(w, key, scalar_col(t));
		return;
	}
	json_object_begin(w, key);
	json_string(w, "type", "object");
	json_bool(w, "additionalProperties", 0);
	json_array_begin(w, "required");
	for (c = t->cols; c->name != NULL; c++)
		if (in_json(c) && !(c->flags & COL_OPTIONAL) && !grouped(t, c))
			json_string(w, NULL, c->group != NULL ? c->group :
			    c->name);
	for (k = tables; k->name != NULL; k++)
		if (k->parent != NULL && strcmp(k->parent, t->name) == 0)
			json_string(w, NULL, k->name);
	json_array_end(w);
	json_object_begin(w, "properties");
	for (c = t->cols; c->name != NULL; c++) {
		if (!in_json(c) || grouped(t, c))
			continue;
		if (c->group == NULL) {
			schema_value(w, c->name, c);
			continue;
		}
		/* null, or an object of the group's columns */
		json_object_begin(w, c->group);
		json_array_begin(w, "anyOf");
		json_object_begin(w, NULL);
		json_string(w, "type", "null");
		json_object_end(w);
		json_object_begin(w, NULL);
		json_string(w, "type", "object");
		json_bool(w, "additionalProperties", 0);
		json_array_begin(w, "required");
		for (g = c; g == c || grouped(t, g); g++)
			json_string(w, NULL, g->name);
		json_array_end(w);
		json_object_begin(w, "properties");
		for (g = c; g == c || grouped(t, g); g++)
			schema_value(w, g->name, g);
		json_object_end(w);
		json_object_end(w);
		json_array_end(w);
		json_object_end(w);
	}
	for (k = tables; k->name != NULL; k++)
		if (k->parent != NULL && strcmp(k->parent, t->name) == 0)
			schema_rows(w, k->name, k);
	json_object_end(w);
	json_object_end(w);
}

static void
schema_rows(struct json_writer *w, const char *key, const struct table *t)
{
	char	*what;

	if (t->flags & TBL_OBJECT) {
		schema_row(w, key, t);
		return;
	}
	json_object_begin(w, key);
	what = xasprintf("%s.", t->what);
	json_string(w, "description", what);
	free(what);
	json_string(w, "type", "array");
	if (t->flags & TBL_UNIQUE)
		json_bool(w, "uniqueItems", 1);
	schema_row(w, "items", t);
	json_object_end(w);
}

static void
schema_def(struct json_writer *w, const char *key, const char *pattern)
{
	json_object_begin(w, key);
	json_string(w, "type", "string");
	if (pattern != NULL)
		json_string(w, "pattern", pattern);
	else {
		json_int(w, "minLength", 1);
		json_int(w, "maxLength", 40);
	}
	json_object_end(w);
}

void
export_schema(struct buf *b)
{
	struct json_writer	 w;
	const struct table	*t;
	char			*title;

	json_writer_init(&w, b);
	json_object_begin(&w, NULL);
	json_string(&w, "$schema", "https://json-schema.org/draft/2020-12/"
	    "schema");
	json_string(&w, "$id", "https://blanksheet.invalid/export.schema.json");
	title = xasprintf("Blank Sheet decision record export, format "
	    "version %d", EXPORT_FORMAT_VERSION);
	json_string(&w, "title", title);
	free(title);
	json_string(&w, "description", "One workshop's decision record, as "
	    "written by `blanksheet export SLUG --format json` and read by "
	    "`blanksheet import`; `export --all` writes an array of these. "
	    "Made from the table in common/export.c: do not edit, run make "
	    "export-schema. See docs/export.md.");
	json_string(&w, "type", "object");
	json_bool(&w, "additionalProperties", 0);
	json_array_begin(&w, "required");
	json_string(&w, NULL, "format");
	json_string(&w, NULL, "version");
	json_string(&w, NULL, "exported_at");
	for (t = tables; t->name != NULL; t++)
		if (t->parent == NULL)
			json_string(&w, NULL, t->name);
	json_array_end(&w);
	json_object_begin(&w, "properties");
	json_object_begin(&w, "format");
	json_string(&w, "const", EXPORT_FORMAT_NAME);
	json_object_end(&w);
	json_object_begin(&w, "version");
	json_int(&w, "const", EXPORT_FORMAT_VERSION);
	json_object_end(&w);
	schema_def(&w, "exported_at", "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:"
	    "[0-9]{2}:[0-9]{2}Z$");
	for (t = tables; t->name != NULL; t++)
		if (t->parent == NULL)
			schema_rows(&w, t->name, t);
	json_object_end(&w);
	json_object_begin(&w, "$defs");
	schema_def(&w, "key", "^[a-z0-9][a-z0-9-]{0,39}$");
	schema_def(&w, "ref", NULL);
	schema_def(&w, "date", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
	schema_def(&w, "language", "^[A-Za-z0-9-]{1,35}$");
	json_object_end(&w);
	json_object_end(&w);
	buf_addc(b, '\n');
}
