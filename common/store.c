#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "schema.h"
#include "store.h"
#include "util.h"

struct cached {
	const char	*sql;		/* borrowed literal, the key */
	sqlite3_stmt	*stmt;		/* owned */
};

/* The tables an audit entry may name; anything else is refused. */
static const char *const audited[] = {
	"workshop", "model", "participant", "contribution", "money",
	"decision", "decision_change", "decision_basis", "indicator",
	"decision_progress", NULL
};

static int	 busy_failure;

/* The audited table named `tbl', as a static string; NULL if none. */
static const char *
tbl_name(const char *tbl)
{
	size_t	 i;

	for (i = 0; tbl != NULL && audited[i] != NULL; i++)
		if (strcmp(audited[i], tbl) == 0)
			return audited[i];
	return NULL;
}

static int
is_audited(const char *tbl)
{
	size_t	 i;

	for (i = 0; audited[i] != NULL; i++)
		if (strcmp(audited[i], tbl) == 0)
			return 1;
	return 0;
}

int
store_version_latest(void)
{
	const struct migration	*m;
	int			 v = 0;

	for (m = schema_migrations; m->sql != NULL; m++)
		v = m->version;
	return v;
}

static int
pragma_int(sqlite3 *db, const char *sql, int *val)
{
	sqlite3_stmt	*stmt;
	int		 rc;

	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return sqlite3_errcode(db);
	rc = sqlite3_step(stmt);
	if (rc == SQLITE_ROW) {
		*val = sqlite3_column_int(stmt, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(stmt);
	return rc;
}

int
store_version(struct store *st)
{
	int	 v = -1;

	pragma_int(st->db, "PRAGMA user_version", &v);
	return v;
}

static int
migrate(struct store *st, int from, const char **errstr)
{
	const struct migration	*m;
	char			*err = NULL;
	char			 sql[128];

	int			 bad = 0;

	/*
	 * Foreign keys are off while a migration runs, so that a table can
	 * be rebuilt (SQLite's documented way to change one); the check
	 * before the commit refuses a migration that broke a reference.
	 */
	if (sqlite3_exec(st->db, "PRAGMA foreign_keys = OFF", NULL, NULL,
	    NULL) != SQLITE_OK)
		goto fail;
	for (m = schema_migrations; m->sql != NULL; m++) {
		if (m->version <= from)
			continue;
		snprintf(sql, sizeof(sql), "PRAGMA application_id = %d; "
		    "PRAGMA user_version = %d;", STORE_APPLICATION_ID,
		    m->version);
		if (sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL,
		    &err) != SQLITE_OK ||
		    sqlite3_exec(st->db, m->sql, NULL, NULL, &err) != SQLITE_OK ||
		    pragma_int(st->db, "SELECT count(*) FROM "
		    "pragma_foreign_key_check", &bad) != SQLITE_OK || bad != 0 ||
		    sqlite3_exec(st->db, sql, NULL, NULL, &err) != SQLITE_OK ||
		    sqlite3_exec(st->db, "COMMIT", NULL, NULL, &err) !=
		    SQLITE_OK) {
			log_warnx("migration %s: %s", m->name, bad ?
			    "it would break a reference" : err ? err :
			    sqlite3_errmsg(st->db));
			sqlite3_free(err);
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
			goto fail;
		}
	}
	if (sqlite3_exec(st->db, "PRAGMA foreign_keys = ON", NULL, NULL,
	    NULL) == SQLITE_OK)
		return 0;
 fail:
	*errstr = "the record could not be brought up to date";
	return -1;
}

/*
 * The mode of a new record or copy: 0600, or 0660 in a set-group-ID
 * directory (a shared group, as the Debian package's /var/lib/blanksheet
 * is, so that the service and the facilitators in that group both reach
 * it).  Never more, whatever the umask.
 */
mode_t
store_file_mode(const char *path)
{
	struct stat	 sb;
	const char	*slash = strrchr(path, '/');
	char		*dir;
	int		 shared;

	dir = slash == NULL ? xstrdup(".") : slash == path ? xstrdup("/") :
	    xstrndup(path, (size_t)(slash - path));
	shared = stat(dir, &sb) == 0 && (sb.st_mode & S_ISGID);
	free(dir);
	return shared ? 0660 : 0600;
}

/* SQL fold(TEXT): the text in lower case for matching (buf_add_folded). */
static void
sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct buf	 b;
	const char	*s;

	(void)argc;
	if ((s = (const char *)sqlite3_value_text(argv[0])) == NULL) {
		sqlite3_result_null(ctx);
		return;
	}
	buf_init(&b);
	buf_add_folded(&b, s, (size_t)sqlite3_value_bytes(argv[0]));
	if (b.data == NULL)
		sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
	else
		sqlite3_result_text(ctx, b.data, (int)b.len, free);
}

/* Create `path' (O_EXCL) with store_file_mode(), whatever the umask. */
static int
create_private(const char *path)
{
	mode_t	 mode = store_file_mode(path);
	int	 fd;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    mode)) == -1)
		return -1;
	if (fchmod(fd, mode) == -1) {
		close(fd);
		unlink(path);
		return -1;
	}
	return fd;
}

struct store *
store_open(const char *path, int flags, const char **errstr)
{
	struct store	*st;
	int		 oflags, appid = 0, version = 0, tables = 0, rc, fd;

	*errstr = NULL;
	if (!(flags & STORE_CREATE) && strcmp(path, ":memory:") != 0 &&
	    access(path, F_OK) == -1) {
		*errstr = errno == ENOENT ? "no record at this path: "
		    "create one with init" : "cannot reach the record";
		return NULL;
	}
	/*
	 * The record holds names and receipt codes: made 0600 (or 0660 to
	 * a shared group) whatever the umask.  SQLite gives its WAL and SHM
	 * files the record's mode.
	 */
	if ((flags & STORE_CREATE) && strcmp(path, ":memory:") != 0 &&
	    (fd = create_private(path)) != -1)
		close(fd);
	st = xcalloc(1, sizeof(*st));
	oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX,
	    NULL) != SQLITE_OK) {
		*errstr = "cannot open the record";
		goto fail;
	}
	sqlite3_busy_timeout(st->db, (flags & STORE_NOWAIT) ? 0 :
	    STORE_BUSY_MS);
	sqlite3_create_function(st->db, "fold", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_fold, NULL,
	    NULL);
	sqlite3_extended_result_codes(st->db, 0);
	rc = pragma_int(st->db, "PRAGMA application_id", &appid);
	if (rc == SQLITE_NOTADB) {
		*errstr = "this file is not a Blank Sheet record";
		goto fail;
	} else if (rc == SQLITE_BUSY) {
		*errstr = "the record is busy: another program holds it";
		goto fail;
	} else if (rc != SQLITE_OK) {
		*errstr = "cannot read the record";
		goto fail;
	}
	pragma_int(st->db, "PRAGMA user_version", &version);
	pragma_int(st->db, "SELECT count(*) FROM sqlite_schema", &tables);
	if (appid != STORE_APPLICATION_ID && (appid != 0 || tables > 0)) {
		*errstr = "this file is not a Blank Sheet record";
		goto fail;
	}
	if (version > store_version_latest()) {
		*errstr = "this record was made by a newer Blank Sheet: "
		    "upgrade this program";
		goto fail;
	}
	/* Removed words are overwritten, not left in free pages. */
	if (sqlite3_exec(st->db, "PRAGMA foreign_keys = ON; "
	    "PRAGMA secure_delete = ON", NULL, NULL, NULL) != SQLITE_OK) {
		*errstr = "cannot set up the record";
		goto fail;
	}
	if (!(flags & STORE_READONLY)) {
		/* WAL lets readers and one writer work at once. */
		if (sqlite3_exec(st->db, "PRAGMA journal_mode = WAL; "
		    "PRAGMA synchronous = FULL", NULL, NULL, NULL) != SQLITE_OK) {
			*errstr = store_busy(st) || sqlite3_errcode(st->db) ==
			    SQLITE_BUSY ? "the record is busy: another program "
			    "holds it" : "cannot set up the record";
			goto fail;
		}
		if (version < store_version_latest() &&
		    migrate(st, version, errstr) == -1)
			goto fail;
	} else if (version < store_version_latest()) {
		*errstr = "this record needs an upgrade: open it once with "
		    "blanksheet";
		goto fail;
	}
	return st;
 fail:
	store_close(st);
	return NULL;
}

void
store_close(struct store *st)
{
	size_t	 i;

	if (st == NULL)
		return;
	for (i = 0; i < st->ncache; i++)
		sqlite3_finalize(st->cache[i].stmt);
	free(st->cache);
	sqlite3_close(st->db);
	free(st);
}

int
store_busy(struct store *st)
{
	(void)st;
	return busy_failure;
}

static sqlite3_stmt *
prepare(struct store *st, const char *sql)
{
	sqlite3_stmt	*stmt;
	size_t		 i;

	for (i = 0; i < st->ncache; i++)
		if (st->cache[i].sql == sql)
			return st->cache[i].stmt;
	if (sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &stmt, NULL) != SQLITE_OK) {
		log_warnx("prepare: %s: %s", sqlite3_errmsg(st->db), sql);
		return NULL;
	}
	st->cache = xreallocarray(st->cache, st->ncache + 1,
	    sizeof(*st->cache));
	st->cache[st->ncache].sql = sql;
	st->cache[st->ncache].stmt = stmt;
	st->ncache++;
	return stmt;
}

static sqlite3_stmt *
vquery(struct store *st, const char *sql, const char *fmt, va_list ap)
{
	sqlite3_stmt	*stmt;
	const char	*s;
	int		 i, rc = SQLITE_OK;

	if ((stmt = prepare(st, sql)) == NULL)
		return NULL;
	sqlite3_reset(stmt);
	sqlite3_clear_bindings(stmt);
	for (i = 1; fmt != NULL && *fmt != '\0' && rc == SQLITE_OK; fmt++, i++) {
		switch (*fmt) {
		case 'i':
			rc = sqlite3_bind_int64(stmt, i, va_arg(ap, long long));
			break;
		case 't':
			s = va_arg(ap, const char *);
			rc = s == NULL ? sqlite3_bind_null(stmt, i) :
			    sqlite3_bind_text(stmt, i, s, -1, SQLITE_STATIC);
			break;
		case 'n':
			rc = sqlite3_bind_null(stmt, i);
			break;
		default:
			fatalx("store_query: bad format '%c'", *fmt);
		}
	}
	if (rc != SQLITE_OK) {
		log_warnx("bind: %s", sqlite3_errmsg(st->db));
		return NULL;
	}
	return stmt;
}

sqlite3_stmt *
store_query(struct store *st, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt	*stmt;
	va_list		 ap;

	va_start(ap, fmt);
	stmt = vquery(st, sql, fmt, ap);
	va_end(ap);
	return stmt;
}

void
store_done(sqlite3_stmt *stmt)
{
	if (stmt != NULL) {
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
	}
}

const char *
store_col(sqlite3_stmt *stmt, int i)
{
	const unsigned char *s = sqlite3_column_text(stmt, i);

	return s == NULL ? "" : (const char *)s;
}

static int
step_done(struct store *st, sqlite3_stmt *stmt)
{
	int	 rc;

	rc = sqlite3_step(stmt);
	busy_failure = rc == SQLITE_BUSY;
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		log_warnx("%s", sqlite3_errmsg(st->db));
		store_done(stmt);
		return -1;
	}
	store_done(stmt);
	return 0;
}

int
store_exec(struct store *st, const char *sql, const char *fmt, ...)
{
	sqlite3_stmt	*stmt;
	va_list		 ap;

	va_start(ap, fmt);
	stmt = vquery(st, sql, fmt, ap);
	va_end(ap);
	if (stmt == NULL)
		return -1;
	return step_done(st, stmt);
}

long long
store_int(struct store *st, const char *sql, long long dflt,
    const char *fmt, ...)
{
	sqlite3_stmt	*stmt;
	va_list		 ap;
	long long	 v = dflt;

	va_start(ap, fmt);
	stmt = vquery(st, sql, fmt, ap);
	va_end(ap);
	if (stmt == NULL)
		return dflt;
	if (sqlite3_step(stmt) == SQLITE_ROW &&
	    sqlite3_column_type(stmt, 0) != SQLITE_NULL)
		v = sqlite3_column_int64(stmt, 0);
	store_done(stmt);
	return v;
}

int
store_begin(struct store *st, const char *name)
{
	int	 rc;

	rc = sqlite3_exec(st->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	busy_failure = rc == SQLITE_BUSY;
	if (rc != SQLITE_OK) {
		/* Busy is the caller's to say (store_busy()), perhaps often. */
		if (!busy_failure)
			log_warnx("begin: %s", sqlite3_errmsg(st->db));
		return -1;
	}
	st->command = name;
	st->batch = 0;
	return 0;
}

int
store_commit(struct store *st)
{
	int	 rc, tries, frames = 0, done = 0;

	st->batch = 0;
	st->command = NULL;
	rc = sqlite3_exec(st->db, "COMMIT", NULL, NULL, NULL);
	busy_failure = rc == SQLITE_BUSY;
	if (rc != SQLITE_OK) {
		log_warnx("commit: %s", sqlite3_errmsg(st->db));
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
		st->scrub = 0;
		return -1;
	}
	if (st->scrub) {
		/*
		 * Words were removed for good: the WAL still holds the pages
		 * as they were, so copy it back and empty it now.  A reader
		 * (the server, for a page) can hold it for a moment: retry
		 * for up to five seconds.
		 */
		st->scrub = 0;
		st->scrub_failed = 1;
		for (tries = 0; tries < 50 && st->scrub_failed; tries++) {
			rc = sqlite3_wal_checkpoint_v2(st->db, NULL,
			    SQLITE_CHECKPOINT_TRUNCATE, &frames, &done);
			if (rc == SQLITE_OK && frames <= 0)
				st->scrub_failed = 0;
			else
				sqlite3_sleep(100);
		}
		if (st->scrub_failed)
			log_warnx("checkpoint: the WAL is still in use");
	}
	return 0;
}

int
store_scrubbed(struct store *st)
{
	return !st->scrub_failed;
}

void
store_scrub(struct store *st)
{
	st->scrub = 1;
	st->scrub_failed = 0;
}

void
store_rollback(struct store *st)
{
	st->scrub = 0;
	st->batch = 0;
	st->command = NULL;
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

unsigned long long
store_stamp(struct store *st)
{
	unsigned long long	 other;

	/* data_version counts other connections' commits; our own, here. */
	other = (unsigned long long)store_int(st, "PRAGMA data_version", 0, "");
	return (other << 32) ^ (unsigned long long)sqlite3_total_changes64(st->db);
}

static long long
batch(struct store *st)
{
	if (st->batch == 0)
		st->batch = store_int(st, "SELECT ifnull(max(batch), 0) + 1 "
		    "FROM audit", 1, "");
	return st->batch;
}

/*
 * The columns kept in a snapshot of `tbl', as "'a',a,'b',b" for
 * json_object().  Participants' codes and names never enter the audit.
 */
static char *
snapshot_columns(struct store *st, const char *tbl)
{
	sqlite3_stmt	*stmt;
	struct buf	 b;
	const char	*col;

	buf_init(&b);
	if (sqlite3_prepare_v2(st->db, "SELECT name FROM pragma_table_info(?)",
	    -1, &stmt, NULL) != SQLITE_OK)
		return buf_take(&b);
	sqlite3_bind_text(stmt, 1, tbl, -1, SQLITE_STATIC);
	while (sqlite3_step(stmt) == SQLITE_ROW) {
		col = (const char *)sqlite3_column_text(stmt, 0);
		if (strcmp(tbl, "participant") == 0 &&
		    (strcmp(col, "code") == 0 || strcmp(col, "name") == 0))
			continue;
		buf_addf(&b, "%s'%s',\"%s\"", b.len ? "," : "", col, col);
	}
	sqlite3_finalize(stmt);
	return buf_take(&b);
}

char *
store_snapshot(struct store *st, const char *tbl, long long id)
{
	sqlite3_stmt	*stmt;
	char		*cols, *sql, *json = NULL;

	if (!is_audited(tbl))
		fatalx("store_snapshot: table %s", tbl);
	cols = snapshot_columns(st, tbl);
	sql = xasprintf("SELECT json_object(%s) FROM \"%s\" WHERE id = ?",
	    cols, tbl);
	if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(stmt, 1, id);
		if (sqlite3_step(stmt) == SQLITE_ROW)
			json = xstrdup((const char *)
			    sqlite3_column_text(stmt, 0));
		sqlite3_finalize(stmt);
	} else
		log_warnx("snapshot: %s", sqlite3_errmsg(st->db));
	free(sql);
	free(cols);
	return json;
}

/* This program's session, made when it first writes to the audit. */
static const char *
session(struct store *st)
{
	static const char hex[] = "0123456789abcdef";
	unsigned char	 rnd[8];
	size_t		 i;

	if (st->session[0] == '\0') {
		if (getentropy(rnd, sizeof(rnd)) == -1)
			fatal("getentropy");
		for (i = 0; i < sizeof(rnd); i++) {
			st->session[2 * i] = hex[rnd[i] >> 4];
			st->session[2 * i + 1] = hex[rnd[i] & 15];
		}
		st->session[2 * sizeof(rnd)] = '\0';
	}
	return st->session;
}

static int
audit_add(struct store *st, const char *tbl, long long wsid, long long id,
    const char *before, const char *after, long long undoes)
{
	return store_exec(st, "INSERT INTO audit (batch, workshop_id, command, "
	    "tbl, row_id, before, after, undoes, session) VALUES (?, "
	    "nullif(?, 0), ?, ?, nullif(?, 0), ?, ?, nullif(?, 0), ?)",
	    "iittittit", batch(st), wsid, st->command != NULL ? st->command :
	    "?", tbl, id, before, after, undoes, session(st));
}

int
store_audit_insert(struct store *st, const char *tbl, long long wsid,
    long long id)
{
	char	*after;
	int	 rc;

	if ((after = store_snapshot(st, tbl, id)) == NULL)
		return -1;
	rc = audit_add(st, tbl, wsid, id, NULL, after, 0);
	free(after);
	return rc;
}

int
store_audit_change(struct store *st, const char *tbl, long long wsid,
    long long id, char *before)
{
	char	*after;
	int	 rc;

	after = store_snapshot(st, tbl, id);	/* NULL: the row went */
	rc = audit_add(st, tbl, wsid, id, before, after, 0);
	free(after);
	free(before);
	return rc;
}

int
store_audit_barrier(struct store *st, long long wsid)
{
	return audit_add(st, NULL, wsid, 0, NULL, NULL, 0);
}

/*
 * Put row `id' of `tbl' back as the snapshot `json' describes it, or
 * remove it when there was no row before.  Only the columns the snapshot
 * kept are written; a participant's code and name stay as they are.
 */
static int
restore(struct store *st, const char *tbl, long long id, const char *json)
{
	sqlite3_stmt	*stmt;
	struct buf	 sql, cols, vals, set;
	const char	*col;
	int		 rc = -1;

	if (!is_audited(tbl))
		return -1;
	buf_init(&sql);
	buf_init(&cols);
	buf_init(&vals);
	buf_init(&set);
	if (json == NULL)
		buf_addf(&sql, "DELETE FROM \"%s\" WHERE id = ?1", tbl);
	else {
		if (sqlite3_prepare_v2(st->db, "SELECT key FROM json_each(?)",
		    -1, &stmt, NULL) != SQLITE_OK)
			goto out;
		sqlite3_bind_text(stmt, 1, json, -1, SQLITE_STATIC);
		while (sqlite3_step(stmt) == SQLITE_ROW) {
			col = (const char *)sqlite3_column_text(stmt, 0);
			/* Keys come from our own snapshots; check anyway. */
			if (col == NULL || strspn(col, "abcdefghijklmnopqrstuvwxyz_")
			    != strlen(col))
				continue;
			buf_addf(&cols, "%s%s", cols.len ? "," : "", col);
			buf_addf(&vals, "%sjson_extract(?2, '$.%s')",
			    vals.len ? "," : "", col);
			buf_addf(&set, "%s%s = excluded.%s", set.len ? "," : "",
			    col, col);
		}
		sqlite3_finalize(stmt);
		if (cols.len == 0)
			goto out;
		buf_addf(&sql, "INSERT INTO \"%s\" (%s) VALUES (%s) "
		    "ON CONFLICT(id) DO UPDATE SET %s", tbl, cols.data,
		    vals.data, set.data);
	}
	if (sqlite3_prepare_v2(st->db, sql.data, -1, &stmt, NULL) != SQLITE_OK) {
		log_warnx("undo: %s", sqlite3_errmsg(st->db));
		goto out;
	}
	sqlite3_bind_int64(stmt, 1, id);
	if (json != NULL)
		sqlite3_bind_text(stmt, 2, json, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(stmt)) == SQLITE_DONE)
		rc = 0;
	else if (rc == SQLITE_CONSTRAINT)
		rc = -2;	/* what it would put back is in the way */
	else {
		log_warnx("undo: %s", sqlite3_errmsg(st->db));
		rc = -1;
	}
	sqlite3_finalize(stmt);
 out:
	buf_release(&sql);
	buf_release(&cols);
	buf_release(&vals);
	buf_release(&set);
	return rc;
}

/*
 * A row of another table that refers to row `id' of `tbl', found through
 * the record's own foreign keys: undo must not take it away with this one.
 * 1 (and `*by', `*byid') or 0.
 */
static int
referenced(struct store *st, const char *tbl, long long id, const char **by,
    long long *byid)
{
	sqlite3_stmt	*fk, *ref;
	char		*sql;
	size_t		 i;
	int		 found = 0;

	for (i = 0; audited[i] != NULL && !found; i++) {
		if (sqlite3_prepare_v2(st->db, "SELECT \"from\" FROM "
		    "pragma_foreign_key_list(?) WHERE \"table\" = ?", -1, &fk,
		    NULL) != SQLITE_OK)
			return 0;
		sqlite3_bind_text(fk, 1, audited[i], -1, SQLITE_STATIC);
		sqlite3_bind_text(fk, 2, tbl, -1, SQLITE_STATIC);
		while (!found && sqlite3_step(fk) == SQLITE_ROW) {
			/* Column names come from the schema, not from input. */
			sql = xasprintf("SELECT id FROM \"%s\" WHERE \"%s\" = ? "
			    "LIMIT 1", audited[i], sqlite3_column_text(fk, 0));
			if (sqlite3_prepare_v2(st->db, sql, -1, &ref, NULL) ==
			    SQLITE_OK) {
				sqlite3_bind_int64(ref, 1, id);
				if (sqlite3_step(ref) == SQLITE_ROW) {
					*by = audited[i];
					*byid = sqlite3_column_int64(ref, 0);
					found = 1;
				}
				sqlite3_finalize(ref);
			}
			free(sql);
		}
		sqlite3_finalize(fk);
	}
	return found;
}

static int
same(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL &&
	    strcmp(a, b) == 0);
}

void
store_undone_release(struct store_undone *u)
{
	free(u->command);
	free(u->tbl);
	free(u->before);
	free(u->after);
	memset(u, 0, sizeof(*u));
}

/*
 * Only this session's batches, newest first; before a row is put back,
 * it must still be as the batch left it, and a row about to go must not
 * be in use by another: otherwise undo would take back another
 * note-taker's work, and it refuses instead.
 */
int
store_undo(struct store *st, struct store_undone *u)
{
	sqlite3_stmt	*stmt;
	long long	 b, wsid, id;
	const char	*tbl, *before, *after, *by;
	char		*now;
	int		 ret = -1, ok, rc = SQLITE_DONE;

	memset(u, 0, sizeof(*u));
	b = store_int(st, "SELECT max(batch) FROM audit WHERE session = ? AND "
	    "undoes IS NULL AND batch NOT IN (SELECT undoes FROM audit WHERE "
	    "undoes IS NOT NULL)", 0, "t", session(st));
	if (b == 0)
		return 1;
	stmt = store_query(st, "SELECT command, tbl, row_id, before, after, "
	    "ifnull(workshop_id, 0) FROM audit WHERE batch = ? ORDER BY tbl IS "
	    "NULL, id LIMIT 1", "i", b);
	if (stmt != NULL && sqlite3_step(stmt) == SQLITE_ROW) {
		u->command = xstrdup(store_col(stmt, 0));
		u->wsid = sqlite3_column_int64(stmt, 5);
		if (sqlite3_column_type(stmt, 1) != SQLITE_NULL)
			u->tbl = xstrdup(store_col(stmt, 1));
		u->row_id = sqlite3_column_int64(stmt, 2);
		if (sqlite3_column_type(stmt, 3) != SQLITE_NULL)
			u->before = xstrdup(store_col(stmt, 3));
	}
	store_done(stmt);
	/* "approve 21 22" changes two rows: the sentence counts the rest. */
	if (u->tbl != NULL)
		u->more = store_int(st, "SELECT count(DISTINCT tbl || ' ' || "
		    "row_id) - 1 FROM audit WHERE batch = ? AND tbl IS NOT "
		    "NULL",
		    0, "i", b);
	/*
	 * The row as the whole batch left it: one command may change a row
	 * twice (workshop close also closes input).
	 */
	if (u->tbl != NULL && (stmt = store_query(st, "SELECT after FROM "
	    "audit WHERE batch = ? AND tbl = ? AND row_id = ? ORDER BY id DESC "
	    "LIMIT 1", "iti", b, u->tbl, u->row_id)) != NULL) {
		if (sqlite3_step(stmt) == SQLITE_ROW &&
		    sqlite3_column_type(stmt, 0) != SQLITE_NULL)
			u->after = xstrdup(store_col(stmt, 0));
		store_done(stmt);
	}
	if (u->tbl == NULL || store_int(st, "SELECT count(*) FROM audit WHERE "
	    "batch = ? AND tbl IS NULL", 0, "i", b) > 0)
		return 2;

	/* Each row the batch touched must be as the batch left it. */
	if (sqlite3_prepare_v2(st->db, "SELECT tbl, row_id, after FROM audit a "
	    "WHERE batch = ?1 AND id = (SELECT max(id) FROM audit WHERE batch "
	    "= ?1 AND tbl = a.tbl AND row_id = a.row_id)", -1, &stmt, NULL) !=
	    SQLITE_OK)
		return -1;
	sqlite3_bind_int64(stmt, 1, b);
	ret = 0;
	while (ret == 0 && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		tbl = (const char *)sqlite3_column_text(stmt, 0);
		id = sqlite3_column_int64(stmt, 1);
		after = (const char *)sqlite3_column_text(stmt, 2);
		now = store_snapshot(st, tbl, id);
		ok = same(now, after);
		free(now);
		if (!ok) {
			u->conflict_tbl = tbl_name(tbl);
			u->conflict_id = id;
			ret = 3;
		}
	}
	sqlite3_finalize(stmt);
	if (ret == 0 && rc != SQLITE_DONE)
		ret = -1;
	if (ret != 0)
		return ret;

	if (sqlite3_prepare_v2(st->db, "SELECT tbl, workshop_id, row_id, "
	    "before FROM audit WHERE batch = ? ORDER BY id DESC", -1, &stmt,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(stmt, 1, b);
	ret = -1;
	while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		tbl = (const char *)sqlite3_column_text(stmt, 0);
		wsid = sqlite3_column_int64(stmt, 1);
		id = sqlite3_column_int64(stmt, 2);
		before = (const char *)sqlite3_column_text(stmt, 3);
		if (before == NULL && referenced(st, tbl, id, &by,
		    &u->conflict_id)) {
			u->conflict_tbl = tbl_name(by);
			u->used_tbl = tbl_name(tbl);
			u->used_id = id;
			ret = 4;
			goto out;
		}
		now = store_snapshot(st, tbl, id);
		if ((rc = restore(st, tbl, id, before)) == -2) {
			/* Another note-taker's row holds its place now. */
			u->conflict_tbl = tbl_name(tbl);
			u->conflict_id = id;
			free(now);
			ret = 3;
			goto out;
		}
		if (rc == -1 || audit_add(st, tbl, wsid, id, now, before,
		    b) == -1) {
			free(now);
			goto out;
		}
		free(now);
	}
	if (rc == SQLITE_DONE)
		ret = 0;
 out:
	sqlite3_finalize(stmt);
	return ret;
}

int
store_backup(struct store *st, const char *path, const char **errstr)
{
	sqlite3_backup	*bk;
	sqlite3		*dst = NULL;
	char		*tmp;
	int		 fd, rc, ok = 0;

	*errstr = NULL;
	if (access(path, F_OK) == 0) {
		*errstr = "a file of that name is there already";
		return -1;
	}
	/* Copy to a new file beside it, check it, then give it its name. */
	tmp = xasprintf("%s.partial", path);
	if ((fd = create_private(tmp)) == -1) {
		*errstr = errno == EEXIST ? "an unfinished copy of that name is "
		    "there: remove it first" : "cannot create a file there";
		free(tmp);
		return -1;
	}
	close(fd);
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		*errstr = "cannot open the new file";
		goto out;
	}
	/*
	 * One step copies every page inside one read transaction: a
	 * consistent snapshot, while writers in WAL mode carry on.
	 */
	if ((bk = sqlite3_backup_init(dst, "main", st->db, "main")) == NULL) {
		*errstr = "cannot start the copy";
		goto out;
	}
	do {
		rc = sqlite3_backup_step(bk, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(50);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	if (sqlite3_backup_finish(bk) != SQLITE_OK || rc != SQLITE_DONE) {
		log_warnx("backup: %s", sqlite3_errmsg(dst));
		*errstr = "the copy did not finish (is the disk full?)";
		goto out;
	}
	rc = -1;
	if (pragma_int(dst, "SELECT integrity_check = 'ok' FROM "
	    "pragma_integrity_check", &rc) != SQLITE_OK || rc != 1) {
		*errstr = "the copy failed its integrity check";
		goto out;
	}
	sqlite3_close(dst);
	dst = NULL;
	/*
	 * link() never replaces a file; a USB stick's FAT has no links, so
	 * there, after one more look, rename().
	 */
	if (link(tmp, path) == -1 && (errno == EEXIST || access(path, F_OK) ==
	    0 || rename(tmp, path) == -1)) {
		*errstr = errno == EEXIST || access(path, F_OK) == 0 ? "a file "
		    "of that name is there already" : "cannot give the copy "
		    "its name";
		goto out;
	}
	ok = 1;
 out:
	sqlite3_close(dst);
	unlink(tmp);
	free(tmp);
	return ok ? 0 : -1;
}
