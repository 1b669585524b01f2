/*
 * libFuzzer target: import_run() on any bytes, into a record in memory,
 * as `blanksheet import' reads a file from outside.  An import either
 * succeeds and says so, or says what is wrong and that nothing was
 * imported; rolled back, the record holds no workshop again.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export.h"
#include "store.h"
#include "util.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct store	*st;
static char		 path[] = "/tmp/fuzz_import.XXXXXX";
static int		 fd = -1;

static int
ends_with(const char *s, const char *end)
{
	size_t	 n = strlen(s), m = strlen(end);

	return n >= m && strcmp(s + n - m, end) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*errstr;
	struct buf	 msg;
	int		 rc;

	if (st == NULL) {
		if ((st = store_open(":memory:", STORE_CREATE, &errstr)) ==
		    NULL || (fd = mkstemp(path)) == -1)
			abort();
		unlink(path);
		snprintf(path, sizeof(path), "/dev/fd/%d", fd);
	}
	if (ftruncate(fd, 0) == -1 || pwrite(fd, data, size, 0) !=
	    (ssize_t)size || store_begin(st, "import") == -1)
		abort();
	buf_init(&msg);
	rc = import_run(st, path, NULL, &msg);
	if (msg.data == NULL)
		abort();
	if (rc == 0 && strncmp(msg.data, "Imported ", 9) != 0)
		abort();
	if (rc == -1 && (strncmp(msg.data, "Cannot import ", 14) != 0 ||
	    !ends_with(msg.data, ". Nothing was imported.")))
		abort();
	store_rollback(st);
	if (store_int(st, "SELECT count(*) FROM workshop", -1, "") != 0 ||
	    store_int(st, "SELECT count(*) FROM contribution", -1, "") != 0)
		abort();
	buf_release(&msg);
	return 0;
}
