/* Unit tests for common/url.c, and replay of fuzzing finds. */
#include <sys/types.h>

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "url.h"
#include "util.h"

#define FUZZ_DIR	"tests/data/fuzz/url"
#define FUZZ_FORM_DIR	"tests/data/fuzz/form"	/* fuzz_form's seeds */

static int
span_is(const struct url_span *sp, const char *s)
{
	if (s == NULL)
		return sp->p == NULL;
	return sp->p != NULL && sp->len == strlen(s) &&
	    memcmp(sp->p, s, sp->len) == 0;
}

static int
parse(const char *s, struct url *u, const char **errstr)
{
	return url_parse(s, strlen(s), u, errstr);
}

static void
parse_parts(void **state)
{
	struct url	 u;
	const char	*errstr;

	(void)state;
	assert_int_equal(parse("gemini://user:pw@Host.example:1965/a/b?q=1#f",
	    &u, &errstr), 0);
	assert_true(span_is(&u.scheme, "gemini"));
	assert_true(span_is(&u.userinfo, "user:pw"));
	assert_true(span_is(&u.host, "Host.example"));
	assert_true(span_is(&u.port, "1965"));
	assert_int_equal(u.port_num, 1965);
	assert_true(span_is(&u.path, "/a/b"));
	assert_true(span_is(&u.query, "q=1"));
	assert_true(span_is(&u.fragment, "f"));

	assert_int_equal(parse("gemini://host", &u, &errstr), 0);
	assert_true(span_is(&u.host, "host"));
	assert_true(span_is(&u.path, ""));
	assert_true(span_is(&u.port, NULL));
	assert_int_equal(u.port_num, -1);
	assert_true(span_is(&u.query, NULL));

	assert_int_equal(parse("gemini://host:/?", &u, &errstr), 0);
	assert_int_equal(u.port_num, -1);
	assert_true(span_is(&u.query, ""));

	assert_int_equal(parse("gemini://[::1]:70/x", &u, &errstr), 0);
	assert_true(span_is(&u.host, "::1"));
	assert_true(u.host_is_literal);
	assert_int_equal(u.port_num, 70);

	assert_int_equal(parse("/just/a/path", &u, &errstr), 0);
	assert_true(span_is(&u.scheme, NULL));
	assert_true(span_is(&u.host, NULL));
	assert_true(span_is(&u.path, "/just/a/path"));

	assert_int_equal(parse("//host/x", &u, &errstr), 0);
	assert_true(span_is(&u.scheme, NULL));
	assert_true(span_is(&u.host, "host"));

	assert_int_equal(parse("1abc:x", &u, &errstr), 0);
	assert_true(span_is(&u.scheme, NULL));	/* schemes start with a letter */

	assert_int_equal(parse("mailto:a@b", &u, &errstr), 0);
	assert_true(span_is(&u.scheme, "mailto"));
	assert_true(span_is(&u.path, "a@b"));

	assert_int_equal(parse("gemini://h/caf\xc3\xa9", &u, &errstr), 0);
	assert_int_equal(parse("", &u, &errstr), 0);
	assert_true(span_is(&u.path, ""));
}

static void
parse_errors(void **state)
{
	static const char *bad[] = {
		"gemini://host:99999/",
		"gemini://host:12a/",
		"gemini://ho st/",
		"gemini://host/a b",
		"gemini://[::1/",
		"gemini://[]/",
		"gemini://[zz::1]/",
		"gemini://[::1]x/",
		"gemini://a@b@c/",
		"gemini://host/%zz",
		"gemini://host/%4",
		"gemini://host/\x01",
		"gemini://host/<x>",
		"gemini://host/?a#b#c",
		"gemini://host/a\\b",
		NULL
	};
	struct url	 u;
	const char	*errstr;
	size_t		 i;

	(void)state;
	for (i = 0; bad[i] != NULL; i++) {
		errstr = NULL;
		if (parse(bad[i], &u, &errstr) != -1)
			fail_msg("accepted: %s", bad[i]);
		assert_non_null(errstr);
	}
	/* A NUL inside the given length is seen, not taken as the end. */
	assert_int_equal(url_parse("gemini://h/\0x", 13, &u, &errstr), -1);
	assert_string_equal(errstr, "NUL in URL");
}

static void
span_equality(void **state)
{
	struct url_span	 sp = { "LocalHost", 9 }, none = { NULL, 0 };

	(void)state;
	assert_true(url_span_eq(&sp, "localhost"));
	assert_false(url_span_eq(&sp, "localhos"));
	assert_false(url_span_eq(&sp, "localhostx"));
	assert_false(url_span_eq(&none, ""));
}

static void
decoding(void **state)
{
	char		 out[8];
	size_t		 len;
	const char	*errstr;

	(void)state;
	assert_int_equal(url_decode("%41%62c+", 8, out, sizeof(out), &len,
	    &errstr), 0);
	assert_string_equal(out, "Abc+");
	assert_int_equal(len, 4);
	assert_int_equal(url_decode("a%00b", 5, out, sizeof(out), &len,
	    &errstr), -1);
	assert_int_equal(url_decode("%g0", 3, out, sizeof(out), &len,
	    &errstr), -1);
	assert_int_equal(url_decode("%", 1, out, sizeof(out), &len,
	    &errstr), -1);
	assert_int_equal(url_decode("1234567", 7, out, sizeof(out), &len,
	    &errstr), 0);
	assert_int_equal(url_decode("12345678", 8, out, sizeof(out), &len,
	    &errstr), -1);
	assert_string_equal(errstr, "decoded text too long");
	assert_int_equal(url_decode("", 0, out, 1, &len, &errstr), 0);
	assert_string_equal(out, "");
}

static void
canonical_paths(void **state)
{
	static const char *ok[][2] = {
		{ "",			"/" },
		{ "/",			"/" },
		{ "/a",			"/a" },
		{ "/a/",		"/a/" },
		{ "a/b",		"/a/b" },
		{ "/a//b",		"/a/b" },
		{ "/a/./b",		"/a/b" },
		{ "/a/.",		"/a/" },
		{ "/a/b/..",		"/a/" },
		{ "/a/b/../c",		"/a/c" },
		{ "/a/..",		"/" },
		{ "/a/%2e%2E/b",	"/b" },
		{ "/%2e/b",		"/b" },
		{ "/%252e%252e/x",	"/%2e%2e/x" },
		{ "/caf%C3%A9",		"/caf\xc3\xa9" },
		{ "/a%20b",		"/a b" },
		{ "/...",		"/..." },
		{ "/a/..b",		"/a/..b" },
		{ NULL,			NULL }
	};
	static const char *bad[] = {
		"/..", "/../a", "/a/../..", "/%2e%2e/", "/.%2e", "/a%2fb",
		"/a%2F..", "/a%00", "/%ff", "/%c0%af", "/%zz", NULL
	};
	char		 out[64];
	const char	*errstr;
	size_t		 i;

	(void)state;
	for (i = 0; ok[i][0] != NULL; i++) {
		if (url_path_canon(ok[i][0], strlen(ok[i][0]), out,
		    sizeof(out), &errstr) != 0)
			fail_msg("refused %s: %s", ok[i][0], errstr);
		assert_string_equal(out, ok[i][1]);
	}
	for (i = 0; bad[i] != NULL; i++)
		if (url_path_canon(bad[i], strlen(bad[i]), out, sizeof(out),
		    &errstr) != -1)
			fail_msg("accepted %s as %s", bad[i], out);

	/* The output bound is exact: "/abc" needs 5 bytes. */
	assert_int_equal(url_path_canon("/abc", 4, out, 5, &errstr), 0);
	assert_int_equal(url_path_canon("/abc", 4, out, 4, &errstr), -1);
	assert_int_equal(url_path_canon("/abc/", 5, out, 6, &errstr), 0);
	assert_int_equal(url_path_canon("/abc/", 5, out, 5, &errstr), -1);
	assert_int_equal(url_path_canon("", 0, out, 1, &errstr), -1);
}

static void
input_decoding(void **state)
{
	char		 out[11];
	size_t		 len;
	const char	*errstr;

	(void)state;
	assert_int_equal(url_input_decode("I%20like%20it", 13, out, 10, &len,
	    &errstr), 0);
	assert_string_equal(out, "I like it");
	assert_int_equal(url_input_decode("%C2%A3%35", 9, out, 10, &len,
	    &errstr), 0);
	assert_string_equal(out, "\xc2\xa3" "5");
	assert_int_equal(url_input_decode("%FF", 3, out, 10, &len, &errstr),
	    -1);
	assert_string_equal(errstr, "input is not UTF-8");
	assert_int_equal(url_input_decode("%00", 3, out, 10, &len, &errstr),
	    -1);
	assert_int_equal(url_input_decode("0123456789", 10, out, 10, &len,
	    &errstr), 0);
	assert_int_equal(url_input_decode("0123456789a", 11, out, 10, &len,
	    &errstr), -1);
	assert_string_equal(errstr, "input too long");
}

static void
encoding(void **state)
{
	struct buf	 b;

	(void)state;
	buf_init(&b);
	url_path_encode(&b, "/a b/caf\xc3\xa9?#%/w/x-y_z~!$&'()*+,;=:@");
	assert_string_equal(b.data,
	    "/a%20b/caf%C3%A9%3F%23%25/w/x-y_z~!$&'()*+,;=:@");
	buf_release(&b);
}

/* Inputs the fuzzer once found troublesome: they must not crash. */
static void
form_decoding(void **state)
{
	char		 out[64];
	const char	*errstr;
	size_t		 n;
	struct url	 u;
	char		 path[64];

	(void)state;
	assert_int_equal(url_form_decode("words=Hello+there%21", 20, "words",
	    out, 63, &n, &errstr), 0);
	assert_string_equal(out, "Hello there!");
	assert_int_equal(n, 12);
	assert_int_equal(url_form_decode("a=1&words=%C5%B5&b=%", 20, "words",
	    out, 63, &n, &errstr), 0);
	assert_string_equal(out, "\xc5\xb5");
	assert_int_equal(url_form_decode("words=", 6, "words", out, 63, &n,
	    &errstr), 0);
	assert_int_equal(n, 0);
	assert_int_equal(url_form_decode("words=%ff", 9, "words", out, 63, &n,
	    &errstr), -1);
	assert_string_equal(errstr, "input is not UTF-8");
	assert_int_equal(url_form_decode("words=a%00b", 11, "words", out, 63,
	    &n, &errstr), -1);
	assert_int_equal(url_form_decode("words=a\nb", 9, "words", out, 63,
	    &n, &errstr), -1);
	assert_int_equal(url_form_decode("words=a&words=b", 15, "words", out,
	    63, &n, &errstr), -1);
	assert_int_equal(url_form_decode("word=a", 6, "words", out, 63, &n,
	    &errstr), -1);
	assert_string_equal(errstr, "no words in the form");
	assert_int_equal(url_form_decode("words=abcdef", 12, "words", out, 3,
	    &n, &errstr), -1);
	assert_string_equal(errstr, "input too long");
	assert_int_equal(url_form_decode("words=%4", 8, "words", out, 63, &n,
	    &errstr), -1);

	assert_int_equal(url_target_parse("/w/demo/?q", 10, &u, path,
	    sizeof(path), &errstr), 0);
	assert_string_equal(path, "/w/demo/");
	assert_int_equal((int)u.query.len, 1);
	assert_int_equal(url_target_parse("http://localhost:8080/a/../b", 28,
	    &u, path, sizeof(path), &errstr), 0);
	assert_string_equal(path, "/b");
	assert_int_equal(u.port_num, 8080);
	assert_int_equal(url_target_parse("/../etc/passwd", 14, &u, path,
	    sizeof(path), &errstr), -1);
	assert_int_equal(url_target_parse("/a%2fb", 6, &u, path,
	    sizeof(path), &errstr), -1);
	assert_int_equal(url_target_parse("localhost:443", 13, &u, path,
	    sizeof(path), &errstr), -1);
	assert_int_equal(url_target_parse("*", 1, &u, path, sizeof(path),
	    &errstr), -1);
	assert_int_equal(url_target_parse("gemini://localhost/", 19, &u, path,
	    sizeof(path), &errstr), -1);
	assert_int_equal(url_target_parse("/a#b", 4, &u, path, sizeof(path),
	    &errstr), -1);
}

static void
fuzz_replay(void **state)
{
	DIR		*d;
	struct dirent	*de;
	struct url	 u;
	FILE		*fp;
	char		 buf[4096], out[4096], *path;
	const char	*errstr;
	size_t		 n, len;

	(void)state;
	if ((d = opendir(FUZZ_DIR)) == NULL)
		skip();
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", FUZZ_DIR, de->d_name);
		if ((fp = fopen(path, "rb")) != NULL) {
			n = fread(buf, 1, sizeof(buf), fp);
			fclose(fp);
			if (url_parse(buf, n, &u, &errstr) == 0)
				(void)url_path_canon(u.path.p, u.path.len, out,
				    sizeof(out), &errstr);
			(void)url_input_decode(buf, n, out, 1000, &len,
			    &errstr);
		}
		free(path);
	}
	closedir(d);
}

/* fuzz_form's seeds and crashes: a form body or a request target. */
static void
fuzz_form_replay(void **state)
{
	DIR		*d;
	struct dirent	*de;
	struct url	 u;
	FILE		*fp;
	char		 buf[16384], out[16384], *path;
	const char	*errstr;
	size_t		 n, len;

	(void)state;
	if ((d = opendir(FUZZ_FORM_DIR)) == NULL)
		skip();
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", FUZZ_FORM_DIR, de->d_name);
		if ((fp = fopen(path, "rb")) != NULL) {
			n = fread(buf, 1, sizeof(buf), fp);
			fclose(fp);
			if (n > 0 && (buf[0] & 1))
				(void)url_form_decode(buf + 1, n - 1, "words",
				    out, sizeof(out) - 1, &len, &errstr);
			else if (n > 0)
				(void)url_target_parse(buf + 1, n - 1, &u, out,
				    1100, &errstr);
		}
		free(path);
	}
	closedir(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_parts),
		cmocka_unit_test(parse_errors),
		cmocka_unit_test(span_equality),
		cmocka_unit_test(decoding),
		cmocka_unit_test(canonical_paths),
		cmocka_unit_test(input_decoding),
		cmocka_unit_test(encoding),
		cmocka_unit_test(form_decoding),
		cmocka_unit_test(fuzz_replay),
		cmocka_unit_test(fuzz_form_replay),
	};

	return cmocka_run_group_tests_name("url", tests, NULL, NULL);
}
