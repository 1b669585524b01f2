/*
 * libFuzzer target: a Gemini request line as the server receives it.
 * Besides not crashing, a request that parses must have a canonical path:
 * it begins with '/', and holds no "//", "/./" or "/../".
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "request.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct request	 req;
	const char	*errstr, *sni = NULL;
	char		*line;

	if (size > GEMINI_REQUEST_MAX)
		return 0;	/* the server never hands over more */
	/* The last byte, when odd, picks a server name to check. */
	if (size > 0 && (data[size - 1] & 1))
		sni = (data[size - 1] & 2) ? "localhost" : "example.org";
	line = malloc(size + 1);
	if (size > 0)
		memcpy(line, data, size);
	if (request_parse(&req, line, size, "localhost", 1965, sni,
	    &errstr) == 0) {
		if (req.path[0] != '/' || strstr(req.path, "//") != NULL ||
		    strstr(req.path, "/./") != NULL ||
		    strstr(req.path, "/../") != NULL ||
		    (strlen(req.path) >= 3 &&
		    strcmp(req.path + strlen(req.path) - 3, "/..") == 0))
			abort();
		if (req.query != NULL && (req.query < line ||
		    req.query + req.querylen > line + size))
			abort();
	} else if (errstr == NULL || (req.status != 53 && req.status != 59))
		abort();
	free(line);
	return 0;
}
