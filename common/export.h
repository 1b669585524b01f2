/*
 * The decision record as data: one description of every exported table
 * and its columns (export.c, `tables'), which the JSON writer, the CSV
 * writer and its data card, the import reader and its checks, and the
 * JSON Schema in docs/export.schema.json all follow.  Adding a column is
 * one line there.  The readable reports are page documents built by
 * report.c and rendered by page.c.  Shapes and rules: docs/export.md.
 *
 * Hidden, redacted and erased words never leave: every table reads shown
 * contributions only, and only counts of the others.  Receipt codes never
 * leave; a name leaves only when consent to keep it was recorded.
 */
#ifndef EXPORT_H
#define EXPORT_H

#include "util.h"

struct store;

/* The version of the JSON shape written; import reads 1 up to this. */
#define EXPORT_FORMAT_VERSION	2
/* The marker every JSON export carries in its "format" member. */
#define EXPORT_FORMAT_NAME	"blanksheet-export"
/* Largest JSON file import reads, in bytes. */
#define IMPORT_FILE_MAX		(256L * 1024 * 1024)

struct export_opts {
	const char	*format;	/* json, csv, gmi, md or html */
	const char	*output;	/* a file, a folder (csv; a report's
					   documents), or NULL: standard
					   output */
	long long	 wsid;		/* the workshop, unless `all' */
	int		 all;		/* every workshop in the record */
};

/*
 * Write the export `o' describes.  A file must not exist yet: it is
 * written under a temporary name and renamed into place; a folder (csv, or a report's documents
 * when `output' has no dot in its last part, ends in '/' or is a folder)
 * is made under a temporary name beside `output' and renamed, and
 * `output' must not exist or must be an empty folder.  Everything is read in one read transaction.
 * Borrows everything.  0, with the sentence to say in `msg' when it
 * wrote a file; or -1 with the sentence saying why in `msg'.
 */
int	export_run(struct store *, const struct export_opts *o,
	    struct buf *msg);

/*
 * Recreate the workshop in the JSON export `file' (or each workshop of an
 * export of them all), under the slug `rename' when not NULL.  Runs inside
 * the caller's transaction; on -1 the caller rolls back, so nothing is
 * half-imported.  The sentence to say, either way, is appended to `msg'.
 */
int	import_run(struct store *, const char *file, const char *rename,
	    struct buf *msg);

/* Append the JSON Schema of the export, as docs/export.schema.json. */
void	export_schema(struct buf *out);

#endif
