#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "util.h"

static void
utf8_valid_and_invalid(void **state)
{
	(void)state;
	assert_true(utf8_is_valid("", 0));
	assert_true(utf8_is_valid("plain", 5));
	assert_true(utf8_is_valid("\xc2\xa3", 2));		/* £ */
	assert_true(utf8_is_valid("\xc5\xb5", 2));		/* ŵ */
	assert_true(utf8_is_valid("\xf0\x9f\x98\x80", 4));	/* emoji */
	assert_false(utf8_is_valid("\xc0\xaf", 2));		/* overlong / */
	assert_false(utf8_is_valid("\xe0\x80\xaf", 3));	/* overlong */
	assert_false(utf8_is_valid("\xed\xa0\x80", 3));	/* surrogate */
	assert_false(utf8_is_valid("\xf4\x90\x80\x80", 4));	/* > U+10FFFF */
	assert_false(utf8_is_valid("\xc2", 1));			/* cut short */
	assert_false(utf8_is_valid("\x80", 1));			/* stray */
	assert_false(utf8_is_valid("\xff", 1));
	assert_int_equal(utf8_count("\xc2\xa3" "12", 4), 3);
}

static void
grouped_numbers(void **state)
{
	struct buf	 b;

	(void)state;
	buf_init(&b);
	buf_add_grouped(&b, 0);
	buf_adds(&b, " ");
	buf_add_grouped(&b, 999);
	buf_adds(&b, " ");
	buf_add_grouped(&b, 1000);
	buf_adds(&b, " ");
	buf_add_grouped(&b, 1200000);
	buf_adds(&b, " ");
	buf_add_grouped(&b, -250000);
	buf_adds(&b, " ");
	buf_add_grouped(&b, INT64_MIN);
	assert_string_equal(b.data,
	    "0 999 1,000 1,200,000 -250,000 -9,223,372,036,854,775,808");
	buf_release(&b);
}

static void
buffers_grow_and_take(void **state)
{
	struct buf	 b;
	char		*s;
	int		 i;

	(void)state;
	buf_init(&b);
	for (i = 0; i < 10000; i++)
		buf_addf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 20000);
	assert_int_equal(b.data[b.len], '\0');
	s = buf_take(&b);
	assert_null(b.data);
	assert_int_equal(strlen(s), 20000);
	free(s);
	s = buf_take(&b);		/* an empty buffer gives "" */
	assert_string_equal(s, "");
	free(s);
}

/* A file, whole, then too large; a pipe, of unknown size, the same. */
static void
reading_whole(void **state)
{
	char		 path[] = "/tmp/test_util.XXXXXX";
	struct buf	 b;
	int		 fd, p[2], i;

	(void)state;
	assert_int_not_equal(fd = mkstemp(path), -1);
	for (i = 0; i < 3000; i++)
		assert_int_equal(write(fd, "0123456789", 10), 10);
	close(fd);
	buf_init(&b);
	buf_adds(&b, "before:");
	assert_int_equal(buf_read_fd(&b, open(path, O_RDONLY), 30000), 0);
	assert_int_equal(b.len, 30007);
	assert_int_equal(b.cap, 30009);		/* one allocation, exact */
	assert_memory_equal(b.data + 30007 - 10, "0123456789", 11);
	buf_reset(&b);
	errno = 0;
	assert_int_equal(buf_read_fd(&b, open(path, O_RDONLY), 29999), -1);
	assert_int_equal(errno, EFBIG);
	assert_int_equal(b.len, 0);		/* not read at all */
	unlink(path);

	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "short", 5), 5);
	close(p[1]);
	buf_reset(&b);
	assert_int_equal(buf_read_fd(&b, p[0], 5), 0);
	assert_string_equal(b.data, "short");
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "longer", 6), 6);
	close(p[1]);
	buf_reset(&b);
	assert_int_equal(buf_read_fd(&b, p[0], 5), -1);
	assert_int_equal(errno, EFBIG);
	assert_int_equal(buf_read_fd(&b, -1, 5), -1);
	assert_int_equal(errno, EBADF);
	buf_release(&b);
}

/* Case folding for search: Welsh, Polish, French letters; bad bytes kept. */
static void
folding(void **state)
{
	const char	*in = "\xc5\xb4yl CAF\xc3\x89 \xc5\xb8 \xe1\xba\x80 "
	    "\xc5\x81\xc3\x93" "D\xc5\xb9 \xc3\x97 \xff!";
	struct buf	 b;

	(void)state;
	buf_init(&b);
	buf_add_folded(&b, in, strlen(in));
	/* ŵyl café ÿ ẁ łódź, and × and a stray byte as they were */
	assert_string_equal(b.data, "\xc5\xb5yl caf\xc3\xa9 \xc3\xbf "
	    "\xe1\xba\x81 \xc5\x82\xc3\xb3" "d\xc5\xba \xc3\x97 \xff!");
	/* ẞ is ß; ẖ and ẗ are letters of their own, not a pair. */
	buf_reset(&b);
	in = "\xe1\xba\x9e \xe1\xba\x96\xe1\xba\x97 \xc3\x82\xc5\xb6";
	buf_add_folded(&b, in, strlen(in));
	assert_string_equal(b.data, "\xc3\x9f \xe1\xba\x96\xe1\xba\x97 "
	    "\xc3\xa2\xc5\xb7");
	/* Curly quotes read as straight: byw’n “da” is byw'n "da". */
	buf_reset(&b);
	in = "byw\xe2\x80\x99n \xe2\x80\x9c" "da\xe2\x80\x9d \xe2\x80\x98x";
	buf_add_folded(&b, in, strlen(in));
	assert_string_equal(b.data, "byw'n \"da\" 'x");
	buf_release(&b);
}

static void
trimming(void **state)
{
	char	 s[] = " \t words here \r\n";

	(void)state;
	assert_string_equal(str_trim(s), "words here");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_valid_and_invalid),
		cmocka_unit_test(grouped_numbers),
		cmocka_unit_test(buffers_grow_and_take),
		cmocka_unit_test(trimming),
		cmocka_unit_test(reading_whole),
		cmocka_unit_test(folding),
	};

	return cmocka_run_group_tests_name("util", tests, NULL, NULL);
}
