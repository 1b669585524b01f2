/*
 * One 64-bit slot per hash bucket: the window number in the high half,
 * the count in the low half, updated with compare-and-swap so workers
 * need no lock.  Two sources that share a bucket share a limit; with
 * RL_SLOTS buckets that is rare, and it errs on the side of saying
 * "slow down", never of saving more.
 */
#include <sys/mman.h>
#include <netinet/in.h>

#include <string.h>

#include <openssl/rand.h>

#include "log.h"
#include "ratelimit.h"

#define RL_SLOTS	16384

struct ratelimit {
	uint64_t	 salt[2];
	int		 limit;
	int		 global_limit;
	int		 window;
	uint64_t	 global;	/* every source together */
	uint64_t	 slots[RL_SLOTS];
};

struct ratelimit *
ratelimit_new(int limit, int global, int window)
{
	struct ratelimit	*rl;

	rl = mmap(NULL, sizeof(*rl), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (rl == MAP_FAILED)
		fatal("mmap");
	memset(rl, 0, sizeof(*rl));
	if (RAND_bytes((unsigned char *)rl->salt, sizeof(rl->salt)) != 1)
		fatalx("RAND_bytes failed");
	rl->limit = limit;
	rl->global_limit = global;
	rl->window = window > 0 ? window : 1;
	return rl;
}

void
ratelimit_free(struct ratelimit *rl)
{
	if (rl != NULL)
		munmap(rl, sizeof(*rl));
}

static uint64_t
mix(uint64_t h)
{
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h;
}

uint64_t
ratelimit_key(const struct ratelimit *rl, const struct sockaddr *sa,
    socklen_t len)
{
	const unsigned char	*p = NULL;
	uint64_t		 h = rl->salt[0];
	size_t			 n = 0, i;

	if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		p = (const unsigned char *)
		    &((const struct sockaddr_in *)(const void *)sa)->sin_addr;
		n = 4;
	} else if (sa->sa_family == AF_INET6 &&
	    len >= sizeof(struct sockaddr_in6)) {
		p = ((const struct sockaddr_in6 *)(const void *)sa)->
		    sin6_addr.s6_addr;
		/* A v4-mapped address is its last four bytes; else the /64. */
		if (IN6_IS_ADDR_V4MAPPED(
		    &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr))
			p += 12, n = 4;
		else
			n = 8;
	}
	for (i = 0; i < n; i++)
		h = mix(h ^ p[i] ^ rl->salt[1]);
	return mix(h + n);
}

/* Count one in `slot' for this window, unless it holds `limit'. */
static int
take(uint64_t *slot, int limit, int window, long long now)
{
	uint64_t	 old, new, win, count;

	win = (uint64_t)(now / window) + 1;		/* 0: never used */
	old = __atomic_load_n(slot, __ATOMIC_RELAXED);
	do {
		count = (old >> 32) == (win & 0xffffffff) ?
		    old & 0xffffffff : 0;
		if (count >= (uint64_t)limit)
			return (int)(win * window - now);
		new = (win & 0xffffffff) << 32 | (count + 1);
	} while (!__atomic_compare_exchange_n(slot, &old, new, 0,
	    __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	return 0;
}

int
ratelimit_take(struct ratelimit *rl, uint64_t key, long long now)
{
	int	 secs;

	if (now < 0)
		now = 0;
	if ((secs = take(&rl->slots[key % RL_SLOTS], rl->limit, rl->window,
	    now)) > 0)
		return secs;
	return take(&rl->global, rl->global_limit, rl->window, now);
}
