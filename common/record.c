#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "record.h"
#include "util.h"

/* No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code read aloud is not misheard. */
static const char code_alphabet[] = "ACDEFGHJKMNPQRTUVWXY34679";

long long
record_workshop_id(struct store *st, const char *slug)
{
	return store_int(st, "SELECT id FROM workshop WHERE slug = ?", 0,
	    "t", slug);
}

long long
record_area_id(struct store *st, const char *key)
{
	return store_int(st, "SELECT id FROM area WHERE key = ?", 0, "t", key);
}

long long
record_stage_id(struct store *st, const char *key)
{
	return store_int(st, "SELECT id FROM stage WHERE key = ?", 0, "t",
	    key);
}

long long
record_resource_id(struct store *st, const char *key)
{
	return store_int(st, "SELECT id FROM resource WHERE key = ?", 0, "t",
	    key);
}

long long
record_model_id(struct store *st, long long wsid, const char *key)
{
	return store_int(st, "SELECT id FROM model WHERE key = ? AND "
	    "(workshop_id IS NULL OR workshop_id = ?) ORDER BY workshop_id "
	    "IS NULL LIMIT 1", 0, "ti", key, wsid);
}

int
record_code_normalise(const char *code, char out[RECORD_CODE_LEN + 1])
{
	size_t	 n = 0;

	for (; *code != '\0'; code++) {
		if (*code == '-' || *code == ' ')
			continue;
		if (n == 8 || strchr(code_alphabet, toupper((unsigned char)*code))
		    == NULL || *code == '\0')
			return -1;
		out[n + (n >= 4)] = (char)toupper((unsigned char)*code);
		n++;
	}
	if (n != 8)
		return -1;
	out[4] = '-';
	out[RECORD_CODE_LEN] = '\0';
	return 0;
}

long long
record_participant_id(struct store *st, long long wsid, const char *code)
{
	char	 norm[RECORD_CODE_LEN + 1];

	if (record_code_normalise(code, norm) == -1)
		return 0;
	return store_int(st, "SELECT id FROM participant WHERE code = ? AND "
	    "workshop_id = ?", 0, "ti", norm, wsid);
}

int
record_is_slug(const char *s)
{
	size_t	 n = strlen(s);

	return n >= 1 && n <= 40 && s[0] != '-' &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

int
record_is_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 y, m, d;

	if (strlen(s) != 10 || strspn(s, "0123456789-") != 10 ||
	    s[4] != '-' || s[7] != '-' || strchr(s + 8, '-') != NULL ||
	    sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return 0;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0)))
		return 0;
	return 1;
}

int
record_is_lang(const char *s)
{
	static const char letters[] = "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
	size_t	 n = strspn(s, letters), sub;

	/* A language of two or three letters ("english" is a word). */
	if (strlen(s) > 35 || n < 2 || n > 3)
		return 0;
	for (s += n; *s == '-'; s += sub + 1)
		if ((sub = strspn(s + 1, "0123456789abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ")) < 1 || sub > 8)
			return 0;
	return *s == '\0';
}

/*
 * Set one column of one row, audited.  `col' comes from the callers'
 * whitelists, never from input, so it may be written into the SQL.
 */
static int
set_column(struct store *st, const char *tbl, long long wsid, long long id,
    const char *col, const char *text, long long num, int isnum)
{
	sqlite3_stmt	*stmt;
	char		*sql, *before;
	int		 rc = -1;

	if ((before = store_snapshot(st, tbl, id)) == NULL)
		return -1;
	sql = xasprintf("UPDATE \"%s\" SET \"%s\" = ? WHERE id = ?", tbl, col);
	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) == SQLITE_OK) {
		if (isnum)
			sqlite3_bind_int64(stmt, 1, num);
		else if (text == NULL)
			sqlite3_bind_null(stmt, 1);
		else
			sqlite3_bind_text(stmt, 1, text, -1, SQLITE_STATIC);
		sqlite3_bind_int64(stmt, 2, id);
		if (sqlite3_step(stmt) == SQLITE_DONE)
			rc = 0;
		sqlite3_finalize(stmt);
	}
	if (rc == -1)
		log_warnx("%s.%s: %s", tbl, col, sqlite3_errmsg(st->db));
	free(sql);
	if (rc == 0)
		return store_audit_change(st, tbl, wsid, id, before);
	free(before);
	return -1;
}

static long long
workshop_of(struct store *st, const char *sql, long long id)
{
	return store_int(st, sql, 0, "i", id);
}

int
record_workshop_add(struct store *st, const char *slug, const char *title,
    long long *id)
{
	if (store_exec(st, "INSERT INTO workshop (slug, title) VALUES (?, ?)",
	    "tt", slug, title) == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return store_audit_insert(st, "workshop", *id, *id);
}

int
record_workshop_set(struct store *st, long long id, const char *field,
    const char *value)
{
	static const char *const text[] = { "title", "date", "place",
	    "language", "status", NULL };
	size_t	 i;
	long long n;
	char	*end;

	for (i = 0; text[i] != NULL; i++)
		if (strcmp(field, text[i]) == 0)
			return set_column(st, "workshop", id, id, field,
			    *value == '\0' && i != 0 ? NULL : value, 0, 0);
	n = strtoll(value, &end, 10);
	if (*value == '\0' || *end != '\0')
		return -1;
	if (strcmp(field, "retention") == 0)
		return set_column(st, "workshop", id, id, "retention_days",
		    NULL, n, 1);
	if (strcmp(field, "input") == 0)
		return set_column(st, "workshop", id, id, "input_open", NULL,
		    n, 1);
	if (strcmp(field, "gopher") == 0)
		return set_column(st, "workshop", id, id, "gopher_input", NULL,
		    n, 1);
	if (strcmp(field, "http") == 0)
		return set_column(st, "workshop", id, id, "http_input", NULL,
		    n, 1);
	if (strcmp(field, "moderate") == 0)
		return set_column(st, "workshop", id, id, "moderate", NULL,
		    n, 1);
	return -1;
}

int
record_model_add(struct store *st, long long wsid, long long area,
    const char *key, const char *name, long long *id)
{
	if (store_exec(st, "INSERT INTO model (area_id, workshop_id, key, name) "
	    "VALUES (?, ?, ?, ?)", "iitt", area, wsid, key, name) == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return store_audit_insert(st, "model", wsid, *id);
}

int
record_model_set(struct store *st, long long id, const char *field,
    const char *value)
{
	long long wsid;

	if (strcmp(field, "name") != 0 && strcmp(field, "summary") != 0 &&
	    strcmp(field, "evidence") != 0)
		return -1;
	wsid = workshop_of(st, "SELECT workshop_id FROM model WHERE id = ?", id);
	if (wsid == 0)
		return -1;	/* national models are not the workshop's */
	return set_column(st, "model", wsid, id, field, value, 0, 0);
}

void
record_new_code(struct store *st, char code[RECORD_CODE_LEN + 1])
{
	unsigned char	 rnd[8];
	int		 tries, i;

	for (tries = 0; tries < 16; tries++) {
		if (getentropy(rnd, sizeof(rnd)) == -1)
			fatal("getentropy");
		for (i = 0; i < 8; i++)
			code[i + (i >= 4)] = code_alphabet[rnd[i] %
			    (sizeof(code_alphabet) - 1)];
		code[4] = '-';
		code[RECORD_CODE_LEN] = '\0';
		if (store_int(st, "SELECT count(*) FROM participant WHERE "
		    "code = ?", 0, "t", code) == 0)
			break;
	}
}

int
record_participant_add(struct store *st, long long wsid, const char *role,
    const char *lang, char code[RECORD_CODE_LEN + 1], long long *id)
{
	record_new_code(st, code);
	if (store_exec(st, "INSERT INTO participant (workshop_id, code, role, "
	    "language) VALUES (?, ?, ?, ?)", "itt" "t", wsid, code, role,
	    lang) == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return store_audit_insert(st, "participant", wsid, *id);
}

int
record_participant_consent(struct store *st, long long id, const char *name)
{
	long long wsid;

	wsid = workshop_of(st, "SELECT workshop_id FROM participant WHERE "
	    "id = ?", id);
	/* The name itself stays out of the audit log. */
	if (store_exec(st, "UPDATE participant SET name = ?, consent = "
	    "strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?", "ti", name,
	    id) == -1)
		return -1;
	return store_audit_barrier(st, wsid);
}

int
record_participant_withdraw(struct store *st, long long id, int *had)
{
	long long wsid;

	wsid = workshop_of(st, "SELECT workshop_id FROM participant WHERE "
	    "id = ?", id);
	*had = store_int(st, "SELECT name IS NOT NULL FROM participant WHERE "
	    "id = ?", 0, "i", id) != 0;
	if (!*had)
		return 0;
	if (store_exec(st, "UPDATE participant SET name = NULL, consent = "
	    "NULL WHERE id = ?", "i", id) == -1)
		return -1;
	/* Gone from the files too, as redacted words are. */
	store_scrub(st);
	return store_audit_barrier(st, wsid);
}

/* Scrub the words of contribution `id' from every audit entry. */
static int
scrub_audit(struct store *st, long long id)
{
	return store_exec(st, "UPDATE audit SET "
	    "before = CASE WHEN before IS NULL THEN NULL "
	    "ELSE json_set(before, '$.text', '') END, "
	    "after = CASE WHEN after IS NULL THEN NULL "
	    "ELSE json_set(after, '$.text', '') END "
	    "WHERE tbl = 'contribution' AND row_id = ?", "i", id);
}

int
record_participant_erase(struct store *st, long long id, long long *count)
{
	sqlite3_stmt	*stmt;
	long long	 wsid, cid;

	wsid = workshop_of(st, "SELECT workshop_id FROM participant WHERE "
	    "id = ?", id);
	*count = 0;
	if ((stmt = store_query(st, "SELECT id FROM contribution WHERE "
	    "participant_id = ?", "i", id)) == NULL)
		return -1;
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		cid = sqlite3_column_int64(stmt, 0);
		if (scrub_audit(st, cid) == -1) {
			store_done(stmt);
			return -1;
		}
		(*count)++;
	}
	store_done(stmt);
	if (store_exec(st, "DELETE FROM contribution WHERE participant_id = ?",
	    "i", id) == -1 ||
	    store_exec(st, "DELETE FROM participant WHERE id = ?", "i", id) == -1)
		return -1;
	store_scrub(st);
	return store_audit_barrier(st, wsid);
}

int
record_contribution_add(struct store *st, long long wsid, long long area,
    long long stage, const char *kind, const char *text,
    long long participant, int participant_source, long long *id)
{
	if (store_exec(st, "INSERT INTO contribution (workshop_id, area_id, "
	    "stage_id, kind, text, participant_id, source, state) VALUES "
	    "(?, ?, nullif(?, 0), ?, ?, nullif(?, 0), ?, ?)", "iiittitt", wsid,
	    area, stage, kind, text, participant, participant_source ?
	    "participant" : "facilitator", participant_source == 2 ? "held" :
	    "shown") == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	if (participant_source)
		return 0;
	return store_audit_insert(st, "contribution", wsid, *id);
}

static long long
contribution_workshop(struct store *st, long long id)
{
	return workshop_of(st, "SELECT workshop_id FROM contribution WHERE "
	    "id = ?", id);
}

int
record_contribution_edit(struct store *st, long long id, const char *text)
{
	if (store_int(st, "SELECT state = 'redacted' FROM contribution WHERE "
	    "id = ?", 1, "i", id))
		return -1;
	return set_column(st, "contribution", contribution_workshop(st, id),
	    id, "text", text, 0, 0);
}

int
record_contribution_state(struct store *st, long long id, const char *state)
{
	if ((strcmp(state, "shown") != 0 && strcmp(state, "hidden") != 0) ||
	    store_int(st, "SELECT state = 'redacted' FROM contribution WHERE "
	    "id = ?", 1, "i", id))
		return -1;
	return set_column(st, "contribution", contribution_workshop(st, id),
	    id, "state", state, 0, 0);
}

int
record_contribution_redact(struct store *st, long long id)
{
	if (store_exec(st, "UPDATE contribution SET text = '', state = "
	    "'redacted' WHERE id = ?", "i", id) == -1 ||
	    scrub_audit(st, id) == -1)
		return -1;
	store_scrub(st);
	return store_audit_barrier(st, contribution_workshop(st, id));
}

int
record_money_set(struct store *st, long long wsid, long long area,
    long long model, long long resource, long long now, long long expected,
    long long year, long long *id)
{
	char	*before;

	*id = store_int(st, "SELECT id FROM money WHERE workshop_id = ? AND "
	    "area_id = ? AND model_id = ? AND resource_id = ?", 0, "iiii",
	    wsid, area, model, resource);
	if (*id == 0) {
		if (store_exec(st, "INSERT INTO money (workshop_id, area_id, "
		    "model_id, resource_id, now, expected, expected_year) "
		    "VALUES (?, ?, ?, ?, ?, nullif(?, -1), nullif(?, 0))",
		    "iiiiiii", wsid, area, model, resource, now, expected,
		    year) == -1)
			return -1;
		*id = sqlite3_last_insert_rowid(st->db);
		return store_audit_insert(st, "money", wsid, *id);
	}
	if ((before = store_snapshot(st, "money", *id)) == NULL)
		return -1;
	if (store_exec(st, "UPDATE money SET now = ?, expected = "
	    "nullif(?, -1), expected_year = nullif(?, 0) WHERE id = ?", "iiii",
	    now, expected, year, *id) == -1) {
		free(before);
		return -1;
	}
	return store_audit_change(st, "money", wsid, *id, before);
}

int
record_decision_add(struct store *st, long long wsid, long long area,
    const char *statement, long long *id)
{
	if (store_exec(st, "INSERT INTO decision (workshop_id, area_id, "
	    "statement) VALUES (?, ?, ?)", "iit", wsid, area, statement) == -1)
		return -1;
	*id = sqlite3_last_insert_rowid(st->db);
	return store_audit_insert(st, "decision", wsid, *id);
}

static long long
decision_workshop(struct store *st, long long id)
{
	return workshop_of(st, "SELECT workshop_id FROM decision WHERE id = ?",
	    id);
}

int
record_decision_set(struct store *st, long long id, const char *field,
    const char *value)
{
	static const char *const fields[][2] = {
		{ "statement", "statement" }, { "method", "method" },
		{ "dissent", "dissent" }, { "state", "state" },
		{ "review", "review_date" }, { "next", "next_steps" },
		{ "status", "status" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strcmp(field, fields[i][0]) == 0)
			return set_column(st, "decision",
			    decision_workshop(st, id), id, fields[i][1],
			    (i == 4 || i == 6) && strcmp(value, "none") == 0 ?
			    NULL : value, 0, 0);
	return -1;
}

int
record_decision_vote(struct store *st, long long id, long long infavour,
    long long against, long long abstain)
{
	char	*before;

	if ((before = store_snapshot(st, "decision", id)) == NULL)
		return -1;
	if (store_exec(st, "UPDATE decision SET votes_for = ?, votes_against = "
	    "?, votes_abstain = ?, method = CASE method WHEN 'consensus' "
	    "THEN 'vote' ELSE method END WHERE id = ?", "iiii", infavour,
	    against, abstain, id) == -1) {
		free(before);
		return -1;
	}
	return store_audit_change(st, "decision", decision_workshop(st, id), id,
	    before);
}

int
record_decision_change(struct store *st, long long id, long long model,
    long long resource, long long delta, long long *change, long long *was)
{
	long long wsid = decision_workshop(st, id);

	/* One change per model and resource: a second one corrects it. */
	*was = 0;
	*change = store_int(st, "SELECT id FROM decision_change WHERE "
	    "decision_id = ? AND model_id = ? AND resource_id = ? ORDER BY id "
	    "LIMIT 1", 0, "iii", id, model, resource);
	if (*change != 0) {
		*was = store_int(st, "SELECT delta FROM decision_change WHERE "
		    "id = ?", 0, "i", *change);
		return set_column(st, "decision_change", wsid, *change,
		    "delta", NULL, delta, 1);
	}
	if (store_exec(st, "INSERT INTO decision_change (decision_id, model_id, "
	    "resource_id, delta) VALUES (?, ?, ?, ?)", "iiii", id, model,
	    resource, delta) == -1)
		return -1;
	*change = sqlite3_last_insert_rowid(st->db);
	return store_audit_insert(st, "decision_change", wsid, *change);
}

/* Remove row `id' of `tbl', audited so that undo can put it back. */
static int
delete_row(struct store *st, const char *tbl, long long wsid, long long id)
{
	sqlite3_stmt	*stmt;
	char		*before, *sql;
	int		 rc = -1;

	if ((before = store_snapshot(st, tbl, id)) == NULL)
		return -1;
	/* Not store_exec(): its cache is keyed by the SQL's address. */
	sql = xasprintf("DELETE FROM \"%s\" WHERE id = ?", tbl);
	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(stmt, 1, id);
		if (sqlite3_step(stmt) == SQLITE_DONE)
			rc = 0;
		sqlite3_finalize(stmt);
	}
	if (rc == -1)
		log_warnx("%s: %s", tbl, sqlite3_errmsg(st->db));
	free(sql);
	if (rc == -1) {
		free(before);
		return -1;
	}
	return store_audit_change(st, tbl, wsid, id, before);
}

int
record_decision_remove(struct store *st, long long id, const char *what,
    long long row)
{
	const char	*tbl;

	if (strcmp(what, "change") == 0)
		tbl = "decision_change";
	else if (strcmp(what, "basis") == 0)
		tbl = "decision_basis";
	else if (strcmp(what, "indicator") == 0)
		tbl = "indicator";
	else if (strcmp(what, "progress") == 0)
		tbl = "decision_progress";
	else
		return -1;
	return delete_row(st, tbl, decision_workshop(st, id), row);
}

int
record_contribution_move(struct store *st, long long id, long long area,
    const char *kind)
{
	long long wsid = contribution_workshop(st, id);

	if (area != 0 && set_column(st, "contribution", wsid, id, "area_id",
	    NULL, area, 1) == -1)
		return -1;
	if (kind != NULL && set_column(st, "contribution", wsid, id, "kind",
	    kind, 0, 0) == -1)
		return -1;
	return 0;
}

int
record_decision_basis(struct store *st, long long id, long long contribution)
{
	long long wsid = decision_workshop(st, id);

	if (store_exec(st, "INSERT INTO decision_basis (decision_id, "
	    "contribution_id) VALUES (?, ?)", "ii", id, contribution) == -1)
		return -1;
	return store_audit_insert(st, "decision_basis", wsid,
	    sqlite3_last_insert_rowid(st->db));
}

int
record_decision_indicator(struct store *st, long long id, const char *text,
    long long *indicator)
{
	long long wsid = decision_workshop(st, id);

	if (store_exec(st, "INSERT INTO indicator (decision_id, text) VALUES "
	    "(?, ?)", "it", id, text) == -1)
		return -1;
	*indicator = sqlite3_last_insert_rowid(st->db);
	return store_audit_insert(st, "indicator", wsid, *indicator);
}

int
record_decision_progress(struct store *st, long long id, const char *date,
    const char *text, long long *note)
{
	long long wsid = decision_workshop(st, id);

	if (store_exec(st, "INSERT INTO decision_progress (decision_id, date, "
	    "text) VALUES (?, ?, ?)", "itt", id, date, text) == -1)
		return -1;
	*note = sqlite3_last_insert_rowid(st->db);
	return store_audit_insert(st, "decision_progress", wsid, *note);
}

int
record_indicator_set(struct store *st, long long indicator,
    const char *field, const char *value)
{
	static const char *const fields[][2] = {
		{ "who", "who" }, { "now", "now" }, { "ask", "ask_date" },
	};
	size_t		 i;
	long long	 wsid;

	wsid = store_int(st, "SELECT d.workshop_id FROM indicator i JOIN "
	    "decision d ON d.id = i.decision_id WHERE i.id = ?", 0, "i",
	    indicator);
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (strcmp(field, fields[i][0]) == 0)
			return set_column(st, "indicator", wsid, indicator,
			    fields[i][1], value, 0, 0);
	return -1;
}

int
record_contribution_door(struct store *st, long long id, const char *door)
{
	return store_exec(st, "UPDATE contribution SET door = ? WHERE id = ?",
	    "ti", door, id);
}

int
record_workshop_purge(struct store *st, long long id)
{
	/* Money and changes name models; local models go with the workshop. */
	if (store_exec(st, "DELETE FROM decision WHERE workshop_id = ?", "i",
	    id) == -1 ||
	    store_exec(st, "DELETE FROM money WHERE workshop_id = ?", "i",
	    id) == -1 ||
	    store_exec(st, "DELETE FROM workshop WHERE id = ?", "i", id) == -1 ||
	    store_exec(st, "DELETE FROM audit WHERE workshop_id = ?", "i",
	    id) == -1)
		return -1;
	store_scrub(st);
	return store_audit_barrier(st, 0);
}
