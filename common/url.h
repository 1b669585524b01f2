/*
 * URLs as RFC 3986 reads them, for every front door (Gemini now, Gopher
 * later): split a URL into its parts, percent-decode, canonicalise a path,
 * decode a participant's query, and encode a path back for a link or a
 * redirect.  Nothing here knows a scheme's rules: callers decide what an
 * absent host or a userinfo means for their protocol.
 *
 * No function allocates; parts point into the caller's string, decoded
 * text goes into the caller's buffer.  Every function takes lengths, so
 * NUL bytes in the input are seen and refused, never silently cut.
 */
#ifndef URL_H
#define URL_H

#include <stddef.h>

#include "util.h"

/* A part of a URL: `p' points into the parsed string, NULL when absent. */
struct url_span {
	const char	*p;
	size_t		 len;
};

struct url {
	struct url_span	 scheme;	/* NULL for a relative reference */
	struct url_span	 userinfo;	/* before '@' in the authority */
	struct url_span	 host;		/* NULL without an authority;
					   an IP literal without brackets */
	struct url_span	 port;		/* digits, NULL when absent or empty */
	struct url_span	 path;		/* never NULL, may be empty */
	struct url_span	 query;		/* after '?', NULL when absent */
	struct url_span	 fragment;	/* after '#', NULL when absent */
	int		 port_num;	/* -1 when absent */
	int		 host_is_literal; /* host was "[...]" */
};

/*
 * Split the `len' bytes at `s' into `u' (RFC 3986, section 3).  Every
 * byte is checked against the grammar of its part: ASCII controls, space,
 * NUL and the characters RFC 3986 excludes ("<>\"\\^`{|}") are refused,
 * as is a '%' not followed by two hex digits and a port above 65535.
 * Bytes from 0x80 up are accepted where RFC 3987 allows them (IRIs); the
 * caller checks that they are UTF-8.  Borrows `s', which must outlive `u'.
 * 0, or -1 and a static reason in `errstr'.
 */
int	url_parse(const char *s, size_t len, struct url *u,
	    const char **errstr);

/* 1 if span `sp' is present and equals `s' ignoring ASCII case, else 0. */
int	url_span_eq(const struct url_span *sp, const char *s);

/*
 * Percent-decode `len' bytes at `s' into `out' (at most `outsz' bytes,
 * NUL-terminated, so outsz >= 1), storing the decoded length in `outlen'.
 * A decoded NUL is refused: decoded text is handled as C strings.  '+' is
 * left alone: it means a space only in HTML forms.  0, or -1 and a
 * static reason (a malformed escape, a NUL, too long).
 */
int	url_decode(const char *s, size_t len, char *out, size_t outsz,
	    size_t *outlen, const char **errstr);

/*
 * Canonicalise the raw (still percent-encoded) path of `len' bytes at
 * `s' into `out' (outsz bytes, NUL-terminated): decode each segment,
 * resolve "." and ".." (RFC 3986, section 5.2.4), fold empty segments,
 * and begin with "/" (an empty path becomes "/").  A trailing "/" is
 * kept, and a path ending in "." or ".." gets one.  Refused, with a
 * static reason: a ".." that would climb above the root, an encoded "/"
 * or NUL, a malformed escape, a segment that is not UTF-8, and output
 * longer than outsz - 1.  The result holds no "." or ".." segment, no
 * "//" and no NUL, so it can be walked one segment at a time under a
 * directory without ever leaving it.  0 or -1.
 */
int	url_path_canon(const char *s, size_t len, char *out, size_t outsz,
	    const char **errstr);

/*
 * Decode a query (the text after '?', without it) typed by a person: the
 * percent-decoded bytes must be UTF-8 without NUL and at most `max' bytes;
 * `out' needs max + 1 bytes.  The decoded length goes to `outlen'.
 * 0, or -1 and a static reason.
 */
int	url_input_decode(const char *s, size_t len, char *out, size_t max,
	    size_t *outlen, const char **errstr);

/*
 * Decode the value of `field' from an HTML form body of `len' bytes at
 * `s' (application/x-www-form-urlencoded: name=value pairs joined by
 * '&', '+' for a space, percent-escapes) into `out' (max + 1 bytes):
 * UTF-8 without NUL or control bytes as sent, at most `max' bytes, the
 * field given once.  Other fields are ignored.  0, or -1 and a static
 * reason ("input too long" when it is).
 */
int	url_form_decode(const char *s, size_t len, const char *field,
	    char *out, size_t max, size_t *outlen, const char **errstr);

/*
 * Parse an HTTP request target (RFC 9112, section 3.2) of `len' bytes at
 * `s': origin form ("/path?query") or absolute form ("http://host/path"),
 * into `u', and its path, canonical as url_path_canon() makes it, into
 * `path' (pathsz bytes).  Refused: authority and asterisk forms, other
 * schemes, userinfo, fragments, and every path url_path_canon() refuses.
 * The caller checks an absolute form's host and port.  0, or -1 and a
 * static reason.
 */
int	url_target_parse(const char *s, size_t len, struct url *u, char *path,
	    size_t pathsz, const char **errstr);

/*
 * Append decoded path `path' to `out', percent-encoding every byte that
 * may not stand as itself in a path (RFC 3986 pchar and "/"), so the
 * result can go into a link or a redirect.
 */
void	url_path_encode(struct buf *out, const char *path);

#endif
