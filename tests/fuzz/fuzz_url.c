/*
 * libFuzzer target: url_parse() and url_path_canon() on any bytes.
 * Parts must lie inside the input; a canonical path must survive being
 * encoded and canonicalised again unchanged.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "url.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
inside(const struct url_span *sp, const char *s, size_t len)
{
	if (sp->p != NULL && (sp->p < s || sp->p + sp->len > s + len))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*s = (const char *)data, *errstr;
	struct url	 u;
	struct buf	 enc;
	char		 canon[2048], again[4096];

	if (size > 4096)
		return 0;
	if (url_parse(s, size, &u, &errstr) == -1) {
		if (errstr == NULL)
			abort();
		return 0;
	}
	inside(&u.scheme, s, size);
	inside(&u.userinfo, s, size);
	inside(&u.host, s, size);
	inside(&u.port, s, size);
	inside(&u.path, s, size);
	inside(&u.query, s, size);
	inside(&u.fragment, s, size);
	if (u.path.p == NULL || u.port_num < -1 || u.port_num > 65535)
		abort();

	if (url_path_canon(u.path.p, u.path.len, canon, sizeof(canon),
	    &errstr) == -1)
		return 0;
	if (canon[0] != '/' || strstr(canon, "//") != NULL)
		abort();
	buf_init(&enc);
	url_path_encode(&enc, canon);
	if (url_path_canon(enc.data, enc.len, again, sizeof(again),
	    &errstr) == -1 || strcmp(canon, again) != 0)
		abort();
	buf_release(&enc);
	return 0;
}
