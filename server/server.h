/*
 * blanksheetd's parts, as main.c connects them: the configuration from
 * the command line, what each worker is handed when it is forked, the
 * worker's event loop, and the replies.
 */
#ifndef SERVER_H
#define SERVER_H

#include <sys/types.h>

#include <stdint.h>

#include <openssl/ssl.h>

#include "request.h"
#include "util.h"
#include "view.h"

struct capsule_cache;
struct event_base;
struct ratelimit;
struct worker;
struct store;
struct viewcache;

#define SERVER_TIMEOUT		10	/* seconds to send a request */
#define SERVER_INPUT_LIMIT	200	/* inputs per source per window: a room
					   of 100 behind one address, twice */
#define SERVER_INPUT_GLOBAL	1200	/* inputs from all sources per window */
#define SERVER_INPUT_WINDOW	60	/* seconds */
#define SERVER_LANG		"en-GB"	/* of the capsule's pages */

struct server_conf {
	const char	*db;
	const char	*capsule;
	const char	*host;		/* lower case, no final dot */
	const char	*cert;
	const char	*key;
	const char	*readyfile;	/* NULL: none */
	const char	*bindaddr;	/* NULL: every address */
	const char	*user;		/* -u: started as root, serve as */
	const char	*sandbox_test;	/* tests: BLANKSHEETD_SANDBOX_TEST */
	int		 port;		/* the one actually bound */
	int		 gopher_port;	/* bound, or 0: no Gopher listener */
	int		 http_port;	/* bound, or 0: no plain HTTP (-W) */
	int		 https_port;	/* bound, or 0: no HTTPS (-w) */
	int		 foreground;
	int		 workers;
	int		 timeout;	/* seconds, per phase */
	int		 input_limit;
	int		 maxconns;	/* per worker */
	int		 verbose;
};

/* What a worker runs with.  Built by the master; store opened after fork. */
struct server {
	const struct server_conf *conf;
	SSL_CTX			*ctx;		/* shared by copy-on-write */
	int			 capsule_fd;
	int			 listen_fd;
	int			 gopher_fd;	/* -1 without -g */
	char			 gopher_port[8]; /* for menu items */
	int			 http_fd;	/* -1 without -W */
	int			 https_fd;	/* -1 without -w */
	struct ratelimit	*rl;		/* shared mapping */
	struct store		*store;		/* the worker's own, or NULL */
	dev_t			 store_dev;	/* the file it was opened as */
	ino_t			 store_ino;
	struct viewcache	*views;		/* the worker's, on first use */
	struct capsule_cache	*files;		/* the worker's, on first use */
};

/*
 * Run one worker on `srv': open the record, confine itself (sandbox.h),
 * serve connections from the listening socket until SIGTERM or SIGINT,
 * then finish what is in flight and exit(0).  Writes "r" to `readyfd'
 * once it is serving, and keeps it for the note a forbidden system call
 * leaves; if it cannot start, writes "e" and why, and exits 1, without
 * logging: the master logs a failure once.  Never returns.
 */
void	worker_main(struct server *srv, int readyfd)
	    __attribute__((noreturn));

/*
 * How long a reply that needs the record may wait for it (another
 * process writing, the file replaced), retried on a timer on the
 * worker's loop, REPLY_RETRY_MS after the first try and up to four
 * times that later on: never a blocking wait.
 */
#define REPLY_WAIT_MS		5000
#define REPLY_RETRY_MS		50

/* Which attempt at a request this is. */
enum reply_try {
	REPLY_FIRST,		/* the first: counts against the rate limit */
	REPLY_AGAIN,		/* a retry after REPLY_RETRY */
	REPLY_LAST		/* the last retry: answer whatever happens */
};

/* Returned instead of a status: the record was busy, try again later. */
#define REPLY_RETRY		0

/*
 * Open the worker's record (srv->store) without a busy timeout, noting
 * which file it is.  0, or -1 with `errstr' set (static).
 */
int	reply_store_open(struct server *srv, const char **errstr);
/* Close it (NULL-safe), leaving another record at the path untouched. */
void	reply_store_close(struct server *srv);

/*
 * 1 if the worker's open record is still the file at its path: the same
 * device and inode, with a link to it, else 0.
 */
int	reply_store_current(struct server *srv);

/*
 * Where a request came from, for the rate limit, and what its words were
 * charged: once a request, however often its reply is tried again.
 */
struct reply_src {
	uint64_t	 key;		/* ratelimit_key(), not the address */
	int		 charged;	/* its words were counted */
	int		 wait;		/* then: seconds to wait, or 0 */
};

/*
 * Answer the parsed request `req' from connection source `src' (a rate
 * limit key and its charge): append the reply header, and for pages built from the
 * record the body too, to `out'.  For a static file the body follows
 * from *fdp (caller closes), else *fdp is -1.  Returns the status, or
 * REPLY_RETRY (only when `try' is not REPLY_LAST) when the record was
 * busy or had been replaced: nothing was saved or added to `out'.  On
 * REPLY_LAST a participant whose words could not be saved is told so,
 * with the words shown back.
 */
int	reply_request(struct server *srv, const struct request *req,
	    struct reply_src *src, enum reply_try try, struct buf *out,
	    int *fdp);

/*
 * Answer the Gopher request line `line' (`len' bytes received, its LF
 * last) from connection source `src': a menu, text or an error line in
 * `out', or a binary file from *fdp (caller closes; else -1).  The
 * request's path, never its search words, goes into `path' (pathsz
 * bytes) for the access log.  Returns a Gemini-like status for the log:
 * 20, 44, 51, 59 or 40; or REPLY_RETRY as reply_request() does.
 */
int	reply_gopher(struct server *srv, char *line, size_t len,
	    struct reply_src *src, enum reply_try try, char *path, size_t pathsz, struct buf *out,
	    int *fdp);

/*
 * A reply through the web door, before it becomes HTTP (http.c does
 * that): a status, the HTML page or a capsule file, or a redirect.
 */
/*
 * A page kept by the page cache, shared with the replies still sending
 * it, so that a kept page is sent without a copy: freed when the last
 * holder lets go.
 */
struct kept {
	unsigned	 refs;
	size_t		 len;
	char		 data[];
};

void	kept_drop(struct kept *);

struct web_reply {
	int		 status;	/* 200, 301, 400, 404, 503 */
	char		*location;	/* owned: the path for 301 */
	const char	*mime;		/* static: the body's type */
	struct buf	 body;		/* owned */
	struct kept	*kept;		/* held: the body, when it was kept */
	int		 fd;		/* a capsule file to send, or -1 */
};

void	web_reply_init(struct web_reply *);
void	web_reply_release(struct web_reply *);

/*
 * Answer a request through the web door `proto' (VIEW_HTTP or
 * VIEW_HTTPS) for canonical `path' into `r': with `words' (a decoded
 * form, POST) they go where the same query would go over Gemini; with
 * `query' (GET) on a say route, the form shows those words to send
 * again, and nothing is saved.  Returns r->status, or REPLY_RETRY as
 * reply_request() does (r unchanged).
 */
int	reply_web(struct server *srv, enum view_proto proto, const char *path,
	    const char *query, size_t querylen, const char *words,
	    struct reply_src *src, enum reply_try try, struct web_reply *r);

/* Free what replies kept between requests (the page cache). */
void	reply_release(struct server *srv);

/*
 * Append "<status> <meta>\r\n" to `out'.  The meta is cut to fit 1024
 * bytes (at a character boundary) and line ends or controls in it are
 * turned into spaces, so the header is always one line.
 */
void	reply_header(struct buf *out, int status, const char *meta);

/*
 * One access line (worker.c): time, status, bytes, the time since
 * `start_us' (monotonic), the path.  Never an address, a query or words.
 */
void	worker_access(struct worker *, int status, size_t bytes,
	    long long start_us, const char *path);
/*
 * The web door (http.c) on a worker's loop: NULL when there is no HTTP
 * listener.  web_stop() stops accepting; web_conns() counts connections
 * and replies still in flight (0 for NULL); web_free() closes them all.
 */
struct web;
struct web *web_start(struct server *, struct worker *, struct event_base *);
void	web_stop(struct web *);
size_t	web_conns(const struct web *);
void	web_free(struct web *);

/* Monotonic microseconds. */
long long worker_now_us(void);
/* The web door's side of a worker has closed its last connection. */
void	worker_web_idle(struct worker *);

#endif
