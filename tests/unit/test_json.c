/* Unit tests for common/json.c, and replay of fuzzing finds. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "json.h"
#include "util.h"

#define FUZZ_DIR	"tests/data/fuzz/json"

static struct json *
parse(const char *s, const char **errstr, size_t *line)
{
	return json_parse(s, strlen(s), line, errstr);
}

static void
parse_values(void **state)
{
	struct json		*v;
	const struct json	*m;
	const char		*errstr;
	size_t			 line;

	(void)state;
	v = parse(" {\"a\": [1, -0, 2.5e3, true, false, null, \"x\"],\n"
	    "\"b\": {}, \"c\": [], \"big\": 9223372036854775807, "
	    "\"bigger\": 9223372036854775808, \"neg\": -9223372036854775808}\n",
	    &errstr, &line);
	assert_non_null(v);
	assert_null(errstr);
	assert_int_equal(v->type, JSON_OBJECT);
	assert_int_equal(v->n, 6);
	m = json_get(v, "a");
	assert_non_null(m);
	assert_int_equal(m->type, JSON_ARRAY);
	assert_int_equal(m->n, 7);
	assert_true(m->items[0].is_int);
	assert_int_equal(m->items[0].i, 1);
	assert_true(m->items[1].is_int);
	assert_int_equal(m->items[1].i, 0);
	assert_false(m->items[2].is_int);
	assert_true(strtod(m->items[2].s, NULL) == 2500.0);
	assert_int_equal(m->items[3].type, JSON_TRUE);
	assert_int_equal(m->items[4].type, JSON_FALSE);
	assert_int_equal(m->items[5].type, JSON_NULL);
	assert_string_equal(m->items[6].s, "x");
	assert_int_equal(json_get(v, "b")->type, JSON_OBJECT);
	assert_int_equal(json_get(v, "c")->n, 0);
	assert_true(json_get(v, "big")->is_int);
	assert_int_equal(json_get(v, "big")->i, 9223372036854775807LL);
	assert_false(json_get(v, "bigger")->is_int);
	assert_true(json_get(v, "neg")->is_int);
	assert_null(json_get(v, "nothere"));
	assert_null(json_get(m, "a"));		/* not an object */
	json_free(v);
}

static void
parse_strings(void **state)
{
	struct json	*v;
	const char	*errstr;
	size_t		 line;

	(void)state;
	v = parse("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\u0175\\ud83d\\ude00"
	    "\xc5\xb7\"", &errstr, &line);
	assert_non_null(v);
	assert_string_equal(v->s, "a\"b\\c/d\b\f\n\r\t\xc3\xa9\xc5\xb5"
	    "\xf0\x9f\x98\x80\xc5\xb7");
	assert_int_equal(v->n, strlen(v->s));
	json_free(v);
}

static void
parse_errors(void **state)
{
	static const struct {
		const char	*text;
		size_t		 line;
	} bad[] = {
		{ "", 1 }, { " ", 1 }, { "{", 1 }, { "[1,]", 1 },
		{ "{\"a\":1,}", 1 }, { "[01]", 1 }, { "[1.]", 1 },
		{ "[.5]", 1 }, { "[1e]", 1 }, { "[-]", 1 }, { "[+1]", 1 },
		{ "[NaN]", 1 }, { "[Infinity]", 1 }, { "[tru]", 1 },
		{ "nul", 1 }, { "'a'", 1 }, { "{a:1}", 1 },
		{ "{\"a\" 1}", 1 }, { "[1 2]", 1 }, { "1 2", 1 },
		{ "\"\\x\"", 1 }, { "\"\\u12\"", 1 }, { "\"\\ud800\"", 1 },
		{ "\"\\udc00\"", 1 }, { "\"\\ud800\\u0041\"", 1 },
		{ "\"\\u0000\"", 1 }, { "\"a\tb\"", 1 }, { "\"a\nb\"", 1 },
		{ "\"\xff\"", 1 }, { "\"\xc0\xaf\"", 1 },
		{ "\"\xed\xa0\x80\"", 1 }, { "\xef\xbb\xbf{}", 1 },
		{ "{\"a\":1,\"a\":2}", 1 }, { "[1]\n\n// comment", 3 },
		{ "{\n\"a\": [\n1,\n]\n}", 4 }, { "\"unfinished", 1 },
	};
	struct json	*v;
	const char	*errstr;
	size_t		 i, line;
	char		 deep[2 * JSON_DEPTH_MAX + 8];

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = parse(bad[i].text, &errstr, &line);
		if (v != NULL)
			fail_msg("accepted: %s", bad[i].text);
		assert_non_null(errstr);
		if (line != bad[i].line)
			fail_msg("%s: line %zu, want %zu", bad[i].text, line,
			    bad[i].line);
	}
	/* NUL bytes: not inside a string, not after the value. */
	assert_null(json_parse("\"a\0b\"", 5, &line, &errstr));
	assert_null(json_parse("{}\0", 3, &line, &errstr));
	/* Nesting: JSON_DEPTH_MAX is fine, one more is not. */
	memset(deep, '[', JSON_DEPTH_MAX);
	memset(deep + JSON_DEPTH_MAX, ']', JSON_DEPTH_MAX);
	v = json_parse(deep, 2 * JSON_DEPTH_MAX, &line, &errstr);
	assert_non_null(v);
	json_free(v);
	memset(deep, '[', JSON_DEPTH_MAX + 1);
	memset(deep + JSON_DEPTH_MAX + 1, ']', JSON_DEPTH_MAX + 1);
	assert_null(json_parse(deep, 2 * JSON_DEPTH_MAX + 2, &line, &errstr));
	assert_string_equal(errstr, "nested too deep");
}

static void
write_and_read_back(void **state)
{
	struct json_writer	 w;
	struct json		*v;
	const struct json	*a;
	struct buf		 b;
	const char		*errstr;
	size_t			 line;

	(void)state;
	buf_init(&b);
	json_writer_init(&w, &b);
	json_object_begin(&w, NULL);
	json_string(&w, "text", "He said \"no\",\n\tthen \\ left\x01 \xc5\xb5");
	json_string(&w, "bad", "a\xff" "b");
	json_int(&w, "n", -250000);
	json_bool(&w, "yes", 1);
	json_string_or_null(&w, "none", NULL);
	json_array_begin(&w, "empty");
	json_array_end(&w);
	json_array_begin(&w, "list");
	json_object_begin(&w, NULL);
	json_object_end(&w);
	json_string(&w, NULL, "x");
	json_array_end(&w);
	json_object_end(&w);
	assert_string_equal(b.data, "{\n"
	    "\t\"text\": \"He said \\\"no\\\",\\n\\tthen \\\\ left\\u0001 "
	    "\xc5\xb5\",\n"
	    "\t\"bad\": \"a\xef\xbf\xbd" "b\",\n"
	    "\t\"n\": -250000,\n"
	    "\t\"yes\": true,\n"
	    "\t\"none\": null,\n"
	    "\t\"empty\": [],\n"
	    "\t\"list\": [\n"
	    "\t\t{},\n"
	    "\t\t\"x\"\n"
	    "\t]\n"
	    "}");
	v = json_parse(b.data, b.len, &line, &errstr);
	assert_non_null(v);
	assert_string_equal(json_get(v, "text")->s,
	    "He said \"no\",\n\tthen \\ left\x01 \xc5\xb5");
	assert_int_equal(json_get(v, "n")->i, -250000);
	a = json_get(v, "list");
	assert_int_equal(a->n, 2);
	json_free(v);
	buf_release(&b);
}

static void
type_names(void **state)
{
	(void)state;
	assert_string_equal(json_type_name(JSON_STRING), "a string");
	assert_string_equal(json_type_name(JSON_ARRAY), "a list");
	assert_string_equal(json_type_name(JSON_OBJECT), "an object");
	json_free(NULL);
}

/* Inputs the fuzzer once found troublesome: they must not crash. */
static void
fuzz_replay(void **state)
{
	DIR		*d;
	struct dirent	*de;
	struct json	*v;
	FILE		*fp;
	char		 buf[65536], *path;
	const char	*errstr;
	size_t		 n, line;

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
			v = json_parse(buf, n, &line, &errstr);
			assert_true(v != NULL || errstr != NULL);
			json_free(v);
		}
		free(path);
	}
	closedir(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parse_values),
		cmocka_unit_test(parse_strings),
		cmocka_unit_test(parse_errors),
		cmocka_unit_test(write_and_read_back),
		cmocka_unit_test(type_names),
		cmocka_unit_test(fuzz_replay),
	};

	return cmocka_run_group_tests_name("json", tests, NULL, NULL);
}
