/*
 * One 64-bit slot per hash bucket, updated with compare-and-swap so
 * workers need no lock: the generic cell rate algorithm.  The slot holds
 * the microsecond at which the source's allowance is whole again; each
 * input moves it on by window / limit, and an input that would move it
 * more than a window past now is refused.  So `limit' inputs may come at
 * once, then one each window / limit, and no edge of a window lets twice
 * the limit through.  Two sources that share a bucket share a limit; with
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

/* Count one in `slot' at microsecond `now', unless the allowance is spent. */
static int
take(uint64_t *slot, int limit, int window, uint64_t now)
{
	uint64_t	 old, tat, span, step;

	span = (uint64_t)window * 1000000;
	step = span / (uint64_t)limit;
	old = __atomic_load_n(slot, __ATOMIC_RELAXED);
	do {
		tat = old > now ? old : now;
		if (tat + step > now + span)
			return (int)((tat + step - now - span + 999999) /
			    1000000);
	} while (!__atomic_compare_exchange_n(slot, &old, tat + step, 0,
	    __ATOMIC_RELAXED, __ATOMIC_RELAXED));
	return 0;
}

int
ratelimit_take(struct ratelimit *rl, uint64_t key, uint64_t now)
{
	int	 secs;

	if ((secs = take(&rl->slots[key % RL_SLOTS], rl->limit, rl->window,
	    now)) > 0)
		return secs;
	return take(&rl->global, rl->global_limit, rl->window, now);
}
