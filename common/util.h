/*
 * Small helpers shared by both programs: allocation that cannot fail (it
 * exits through fatal() on out of memory), a growable byte buffer, UTF-8
 * checks and number formatting in words people read aloud.
 */
#ifndef UTIL_H
#define UTIL_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* A newly allocated formatted string; caller frees. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

/* A growable byte buffer, always NUL-terminated after the first add. */
struct buf {
	char	*data;		/* owned */
	size_t	 len;
	size_t	 cap;
};

void	buf_init(struct buf *);
void	buf_release(struct buf *);
void	buf_reset(struct buf *);	/* keep the memory, forget the bytes */
void	buf_add(struct buf *, const void *, size_t);
void	buf_adds(struct buf *, const char *);
void	buf_addc(struct buf *, char);
void	buf_addf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	buf_vaddf(struct buf *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));
/* Take the bytes; the buffer is left empty.  Caller frees.  Never NULL. */
char	*buf_take(struct buf *);
/*
 * Append all of `fd' to `b' and close `fd': 0, or -1 with errno, EFBIG
 * when there are more than `max' bytes (a larger file is not read).
 */
int	buf_read_fd(struct buf *, int fd, size_t max);

/*
 * 1 if `s' (len bytes) is well-formed UTF-8: shortest form, no surrogates,
 * nothing above U+10FFFF.  NUL bytes are allowed here; callers that must
 * refuse them check separately.
 */
int	utf8_is_valid(const char *s, size_t len);
/* Decode one code point at `s'; returns its length or -1 if malformed. */
int	utf8_decode(const char *s, size_t len, unsigned int *cp);
/*
 * Append `s' with its letters in lower case, for matching in any case:
 * ASCII and the Latin letters of Welsh, Irish, French and the like
 * (U+00C0 to U+017F and U+1E00 to U+1EFF), so Ŵ matches ŵ and É é;
 * curly quotes become straight ones, so byw'n matches byw’n.  Bytes that
 * are not UTF-8 are copied as they are.
 */
void	buf_add_folded(struct buf *, const char *s, size_t len);
/* How many characters the UTF-8 text `s' of `len' bytes holds. */
size_t	utf8_chars(const char *s, size_t len);
/* Number of code points in a valid UTF-8 string. */
size_t	utf8_count(const char *s, size_t len);

/*
 * 1 for a code point that can change what a terminal or a reader shows
 * without being seen: C0 and C1 controls, DEL, and the bidirectional
 * embeddings, overrides, isolates and marks (U+061C, U+200E, U+200F,
 * U+202A to U+202E, U+2066 to U+2069), and the line and paragraph
 * separators U+2028 and U+2029.
 */
int	utf8_is_hazard(unsigned int cp);
/*
 * Append `s' (len bytes) to `b' so that it is shown harmlessly: each
 * hazard is written visibly, "^[" for ESC and the like, "<U+202E>" for
 * the others, "<0xFF>" for a byte that is not UTF-8.  With `keep_lines',
 * line feeds, carriage returns and tabs are kept as they are.
 */
void	buf_add_safe(struct buf *b, const char *s, size_t len, int keep_lines);

/* "1,234,567" for 1234567; "-250" for -250.  Appends to `b'. */
void	buf_add_grouped(struct buf *b, long long n);

/* 1 if `s' is one of the NULL-terminated `list'. */
int	str_in_list(const char *const *list, const char *s);
/* The strings of `list' joined by `sep'; caller frees. */
char	*str_join(const char *const *list, const char *sep);

/* Trim leading and trailing spaces, tabs and line ends in place. */
char	*str_trim(char *);

#endif
