/*
 * JSON (RFC 8259): a small writer that appends to a struct buf, and a
 * strict parser for documents that come from outside, such as an export
 * being imported.
 *
 * The parser accepts exactly RFC 8259 JSON text in UTF-8: no byte order
 * mark, no comments, no trailing commas, no leading zeros, no control
 * characters inside strings, no lone surrogates, no duplicate member
 * names, no "\u0000" (the record keeps C strings), nothing after the
 * value.  It nests at most JSON_DEPTH_MAX deep.
 */
#ifndef JSON_H
#define JSON_H

#include <stddef.h>

#include "util.h"

#define JSON_DEPTH_MAX	64

enum json_type {
	JSON_NULL,
	JSON_FALSE,
	JSON_TRUE,
	JSON_NUMBER,
	JSON_STRING,
	JSON_ARRAY,
	JSON_OBJECT
};

/*
 * A value.  An import holds hundreds of thousands of these at once, so
 * it is kept small: a string's length is in `n', strings and member names
 * are decoded in place in the document's text (which the tree owns), and
 * a number that is not an integer keeps only its text (strtod(3) reads
 * it).
 */
struct json {
	enum json_type	 type;
	int		 is_int;	/* numbers: an integer that fits */
	long long	 i;		/* numbers, when is_int */
	char		*s;		/* strings, NUL-terminated, in the
					   document's text; other numbers,
					   their text (owned) */
	char		**keys;		/* owned: objects, one per item, each
					   in the document's text */
	struct json	*items;		/* owned: arrays and objects */
	size_t		 n;		/* items; a string's length */
};

/*
 * Parse `len' bytes at `text' (need not be NUL-terminated).  Returns the
 * value, which the caller frees with json_free(), or NULL with a static
 * reason in `errstr' and the 1-based line of the mistake in `line'.
 */
struct json	*json_parse(const char *text, size_t len, size_t *line,
		    const char **errstr);
/*
 * The same, taking `text' (malloc'd, `len' + 1 bytes), also on failure:
 * no copy is made, and the strings are decoded in place in it.
 */
struct json	*json_parse_take(char *text, size_t len, size_t *line,
		    const char **errstr);
/* Free `v', a document json_parse() gave, and everything in it.  NULL is
 * fine. */
void		 json_free(struct json *v);
/* Member `key' of object `v', or NULL (also when `v' is not an object). */
const struct json *json_get(const struct json *v, const char *key);
/* "null", "a string", ...: for messages. */
const char	*json_type_name(enum json_type);

/*
 * The writer: pretty-printed with tabs, members in the order written, so
 * that the same record always gives the same bytes.  Inside an object
 * every call names a `key'; inside an array `key' is NULL.  Strings must
 * be valid UTF-8; they are written with only the escapes JSON requires
 * (quote, backslash, control characters).
 */
struct json_writer {
	struct buf	*out;		/* borrowed */
	int		 depth;
	int		 first[JSON_DEPTH_MAX];	/* nothing written yet here */
};

void	json_writer_init(struct json_writer *, struct buf *out);
void	json_object_begin(struct json_writer *, const char *key);
void	json_object_end(struct json_writer *);
void	json_array_begin(struct json_writer *, const char *key);
void	json_array_end(struct json_writer *);
void	json_string(struct json_writer *, const char *key, const char *s);
/* A string, or null when `s' is NULL. */
void	json_string_or_null(struct json_writer *, const char *key,
	    const char *s);
void	json_int(struct json_writer *, const char *key, long long n);
void	json_bool(struct json_writer *, const char *key, int b);
void	json_null(struct json_writer *, const char *key);
/* Append `s' (`len' bytes) to `out' as a quoted JSON string. */
void	json_quote(struct buf *out, const char *s, size_t len);

#endif
