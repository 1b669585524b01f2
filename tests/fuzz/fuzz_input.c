/*
 * libFuzzer target: the decoder for participants' input (the query).
 * What it accepts must be UTF-8, without NUL, within the bound.  Then the
 * way the CLI and the CSV show people's words (buf_add_safe()): whatever
 * the bytes, the result is valid UTF-8 with no control character or
 * bidirectional override left in it.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "url.h"
#include "util.h"

#define INPUT_MAX	1000

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
safe(const uint8_t *data, size_t size, int keep_lines)
{
	struct buf	 b;
	unsigned int	 cp;
	size_t		 i;
	int		 n;

	buf_init(&b);
	buf_add_safe(&b, (const char *)data, size, keep_lines);
	if (b.len > 0 && !utf8_is_valid(b.data, b.len))
		abort();
	for (i = 0; i < b.len; i += (size_t)n) {
		if ((n = utf8_decode(b.data + i, b.len - i, &cp)) < 0)
			abort();
		if (utf8_is_hazard(cp) && !(keep_lines && (cp == '\n' ||
		    cp == '\r' || cp == '\t')))
			abort();
	}
	buf_release(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		 out[INPUT_MAX + 1];
	const char	*errstr;
	size_t		 len;

	safe(data, size, 0);
	safe(data, size, 1);
	if (url_input_decode((const char *)data, size, out, INPUT_MAX, &len,
	    &errstr) == -1) {
		if (errstr == NULL)
			abort();
		return 0;
	}
	if (len > INPUT_MAX || strlen(out) != len ||
	    !utf8_is_valid(out, len))
		abort();
	return 0;
}
