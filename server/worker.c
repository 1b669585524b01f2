/*
 * A worker: one libevent loop over the shared listening socket, OpenSSL
 * driven by hand on non-blocking sockets.  A connection is a small struct
 * taken from a free list; it gets an SSL object only when its first byte
 * arrives, so an idle connection costs the struct and a descriptor.
 *
 * Each connection moves through four states, each under a deadline:
 * waiting for its first byte, reading the request (handshake included),
 * writing the reply, sending close_notify.  A reply that needs the record
 * while another process holds its write lock never waits on the loop:
 * the connection waits on a timer instead (a fifth state) and the reply
 * is tried again, for at most REPLY_WAIT_MS.  A client that sends nothing
 * or trickles bytes is dropped when the deadline passes; when the worker
 * is full, the oldest connection that has not yet sent its request makes
 * room for a new one, so idle clients cannot starve readers.
 *
 * Gopher connections (RFC 1436, from the -g listener) go through the same
 * states and deadlines, over plain TCP: no SSL object, and the reply ends
 * with the connection's close instead of close_notify.
 *
 * The web door (http.c, from the -w and -W listeners) runs on the same
 * loop through libevent's evhttp, with the same deadlines, access log,
 * rate limits and page cache; the worker stops once both sides are done.
 */
#define _GNU_SOURCE		/* accept4() */

#include <sys/socket.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>
#include <event2/event_struct.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "capsule.h"
#include "gopher.h"
#include "log.h"
#include "ratelimit.h"
#include "request.h"
#include "sandbox.h"
#include "server.h"
#include "store.h"
#include "tls.h"
#include "util.h"

#define CHUNK_MAX	16384	/* one TLS record of a file per write */
#define OUT_KEEP	65536	/* larger reply buffers are not kept */
#define FREE_MAX	1024	/* spare connection structs kept */
#define ACCEPT_BURST	64
#define SHUTDOWN_MS	2000
#define ORPHAN_MS	1000	/* what an orphan may still finish in */
/* The longest request line either protocol accepts, with its CRLF. */
#define LINE_MAX_BYTES	(GEMINI_REQUEST_MAX > GOPHER_REQUEST_MAX ? \
			    GEMINI_REQUEST_MAX : GOPHER_REQUEST_MAX)

enum conn_state {
	CS_WAIT,		/* accepted, no byte yet, no SSL object */
	CS_READ,		/* handshake and request */
	CS_RECORD,		/* the record was busy: a timer, then again */
	CS_WRITE,		/* reply */
	CS_SHUTDOWN		/* close_notify */
};

/*
 * What a connection needs once its first byte arrives: the request line
 * and the parsed request.  Kept apart from struct conn, so that a client
 * that connects and sends nothing costs a few hundred bytes, not three
 * kilobytes; given back to a spare list at close.
 */
struct reqbuf {
	struct reqbuf	*next;		/* in the spare list */
	char		 line[LINE_MAX_BYTES + 1];
	struct request	 req;
};

struct conn {
	struct conn	*prev, *next;	/* in accept order, or free list */
	struct worker	*w;
	int		 fd;
	int		 gopher;	/* 1: plain TCP, RFC 1436 */
	SSL		*ssl;
	struct event	 ev;		/* persistent while waiting for I/O */
	int		 ev_set;
	short		 ev_what;	/* EV_READ or EV_WRITE; 0: a timer */
	enum conn_state	 state;
	long long	 start_us;	/* monotonic */
	long long	 deadline_ms;	/* monotonic */
	struct reply_src src;		/* rate limit key and charge */
	struct reqbuf	*rb;		/* NULL until the first byte */
	size_t		 linelen;
	int		 status;	/* 0 until a reply is chosen */
	int		 tries;		/* at the reply, for CS_RECORD */
	long long	 record_ms;	/* monotonic: the last try by then */
	struct buf	 out;		/* owned */
	size_t		 outoff;
	int		 filefd;	/* body still to send, or -1 */
	size_t		 sent;
};

struct worker {
	struct server	*srv;
	struct event_base *base;
	struct event	*ev_accept;
	struct event	*ev_gopher;	/* the Gopher listener, or NULL */
	struct event	*ev_resume;	/* accept again after EMFILE */
	struct event	*ev_term, *ev_int;
	struct event	*ev_orphan;	/* SIGUSR1: the master died */
	struct event	*ev_bye;	/* then the end, ORPHAN_MS later */
	struct event	*ev_flush;	/* the access log, a second after */
	struct event	*ev_test;	/* tests: SIGUSR2, a forbidden call */
	struct buf	 log;		/* access lines not yet written */
	struct web	*web;		/* the web door, or NULL */
	struct conn	*head, *tail;	/* live connections, oldest first */
	struct conn	*spare;		/* free list */
	struct reqbuf	*spare_rb;	/* free list of request buffers */
	size_t		 nconns, nspare, nspare_rb;
	int		 stopping;
};

static void	conn_cb(evutil_socket_t, short, void *);
static struct reqbuf *reqbuf_get(struct worker *);
static void	conn_close(struct conn *, int);

long long
worker_now_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static long long
mono_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/*
 * Wait for `what' (EV_READ or EV_WRITE) until the connection's deadline.
 * The event persists: waiting for the same thing again only moves the
 * deadline, with no system call; most connections are added to epoll once
 * and removed once.
 */
static void
conn_arm(struct conn *c, short what)
{
	struct timeval	 tv;
	long long	 left;

	left = c->deadline_ms - mono_us() / 1000;
	if (left < 0)
		left = 0;
	tv.tv_sec = (time_t)(left / 1000);
	tv.tv_usec = (suseconds_t)(left % 1000) * 1000;
	if (!c->ev_set || c->ev_what != what) {
		if (c->ev_set)
			event_del(&c->ev);
		event_assign(&c->ev, c->w->base, c->fd, what | EV_PERSIST,
		    conn_cb, c);
		c->ev_set = 1;
		c->ev_what = what;
	}
	if (event_add(&c->ev, &tv) == -1) {
		log_warnx("event_add failed");
		conn_close(c, 0);
	}
}

static void
conn_deadline(struct conn *c, long long ms)
{
	c->deadline_ms = mono_us() / 1000 + ms;
}

/* Why an SSL call failed, for the debug log; empties the error queue. */
static void
ssl_failed(struct conn *c, const char *what, int ret)
{
	char	 errs[512];
	int	 e = SSL_get_error(c->ssl, ret);

	tls_errors(errs, sizeof(errs));
	if (e == SSL_ERROR_SYSCALL && errs[0] == '\0')
		log_debug("%s: %s", what, ret == 0 || errno == 0 ?
		    "connection closed" : strerror(errno));
	else
		log_debug("%s: error %d%s%s", what, e, errs[0] ? ": " : "",
		    errs);
}

#define LOG_KEEP	16384	/* access lines held before a write */

/* Write out the access lines held, as log_info() would have. */
static void
log_flush(struct worker *w)
{
	size_t	 off = 0;
	ssize_t	 n;

	while (off < w->log.len) {
		n = write(STDERR_FILENO, w->log.data + off, w->log.len - off);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0)
			break;		/* nowhere to write: drop them */
		off += (size_t)n;
	}
	buf_reset(&w->log);
	if (w->ev_flush != NULL)
		event_del(w->ev_flush);
}

static void
flush_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	log_flush(arg);
}

/*
 * One line per request: time, status, bytes, duration, path.  No query.
 * In the foreground the lines are held and written together, when 16 KB
 * are held, a second after the first, and at exit: one write for many
 * requests.  Through syslog, each goes at once.
 */
void
worker_access(struct worker *w, int status, size_t bytes, long long start_us,
    const char *p)
{
	struct timeval	 second = { 1, 0 };
	struct buf	 path;
	struct tm	 tm;
	time_t		 now = time(NULL);
	char		 when[32];
	long long	 us = mono_us() - start_us;

	buf_init(&path);
	if (*p == '\0')
		buf_addc(&path, '-');
	for (; *p != '\0'; p++) {
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f ||
		    *p == '\\')
			buf_addf(&path, "\\x%02x", (unsigned char)*p);
		else
			buf_addc(&path, *p);
	}
	gmtime_r(&now, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!w->srv->conf->foreground)
		log_info("access %s %d %zu %lld.%03lldms %s", when, status,
		    bytes, us / 1000, us % 1000, path.data);
	else {
		if (w->log.len == 0 && w->ev_flush != NULL)
			evtimer_add(w->ev_flush, &second);
		/* The ident, as log_init() set it in main(). */
		buf_addf(&w->log, "blanksheetd: access %s %d %zu "
		    "%lld.%03lldms %s\n", when, status, bytes, us / 1000,
		    us % 1000, path.data);
		if (w->log.len >= LOG_KEEP)
			log_flush(w);
	}
	buf_release(&path);
}

static void
access_log(struct conn *c)
{
	worker_access(c->w, c->status, c->sent, c->start_us,
	    c->rb != NULL ? c->rb->req.path : "");
}

/* Stop the loop once a stopping worker has nothing left in flight. */
static void
maybe_done(struct worker *w)
{
	if (w->stopping && w->nconns == 0 && web_conns(w->web) == 0)
		event_base_loopbreak(w->base);
}

void
worker_web_idle(struct worker *w)
{
	maybe_done(w);
}

static void
conn_unlink(struct conn *c)
{
	struct worker	*w = c->w;

	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		w->head = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	else
		w->tail = c->prev;
	c->prev = c->next = NULL;
	w->nconns--;
}

/* Close and recycle; `clean' after close_notify went out. */
static void
conn_close(struct conn *c, int clean)
{
	struct worker	*w = c->w;
	char		 drain[4096];
	int		 i;

	if (c->status != 0)
		access_log(c);
	if (c->ev_set)
		event_del(&c->ev);
	c->ev_set = 0;
	SSL_free(c->ssl);
	c->ssl = NULL;
	if (c->filefd != -1)
		close(c->filefd);
	c->filefd = -1;
	/*
	 * Unread bytes at close() make the kernel reset the stream, and the
	 * client may lose the reply's end: read what is there (bounded).
	 */
	for (i = 0; clean && i < 16; i++)
		if (recv(c->fd, drain, sizeof(drain), MSG_DONTWAIT) <= 0)
			break;
	close(c->fd);
	c->fd = -1;
	if (c->rb != NULL) {
		if (w->nspare_rb < FREE_MAX) {
			c->rb->next = w->spare_rb;
			w->spare_rb = c->rb;
			w->nspare_rb++;
		} else
			free(c->rb);
		c->rb = NULL;
	}
	conn_unlink(c);
	if (c->out.cap > OUT_KEEP)
		buf_release(&c->out);
	if (w->nspare < FREE_MAX) {
		c->next = w->spare;
		w->spare = c;
		w->nspare++;
	} else {
		buf_release(&c->out);
		free(c);
	}
	maybe_done(w);
}

/* Read the next piece of the file into the emptied reply buffer. */
static int
conn_refill(struct conn *c)
{
	char		 chunk[CHUNK_MAX];
	size_t		 room;
	ssize_t		 n;

	if (c->outoff == c->out.len) {
		buf_reset(&c->out);
		c->outoff = 0;
	}
	room = c->out.len < CHUNK_MAX ? CHUNK_MAX - c->out.len : 0;
	if (c->filefd == -1 || room == 0)
		return 0;
	do
		n = read(c->filefd, chunk, room);
	while (n == -1 && errno == EINTR);
	if (n == -1) {
		log_warn("capsule: read");
		return -1;
	}
	if (n == 0) {
		close(c->filefd);
		c->filefd = -1;
	} else
		buf_add(&c->out, chunk, (size_t)n);
	return 0;
}

static void
conn_shutdown(struct conn *c)
{
	int	 r;

	c->state = CS_SHUTDOWN;
	ERR_clear_error();
	if ((r = SSL_shutdown(c->ssl)) >= 0) {
		conn_close(c, 1);	/* close_notify sent */
		return;
	}
	switch (SSL_get_error(c->ssl, r)) {
	case SSL_ERROR_WANT_WRITE:
		conn_arm(c, EV_WRITE);
		break;
	case SSL_ERROR_WANT_READ:
		conn_arm(c, EV_READ);
		break;
	default:
		ssl_failed(c, "shutdown", r);
		conn_close(c, 0);
		break;
	}
}

/*
 * Send what is buffered over plain TCP.  0 when some went and the caller
 * carries on; -1 when it must return (waiting to write, or closed).
 */
static int
gopher_send(struct conn *c)
{
	ssize_t	 n;

	n = send(c->fd, c->out.data + c->outoff, c->out.len - c->outoff,
	    MSG_NOSIGNAL);
	if (n > 0) {
		c->outoff += (size_t)n;
		c->sent += (size_t)n;
		conn_deadline(c, c->w->srv->conf->timeout * 1000LL);
		return 0;
	}
	if (n == -1 && errno == EINTR)
		return 0;
	if (n == -1 && (errno == EAGAIN || errno == EWOULDBLOCK))
		conn_arm(c, EV_WRITE);
	else {
		log_debug("gopher write: %s", n == 0 ? "closed" :
		    strerror(errno));
		conn_close(c, 0);
	}
	return -1;
}

static void
conn_write(struct conn *c)
{
	int	 n;

	c->state = CS_WRITE;
	for (;;) {
		if (c->outoff == c->out.len) {
			if (c->filefd == -1) {
				if (c->gopher)
					conn_close(c, 1);
				else
					conn_shutdown(c);
				return;
			}
			if (conn_refill(c) == -1) {
				conn_close(c, 0);
				return;
			}
			continue;
		}
		if (c->gopher) {
			if (gopher_send(c) == 0)
				continue;
			return;
		}
		ERR_clear_error();
		n = SSL_write(c->ssl, c->out.data + c->outoff,
		    (int)(c->out.len - c->outoff));
		if (n > 0) {
			c->outoff += (size_t)n;
			c->sent += (size_t)n;
			conn_deadline(c, c->w->srv->conf->timeout * 1000LL);
			continue;
		}
		switch (SSL_get_error(c->ssl, n)) {
		case SSL_ERROR_WANT_WRITE:
			conn_arm(c, EV_WRITE);
			return;
		case SSL_ERROR_WANT_READ:
			conn_arm(c, EV_READ);
			return;
		default:
			ssl_failed(c, "write", n);
			conn_close(c, 0);
			return;
		}
	}
}

/* Reply with `status' and a reason, then close: a malformed request. */
static void
conn_refuse(struct conn *c, int status, const char *why)
{
	log_warnx("request refused (%d): %s", status, why);
	c->status = status;
	reply_header(&c->out, status, why);
	conn_write(c);
}

/*
 * Choose the reply, or, when the record is busy, wait on a timer and
 * come back: the first try starts the wait, which stays well inside the
 * connection's deadline.
 */
static void
conn_answer(struct conn *c)
{
	struct server	*srv = c->w->srv;
	struct timeval	 tv;
	enum reply_try	 try;
	long long	 now = mono_us() / 1000, wait;

	if (c->tries == 0) {
		wait = srv->conf->timeout * 1000LL / 2;
		c->record_ms = now + (wait < REPLY_WAIT_MS ? wait :
		    REPLY_WAIT_MS);
		try = REPLY_FIRST;
	} else
		try = now >= c->record_ms ? REPLY_LAST : REPLY_AGAIN;
	c->tries++;
	if (c->gopher)
		c->status = reply_gopher(srv, c->rb->line, c->linelen, &c->src,
		    try, c->rb->req.path, sizeof(c->rb->req.path), &c->out,
		    &c->filefd);
	else
		c->status = reply_request(srv, &c->rb->req, &c->src, try,
		    &c->out, &c->filefd);
	if (c->status == REPLY_RETRY) {
		/*
		 * 50, 100, 150, then every 200 ms: a crowd of writers waiting
		 * costs little, and each is answered soon after the lock goes.
		 */
		wait = REPLY_RETRY_MS * (c->tries < 4 ? c->tries : 4);
		tv.tv_sec = 0;
		tv.tv_usec = (suseconds_t)wait * 1000;
		c->state = CS_RECORD;
		if (c->ev_set)
			event_del(&c->ev);
		evtimer_assign(&c->ev, c->w->base, conn_cb, c);
		c->ev_set = 1;
		c->ev_what = 0;
		if (event_add(&c->ev, &tv) == -1) {
			log_warnx("event_add failed");
			conn_close(c, 0);
		}
		return;
	}
	if (c->filefd != -1 && conn_refill(c) == -1) {
		conn_close(c, 0);
		return;
	}
	conn_write(c);
}

/* The request line is complete: `len' bytes with its LF. */
static void
conn_request(struct conn *c, size_t len)
{
	struct server	*srv = c->w->srv;
	const char	*errstr;

	if (request_parse(&c->rb->req, c->rb->line, len, srv->conf->host,
	    srv->conf->port, SSL_get_servername(c->ssl,
	    TLSEXT_NAMETYPE_host_name), &errstr) == -1) {
		conn_refuse(c, c->rb->req.status, errstr);
		return;
	}
	conn_deadline(c, srv->conf->timeout * 1000LL);
	conn_answer(c);
}

static void
conn_read(struct conn *c)
{
	char	 first[GEMINI_REQUEST_MAX], *lf;
	size_t	 room;
	int	 n;

	for (;;) {
		room = GEMINI_REQUEST_MAX - c->linelen;
		if (room == 0) {
			/*
			 * What a participant's client shows them, in words
			 * plain enough for Easy Read too: a request holds
			 * 1024 bytes.
			 */
			conn_refuse(c, 59, "Your words are too long to send "
			    "at once. Please send them in two parts");
			return;
		}
		ERR_clear_error();
		/*
		 * Until the request's first byte, read onto the stack: a
		 * client idle after its handshake holds no request buffer.
		 */
		n = SSL_read(c->ssl, c->rb != NULL ? c->rb->line + c->linelen :
		    first, (int)room);
		if (n > 0) {
			if (c->rb == NULL) {
				c->rb = reqbuf_get(c->w);
				memcpy(c->rb->line, first, (size_t)n);
			}
			lf = memchr(c->rb->line + c->linelen, '\n', (size_t)n);
			c->linelen += (size_t)n;
			if (lf != NULL) {
				conn_request(c, (size_t)(lf - c->rb->line) + 1);
				return;
			}
			continue;
		}
		switch (SSL_get_error(c->ssl, n)) {
		case SSL_ERROR_WANT_READ:
			conn_arm(c, EV_READ);
			return;
		case SSL_ERROR_WANT_WRITE:
			conn_arm(c, EV_WRITE);
			return;
		case SSL_ERROR_ZERO_RETURN:
			/* close_notify before the CRLF: say why, if we can. */
			if (c->linelen > 0) {
				conn_refuse(c, 59, "missing CRLF");
				return;
			}
			conn_close(c, 0);
			return;
		default:
			ssl_failed(c, c->linelen > 0 || SSL_is_init_finished(
			    c->ssl) ? "read" : "handshake", n);
			conn_close(c, 0);
			return;
		}
	}
}

/* A Gopher request that cannot be answered: a type 3 line says why. */
static void
gopher_refuse(struct conn *c, const char *why)
{
	struct server	*srv = c->w->srv;

	log_warnx("gopher request refused: %s", why);
	c->status = 59;
	gopher_error(why, srv->conf->host, srv->gopher_port, &c->out);
	conn_write(c);
}

static void
gopher_request(struct conn *c, size_t len)
{
	struct server	*srv = c->w->srv;

	conn_deadline(c, srv->conf->timeout * 1000LL);
	c->linelen = len;	/* what follows the LF is not the request */
	conn_answer(c);
}

/* RFC 1436: a selector, perhaps a tab and search words, then CR LF. */
static void
gopher_read(struct conn *c)
{
	char	*lf;
	size_t	 room;
	ssize_t	 n;

	if (c->rb == NULL)
		c->rb = reqbuf_get(c->w);
	for (;;) {
		room = GOPHER_REQUEST_MAX - c->linelen;
		if (room == 0) {
			gopher_refuse(c, "the request is too long");
			return;
		}
		n = recv(c->fd, c->rb->line + c->linelen, room, 0);
		if (n > 0) {
			lf = memchr(c->rb->line + c->linelen, '\n', (size_t)n);
			c->linelen += (size_t)n;
			if (lf != NULL) {
				gopher_request(c, (size_t)(lf - c->rb->line) + 1);
				return;
			}
			continue;
		}
		if (n == 0) {
			if (c->linelen > 0)
				gopher_refuse(c, "the request does not end "
				    "with CR LF");
			else
				conn_close(c, 0);
			return;
		}
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK)
			conn_arm(c, EV_READ);
		else
			conn_close(c, 0);
		return;
	}
}

static struct reqbuf *
reqbuf_get(struct worker *w)
{
	struct reqbuf	*rb;

	if ((rb = w->spare_rb) != NULL) {
		w->spare_rb = rb->next;
		w->nspare_rb--;
	} else
		rb = xmalloc(sizeof(*rb));
	rb->next = NULL;
	rb->req.path[0] = '\0';
	rb->req.query = NULL;
	return rb;
}

static void
conn_cb(evutil_socket_t fd, short what, void *arg)
{
	struct conn	*c = arg;

	(void)fd;
	if (c->state == CS_RECORD) {
		conn_answer(c);		/* the retry timer */
		return;
	}
	if (what & EV_TIMEOUT) {
		log_debug("connection dropped: deadline passed while %s",
		    c->state == CS_WAIT ? "idle" : c->state == CS_READ ?
		    "reading the request" : c->state == CS_WRITE ?
		    "writing" : "closing");
		conn_close(c, 0);
		return;
	}
	if (c->gopher && c->state != CS_WRITE) {
		c->state = CS_READ;
		gopher_read(c);
		return;
	}
	switch (c->state) {
	case CS_WAIT:
		if ((c->ssl = SSL_new(c->w->srv->ctx)) == NULL ||
		    SSL_set_fd(c->ssl, c->fd) != 1) {
			char errs[256];

			tls_errors(errs, sizeof(errs));
			log_warnx("cannot make a TLS connection: %s", errs);
			conn_close(c, 0);
			return;
		}
		SSL_set_accept_state(c->ssl);
		c->state = CS_READ;
		conn_read(c);
		break;
	case CS_READ:
		conn_read(c);
		break;
	case CS_RECORD:		/* handled above */
		break;
	case CS_WRITE:
		conn_write(c);
		break;
	case CS_SHUTDOWN:
		conn_shutdown(c);
		break;
	}
}

/* Drop the oldest connection still without a request.  1 if one went. */
static int
evict_idle(struct worker *w)
{
	struct conn	*c;

	for (c = w->head; c != NULL; c = c->next)
		if (c->state == CS_WAIT || c->state == CS_READ) {
			log_debug("connection dropped to make room");
			conn_close(c, 0);
			return 1;
		}
	return 0;
}

static struct conn *
conn_get(struct worker *w)
{
	struct conn	*c;

	if ((c = w->spare) != NULL) {
		w->spare = c->next;
		w->nspare--;
	} else {
		c = xcalloc(1, sizeof(*c));
		buf_init(&c->out);
	}
	c->prev = c->next = NULL;
	c->w = w;
	c->ssl = NULL;
	c->gopher = 0;
	c->ev_set = 0;
	c->ev_what = 0;
	c->state = CS_WAIT;
	c->rb = NULL;
	c->linelen = 0;
	c->status = 0;
	c->tries = 0;
	c->record_ms = 0;
	buf_reset(&c->out);
	c->outoff = 0;
	c->filefd = -1;
	c->sent = 0;
	return c;
}

static void
resume_cb(evutil_socket_t fd, short what, void *arg)
{
	struct worker	*w = arg;

	(void)fd;
	(void)what;
	if (!w->stopping) {
		event_add(w->ev_accept, NULL);
		if (w->ev_gopher != NULL)
			event_add(w->ev_gopher, NULL);
	}
}

static void
accept_cb(evutil_socket_t lfd, short what, void *arg)
{
	struct worker		*w = arg;
	struct sockaddr_storage	 ss;
	socklen_t		 sl;
	struct conn		*c;
	struct timeval		 pause = { 1, 0 };
	int			 fd, i;

	(void)what;
	for (i = 0; i < ACCEPT_BURST && !w->stopping; i++) {
		sl = sizeof(ss);
		fd = accept4(lfd, (struct sockaddr *)&ss, &sl,
		    SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd == -1) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			if (errno == EMFILE || errno == ENFILE) {
				if (evict_idle(w))
					continue;
				log_warn("accept: pausing for a second");
				event_del(w->ev_accept);
				if (w->ev_gopher != NULL)
					event_del(w->ev_gopher);
				evtimer_add(w->ev_resume, &pause);
			} else if (errno != EAGAIN && errno != EWOULDBLOCK)
				log_warn("accept");
			return;
		}
		if (w->nconns >= (size_t)w->srv->conf->maxconns &&
		    !evict_idle(w)) {
			close(fd);
			continue;
		}
		c = conn_get(w);
		c->fd = fd;
		c->gopher = lfd == w->srv->gopher_fd;
		c->src.key = ratelimit_key(w->srv->rl, (struct sockaddr *)&ss,
		    sl);
		c->src.charged = c->src.wait = 0;
		c->start_us = mono_us();
		c->deadline_ms = c->start_us / 1000 +
		    w->srv->conf->timeout * 1000LL;
		c->prev = w->tail;
		if (w->tail != NULL)
			w->tail->next = c;
		else
			w->head = c;
		w->tail = c;
		w->nconns++;
		conn_arm(c, EV_READ);
	}
}

/*
 * SIGTERM (from the master, or because the master died): stop accepting
 * and let go of the listening sockets, so that only the master and the
 * new workers hold them, or, with the master gone, a new server can bind
 * at once.  What is in flight finishes.  A connection accepted but not
 * yet heard from may be a client whose first bytes are on the way:
 * closing it now would reset it, so it gets SHUTDOWN_MS to speak.
 */
static void
term_cb(evutil_socket_t sig, short what, void *arg)
{
	struct worker	*w = arg;
	struct conn	*c, *next;
	long long	 soon = mono_us() / 1000 + SHUTDOWN_MS;

	(void)sig;
	(void)what;
	if (w->stopping)
		return;
	w->stopping = 1;
	event_del(w->ev_accept);
	if (w->ev_gopher != NULL)
		event_del(w->ev_gopher);
	event_del(w->ev_resume);
	close(w->srv->listen_fd);
	w->srv->listen_fd = -1;
	if (w->srv->gopher_fd != -1) {
		close(w->srv->gopher_fd);
		w->srv->gopher_fd = -1;
	}
	for (c = w->head; c != NULL; c = next) {
		next = c->next;
		if (c->state == CS_WAIT && c->deadline_ms > soon) {
			c->deadline_ms = soon;
			conn_arm(c, EV_READ);
		}
	}
	web_stop(w->web);
	maybe_done(w);
}

static void
bye_cb(evutil_socket_t fd, short what, void *arg)
{
	struct worker	*w = arg;

	(void)fd;
	(void)what;
	event_base_loopbreak(w->base);
}

/*
 * SIGUSR1, which the kernel sends when the master dies (PR_SET_PDEATHSIG):
 * stop as on SIGTERM, letting the port go at once, but give what is in
 * flight ORPHAN_MS only, so that no worker outlives its master by more
 * than that, whatever its clients do.
 */
static void
orphan_cb(evutil_socket_t sig, short what, void *arg)
{
	struct worker	*w = arg;
	struct timeval	 tv = { ORPHAN_MS / 1000, (ORPHAN_MS % 1000) * 1000 };

	log_warnx("the master is gone: stopping");
	term_cb(sig, what, arg);
	if (evtimer_add(w->ev_bye, &tv) == -1)
		event_base_loopbreak(w->base);
}

/* Tests of the sandbox only: a forbidden system call, on SIGUSR2. */
static void
test_cb(evutil_socket_t sig, short what, void *arg)
{
	(void)sig;
	(void)what;
	(void)arg;
	sandbox_forbidden();
}

static void
worker_free(struct worker *w)
{
	struct conn	*c;

	while (w->head != NULL)
		conn_close(w->head, 0);
	web_free(w->web);
	w->web = NULL;
	while ((c = w->spare) != NULL) {
		w->spare = c->next;
		buf_release(&c->out);
		free(c);
	}
	while (w->spare_rb != NULL) {
		struct reqbuf *rb = w->spare_rb;

		w->spare_rb = rb->next;
		free(rb);
	}
	event_free(w->ev_accept);
	if (w->ev_gopher != NULL)
		event_free(w->ev_gopher);
	event_free(w->ev_resume);
	log_flush(w);
	buf_release(&w->log);
	event_free(w->ev_flush);
	w->ev_flush = NULL;
	event_free(w->ev_term);
	event_free(w->ev_int);
	event_free(w->ev_orphan);
	event_free(w->ev_bye);
	if (w->ev_test != NULL)
		event_free(w->ev_test);
	event_base_free(w->base);
}

void
worker_main(struct server *srv, int readyfd)
{
	struct worker		 w;
	struct event_config	*cfg;
	const char		*errstr;
	char			 why[512];

	memset(&w, 0, sizeof(w));
	w.srv = srv;
	signal(SIGHUP, SIG_IGN);	/* the master reloads, not us */

	/* SQLite handles must not cross fork(): each worker opens its own. */
	srv->store = NULL;
	if (reply_store_open(srv, &errstr) == -1) {
		/* The master says so, once, however often it tries. */
		dprintf(readyfd, "ecannot open record '%s': %s", srv->conf->db,
		    errstr != NULL ? errstr : "unknown error");
		exit(1);
	}

	/*
	 * epoll's change list: what is added and removed again within one
	 * turn of the loop costs no epoll_ctl(2).  evhttp turns reading and
	 * writing on and off several times per request; without it, half
	 * the web door's system calls are epoll_ctl.  (No descriptor here is
	 * ever dup(2)ed, the case libevent warns of.)
	 */
	if ((cfg = event_config_new()) == NULL ||
	    event_config_set_flag(cfg, EVENT_BASE_FLAG_EPOLL_USE_CHANGELIST) ==
	    -1 || (w.base = event_base_new_with_config(cfg)) == NULL)
		fatalx("event_base_new failed");
	event_config_free(cfg);
	w.ev_accept = event_new(w.base, srv->listen_fd, EV_READ | EV_PERSIST,
	    accept_cb, &w);
	if (srv->gopher_fd != -1 && ((w.ev_gopher = event_new(w.base,
	    srv->gopher_fd, EV_READ | EV_PERSIST, accept_cb, &w)) == NULL ||
	    event_add(w.ev_gopher, NULL) == -1))
		fatalx("cannot listen for Gopher");
	w.web = web_start(srv, &w, w.base);
	w.ev_resume = evtimer_new(w.base, resume_cb, &w);
	w.ev_term = evsignal_new(w.base, SIGTERM, term_cb, &w);
	w.ev_int = evsignal_new(w.base, SIGINT, term_cb, &w);
	w.ev_orphan = evsignal_new(w.base, SIGUSR1, orphan_cb, &w);
	w.ev_bye = evtimer_new(w.base, bye_cb, &w);
	w.ev_flush = evtimer_new(w.base, flush_cb, &w);
	buf_init(&w.log);
	if (w.ev_accept == NULL || w.ev_resume == NULL || w.ev_term == NULL ||
	    w.ev_int == NULL || w.ev_orphan == NULL || w.ev_bye == NULL ||
	    w.ev_flush == NULL || event_add(w.ev_accept, NULL) == -1 ||
	    event_add(w.ev_term, NULL) == -1 ||
	    event_add(w.ev_int, NULL) == -1 ||
	    event_add(w.ev_orphan, NULL) == -1)
		fatalx("cannot set up events");
	if (srv->conf->sandbox_test != NULL &&
	    ((w.ev_test = evsignal_new(w.base, SIGUSR2, test_cb, &w)) ==
	    NULL || event_add(w.ev_test, NULL) == -1))
		fatalx("cannot set up events");

	/* Before the first byte from the network: for good. */
	if (sandbox_worker(srv, readyfd, why, sizeof(why)) == -1) {
		dprintf(readyfd, "e%s", why);
		exit(1);
	}
	if (srv->conf->sandbox_test != NULL)
		sandbox_probe(srv->conf->sandbox_test);

	if (write(readyfd, "r", 1) != 1)
		fatal("cannot tell the master we are ready");

	event_base_dispatch(w.base);

	worker_free(&w);
	reply_release(srv);
	capsule_cache_free(srv->files);
	srv->files = NULL;
	reply_store_close(srv);
	SSL_CTX_free(srv->ctx);
	close(srv->capsule_fd);
	if (srv->listen_fd != -1)
		close(srv->listen_fd);
	if (srv->gopher_fd != -1)
		close(srv->gopher_fd);
	close(readyfd);
	exit(0);
}
