/*
 * A Gemini request: one absolute URL and CRLF, at most GEMINI_URL_MAX
 * bytes before the CRLF, UTF-8 without a byte-order mark (Gemini
 * specification, section 2 "Gemini requests").
 */
#ifndef REQUEST_H
#define REQUEST_H

#include <stddef.h>

#define GEMINI_URL_MAX		1024
#define GEMINI_REQUEST_MAX	(GEMINI_URL_MAX + 2)	/* with CRLF */
#define GEMINI_PORT		1965

struct request {
	char		 path[GEMINI_URL_MAX + 2];	/* canonical, decoded */
	const char	*query;		/* raw, into the line; NULL if absent */
	size_t		 querylen;
	int		 status;	/* 59 or 53 when request_parse fails */
};

/*
 * Check the `len' bytes received at `buf' (at most GEMINI_REQUEST_MAX,
 * ending at the first LF) as a request line: CRLF last, no NUL, not too
 * long.  On success, the CR becomes NUL.  0, or -1 and a static reason.
 */
int	request_line_check(char *buf, size_t len, const char **errstr);

/*
 * Parse the request line `buf' of `len' bytes (as received, CRLF
 * included) for a server of host name `host' (lower case, no trailing
 * dot) on `port'.  `sni' is the name the client sent in TLS, or NULL.
 * Fills `req'; req->query points into `buf'.  0, or -1 with req->status
 * set to 59 (malformed) or 53 (another scheme, host or port) and a static
 * reason, fit for the reply's meta, in `errstr'.  Never logs.
 */
int	request_parse(struct request *req, char *buf, size_t len,
	    const char *host, int port, const char *sni, const char **errstr);

/* 1 if `name' (`len' bytes) is `host', ignoring case and a final dot. */
int	request_host_is(const char *name, size_t len, const char *host);

#endif
