/*
 * libFuzzer target: json_parse() on any bytes, as import reads files
 * from outside.  A failure names a reason; a success holds only valid
 * UTF-8 strings without NUL, and every string written back by the writer
 * parses to the same bytes.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_string(const char *s, size_t len)
{
	struct buf	 b;
	struct json	*v;
	const char	*errstr;
	size_t		 line;

	if (strlen(s) != len || !utf8_is_valid(s, len))
		abort();
	buf_init(&b);
	json_quote(&b, s, len);
	v = json_parse(b.data, b.len, &line, &errstr);
	if (v == NULL || v->type != JSON_STRING || v->n != len ||
	    memcmp(v->s, s, len) != 0)
		abort();
	json_free(v);
	buf_release(&b);
}

static void
walk(const struct json *v, int depth)
{
	size_t	 i;

	if (depth > JSON_DEPTH_MAX)
		abort();
	if (v->type == JSON_STRING) {
		check_string(v->s, v->n);
		return;
	}
	for (i = 0; i < v->n; i++) {
		if (v->type == JSON_OBJECT)
			check_string(v->keys[i], strlen(v->keys[i]));
		walk(&v->items[i], depth + 1);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json	*v;
	const char	*errstr;
	size_t		 line;

	if (size > 65536)
		return 0;
	v = json_parse((const char *)data, size, &line, &errstr);
	if (v == NULL) {
		if (errstr == NULL || line < 1)
			abort();
		return 0;
	}
	if (errstr != NULL)
		abort();
	walk(v, 0);
	json_free(v);
	return 0;
}
