/*
 * The export's one description of the record: docs/export.schema.json is
 * exactly what the table in common/export.c says, so the schema file, the
 * JSON writer, the CSV files and import cannot drift apart.
 *
 *	test_export		the tests (run from the top of the tree)
 *	test_export --print	the schema, for make export-schema
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "export.h"
#include "json.h"
#include "util.h"

#define SCHEMA_FILE	"docs/export.schema.json"

static char *
read_all(const char *path, size_t *len)
{
	FILE	*fp;
	char	*data;
	long	 n;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	data = xmalloc((size_t)n + 1);
	*len = fread(data, 1, (size_t)n, fp);
	data[*len] = '\0';
	fclose(fp);
	return data;
}

/* The file in docs/ is what the table makes, byte for byte. */
static void
test_schema_file_agrees(void **state)
{
	struct buf	 b;
	char		*file;
	size_t		 len = 0;

	(void)state;
	buf_init(&b);
	export_schema(&b);
	file = read_all(SCHEMA_FILE, &len);
	assert_non_null(file);
	if (len != b.len || memcmp(file, b.data, len) != 0)
		fail_msg("%s differs from the table in common/export.c: run "
		    "make export-schema", SCHEMA_FILE);
	free(file);
	buf_release(&b);
}

/* The schema is strict JSON, and says the version export writes. */
static void
test_schema_is_json(void **state)
{
	const struct json	*v, *props;
	struct json		*doc;
	struct buf		 b;
	const char		*errstr;
	size_t			 line;

	(void)state;
	buf_init(&b);
	export_schema(&b);
	doc = json_parse(b.data, b.len, &line, &errstr);
	assert_non_null(doc);
	props = json_get(doc, "properties");
	v = json_get(json_get(props, "version"), "const");
	assert_non_null(v);
	assert_int_equal(v->i, EXPORT_FORMAT_VERSION);
	/* Every table of the record is there, nested ones inside. */
	assert_non_null(json_get(props, "participation"));
	assert_non_null(json_get(json_get(json_get(json_get(props,
	    "decisions"), "items"), "properties"), "progress"));
	json_free(doc);
	buf_release(&b);
}

int
main(int argc, char *argv[])
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema_file_agrees),
		cmocka_unit_test(test_schema_is_json),
	};
	struct buf	 b;

	if (argc == 2 && strcmp(argv[1], "--print") == 0) {
		buf_init(&b);
		export_schema(&b);
		fwrite(b.data, 1, b.len, stdout);
		buf_release(&b);
		return 0;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
