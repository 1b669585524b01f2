/*
 * Gemini requests, checked in the order the specification gives them
 * weight: first the bytes (CRLF, length, NUL, UTF-8), then the URL's
 * syntax (absolute, no userinfo, no fragment), then whether the URL is
 * ours at all (scheme, host, port: 53, we are not a proxy), last the
 * path.  Every failure is a status and a reason; nothing here exits.
 */
#include <string.h>

#include "request.h"
#include "url.h"
#include "util.h"

int
request_line_check(char *buf, size_t len, const char **errstr)
{
	*errstr = NULL;
	if (len > GEMINI_REQUEST_MAX)
		*errstr = "request too long";
	else if (len < 1 || buf[len - 1] != '\n')
		*errstr = "missing CRLF";
	else if (len < 2 || buf[len - 2] != '\r')
		*errstr = "LF without CR";
	else if (memchr(buf, '\0', len - 2) != NULL)
		*errstr = "NUL in request";
	if (*errstr != NULL)
		return -1;
	buf[len - 2] = '\0';
	return 0;
}

int
request_host_is(const char *name, size_t len, const char *host)
{
	struct url_span	 sp;

	if (len > 1 && name[len - 1] == '.')
		len--;
	sp.p = name;
	sp.len = len;
	return url_span_eq(&sp, host);
}

int
request_parse(struct request *req, char *buf, size_t len, const char *host,
    int port, const char *sni, const char **errstr)
{
	struct url	 u;

	req->path[0] = '\0';
	req->query = NULL;
	req->querylen = 0;
	req->status = 59;

	if (request_line_check(buf, len, errstr) == -1)
		return -1;
	len -= 2;
	if (len == 0) {
		*errstr = "empty request";
		return -1;
	}
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
		*errstr = "byte order mark in request";
		return -1;
	}
	if (!utf8_is_valid(buf, len)) {
		*errstr = "request is not UTF-8";
		return -1;
	}
	if (url_parse(buf, len, &u, errstr) == -1)
		return -1;
	if (u.scheme.p == NULL) {
		*errstr = "not an absolute URL";
		return -1;
	}
	if (u.userinfo.p != NULL) {
		*errstr = "userinfo in URL";
		return -1;
	}
	if (u.fragment.p != NULL) {
		*errstr = "fragment in URL";
		return -1;
	}

	/* Section 2: a URL that is not ours is refused, never proxied. */
	req->status = 53;
	if (!url_span_eq(&u.scheme, "gemini")) {
		*errstr = "proxy request refused: scheme not served";
		return -1;
	}
	if (u.host.p == NULL || u.host.len == 0) {
		req->status = 59;
		*errstr = "no host in URL";
		return -1;
	}
	if (!request_host_is(u.host.p, u.host.len, host)) {
		*errstr = "proxy request refused: host not served";
		return -1;
	}
	if ((u.port_num == -1 ? GEMINI_PORT : u.port_num) != port) {
		*errstr = "proxy request refused: port not served";
		return -1;
	}
	if (sni != NULL && !request_host_is(sni, strlen(sni), host)) {
		*errstr = "proxy request refused: TLS server name is not the host";
		return -1;
	}

	req->status = 59;
	if (url_path_canon(u.path.p, u.path.len, req->path, sizeof(req->path),
	    errstr) == -1) {
		req->path[0] = '\0';
		return -1;
	}
	if (u.query.p != NULL) {
		req->query = u.query.p;
		req->querylen = u.query.len;
	}
	req->status = 0;
	return 0;
}
