#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "util.h"

void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n == 0 ? 1 : n)) == NULL)
		fatal("malloc");
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void	*p;

	if ((p = calloc(nmemb == 0 ? 1 : nmemb, size == 0 ? 1 : size)) == NULL)
		fatal("calloc");
	return p;
}

void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	void	*p;

	if (size != 0 && nmemb > SIZE_MAX / size)
		fatalx("xreallocarray: overflow");
	if ((p = realloc(ptr, nmemb * size == 0 ? 1 : nmemb * size)) == NULL)
		fatal("realloc");
	return p;
}

char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		fatal("strdup");
	return p;
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	if ((p = strndup(s, n)) == NULL)
		fatal("strndup");
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	struct buf	 b;
	va_list		 ap;

	buf_init(&b);
	va_start(ap, fmt);
	buf_vaddf(&b, fmt, ap);
	va_end(ap);
	return buf_take(&b);
}

void
buf_init(struct buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void
buf_release(struct buf *b)
{
	free(b->data);
	buf_init(b);
}

void
buf_reset(struct buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

static void
grow(struct buf *b, size_t more)
{
	size_t	 want;

	if (more > SIZE_MAX - b->len - 1)
		fatalx("buf: overflow");
	want = b->len + more + 1;
	if (want <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 256;
	while (b->cap < want)
		b->cap = b->cap > SIZE_MAX / 2 ? want : b->cap * 2;
	b->data = xreallocarray(b->data, b->cap, 1);
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	grow(b, n);
	if (n > 0)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	 ap2;
	int	 n;

	va_copy(ap2, ap);
	grow(b, 64);
	n = vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap);
	if (n < 0)
		fatalx("buf_vaddf: bad format");
	if ((size_t)n >= b->cap - b->len) {
		grow(b, (size_t)n);
		vsnprintf(b->data + b->len, b->cap - b->len, fmt, ap2);
	}
	va_end(ap2);
	b->len += (size_t)n;
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

char *
buf_take(struct buf *b)
{
	char	*p;

	if (b->data == NULL)
		return xstrdup("");
	p = b->data;
	buf_init(b);
	return p;
}

int
buf_read_fd(struct buf *b, int fd, size_t max)
{
	struct stat	 sb;
	size_t		 start = b->len;
	ssize_t		 n = 0;
	int		 saved;

	/* A file's size is known: room for all of it, and one read. */
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
		if ((uintmax_t)sb.st_size > max)
			n = -1, errno = EFBIG;
		else if (b->cap < b->len + (size_t)sb.st_size + 2) {
			b->cap = b->len + (size_t)sb.st_size + 2;
			b->data = xreallocarray(b->data, b->cap, 1);
		}
	}
	while (n != -1) {
		if (b->cap - b->len < 2)
			grow(b, 8192);
		n = read(fd, b->data + b->len, b->cap - b->len - 1);
		if (n == 0)
			break;
		if (n == -1 && errno == EINTR)
			n = 0;
		else if (n > 0 && (b->len += (size_t)n) - start > max)
			n = -1, errno = EFBIG;
	}
	if (b->data != NULL)
		b->data[b->len] = '\0';
	saved = errno;
	close(fd);
	errno = saved;
	return n == -1 ? -1 : 0;
}

/*
 * The lower-case letter of Latin `cp', a straight quote for a curly one,
 * or `cp'.
 */
static unsigned int
fold_cp(unsigned int cp)
{
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xc0 && cp <= 0xde &&
	    cp != 0xd7))
		return cp + 0x20;
	if (cp == 0x178)
		return 0xff;			/* Ÿ */
	/* Pairs, upper case first: even, or odd between 0x139 and 0x148. */
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e))
		return cp % 2 == 1 ? cp + 1 : cp;
	if (cp == 0x1e9e)
		return 0xdf;			/* ẞ */
	/* Curly quotes read as straight ones: "byw'n" finds "byw’n". */
	if (cp == 0x2018 || cp == 0x2019)
		return '\'';
	if (cp == 0x201c || cp == 0x201d)
		return '"';
	/* Not pairs: 0x1e96 to 0x1e9f are lower-case letters of their own. */
	if ((cp >= 0x100 && cp <= 0x137 && cp != 0x130) ||
	    (cp >= 0x14a && cp <= 0x177) || (cp >= 0x1e00 && cp <= 0x1e95) ||
	    (cp >= 0x1ea0 && cp <= 0x1eff))
		return cp % 2 == 0 ? cp + 1 : cp;
	return cp;
}

void
buf_add_folded(struct buf *b, const char *s, size_t len)
{
	unsigned int	 cp, low;
	char		 out[3];
	int		 n;

	for (; len > 0; s += n, len -= (size_t)n) {
		if ((n = utf8_decode(s, len, &cp)) < 0) {
			n = 1;			/* not UTF-8: as it is */
			buf_add(b, s, 1);
			continue;
		}
		if ((low = fold_cp(cp)) == cp)
			buf_add(b, s, (size_t)n);
		else if (low < 0x80)
			buf_addc(b, (char)low);
		else if (low < 0x800) {
			out[0] = (char)(0xc0 | low >> 6);
			out[1] = (char)(0x80 | (low & 0x3f));
			buf_add(b, out, 2);
		} else {
			out[0] = (char)(0xe0 | low >> 12);
			out[1] = (char)(0x80 | ((low >> 6) & 0x3f));
			out[2] = (char)(0x80 | (low & 0x3f));
			buf_add(b, out, 3);
		}
	}
}

size_t
utf8_chars(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		n += ((unsigned char)s[i] & 0xC0) != 0x80;
	return n;
}

int
utf8_decode(const char *s, size_t len, unsigned int *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	unsigned int		 c, min;
	int			 n, i;

	if (len == 0)
		return -1;
	c = u[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		n = 2, c &= 0x1f, min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3, c &= 0x0f, min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4, c &= 0x07, min = 0x10000;
	} else
		return -1;
	if (len < (size_t)n)
		return -1;
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (u[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return -1;
	*cp = c;
	return n;
}

int
utf8_is_hazard(unsigned int cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp == 0x61c ||
	    cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

void
buf_add_safe(struct buf *b, const char *s, size_t len, int keep_lines)
{
	unsigned int	 cp;
	int		 n;

	while (len > 0) {
		if ((n = utf8_decode(s, len, &cp)) < 0) {
			buf_addf(b, "<0x%02X>", (unsigned char)*s);
			s++, len--;
			continue;
		}
		if (!utf8_is_hazard(cp) || (keep_lines && (cp == '\n' ||
		    cp == '\r' || cp == '\t')))
			buf_add(b, s, (size_t)n);
		else if (cp < 0x20)
			buf_addf(b, "^%c", (char)(cp + 0x40));
		else if (cp == 0x7f)
			buf_adds(b, "^?");
		else
			buf_addf(b, "<U+%04X>", cp);
		s += n, len -= (size_t)n;
	}
}

int
utf8_is_valid(const char *s, size_t len)
{
	unsigned int	 cp;
	int		 n;

	while (len > 0) {
		if ((unsigned char)*s < 0x80) {
			s++, len--;
			continue;
		}
		if ((n = utf8_decode(s, len, &cp)) < 0)
			return 0;
		s += n, len -= (size_t)n;
	}
	return 1;
}

size_t
utf8_count(const char *s, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			n++;
	return n;
}

void
buf_add_grouped(struct buf *b, long long n)
{
	char			 digits[32];
	unsigned long long	 u;
	int			 len, i;

	if (n < 0) {
		buf_addc(b, '-');
		u = (unsigned long long)(-(n + 1)) + 1;
	} else
		u = (unsigned long long)n;
	len = snprintf(digits, sizeof(digits), "%llu", u);
	for (i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf_addc(b, ',');
		buf_addc(b, digits[i]);
	}
}

char *
str_trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r' ||
	    e[-1] == '\n'))
		*--e = '\0';
	return s;
}

int
str_in_list(const char *const *list, const char *s)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, s) == 0)
			return 1;
	return 0;
}

char *
str_join(const char *const *list, const char *sep)
{
	struct buf	 b;
	size_t		 i;

	buf_init(&b);
	for (i = 0; list[i] != NULL; i++)
		buf_addf(&b, "%s%s", i > 0 ? sep : "", list[i]);
	return buf_take(&b);
}
