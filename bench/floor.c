/*
 * floor: the reference server for the benchmark (issue 7), the least a
 * TLS Gemini server can do.  Accept, handshake, read the request line,
 * write one fixed page, send close_notify, close.  Nothing else: no
 * parsing, no routing, no logging, no files after start.
 *
 * Blocking sockets, `-n' processes forked after listen(2) each accepting
 * in turn, so a client busy between its handshake flights does not hold
 * the others up.  The TLS context matches blanksheetd's where it costs:
 * TLS 1.2 and 1.3, the same certificate and cipher suites in the same
 * order, one session ticket per connection (SSL_CTX_set_num_tickets(ctx,
 * 1)) and no session cache.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <arpa/inet.h>

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "tls.h"		/* the same cipher suites */

#define HEADER		"20 text/gemini; charset=utf-8; lang=en-GB\r\n"
#define PAGE_MAX	(1024 * 1024)
#define REQUEST_MAX	1026	/* 1024 bytes of URL, CR, LF */
#define IO_TIMEOUT	10	/* seconds: a silent client cannot wedge us */
#define PROCS_MAX	256

static pid_t			 pids[PROCS_MAX];
static volatile sig_atomic_t	 nprocs_up, got_term;

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: floor -C cert -K key -f page [-b address] "
	    "[-n procs] [-p port]\n\t[-r readyfile]\n");
	exit(1);
}

/* Stop every child; wait() in main() then sees them go. */
static void
stop_all(void)
{
	int	 i;

	got_term = 1;
	for (i = 0; i < nprocs_up; i++)
		kill(pids[i], SIGTERM);
}

static void
on_term(int sig)
{
	(void)sig;
	stop_all();
}

static int
number(const char *s, int min, int max, const char *what)
{
	char	*end;
	long	 n;

	errno = 0;
	n = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno == ERANGE || n < min ||
	    n > max)
		errx(1, "%s must be a number from %d to %d: %s", what, min, max,
		    s);
	return (int)n;
}

/* The header and the page, as one buffer to write.  Caller frees. */
static char *
load_page(const char *path, size_t *lenp)
{
	struct stat	 st;
	char		*buf;
	size_t		 hlen = strlen(HEADER), off = 0;
	ssize_t		 n;
	int		 fd;

	if ((fd = open(path, O_RDONLY)) == -1 || fstat(fd, &st) == -1)
		err(1, "%s", path);
	if (st.st_size > PAGE_MAX)
		errx(1, "%s: larger than %d bytes", path, PAGE_MAX);
	if ((buf = malloc(hlen + (size_t)st.st_size)) == NULL)
		err(1, NULL);
	memcpy(buf, HEADER, hlen);
	while (off < (size_t)st.st_size) {
		if ((n = read(fd, buf + hlen + off,
		    (size_t)st.st_size - off)) <= 0)
			err(1, "%s", path);
		off += (size_t)n;
	}
	close(fd);
	*lenp = hlen + off;
	return buf;
}

static SSL_CTX *
ctx_new(const char *cert, const char *key)
{
	SSL_CTX	*ctx;

	if ((ctx = SSL_CTX_new(TLS_server_method())) == NULL ||
	    !SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) ||
	    !SSL_CTX_set_max_proto_version(ctx, TLS1_3_VERSION) ||
	    !SSL_CTX_set_num_tickets(ctx, 1) ||
	    !SSL_CTX_set_cipher_list(ctx, TLS12_CIPHERS) ||
	    !SSL_CTX_set_ciphersuites(ctx, TLS13_SUITES))
		errx(1, "cannot create TLS context");
	SSL_CTX_set_options(ctx, SSL_OP_CIPHER_SERVER_PREFERENCE);
	SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
	if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1)
		errx(1, "cannot load certificate '%s'", cert);
	if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1 ||
	    SSL_CTX_check_private_key(ctx) != 1)
		errx(1, "cannot load key '%s'", key);
	return ctx;
}

static int
listen_on(const char *addr, int port, int *bound)
{
	struct sockaddr_in	 sin;
	socklen_t		 sl = sizeof(sin);
	int			 fd, on = 1;

	memset(&sin, 0, sizeof(sin));
	sin.sin_family = AF_INET;
	sin.sin_port = htons((unsigned short)port);
	if (inet_pton(AF_INET, addr, &sin.sin_addr) != 1)
		errx(1, "not an IPv4 address: %s", addr);
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		err(1, "socket");
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	/* Inherited by accepted sockets, as in blanksheetd. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)) == -1)
		err(1, "bind %s port %d", addr, port);
	if (listen(fd, SOMAXCONN) == -1)
		err(1, "listen");
	if (getsockname(fd, (struct sockaddr *)&sin, &sl) == -1)
		err(1, "getsockname");
	*bound = ntohs(sin.sin_port);
	return fd;
}

/* One connection, start to end; every failure just closes it. */
static void
serve(SSL_CTX *ctx, int fd, const char *page, size_t pagelen)
{
	struct timeval	 tv = { IO_TIMEOUT, 0 };
	char		 line[REQUEST_MAX];
	size_t		 len = 0;
	SSL		*ssl;
	int		 n;

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if ((ssl = SSL_new(ctx)) == NULL || SSL_set_fd(ssl, fd) != 1)
		goto out;
	ERR_clear_error();
	if (SSL_accept(ssl) != 1)
		goto out;
	while (len < sizeof(line)) {
		ERR_clear_error();
		if ((n = SSL_read(ssl, line + len, (int)(sizeof(line) - len)))
		    <= 0)
			goto out;
		if (memchr(line + len, '\n', (size_t)n) != NULL)
			break;
		len += (size_t)n;
	}
	ERR_clear_error();
	if (SSL_write(ssl, page, (int)pagelen) != (int)pagelen)
		goto out;
	ERR_clear_error();
	(void)SSL_shutdown(ssl);
 out:
	ERR_clear_error();
	SSL_free(ssl);
	close(fd);
}

static void __attribute__((noreturn))
child(SSL_CTX *ctx, int lfd, const char *page, size_t pagelen)
{
	int	 fd;

	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	for (;;) {
		if ((fd = accept(lfd, NULL, NULL)) == -1) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			err(1, "accept");
		}
		serve(ctx, fd, page, pagelen);
	}
}

static void
ready_write(const char *path, int port, int n)
{
	FILE	*fp;
	char	*tmp;
	size_t	 len = strlen(path) + 5;
	int	 i;

	if ((tmp = malloc(len)) == NULL)
		err(1, NULL);
	snprintf(tmp, len, "%s.tmp", path);
	if ((fp = fopen(tmp, "w")) == NULL)
		err(1, "%s", tmp);
	fprintf(fp, "%d %ld 1", port, (long)getpid());
	for (i = 0; i < n; i++)
		fprintf(fp, " %ld", (long)pids[i]);
	fprintf(fp, "\n");
	if (fclose(fp) != 0 || rename(tmp, path) == -1)
		err(1, "%s", path);
	free(tmp);
}

int
main(int argc, char *argv[])
{
	struct sigaction sa;
	SSL_CTX		*ctx;
	const char	*addr = "127.0.0.1", *cert = NULL, *key = NULL;
	const char	*pagefile = NULL, *readyfile = NULL;
	char		*page;
	size_t		 pagelen;
	pid_t		 pid;
	int		 ch, i, lfd, nprocs = 4, port = 1965, bound, status;

	while ((ch = getopt(argc, argv, "b:C:f:K:n:p:r:")) != -1) {
		switch (ch) {
		case 'b':
			addr = optarg;
			break;
		case 'C':
			cert = optarg;
			break;
		case 'f':
			pagefile = optarg;
			break;
		case 'K':
			key = optarg;
			break;
		case 'n':
			nprocs = number(optarg, 1, PROCS_MAX, "processes");
			break;
		case 'p':
			port = number(optarg, 0, 65535, "port");
			break;
		case 'r':
			readyfile = optarg;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || cert == NULL || key == NULL || pagefile == NULL)
		usage();

	signal(SIGPIPE, SIG_IGN);
	page = load_page(pagefile, &pagelen);
	ctx = ctx_new(cert, key);
	lfd = listen_on(addr, port, &bound);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_term;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	for (i = 0; i < nprocs && !got_term; i++) {
		if ((pid = fork()) == -1) {
			warn("fork");
			stop_all();
			break;
		}
		if (pid == 0)
			child(ctx, lfd, page, pagelen);
		pids[i] = pid;
		nprocs_up = i + 1;
	}
	if (readyfile != NULL && !got_term)
		ready_write(readyfile, bound, nprocs);

	/* Until SIGTERM or a child's death, then take them all down. */
	for (;;) {
		if (wait(&status) == -1) {
			if (errno == EINTR)
				continue;
			break;		/* ECHILD: all gone */
		}
		if (!got_term)
			stop_all();
	}
	if (readyfile != NULL)
		unlink(readyfile);
	SSL_CTX_free(ctx);
	free(page);
	return 0;
}
