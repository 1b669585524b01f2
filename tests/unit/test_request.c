/* Unit tests for server/request.c, and replay of fuzzing finds. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "request.h"
#include "util.h"

#define FUZZ_DIR	"tests/data/fuzz/request"

static struct request	 req;
static char		 line[GEMINI_REQUEST_MAX + 64];

/* Parse `s' as received; returns the status: 0 for a good request. */
static int
try(const char *s, const char *sni)
{
	const char	*errstr = NULL;
	size_t		 len = strlen(s);

	assert_true(len < sizeof(line));
	memcpy(line, s, len + 1);
	if (request_parse(&req, line, len, "localhost", 1965, sni,
	    &errstr) == 0) {
		assert_null(errstr);
		return 0;
	}
	assert_non_null(errstr);
	return req.status;
}

static void
line_checks(void **state)
{
	char		 buf[16];
	const char	*errstr;

	(void)state;
	strcpy(buf, "abc\r\n");
	assert_int_equal(request_line_check(buf, 5, &errstr), 0);
	assert_string_equal(buf, "abc");
	strcpy(buf, "abc\n");
	assert_int_equal(request_line_check(buf, 4, &errstr), -1);
	assert_string_equal(errstr, "LF without CR");
	strcpy(buf, "abc");
	assert_int_equal(request_line_check(buf, 3, &errstr), -1);
	assert_string_equal(errstr, "missing CRLF");
	memcpy(buf, "a\0c\r\n", 5);
	assert_int_equal(request_line_check(buf, 5, &errstr), -1);
	assert_string_equal(errstr, "NUL in request");
	assert_int_equal(request_line_check(buf, 0, &errstr), -1);
}

static void
good_requests(void **state)
{
	(void)state;
	assert_int_equal(try("gemini://localhost/\r\n", NULL), 0);
	assert_string_equal(req.path, "/");
	assert_null(req.query);
	assert_int_equal(try("gemini://localhost\r\n", "localhost"), 0);
	assert_string_equal(req.path, "/");
	assert_int_equal(try("GEMINI://LocalHost.:1965/a/../b?x%20y\r\n",
	    "LOCALHOST"), 0);
	assert_string_equal(req.path, "/b");
	assert_int_equal(req.querylen, 5);
	assert_memory_equal(req.query, "x%20y", 5);
	assert_int_equal(try("gemini://localhost/w/demo/home/say?\r\n", NULL),
	    0);
	assert_non_null(req.query);
	assert_int_equal(req.querylen, 0);
}

static void
refused(void **state)
{
	(void)state;
	assert_int_equal(try("\r\n", NULL), 59);
	assert_int_equal(try("gemini://localhost/", NULL), 59);
	assert_int_equal(try("gemini://localhost/\n", NULL), 59);
	assert_int_equal(try("\xef\xbb\xbfgemini://localhost/\r\n", NULL), 59);
	assert_int_equal(try("gemini://localhost/\xff\r\n", NULL), 59);
	assert_int_equal(try("/\r\n", NULL), 59);
	assert_int_equal(try("//localhost/\r\n", NULL), 59);
	assert_int_equal(try("gemini://u@localhost/\r\n", NULL), 59);
	assert_int_equal(try("gemini://localhost/#x\r\n", NULL), 59);
	assert_int_equal(try("gemini:///\r\n", NULL), 59);
	assert_int_equal(try("gemini://localhost/../x\r\n", NULL), 59);
	assert_int_equal(try("gemini://localhost/%2e%2e/x\r\n", NULL), 59);
	assert_int_equal(try("gemini://localhost/a%2fb\r\n", NULL), 59);
	assert_int_equal(try("http://localhost/\r\n", NULL), 53);
	assert_int_equal(try("gemini://example.org/\r\n", NULL), 53);
	assert_int_equal(try("gemini://localhost:1966/\r\n", NULL), 53);
	assert_int_equal(try("gemini://localhost/\r\n", "example.org"), 53);
	assert_int_equal(try("gemini://[::1]/\r\n", NULL), 53);
}

static void
length_limit(void **state)
{
	char	 big[GEMINI_REQUEST_MAX + 8];
	size_t	 n;

	(void)state;
	/* Exactly 1024 bytes before CRLF is a request; 1025 is not. */
	strcpy(big, "gemini://localhost/?");
	n = strlen(big);
	memset(big + n, 'a', GEMINI_URL_MAX - n);
	memcpy(big + GEMINI_URL_MAX, "\r\n", 3);
	assert_int_equal(try(big, NULL), 0);
	assert_int_equal(req.querylen, GEMINI_URL_MAX - n);
	big[GEMINI_URL_MAX] = 'a';
	memcpy(big + GEMINI_URL_MAX + 1, "\r\n", 3);
	assert_int_equal(try(big, NULL), 59);
}

static void
hosts(void **state)
{
	(void)state;
	assert_true(request_host_is("localhost", 9, "localhost"));
	assert_true(request_host_is("LOCALHOST.", 10, "localhost"));
	assert_false(request_host_is("localhost..", 11, "localhost"));
	assert_false(request_host_is(".", 1, "localhost"));
	assert_false(request_host_is("", 0, "localhost"));
}

static void
fuzz_replay(void **state)
{
	DIR		*d;
	struct dirent	*de;
	FILE		*fp;
	char		*path;
	const char	*errstr;
	size_t		 n;

	(void)state;
	if ((d = opendir(FUZZ_DIR)) == NULL)
		skip();
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", FUZZ_DIR, de->d_name);
		if ((fp = fopen(path, "rb")) != NULL) {
			n = fread(line, 1, GEMINI_REQUEST_MAX, fp);
			fclose(fp);
			(void)request_parse(&req, line, n, "localhost", 1965,
			    NULL, &errstr);
		}
		free(path);
	}
	closedir(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(line_checks),
		cmocka_unit_test(good_requests),
		cmocka_unit_test(refused),
		cmocka_unit_test(length_limit),
		cmocka_unit_test(hosts),
		cmocka_unit_test(fuzz_replay),
	};

	return cmocka_run_group_tests_name("request", tests, NULL, NULL);
}
