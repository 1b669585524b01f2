/*
 * The Gopher front door's words (RFC 1436): page documents rendered as
 * menus, plain text with its dot escaped, error lines, and the parser for
 * what a client sends.  No sockets here; the server connects them.
 */
#ifndef GOPHER_H
#define GOPHER_H

#include <stddef.h>

#include "page.h"
#include "util.h"

#define GOPHER_SELECTOR_MAX	255	/* bytes, RFC 1436 */
#define GOPHER_SEARCH_MAX	8192	/* bytes of search words after a tab:
					   past the longest answer taken, so
					   that a long one can be shown back */
#define GOPHER_REQUEST_MAX	(GOPHER_SELECTOR_MAX + 1 + GOPHER_SEARCH_MAX + 2)
#define GOPHER_WRAP		70	/* columns of text in an info line */

/*
 * Render `p' as a menu (type 1), ending with ".".  `path' is the page's
 * own selector, against which relative links resolve; `host' and `port'
 * are where this server's items point.  Text wraps at GOPHER_WRAP
 * columns on word boundaries; a heading stands alone after a blank line;
 * links become items of their type: 1 for pages, 0 for plain text, 7 for
 * input, h with "URL:" for other protocols.
 */
void	gopher_render_menu(const struct page *p, const char *path,
	    const char *host, const char *port, struct buf *out);
/* A text file (type 0): CRLF line ends, a leading "." doubled, ".". */
void	gopher_render_text(const char *text, size_t len, struct buf *out);
/* A one-item menu of type 3 saying `msg', then ".". */
void	gopher_error(const char *msg, const char *host, const char *port,
	    struct buf *out);

/*
 * Parse a request: selector, optional TAB and search words, CRLF.  `buf'
 * (len bytes, all received) is modified; on success `*selector' and
 * `*search' (NULL when none) point into it.  -1 with a reason in `errstr'
 * for a missing CRLF, an overlong selector or search, NUL, bad UTF-8, a
 * Gopher+ request, or a line that is not one.
 */
int	gopher_request_parse(char *buf, size_t len, char **selector,
	    char **search, const char **errstr);

/*
 * Resolve link `url' against the page at `base' (an absolute path) into
 * `out': an absolute path for links on this server, or the URL as given
 * for other schemes.  1 if it is on this server, 0 if not.
 */
int	gopher_resolve(const char *base, const char *url, struct buf *out);

#endif
