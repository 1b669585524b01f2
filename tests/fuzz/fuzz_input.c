/*
 * libFuzzer target: the decoder for participants' input (the query).
 * What it accepts must be UTF-8, without NUL, within the bound.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "url.h"
#include "util.h"

#define INPUT_MAX	1000

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		 out[INPUT_MAX + 1];
	const char	*errstr;
	size_t		 len;

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
