/*
 * loadgen: a Gemini load generator for the benchmark (issue 7).
 *
 * It keeps `-c' connections going at once on non-blocking sockets under
 * poll(2).  Each connection connects, makes a full TLS handshake (or
 * resumes the last session it was given, with -r), sends one request
 * line and reads the whole response.  A request counts only when the
 * response starts with the expected status, has at least the expected
 * number of bytes, and ends with close_notify (SSL_read answers
 * SSL_ERROR_ZERO_RETURN); anything else is an error of a named kind.
 *
 * With -W it asks the web door instead (blanksheetd -w): an HTTP/1.1 GET
 * for the path, naming the host and asking to close, and expects
 * "HTTP/1.1 200" and close_notify the same way.
 *
 * It stops by itself: after -n requests, or when -d seconds have passed
 * (then the connections in flight finish), and never later than -M
 * seconds plus one connection timeout.  It prints what it counted,
 * requests per second, latency percentiles and its own CPU time, so a
 * run limited by the client rather than the server can be seen.
 */
#include <sys/resource.h>
#include <sys/socket.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
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

#define CONC_MAX	10000
#define HEAD_MAX	1032	/* a Gemini header is at most 1029 bytes */
#define READ_CHUNK	16384
#define URL_MAX		1024	/* Gemini, section 2: request length */
#define POLL_MS_MAX	100

enum cstate {
	CS_FREE,
	CS_CONNECT,
	CS_HANDSHAKE,
	CS_WRITE,
	CS_READ
};

enum errkind {
	E_CONNECT,		/* TCP connect failed */
	E_HANDSHAKE,		/* TLS handshake failed */
	E_WRITE,		/* sending the request failed */
	E_RESET,		/* connection reset while reading */
	E_EOF,			/* closed without close_notify */
	E_READ,			/* any other error while reading */
	E_STATUS,		/* complete, but not the expected status */
	E_SHORT,		/* complete, right status, too few bytes */
	E_TIMEOUT,		/* the connection's deadline passed */
	E_RESUME,		/* -r, but the server made a full handshake */
	E_NKINDS
};

static const char *const errname[E_NKINDS] = {
	"connect", "handshake", "write", "reset", "no_close_notify",
	"read", "status", "short", "timeout", "not_resumed"
};

struct conn {
	int		 fd;
	SSL		*ssl;
	enum cstate	 state;
	short		 events;	/* POLLIN or POLLOUT */
	long long	 start_us;
	long long	 deadline_us;
	size_t		 reqoff;	/* request bytes sent */
	long long	 got;		/* response bytes read */
	char		 head[HEAD_MAX];
	size_t		 headlen;
	SSL_SESSION	*session;	/* -r: this slot's next ticket; owned */
};

struct lg {
	/* options */
	const char	*host;		/* connect to */
	const char	*port;
	const char	*sni;		/* NULL: send none */
	const char	*status;	/* expected prefix of the response */
	long long	 minbytes;
	long long	 nreq;		/* 0: no limit but the duration */
	double		 duration;	/* seconds; 0: none */
	double		 maxtime;	/* seconds; hard bound on starting */
	double		 timeout;	/* seconds per connection */
	int		 conc;
	int		 resume;
	int		 verbose;
	const char	*srvpids;	/* -S: "pid,pid,..." or NULL */

	/* state */
	SSL_CTX		*ctx;
	struct sockaddr_storage addr;
	socklen_t	 addrlen;
	char		 req[URL_MAX + 128];
	size_t		 reqlen;
	struct conn	*conns;		/* conc of them */
	struct pollfd	*pfds;
	int		*pidx;		/* pfds[i] belongs to conns[pidx[i]] */
	int		 active;
	long long	 started;
	int		 recording;

	/* results of the measured run */
	long long	 ok, resumed, bytes;
	long long	 errs[E_NKINDS];
	unsigned int	*lat;		/* microseconds, one per ok request */
	size_t		 nlat, latcap;
};

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr,
	    "usage: loadgen [-2krvW] [-c conns] [-d seconds] [-e status] "
	    "[-h host]\n"
	    "\t[-M seconds] [-m bytes] [-n requests] [-P path] [-p port]\n"
	    "\t[-S pid,...] [-s sni] [-T seconds] [-U url]\n");
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
tv_us(const struct timeval *tv)
{
	return (long long)tv->tv_sec * 1000000 + tv->tv_usec;
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

static double
seconds(const char *s, double min, double max, const char *what)
{
	char	*end;
	double	 d;

	errno = 0;
	d = strtod(s, &end);
	if (*s == '\0' || *end != '\0' || errno == ERANGE || !(d >= min) ||
	    d > max)
		errx(1, "%s must be from %g to %g seconds: %s", what, min, max,
		    s);
	return d;
}

/*
 * -r: keep the ticket a connection receives for the next connection of
 * the same slot, as a returning client would.  OpenSSL marks a TLS 1.3
 * session used once a resumed handshake ends (tickets are for one use,
 * RFC 8446, appendix C.4), so each slot needs its own.  Takes `sess'.
 */
static int
new_session(SSL *ssl, SSL_SESSION *sess)
{
	struct conn	*c = SSL_get_app_data(ssl);

	if (c == NULL || !SSL_SESSION_is_resumable(sess))
		return 0;
	SSL_SESSION_free(c->session);
	c->session = sess;
	return 1;
}

static void
ctx_init(struct lg *lg, int tls12)
{
	if ((lg->ctx = SSL_CTX_new(TLS_client_method())) == NULL)
		errx(1, "cannot create TLS context");
	if (!SSL_CTX_set_min_proto_version(lg->ctx, TLS1_2_VERSION) ||
	    !SSL_CTX_set_max_proto_version(lg->ctx, tls12 ? TLS1_2_VERSION :
	    TLS1_3_VERSION))
		errx(1, "cannot set TLS versions");
	/* Gemini uses trust on first use: no chain to verify here. */
	SSL_CTX_set_verify(lg->ctx, SSL_VERIFY_NONE, NULL);
	SSL_CTX_set_mode(lg->ctx, SSL_MODE_ENABLE_PARTIAL_WRITE);
	if (lg->resume) {
		SSL_CTX_set_session_cache_mode(lg->ctx, SSL_SESS_CACHE_CLIENT |
		    SSL_SESS_CACHE_NO_INTERNAL_STORE);
		SSL_CTX_sess_set_new_cb(lg->ctx, new_session);
	} else
		SSL_CTX_set_session_cache_mode(lg->ctx, SSL_SESS_CACHE_OFF);
}

static void
resolve(struct lg *lg)
{
	struct addrinfo	 hints, *res;
	int		 e;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if ((e = getaddrinfo(lg->host, lg->port, &hints, &res)) != 0)
		errx(1, "%s port %s: %s", lg->host, lg->port, gai_strerror(e));
	memcpy(&lg->addr, res->ai_addr, res->ai_addrlen);
	lg->addrlen = res->ai_addrlen;
	freeaddrinfo(res);
}

static void
conn_free(struct lg *lg, struct conn *c)
{
	/*
	 * Close quietly: no close_notify of ours (the server has gone), and
	 * no "bad session" mark, which SSL_free() would put on the session
	 * that -r hands to every next connection.
	 */
	if (c->ssl != NULL)
		SSL_set_shutdown(c->ssl, SSL_SENT_SHUTDOWN |
		    SSL_RECEIVED_SHUTDOWN);
	SSL_free(c->ssl);
	c->ssl = NULL;
	if (c->fd != -1)
		close(c->fd);
	c->fd = -1;
	c->state = CS_FREE;
	lg->active--;
}

static void
fail(struct lg *lg, struct conn *c, enum errkind kind, const char *why)
{
	if (lg->recording) {
		if (lg->verbose && lg->errs[kind] == 0)
			fprintf(stderr, "loadgen: first %s error: %s\n",
			    errname[kind], why);
		lg->errs[kind]++;
	} else if (lg->verbose)
		fprintf(stderr, "loadgen: warm-up: %s error: %s\n",
		    errname[kind], why);
	conn_free(lg, c);
}

/* Why an SSL call failed, in a few words; empties the error queue. */
static const char *
ssl_why(int e, char *buf, size_t len)
{
	unsigned long	 code;

	if (e == SSL_ERROR_SYSCALL && ERR_peek_error() == 0) {
		snprintf(buf, len, "%s", errno == 0 ? "end of file" :
		    strerror(errno));
		return buf;
	}
	if ((code = ERR_peek_error()) != 0)
		ERR_error_string_n(code, buf, len);
	else
		snprintf(buf, len, "SSL error %d", e);
	ERR_clear_error();
	return buf;
}

/* The response ended with close_notify: judge it. */
static void
finish(struct lg *lg, struct conn *c)
{
	size_t		 plen = strlen(lg->status);
	long long	 us;

	if (c->headlen < plen || memcmp(c->head, lg->status, plen) != 0) {
		fail(lg, c, E_STATUS, "unexpected status");
		return;
	}
	if (c->got < lg->minbytes) {
		fail(lg, c, E_SHORT, "too few bytes");
		return;
	}
	if (lg->resume && lg->recording && !SSL_session_reused(c->ssl)) {
		fail(lg, c, E_RESUME, "full handshake");
		return;
	}
	if (lg->recording) {
		us = mono_us() - c->start_us;
		if (lg->nlat == lg->latcap) {
			lg->latcap = lg->latcap == 0 ? 4096 : lg->latcap * 2;
			if ((lg->lat = reallocarray(lg->lat, lg->latcap,
			    sizeof(*lg->lat))) == NULL)
				err(1, NULL);
		}
		lg->lat[lg->nlat++] = us > UINT_MAX ? UINT_MAX :
		    (unsigned int)us;
		lg->ok++;
		lg->bytes += c->got;
		if (SSL_session_reused(c->ssl))
			lg->resumed++;
	}
	conn_free(lg, c);
}

static void
got_bytes(struct conn *c, const char *buf, int n)
{
	size_t	 take;

	if (c->headlen < HEAD_MAX) {
		take = HEAD_MAX - c->headlen;
		if (take > (size_t)n)
			take = (size_t)n;
		memcpy(c->head + c->headlen, buf, take);
		c->headlen += take;
	}
	c->got += n;
}

/* Go as far as the connection can without blocking. */
static void
step(struct lg *lg, struct conn *c)
{
	char		 buf[READ_CHUNK], why[256];
	socklen_t	 sl;
	int		 e, n, soerr;

	switch (c->state) {
	case CS_CONNECT:
		sl = sizeof(soerr);
		if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) == -1)
			soerr = errno;
		if (soerr != 0) {
			fail(lg, c, E_CONNECT, strerror(soerr));
			return;
		}
		if ((c->ssl = SSL_new(lg->ctx)) == NULL ||
		    SSL_set_fd(c->ssl, c->fd) != 1 ||
		    SSL_set_app_data(c->ssl, c) != 1 ||
		    (lg->sni != NULL &&
		    SSL_set_tlsext_host_name(c->ssl, lg->sni) != 1) ||
		    (lg->resume && c->session != NULL &&
		    SSL_set_session(c->ssl, c->session) != 1))
			errx(1, "cannot set up a TLS connection");
		c->state = CS_HANDSHAKE;
		/* FALLTHROUGH */
	case CS_HANDSHAKE:
		ERR_clear_error();
		errno = 0;
		if ((n = SSL_connect(c->ssl)) != 1) {
			e = SSL_get_error(c->ssl, n);
			if (e == SSL_ERROR_WANT_READ)
				c->events = POLLIN;
			else if (e == SSL_ERROR_WANT_WRITE)
				c->events = POLLOUT;
			else
				fail(lg, c, E_HANDSHAKE, ssl_why(e, why,
				    sizeof(why)));
			return;
		}
		c->state = CS_WRITE;
		/* FALLTHROUGH */
	case CS_WRITE:
		while (c->reqoff < lg->reqlen) {
			ERR_clear_error();
			errno = 0;
			n = SSL_write(c->ssl, lg->req + c->reqoff,
			    (int)(lg->reqlen - c->reqoff));
			if (n > 0) {
				c->reqoff += (size_t)n;
				continue;
			}
			e = SSL_get_error(c->ssl, n);
			if (e == SSL_ERROR_WANT_READ)
				c->events = POLLIN;
			else if (e == SSL_ERROR_WANT_WRITE)
				c->events = POLLOUT;
			else
				fail(lg, c, E_WRITE, ssl_why(e, why,
				    sizeof(why)));
			return;
		}
		c->state = CS_READ;
		/* FALLTHROUGH */
	case CS_READ:
		for (;;) {
			ERR_clear_error();
			errno = 0;
			n = SSL_read(c->ssl, buf, sizeof(buf));
			if (n > 0) {
				got_bytes(c, buf, n);
				continue;
			}
			e = SSL_get_error(c->ssl, n);
			switch (e) {
			case SSL_ERROR_ZERO_RETURN:
				finish(lg, c);
				return;
			case SSL_ERROR_WANT_READ:
				c->events = POLLIN;
				return;
			case SSL_ERROR_WANT_WRITE:
				c->events = POLLOUT;
				return;
			case SSL_ERROR_SYSCALL:
				if (ERR_peek_error() == 0 && (errno == 0 ||
				    n == 0)) {
					fail(lg, c, E_EOF, "end of file");
					return;
				}
				if (errno == ECONNRESET || errno == EPIPE) {
					fail(lg, c, E_RESET, strerror(errno));
					return;
				}
				break;
			case SSL_ERROR_SSL:
				if (ERR_GET_REASON(ERR_peek_error()) ==
				    SSL_R_UNEXPECTED_EOF_WHILE_READING) {
					ERR_clear_error();
					fail(lg, c, E_EOF, "end of file");
					return;
				}
				break;
			}
			fail(lg, c, E_READ, ssl_why(e, why, sizeof(why)));
			return;
		}
	case CS_FREE:
		break;
	}
}

static void
start(struct lg *lg, struct conn *c)
{
	int	 on = 1;

	c->ssl = NULL;
	c->reqoff = 0;
	c->got = 0;
	c->headlen = 0;
	c->start_us = mono_us();
	c->deadline_us = c->start_us + (long long)(lg->timeout * 1e6);
	c->state = CS_CONNECT;
	c->events = POLLOUT;
	lg->active++;
	lg->started++;
	if ((c->fd = socket(lg->addr.ss_family, SOCK_STREAM, 0)) == -1) {
		fail(lg, c, E_CONNECT, strerror(errno));
		return;
	}
	(void)setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
	if (fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK) == -1)
		err(1, "fcntl");
	if (connect(c->fd, (struct sockaddr *)&lg->addr, lg->addrlen) == -1 &&
	    errno != EINPROGRESS) {
		fail(lg, c, E_CONNECT, strerror(errno));
		return;
	}
	/* Writable once connected, or with SO_ERROR set. */
}

/*
 * Run `nreq' requests (0: until the duration ends), `conc' at a time.
 * Results are kept only when `record' is set; a warm-up run is not.
 */
static void
run(struct lg *lg, long long nreq, int conc, double duration, int record)
{
	long long	 now, t0, t_stop, t_hard, wait;
	int		 i, n, np, starting = 1;

	lg->recording = record;
	lg->started = 0;
	t0 = mono_us();
	t_stop = t0 + (long long)((duration > 0 && duration < lg->maxtime ?
	    duration : lg->maxtime) * 1e6);
	t_hard = t_stop + (long long)(lg->timeout * 1e6);
	for (;;) {
		now = mono_us();
		if (starting && ((nreq > 0 && lg->started >= nreq) ||
		    now >= t_stop))
			starting = 0;
		for (i = 0; starting && i < conc && lg->active < conc; i++)
			if (lg->conns[i].state == CS_FREE) {
				start(lg, &lg->conns[i]);
				if (nreq > 0 && lg->started >= nreq)
					starting = 0;
			}
		if (!starting && lg->active == 0)
			break;

		wait = POLL_MS_MAX;
		for (i = np = 0; i < conc; i++) {
			struct conn *c = &lg->conns[i];

			if (c->state == CS_FREE)
				continue;
			if (now >= c->deadline_us || now >= t_hard) {
				fail(lg, c, E_TIMEOUT, "deadline passed");
				continue;
			}
			if ((c->deadline_us - now) / 1000 + 1 < wait)
				wait = (c->deadline_us - now) / 1000 + 1;
			lg->pfds[np].fd = c->fd;
			lg->pfds[np].events = c->events;
			lg->pfds[np].revents = 0;
			lg->pidx[np++] = i;
		}
		if (np == 0)
			continue;
		if ((n = poll(lg->pfds, (nfds_t)np, (int)wait)) == -1) {
			if (errno == EINTR)
				continue;
			err(1, "poll");
		}
		for (i = 0; n > 0 && i < np; i++)
			if (lg->pfds[i].revents != 0) {
				step(lg, &lg->conns[lg->pidx[i]]);
				n--;
			}
	}
}

/*
 * CPU time of processes `pids' ("pid,pid,..."): user and system, their
 * own and their waited-for children's, from /proc/PID/stat (Linux), in
 * microseconds.  -1 if any cannot be read.
 */
static long long
procs_cpu_us(const char *pids)
{
	const char	*list = pids;
	char		 path[64], line[1024], *q, *end;
	long long	 ticks = 0;
	long		 hz = sysconf(_SC_CLK_TCK), pid;
	FILE		*fp;
	int		 field, ok;

	while (*list != '\0') {
		pid = strtol(list, &end, 10);
		if (end == list || (*end != ',' && *end != '\0'))
			return -1;
		list = *end == ',' ? end + 1 : end;
		snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
		if ((fp = fopen(path, "r")) == NULL)
			return -1;
		ok = fgets(line, sizeof(line), fp) != NULL;
		fclose(fp);
		/* "pid (name) S ppid ...": utime is field 14, cstime 17. */
		if (!ok || (q = strrchr(line, ')')) == NULL)
			return -1;
		q++;
		for (field = 3; field <= 17; field++) {
			while (*q == ' ')
				q++;
			if (field >= 14)
				ticks += strtoll(q, NULL, 10);
			while (*q != ' ' && *q != '\0')
				q++;
		}
	}
	return hz > 0 ? ticks * 1000000 / hz : -1;
}

static int
cmp_uint(const void *a, const void *b)
{
	unsigned int	 x = *(const unsigned int *)a;
	unsigned int	 y = *(const unsigned int *)b;

	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of the sorted latencies, in microseconds. */
static long long
percentile(const struct lg *lg, int p)
{
	size_t	 rank;

	if (lg->nlat == 0)
		return 0;
	rank = (lg->nlat * (size_t)p + 99) / 100;
	return lg->lat[rank > 0 ? rank - 1 : 0];
}

int
main(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "concurrency",	required_argument,	NULL, 'c' },
		{ "duration",		required_argument,	NULL, 'd' },
		{ "status",		required_argument,	NULL, 'e' },
		{ "host",		required_argument,	NULL, 'h' },
		{ "keyval",		no_argument,		NULL, 'k' },
		{ "max-time",		required_argument,	NULL, 'M' },
		{ "min-bytes",		required_argument,	NULL, 'm' },
		{ "requests",		required_argument,	NULL, 'n' },
		{ "path",		required_argument,	NULL, 'P' },
		{ "port",		required_argument,	NULL, 'p' },
		{ "resume",		no_argument,		NULL, 'r' },
		{ "server-pids",	required_argument,	NULL, 'S' },
		{ "sni",		required_argument,	NULL, 's' },
		{ "timeout",		required_argument,	NULL, 'T' },
		{ "tls12",		no_argument,		NULL, '2' },
		{ "url",		required_argument,	NULL, 'U' },
		{ "verbose",		no_argument,		NULL, 'v' },
		{ "web",		no_argument,		NULL, 'W' },
		{ NULL,			0,			NULL, 0 }
	};
	struct lg	 lg;
	struct rusage	 ru0, ru1;
	const char	*path = "/", *url = NULL;
	long long	 t0, wall, errors = 0, cpu_user, cpu_sys;
	long long	 srv0 = -1, srv1, srv_us = -1;
	double		 rps;
	int		 ch, i, keyval = 0, tls12 = 0, web = 0;

	memset(&lg, 0, sizeof(lg));
	lg.host = "127.0.0.1";
	lg.port = "1965";
	lg.sni = "localhost";
	lg.status = "20 ";
	lg.minbytes = 1;
	lg.conc = 1;
	lg.timeout = 10;
	lg.maxtime = 600;
	while ((ch = getopt_long(argc, argv, "2c:d:e:h:kM:m:n:P:p:rS:s:T:U:vW",
	    longopts, NULL)) != -1) {
		switch (ch) {
		case '2':
			tls12 = 1;
			break;
		case 'c':
			lg.conc = (int)number(optarg, 1, CONC_MAX,
			    "concurrency");
			break;
		case 'd':
			lg.duration = seconds(optarg, 0.01, 3600, "duration");
			break;
		case 'e':
			lg.status = optarg;
			break;
		case 'h':
			lg.host = optarg;
			break;
		case 'k':
			keyval = 1;
			break;
		case 'M':
			lg.maxtime = seconds(optarg, 0.01, 3600, "max time");
			break;
		case 'm':
			lg.minbytes = number(optarg, 0, LLONG_MAX,
			    "minimum bytes");
			break;
		case 'n':
			lg.nreq = number(optarg, 1, 100000000, "requests");
			break;
		case 'P':
			path = optarg;
			break;
		case 'p':
			(void)number(optarg, 1, 65535, "port");
			lg.port = optarg;
			break;
		case 'r':
			lg.resume = 1;
			break;
		case 'S':
			lg.srvpids = optarg;
			break;
		case 's':
			lg.sni = optarg[0] == '\0' || strcmp(optarg, "-") == 0 ?
			    NULL : optarg;
			break;
		case 'T':
			lg.timeout = seconds(optarg, 0.01, 3600, "timeout");
			break;
		case 'U':
			url = optarg;
			break;
		case 'v':
			lg.verbose = 1;
			break;
		case 'W':
			web = 1;
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if (lg.nreq == 0 && lg.duration == 0)
		lg.nreq = 1000;
	if (web) {
		if (strcmp(lg.status, "20 ") == 0)
			lg.status = "HTTP/1.1 200 ";
		i = snprintf(lg.req, sizeof(lg.req), "GET %s HTTP/1.1\r\n"
		    "Host: %s:%s\r\nConnection: close\r\n\r\n", path,
		    lg.sni != NULL ? lg.sni : lg.host, lg.port);
	} else if (url != NULL)
		i = snprintf(lg.req, sizeof(lg.req), "%s\r\n", url);
	else
		i = snprintf(lg.req, sizeof(lg.req), "gemini://%s:%s%s\r\n",
		    lg.sni != NULL ? lg.sni : lg.host, lg.port, path);
	if (i < 0 || (size_t)i >= sizeof(lg.req))
		errx(1, "request longer than %d bytes", URL_MAX);
	lg.reqlen = (size_t)i;

	signal(SIGPIPE, SIG_IGN);
	resolve(&lg);
	ctx_init(&lg, tls12);
	if ((lg.conns = calloc((size_t)lg.conc, sizeof(*lg.conns))) == NULL ||
	    (lg.pfds = calloc((size_t)lg.conc, sizeof(*lg.pfds))) == NULL ||
	    (lg.pidx = calloc((size_t)lg.conc, sizeof(*lg.pidx))) == NULL)
		err(1, NULL);
	for (i = 0; i < lg.conc; i++) {
		lg.conns[i].fd = -1;
		lg.conns[i].state = CS_FREE;
	}

	/* A session for each slot to resume from, outside the measurement. */
	if (lg.resume) {
		run(&lg, lg.conc, lg.conc, 0, 0);
		for (i = 0; i < lg.conc; i++)
			if (lg.conns[i].session == NULL)
				break;
		if (i < lg.conc)
			warnx("warm-up gave no session to resume");
	}

	if (lg.srvpids != NULL && (srv0 = procs_cpu_us(lg.srvpids)) == -1)
		warnx("cannot read the CPU time of %s", lg.srvpids);
	getrusage(RUSAGE_SELF, &ru0);
	t0 = mono_us();
	run(&lg, lg.nreq, lg.conc, lg.duration, 1);
	wall = mono_us() - t0;
	getrusage(RUSAGE_SELF, &ru1);
	if (srv0 != -1 && (srv1 = procs_cpu_us(lg.srvpids)) != -1)
		srv_us = srv1 - srv0;

	cpu_user = tv_us(&ru1.ru_utime) - tv_us(&ru0.ru_utime);
	cpu_sys = tv_us(&ru1.ru_stime) - tv_us(&ru0.ru_stime);
	for (i = 0; i < E_NKINDS; i++)
		errors += lg.errs[i];
	if (lg.nlat > 0)
		qsort(lg.lat, lg.nlat, sizeof(*lg.lat), cmp_uint);
	rps = wall > 0 ? lg.ok * 1e6 / (double)wall : 0;

	if (keyval) {
		printf("ok=%lld errors=%lld", lg.ok, errors);
		for (i = 0; i < E_NKINDS; i++)
			printf(" err_%s=%lld", errname[i], lg.errs[i]);
		printf(" resumed=%lld bytes=%lld wall_us=%lld rps=%.1f "
		    "p50_us=%lld p99_us=%lld cpu_user_us=%lld "
		    "cpu_sys_us=%lld server_cpu_us=%lld\n", lg.resumed,
		    lg.bytes, wall, rps, percentile(&lg, 50),
		    percentile(&lg, 99), cpu_user, cpu_sys, srv_us);
	} else {
		printf("target:        %s port %s, %s", lg.host, lg.port,
		    lg.req);
		printf("load:          %d connections at once, %s\n", lg.conc,
		    lg.resume ? "resumed sessions" : "full handshakes");
		printf("requests ok:   %lld (%lld bytes)\n", lg.ok, lg.bytes);
		printf("errors:        %lld", errors);
		for (i = 0; i < E_NKINDS; i++)
			if (lg.errs[i] != 0)
				printf(", %s %lld", errname[i], lg.errs[i]);
		printf("\n");
		if (lg.resume)
			printf("resumed:       %lld of %lld\n", lg.resumed,
			    lg.ok);
		printf("wall:          %.3f s\n", wall / 1e6);
		printf("requests/s:    %.1f\n", rps);
		printf("latency p50:   %.3f ms\n", percentile(&lg, 50) / 1e3);
		printf("latency p99:   %.3f ms\n", percentile(&lg, 99) / 1e3);
		printf("client CPU:    %.3f s (user %.3f, system %.3f), "
		    "%.0f%% of wall%s\n", (cpu_user + cpu_sys) / 1e6,
		    cpu_user / 1e6, cpu_sys / 1e6, wall > 0 ?
		    100.0 * (double)(cpu_user + cpu_sys) / (double)wall : 0,
		    wall > 0 && (cpu_user + cpu_sys) * 10 >= wall * 9 ?
		    ": client-bound" : "");
		if (srv_us != -1)
			printf("server CPU:    %.3f s, %.1f us per request\n",
			    srv_us / 1e6, lg.ok > 0 ? (double)srv_us /
			    (double)lg.ok : 0);
	}

	for (i = 0; i < lg.conc; i++)
		SSL_SESSION_free(lg.conns[i].session);
	SSL_CTX_free(lg.ctx);
	free(lg.lat);
	free(lg.conns);
	free(lg.pfds);
	free(lg.pidx);
	return errors == 0 && lg.ok > 0 ? 0 : 2;
}
