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

#include <sys/types.h>

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
	char		 session[17];	/* this program's audit session, "" until
					   its first audited change */
	int		 scrub;		/* words went: empty the WAL at commit */
	int		 scrub_failed;	/* it could not be emptied yet */
};

/*
 * Open the record at `path', creating it with STORE_CREATE, and bring its
 * schema up to date.  On failure returns NULL with a sentence in `errstr'
 * (static): missing, not a Blank Sheet record, newer than this program,
 * busy.
 */
struct store	*store_open(const char *path, int flags, const char **errstr);
/*
 * The mode a new record or copy at `path' gets, whatever the umask: 0600,
 * or 0660 when its directory is set-group-ID (shared with a group).
 */
mode_t		 store_file_mode(const char *path);
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
 * What store_undo() took back, or why it would not: the command, and the
 * first row it touched with its snapshots before and after the command.
 */
struct store_undone {
	char		*command;	/* owned: "say" */
	long long	 wsid;		/* the workshop it changed, or 0 */
	char		*tbl;		/* owned: "contribution"; NULL if none */
	long long	 row_id;
	long long	 more;		/* other rows the change touched */
	char		*before;	/* owned JSON, NULL: the row was new */
	char		*after;		/* owned JSON, NULL: the row went */
	const char	*conflict_tbl;	/* static: the row in the way */
	long long	 conflict_id;
	const char	*used_tbl;	/* static: for 4, the row it uses */
	long long	 used_id;
};

/*
 * Undo the newest change this program made (its session) that is not yet
 * undone; another note-taker's changes are never taken back.  Fills `u'
 * (release it on every path).  Returns 0 done, 1 nothing to undo, 2 the
 * newest change cannot be undone (it removed words or a name for good),
 * 3 row `conflict' has been changed since by someone else, 4 row
 * `conflict' now uses row `used', which undo would remove; -1 error.  On
 * 3, 4 and -1 the caller rolls back.
 */
int		 store_undo(struct store *, struct store_undone *u);
void		 store_undone_release(struct store_undone *);

/*
 * Words were removed for good: empty the WAL after the next commit.  If a
 * reader kept it from emptying (for a few seconds), store_scrubbed() is 0
 * afterwards: the old pages are overwritten at a later checkpoint.
 */
void		 store_scrub(struct store *);
int		 store_scrubbed(struct store *);

/*
 * Write a consistent copy of the whole record to `path' (which must not
 * exist; mode 0600), safe while others read and write, and check it.
 * 0, or -1 with a sentence in `errstr' (static).
 */
int		 store_backup(struct store *, const char *path,
		    const char **errstr);

#endif
