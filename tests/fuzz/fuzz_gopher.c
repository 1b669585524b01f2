/*
 * libFuzzer target: gopher_request_parse() on any bytes, then the parts
 * it accepts rendered back: the selector must lie inside the input and
 * be valid UTF-8 without NUL; a menu of it must end with ".".
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gopher.h"
#include "page.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct page	 p;
	struct buf	 out;
	const char	*errstr;
	char		*buf, *sel, *search;

	if (size > GOPHER_REQUEST_MAX + 64)
		return 0;
	buf = xmalloc(size + 1);
	memcpy(buf, data, size);
	if (gopher_request_parse(buf, size, &sel, &search, &errstr) == -1) {
		if (errstr == NULL)
			abort();
		free(buf);
		return 0;
	}
	if (sel < buf || sel > buf + size || strlen(sel) > GOPHER_SELECTOR_MAX ||
	    !utf8_is_valid(sel, strlen(sel)))
		abort();
	if (search != NULL && strlen(search) > GOPHER_SEARCH_MAX)
		abort();
	page_init(&p, "en-GB");
	page_link(&p, sel, "%s", search != NULL ? search : sel);
	page_text(&p, "%s", sel);
	buf_init(&out);
	gopher_render_menu(&p, sel[0] == '/' ? sel : "/", "h", "70", &out);
	if (out.len < 3 || strcmp(out.data + out.len - 3, ".\r\n") != 0)
		abort();
	buf_release(&out);
	page_release(&p);
	free(buf);
	return 0;
}
