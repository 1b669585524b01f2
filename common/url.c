/*
 * URL parsing and path canonicalisation, RFC 3986.  Every part is checked
 * against its grammar rather than cut at the first delimiter and trusted:
 * a server that is lenient here ends up serving what it should refuse.
 */
#include <string.h>

#include "url.h"
#include "util.h"

/* Character classes of RFC 3986, section 2 and appendix A. */
#define C_UNRESERVED	0x01	/* ALPHA DIGIT - . _ ~ */
#define C_SUBDELIM	0x02	/* ! $ & ' ( ) * + , ; = */
#define C_SCHEME	0x04	/* ALPHA DIGIT + - . */
#define C_HEX		0x08

static unsigned char	 cclass[256];
static int		 cclass_ready;

static void
cclass_init(void)
{
	const char	*p;
	int		 c;

	for (c = 0; c < 256; c++) {
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9'))
			cclass[c] |= C_UNRESERVED | C_SCHEME;
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
		    (c >= 'A' && c <= 'F'))
			cclass[c] |= C_HEX;
	}
	for (p = "-._~"; *p != '\0'; p++)
		cclass[(unsigned char)*p] |= C_UNRESERVED;
	for (p = "!$&'()*+,;="; *p != '\0'; p++)
		cclass[(unsigned char)*p] |= C_SUBDELIM;
	for (p = "+-."; *p != '\0'; p++)
		cclass[(unsigned char)*p] |= C_SCHEME;
	cclass_ready = 1;
}

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return c - 'A' + 10;
}

/* The byte the percent-escape at u[i] (before `end') stands for, or -1. */
static int
unescape(const unsigned char *u, size_t i, size_t end)
{
	if (end - i < 3 || !(cclass[u[i + 1]] & C_HEX) ||
	    !(cclass[u[i + 2]] & C_HEX))
		return -1;
	return hexval(u[i + 1]) << 4 | hexval(u[i + 2]);
}

/*
 * Check `len' bytes at `s' against a part's grammar: unreserved,
 * sub-delims, percent-escapes, the bytes of IRIs (0x80 and up), plus the
 * ASCII characters listed in `extra'.
 */
static int
span_check(const char *s, size_t len, const char *extra, const char **errstr)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i;

	for (i = 0; i < len; i++) {
		if (cclass[u[i]] & (C_UNRESERVED | C_SUBDELIM) || u[i] >= 0x80)
			continue;
		if (u[i] == '%') {
			if (len - i < 3 || !(cclass[u[i + 1]] & C_HEX) ||
			    !(cclass[u[i + 2]] & C_HEX)) {
				*errstr = "malformed percent-escape";
				return -1;
			}
			i += 2;
			continue;
		}
		if (u[i] != '\0' && strchr(extra, u[i]) != NULL)
			continue;
		*errstr = u[i] == '\0' ? "NUL in URL" :
		    u[i] < 0x20 || u[i] == 0x7f ? "control character in URL" :
		    u[i] == ' ' ? "space in URL" : "character not allowed in URL";
		return -1;
	}
	return 0;
}

static void
span_set(struct url_span *sp, const char *p, size_t len)
{
	sp->p = p;
	sp->len = len;
}

/* Split the authority (between "//" and the path) into its parts. */
static int
authority_parse(const char *s, size_t len, struct url *u, const char **errstr)
{
	const char	*at, *colon, *close;
	size_t		 i, hlen;
	long		 port;

	if ((at = memchr(s, '@', len)) != NULL) {
		span_set(&u->userinfo, s, (size_t)(at - s));
		if (span_check(s, (size_t)(at - s), ":", errstr) == -1)
			return -1;
		len -= (size_t)(at - s) + 1;
		s = at + 1;
		if (memchr(s, '@', len) != NULL) {
			*errstr = "two '@' in authority";
			return -1;
		}
	}
	if (len > 0 && s[0] == '[') {
		if ((close = memchr(s, ']', len)) == NULL) {
			*errstr = "unclosed IP literal";
			return -1;
		}
		hlen = (size_t)(close - s) - 1;
		if (hlen == 0 || memchr(s + 1, ':', hlen) == NULL) {
			*errstr = "malformed IP literal";
			return -1;
		}
		for (i = 1; i <= hlen; i++)
			if (!(cclass[(unsigned char)s[i]] & C_HEX) &&
			    s[i] != ':' && s[i] != '.') {
				*errstr = "malformed IP literal";
				return -1;
			}
		span_set(&u->host, s + 1, hlen);
		u->host_is_literal = 1;
		colon = close + 1;
		if (colon < s + len && *colon != ':') {
			*errstr = "junk after IP literal";
			return -1;
		}
	} else {
		if ((colon = memchr(s, ':', len)) == NULL)
			colon = s + len;
		span_set(&u->host, s, (size_t)(colon - s));
		if (span_check(s, (size_t)(colon - s), "", errstr) == -1)
			return -1;
	}
	if (colon >= s + len || colon + 1 == s + len)
		return 0;		/* no port, or "host:" (RFC 3986, 3.2.3) */
	span_set(&u->port, colon + 1, (size_t)(s + len - colon - 1));
	port = 0;
	for (i = 0; i < u->port.len; i++) {
		if (u->port.p[i] < '0' || u->port.p[i] > '9') {
			*errstr = "malformed port";
			return -1;
		}
		port = port * 10 + (u->port.p[i] - '0');
		if (port > 65535) {
			*errstr = "port out of range";
			return -1;
		}
	}
	u->port_num = (int)port;
	return 0;
}

int
url_parse(const char *s, size_t len, struct url *u, const char **errstr)
{
	const char	*p = s, *end = s + len, *q;
	size_t		 i;

	if (!cclass_ready)
		cclass_init();
	*errstr = NULL;
	memset(u, 0, sizeof(*u));
	u->port_num = -1;

	/* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
	for (i = 0; i < len && cclass[(unsigned char)s[i]] & C_SCHEME; i++)
		;
	if (i > 0 && i < len && s[i] == ':' &&
	    ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) {
		span_set(&u->scheme, s, i);
		p = s + i + 1;
	}

	if (end - p >= 2 && p[0] == '/' && p[1] == '/') {
		p += 2;
		for (q = p; q < end && *q != '/' && *q != '?' && *q != '#'; q++)
			;
		if (authority_parse(p, (size_t)(q - p), u, errstr) == -1)
			return -1;
		p = q;
	}

	for (q = p; q < end && *q != '?' && *q != '#'; q++)
		;
	span_set(&u->path, p, (size_t)(q - p));
	if (span_check(p, (size_t)(q - p), ":@/", errstr) == -1)
		return -1;
	p = q;

	if (p < end && *p == '?') {
		for (q = ++p; q < end && *q != '#'; q++)
			;
		span_set(&u->query, p, (size_t)(q - p));
		if (span_check(p, (size_t)(q - p), ":@/?", errstr) == -1)
			return -1;
		p = q;
	}
	if (p < end && *p == '#') {
		p++;
		span_set(&u->fragment, p, (size_t)(end - p));
		if (span_check(p, (size_t)(end - p), ":@/?", errstr) == -1)
			return -1;
	}
	return 0;
}

int
url_span_eq(const struct url_span *sp, const char *s)
{
	size_t	 i;
	int	 a, b;

	if (sp->p == NULL || strlen(s) != sp->len)
		return 0;
	for (i = 0; i < sp->len; i++) {
		a = (unsigned char)sp->p[i];
		b = (unsigned char)s[i];
		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (b >= 'A' && b <= 'Z')
			b += 'a' - 'A';
		if (a != b)
			return 0;
	}
	return 1;
}

static const char	 too_long[] = "decoded text too long";

int
url_decode(const char *s, size_t len, char *out, size_t outsz,
    size_t *outlen, const char **errstr)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, o = 0;
	int			 c;

	if (!cclass_ready)
		cclass_init();
	*errstr = NULL;
	*outlen = 0;
	if (outsz == 0) {
		*errstr = too_long;
		return -1;
	}
	for (i = 0; i < len; i++) {
		c = u[i];
		if (c == '%') {
			if ((c = unescape(u, i, len)) == -1) {
				*errstr = "malformed percent-escape";
				break;
			}
			i += 2;
		}
		if (c == '\0') {
			*errstr = "NUL in decoded text";
			break;
		}
		if (o + 1 >= outsz) {
			*errstr = too_long;
			break;
		}
		out[o++] = (char)c;
	}
	out[o] = '\0';
	if (*errstr != NULL)
		return -1;
	*outlen = o;
	return 0;
}

int
url_path_canon(const char *s, size_t len, char *out, size_t outsz,
    const char **errstr)
{
	const char	*seg, *next, *end = s + len;
	size_t		 o, dlen;

	*errstr = NULL;
	if (outsz < 2) {
		*errstr = "path too long";
		return -1;
	}
	out[0] = '/';
	o = 1;
	/* Invariant: out[0..o) is "/" or "/seg/.../seg/" or, last, no '/'. */
	for (seg = s;; seg = next + 1) {
		if ((next = memchr(seg, '/', (size_t)(end - seg))) == NULL)
			next = end;
		if (url_decode(seg, (size_t)(next - seg), out + o, outsz - o,
		    &dlen, errstr) == -1) {
			if (*errstr == too_long)
				*errstr = "path too long";
			return -1;
		}
		if (memchr(out + o, '/', dlen) != NULL) {
			*errstr = "encoded slash in path";
			return -1;
		}
		if (dlen == 0 || (dlen == 1 && out[o] == '.')) {
			/* an empty or "." segment: nothing to keep */
		} else if (dlen == 2 && out[o] == '.' && out[o + 1] == '.') {
			if (o == 1) {
				*errstr = "path climbs above the root";
				return -1;
			}
			for (o--; o > 0 && out[o - 1] != '/'; o--)
				;
		} else {
			if (!utf8_is_valid(out + o, dlen)) {
				*errstr = "path is not UTF-8";
				return -1;
			}
			o += dlen;
			if (next != end) {
				if (o + 2 > outsz) {
					*errstr = "path too long";
					return -1;
				}
				out[o++] = '/';
			}
		}
		out[o] = '\0';
		if (next == end)
			return 0;
	}
}

int
url_input_decode(const char *s, size_t len, char *out, size_t max,
    size_t *outlen, const char **errstr)
{
	if (url_decode(s, len, out, max + 1, outlen, errstr) == -1) {
		if (*errstr == too_long)
			*errstr = "input too long";
		return -1;
	}
	if (!utf8_is_valid(out, *outlen)) {
		*errstr = "input is not UTF-8";
		*outlen = 0;
		out[0] = '\0';
		return -1;
	}
	return 0;
}

void
url_path_encode(struct buf *out, const char *path)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*u = (const unsigned char *)path;
	char			 esc[3];

	if (!cclass_ready)
		cclass_init();
	for (; *u != '\0'; u++) {
		if (cclass[*u] & (C_UNRESERVED | C_SUBDELIM) ||
		    *u == ':' || *u == '@' || *u == '/') {
			buf_addc(out, (char)*u);
			continue;
		}
		esc[0] = '%';
		esc[1] = hex[*u >> 4];
		esc[2] = hex[*u & 0xf];
		buf_add(out, esc, 3);
	}
}

int
url_form_decode(const char *s, size_t len, const char *field, char *out,
    size_t max, size_t *outlen, const char **errstr)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, end, eq, o, flen = strlen(field);
	int			 c, found = 0;

	if (!cclass_ready)
		cclass_init();
	*errstr = NULL;
	*outlen = 0;
	out[0] = '\0';
	while (i <= len && *errstr == NULL) {
		for (end = i; end < len && u[end] != '&'; end++)
			;
		for (eq = i; eq < end && u[eq] != '='; eq++)
			;
		if (eq - i != flen || memcmp(s + i, field, flen) != 0) {
			i = end + 1;
			continue;
		}
		if (found++) {
			*errstr = "the form gives its words twice";
			break;
		}
		for (o = 0, i = eq < end ? eq + 1 : end; i < end; i++) {
			c = u[i];
			if (c == '+')
				c = ' ';
			else if (c == '%') {
				if ((c = unescape(u, i, end)) == -1) {
					*errstr = "malformed percent-escape";
					break;
				}
				i += 2;
				if (c == '\0') {
					*errstr = "NUL in decoded text";
					break;
				}
			} else if (c < 0x20 || c == 0x7f) {
				*errstr = "control character in the form";
				break;
			}
			if (o >= max) {
				*errstr = "input too long";
				break;
			}
			out[o++] = (char)c;
		}
		out[o] = '\0';
		*outlen = o;
		i = end + 1;
	}
	if (*errstr == NULL && !found)
		*errstr = "no words in the form";
	if (*errstr == NULL && !utf8_is_valid(out, *outlen))
		*errstr = "input is not UTF-8";
	if (*errstr != NULL) {
		*outlen = 0;
		out[0] = '\0';
		return -1;
	}
	return 0;
}

int
url_target_parse(const char *s, size_t len, struct url *u, char *path,
    size_t pathsz, const char **errstr)
{
	*errstr = NULL;
	path[0] = '\0';
	if (len == 0 || memchr(s, '\0', len) != NULL)
		*errstr = "empty request target";
	else if (url_parse(s, len, u, errstr) == -1)
		return -1;
	else if (u->scheme.p == NULL && (u->path.len == 0 ||
	    u->path.p[0] != '/' || u->host.p != NULL))
		*errstr = "the request target is not a path";
	else if (u->scheme.p != NULL && !url_span_eq(&u->scheme, "http") &&
	    !url_span_eq(&u->scheme, "https"))
		*errstr = "the request target is not an http address";
	else if (u->scheme.p != NULL && (u->host.p == NULL || u->host.len == 0))
		*errstr = "no host in the request target";
	else if (u->userinfo.p != NULL)
		*errstr = "userinfo in the request target";
	else if (u->fragment.p != NULL)
		*errstr = "fragment in the request target";
	if (*errstr != NULL)
		return -1;
	if (url_path_canon(u->path.p, u->path.len, path, pathsz, errstr) ==
	    -1) {
		path[0] = '\0';
		return -1;
	}
	return 0;
}
