/*
 * Exports of the decision record (JSON, CSV, gemtext and Markdown
 * reports) and import of a JSON export.  The shapes are documented in
 * docs/export.md and docs/export.schema.json.
 *
 * Hidden, redacted and erased contributions never leave: every export
 * reads shown contributions only, and a decision's links to other
 * contributions are left out.  Receipt codes never leave; names leave
 * only when consent to keep them was recorded (JSON and CSV, never the
 * reports).
 */
#ifndef EXPORT_H
#define EXPORT_H

struct cli;

/* The version of the JSON shape; import refuses anything newer. */
#define EXPORT_FORMAT_VERSION	1
/* The marker every JSON export carries in its "format" member. */
#define EXPORT_FORMAT_NAME	"blanksheet-export"
/* Largest JSON file import reads, in bytes. */
#define IMPORT_FILE_MAX		(256L * 1024 * 1024)

/*
 * Write workshop `wsid' in `format' (json, csv, gmi, md) to `output', or
 * to standard output when `output' is NULL (not for csv, which writes a
 * folder).  A file is written under a temporary name and renamed into
 * place; a csv folder is made under a temporary name beside `output'
 * and renamed, and `output' must not exist or must be an empty folder.
 * Borrows everything.  0, or -1 after saying why with cli_fail().
 */
int	export_run(struct cli *, long long wsid, const char *format,
	    const char *output);

/*
 * Recreate a workshop from the JSON export in `file', under the slug
 * `rename' when not NULL.  Runs inside the caller's transaction; on -1
 * (said why) the caller rolls back, so nothing is half-imported.
 */
int	import_run(struct cli *, const char *file, const char *rename);

#endif
