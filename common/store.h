/*
 * The record: one SQLite file per installation, shared by blanksheet and
 * blanksheetd.  WAL mode, foreign keys, a busy timeout; migrations from
 * schema/ applied in order, one transaction each.
 *
 * Writers wrap each command in store_begin()/store_commit(), which groups
 * the command's audit entries into one batch that undo reverses whole.
 */
#ifndef STORE_H
#define STORE_H

#include <sqlite3.h>

#define STORE_CREATE	0x01	/* create the file if it does not exist */
#define STORE_READONLY	0x02
#define STORE_NOWAIT	0x04	/* no busy timeout: fail at once when locked */

/* Application id stamped in the file header: "BlSh". */
#define STORE_APPLICATION_ID	0x426c5368
/* Milliseconds to wait for another writer before giving up. */
#define STORE_BUSY_MS		5000
/* Longest text a person can say or type in one contribution, in bytes. */
#define STORE_TEXT_MAX		4000

struct store {
	sqlite3		*db;
	long long	 batch;		/* audit batch of the open command */
	const char	*command;	/* its name, borrowed */
	struct cached	*cache;		/* owned, prepared statements */
	size_t		 ncache;
};

/*
 * Open the record at `path', creating it with STORE_CREATE, and bring its
 * schema up to date.  On failure returns NULL with a sentence in `errstr'
 * (static): missing, not a Blank Sheet record, newer than this program,
 * busy.
 */
struct store	*store_open(const char *path, int flags, const char **errstr);
void		 store_close(struct store *);
/* The schema version this program knows, and the record's. */
int		 store_version_latest(void);
int		 store_version(struct store *);

/*
 * Begin an immediate transaction for command `name' (borrowed until
 * commit).  0, or -1 with the reason logged, except when another writer
 * holds the lock (store_busy() says so, unlogged: a server retries).
 */
int		 store_begin(struct store *, const char *name);
int		 store_commit(struct store *);
void		 store_rollback(struct store *);
/* 1 if the last failure was another writer holding the lock. */
int		 store_busy(struct store *);

/*
 * A cached, prepared statement for `sql' (a string literal: the cache is
 * keyed by its address) bound from `fmt': 'i' long long, 't' const char *
 * (NULL binds NULL), 'n' NULL.  Step it, then store_done().  NULL on
 * failure (logged).
 */
sqlite3_stmt	*store_query(struct store *, const char *sql, const char *fmt,
		    ...);
void		 store_done(sqlite3_stmt *);
/* Column `i' of the current row as text: "" for NULL, never NULL. */
const char	*store_col(sqlite3_stmt *, int i);
/* Run a statement that returns no rows.  0 or -1 (logged). */
int		 store_exec(struct store *, const char *sql, const char *fmt,
		    ...);
/* The first column of the first row as an integer; `dflt' if no row. */
long long	 store_int(struct store *, const char *sql, long long dflt,
		    const char *fmt, ...);

/*
 * Audited writes.  `tbl' is one of the record's tables; `wsid' the workshop
 * the change belongs to (0 for none).  store_audit_insert() records the
 * row `id' just inserted; store_audit_before() snapshots a row about to
 * change or go and store_audit_after() completes the entry.  Snapshots of
 * participants leave out their receipt code and name.
 */
int		 store_audit_insert(struct store *, const char *tbl,
		    long long wsid, long long id);
char		*store_snapshot(struct store *, const char *tbl, long long id);
int		 store_audit_change(struct store *, const char *tbl,
		    long long wsid, long long id, char *before);
/* A barrier: undo never goes back past it (erase, redact, purge). */
int		 store_audit_barrier(struct store *, long long wsid);

/*
 * A number that changes whenever the record has changed since the last
 * call: committed by another connection (PRAGMA data_version) or by this
 * one.  For caches of what was read.
 */
unsigned long long store_stamp(struct store *);

/*
 * Undo the newest batch not yet undone.  Fills `what' with its command's
 * name (static or from the record, caller frees).  0 done, 1 nothing to
 * undo, 2 the newest change cannot be undone, -1 error.
 */
int		 store_undo(struct store *, char **what);

#endif
