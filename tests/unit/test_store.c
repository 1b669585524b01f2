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
	long long	 ws, m, c1, c2, d, x, p, y;
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
	    record_resource_id(st, "state"), -250000, &x));
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
	struct store	*st;
	long long	 ws, c, d, x;
	char		*what;

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
	    record_model_id(st, ws, "homeshare"), 1, 5000, &x));

	assert_int_equal(store_begin(st, "undo"), 0);
	assert_int_equal(store_undo(st, &what), 0);
	assert_string_equal(what, "decision change");
	free(what);
	assert_int_equal(store_commit(st), 0);
	assert_int_equal(count(st, "SELECT count(*) FROM decision_change"), 0);

	assert_int_equal(store_begin(st, "undo"), 0);
	assert_int_equal(store_undo(st, &what), 0);	/* decision add */
	free(what);
	assert_int_equal(store_undo(st, &what), 0);	/* edit */
	assert_string_equal(what, "edit");
	free(what);
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
	char		*what;

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
	assert_int_equal(store_undo(st, &what), 2);	/* cannot */
	free(what);
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
	};

	return cmocka_run_group_tests_name("store", tests, setup, teardown);
}
