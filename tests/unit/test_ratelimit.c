/*
 * Unit tests for server/ratelimit.c: an allowance per source that
 * refills steadily, so the edge of a minute never lets twice the limit
 * through, and a cap on every source together.
 */
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "ratelimit.h"

#define MS(ms)	((uint64_t)(ms) * 1000)		/* in microseconds */
#define S(s)	MS((uint64_t)(s) * 1000)
#define T0	S(100000)	/* some time after boot */

static uint64_t
key4(const struct ratelimit *rl, const char *addr)
{
	struct sockaddr_in	 sin;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	assert_int_equal(inet_pton(AF_INET, addr, &sin.sin_addr), 1);
	return ratelimit_key(rl, (struct sockaddr *)&sin, sizeof(sin));
}

static uint64_t
key6(const struct ratelimit *rl, const char *addr)
{
	struct sockaddr_in6	 sin6;

	memset(&sin6, 0, sizeof(sin6));
	sin6.sin6_family = AF_INET6;
	assert_int_equal(inet_pton(AF_INET6, addr, &sin6.sin6_addr), 1);
	return ratelimit_key(rl, (struct sockaddr *)&sin6, sizeof(sin6));
}

/* Two a minute: both at once, then the third waits half a minute. */
static void
test_allowance(void **state)
{
	struct ratelimit	*rl = ratelimit_new(2, 1000, 60);
	uint64_t		 k = key4(rl, "192.0.2.1");

	(void)state;
	assert_int_equal(ratelimit_take(rl, k, T0), 0);
	assert_int_equal(ratelimit_take(rl, k, T0 + MS(10)), 0);
	assert_int_equal(ratelimit_take(rl, k, T0 + MS(20)), 30);
	/* A refused input does not count. */
	assert_int_equal(ratelimit_take(rl, k, T0 + S(10)), 20);
	/* Half a minute on, one more; then the next half minute. */
	assert_int_equal(ratelimit_take(rl, k, T0 + S(30)), 0);
	assert_int_equal(ratelimit_take(rl, k, T0 + S(31)), 29);
	/* Left alone for long enough, the whole allowance is back. */
	assert_int_equal(ratelimit_take(rl, k, T0 + S(600)), 0);
	assert_int_equal(ratelimit_take(rl, k, T0 + S(600)), 0);
	assert_int_equal(ratelimit_take(rl, k, T0 + S(600)), 30);
	ratelimit_free(rl);
}

/*
 * The edge of a minute: one a minute, sent a second before and a second
 * after a whole minute of uptime.  A count per fixed minute let both
 * through; the allowance does not.
 */
static void
test_window_edge(void **state)
{
	struct ratelimit	*rl = ratelimit_new(1, 1000, 60);
	uint64_t		 k = key4(rl, "192.0.2.1");

	(void)state;
	assert_int_equal(ratelimit_take(rl, k, S(119)), 0);
	assert_int_equal(ratelimit_take(rl, k, S(121)), 58);
	assert_int_equal(ratelimit_take(rl, k, S(179)), 0);
	ratelimit_free(rl);
}

/* A room behind one address: 200 at once, then one each 0.3 s. */
static void
test_room(void **state)
{
	struct ratelimit	*rl = ratelimit_new(200, 1200, 60);
	uint64_t		 k = key4(rl, "192.0.2.1");
	int			 i;

	(void)state;
	for (i = 0; i < 200; i++)
		assert_int_equal(ratelimit_take(rl, k, T0 + MS(i)), 0);
	assert_int_equal(ratelimit_take(rl, k, T0 + MS(200)), 1);
	assert_int_equal(ratelimit_take(rl, k, T0 + MS(300)), 0);
	assert_int_equal(ratelimit_take(rl, k, T0 + MS(301)), 1);
	ratelimit_free(rl);
}

/*
 * The highest limit blanksheetd takes (-l 100000): one each 0.6 ms still
 * counts, and the 100,001st in a moment is refused.
 */
static void
test_highest(void **state)
{
	struct ratelimit	*rl = ratelimit_new(100000, 100000, 60);
	uint64_t		 k = key4(rl, "192.0.2.1");
	int			 i;

	(void)state;
	for (i = 0; i < 100000; i++)
		assert_int_equal(ratelimit_take(rl, k, T0), 0);
	assert_int_equal(ratelimit_take(rl, k, T0), 1);
	assert_int_equal(ratelimit_take(rl, k, T0 + 600), 0);
	assert_int_equal(ratelimit_take(rl, k, T0 + 600), 1);
	ratelimit_free(rl);
}

/* Other sources have their own allowance; all together have a cap. */
static void
test_global(void **state)
{
	struct ratelimit	*rl = ratelimit_new(2, 3, 60);
	uint64_t		 a = key4(rl, "192.0.2.1");
	uint64_t		 b = key4(rl, "192.0.2.2");
	uint64_t		 c = key4(rl, "198.51.100.7");

	(void)state;
	assert_int_equal(ratelimit_take(rl, a, T0), 0);
	assert_int_equal(ratelimit_take(rl, a, T0), 0);
	assert_true(ratelimit_take(rl, a, T0) > 0);
	assert_int_equal(ratelimit_take(rl, b, T0), 0);
	assert_int_equal(ratelimit_take(rl, c, T0), 20);
	ratelimit_free(rl);
}

/* One key per address; an IPv6 client by its /64; v4-mapped as v4. */
static void
test_keys(void **state)
{
	struct ratelimit	*rl = ratelimit_new(2, 3, 60);

	(void)state;
	assert_true(key4(rl, "192.0.2.1") == key4(rl, "192.0.2.1"));
	assert_true(key4(rl, "192.0.2.1") != key4(rl, "192.0.2.2"));
	assert_true(key6(rl, "2001:db8:1:2::1") ==
	    key6(rl, "2001:db8:1:2:ffff::9"));
	assert_true(key6(rl, "2001:db8:1:2::1") != key6(rl, "2001:db8:1:3::1"));
	assert_true(key6(rl, "::ffff:192.0.2.1") == key4(rl, "192.0.2.1"));
	ratelimit_free(rl);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(test_allowance),
		cmocka_unit_test(test_window_edge),
		cmocka_unit_test(test_room),
		cmocka_unit_test(test_highest),
		cmocka_unit_test(test_global),
		cmocka_unit_test(test_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
