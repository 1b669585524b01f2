/*
 * blanksheetd: options, then the master process.  The master binds the
 * listening socket, builds the TLS context and opens the capsule once,
 * forks one worker per core, and from then on only watches them: it
 * replaces a worker that dies, reloads on SIGHUP by starting a new
 * generation of workers (the old ones finish what they hold and exit),
 * and on SIGTERM stops them all.  The listening socket stays open the
 * whole time, so a reload loses no connection.  Started as root, it does
 * what needs root first (bind, read the key, open the capsule), then
 * drops to the user of -u before it opens the record; each worker
 * confines itself further (sandbox.h).
 */
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "capsule.h"
#include "log.h"
#include "ratelimit.h"
#include "sandbox.h"
#include "view.h"
#include "server.h"
#include "store.h"
#include "tls.h"
#include "url.h"
#include "util.h"

#define READY_WAIT_MS	30000	/* for a new worker to open the record */
#define MAXCONNS_CAP	8192
#define BACKOFF_MAX	30	/* seconds between tries at a failing start */

struct child {
	pid_t		 pid;
	int		 gen;
	time_t		 started;
	int		 notefd;	/* its pipe: a note before it dies */
};

static volatile sig_atomic_t	 got_term, got_hup, got_chld;

static struct server_conf	 conf;
static struct server		 srv;
static struct child		*children;
static size_t			 nchildren, maxchildren;
static int			 generation;
static int			 ready_seq;
static int			 auto_cert;	/* we made the certificate */
static pid_t			 master_pid;
/* Workers that cannot start are tried again 1, 2, 4 ... 30 s later. */
static int			 backoff;	/* seconds; 0: starts work */
static time_t			 next_start;	/* monotonic: not before */
static unsigned int		 failed_starts;

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: blanksheetd [-fv] [-b address] [-C cert "
	    "-K key] [-c capsule] [-d db]\n"
	    "\t[-H hostname] [-l inputs] [-m connections] [-n workers] "
	    "[-p port]\n\t[-g gopherport] [-r readyfile] [-t seconds] "
	    "[-u user]\n\t[-w httpsport] [-W httpport]\n");
	exit(1);
}

static void
on_signal(int sig)
{
	switch (sig) {
	case SIGTERM:
	case SIGINT:
		got_term = 1;
		break;
	case SIGHUP:
		got_hup = 1;
		break;
	case SIGCHLD:
	case SIGALRM:
		got_chld = 1;
		break;
	}
}

static int
number(const char *s, int min, int max, const char *what)
{
	const char	*errstr = NULL;
	char		*end;
	long		 n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0')
		errstr = "not a number";
	else if (n < min)
		errstr = "too small";
	else if (errno == ERANGE || n > max)
		errstr = "too large";
	if (errstr != NULL)
		errx(1, "%s is %s: %s", what, errstr, s);
	return (int)n;
}

/* A host name as it will be compared: lower case, no final dot. */
static char *
host_canon(const char *arg)
{
	char	*h, *p;
	size_t	 len;

	h = xstrdup(arg);
	len = strlen(h);
	if (len > 1 && h[len - 1] == '.')
		h[--len] = '\0';
	for (p = h; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
	if (len == 0 || len > 253 ||
	    strspn(h, "abcdefghijklmnopqrstuvwxyz0123456789.-:") != len ||
	    h[0] == '.' || h[0] == '-')
		errx(1, "not a host name: %s", arg);
	return h;
}

/* The directory of `path', for files kept next to the record. */
static char *
dir_of(const char *path)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xstrndup(path, (size_t)(slash - path));
}

static int
listen_on(const char *addr, int port, int *bound)
{
	struct addrinfo		 hints, *res, *ai;
	struct sockaddr_storage	 ss;
	socklen_t		 sl = sizeof(ss);
	char			 portstr[8];
	int			 fd = -1, on = 1, off = 0, e;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	snprintf(portstr, sizeof(portstr), "%d", port);
	/* Without -b: IPv6 and IPv4 on one socket, or IPv4 alone. */
	if ((e = getaddrinfo(addr != NULL ? addr : "::", portstr, &hints,
	    &res)) != 0) {
		if (addr != NULL)
			errx(1, "%s: %s", addr, gai_strerror(e));
		res = NULL;
	}
	for (ai = res; ai != NULL && fd == -1; ai = ai->ai_next) {
		if ((fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC,
		    ai->ai_protocol)) == -1)
			continue;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
		if (addr == NULL && ai->ai_family == AF_INET6)
			setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off,
			    sizeof(off));
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) == -1) {
			e = errno;
			close(fd);
			fd = -1;
			errno = e;
		}
	}
	if (res != NULL)
		freeaddrinfo(res);
	if (fd == -1 && addr == NULL)
		return listen_on("0.0.0.0", port, bound);
	if (fd == -1)
		err(1, "cannot bind %s port %d", addr, port);
	/* Accepted sockets inherit TCP_NODELAY: no per-request syscall. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
	if (listen(fd, SOMAXCONN) == -1)
		err(1, "listen");
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == -1)
		err(1, "fcntl");
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == -1)
		err(1, "getsockname");
	*bound = ntohs(ss.ss_family == AF_INET6 ?
	    ((struct sockaddr_in6 *)&ss)->sin6_port :
	    ((struct sockaddr_in *)&ss)->sin_port);
	return fd;
}

/*
 * "PORT MASTERPID SEQ WORKERPID..." on one line, replaced whole, so that
 * (with READYFILE.gopher holding the Gopher port, when there is one)
 * tests can wait for the server, and for a reload or a replaced worker,
 * without guessing with sleep.
 */
/* READYFILE.SUFFIX holding `port', replaced whole. */
static void
ready_side(const char *suffix, int port)
{
	char	*tmp, *dst, line[16];
	int	 fd, n;

	n = snprintf(line, sizeof(line), "%d\n", port);
	tmp = xasprintf("%s.%s.tmp", conf.readyfile, suffix);
	dst = xasprintf("%s.%s", conf.readyfile, suffix);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) == -1 || write(fd, line, (size_t)n) != n || close(fd) == -1)
		log_warn("cannot write '%s'", tmp);
	else if (rename(tmp, dst) == -1)
		log_warn("cannot write '%s'", dst);
	free(tmp);
	free(dst);
}

static void
ready_unlink(const char *suffix)
{
	char	*path = xasprintf("%s.%s", conf.readyfile, suffix);

	unlink(path);
	free(path);
}

/*
 * "PORT MASTERPID SEQ WORKERPID..." on one line, replaced whole, so that
 * (with READYFILE.gopher, READYFILE.http and READYFILE.https holding the
 * other doors' ports, when they are open) tests can wait for the server,
 * and for a reload or a replaced worker, without guessing with sleep.
 */
static void
ready_write(void)
{
	struct buf	 b;
	char		*tmp;
	size_t		 i;
	int		 fd;

	if (conf.readyfile == NULL)
		return;
	/* The other doors' ports, written first. */
	if (conf.gopher_port > 0)
		ready_side("gopher", conf.gopher_port);
	if (conf.http_port > 0)
		ready_side("http", conf.http_port);
	if (conf.https_port > 0)
		ready_side("https", conf.https_port);
	buf_init(&b);
	buf_addf(&b, "%d %ld %d", conf.port, (long)getpid(), ++ready_seq);
	for (i = 0; i < nchildren; i++)
		if (children[i].gen == generation)
			buf_addf(&b, " %ld", (long)children[i].pid);
	buf_addc(&b, '\n');
	tmp = xasprintf("%s.tmp", conf.readyfile);
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0644)) == -1 || write(fd, b.data, b.len) != (ssize_t)b.len ||
	    close(fd) == -1 || rename(tmp, conf.readyfile) == -1)
		log_warn("cannot write ready file '%s'", conf.readyfile);
	free(tmp);
	buf_release(&b);
}

static time_t
mono_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

/*
 * Fork a worker of the current generation and wait until it serves.  On
 * failure, -1 with the reason in `why' (whysz bytes), not logged.
 */
static pid_t
spawn(char *why, size_t whysz)
{
	struct pollfd	 pfd;
	sigset_t	 none;
	pid_t		 pid;
	char		 msg[512];
	ssize_t		 len;
	int		 p[2], n;

	if (pipe(p) == -1) {
		(void)snprintf(why, whysz, "pipe: %s", strerror(errno));
		return -1;
	}
	if ((pid = fork()) == -1) {
		(void)snprintf(why, whysz, "fork: %s", strerror(errno));
		close(p[0]);
		close(p[1]);
		return -1;
	}
	if (pid == 0) {
		close(p[0]);
		/*
		 * A worker goes when the master goes (SIGUSR1: it lets the
		 * port go at once and stops within a second), so a new
		 * master can always bind.  The master may already be gone.
		 */
		if (prctl(PR_SET_PDEATHSIG, SIGUSR1) == -1 ||
		    getppid() != master_pid)
			_exit(1);
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		signal(SIGCHLD, SIG_DFL);
		signal(SIGALRM, SIG_DFL);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		for (n = 0; n < (int)nchildren; n++)
			close(children[n].notefd);
		free(children);
		worker_main(&srv, p[1]);
	}
	close(p[1]);
	log_debug("worker %ld starting", (long)pid);
	pfd.fd = p[0];
	pfd.events = POLLIN;
	do
		n = poll(&pfd, 1, READY_WAIT_MS);
	while (n == -1 && errno == EINTR);
	/* One byte: what follows "r" is a note for reap(). */
	len = n == 1 ? read(p[0], msg, 1) : -1;
	if (len == 1 && msg[0] == 'e')
		len += read(p[0], msg + 1, sizeof(msg) - 2);
	if (len < 1 || msg[0] != 'r') {
		close(p[0]);
		if (len > 1 && msg[0] == 'e') {
			msg[len] = '\0';
			(void)snprintf(why, whysz, "%s", msg + 1);
		} else
			(void)snprintf(why, whysz, n == 0 ? "not ready after "
			    "%d s" : "it exited before it was ready",
			    READY_WAIT_MS / 1000);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return -1;
	}
	(void)fcntl(p[0], F_SETFL, O_NONBLOCK);
	(void)fcntl(p[0], F_SETFD, FD_CLOEXEC);
	if (nchildren == maxchildren) {
		maxchildren = maxchildren == 0 ? 8 : maxchildren * 2;
		children = xreallocarray(children, maxchildren,
		    sizeof(*children));
	}
	children[nchildren].pid = pid;
	children[nchildren].gen = generation;
	children[nchildren].started = mono_now();
	children[nchildren].notefd = p[0];
	nchildren++;
	return pid;
}

static size_t
count_gen(int gen, int older)
{
	size_t	 i, n = 0;

	for (i = 0; i < nchildren; i++)
		if (older ? children[i].gen < gen : children[i].gen == gen)
			n++;
	return n;
}

static void
signal_older(int sig)
{
	size_t	 i;

	for (i = 0; i < nchildren; i++)
		if (children[i].gen < generation)
			kill(children[i].pid, sig);
}

/*
 * A worker could not start, or died as it started: try again later, 1 s
 * then twice as long each time up to BACKOFF_MAX, with one log line when
 * the trouble starts (and one when it ends, in start_worked()), however
 * long it lasts.  No storm of forks and log lines while, say, the record
 * is missing.
 */
static void
start_failed(const char *why)
{
	if (backoff == 0) {
		log_warnx("a worker cannot start: %s; trying again in 1 s, "
		    "then less often (at most every %d s)", why, BACKOFF_MAX);
		backoff = 1;
	} else
		backoff = backoff * 2 > BACKOFF_MAX ? BACKOFF_MAX : backoff * 2;
	failed_starts++;
	next_start = mono_now() + backoff;
	alarm((unsigned int)backoff);
}

static void
start_worked(void)
{
	if (backoff != 0)
		log_info("workers start again, after %u failed tries",
		    failed_starts);
	backoff = 0;
	failed_starts = 0;
}

/* Start workers of the current generation until there are enough. */
static void
top_up(int *ready_pending)
{
	char	 why[512];
	time_t	 now = mono_now();

	if (count_gen(generation, 0) >= (size_t)conf.workers)
		return;
	if (backoff != 0 && now < next_start) {
		alarm((unsigned int)(next_start - now));
		return;
	}
	while (count_gen(generation, 0) < (size_t)conf.workers) {
		if (spawn(why, sizeof(why)) == -1) {
			start_failed(why);
			return;
		}
		start_worked();
		*ready_pending = 1;
	}
}

/* Collect dead workers; replace those of the current generation. */
static void
reap(int stopping, int *ready_pending)
{
	struct child	 dead;
	size_t		 i;
	pid_t		 pid;
	ssize_t		 len;
	int		 status;
	char		 why[64], msg[64], note[128];

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < nchildren && children[i].pid != pid; i++)
			;
		if (i == nchildren)
			continue;
		dead = children[i];
		children[i] = children[--nchildren];
		/* It is gone: whatever it wrote is there to read. */
		len = read(dead.notefd, msg, sizeof(msg));
		close(dead.notefd);
		sandbox_note(msg, len > 0 ? (size_t)len : 0, note,
		    sizeof(note));
		if (WIFSIGNALED(status))
			log_warnx("worker %ld killed by signal %d%s%s",
			    (long)pid, WTERMSIG(status), note[0] ? ": " : "",
			    note);
		else if (WEXITSTATUS(status) != 0)
			log_warnx("worker %ld exited with status %d%s%s",
			    (long)pid, WEXITSTATUS(status), note[0] ? ": " : "",
			    note);
		if (stopping || dead.gen != generation)
			continue;
		/* A worker that dies at once would die again at once. */
		if (mono_now() - dead.started < 1) {
			(void)snprintf(why, sizeof(why), "worker %ld died as "
			    "it started", (long)pid);
			start_failed(why);
		}
	}
	if (!stopping)
		top_up(ready_pending);
}

/* SIGHUP: new certificate and capsule, new workers, old ones retire. */
static void
reload(int *ready_pending)
{
	SSL_CTX		*ctx, *oldctx;
	char		 errbuf[512], why[512];
	int		 cfd, oldcfd, i, started = 0;

	log_info("reloading certificate and capsule");
	if (auto_cert && tls_cert_ensure(conf.host, conf.cert, conf.key,
	    errbuf, sizeof(errbuf)) == -1) {
		log_warnx("reload: %s; keeping what runs", errbuf);
		return;
	}
	sandbox_reading(1);
	ctx = tls_ctx_new(conf.cert, conf.key, errbuf, sizeof(errbuf));
	cfd = ctx != NULL ? capsule_open(conf.capsule) : -1;
	sandbox_reading(0);
	if (ctx == NULL) {
		log_warnx("reload: %s; keeping what runs", errbuf);
		return;
	}
	if (cfd == -1) {
		log_warn("reload: cannot open capsule '%s'; keeping what runs",
		    conf.capsule);
		SSL_CTX_free(ctx);
		return;
	}
	oldctx = srv.ctx;
	oldcfd = srv.capsule_fd;
	srv.ctx = ctx;
	srv.capsule_fd = cfd;
	generation++;
	for (i = 0; i < conf.workers; i++)
		if (spawn(why, sizeof(why)) != -1)
			started++;
	if (started == 0) {
		log_warnx("reload: no new worker started (%s); keeping what "
		    "runs", why);
		generation--;
		srv.ctx = oldctx;
		srv.capsule_fd = oldcfd;
		SSL_CTX_free(ctx);
		close(cfd);
		return;
	}
	signal_older(SIGTERM);
	SSL_CTX_free(oldctx);
	close(oldcfd);
	*ready_pending = 1;
}

static void
raise_nofile(void)
{
	struct rlimit	 rl;
	rlim_t		 want = 65536;

	if (getrlimit(RLIMIT_NOFILE, &rl) == -1)
		return;
	if (rl.rlim_cur < want) {
		rl.rlim_cur = rl.rlim_max < want ? rl.rlim_max : want;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
		(void)getrlimit(RLIMIT_NOFILE, &rl);
	}
	conf.maxconns = rl.rlim_cur > MAXCONNS_CAP + 64 ? MAXCONNS_CAP :
	    rl.rlim_cur > 128 ? (int)rl.rlim_cur - 64 : 64;
}

int
main(int argc, char *argv[])
{
	struct sigaction	 sa;
	struct store		*st;
	sigset_t		 block, old;
	const char		*errstr, *host = "localhost";
	char			 errbuf[512], *dir, *h;
	long			 ncpu;
	int			 ch, port = GEMINI_PORT, ready_pending = 0;
	int			 gport = -1, hport = -1, hsport = -1;
	int			 maxconns = 0, dropped = 0;
	size_t			 i;

	conf.db = "blanksheet.db";
	conf.capsule = "capsule";
	conf.timeout = SERVER_TIMEOUT;
	conf.input_limit = SERVER_INPUT_LIMIT;
	while ((ch = getopt(argc, argv, "b:C:c:d:fg:H:K:l:m:n:p:r:t:u:vW:w:")) !=
	    -1) {
		switch (ch) {
		case 'b':
			conf.bindaddr = optarg;
			break;
		case 'C':
			conf.cert = optarg;
			break;
		case 'c':
			conf.capsule = optarg;
			break;
		case 'd':
			conf.db = optarg;
			break;
		case 'f':
			conf.foreground = 1;
			break;
		case 'g':
			gport = number(optarg, 0, 65535, "Gopher port");
			break;
		case 'H':
			host = optarg;
			break;
		case 'K':
			conf.key = optarg;
			break;
		case 'l':
			conf.input_limit = number(optarg, 1, 100000,
			    "input limit");
			break;
		case 'm':
			maxconns = number(optarg, 1, 1000000, "connections");
			break;
		case 'n':
			conf.workers = number(optarg, 1, 256, "workers");
			break;
		case 'p':
			port = number(optarg, 0, 65535, "port");
			break;
		case 'r':
			conf.readyfile = optarg;
			break;
		case 't':
			conf.timeout = number(optarg, 1, 3600, "timeout");
			break;
		case 'u':
			conf.user = optarg;
			break;
		case 'v':
			conf.verbose = 1;
			break;
		case 'W':
			hport = number(optarg, 0, 65535, "HTTP port");
			break;
		case 'w':
			hsport = number(optarg, 0, 65535, "HTTPS port");
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();
	if ((conf.cert == NULL) != (conf.key == NULL))
		errx(1, "-C and -K go together");
	if (geteuid() == 0 && conf.user == NULL)
		errx(1, "will not serve as root: give -u USER, an unprivileged "
		    "user (for example -u nobody, or one made for the "
		    "server), and blanksheetd becomes that user once it has "
		    "bound its ports and read its key");
	conf.sandbox_test = getenv("BLANKSHEETD_SANDBOX_TEST");
	conf.host = h = host_canon(host);
	if (conf.workers == 0) {
		ncpu = sysconf(_SC_NPROCESSORS_ONLN);
		conf.workers = ncpu < 1 ? 1 : ncpu > 64 ? 64 : (int)ncpu;
	}

	log_init("blanksheetd", 1);
	log_setverbose(conf.verbose);
	signal(SIGPIPE, SIG_IGN);
	raise_nofile();
	if (maxconns > 0 && maxconns < conf.maxconns)
		conf.maxconns = maxconns;

	/* What needs root, if we are root: the ports, the key, the capsule. */
	srv.listen_fd = listen_on(conf.bindaddr, port, &conf.port);
	srv.gopher_fd = -1;
	if (gport >= 0) {
		/* Plain TCP beside TLS: same workers, same rules. */
		srv.gopher_fd = listen_on(conf.bindaddr, gport,
		    &conf.gopher_port);
		(void)snprintf(srv.gopher_port, sizeof(srv.gopher_port), "%d",
		    conf.gopher_port);
	}
	/* The web door, plain and over TLS: same workers, same rules. */
	srv.http_fd = srv.https_fd = -1;
	if (hport >= 0)
		srv.http_fd = listen_on(conf.bindaddr, hport, &conf.http_port);
	if (hsport >= 0)
		srv.https_fd = listen_on(conf.bindaddr, hsport,
		    &conf.https_port);
	if (conf.cert != NULL && (srv.ctx = tls_ctx_new(conf.cert, conf.key,
	    errbuf, sizeof(errbuf))) == NULL)
		errx(1, "%s", errbuf);
	if ((srv.capsule_fd = capsule_open(conf.capsule)) == -1)
		err(1, "cannot open capsule '%s'", conf.capsule);
	if (geteuid() == 0) {
		if (sandbox_drop(conf.user, errbuf, sizeof(errbuf)) == -1)
			errx(1, "%s", errbuf);
		dropped = 1;
	} else if (conf.user != NULL)
		warnx("not started as root: -u %s changes nothing", conf.user);

	/*
	 * As that user: create or migrate the record once, before workers
	 * race to, and make the certificate if there is none.
	 */
	if ((st = store_open(conf.db, STORE_CREATE, &errstr)) == NULL)
		errx(1, "cannot open record '%s'%s%s%s: %s", conf.db,
		    dropped ? " as user " : "", dropped ? conf.user : "",
		    dropped ? ", who must be able to write its directory" : "",
		    errstr != NULL ? errstr : "unknown error");
	store_close(st);
	if (conf.cert == NULL) {
		dir = dir_of(conf.db);
		conf.cert = xasprintf("%s/blanksheetd-%s.crt", dir, conf.host);
		conf.key = xasprintf("%s/blanksheetd-%s.key", dir, conf.host);
		free(dir);
		auto_cert = 1;
		if (tls_cert_ensure(conf.host, conf.cert, conf.key, errbuf,
		    sizeof(errbuf)) == -1)
			errx(1, "%s", errbuf);
		if ((srv.ctx = tls_ctx_new(conf.cert, conf.key, errbuf,
		    sizeof(errbuf))) == NULL)
			errx(1, "%s", errbuf);
	}
	srv.conf = &conf;
	srv.rl = ratelimit_new(conf.input_limit, conf.input_limit >
	    SERVER_INPUT_GLOBAL ? conf.input_limit : SERVER_INPUT_GLOBAL,
	    SERVER_INPUT_WINDOW);
	view_set_origin(conf.host, conf.port);

	if (!conf.foreground && daemon(1, 0) == -1)
		err(1, "daemon");
	log_init("blanksheetd", conf.foreground);
	sandbox_report();

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigaddset(&block, SIGHUP);
	sigaddset(&block, SIGCHLD);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, &old);

	generation = 1;
	master_pid = getpid();
	for (i = 0; i < (size_t)conf.workers; i++)
		if (spawn(errbuf, sizeof(errbuf)) == -1) {
			for (i = 0; i < nchildren; i++)
				kill(children[i].pid, SIGTERM);
			while (nchildren > 0 && wait(NULL) > 0)
				nchildren--;
			errx(1, "cannot start workers: %s", errbuf);
		}
	log_info("serving gemini://%s:%d/ with %d worker%s", conf.host,
	    conf.port, conf.workers, conf.workers == 1 ? "" : "s");
	if (srv.gopher_fd != -1)
		log_info("serving gopher://%s:%d/ as well", conf.host,
		    conf.gopher_port);
	if (srv.https_fd != -1)
		log_info("serving https://%s:%d/ as well", conf.host,
		    conf.https_port);
	if (srv.http_fd != -1)
		log_info("serving http://%s:%d/ as well, not encrypted",
		    conf.host, conf.http_port);
	ready_write();

	for (;;) {
		while (!got_term && !got_hup && !got_chld)
			sigsuspend(&old);
		if (got_term)
			break;
		if (got_chld) {
			got_chld = 0;
			reap(0, &ready_pending);
		}
		if (got_hup) {
			got_hup = 0;
			reload(&ready_pending);
		}
		/* Ready once every older worker has gone. */
		if (ready_pending && count_gen(generation, 1) == 0) {
			ready_pending = 0;
			ready_write();
		}
	}

	log_info("stopping");
	for (i = 0; i < nchildren; i++)
		kill(children[i].pid, SIGTERM);
	while (nchildren > 0) {
		got_chld = 0;
		reap(1, &ready_pending);
		if (nchildren > 0 && !got_chld)
			sigsuspend(&old);
	}
	if (conf.readyfile != NULL) {
		unlink(conf.readyfile);
		if (srv.gopher_fd != -1)
			ready_unlink("gopher");
		if (srv.http_fd != -1)
			ready_unlink("http");
		if (srv.https_fd != -1)
			ready_unlink("https");
	}
	close(srv.listen_fd);
	if (srv.gopher_fd != -1)
		close(srv.gopher_fd);
	if (srv.http_fd != -1)
		close(srv.http_fd);
	if (srv.https_fd != -1)
		close(srv.https_fd);
	close(srv.capsule_fd);
	SSL_CTX_free(srv.ctx);
	ratelimit_free(srv.rl);
	free(children);
	if (auto_cert) {
		free((char *)conf.cert);
		free((char *)conf.key);
	}
	free(h);
	return 0;
}
