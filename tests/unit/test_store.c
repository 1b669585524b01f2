/*
 * The record: opening and migrating, what each operation does to the
 * rows, the constraints, undo, erase and purge.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "record.h"
#include "schema.h"
#include "store.h"
#include "util.h"

static char	 tmpdir[] = "/tmp/bs-test-store.XXXXXX";

static long long
count(struct store *st, const char *sql)
{
	sqlite3_stmt	*stmt;
	long long	 n = -1;

	assert_int_equal(sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW)
		n = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	return n;
}

static char *
text(struct store *st, const char *sql)
{
	sqlite3_stmt	*stmt;
	char		*s = NULL;

	assert_int_equal(sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL),
	    SQLITE_OK);
	if (sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0))
		s = xstrdup((const char *)sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	return s;
}

static struct store *
fresh(void)
{
	struct store	*st;
	const char	*errstr;

	st = store_open(":memory:", STORE_CREATE, &errstr);
	assert_non_null(st);
	return st;
}

/* Run `fn' as one command, like the CLI does. */
#define COMMAND(st, name, expr) do {					\
	assert_int_equal(store_begin(st, name), 0);			\
	assert_int_equal((expr), 0);					\
	assert_int_equal(store_commit(st), 0);				\
} while (0)

static void
migrates_from_empty(void **state)
{
	struct store	*st;

	(void)state;
	st = fresh();
	assert_int_equal(store_version(st), store_version_latest());
	assert_int_equal(count(st, "PRAGMA application_id"),
	    STORE_APPLICATION_ID);
	assert_int_equal(count(st, "SELECT count(*) FROM area"), 5);
	assert_int_equal(count(st, "SELECT count(*) FROM stage"), 5);
	assert_int_equal(count(st, "SELECT count(*) FROM resource"), 4);
	assert_true(count(st, "SELECT count(*) FROM model WHERE workshop_id "
	    "IS NULL") >= 5);
	assert_int_equal(count(st, "SELECT count(*) FROM model WHERE key IN "
	    "('shared-lives', 'homeshare')"), 2);
	assert_int_equal(count(st, "PRAGMA foreign_keys"), 1);
	store_close(st);
}

/* A record left at each earlier version is brought up to date. */
static void
migrates_from_every_version(void **state)
{
	const struct migration	*m, *k;
	struct store		*st;
	sqlite3			*db;
	const char		*errstr;
	char			 path[256], sql[128];

	(void)state;
	for (m = schema_migrations; m->sql != NULL; m++) {
		snprintf(path, sizeof(path), "%s/v%d.db", tmpdir,
		    m->version - 1);
		unlink(path);
		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		for (k = schema_migrations; k != m; k++)
			assert_int_equal(sqlite3_exec(db, k->sql, NULL, NULL,
			    NULL), SQLITE_OK);
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d; "
		    "PRAGMA application_id = %d", m->version - 1,
		    m == schema_migrations ? 0 : STORE_APPLICATION_ID);
		assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL),
		    SQLITE_OK);
		sqlite3_close(db);
		st = store_open(path, 0, &errstr);
		assert_non_null(st);
		assert_int_equal(store_version(st), store_version_latest());
		store_close(st);
		/* Opening again changes nothing. */
		st = store_open(path, 0, &errstr);
		assert_non_null(st);
		assert_int_equal(count(st, "SELECT count(*) FROM area"), 5);
		store_close(st);
	}
}

static void
refuses_what_is_not_ours(void **state)
{
	struct store	*st;
	sqlite3		*db;
	const char	*errstr;
	char		 path[256];
	FILE		*f;

	(void)state;
	snprintf(path, sizeof(path), "%s/missing.db", tmpdir);
	assert_null(store_open(path, 0, &errstr));
	assert_non_null(strstr(errstr, "init"));

	snprintf(path, sizeof(path), "%s/other.db", tmpdir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (x)", NULL, NULL,
	    NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_null(store_open(path, 0, &errstr));
	assert_string_equal(errstr, "this file is not a Blank Sheet record");

	snprintf(path, sizeof(path), "%s/text.db", tmpdir);
	assert_non_null(f = fopen(path, "w"));
	fputs("just some words, not a database at all\n", f);
	for (int i = 0; i < 100; i++)
		fputs("padding padding padding padding padding\n", f);
	fclose(f);
	assert_null(store_open(path, 0, &errstr));
	assert_string_equal(errstr, "this file is not a Blank Sheet record");

	snprintf(path, sizeof(path), "%s/newer.db", tmpdir);
	st = store_open(path, STORE_CREATE, &errstr);
	assert_non_null(st);
	assert_int_equal(sqlite3_exec(st->db, "PRAGMA user_version = 9999",
	    NULL, NULL, NULL), SQLITE_OK);
	store_close(st);
	assert_null(store_open(path, 0, &errstr));
	assert_non_null(strstr(errstr, "newer"));
}

static void
constraints_hold(void **state)
{
	struct store	*st;
	long long	 id;

	(void)state;
	st = fresh();
	assert_int_equal(store_begin(st, "t"), 0);
	assert_int_equal(record_workshop_add(st, "Bad Slug", "x", &id), -1);
	assert_int_equal(record_workshop_add(st, "ok", "", &id), -1);
	assert_int_equal(record_workshop_add(st, "ok", "Title", &id), 0);
	assert_int_equal(record_workshop_add(st, "ok", "Again", &id), -1);
	assert_int_equal(record_workshop_set(st, id, "status", "bogus"), -1);
	assert_int_equal(record_workshop_set(st, id, "date", "3 Dec"), -1);
	assert_int_equal(record_contribution_add(st, id, 1, 0, "rant", "x", 0,
	    0, &id), -1);
	assert_int_equal(record_decision_add(st, 999, 1, "x", &id), -1);
	store_commit(st);
	assert_true(record_is_date("2024-02-29"));
	assert_false(record_is_date("2023-02-29"));
	assert_false(record_is_date("2026-13-01"));
	assert_false(record_is_date("2026-1-01"));
	assert_true(record_is_slug("north-2026"));
	assert_false(record_is_slug("-x"));
	assert_false(record_is_slug("a/b"));
	store_close(st);
}

static void
operations_change_rows(void **state)
{
	struct store	*st;
	char		 code[RECORD_CODE_LEN + 1], norm[RECORD_CODE_LEN + 1];
	long long	 ws, m, c1, c2, d, x, p, y, was;
	char		*s;

	(void)state;
	st = fresh();
	COMMAND(st, "workshop add", record_workshop_add(st, "demo", "Demo",
	    &ws));
	COMMAND(st, "workshop set", record_workshop_set(st, ws, "date",
	    "2026-12-03"));
	COMMAND(st, "participant add", record_participant_add(st, ws, "carer",
	    "cy", code, &p));
	assert_int_equal(strlen(code), 9);
	assert_int_equal(code[4], '-');
	assert_int_equal(record_code_normalise("  abcd", norm), -1);
	s = xstrdup(code);
	s[0] = (char)(s[0] | 0x20);	/* lower case, no dash: still found */
	memmove(s + 4, s + 5, 5);
	assert_int_equal(record_participant_id(st, ws, s), p);
	free(s);
	COMMAND(st, "say", record_contribution_add(st, ws, record_area_id(st,
	    "hospital"), record_stage_id(st, "goodlife"), "goodlife",
	    "Home the same day", p, 0, &c1));
	COMMAND(st, "say", record_contribution_add(st, ws, record_area_id(st,
	    "hospital"), 0, "dislike", "Waiting", 0, 0, &c2));
	COMMAND(st, "model add", record_model_add(st, ws, record_area_id(st,
	    "hospital"), "home-care", "Home care", &m));
	/* Money is recorded under its model's own area, or not at all. */
	assert_int_equal(store_begin(st, "money"), 0);
	assert_int_equal(record_money_set(st, ws, record_area_id(st, "home"),
	    m, record_resource_id(st, "state"), 5, -1, 0, &y), -1);
	store_rollback(st);
	COMMAND(st, "money", record_money_set(st, ws, record_area_id(st,
	    "hospital"), m, record_resource_id(st, "state"), 1200000, 1100000,
	    2028, &y));
	COMMAND(st, "money", record_money_set(st, ws, record_area_id(st,
	    "hospital"), m, record_resource_id(st, "state"), 1300000, -1, 0,
	    &x));
	assert_int_equal(x, y);		/* the same line, updated */
	assert_int_equal(count(st, "SELECT now FROM money"), 1300000);
	assert_int_equal(count(st, "SELECT expected IS NULL FROM money"), 1);
	COMMAND(st, "decision add", record_decision_add(st, ws,
	    record_area_id(st, "hospital"), "Move money", &d));
	COMMAND(st, "decision change", record_decision_change(st, d, m,
	    record_resource_id(st, "state"), -250000, &x, &y));
	assert_int_equal(y, 0);
	/* Given again, it corrects the change instead of adding one. */
	COMMAND(st, "decision change", record_decision_change(st, d, m,
	    record_resource_id(st, "state"), -200000, &y, &was));
	assert_int_equal(y, x);
	assert_int_equal(was, -250000);
	assert_int_equal(count(st, "SELECT count(*) FROM decision_change"), 1);
	COMMAND(st, "decision change", record_decision_change(st, d, m,
	    record_resource_id(st, "state"), -250000, &y, &was));
	COMMAND(st, "decision basis", record_decision_basis(st, d, c1));
	COMMAND(st, "decision vote", record_decision_vote(st, d, 14, 2, 1));
	COMMAND(st, "decision agree", record_decision_set(st, d, "state",
	    "agreed"));
	assert_int_equal(count(st, "SELECT votes_for * 100 + votes_against * "
	    "10 + votes_abstain FROM decision"), 1421);
	assert_int_equal(count(st, "SELECT method = 'vote' FROM decision"), 1);
	assert_int_equal(count(st, "SELECT delta FROM decision_change"),
	    -250000);
	COMMAND(st, "hide", record_contribution_state(st, c2, "hidden"));
	assert_int_equal(count(st, "SELECT count(*) FROM contribution WHERE "
	    "state = 'hidden'"), 1);
	COMMAND(st, "edit", record_contribution_edit(st, c2, "Waiting days"));
	s = text(st, "SELECT text FROM contribution WHERE id = 2");
	assert_string_equal(s, "Waiting days");
	free(s);
	/* No code or name in the audit log, ever. */
	COMMAND(st, "consent", record_participant_consent(st, p, "Gwen Ŵ"));
	assert_int_equal(count(st, "SELECT count(*) FROM audit WHERE "
	    "instr(ifnull(before, '') || ifnull(after, ''), 'Gwen') > 0"), 0);
	s = xasprintf("SELECT count(*) FROM audit WHERE instr(ifnull(before, "
	    "'') || ifnull(after, ''), '%s') > 0", code);
	assert_int_equal(count(st, s), 0);
	free(s);
	store_close(st);
}

static void
undo_reverses_commands(void **state)
{
	struct store		*st;
	struct store_undone	 u;
	long long		 ws, c, d, x, was;

	(void)state;
	st = fresh();
	COMMAND(st, "workshop add", record_workshop_add(st, "demo", "Demo",
	    &ws));
	COMMAND(st, "say", record_contribution_add(st, ws, 1, 0, "idea",
	    "First words", 0, 0, &c));
	COMMAND(st, "edit", record_contribution_edit(st, c, "Second words"));
	COMMAND(st, "decision add", record_decision_add(st, ws, 1, "Do it",
	    &d));
	COMMAND(st, "decision change", record_decision_change(st, d,
	    record_model_id(st, ws, "homeshare"), 1, 5000, &x, &was));

	assert_int_equal(store_begin(st, "undo"), 0);
	assert_int_equal(store_undo(st, &u), 0);
	assert_string_equal(u.command, "decision change");
	assert_string_equal(u.tbl, "decision_change");
	assert_null(u.before);
	store_undone_release(&u);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM decision_change"), 0);

	assert_int_equal(store_begin(st, "undo"), 0);
	assert_int_equal(store_undo(st, &u), 0);	/* decision add */
	store_undone_release(&u);
	assert_int_equal(store_undo(st, &u), 0);	/* edit */
	assert_string_equal(u.command, "edit");
	assert_non_null(strstr(u.before, "First words"));
	assert_non_null(strstr(u.after, "Second words"));
	store_undone_release(&u);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM decision"), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM contribution WHERE "
	    "text = 'First words'"), 1);

	/* The audit log only grows; undo adds entries. */
	assert_int_equal(count(st, "SELECT count(*) FROM audit WHERE undoes "
	    "IS NOT NULL"), 3);
	store_close(st);
}

static void
redact_erase_and_purge_are_for_good(void **state)
{
	struct store	*st;
	char		 code[RECORD_CODE_LEN + 1];
	long long	 ws, ws2, p, c1, c2, c3, d, n;
	struct store_undone u;

	(void)state;
	st = fresh();
	COMMAND(st, "workshop add", record_workshop_add(st, "demo", "Demo",
	    &ws));
	COMMAND(st, "participant add", record_participant_add(st, ws, "lived",
	    "en-GB", code, &p));
	COMMAND(st, "say", record_contribution_add(st, ws, 1, 0, "idea",
	    "Secret one", p, 0, &c1));
	COMMAND(st, "say", record_contribution_add(st, ws, 1, 0, "idea",
	    "Secret two", p, 0, &c2));
	COMMAND(st, "say", record_contribution_add(st, ws, 2, 0, "like",
	    "Sensitive", 0, 0, &c3));
	COMMAND(st, "decision add", record_decision_add(st, ws, 1, "Do", &d));
	COMMAND(st, "decision basis", record_decision_basis(st, d, c1));

	COMMAND(st, "redact", record_contribution_redact(st, c3));
	assert_int_equal(count(st, "SELECT count(*) FROM contribution WHERE "
	    "text = '' AND state = 'redacted'"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM audit WHERE "
	    "instr(ifnull(before, '') || ifnull(after, ''), 'Sensitive')"), 0);
	assert_int_equal(store_begin(st, "undo"), 0);
	assert_int_equal(store_undo(st, &u), 2);	/* cannot */
	store_undone_release(&u);
	store_rollback(st);

	COMMAND(st, "erase", record_participant_erase(st, p, &n));
	assert_int_equal(n, 2);
	assert_int_equal(count(st, "SELECT count(*) FROM participant"), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM contribution WHERE "
	    "text LIKE 'Secret%'"), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM decision_basis"), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM audit WHERE "
	    "instr(ifnull(before, '') || ifnull(after, ''), 'Secret')"), 0);

	COMMAND(st, "workshop add", record_workshop_add(st, "other", "Other",
	    &ws2));
	COMMAND(st, "purge", record_workshop_purge(st, ws));
	assert_int_equal(count(st, "SELECT count(*) FROM workshop"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM contribution"), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM decision"), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM audit WHERE "
	    "workshop_id = 1"), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM audit WHERE "
	    "workshop_id = 2"), 1);
	store_close(st);
}


/* Two note-takers: two programs, each its own session, one file. */
static struct store *
open_file(const char *name)
{
	struct store	*st;
	const char	*errstr;
	char		 path[256];

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	st = store_open(path, STORE_CREATE, &errstr);
	assert_non_null(st);
	return st;
}

static void
undo_is_each_note_takers_own(void **state)
{
	struct store		*a, *b;
	struct store_undone	 u;
	long long		 ws, c1, c2, c3, c4, c5, d, x;

	(void)state;
	a = open_file("two.db");
	b = open_file("two.db");
	COMMAND(a, "workshop add", record_workshop_add(a, "demo", "Demo", &ws));
	COMMAND(a, "say", record_contribution_add(a, ws, 1, 0, "idea", "From A",
	    0, 0, &c1));
	COMMAND(b, "say", record_contribution_add(b, ws, 1, 0, "idea", "From B",
	    0, 0, &c2));

	/* A's undo takes back A's words, not B's newer ones. */
	assert_int_equal(store_begin(a, "undo"), 0);
	assert_int_equal(store_undo(a, &u), 0);
	assert_string_equal(u.command, "say");
	assert_int_equal(u.row_id, c1);
	store_undone_release(&u);
	assert_int_equal(store_commit(a), 0);
	assert_int_equal(count(a, "SELECT count(*) FROM contribution WHERE "
	    "text = 'From B'"), 1);
	assert_int_equal(count(a, "SELECT count(*) FROM contribution WHERE "
	    "text = 'From A'"), 0);

	/* A number taken back is never given again. */
	COMMAND(a, "say", record_contribution_add(a, ws, 1, 0, "idea", "Again",
	    0, 0, &c3));
	assert_true(c3 > c2 && c3 != c1);

	/* B changed A's words since: A's undo refuses and changes nothing. */
	COMMAND(b, "edit", record_contribution_edit(b, c3, "B's correction"));
	assert_int_equal(store_begin(a, "undo"), 0);
	assert_int_equal(store_undo(a, &u), 3);
	assert_string_equal(u.conflict_tbl, "contribution");
	assert_int_equal(u.conflict_id, c3);
	store_undone_release(&u);
	store_rollback(a);
	assert_int_equal(count(a, "SELECT count(*) FROM contribution WHERE "
	    "text = 'B''s correction'"), 1);

	/* B's decision rests on A's new words: undo would take them away. */
	COMMAND(a, "say", record_contribution_add(a, ws, 1, 0, "idea", "Basis",
	    0, 0, &c4));
	COMMAND(b, "decision add", record_decision_add(b, ws, 1, "Do", &d));
	COMMAND(b, "decision basis", record_decision_basis(b, d, c4));
	assert_int_equal(store_begin(a, "undo"), 0);
	assert_int_equal(store_undo(a, &u), 4);
	assert_string_equal(u.used_tbl, "contribution");
	assert_int_equal(u.used_id, c4);
	assert_string_equal(u.conflict_tbl, "decision_basis");
	store_undone_release(&u);
	store_rollback(a);
	assert_int_equal(count(a, "SELECT count(*) FROM decision_basis"), 1);

	/* B's undo of its own basis, then A's undo, both work. */
	assert_int_equal(store_begin(b, "undo"), 0);
	assert_int_equal(store_undo(b, &u), 0);
	store_undone_release(&u);
	assert_int_equal(store_commit(b), 0);
	assert_int_equal(store_begin(a, "undo"), 0);
	assert_int_equal(store_undo(a, &u), 0);
	assert_int_equal(u.row_id, c4);
	store_undone_release(&u);
	assert_int_equal(store_commit(a), 0);

	/* Decision numbers too. */
	assert_int_equal(store_begin(b, "undo"), 0);
	assert_int_equal(store_undo(b, &u), 0);	/* decision add */
	store_undone_release(&u);
	assert_int_equal(store_commit(b), 0);
	COMMAND(b, "decision add", record_decision_add(b, ws, 1, "Do", &x));
	assert_true(x > d);
	COMMAND(a, "say", record_contribution_add(a, ws, 1, 0, "idea", "Last",
	    0, 0, &c5));
	assert_true(c5 > c4);

	/*
	 * A removes a change; B then gives that model and resource a change
	 * of its own: A's undo would make two, so it refuses.
	 */
	COMMAND(a, "decision change", record_decision_change(a, x,
	    record_model_id(a, ws, "homeshare"), 1, -100, &d, &c1));
	COMMAND(a, "decision remove", record_decision_remove(a, x, "change",
	    d));
	COMMAND(b, "decision change", record_decision_change(b, x,
	    record_model_id(b, ws, "homeshare"), 1, -300, &d, &c1));
	assert_int_equal(store_begin(a, "undo"), 0);
	assert_int_equal(store_undo(a, &u), 3);
	store_undone_release(&u);
	store_rollback(a);
	assert_int_equal(count(a, "SELECT group_concat(delta) FROM "
	    "decision_change"), -300);
	store_close(a);
	store_close(b);
}

static void
corrections_and_their_undo(void **state)
{
	struct store		*st;
	struct store_undone	 u;
	long long		 ws, c, d, m, x, was, i;

	(void)state;
	st = fresh();
	COMMAND(st, "workshop add", record_workshop_add(st, "demo", "Demo",
	    &ws));
	COMMAND(st, "say", record_contribution_add(st, ws, record_area_id(st,
	    "home"), 0, "note", "Lunch club", 0, 0, &c));
	COMMAND(st, "move", record_contribution_move(st, c, record_area_id(st,
	    "community"), "idea"));
	assert_int_equal(count(st, "SELECT count(*) FROM contribution c JOIN "
	    "area a ON a.id = c.area_id WHERE a.key = 'community' AND "
	    "c.kind = 'idea'"), 1);
	m = record_model_id(st, ws, "shared-lives");
	COMMAND(st, "decision add", record_decision_add(st, ws, 1, "Do", &d));
	COMMAND(st, "decision change", record_decision_change(st, d, m, 1,
	    -100, &x, &was));
	COMMAND(st, "decision indicator", record_decision_indicator(st, d,
	    "Fewer people lonely", &i));
	COMMAND(st, "decision remove", record_decision_remove(st, d, "change",
	    x));
	COMMAND(st, "decision remove", record_decision_remove(st, d,
	    "indicator", i));
	assert_int_equal(count(st, "SELECT count(*) FROM decision_change"), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM indicator"), 0);
	assert_int_equal(store_begin(st, "undo"), 0);
	assert_int_equal(store_undo(st, &u), 0);	/* puts it back */
	assert_null(u.after);
	store_undone_release(&u);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM indicator WHERE text "
	    "= 'Fewer people lonely'"), 1);
	assert_int_equal(store_begin(st, "undo"), 0);
	assert_int_equal(store_undo(st, &u), 0);
	store_undone_release(&u);
	assert_int_equal(store_undo(st, &u), 0);	/* the change's */
	store_undone_release(&u);
	assert_int_equal(store_undo(st, &u), 0);	/* the change again */
	store_undone_release(&u);
	assert_int_equal(store_undo(st, &u), 0);	/* decision add */
	store_undone_release(&u);
	assert_int_equal(store_undo(st, &u), 0);	/* move */
	store_undone_release(&u);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM contribution c JOIN "
	    "area a ON a.id = c.area_id WHERE a.key = 'home' AND c.kind = "
	    "'note'"), 1);
	store_close(st);
}

/* A record made under a v2 record's habits is brought up right. */
static void
migration_keeps_numbers_and_areas(void **state)
{
	const struct migration	*m;
	struct store		*st;
	sqlite3			*db;
	const char		*errstr;
	char			 path[256];

	(void)state;
	snprintf(path, sizeof(path), "%s/old.db", tmpdir);
	unlink(path);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	for (m = schema_migrations; m->version <= 2; m++)
		assert_int_equal(sqlite3_exec(db, m->sql, NULL, NULL, NULL),
		    SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 2; "
	    "PRAGMA application_id = 1114395496; "
	    "INSERT INTO workshop (slug, title) VALUES ('old', 'Old'); "
	    "INSERT INTO contribution (workshop_id, area_id, kind, text, source) "
	    "VALUES (1, 1, 'idea', 'one', 'facilitator'); "
	    /* contribution 2 was added and undone: the audit remembers it */
	    "INSERT INTO audit (batch, command, tbl, row_id, after) VALUES "
	    "(1, 'say', 'contribution', 2, '{}'); "
	    "INSERT INTO money (workshop_id, area_id, model_id, resource_id, "
	    "now) SELECT 1, (SELECT id FROM area WHERE key = 'home'), id, 1, "
	    "900000 FROM model WHERE key = 'shared-lives'; "
	    /* the same model's money under a second wrong area */
	    "INSERT INTO money (workshop_id, area_id, model_id, resource_id, "
	    "now, expected) SELECT 1, (SELECT id FROM area WHERE key = "
	    "'community'), id, 1, 100000, 5 FROM model WHERE key = "
	    "'shared-lives'; "
	    /* decision changes stacked by an older blanksheet */
	    "INSERT INTO decision (workshop_id, area_id, statement) VALUES "
	    "(1, 1, 'Stacked'); "
	    "INSERT INTO decision_change (decision_id, model_id, resource_id, "
	    "delta) SELECT 2, id, 1, -250000 FROM model WHERE key = "
	    "'homeshare'; "
	    "INSERT INTO decision_change (decision_id, model_id, resource_id, "
	    "delta) SELECT 2, id, 1, -5 FROM model WHERE key = 'homeshare'; "
	    "INSERT INTO decision_change (decision_id, model_id, resource_id, "
	    "delta) SELECT 2, id, 2, 7 FROM model WHERE key = 'homeshare'; "
	    "INSERT INTO decision_change (decision_id, model_id, resource_id, "
	    "delta) SELECT 2, id, 2, -7 FROM model WHERE key = 'homeshare'; "
	    "INSERT INTO decision (workshop_id, area_id, statement) VALUES "
	    "(1, 1, 'Keep'); "
	    "INSERT INTO decision_basis (decision_id, contribution_id) VALUES "
	    "(1, 1); "
	    "INSERT INTO setting VALUES ('current', 'old');",
	    NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	st = store_open(path, 0, &errstr);
	assert_non_null(st);
	assert_int_equal(count(st, "SELECT seq FROM sqlite_sequence WHERE name "
	    "= 'contribution'"), 2);
	assert_int_equal(count(st, "SELECT count(*) FROM decision_basis"), 1);
	assert_int_equal(count(st, "SELECT count(*) FROM money"), 1);
	assert_int_equal(count(st, "SELECT a.key = 'accommodation' FROM money "
	    "y JOIN area a ON a.id = y.area_id"), 1);
	assert_int_equal(count(st, "SELECT now * 10 + expected FROM money"),
	    10000005);
	assert_int_equal(count(st, "SELECT count(*) FROM ledger WHERE now = "
	    "1000000"), 1);
	/* Stacked lines added together; lines that cancel out are gone. */
	assert_int_equal(count(st, "SELECT count(*) FROM decision_change"), 1);
	assert_int_equal(count(st, "SELECT delta FROM decision_change"),
	    -250005);
	assert_int_equal(count(st, "SELECT count(*) FROM setting"), 0);
	assert_int_equal(count(st, "PRAGMA foreign_keys"), 1);
	store_close(st);
}

static void
files_are_private_and_backups_whole(void **state)
{
	struct store	*st, *copy;
	struct stat	 sb;
	const char	*errstr;
	char		 path[256], bk[256];
	long long	 ws, c;
	mode_t		 old;
	int		 i;

	(void)state;
	old = umask(0);
	st = open_file("private.db");
	umask(old);
	snprintf(path, sizeof(path), "%s/private.db", tmpdir);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	COMMAND(st, "workshop add", record_workshop_add(st, "demo", "Demo",
	    &ws));
	for (i = 0; i < 50; i++)
		COMMAND(st, "say", record_contribution_add(st, ws, 1, 0, "idea",
		    "Words", 0, 0, &c));
	snprintf(bk, sizeof(bk), "%s/copy.db", tmpdir);
	assert_int_equal(store_backup(st, bk, &errstr), 0);
	assert_int_equal(stat(bk, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* It refuses to overwrite, and leaves nothing half-made. */
	assert_int_equal(store_backup(st, bk, &errstr), -1);
	assert_non_null(errstr);
	copy = store_open(bk, 0, &errstr);
	assert_non_null(copy);
	assert_int_equal(count(copy, "SELECT count(*) FROM contribution"), 50);
	store_close(copy);
	snprintf(bk, sizeof(bk), "%s/copy.db.partial", tmpdir);
	assert_int_equal(access(bk, F_OK), -1);
	store_close(st);
}

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
teardown(void **state)
{
	char	*cmd;

	(void)state;
	cmd = xasprintf("rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		return -1;
	free(cmd);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(migrates_from_empty),
		cmocka_unit_test(migrates_from_every_version),
		cmocka_unit_test(refuses_what_is_not_ours),
		cmocka_unit_test(constraints_hold),
		cmocka_unit_test(operations_change_rows),
		cmocka_unit_test(undo_reverses_commands),
		cmocka_unit_test(redact_erase_and_purge_are_for_good),
		cmocka_unit_test(undo_is_each_note_takers_own),
		cmocka_unit_test(corrections_and_their_undo),
		cmocka_unit_test(migration_keeps_numbers_and_areas),
		cmocka_unit_test(files_are_private_and_backups_whole),
	};

	return cmocka_run_group_tests_name("store", tests, setup, teardown);
}
