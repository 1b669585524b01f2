/*
 * Participant input, rate-limited in memory per connection source: an
 * allowance per salted hash of the client's address (an IPv6 client by
 * its /64) that refills steadily, sized for a room of people behind one
 * Wi-Fi address, and a cap on every source together that protects the
 * record.  The table is shared by every worker (an anonymous
 * shared mapping made before they fork), holds no address, and is never
 * written anywhere.
 */
#ifndef RATELIMIT_H
#define RATELIMIT_H

#include <sys/socket.h>

#include <stdint.h>

struct ratelimit;

/*
 * `limit' inputs per source and `global' from all sources together, per
 * `window' seconds: up to that many at once, then the allowance refills
 * steadily, one each `window' / `limit' seconds.  Both at least 1.
 * Before fork; fatal() on failure.
 */
struct ratelimit *ratelimit_new(int limit, int global, int window);
void	ratelimit_free(struct ratelimit *);

/* The key for the source of a connection: a salted hash, not reversible. */
uint64_t ratelimit_key(const struct ratelimit *, const struct sockaddr *,
	    socklen_t);

/*
 * Count one input from source `key' at monotonic microsecond `now': 0 if
 * it is allowed, else the seconds until the source may send again (>= 1).
 */
int	ratelimit_take(struct ratelimit *, uint64_t key, uint64_t now);

#endif
