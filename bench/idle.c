/*
 * idle: hold many idle connections open against a server, for the
 * benchmark's memory figures (issue 7), and see whether and when the
 * server closes them.
 *
 * With -m handshake each connection completes its TLS handshake and then
 * sends nothing; with -m silent it sends no byte at all.  Connections are
 * opened -c at a time.  Once all are open the tool writes the ready file
 * (the benchmark reads the server's memory then) and holds them for at
 * most -H seconds, or until the server has closed every one, noting when
 * each was closed.  Then it prints one line of key=value results.
 */
#include <sys/resource.h>
#include <sys/socket.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#define CONNS_MAX	100000
#define SWEEP_US	100000	/* look at held connections this often */

enum istate {
	IS_NEW,
	IS_CONNECT,
	IS_HANDSHAKE,
	IS_HELD,		/* open and idle: what we measure */
	IS_CLOSED,		/* the server closed it while held */
	IS_FAILED		/* could not be opened */
};

struct iconn {
	int		 fd;
	SSL		*ssl;
	enum istate	 state;
	short		 events;
	long long	 t_open;	/* connect() called, monotonic us */
	long long	 t_closed;
};

static struct iconn	*conns;
static int		 nconns, handshake = 1;
static SSL_CTX		*ctx;
static struct sockaddr_storage addr;
static socklen_t	 addrlen;
static const char	*sni = "localhost";
static long long	 nfailed, nclosed;

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: idle [-c inflight] [-H hold] [-h host] "
	    "[-m handshake | silent] [-n conns]\n"
	    "\t[-p port] [-r readyfile] [-s sni] [-T timeout]\n");
	exit(1);
}

static long long
mono_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static long long
number(const char *s, long long min, long long max, const char *what)
{
	char		*end;
	long long	 n;

	errno = 0;
	n = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno == ERANGE || n < min ||
	    n > max)
		errx(1, "%s must be a number from %lld to %lld: %s", what, min,
		    max, s);
	return n;
}

static void
conn_end(struct iconn *c, enum istate state)
{
	if (c->ssl != NULL)
		SSL_set_shutdown(c->ssl, SSL_SENT_SHUTDOWN |
		    SSL_RECEIVED_SHUTDOWN);
	SSL_free(c->ssl);
	c->ssl = NULL;
	if (c->fd != -1)
		close(c->fd);
	c->fd = -1;
	c->state = state;
	if (state == IS_FAILED)
		nfailed++;
	else if (state == IS_CLOSED) {
		c->t_closed = mono_us();
		nclosed++;
	}
}

static void
conn_start(struct iconn *c)
{
	c->t_open = mono_us();
	c->state = IS_CONNECT;
	c->events = POLLOUT;
	if ((c->fd = socket(addr.ss_family, SOCK_STREAM, 0)) == -1) {
		if (errno == EMFILE || errno == ENFILE)
			errx(1, "out of descriptors: raise ulimit -n");
		conn_end(c, IS_FAILED);
		return;
	}
	if (fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK) == -1)
		err(1, "fcntl");
	if (connect(c->fd, (struct sockaddr *)&addr, addrlen) == -1 &&
	    errno != EINPROGRESS)
		conn_end(c, IS_FAILED);
}

/* Advance an opening connection as far as it goes without blocking. */
static void
conn_step(struct iconn *c)
{
	socklen_t	 sl;
	int		 e, r, soerr;

	if (c->state == IS_CONNECT) {
		sl = sizeof(soerr);
		if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) ==
		    -1 || soerr != 0) {
			conn_end(c, IS_FAILED);
			return;
		}
		if (!handshake) {
			c->state = IS_HELD;
			return;
		}
		if ((c->ssl = SSL_new(ctx)) == NULL ||
		    SSL_set_fd(c->ssl, c->fd) != 1 ||
		    (sni != NULL && SSL_set_tlsext_host_name(c->ssl, sni) != 1))
			errx(1, "cannot set up a TLS connection");
		c->state = IS_HANDSHAKE;
	}
	ERR_clear_error();
	if ((r = SSL_connect(c->ssl)) == 1) {
		c->state = IS_HELD;
		return;
	}
	e = SSL_get_error(c->ssl, r);
	if (e == SSL_ERROR_WANT_READ)
		c->events = POLLIN;
	else if (e == SSL_ERROR_WANT_WRITE)
		c->events = POLLOUT;
	else {
		ERR_clear_error();
		conn_end(c, IS_FAILED);
	}
}

/* A held connection is readable: a session ticket, or the server's close. */
static void
held_readable(struct iconn *c)
{
	char	 buf[4096];
	ssize_t	 n;
	int	 r, e;

	if (!handshake) {
		n = recv(c->fd, buf, sizeof(buf), 0);
		if (n == 0 || (n == -1 && errno != EAGAIN && errno != EINTR))
			conn_end(c, IS_CLOSED);
		return;
	}
	for (;;) {
		ERR_clear_error();
		if ((r = SSL_read(c->ssl, buf, sizeof(buf))) > 0)
			continue;	/* not expected; keep waiting */
		e = SSL_get_error(c->ssl, r);
		if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) {
			ERR_clear_error();
			conn_end(c, IS_CLOSED);
		}
		return;
	}
}

/* Poll the held connections once, without waiting. */
static void
sweep(struct pollfd *pfd, int *idx, int wait_ms)
{
	int	 i, n, np = 0;

	for (i = 0; i < nconns; i++)
		if (conns[i].state == IS_HELD) {
			pfd[np].fd = conns[i].fd;
			pfd[np].events = POLLIN;
			pfd[np].revents = 0;
			idx[np++] = i;
		}
	if (np == 0)
		return;
	if ((n = poll(pfd, (nfds_t)np, wait_ms)) == -1) {
		if (errno == EINTR)
			return;
		err(1, "poll");
	}
	for (i = 0; n > 0 && i < np; i++)
		if (pfd[i].revents != 0) {
			held_readable(&conns[idx[i]]);
			n--;
		}
}

static int
cmp_ll(const void *a, const void *b)
{
	long long	 x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

static void
ready_write(const char *path, long long held, long long ms)
{
	FILE	*fp;
	char	 tmp[4096];

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= sizeof(tmp))
		errx(1, "ready file name too long");
	if ((fp = fopen(tmp, "w")) == NULL)
		err(1, "%s", tmp);
	fprintf(fp, "held=%lld open_ms=%lld\n", held, ms);
	if (fclose(fp) != 0 || rename(tmp, path) == -1)
		err(1, "%s", path);
}

int
main(int argc, char *argv[])
{
	struct addrinfo	 hints, *res;
	struct rlimit	 rl;
	struct pollfd	*pfd;
	long long	*closes, t0, t_ready, t_end, now, next_sweep;
	long long	 held, held_at_ready, nclosed_at_ready, timeout_us;
	const char	*host = "127.0.0.1", *port = "1965";
	const char	*readyfile = NULL;
	double		 hold = 15, timeout = 10;
	int		*idx, ch, e, i, n, np, inflight = 64, next = 0, active;

	nconns = 10000;
	while ((ch = getopt(argc, argv, "c:H:h:m:n:p:r:s:T:")) != -1) {
		switch (ch) {
		case 'c':
			inflight = (int)number(optarg, 1, 4096, "in flight");
			break;
		case 'H':
			hold = (double)number(optarg, 0, 3600, "hold");
			break;
		case 'h':
			host = optarg;
			break;
		case 'm':
			if (strcmp(optarg, "handshake") == 0)
				handshake = 1;
			else if (strcmp(optarg, "silent") == 0)
				handshake = 0;
			else
				usage();
			break;
		case 'n':
			nconns = (int)number(optarg, 1, CONNS_MAX,
			    "connections");
			break;
		case 'p':
			(void)number(optarg, 1, 65535, "port");
			port = optarg;
			break;
		case 'r':
			readyfile = optarg;
			break;
		case 's':
			sni = optarg[0] == '\0' || strcmp(optarg, "-") == 0 ?
			    NULL : optarg;
			break;
		case 'T':
			timeout = (double)number(optarg, 1, 3600, "timeout");
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();

	signal(SIGPIPE, SIG_IGN);
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
	    rl.rlim_cur < (rlim_t)nconns + 64) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
		    rl.rlim_cur < (rlim_t)nconns + 16)
			errx(1, "%d connections need more descriptors than "
			    "ulimit -n allows (%llu)", nconns,
			    (unsigned long long)rl.rlim_cur);
	}
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if ((e = getaddrinfo(host, port, &hints, &res)) != 0)
		errx(1, "%s port %s: %s", host, port, gai_strerror(e));
	memcpy(&addr, res->ai_addr, res->ai_addrlen);
	addrlen = res->ai_addrlen;
	freeaddrinfo(res);

	if ((ctx = SSL_CTX_new(TLS_client_method())) == NULL ||
	    !SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION))
		errx(1, "cannot create TLS context");
	SSL_CTX_set_verify(ctx, SSL_VERIFY_NONE, NULL);
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
	/* Our own memory is not what is measured; keep it small anyway. */
	SSL_CTX_set_mode(ctx, SSL_MODE_RELEASE_BUFFERS);

	if ((conns = calloc((size_t)nconns, sizeof(*conns))) == NULL ||
	    (pfd = calloc((size_t)nconns, sizeof(*pfd))) == NULL ||
	    (idx = calloc((size_t)nconns, sizeof(*idx))) == NULL ||
	    (closes = calloc((size_t)nconns, sizeof(*closes))) == NULL)
		err(1, NULL);
	for (i = 0; i < nconns; i++) {
		conns[i].fd = -1;
		conns[i].state = IS_NEW;
	}

	/* Open them all, `inflight' at a time, each within the timeout. */
	timeout_us = (long long)(timeout * 1e6);
	t0 = mono_us();
	next_sweep = t0 + SWEEP_US;
	for (;;) {
		now = mono_us();
		active = 0;
		for (i = 0; i < next; i++)
			if (conns[i].state == IS_CONNECT ||
			    conns[i].state == IS_HANDSHAKE)
				active++;
		while (active < inflight && next < nconns) {
			conn_start(&conns[next++]);
			if (conns[next - 1].state == IS_CONNECT)
				active++;
		}
		if (active == 0 && next == nconns)
			break;
		for (i = np = 0; i < next; i++) {
			struct iconn *c = &conns[i];

			if (c->state != IS_CONNECT &&
			    c->state != IS_HANDSHAKE)
				continue;
			if (now - c->t_open > timeout_us) {
				conn_end(c, IS_FAILED);
				continue;
			}
			pfd[np].fd = c->fd;
			pfd[np].events = c->events;
			pfd[np].revents = 0;
			idx[np++] = i;
		}
		if (np > 0 && (n = poll(pfd, (nfds_t)np, 100)) > 0)
			for (i = 0; n > 0 && i < np; i++)
				if (pfd[i].revents != 0) {
					conn_step(&conns[idx[i]]);
					n--;
				}
		if (mono_us() >= next_sweep) {
			sweep(pfd, idx, 0);
			next_sweep = mono_us() + SWEEP_US;
		}
	}
	sweep(pfd, idx, 0);
	t_ready = mono_us();
	held_at_ready = 0;
	for (i = 0; i < nconns; i++)
		if (conns[i].state == IS_HELD)
			held_at_ready++;
	nclosed_at_ready = nclosed;
	if (readyfile != NULL)
		ready_write(readyfile, held_at_ready, (t_ready - t0) / 1000);

	/* Hold, and watch the server close them. */
	t_end = t_ready + (long long)(hold * 1e6);
	for (;;) {
		held = 0;
		for (i = 0; i < nconns; i++)
			if (conns[i].state == IS_HELD)
				held++;
		now = mono_us();
		if (held == 0 || now >= t_end)
			break;
		sweep(pfd, idx, (int)((t_end - now) / 1000 < 200 ?
		    (t_end - now) / 1000 + 1 : 200));
	}

	for (i = n = 0; i < nconns; i++)
		if (conns[i].state == IS_CLOSED)
			closes[n++] = conns[i].t_closed - conns[i].t_open;
	qsort(closes, (size_t)n, sizeof(*closes), cmp_ll);
	printf("mode=%s conns=%d opened=%lld failed=%lld open_ms=%lld "
	    "held_at_ready=%lld closed_before_ready=%lld closed=%d "
	    "still_open=%lld hold_s=%g", handshake ? "handshake" : "silent",
	    nconns, (long long)nconns - nfailed, nfailed,
	    (t_ready - t0) / 1000, held_at_ready, nclosed_at_ready, n, held,
	    hold);
	if (n > 0)
		printf(" close_min_ms=%lld close_p50_ms=%lld close_max_ms=%lld",
		    closes[0] / 1000, closes[(n - 1) / 2] / 1000,
		    closes[n - 1] / 1000);
	printf("\n");

	for (i = 0; i < nconns; i++)
		if (conns[i].state == IS_HELD)
			conn_end(&conns[i], IS_NEW);
	SSL_CTX_free(ctx);
	free(conns);
	free(pfd);
	free(idx);
	free(closes);
	return 0;
}
