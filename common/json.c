#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "log.h"
#include "util.h"

/* ---- the parser ------------------------------------------------------ */

/*
 * Strings are decoded in place, into the document's own text: a decoded
 * string is never longer than its JSON, so it is written over the bytes
 * already read, and an import holds no copy of each string beside the
 * file it read.
 */
struct parser {
	char		*p;		/* next byte; strings are written
					   behind it */
	const char	*end;
	const char	*errstr;	/* static */
	size_t		 line;		/* of `p', from 1 */
	size_t		 errline;	/* where the mistake is */
	int		 depth;
};

/* A document: its root value first, so that json_free() finds the rest. */
struct doc {
	struct json	 root;
	char		*text;		/* owned: the strings are in it */
};

static int	parse_value(struct parser *, struct json *);

static int
fail(struct parser *ps, const char *why)
{
	if (ps->errstr == NULL) {
		ps->errstr = why;
		ps->errline = ps->line;
	}
	return -1;
}

static void
skip_space(struct parser *ps)
{
	/* Outside strings, the only place a line can end. */
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
	    *ps->p == '\n' || *ps->p == '\r'))
		if (*ps->p++ == '\n')
			ps->line++;
}

static int
literal(struct parser *ps, const char *word)
{
	size_t	 len = strlen(word);

	if ((size_t)(ps->end - ps->p) < len || memcmp(ps->p, word, len) != 0)
		return fail(ps, "unexpected characters: expected a value");
	ps->p += len;
	return 0;
}

static int
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int
parse_number(struct parser *ps, struct json *v)
{
	const char	*start = ps->p;
	char		*copy, *endp;
	int		 integer = 1;

	if (ps->p < ps->end && *ps->p == '-')
		ps->p++;
	if (ps->p >= ps->end || !is_digit(*ps->p))
		return fail(ps, "a number needs digits");
	if (*ps->p == '0') {
		ps->p++;
		if (ps->p < ps->end && is_digit(*ps->p))
			return fail(ps, "a number cannot start with 0");
	} else
		while (ps->p < ps->end && is_digit(*ps->p))
			ps->p++;
	if (ps->p < ps->end && *ps->p == '.') {
		integer = 0;
		ps->p++;
		if (ps->p >= ps->end || !is_digit(*ps->p))
			return fail(ps, "a number needs digits after its point");
		while (ps->p < ps->end && is_digit(*ps->p))
			ps->p++;
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		integer = 0;
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (ps->p >= ps->end || !is_digit(*ps->p))
			return fail(ps, "a number needs digits in its exponent");
		while (ps->p < ps->end && is_digit(*ps->p))
			ps->p++;
	}
	v->type = JSON_NUMBER;
	copy = xstrndup(start, (size_t)(ps->p - start));
	if (integer) {
		errno = 0;
		v->i = strtoll(copy, &endp, 10);
		v->is_int = errno == 0 && *endp == '\0';
	}
	if (v->is_int)
		free(copy);
	else
		v->s = copy;
	return 0;
}

static int
hex4(struct parser *ps, unsigned int *out)
{
	unsigned int	 v = 0;
	int		 i;
	char		 c;

	if (ps->end - ps->p < 4)
		return fail(ps, "\\u needs four hex digits");
	for (i = 0; i < 4; i++) {
		c = *ps->p++;
		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned int)(c - 'A' + 10);
		else
			return fail(ps, "\\u needs four hex digits");
	}
	*out = v;
	return 0;
}

/* Write code point `cp' at `*w' as UTF-8, moving `*w' on. */
static void
add_utf8(char **w, unsigned int cp)
{
	char	*u = *w;

	if (cp < 0x80) {
		*u++ = (char)cp;
	} else if (cp < 0x800) {
		*u++ = (char)(0xc0 | (cp >> 6));
		*u++ = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		*u++ = (char)(0xe0 | (cp >> 12));
		*u++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*u++ = (char)(0x80 | (cp & 0x3f));
	} else {
		*u++ = (char)(0xf0 | (cp >> 18));
		*u++ = (char)(0x80 | ((cp >> 12) & 0x3f));
		*u++ = (char)(0x80 | ((cp >> 6) & 0x3f));
		*u++ = (char)(0x80 | (cp & 0x3f));
	}
	*w = u;
}

/* An escape, `ps->p' after its backslash; decoded at `*w'. */
static int
parse_escape(struct parser *ps, char **w)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	const char	*e;
	unsigned int	 cp, lo;
	char		 c;

	if (ps->p >= ps->end)
		return fail(ps, "unfinished string");
	c = *ps->p++;
	if (c != 'u') {
		if ((e = strchr(from, c)) == NULL || c == '\0') {
			ps->p--;
			return fail(ps, "unknown escape in a string");
		}
		*(*w)++ = to[e - from];
		return 0;
	}
	if (hex4(ps, &cp) == -1)
		return -1;
	if (cp >= 0xdc00 && cp <= 0xdfff)
		return fail(ps, "a lone low surrogate in a string");
	if (cp >= 0xd800 && cp <= 0xdbff) {
		if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u')
			return fail(ps, "a lone high surrogate in a string");
		ps->p += 2;
		if (hex4(ps, &lo) == -1)
			return -1;
		if (lo < 0xdc00 || lo > 0xdfff)
			return fail(ps, "a high surrogate without its low one");
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
	}
	if (cp == 0)
		return fail(ps, "\\u0000 is not allowed in a string");
	add_utf8(w, cp);
	return 0;
}

/*
 * A string; `ps->p' is at the opening quote.  Decoded in place: `*s'
 * points into the text, NUL-terminated over its closing quote or before.
 */
static int
parse_string(struct parser *ps, char **s, size_t *len)
{
	unsigned int	 cp;
	char		*w;
	int		 n;

	w = *s = ++ps->p;
	for (;;) {
		if (ps->p >= ps->end)
			return fail(ps, "unfinished string");
		if (*ps->p == '"') {
			ps->p++;
			break;
		}
		if (*ps->p == '\\') {
			ps->p++;
			if (parse_escape(ps, &w) == -1)
				return -1;
			continue;
		}
		if ((unsigned char)*ps->p < 0x20)
			return fail(ps, "a control character inside a string: "
			    "escape it");
		if ((unsigned char)*ps->p < 0x80) {
			*w++ = *ps->p++;
			continue;
		}
		if ((n = utf8_decode(ps->p, (size_t)(ps->end - ps->p),
		    &cp)) < 0)
			return fail(ps, "a string that is not valid UTF-8");
		memmove(w, ps->p, (size_t)n);
		w += n;
		ps->p += n;
	}
	*w = '\0';
	*len = (size_t)(w - *s);
	return 0;
}

static int
key_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* 1 if two members of object `v' share a name: sorted, O(n log n). */
static int
has_duplicate(const struct json *v)
{
	char	**sorted;
	size_t	 i;
	int	 dup = 0;

	if (v->n < 2)
		return 0;
	sorted = xreallocarray(NULL, v->n, sizeof(*sorted));
	memcpy(sorted, v->keys, v->n * sizeof(*sorted));
	qsort(sorted, v->n, sizeof(*sorted), key_cmp);
	for (i = 1; i < v->n && !dup; i++)
		dup = strcmp(sorted[i - 1], sorted[i]) == 0;
	free(sorted);
	return dup;
}

/* Make room for one more item in `v' (and its key, for objects). */
static struct json *
grow(struct json *v, size_t *cap)
{
	if (v->n == *cap) {
		*cap = *cap == 0 ? 8 : *cap * 2;
		v->items = xreallocarray(v->items, *cap, sizeof(*v->items));
		if (v->type == JSON_OBJECT)
			v->keys = xreallocarray(v->keys, *cap,
			    sizeof(*v->keys));
	}
	memset(&v->items[v->n], 0, sizeof(v->items[v->n]));
	return &v->items[v->n];
}

static int
parse_container(struct parser *ps, struct json *v, int object)
{
	struct json	*item;
	size_t		 cap = 0, klen;

	if (++ps->depth > JSON_DEPTH_MAX)
		return fail(ps, "nested too deep");
	v->type = object ? JSON_OBJECT : JSON_ARRAY;
	ps->p++;
	skip_space(ps);
	if (ps->p < ps->end && *ps->p == (object ? '}' : ']')) {
		ps->p++;
		ps->depth--;
		return 0;
	}
	for (;;) {
		skip_space(ps);
		item = grow(v, &cap);
		if (object) {
			if (ps->p >= ps->end || *ps->p != '"')
				return fail(ps, "expected a member name in "
				    "double quotes");
			if (parse_string(ps, &v->keys[v->n], &klen) == -1)
				return -1;
			skip_space(ps);
			if (ps->p >= ps->end || *ps->p != ':')
				return fail(ps, "expected a colon after a "
				    "member name");
			ps->p++;
			skip_space(ps);
		}
		v->n++;
		if (parse_value(ps, item) == -1)
			return -1;
		skip_space(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == (object ? '}' : ']')) {
			ps->p++;
			break;
		}
		return fail(ps, object ? "expected a comma or } after a member" :
		    "expected a comma or ] after an item");
	}
	ps->depth--;
	/* Give back the spare room: a large document holds many small ones. */
	if (v->n < cap) {
		v->items = xreallocarray(v->items, v->n, sizeof(*v->items));
		if (object)
			v->keys = xreallocarray(v->keys, v->n, sizeof(*v->keys));
	}
	if (object && has_duplicate(v))
		return fail(ps, "an object has two members with one name");
	return 0;
}

static int
parse_value(struct parser *ps, struct json *v)
{
	skip_space(ps);
	if (ps->p >= ps->end)
		return fail(ps, "expected a value, found the end");
	switch (*ps->p) {
	case '{':
		return parse_container(ps, v, 1);
	case '[':
		return parse_container(ps, v, 0);
	case '"':
		v->type = JSON_STRING;
		return parse_string(ps, &v->s, &v->n);
	case 't':
		v->type = JSON_TRUE;
		return literal(ps, "true");
	case 'f':
		v->type = JSON_FALSE;
		return literal(ps, "false");
	case 'n':
		v->type = JSON_NULL;
		return literal(ps, "null");
	default:
		if (*ps->p == '-' || is_digit(*ps->p))
			return parse_number(ps, v);
		return fail(ps, "unexpected characters: expected a value");
	}
}

struct json *
json_parse(const char *text, size_t len, size_t *line, const char **errstr)
{
	char	*copy;

	copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	return json_parse_take(copy, len, line, errstr);
}

struct json *
json_parse_take(char *text, size_t len, size_t *line, const char **errstr)
{
	struct parser	 ps;
	struct doc	*d;

	memset(&ps, 0, sizeof(ps));
	ps.p = text;
	ps.end = text + len;
	ps.line = 1;
	d = xcalloc(1, sizeof(*d));
	d->text = text;
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		fail(&ps, "a byte order mark before the JSON");
	else if (parse_value(&ps, &d->root) == 0) {
		skip_space(&ps);
		if (ps.p != ps.end)
			fail(&ps, "more after the end of the JSON value");
	}
	*line = 0;
	*errstr = ps.errstr;
	if (ps.errstr == NULL)
		return &d->root;
	*line = ps.errline;
	json_free(&d->root);
	return NULL;
}

static void
release(struct json *v)
{
	size_t	 i;

	/* A string's `n' is its length: only containers have items. */
	for (i = 0; v->items != NULL && i < v->n; i++)
		release(&v->items[i]);
	free(v->items);
	free(v->keys);
	/* Strings are in the document's text; other numbers are not. */
	if (v->type == JSON_NUMBER)
		free(v->s);
}

void
json_free(struct json *v)
{
	struct doc	*d = (struct doc *)v;

	if (v == NULL)
		return;
	release(&d->root);
	free(d->text);
	free(d);
}

const struct json *
json_get(const struct json *v, const char *key)
{
	size_t	 i;

	if (v == NULL || v->type != JSON_OBJECT)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0)
			return &v->items[i];
	return NULL;
}

const char *
json_type_name(enum json_type t)
{
	switch (t) {
	case JSON_NULL:
		return "null";
	case JSON_FALSE:
	case JSON_TRUE:
		return "true or false";
	case JSON_NUMBER:
		return "a number";
	case JSON_STRING:
		return "a string";
	case JSON_ARRAY:
		return "a list";
	case JSON_OBJECT:
		return "an object";
	}
	return "?";
}

/* ---- the writer ------------------------------------------------------ */

void
json_quote(struct buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	unsigned int	 cp;
	unsigned char	 c;
	int		 n;

	buf_addc(out, '"');
	while (len > 0) {
		c = (unsigned char)*s;
		if (c >= 0x80) {
			/* Bytes that are not UTF-8 become U+FFFD: valid JSON. */
			if ((n = utf8_decode(s, len, &cp)) < 0) {
				buf_adds(out, "\xef\xbf\xbd");
				s++, len--;
			} else if (utf8_is_hazard(cp)) {
				/*
				 * C1 controls and characters that reorder
				 * text: the same string when read, harmless
				 * when shown.
				 */
				buf_addf(out, "\\u%04x", cp);
				s += n, len -= (size_t)n;
			} else {
				buf_add(out, s, (size_t)n);
				s += n, len -= (size_t)n;
			}
			continue;
		}
		switch (c) {
		case '"':
			buf_adds(out, "\\\"");
			break;
		case '\\':
			buf_adds(out, "\\\\");
			break;
		case '\n':
			buf_adds(out, "\\n");
			break;
		case '\r':
			buf_adds(out, "\\r");
			break;
		case '\t':
			buf_adds(out, "\\t");
			break;
		default:
			if (c < 0x20 || c == 0x7f) {
				buf_adds(out, "\\u00");
				buf_addc(out, hex[c >> 4]);
				buf_addc(out, hex[c & 0xf]);
			} else
				buf_addc(out, (char)c);
		}
		s++, len--;
	}
	buf_addc(out, '"');
}

void
json_writer_init(struct json_writer *w, struct buf *out)
{
	memset(w, 0, sizeof(*w));
	w->out = out;
	w->first[0] = 1;
}

/* Separate from what came before and write the member name. */
static void
member(struct json_writer *w, const char *key)
{
	int	 i;

	if (w->depth > 0) {
		if (!w->first[w->depth])
			buf_addc(w->out, ',');
		buf_addc(w->out, '\n');
		for (i = 0; i < w->depth; i++)
			buf_addc(w->out, '\t');
	}
	w->first[w->depth] = 0;
	if (key != NULL) {
		json_quote(w->out, key, strlen(key));
		buf_adds(w->out, ": ");
	}
}

static void
begin(struct json_writer *w, const char *key, char open)
{
	member(w, key);
	buf_addc(w->out, open);
	if (w->depth + 1 >= JSON_DEPTH_MAX)
		fatalx("json writer: nested too deep");
	w->first[++w->depth] = 1;
}

static void
end(struct json_writer *w, char close)
{
	int	 i;

	if (w->depth == 0)
		fatalx("json writer: end without begin");
	if (!w->first[w->depth--]) {
		buf_addc(w->out, '\n');
		for (i = 0; i < w->depth; i++)
			buf_addc(w->out, '\t');
	}
	buf_addc(w->out, close);
}

void
json_object_begin(struct json_writer *w, const char *key)
{
	begin(w, key, '{');
}

void
json_object_end(struct json_writer *w)
{
	end(w, '}');
}

void
json_array_begin(struct json_writer *w, const char *key)
{
	begin(w, key, '[');
}

void
json_array_end(struct json_writer *w)
{
	end(w, ']');
}

void
json_string(struct json_writer *w, const char *key, const char *s)
{
	member(w, key);
	json_quote(w->out, s, strlen(s));
}

void
json_string_or_null(struct json_writer *w, const char *key, const char *s)
{
	if (s == NULL)
		json_null(w, key);
	else
		json_string(w, key, s);
}

void
json_int(struct json_writer *w, const char *key, long long n)
{
	member(w, key);
	buf_addf(w->out, "%lld", n);
}

void
json_bool(struct json_writer *w, const char *key, int b)
{
	member(w, key);
	buf_adds(w->out, b ? "true" : "false");
}

void
json_null(struct json_writer *w, const char *key)
{
	member(w, key);
	buf_adds(w->out, "null");
}
