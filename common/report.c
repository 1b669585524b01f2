/*
 * The readable decision record, read or heard: report.h lists its
 * documents.  Every sentence about a decision, a sum of money, a model or
 * what was said comes from view.c, which words the workshop pages too;
 * this file only decides what goes in which document.
 *
 * A document is built, handed on and released before the next is begun,
 * and what was said is split into documents of SAID_PAGE_BYTES, so a
 * workshop of any size is a short summary and parts that can each be
 * heard in a few minutes (the listen test, docs/pages.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"
#include "record.h"
#include "report.h"
#include "store.h"
#include "util.h"
#include "view.h"
#include "vocab.h"

/* Words of one said-AREA document: about four minutes to hear. */
#define SAID_PAGE_BYTES	4000

struct area {
	long long	 id;
	char		*key, *name;	/* owned */
	long long	 said;		/* shown contributions in it */
};

struct rep {
	struct store		*st;
	long long		 wsid;		/* 0: every workshop */
	const struct report_out	*out;
	struct page		 p;		/* the document being built */
	char			*title, *lang;	/* owned: the workshop's */
	char			 made[48];	/* the day of the report */
	struct area		*areas;		/* owned, in order */
	size_t			 nareas;
	long long		 said;		/* shown contributions in all */
};

/* Begin a document headed `title' (taken). */
static void
doc_begin(struct rep *r, char *title)
{
	/* Our words are English; people's are in the workshop's language. */
	page_init(&r->p, "en-GB");
	page_words_lang(&r->p, r->lang);
	page_heading(&r->p, 1, "%s", title);
	free(title);
}

/* A link to document `name' of this report. */
static void
doc_link(struct rep *r, const char *name, char *label)
{
	page_add(&r->p, BLK_LINK, 0, label, xasprintf("%s%s", name,
	    r->out->ext));
}

/* End the document, a part leading back to the summary; hand it on. */
static int
doc_end(struct rep *r, const char *name)
{
	char	*file;
	int	 rc;

	/* Every document ends with the way to the others (<nav> in HTML). */
	if (strcmp(name, "index") != 0) {
		page_heading(&r->p, 2, "Other pages");
		doc_link(r, "index", xstrdup("The summary of this record"));
	}
	file = xasprintf("%s%s", name, r->out->ext);
	rc = r->out->emit(r->out->arg, file, &r->p);
	free(file);
	page_release(&r->p);
	return rc;
}

/*
 * 1 if the workshop came in by import: the record holds no hidden or
 * removed words from before, so it cannot say none were.
 */
static int
imported(struct rep *r)
{
	return store_int(r->st, "SELECT count(*) FROM audit WHERE "
	    "workshop_id = ? AND command = 'import'", 0, "i", r->wsid) > 0;
}

/* Decisions' ids, in the order `sql' (bound with `id') gives. */
static size_t
ids_load(struct rep *r, const char *sql, long long id, long long **ids)
{
	sqlite3_stmt	*stmt;
	size_t		 n = 0;

	*ids = NULL;
	if ((stmt = store_query(r->st, sql, "i", id)) == NULL)
		return 0;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		*ids = xreallocarray(*ids, n + 1, sizeof(**ids));
		(*ids)[n++] = sqlite3_column_int64(stmt, 0);
	}
	store_done(stmt);
	return n;
}

/* A count in the workshop (?1) and area (?2) by `sql'. */
static long long
count(struct rep *r, const char *sql, long long area)
{
	return store_int(r->st, sql, 0, "ii", r->wsid, area);
}

/* ---- the summary ------------------------------------------------------ */

/*
 * "6 people took part: 1 person with lived experience, 2 family carers
 * and 1 worker."  The facilitator and note-taker are not counted.
 */
static void
people_sentence(struct rep *r, struct buf *b)
{
	const struct vocab	*v;
	long long		 n[16], total = 0;
	size_t			 i, k = 0, said = 0;

	for (v = vocab_roles, i = 0; v->key != NULL && i < 16; v++, i++) {
		n[i] = strcmp(v->key, "facilitator") == 0 || strcmp(v->key,
		    "notetaker") == 0 ? 0 : store_int(r->st, "SELECT count(*) "
		    "FROM participant WHERE workshop_id = ? AND role = ?", 0,
		    "it", r->wsid, v->key);
		total += n[i];
		k += n[i] > 0;
	}
	if (total == 0) {
		buf_adds(b, "No participants were registered.");
		return;
	}
	buf_addf(b, "%lld %s part: ", total, total == 1 ? "person took" :
	    "people took");
	for (v = vocab_roles, i = 0; v->key != NULL && i < 16; v++, i++)
		if (n[i] > 0)
			buf_addf(b, "%s%lld %s", said++ == 0 ? "" : said == k ?
			    " and " : ", ", n[i], n[i] == 1 ? v->one : v->many);
	buf_adds(b, ".");
}

static int
summary(struct rep *r)
{
	static const char *const states[] = { "agreed", "rejected",
	    "proposed" };
	sqlite3_stmt	*stmt;
	struct buf	 b;
	long long	*ids, n, hidden;
	size_t		 nd, i, said;
	int		 rc = 0;

	buf_init(&b);
	doc_begin(r, xasprintf("Decision record: %s", r->title));
	if ((stmt = store_query(r->st, "SELECT date, place FROM workshop "
	    "WHERE id = ?", "i", r->wsid)) != NULL &&
	    sqlite3_step(stmt) == SQLITE_ROW) {
		if (sqlite3_column_type(stmt, 0) != SQLITE_NULL) {
			buf_adds(&b, "Held on ");
			view_date(&b, store_col(stmt, 0));
		} else if (sqlite3_column_type(stmt, 1) != SQLITE_NULL)
			buf_adds(&b, "Held");
		if (sqlite3_column_type(stmt, 1) != SQLITE_NULL)
			buf_addf(&b, " at %s", store_col(stmt, 1));
		if (b.len > 0)
			buf_adds(&b, ". ");
	}
	store_done(stmt);
	page_text(&r->p, "%sMade on %s.", b.len > 0 ? b.data : "", r->made);

	page_heading(&r->p, 2, "What was decided");
	nd = ids_load(r, "SELECT id FROM decision WHERE workshop_id = ? "
	    "ORDER BY id", r->wsid, &ids);
	buf_reset(&b);
	for (i = 0, said = 0; i < 3; i++)
		if ((n = store_int(r->st, "SELECT count(*) FROM decision WHERE "
		    "workshop_id = ? AND state = ?", 0, "it", r->wsid,
		    states[i])) > 0)
			buf_addf(&b, "%s%lld %s", said++ ? ", " : "", n,
			    states[i]);
	if (nd == 0)
		page_text(&r->p, "No decisions were recorded.");
	else
		page_text(&r->p, "%zu %s recorded: %s.", nd, nd == 1 ?
		    "decision was" : "decisions were", b.data);
	for (i = 0; i < nd && rc == 0; i++) {
		if ((stmt = store_query(r->st, "SELECT d.state, a.name FROM "
		    "decision d JOIN area a ON a.id = d.area_id WHERE d.id = ?",
		    "i", ids[i])) != NULL && sqlite3_step(stmt) == SQLITE_ROW)
			page_heading(&r->p, 3, "Decision %lld, %s, under %s",
			    ids[i], store_col(stmt, 0), store_col(stmt, 1));
		store_done(stmt);
		rc = view_decision_brief(r->st, ids[i], &r->p);
	}
	free(ids);

	page_heading(&r->p, 2, "Who took part");
	buf_reset(&b);
	people_sentence(r, &b);
	n = r->said;
	/* Words held for approval are neither kept nor removed yet. */
	hidden = store_int(r->st, "SELECT count(*) FROM contribution WHERE "
	    "workshop_id = ? AND state IN ('hidden', 'redacted')", 0, "i",
	    r->wsid);
	buf_addf(&b, " %lld %s said %s kept", n, n == 1 ? "thing" : "things",
	    n == 1 ? "is" : "are");
	if (hidden > 0)
		buf_addf(&b, "; %lld more %s hidden or removed, and %s words "
		    "are not in this record.", hidden, hidden == 1 ? "was" :
		    "were", hidden == 1 ? "its" : "their");
	else if (imported(r))
		buf_adds(&b, ". It was imported from an export: what was "
		    "hidden or removed before is not counted here.");
	else
		buf_adds(&b, "; nothing was hidden or removed.");
	page_text(&r->p, "%s", b.data);

	page_heading(&r->p, 2, "Other pages");
	doc_link(r, "decisions", xstrdup("Every decision in full"));
	doc_link(r, "money", xstrdup("Money and the models considered"));
	for (i = 0; i < r->nareas; i++) {
		if (r->areas[i].said == 0)
			continue;
		buf_reset(&b);
		buf_addf(&b, "said-%s", r->areas[i].key);
		doc_link(r, b.data, xasprintf("What was said: %s",
		    r->areas[i].name));
	}
	doc_link(r, "people", xstrdup("Who took part, in numbers"));
	buf_release(&b);
	if (rc == -1) {
		page_release(&r->p);
		return -1;
	}
	return doc_end(r, "index");
}

/* ---- the parts -------------------------------------------------------- */

/*
 * Every decision `sql' lists (bound with `id': the decision's id, then
 * the id and name of its group, an area or a workshop), in full as on
 * the decisions page, each group's name a level 2 heading.
 */
static int
decisions_in_full(struct rep *r, const char *sql, long long id)
{
	sqlite3_stmt	*stmt;
	long long	*ids = NULL, *groups = NULL;
	char		**names = NULL;
	size_t		 n = 0, i;
	int		 rc = 0;

	/* Collect first: view_decision() reuses the statement cache. */
	if ((stmt = store_query(r->st, sql, "i", id)) == NULL)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		ids = xreallocarray(ids, n + 1, sizeof(*ids));
		groups = xreallocarray(groups, n + 1, sizeof(*groups));
		names = xreallocarray(names, n + 1, sizeof(*names));
		ids[n] = sqlite3_column_int64(stmt, 0);
		groups[n] = sqlite3_column_int64(stmt, 1);
		names[n++] = xstrdup(store_col(stmt, 2));
	}
	store_done(stmt);
	if (n == 0)
		page_text(&r->p, "No decisions were recorded.");
	for (i = 0; i < n; i++) {
		if (rc == 0 && (i == 0 || groups[i] != groups[i - 1]))
			page_heading(&r->p, 2, "%s", names[i]);
		if (rc == 0)
			rc = view_decision(r->st, ids[i], 3, &r->p);
		free(names[i]);
	}
	free(names);
	free(groups);
	free(ids);
	return rc;
}

static int
decisions(struct rep *r)
{
	doc_begin(r, xasprintf("Decisions in full: %s", r->title));
	page_text(&r->p, "Every decision, area by area: what was decided, how, "
	    "what it changes, what it rests on, and how we would know it "
	    "worked.");
	if (decisions_in_full(r, "SELECT d.id, a.id, a.name FROM decision d "
	    "JOIN area a ON a.id = d.area_id WHERE d.workshop_id = ? ORDER BY "
	    "a.position, d.state <> 'agreed', d.id", r->wsid) == -1) {
		page_release(&r->p);
		return -1;
	}
	return doc_end(r, "decisions");
}

/*
 * An area's total of each resource that several of its models use, now
 * and after the agreed decisions: "State money in all: £1.22 million now,
 * £1.22 million after the agreed decisions. No change."
 */
static void
area_totals(struct rep *r, long long area)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;
	long long	 now, after;

	if ((stmt = store_query(r->st, "SELECT r.name, r.unit, "
	    "sum(ifnull(l.now, 0)), sum(ifnull(l.now, 0) + l.agreed) FROM "
	    "ledger l JOIN resource r ON r.id = l.resource_id WHERE "
	    "l.workshop_id = ? AND l.area_id = ? AND (l.now IS NOT NULL OR "
	    "l.agreed <> 0) GROUP BY r.id HAVING count(*) > 1 ORDER BY "
	    "r.position", "ii", r->wsid, area)) == NULL)
		return;
	buf_init(&b);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		now = sqlite3_column_int64(stmt, 2);
		after = sqlite3_column_int64(stmt, 3);
		buf_reset(&b);
		buf_addf(&b, "%s in all: ", store_col(stmt, 0));
		view_amount(&b, store_col(stmt, 1), now);
		buf_adds(&b, " now, ");
		view_amount(&b, store_col(stmt, 1), after);
		buf_adds(&b, " after the agreed decisions.");
		if (now == after)
			buf_adds(&b, " No change.");
		else {
			buf_adds(&b, " That is ");
			view_amount(&b, store_col(stmt, 1), now < after ?
			    after - now : now - after);
			buf_adds(&b, now < after ? " more." : " less.");
		}
		page_item(&r->p, "%s", b.data);
	}
	store_done(stmt);
	buf_release(&b);
}

static int
money(struct rep *r)
{
	size_t	 i, n;

	doc_begin(r, xasprintf("Money and models: %s", r->title));
	page_heading(&r->p, 2, "Money now and expected");
	page_text(&r->p, "What each model uses now, what the agreed decisions "
	    "make of it, and what is expected in coming years, with the year.");
	for (i = 0, n = 0; i < r->nareas; i++) {
		if (count(r, "SELECT count(*) FROM ledger WHERE workshop_id = ? "
		    "AND area_id = ? AND (now IS NOT NULL OR agreed <> 0)",
		    r->areas[i].id) == 0)
			continue;
		page_heading(&r->p, 3, "%s", r->areas[i].name);
		view_money(r->st, r->wsid, r->areas[i].id, &r->p);
		area_totals(r, r->areas[i].id);
		n++;
	}
	if (n == 0)
		page_text(&r->p, "No money or time was recorded.");
	page_heading(&r->p, 2, "Models with evidence that were considered");
	page_text(&r->p, "The ways of giving support the workshop looked at: "
	    "those with a national evidence base, and those used here now. "
	    "The area pages give the evidence.");
	for (i = 0; i < r->nareas; i++) {
		page_heading(&r->p, 3, "%s", r->areas[i].name);
		if (view_models(r->st, r->wsid, r->areas[i].id, 0, &r->p) ==
		    -1) {
			page_release(&r->p);
			return -1;
		}
	}
	return doc_end(r, "money");
}

/* Begin part `part' of what was said under area `a'; its name in `name'. */
static void
said_begin(struct rep *r, const struct area *a, int part, struct buf *name)
{
	buf_reset(name);
	buf_addf(name, "said-%s", a->key);
	if (part == 1) {
		doc_begin(r, xasprintf("What was said: %s", a->name));
		page_text(&r->p, "What people said under %s at %s, kind by kind. "
		    "Words that were hidden or removed are not here.", a->name,
		    r->title);
		return;
	}
	buf_addf(name, "-%d", part);
	doc_begin(r, xasprintf("What was said: %s, part %d", a->name, part));
}

/* What was said under `a', kind by kind, in parts that can be heard. */
static int
said(struct rep *r, const struct area *a)
{
	const struct vocab	*k;
	sqlite3_stmt		*stmt;
	struct buf		 name, next;
	size_t			 bytes = 0, len;
	long long		 n, i, here;
	int			 part = 1, rc = 0;

	buf_init(&name);
	buf_init(&next);
	said_begin(r, a, part, &name);
	for (k = vocab_kinds; k->key != NULL && rc == 0; k++) {
		if ((n = store_int(r->st, "SELECT count(*) FROM contribution "
		    "WHERE workshop_id = ? AND area_id = ? AND state = 'shown' "
		    "AND kind = ?", 0, "iit", r->wsid, a->id, k->key)) == 0)
			continue;
		if ((stmt = store_query(r->st, "SELECT text FROM contribution "
		    "WHERE workshop_id = ? AND area_id = ? AND state = 'shown' "
		    "AND kind = ? ORDER BY id", "iit", r->wsid, a->id,
		    k->key)) == NULL) {
			rc = -1;
			break;
		}
		/* A kind's heading goes with its first words on each part. */
		for (i = 0, here = 0; rc == 0 &&
		    sqlite3_step(stmt) == SQLITE_ROW; i++) {
			len = strlen(store_col(stmt, 0));
			if (bytes > 0 && bytes + len > SAID_PAGE_BYTES) {
				buf_reset(&next);
				buf_addf(&next, "said-%s-%d", a->key, part + 1);
				page_heading(&r->p, 2, "The next part");
				doc_link(r, next.data, xasprintf("What was said "
				    "under %s, part %d", a->name, part + 1));
				rc = doc_end(r, name.data);
				said_begin(r, a, ++part, &name);
				bytes = 0;
				here = 0;
			}
			if (here++ == 0 && i > 0)
				page_heading(&r->p, 2, "More %s",
				    view_said_words(k->key, 2));
			else if (i == 0)
				page_heading(&r->p, 2, "%lld %s", n,
				    view_said_words(k->key, n));
			page_quote(&r->p, "%s", store_col(stmt, 0));
			bytes += len;
		}
		store_done(stmt);
	}
	if (rc == 0)
		rc = doc_end(r, name.data);
	else
		page_release(&r->p);
	buf_release(&name);
	buf_release(&next);
	return rc;
}

/*
 * Who took part, in numbers only: people by role, the facilitator and
 * note-taker (named only with their consent), what was said by area and
 * kind, how much was hidden or removed, and the doors participants used.
 */
static int
people(struct rep *r)
{
	const struct vocab	*v;
	sqlite3_stmt		*stmt;
	struct buf		 b;
	long long		 n, total, redacted, kinds[16];
	size_t			 i;

	doc_begin(r, xasprintf("Who took part: %s", r->title));
	buf_init(&b);
	people_sentence(r, &b);
	page_text(&r->p, "%s", b.data);
	buf_release(&b);
	if ((stmt = store_query(r->st, "SELECT role, CASE WHEN consent IS NOT "
	    "NULL THEN name END, count(*) OVER (PARTITION BY role), "
	    "row_number() OVER (PARTITION BY role ORDER BY id) FROM "
	    "participant WHERE workshop_id = ? AND role IN ('facilitator', "
	    "'notetaker') ORDER BY role, id", "i",
	    r->wsid)) == NULL)
		goto fail;
	/* Two note-takers: "a note-taker", then "another note-taker". */
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		if (sqlite3_column_type(stmt, 1) != SQLITE_NULL)
			page_text(&r->p, "%s %s was %s, who agreed to be "
			    "named.",
			    sqlite3_column_int(stmt, 3) > 1 ? "Another" :
			    sqlite3_column_int(stmt, 2) > 1 ? "A" : "The",
			    vocab_word(vocab_roles, store_col(stmt, 0), 1),
			    store_col(stmt, 1));
		else
			page_text(&r->p, "There was %s %s, not named here.",
			    sqlite3_column_int(stmt, 3) > 1 ? "another" : "a",
			    vocab_word(vocab_roles, store_col(stmt, 0), 1));
	}
	store_done(stmt);

	for (i = 0, total = 0; i < r->nareas; i++) {
		if ((n = r->areas[i].said) == 0)
			continue;
		if (total == 0)
			page_text(&r->p, "What was said and kept, by area:");
		total += n;
		page_item(&r->p, "%lld under %s.", n, r->areas[i].name);
	}
	/* One pass over the workshop's words, not one a kind. */
	memset(kinds, 0, sizeof(kinds));
	if ((stmt = store_query(r->st, "SELECT kind, count(*) FROM "
	    "contribution WHERE workshop_id = ? AND state = 'shown' GROUP BY "
	    "kind", "i", r->wsid)) == NULL)
		goto fail;
	while (sqlite3_step(stmt) == SQLITE_ROW)
		for (v = vocab_kinds, i = 0; v->key != NULL && i < 16; v++, i++)
			if (strcmp(v->key, store_col(stmt, 0)) == 0)
				kinds[i] = sqlite3_column_int64(stmt, 1);
	store_done(stmt);
	for (v = vocab_kinds, i = 0, n = 0; v->key != NULL && i < 16; v++,
	    i++) {
		if (kinds[i] == 0)
			continue;
		if (n++ == 0)
			page_text(&r->p, "The same, by kind:");
		page_item(&r->p, "%lld %s.", kinds[i], view_said_words(v->key,
		    kinds[i]));
	}
	page_text(&r->p, "That is %lld %s in all.", total, total == 1 ? "thing" :
	    "things");
	n = store_int(r->st, "SELECT count(*) FROM contribution WHERE "
	    "workshop_id = ? AND state = 'hidden'", 0, "i", r->wsid);
	redacted = store_int(r->st, "SELECT count(*) FROM contribution WHERE "
	    "workshop_id = ? AND state = 'redacted'", 0, "i", r->wsid);
	if (n == 0 && redacted == 0 && imported(r))
		page_text(&r->p, "This workshop was imported from an export: "
		    "what was hidden or removed before is not counted here.");
	else if (n == 0 && redacted == 0)
		page_text(&r->p, "Nothing that was said was hidden or removed.");
	else
		page_text(&r->p, "%lld %s hidden, and the words of %lld %s "
		    "removed. They are counted here; their words are not in "
		    "this record.", n, n == 1 ? "contribution was" :
		    "contributions were", redacted, redacted == 1 ?
		    "contribution were" : "contributions were");
	if ((stmt = store_query(r->st, "SELECT door, count(*) FROM "
	    "contribution WHERE workshop_id = ? AND source = 'participant' "
	    "AND state = 'shown' GROUP BY door ORDER BY door IS NULL, door",
	    "i", r->wsid)) == NULL)
		goto fail;
	for (total = 0; sqlite3_step(stmt) == SQLITE_ROW; total++) {
		if (total == 0)
			page_text(&r->p, "Of the things kept, these were "
			    "typed by participants themselves, by the way "
			    "they sent them:");
		n = sqlite3_column_int64(stmt, 1);
		if (sqlite3_column_type(stmt, 0) == SQLITE_NULL)
			page_item(&r->p, "%lld sent before the way was "
			    "recorded.", n);
		else
			page_item(&r->p, "%lld over %s.", n, vocab_word(
			    vocab_doors, store_col(stmt, 0), 1));
	}
	store_done(stmt);
	if (total == 0)
		page_text(&r->p, "None of the things kept were typed by "
		    "participants themselves.");
	return doc_end(r, "people");
 fail:
	page_release(&r->p);
	return -1;
}

/* ---- every workshop ---------------------------------------------------- */

static int
all_index(struct rep *r)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;
	long long	 nws, n;
	size_t		 i;
	char		*name;

	doc_begin(r, xstrdup("Decisions across workshops"));
	nws = store_int(r->st, "SELECT count(*) FROM workshop", 0, "");
	page_text(&r->p, "What each of %lld %s decided, area by area, so that "
	    "places can be compared. This summary was made on %s. Words that "
	    "were hidden or removed are not in it.", nws, nws == 1 ?
	    "workshop" : "workshops", r->made);
	page_heading(&r->p, 2, "The workshops");
	if ((stmt = store_query(r->st, "SELECT title, date, place, (SELECT "
	    "count(*) FROM decision d WHERE d.workshop_id = w.id) FROM "
	    "workshop w ORDER BY slug", "")) == NULL) {
		page_release(&r->p);
		return -1;
	}
	buf_init(&b);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		buf_reset(&b);
		buf_addf(&b, "%s", store_col(stmt, 0));
		if (sqlite3_column_type(stmt, 1) != SQLITE_NULL) {
			buf_adds(&b, ", held on ");
			view_date(&b, store_col(stmt, 1));
		}
		if (sqlite3_column_type(stmt, 2) != SQLITE_NULL)
			buf_addf(&b, " at %s", store_col(stmt, 2));
		n = sqlite3_column_int64(stmt, 3);
		page_item(&r->p, "%s: %lld %s.", b.data, n, n == 1 ?
		    "decision" : "decisions");
	}
	store_done(stmt);
	buf_release(&b);
	page_heading(&r->p, 2, "Other pages");
	for (i = 0; i < r->nareas; i++) {
		n = store_int(r->st, "SELECT count(*) FROM decision d WHERE "
		    RECORD_DECISION_OF("?1"), 0, "i", r->areas[i].id);
		name = xasprintf("area-%s", r->areas[i].key);
		doc_link(r, name, xasprintf("%lld %s about %s", n, n == 1 ?
		    "decision" : "decisions", r->areas[i].name));
		free(name);
	}
	return doc_end(r, "index");
}

/* Every workshop's decisions under area `a'. */
static int
all_area(struct rep *r, const struct area *a)
{
	char	*name;
	int	 rc;

	doc_begin(r, xasprintf("Decisions about %s", a->name));
	page_text(&r->p, "What each workshop decided about %s.", a->name);
	if (decisions_in_full(r, "SELECT d.id, w.id, w.title FROM decision d "
	    "JOIN workshop w ON w.id = d.workshop_id WHERE "
	    RECORD_DECISION_OF("?1") " ORDER BY w.slug, d.area_id <> ?1, "
	    "d.state <> 'agreed', d.id", a->id) == -1) {
		page_release(&r->p);
		return -1;
	}
	name = xasprintf("area-%s", a->key);
	rc = doc_end(r, name);
	free(name);
	return rc;
}

int
report_run(struct store *st, long long wsid, const char *stamp,
    const struct report_out *out)
{
	sqlite3_stmt	*stmt;
	struct rep	 r;
	struct buf	 b;
	char		 day[11];
	size_t		 i;
	int		 rc = -1;

	memset(&r, 0, sizeof(r));
	r.st = st;
	r.wsid = wsid;
	r.out = out;
	snprintf(day, sizeof(day), "%s", stamp);
	buf_init(&b);
	view_date(&b, day);
	snprintf(r.made, sizeof(r.made), "%s", b.data);
	buf_release(&b);
	if (wsid == 0)
		r.lang = xstrdup("en-GB");
	else if ((stmt = store_query(st, "SELECT title, language FROM "
	    "workshop WHERE id = ?", "i", wsid)) != NULL) {
		if (sqlite3_step(stmt) == SQLITE_ROW) {
			r.title = xstrdup(store_col(stmt, 0));
			r.lang = xstrdup(store_col(stmt, 1));
		}
		store_done(stmt);
	}
	if (r.lang == NULL ||
	    (stmt = store_query(st, "SELECT id, key, name, (SELECT count(*) "
	    "FROM contribution c WHERE c.workshop_id = ? AND c.area_id = a.id "
	    "AND c.state = 'shown') FROM area a ORDER BY position", "i",
	    wsid)) == NULL)
		goto out;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		r.areas = xreallocarray(r.areas, r.nareas + 1,
		    sizeof(*r.areas));
		r.areas[r.nareas].id = sqlite3_column_int64(stmt, 0);
		r.areas[r.nareas].key = xstrdup(store_col(stmt, 1));
		r.areas[r.nareas].name = xstrdup(store_col(stmt, 2));
		r.areas[r.nareas].said = sqlite3_column_int64(stmt, 3);
		r.said += r.areas[r.nareas++].said;
	}
	store_done(stmt);
	if (wsid == 0) {
		rc = all_index(&r);
		for (i = 0; i < r.nareas && rc == 0; i++)
			rc = all_area(&r, &r.areas[i]);
		goto out;
	}
	if ((rc = summary(&r)) == 0 && (rc = decisions(&r)) == 0)
		rc = money(&r);
	for (i = 0; i < r.nareas && rc == 0; i++)
		if (r.areas[i].said > 0)
			rc = said(&r, &r.areas[i]);
	if (rc == 0)
		rc = people(&r);
 out:
	for (i = 0; i < r.nareas; i++) {
		free(r.areas[i].key);
		free(r.areas[i].name);
	}
	free(r.areas);
	free(r.title);
	free(r.lang);
	return rc;
}
