/*
 * The web door: the same pages as HTML over HTTP/1.1, plain (-W) or over
 * TLS (-w), in the same worker processes and on the same event loop as
 * the Gemini and Gopher doors.  HTTP itself is libevent's evhttp: it
 * parses request lines, headers and bodies, within the limits set here
 * (WEB_HEADERS_MAX, WEB_BODY_MAX, one timeout for every read and write).
 * What evhttp leaves to its user is checked here before anything else,
 * and refused with a 4xx and a short page: a method other than GET, HEAD
 * or POST; a second Host or Content-Length; Transfer-Encoding beside
 * Content-Length; a host that is not ours, in the Host header or in an
 * absolute-form target; a path that climbs or is not UTF-8; a form that
 * is not UTF-8.  Only POST to a say route takes words.
 *
 * Each connection has the door's deadlines, as Gemini's do, kept here
 * beside evhttp (struct hconn): a connection must deliver a whole request
 * within the server's timeout of its start or of its last reply, however
 * slowly it trickles bytes; when the worker is full, the oldest
 * connection that is not being answered makes room; when the worker
 * stops, connections waiting for a request get WEB_SHUTDOWN_MS.  A
 * connection is ended by shutdown(2) of its socket, which evhttp sees as
 * the client going: only evhttp frees what it made.  Once a connection
 * has sent a request, evhttp tells us when it frees it (closed_cb());
 * before that it says nothing, so each is known by its socket (see
 * hc_alive()), and forgotten when its descriptor is reused or at its
 * next timer.
 *
 * A reply that needs a busy record waits on a timer and is tried again,
 * as Gemini's are (server.h, REPLY_WAIT_MS), with the request held; a
 * client gone meanwhile only makes the late reply a no-op.
 */
#include <sys/socket.h>
#include <sys/stat.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/bufferevent_ssl.h>
#include <event2/bufferevent_struct.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/http_struct.h>
#include <event2/keyvalq_struct.h>
#include <event2/listener.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include "log.h"
#include "ratelimit.h"
#include "request.h"
#include "server.h"
#include "url.h"
#include "util.h"
#include "view.h"

#define WEB_HEADERS_MAX	8192	/* request line and headers, bytes */
#define WEB_BODY_MAX	8192	/* a form: 1000 bytes of words, encoded */
#define WEB_TARGET_MAX	GEMINI_URL_MAX	/* as long as a Gemini URL */
#define WEB_SHUTDOWN_MS	2000	/* for idle connections when stopping */
#define WEB_GONE_MS	100	/* to see that one we ended has gone */
#define WEB_HSTS	"max-age=31536000"
#define WEB_CSP		"default-src 'none'; style-src 'unsafe-inline'"

struct web;

/* One HTTP connection, from its bufferevent's making. */
struct hconn {
	struct hconn		*prev, *next;	/* in the door, oldest first */
	struct hconn		*fresh_next;	/* not yet discovered */
	struct web		*web;
	struct bufferevent	*bev;		/* evhttp's; only compared
						   once the socket went */
	struct evhttp_connection *evcon;	/* once it sent a request:
						   it tells us as it goes */
	SSL			*ssl;		/* compared, never used */
	struct event		*deadline;
	struct event		*kick;		/* TLS: read what OpenSSL holds */
	struct hreq		*pending;	/* waiting for the record */
	uint64_t		 cookie;	/* the socket's, or 0 */
	int			 fd;		/* -1 until discovered */
	int			 busy;		/* a request is being answered */
	int			 ended;		/* shut down by us */
	int			 tls;		/* the HTTPS door's */
	int			 kicking;	/* kick active, bev held */
	int			 proxied;	/* evhttp closes after this one */
};

/* A request whose reply waits for the record. */
struct hreq {
	struct hreq		*prev, *next;	/* in the door's list */
	struct web		*web;
	struct evhttp_request	*req;
	struct hconn		*hc;		/* NULL once it went */
	int			 gone;		/* its connection was freed:
						   the request is ours */
	struct event		*timer;
	enum view_proto		 proto;
	int			 head;
	char			*path;		/* owned */
	char			*query;		/* owned, may be NULL */
	char			*words;		/* owned, may be NULL */
	struct reply_src	 src;
	int			 tries;
	long long		 record_ms;
	long long		 start_us;
};

/* One listener: which door it is. */
struct door {
	struct web		*web;
	struct evhttp		*http;
	struct evhttp_bound_socket *bound;
	enum view_proto		 proto;		/* VIEW_HTTP or VIEW_HTTPS */
	int			 port;
};

struct web {
	struct server		*srv;
	struct worker		*w;
	struct event_base	*base;
	struct door		 plain, tls;
	struct hconn		*head, *tail;
	size_t			 nconns;
	struct hreq		*pending;	/* replies waiting */
	size_t			 npending;
	struct hconn		**byfd;		/* by socket, once discovered */
	size_t			 nbyfd;
	struct hconn		*fresh;		/* made, socket not yet known */
	struct event		*discover;
	struct event		*resume;	/* accept again after EMFILE */
	int			 stopping;
};


/* ---- connections ---------------------------------------------------- */

/*
 * The kernel's number for the socket behind `fd', unique while the
 * system runs: a descriptor reused for another socket has another.  0 if
 * it is no socket.
 */
static uint64_t
socket_cookie(int fd)
{
	uint64_t	 cookie = 0;
	socklen_t	 len = sizeof(cookie);

	if (getsockopt(fd, SOL_SOCKET, SO_COOKIE, &cookie, &len) == -1)
		return 0;
	return cookie;
}

/*
 * evhttp says nothing when it frees a connection, so a connection is
 * known by its socket and the socket's cookie, noted just after the
 * accept: it is alive while its descriptor is still that socket.
 * A dead one is forgotten when its descriptor is reused by a new
 * connection, or at its next timer.
 */
static int
hc_alive(struct hconn *hc)
{
	if (hc->fd < 0)
		return 0;
	if ((size_t)hc->fd >= hc->web->nbyfd || hc->web->byfd[hc->fd] != hc)
		return 0;
	return hc->cookie != 0 && socket_cookie(hc->fd) == hc->cookie;
}

static void
hc_free(struct hconn *hc)
{
	struct web	*web = hc->web;

	if (hc->pending != NULL) {
		hc->pending->hc = NULL;
		hc->pending->gone = hc->evcon == NULL;
	}
	/* Still evhttp's: it need not tell us when it frees it. */
	if (hc->evcon != NULL)
		evhttp_connection_set_closecb(hc->evcon, NULL, NULL);
	if (hc->fd >= 0 && (size_t)hc->fd < web->nbyfd &&
	    web->byfd[hc->fd] == hc)
		web->byfd[hc->fd] = NULL;
	if (hc->prev != NULL)
		hc->prev->next = hc->next;
	else
		web->head = hc->next;
	if (hc->next != NULL)
		hc->next->prev = hc->prev;
	else
		web->tail = hc->prev;
	web->nconns--;
	event_free(hc->deadline);
	if (hc->kick != NULL)
		event_free(hc->kick);
	if (hc->kicking)
		bufferevent_decref(hc->bev);
	free(hc);
	if (web->stopping && web_conns(web) == 0)
		worker_web_idle(web->w);
}

/* evhttp frees a connection that has sent a request: forget it. */
static void
closed_cb(struct evhttp_connection *evcon, void *arg)
{
	struct hconn	*hc = arg;

	(void)evcon;
	hc->evcon = NULL;	/* and a request it left is ours now */
	hc_free(hc);
}

/* End a live connection: evhttp reads end of file and frees it. */
static void
hc_end(struct hconn *hc)
{
	(void)shutdown(hc->fd, SHUT_RDWR);
	hc->ended = 1;
}

static void
hc_arm(struct hconn *hc, long long ms)
{
	struct timeval	 tv;

	tv.tv_sec = (time_t)(ms / 1000);
	tv.tv_usec = (suseconds_t)(ms % 1000) * 1000;
	evtimer_add(hc->deadline, &tv);
}

/*
 * The deadline: a connection not being answered has had the server's
 * timeout to send a whole request.  One being answered is looked at
 * again later; evhttp's own write timeout ends it if the client stops
 * reading.
 */
static void
deadline_cb(evutil_socket_t fd, short what, void *arg)
{
	struct hconn	*hc = arg;
	struct web	*web = hc->web;

	(void)fd;
	(void)what;
	if (hc->fd == -1) {
		hc_arm(hc, web->srv->conf->timeout * 1000LL);
		return;
	}
	if (!hc_alive(hc)) {
		hc_free(hc);
		return;
	}
	if (hc->busy || hc->ended) {
		hc_arm(hc, hc->ended && web->stopping ? WEB_GONE_MS :
		    web->srv->conf->timeout * 1000LL);
		return;
	}
	log_debug("http connection dropped: deadline passed while waiting "
	    "for a request");
	hc_end(hc);
	/* evhttp reads the end at once: forget the connection soon after. */
	hc_arm(hc, WEB_GONE_MS);
}

/* Make room: end the oldest connection not being answered. */
static int
evict_idle(struct web *web)
{
	struct hconn	*hc, *next;

	for (hc = web->head; hc != NULL; hc = next) {
		next = hc->next;
		if (hc->fd == -1)
			continue;	/* just accepted: not known yet */
		if (!hc_alive(hc)) {
			hc_free(hc);
			continue;
		}
		if (!hc->busy && !hc->ended) {
			log_debug("http connection dropped to make room");
			hc_end(hc);
			return 1;
		}
	}
	return 0;
}

/*
 * Just after the accepts that made them, the new connections' sockets
 * are known (evhttp sets them once our bufferevents are made): note
 * each socket and its addresses.
 */
static void
discover_cb(evutil_socket_t unused, short what, void *arg)
{
	struct web	*web = arg;
	struct hconn	*hc, *old;
	size_t		 n;
	int		 fd;

	(void)unused;
	(void)what;
	while ((hc = web->fresh) != NULL) {
		web->fresh = hc->fresh_next;
		hc->fresh_next = NULL;
		if ((fd = bufferevent_getfd(hc->bev)) < 0) {
			hc_free(hc);
			continue;
		}
		if ((size_t)fd >= web->nbyfd) {
			n = web->nbyfd == 0 ? 1024 : web->nbyfd;
			while (n <= (size_t)fd)
				n *= 2;
			web->byfd = xreallocarray(web->byfd, n,
			    sizeof(*web->byfd));
			memset(web->byfd + web->nbyfd, 0, (n - web->nbyfd) *
			    sizeof(*web->byfd));
			web->nbyfd = n;
		}
		/* The socket this descriptor was before is gone. */
		if ((old = web->byfd[fd]) != NULL)
			hc_free(old);
		web->byfd[fd] = hc;
		hc->fd = fd;
		hc->cookie = socket_cookie(fd);
	}
}

/*
 * The server's TLS context reads ahead (one read(2) for what has come, not
 * a record's header then its body), and so the request a browser sends
 * with the end of the handshake is often in OpenSSL's buffer by the time
 * the handshake is done.  bufferevent_openssl (libevent 2.1) then waits
 * for the socket, which has nothing more to say.  So at the handshake's
 * end the connection's read event is made active once, from the loop, and
 * bufferevent_openssl reads what OpenSSL holds.  A reference keeps the
 * bufferevent (and its SSL) until then, whatever evhttp does meanwhile.
 */
static void
kick_cb(evutil_socket_t fd, short what, void *arg)
{
	struct hconn		*hc = arg;
	struct bufferevent	*bev = hc->bev;
	SSL			*ssl;

	(void)fd;
	(void)what;
	hc->kicking = 0;
	if ((ssl = bufferevent_openssl_get_ssl(bev)) != NULL &&
	    SSL_has_pending(ssl))
		event_active(&bev->ev_read, EV_READ, 1);
	bufferevent_decref(bev);
}

static struct web	*tls_web;	/* the worker's web door */

static void
tls_info_cb(const SSL *ssl, int where, int ret)
{
	struct hconn	*hc;
	int		 fd;

	(void)ret;
	if (!(where & SSL_CB_HANDSHAKE_DONE) || tls_web == NULL)
		return;
	/*
	 * Found by its socket, never by a pointer kept in the SSL: the
	 * connection it belongs to may be forgotten already.
	 */
	fd = SSL_get_fd(ssl);
	if (fd >= 0 && (size_t)fd < tls_web->nbyfd &&
	    (hc = tls_web->byfd[fd]) != NULL && hc->ssl == ssl &&
	    !hc->kicking && hc->bev != NULL) {
		bufferevent_incref(hc->bev);
		hc->kicking = 1;
		event_active(hc->kick, EV_TIMEOUT, 1);
	}
}

static struct bufferevent *
make_bev(struct event_base *base, void *arg)
{
	struct door		*d = arg;
	struct web		*web = d->web;
	struct bufferevent	*bev;
	struct hconn		*hc;
	SSL			*ssl;

	if (web->nconns >= (size_t)web->srv->conf->maxconns)
		(void)evict_idle(web);
	hc = xcalloc(1, sizeof(*hc));
	hc->web = web;
	hc->fd = -1;
	hc->tls = d->proto == VIEW_HTTPS;
	if ((hc->deadline = evtimer_new(base, deadline_cb, hc)) == NULL)
		fatalx("evtimer_new failed");
	if (hc->tls) {
		if ((ssl = SSL_new(web->srv->ctx)) == NULL ||
		    (hc->kick = event_new(base, -1, 0, kick_cb, hc)) == NULL)
			fatalx("SSL_new failed");
		hc->ssl = ssl;
		SSL_set_info_callback(ssl, tls_info_cb);
		bev = bufferevent_openssl_socket_new(base, -1, ssl,
		    BUFFEREVENT_SSL_ACCEPTING, BEV_OPT_CLOSE_ON_FREE);
		if (bev != NULL)
			bufferevent_openssl_set_allow_dirty_shutdown(bev, 1);
	} else
		bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
	if (bev == NULL)
		fatalx("cannot make a bufferevent");
	hc->bev = bev;
	hc->prev = web->tail;
	if (web->tail != NULL)
		web->tail->next = hc;
	else
		web->head = hc;
	web->tail = hc;
	web->nconns++;
	hc->fresh_next = web->fresh;
	web->fresh = hc;
	event_active(web->discover, EV_TIMEOUT, 1);
	hc_arm(hc, web->stopping ? WEB_SHUTDOWN_MS :
	    web->srv->conf->timeout * 1000LL);
	return bev;
}

static struct hconn *
hc_of(struct web *web, struct evhttp_request *req)
{
	struct evhttp_connection	*evcon;
	struct bufferevent		*bev;
	int				 fd;

	if ((evcon = evhttp_request_get_connection(req)) == NULL ||
	    (bev = evhttp_connection_get_bufferevent(evcon)) == NULL ||
	    (fd = bufferevent_getfd(bev)) < 0 || (size_t)fd >= web->nbyfd ||
	    web->byfd[fd] == NULL || web->byfd[fd]->bev != bev)
		return NULL;
	return web->byfd[fd];
}

/* 1 if `h' holds "Connection: close" (RFC 9112, section 9.6). */
static int
says_close(struct evkeyvalq *h)
{
	const char	*v = evhttp_find_header(h, "Connection");

	return v != NULL && strcasecmp(v, "close") == 0;
}

/*
 * The reply is written: the next request on this connection may come.
 * When evhttp is about to close the connection (as evhttp_send_done()
 * decides), a TLS connection first says close_notify, as the Gemini door
 * does, so that a client can tell the end from a cut: bufferevent_openssl
 * frees its SSL without it.  All the reply has gone to the socket.
 */
static void
complete_cb(struct evhttp_request *req, void *arg)
{
	struct hconn	*hc = arg;
	const char	*ka;
	int		 closing;

	/* As evhttp_send_done() decides, in libevent 2.1. */
	ka = evhttp_find_header(evhttp_request_get_input_headers(req),
	    "Connection");
	closing = (req->major == 1 && req->minor == 0 && (ka == NULL ||
	    strncasecmp(ka, "keep-alive", 10) != 0)) ||
	    (evhttp_request_get_command(req) != EVHTTP_REQ_CONNECT &&
	    (hc->proxied ||
	    says_close(evhttp_request_get_input_headers(req)) ||
	    says_close(evhttp_request_get_output_headers(req))));
	if (closing && hc->tls) {
		SSL	*ssl = bufferevent_openssl_get_ssl(hc->bev);

		if (ssl != NULL) {
			ERR_clear_error();
			(void)SSL_shutdown(ssl);
			ERR_clear_error();
		}
	}
	if (closing)
		return;	/* evhttp frees it next, and closed_cb() says so */
	hc->busy = 0;
	hc_arm(hc, hc->web->stopping ? WEB_SHUTDOWN_MS :
	    hc->web->srv->conf->timeout * 1000LL);
}

/* ---- replies -------------------------------------------------------- */

static void
security_headers(struct evkeyvalq *h, enum view_proto proto)
{
	evhttp_add_header(h, "Content-Security-Policy", WEB_CSP);
	evhttp_add_header(h, "Referrer-Policy", "no-referrer");
	evhttp_add_header(h, "X-Content-Type-Options", "nosniff");
	evhttp_add_header(h, "X-Frame-Options", "DENY");
	/* A shared device keeps no copy of what people said. */
	evhttp_add_header(h, "Cache-Control", "no-store");
	if (proto == VIEW_HTTPS)
		evhttp_add_header(h, "Strict-Transport-Security", WEB_HSTS);
}

static const char *
reason(int status)
{
	switch (status) {
	case 200:	return "OK";
	case 301:	return "Moved Permanently";
	case 400:	return "Bad Request";
	case 404:	return "Not Found";
	case 405:	return "Method Not Allowed";
	case 413:	return "Content Too Large";
	case 414:	return "URI Too Long";
	case 415:	return "Unsupported Media Type";
	case 421:	return "Misdirected Request";
	case 503:	return "Service Unavailable";
	default:	return "Error";
	}
}

static void
body_free(const void *data, size_t len, void *arg)
{
	(void)len;
	(void)arg;
	free((void *)data);
}

static void
kept_cb(const void *data, size_t len, void *arg)
{
	(void)data;
	(void)len;
	kept_drop(arg);
}

/* Send `r' for `req' and log it; the request is evhttp's again. */
static void
send_reply(struct web *web, struct evhttp_request *req, struct hconn *hc,
    enum view_proto proto, int head, struct web_reply *r, const char *path,
    long long start_us)
{
	struct evkeyvalq	*h = evhttp_request_get_output_headers(req);
	struct evbuffer		*out = evhttp_request_get_output_buffer(req);
	struct stat		 sb;
	char			 len[32], *body;
	size_t			 bytes = r->body.len;

	if (r->mime != NULL)
		evhttp_add_header(h, "Content-Type", r->mime);
	security_headers(h, proto);
	if (r->location != NULL)
		evhttp_add_header(h, "Location", r->location);
	if (r->status == 405)
		evhttp_add_header(h, "Allow", "GET, HEAD, POST");
	if ((r->status >= 400 || web->stopping) &&
	    evhttp_find_header(h, "Connection") == NULL)
		evhttp_add_header(h, "Connection", "close");
	if (r->fd != -1) {
		if (fstat(r->fd, &sb) == -1 || evbuffer_add_file(out, r->fd, 0,
		    sb.st_size) == -1) {
			log_warn("http: cannot send a file");
			close(r->fd);
			r->fd = -1;
			r->status = 503;
			buf_reset(&r->body);
		} else {
			bytes = (size_t)sb.st_size;
			r->fd = -1;	/* the buffer's now */
		}
	} else if (r->kept != NULL) {
		/* A kept page, sent from where it is kept. */
		bytes = r->kept->len;
		if (evbuffer_add_reference(out, r->kept->data, bytes, kept_cb,
		    r->kept) == -1) {
			log_warnx("http: cannot send a page");
			r->status = 503;
			bytes = 0;
		} else
			r->kept = NULL;	/* the buffer's now */
	} else if (r->body.len > 0) {
		/* The page's memory is the evbuffer's now: it is not copied. */
		body = buf_take(&r->body);
		if (evbuffer_add_reference(out, body, bytes, body_free, NULL) ==
		    -1) {
			log_warnx("http: cannot send a page");
			free(body);
			r->status = 503;
			bytes = 0;
		}
	}
	if (head) {
		/* No body, but the length a GET would have. */
		(void)snprintf(len, sizeof(len), "%zu", bytes);
		evhttp_add_header(h, "Content-Length", len);
		evbuffer_drain(out, evbuffer_get_length(out));
		bytes = 0;
	}
	if (hc != NULL)
		evhttp_request_set_on_complete_cb(req, complete_cb, hc);
	evhttp_send_reply(req, r->status, reason(r->status), NULL);
	worker_access(web->w, r->status, bytes, start_us, path);
}

/* A request refused before it reached a page: a 4xx and one sentence. */
static void
refuse(struct web *web, struct evhttp_request *req, struct hconn *hc,
    enum view_proto proto, int status, const char *title, const char *why,
    const char *logwhy, long long start_us)
{
	struct web_reply	 r;
	struct page		 p;

	log_warnx("http request refused (%d): %s", status, logwhy);
	web_reply_init(&r);
	page_init(&p, SERVER_LANG);
	page_heading(&p, 1, "%s", title);
	page_text(&p, "%s", why);
	view_nav(&p);
	page_render_html(&p, &r.body);
	page_release(&p);
	r.status = status;
	r.mime = "text/html; charset=utf-8";
	send_reply(web, req, hc, proto, evhttp_request_get_command(req) ==
	    EVHTTP_REQ_HEAD, &r, "-", start_us);
	web_reply_release(&r);
}

/*
 * 421 for a Host that is not ours, naming the address that is: the
 * page's own links would lead to the wrong host again.
 */
static void
wrong_host(struct web *web, struct evhttp_request *req, struct hconn *hc,
    const struct door *d, long long start_us)
{
	struct web_reply	 r;
	struct page		 p;
	const char		*scheme = d->proto == VIEW_HTTPS ? "https" :
				    "http";
	char			*url;

	log_warnx("http request refused (421): Host header names another "
	    "host");
	if (d->port == (d->proto == VIEW_HTTPS ? 443 : 80))
		url = xasprintf("%s://%s/", scheme, web->srv->conf->host);
	else
		url = xasprintf("%s://%s:%d/", scheme, web->srv->conf->host,
		    d->port);
	web_reply_init(&r);
	page_init(&p, SERVER_LANG);
	page_heading(&p, 1, "Wrong address");
	page_text(&p, "This site answers to another address: %s. If that "
	    "does not open, ask the facilitator for the address to use.", url);
	page_add(&p, BLK_LINK, 0, xstrdup("This site at its own address"),
	    url);
	view_nav(&p);
	page_render_html(&p, &r.body);
	page_release(&p);
	r.status = 421;
	r.mime = "text/html; charset=utf-8";
	send_reply(web, req, hc, d->proto, evhttp_request_get_command(req) ==
	    EVHTTP_REQ_HEAD, &r, "-", start_us);
	web_reply_release(&r);
}

static void	retry_cb(evutil_socket_t, short, void *);

static void
hreq_free(struct hreq *hr)
{
	struct web	*web = hr->web;

	if (hr->prev != NULL)
		hr->prev->next = hr->next;
	else
		web->pending = hr->next;
	if (hr->next != NULL)
		hr->next->prev = hr->prev;
	web->npending--;
	if (hr->hc != NULL)
		hr->hc->pending = NULL;
	event_free(hr->timer);
	free(hr->path);
	free(hr->query);
	free(hr->words);
	free(hr);
	if (web->stopping && web_conns(web) == 0)
		worker_web_idle(web->w);
}

/*
 * Answer, or when the record is busy, wait on a timer and come back,
 * as conn_answer() does for Gemini.  `hr' is NULL on the first try.
 */
static void
answer(struct web *web, struct evhttp_request *req, struct hconn *hc,
    enum view_proto proto, int head, const char *path, const char *query,
    size_t querylen, const char *words, struct reply_src *src,
    long long start_us, struct hreq *hr)
{
	struct web_reply	 r;
	struct timeval		 tv;
	struct evhttp_connection *evcon;
	enum reply_try		 try;
	long long		 now = worker_now_us() / 1000, wait;
	int			 status;

	if (hr == NULL)
		try = REPLY_FIRST;
	else
		try = now >= hr->record_ms ? REPLY_LAST : REPLY_AGAIN;
	web_reply_init(&r);
	status = reply_web(web->srv, proto, path, query, querylen, words, src,
	    try, &r);
	if (status != REPLY_RETRY) {
		/* A client gone meanwhile: evhttp only frees the request. */
		send_reply(web, req, hr != NULL ? hr->hc : hc, proto, head, &r,
		    path, start_us);
		web_reply_release(&r);
		if (hr != NULL)
			hreq_free(hr);
		return;
	}
	web_reply_release(&r);
	if (hr == NULL) {
		hr = xcalloc(1, sizeof(*hr));
		hr->next = web->pending;
		if (web->pending != NULL)
			web->pending->prev = hr;
		web->pending = hr;
		web->npending++;
		hr->web = web;
		hr->req = req;
		hr->hc = hc;
		if (hc != NULL)
			hc->pending = hr;
		hr->proto = proto;
		hr->head = head;
		hr->path = xstrdup(path);
		hr->query = query != NULL ? xstrndup(query, querylen) : NULL;
		hr->words = words != NULL ? xstrdup(words) : NULL;
		hr->src = *src;	/* with what its words were charged */
		hr->start_us = start_us;
		wait = web->srv->conf->timeout * 1000LL / 2;
		hr->record_ms = now + (wait < REPLY_WAIT_MS ? wait :
		    REPLY_WAIT_MS);
		if ((hr->timer = evtimer_new(web->base, retry_cb, hr)) == NULL)
			fatalx("evtimer_new failed");
		/*
		 * Nothing more is read meanwhile: libevent 2.1 ends the
		 * process for bytes that come while a request waits for its
		 * reply.  evhttp_send_reply() reads again.
		 */
		if ((evcon = evhttp_request_get_connection(req)) != NULL)
			bufferevent_disable(evhttp_connection_get_bufferevent(
			    evcon), EV_READ);
	}
	hr->tries++;
	wait = REPLY_RETRY_MS * (hr->tries < 4 ? hr->tries : 4);
	tv.tv_sec = 0;
	tv.tv_usec = (suseconds_t)wait * 1000;
	evtimer_add(hr->timer, &tv);
}

static void
retry_cb(evutil_socket_t fd, short what, void *arg)
{
	struct hreq	*hr = arg;

	(void)fd;
	(void)what;
	answer(hr->web, hr->req, hr->hc, hr->proto, hr->head, hr->path,
	    hr->query, hr->query != NULL ? strlen(hr->query) : 0, hr->words,
	    &hr->src, hr->start_us, hr);
}

/* ---- requests ------------------------------------------------------- */

/* How many times header `name' was sent. */
static int
header_count(struct evkeyvalq *h, const char *name)
{
	struct evkeyval	*kv;
	int		 n = 0;

	/* The list as keyvalq_struct.h lays it out, without sys/queue.h. */
	for (kv = h->tqh_first; kv != NULL; kv = kv->next.tqe_next)
		if (strcasecmp(kv->key, name) == 0)
			n++;
	return n;
}

/* 1 if `hostport' names this server: our host, and our port if any. */
static int
host_ours(struct web *web, const char *hostport, size_t len, int port)
{
	const char	*colon = NULL;
	size_t		 i, hlen = len;
	long		 p = 0;

	if (len > 0 && hostport[0] == '[') {
		for (i = 0; i < len && hostport[i] != ']'; i++)
			;
		if (i == len)
			return 0;
		if (i + 1 < len)
			colon = hostport + i + 1;
		hlen = i + 1;
	} else if ((colon = memchr(hostport, ':', len)) != NULL)
		hlen = (size_t)(colon - hostport);
	if (colon != NULL) {
		if (*colon != ':' || colon + 1 == hostport + len)
			return 0;
		for (i = (size_t)(colon + 1 - hostport); i < len; i++) {
			if (hostport[i] < '0' || hostport[i] > '9' || p > 65535)
				return 0;
			p = p * 10 + (hostport[i] - '0');
		}
		if (p != port)
			return 0;
	}
	return request_host_is(hostport, hlen, web->srv->conf->host);
}

static void
request_cb(struct evhttp_request *req, void *arg)
{
	struct door		*d = arg;
	struct web		*web = d->web;
	struct hconn		*hc = hc_of(web, req);
	struct evkeyvalq	*in = evhttp_request_get_input_headers(req);
	struct evbuffer		*body;
	struct url		 u;
	const struct sockaddr	*sa;
	const char		*target, *host, *errstr, *v, *query = NULL;
	char			 path[WEB_TARGET_MAX + 2];
	char			 words[WEB_BODY_MAX + 1];
	size_t			 len, querylen = 0, wlen;
	long long		 start_us = worker_now_us();
	struct reply_src	 src;
	int			 cmd, major, minor, n;

	if (hc != NULL) {
		hc->busy = 1;
		/* Kept: a reply that never ends still meets its deadline. */
		hc_arm(hc, web->srv->conf->timeout * 1000LL);
		if (hc->evcon == NULL) {
			hc->evcon = evhttp_request_get_connection(req);
			evhttp_connection_set_closecb(hc->evcon, closed_cb,
			    hc);
		}
	}
	cmd = evhttp_request_get_command(req);
	if (cmd != EVHTTP_REQ_GET && cmd != EVHTTP_REQ_HEAD &&
	    cmd != EVHTTP_REQ_POST) {
		refuse(web, req, hc, d->proto, 405, "This cannot be done here",
		    "This server only shows pages and takes words from its "
		    "forms.", "method not allowed", start_us);
		return;
	}

	/* Headers evhttp takes as they come. */
	if ((n = header_count(in, "Host")) > 1) {
		refuse(web, req, hc, d->proto, 400, "This request cannot be "
		    "read", "It names more than one host.", "two Host headers",
		    start_us);
		return;
	}
	major = req->major;
	minor = req->minor;
	if (n == 0 && (major > 1 || (major == 1 && minor >= 1))) {
		refuse(web, req, hc, d->proto, 400, "This request cannot be "
		    "read", "It does not say which host it is for.",
		    "no Host header", start_us);
		return;
	}
	host = evhttp_find_header(in, "Host");
	if (host != NULL && !host_ours(web, host, strlen(host), d->port)) {
		wrong_host(web, req, hc, d, start_us);
		return;
	}
	if (header_count(in, "Content-Length") > 1 ||
	    header_count(in, "Transfer-Encoding") > 1 ||
	    (header_count(in, "Transfer-Encoding") > 0 &&
	    header_count(in, "Content-Length") > 0)) {
		refuse(web, req, hc, d->proto, 400, "This request cannot be "
		    "read", "It gives the length of what it sends in two ways.",
		    "conflicting body lengths", start_us);
		return;
	}
	if ((v = evhttp_find_header(in, "Content-Length")) != NULL &&
	    (*v == '\0' || strspn(v, "0123456789") != strlen(v))) {
		refuse(web, req, hc, d->proto, 400, "This request cannot be "
		    "read", "Its length is not a number.",
		    "malformed Content-Length", start_us);
		return;
	}
	if ((v = evhttp_find_header(in, "Transfer-Encoding")) != NULL &&
	    strcasecmp(v, "chunked") != 0) {
		refuse(web, req, hc, d->proto, 400, "This request cannot be "
		    "read", "It is sent in a way this server does not take.",
		    "Transfer-Encoding other than chunked", start_us);
		return;
	}

	/* The target: a path of ours, canonical; or our own absolute URL. */
	target = evhttp_request_get_uri(req);
	if (target == NULL || (len = strlen(target)) > WEB_TARGET_MAX) {
		refuse(web, req, hc, d->proto, 414, "The address is too long",
		    "Please use a shorter address.", "target too long",
		    start_us);
		return;
	}
	if (url_target_parse(target, len, &u, path, sizeof(path), &errstr) ==
	    -1) {
		refuse(web, req, hc, d->proto, 400, "Page not found", "There "
		    "is no page at this address.", errstr, start_us);
		return;
	}
	if (u.scheme.p != NULL && (!url_span_eq(&u.scheme, d->proto ==
	    VIEW_HTTPS ? "https" : "http") || !request_host_is(u.host.p,
	    u.host.len, web->srv->conf->host) || (u.port_num != -1 &&
	    u.port_num != d->port))) {
		refuse(web, req, hc, d->proto, 421, "Wrong address",
		    "This server is not a proxy: it serves its own pages only.",
		    "absolute target for another server", start_us);
		return;
	}
	/*
	 * evhttp takes an absolute-form target as a proxy request, and
	 * always closes after it (our reply has no Proxy-Connection):
	 * complete_cb() must know.
	 */
	if (u.scheme.p != NULL && hc != NULL)
		hc->proxied = 1;
	if (u.query.p != NULL) {
		query = u.query.p;
		querylen = u.query.len;
	}
	memset(&src, 0, sizeof(src));
	if ((sa = evhttp_connection_get_addr(evhttp_request_get_connection(
	    req))) != NULL)
		src.key = ratelimit_key(web->srv->rl, sa, sa->sa_family ==
		    AF_INET6 ? sizeof(struct sockaddr_in6) :
		    sizeof(struct sockaddr_in));

	if (cmd != EVHTTP_REQ_POST) {
		answer(web, req, hc, d->proto, cmd == EVHTTP_REQ_HEAD, path,
		    query, querylen, NULL, &src, start_us, NULL);
		return;
	}

	/* POST: words from a form, to a say route only. */
	if (!view_is_say(path)) {
		refuse(web, req, hc, d->proto, 405, "Words cannot be sent here",
		    "Only the pages that ask for your words take them.",
		    "POST to a page", start_us);
		return;
	}
	if ((v = evhttp_find_header(in, "Content-Type")) == NULL ||
	    strncasecmp(v, "application/x-www-form-urlencoded", 33) != 0 ||
	    (v[33] != '\0' && v[33] != ';' && v[33] != ' ')) {
		refuse(web, req, hc, d->proto, 415, "Your words are not saved",
		    "They came in a form this server does not read. Please "
		    "send them from the page that asks for them.",
		    "POST that is not a form", start_us);
		return;
	}
	body = evhttp_request_get_input_buffer(req);
	len = evbuffer_get_length(body);
	if (len > WEB_BODY_MAX) {
		refuse(web, req, hc, d->proto, 413, "Your words are not saved",
		    "They are too long to send at once. Please send them in "
		    "parts of up to about 500 letters.",
		    "form too long", start_us);
		return;
	}
	if (url_form_decode((const char *)evbuffer_pullup(body, -1), len,
	    "words", words, WEB_BODY_MAX, &wlen, &errstr) == -1) {
		refuse(web, req, hc, d->proto, 400, "Your words are not saved",
		    "They could not be read as text. Please type them again.",
		    errstr, start_us);
		return;
	}
	answer(web, req, hc, d->proto, 0, path, NULL, 0, words, &src,
	    start_us, NULL);
}

/* ---- listeners ------------------------------------------------------ */

static void
resume_cb(evutil_socket_t fd, short what, void *arg)
{
	struct web	*web = arg;

	(void)fd;
	(void)what;
	if (web->stopping)
		return;
	if (web->plain.bound != NULL)
		evconnlistener_enable(evhttp_bound_socket_get_listener(
		    web->plain.bound));
	if (web->tls.bound != NULL)
		evconnlistener_enable(evhttp_bound_socket_get_listener(
		    web->tls.bound));
}

/* accept(2) failed: out of descriptors makes room, or pauses a second. */
static void
accept_error_cb(struct evconnlistener *l, void *arg)
{
	struct web	*web = arg;
	struct timeval	 pause = { 1, 0 };
	int		 e = EVUTIL_SOCKET_ERROR();

	(void)l;
	if (e != EMFILE && e != ENFILE) {
		log_warnx("http accept: %s", strerror(e));
		return;
	}
	if (evict_idle(web))
		return;
	log_warnx("http accept: out of descriptors, pausing for a second");
	if (web->plain.bound != NULL)
		evconnlistener_disable(evhttp_bound_socket_get_listener(
		    web->plain.bound));
	if (web->tls.bound != NULL)
		evconnlistener_disable(evhttp_bound_socket_get_listener(
		    web->tls.bound));
	evtimer_add(web->resume, &pause);
}

static void
door_start(struct web *web, struct door *d, int fd, enum view_proto proto,
    int port)
{
	d->web = web;
	d->proto = proto;
	d->port = port;
	if ((d->http = evhttp_new(web->base)) == NULL)
		fatalx("evhttp_new failed");
	evhttp_set_max_headers_size(d->http, WEB_HEADERS_MAX);
	evhttp_set_max_body_size(d->http, WEB_BODY_MAX);
	evhttp_set_timeout(d->http, web->srv->conf->timeout);
	/* Every method evhttp knows reaches us, so that we say 405. */
	evhttp_set_allowed_methods(d->http, EVHTTP_REQ_GET | EVHTTP_REQ_POST |
	    EVHTTP_REQ_HEAD | EVHTTP_REQ_PUT | EVHTTP_REQ_DELETE |
	    EVHTTP_REQ_OPTIONS | EVHTTP_REQ_TRACE | EVHTTP_REQ_CONNECT |
	    EVHTTP_REQ_PATCH);
	evhttp_set_default_content_type(d->http, "text/html; charset=utf-8");
	evhttp_set_bevcb(d->http, make_bev, d);
	evhttp_set_gencb(d->http, request_cb, d);
	if ((d->bound = evhttp_accept_socket_with_handle(d->http, fd)) == NULL)
		fatalx("cannot listen for HTTP");
	evconnlistener_set_error_cb(evhttp_bound_socket_get_listener(d->bound),
	    accept_error_cb);
}

struct web *
web_start(struct server *srv, struct worker *w, struct event_base *base)
{
	struct web	*web;

	if (srv->http_fd == -1 && srv->https_fd == -1)
		return NULL;
	web = xcalloc(1, sizeof(*web));
	web->srv = srv;
	web->w = w;
	web->base = base;
	tls_web = web;
	if ((web->resume = evtimer_new(base, resume_cb, web)) == NULL ||
	    (web->discover = event_new(base, -1, 0, discover_cb, web)) ==
	    NULL)
		fatalx("evtimer_new failed");
	/* The listeners' sockets are evhttp's from now on. */
	if (srv->http_fd != -1) {
		door_start(web, &web->plain, srv->http_fd, VIEW_HTTP,
		    srv->conf->http_port);
		srv->http_fd = -1;
	}
	if (srv->https_fd != -1) {
		door_start(web, &web->tls, srv->https_fd, VIEW_HTTPS,
		    srv->conf->https_port);
		srv->https_fd = -1;
	}
	return web;
}

/* Stop accepting; connections waiting for a request go soon. */
void
web_stop(struct web *web)
{
	struct hconn	*hc;

	if (web == NULL || web->stopping)
		return;
	web->stopping = 1;
	event_del(web->resume);
	if (web->plain.bound != NULL)
		evhttp_del_accept_socket(web->plain.http, web->plain.bound);
	if (web->tls.bound != NULL)
		evhttp_del_accept_socket(web->tls.http, web->tls.bound);
	web->plain.bound = web->tls.bound = NULL;
	for (hc = web->head; hc != NULL; hc = hc->next)
		if (!hc->busy && !hc->ended)
			hc_arm(hc, WEB_SHUTDOWN_MS);
}

size_t
web_conns(const struct web *web)
{
	return web == NULL ? 0 : web->nconns + web->npending;
}

void
web_free(struct web *web)
{
	if (web == NULL)
		return;
	struct hreq	*hr;

	web->stopping = 0;
	/* Requests whose client went are ours; the others evhttp's. */
	for (hr = web->pending; hr != NULL; hr = hr->next)
		if (hr->gone)
			evhttp_request_free(hr->req);
	/* Frees every connection evhttp holds. */
	if (web->plain.http != NULL)
		evhttp_free(web->plain.http);
	if (web->tls.http != NULL)
		evhttp_free(web->tls.http);
	while (web->pending != NULL)
		hreq_free(web->pending);
	while (web->head != NULL)
		hc_free(web->head);
	event_free(web->discover);
	event_free(web->resume);
	free(web->byfd);
	if (tls_web == web)
		tls_web = NULL;
	free(web);
}
