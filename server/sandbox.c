/*
 * Confinement on Linux: the privilege drop of the master, and the four
 * locks each worker puts on itself before it reads from the network.
 *
 *  1. No capabilities: the worker clears what the master kept.
 *  2. NoNewPrivs: nothing it could execute would gain any.
 *  3. Landlock: read the capsule (through the master's directory
 *     descriptor) and /dev/urandom; read and write files in the record's
 *     directory, where SQLite keeps the record and makes and removes its
 *     WAL and SHM files, and where a replaced record is opened again by
 *     its path.  Nothing else: not /etc, not the key files elsewhere, not
 *     /proc.  A kernel without Landlock gets the rest, and the master
 *     says so once in the log.
 *  4. seccomp: the table below is every system call a serving worker
 *     makes, and all it may make.  Any other is trapped: the SIGSYS
 *     handler writes its number to the master's pipe and the worker dies
 *     by SIGSYS; the master names the call in the log and starts another
 *     worker.
 *
 * To find a call missing from the table (a new door, a new library),
 * run the test suite: every trapped call shows in the server's log as
 * "forbidden system call NAME (NUMBER)".  Under the sanitizers the filter
 * is left off (their runtimes ptrace, clone and read /proc at exit), and
 * the master says so.
 */
#define _GNU_SOURCE

#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/types.h>

#include <linux/capability.h>
#include <linux/landlock.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif

#include "log.h"
#include "sandbox.h"
#include "server.h"
#include "util.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANDBOX_SANITIZED	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define SANDBOX_SANITIZED	1
#endif
#endif
#ifndef SANDBOX_SANITIZED
#define SANDBOX_SANITIZED	0
#endif

/*
 * The allow-list.  One line per system call, grouped by who makes it;
 * a name this architecture lacks is skipped.  ANY allows every argument;
 * ARG_EQ(name, n, v) only argument n equal to v; ARG_NONE(name, n, bits)
 * only argument n with none of `bits' set.  Add a call here, with the
 * reason, when the log names it and it belongs to serving.
 */
enum rule_kind { ANY_ARGS, EQ, NONE_OF, EQ_SELF, REFUSED, REFUSED_EQ };

struct rule {
	const char	*name;
	enum rule_kind	 kind;
	unsigned int	 arg;
	scmp_datum_t	 value;		/* EQ: the value; NONE_OF: the bits */
};

#define ANY(n)			{ n, ANY_ARGS, 0, 0 }
#define ARG_EQ(n, a, v)		{ n, EQ, a, (scmp_datum_t)(v) }
#define ARG_NONE(n, a, bits)	{ n, NONE_OF, a, (scmp_datum_t)(bits) }
#define ARG_SELF(n, a)		{ n, EQ_SELF, a, 0 }
#define REFUSE(n)		{ n, REFUSED, 0, 0 }	/* EACCES, not fatal */
#define REFUSE_EQ(n, a, v)	{ n, REFUSED_EQ, a, (scmp_datum_t)(v) }

static const struct rule allow[] = {
	/* The event loop (libevent, epoll) and its signals. */
	ANY("epoll_wait"), ANY("epoll_pwait"), ANY("epoll_ctl"),
	ANY("rt_sigaction"), ANY("rt_sigprocmask"), ANY("rt_sigreturn"),
	ANY("restart_syscall"),
	/* Clocks: the vDSO's, or these where it is missing. */
	ANY("clock_gettime"), ANY("gettimeofday"), ANY("time"),
	ANY("clock_nanosleep"),		/* SQLite, waiting out a lock */
	/* Connections: accept, TLS or plain TCP in and out, close. */
	ANY("accept4"), ANY("read"), ANY("write"),
	ANY("recvfrom"), ANY("sendto"),	/* recv(2), send(2) */
	ANY("fcntl"), ANY("close"),
	/* The web door: evhttp's buffers, a half close, which socket. */
	ANY("readv"), ANY("writev"), ANY("shutdown"),
	ARG_EQ("getsockopt", 2, SO_COOKIE), ARG_EQ("ioctl", 1, FIONREAD),
	/* Memory, never executable (malloc, OpenSSL, SQLite's SHM map). */
	ANY("brk"), ANY("munmap"), ANY("mremap"), ANY("madvise"),
	ARG_NONE("mmap", 2, PROT_EXEC), ARG_NONE("mprotect", 2, PROT_EXEC),
	ANY("getrandom"), ANY("futex"),
	/* The capsule (openat under its descriptor) and the record. */
	ANY("openat"), ANY("lseek"), ANY("fstat"), ANY("newfstatat"),
	ANY("pread64"), ANY("pwrite64"), ANY("fsync"), ANY("fdatasync"),
	ANY("ftruncate"), ANY("fallocate"),
	ANY("fchmod"),			/* a WAL file, the record's mode */
	ANY("unlink"), ANY("unlinkat"),	/* WAL and SHM, at the last close */
	ANY("access"), ANY("faccessat"),
	ANY("readlink"), ANY("readlinkat"), ANY("getcwd"), /* full paths */
	ANY("getpid"), ANY("geteuid"), ANY("gettid"),
	/*
	 * syslog(3)'s socket is open before a worker starts (LOG_NDELAY);
	 * after an error it would make another, which is refused, so that
	 * a worker can reach no other local socket.  Its lines are lost
	 * until the next reload then, and the worker goes on.
	 */
	REFUSE_EQ("socket", 0, AF_UNIX), REFUSE("connect"),
	/* abort(3), only on itself; then the end. */
	ARG_SELF("tgkill", 0),
	ANY("exit"), ANY("exit_group"),
};

#ifndef LANDLOCK_ACCESS_FS_REFER
#define LANDLOCK_ACCESS_FS_REFER	(1ULL << 13)
#endif
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE	(1ULL << 14)
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV	(1ULL << 15)
#endif

#define LL_READ		(LANDLOCK_ACCESS_FS_READ_FILE | \
			    LANDLOCK_ACCESS_FS_READ_DIR)
#define LL_RECORD	(LL_READ | LANDLOCK_ACCESS_FS_WRITE_FILE | \
			    LANDLOCK_ACCESS_FS_MAKE_REG | \
			    LANDLOCK_ACCESS_FS_REMOVE_FILE | \
			    LANDLOCK_ACCESS_FS_TRUNCATE)

static int	 note_fd = -1;
static int	 kept_dac;	/* the master's, after -u: see sandbox_drop() */

/* The Landlock ABI version this kernel offers, or 0. */
static int
landlock_abi(void)
{
	long	 abi;

	abi = syscall(SYS_landlock_create_ruleset, NULL, 0,
	    LANDLOCK_CREATE_RULESET_VERSION);
	return abi < 0 ? 0 : (int)abi;
}

static int
caps_set(__u32 effective, __u32 permitted)
{
	struct __user_cap_header_struct	 hdr;
	struct __user_cap_data_struct	 data[2];

	memset(&hdr, 0, sizeof(hdr));
	memset(data, 0, sizeof(data));
	hdr.version = _LINUX_CAPABILITY_VERSION_3;
	data[0].effective = effective;
	data[0].permitted = permitted;
	return (int)syscall(SYS_capset, &hdr, data);
}

/* 1 if this process has no capability at all (systemd's User=). */
static int
caps_none(void)
{
	struct __user_cap_header_struct	 hdr;
	struct __user_cap_data_struct	 data[2];

	memset(&hdr, 0, sizeof(hdr));
	memset(data, 0, sizeof(data));
	hdr.version = _LINUX_CAPABILITY_VERSION_3;
	if (syscall(SYS_capget, &hdr, data) == -1)
		return 0;
	return (data[0].effective | data[0].permitted | data[1].effective |
	    data[1].permitted) == 0;
}

int
sandbox_drop(const char *user, char *err, size_t errlen)
{
	struct passwd	*pw;
	uid_t		 uid;
	gid_t		 gid;
	int		 cap;

	errno = 0;
	if ((pw = getpwnam(user)) == NULL) {
		snprintf(err, errlen, "no user '%s'%s%s", user,
		    errno != 0 ? ": " : "", errno != 0 ? strerror(errno) : "");
		return -1;
	}
	uid = pw->pw_uid;
	gid = pw->pw_gid;
	if (uid == 0) {
		snprintf(err, errlen, "-u %s: that user is root; give an "
		    "unprivileged user", user);
		return -1;
	}
	/* Out of reach for good: every capability but the one kept. */
	for (cap = 0; cap <= 63; cap++)
		if (cap != CAP_DAC_READ_SEARCH &&
		    prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == -1 &&
		    errno != EINVAL)
			goto fail;
	(void)prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
	if (initgroups(user, gid) == -1 ||
	    prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) == -1 ||
	    setresgid(gid, gid, gid) == -1 ||
	    setresuid(uid, uid, uid) == -1 ||
	    caps_set(0, 1U << CAP_DAC_READ_SEARCH) == -1 ||
	    prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0) == -1 ||
	    prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1)
		goto fail;
	/*
	 * Under the sanitizers, LeakSanitizer checks each process at exit
	 * by ptrace from a helper, which a process that changed its user
	 * may not allow: let it.  Never in a real build.
	 */
	if (SANDBOX_SANITIZED && prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) == -1)
		goto fail;
	if (setuid(0) != -1 || geteuid() == 0) {
		snprintf(err, errlen, "could become root again after -u %s",
		    user);
		return -1;
	}
	kept_dac = 1;
	return 0;
 fail:
	snprintf(err, errlen, "cannot become user '%s': %s", user,
	    strerror(errno));
	return -1;
}

void
sandbox_reading(int on)
{
	__u32	 dac = 1U << CAP_DAC_READ_SEARCH;

	if (kept_dac && caps_set(on ? dac : 0, dac) == -1)
		log_warn("cannot %s CAP_DAC_READ_SEARCH", on ? "raise" :
		    "lower");
}

int
sandbox_filtered(void)
{
	return !SANDBOX_SANITIZED;
}

void
sandbox_report(void)
{
	if (landlock_abi() == 0)
		log_warnx("this kernel has no Landlock: workers are confined "
		    "without it (an unprivileged user, no capabilities, "
		    "NoNewPrivs, the system-call filter)");
	if (SANDBOX_SANITIZED)
		log_warnx("built with the sanitizers: workers run without "
		    "the system-call filter");
}

static int
landlock_rule(int rfd, int dirfd, const char *path, __u64 access)
{
	struct landlock_path_beneath_attr	 pb;
	int					 fd = dirfd, ret;

	if (path != NULL && (fd = open(path, O_PATH | O_CLOEXEC)) == -1)
		return -1;
	memset(&pb, 0, sizeof(pb));
	pb.allowed_access = access;
	pb.parent_fd = fd;
	ret = (int)syscall(SYS_landlock_add_rule, rfd,
	    LANDLOCK_RULE_PATH_BENEATH, &pb, 0);
	if (path != NULL)
		close(fd);
	return ret;
}

static int
landlock_confine(const struct server *srv, char *err, size_t errlen)
{
	struct landlock_ruleset_attr	 attr;
	__u64				 all, file_only;
	char				*dir;
	const char			*slash;
	int				 abi, rfd, ret = -1;

	if ((abi = landlock_abi()) == 0)
		return 0;	/* the master said so */
	all = LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE |
	    LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR |
	    LANDLOCK_ACCESS_FS_REMOVE_DIR | LANDLOCK_ACCESS_FS_REMOVE_FILE |
	    LANDLOCK_ACCESS_FS_MAKE_CHAR | LANDLOCK_ACCESS_FS_MAKE_DIR |
	    LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_MAKE_SOCK |
	    LANDLOCK_ACCESS_FS_MAKE_FIFO | LANDLOCK_ACCESS_FS_MAKE_BLOCK |
	    LANDLOCK_ACCESS_FS_MAKE_SYM;
	if (abi >= 2)
		all |= LANDLOCK_ACCESS_FS_REFER;
	if (abi >= 3)
		all |= LANDLOCK_ACCESS_FS_TRUNCATE;
	if (abi >= 5)
		all |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
	file_only = LANDLOCK_ACCESS_FS_READ_FILE;
	memset(&attr, 0, sizeof(attr));
	attr.handled_access_fs = all;
	if ((rfd = (int)syscall(SYS_landlock_create_ruleset, &attr,
	    sizeof(attr), 0)) == -1) {
		snprintf(err, errlen, "landlock: %s", strerror(errno));
		return -1;
	}
	slash = strrchr(srv->conf->db, '/');
	dir = slash == NULL ? xstrdup(".") : slash == srv->conf->db ?
	    xstrdup("/") : xstrndup(srv->conf->db,
	    (size_t)(slash - srv->conf->db));
	if (landlock_rule(rfd, srv->capsule_fd, NULL, LL_READ) == -1)
		snprintf(err, errlen, "landlock: the capsule: %s",
		    strerror(errno));
	else if (landlock_rule(rfd, -1, dir, LL_RECORD & all) == -1)
		snprintf(err, errlen, "landlock: '%s': %s", dir,
		    strerror(errno));
	else if (landlock_rule(rfd, -1, "/dev/urandom", file_only) == -1 &&
	    errno != ENOENT)
		snprintf(err, errlen, "landlock: /dev/urandom: %s",
		    strerror(errno));
	/* LeakSanitizer lists threads and maps in /proc at exit. */
	else if (SANDBOX_SANITIZED &&
	    landlock_rule(rfd, -1, "/proc", LL_READ) == -1)
		snprintf(err, errlen, "landlock: /proc: %s", strerror(errno));
	else if (syscall(SYS_landlock_restrict_self, rfd, 0) == -1)
		snprintf(err, errlen, "landlock: %s", strerror(errno));
	else
		ret = 0;
	close(rfd);
	free(dir);
	return ret;
}

/*
 * A forbidden call: tell the master which (write(2) only: we are in a
 * signal handler), then make the call again.  SA_RESETHAND put SIGSYS
 * back to its default, so the kernel kills us with it; _exit() is for a
 * call that, made again with no arguments, is allowed.
 */
static void
on_sigsys(int sig, siginfo_t *si, void *uc)
{
	char	 msg[16], digits[12];
	int	 n = si->si_syscall, i = 0, len = 0;

	(void)sig;
	(void)uc;
	msg[len++] = 's';
	if (n < 0)
		n = 0;
	do
		digits[i++] = (char)('0' + n % 10);
	while ((n /= 10) > 0 && i < (int)sizeof(digits));
	while (i > 0)
		msg[len++] = digits[--i];
	msg[len++] = '\n';
	if (note_fd != -1)
		(void)!write(note_fd, msg, (size_t)len);
	syscall(si->si_syscall, 0, 0, 0, 0, 0, 0);
	_exit(128 + SIGSYS);
}

static int
seccomp_confine(char *err, size_t errlen)
{
	struct sigaction	 sa;
	sigset_t		 sys;
	scmp_filter_ctx		 ctx;
	const struct rule	*r;
	size_t			 i;
	int			 nr, rc = 0;

	if (SANDBOX_SANITIZED)
		return 0;	/* the master said so */
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&sys);
	sigaddset(&sys, SIGSYS);
	if (sigaction(SIGSYS, &sa, NULL) == -1 ||
	    sigprocmask(SIG_UNBLOCK, &sys, NULL) == -1) {
		snprintf(err, errlen, "seccomp: SIGSYS: %s", strerror(errno));
		return -1;
	}
	if ((ctx = seccomp_init(SCMP_ACT_TRAP)) == NULL) {
		snprintf(err, errlen, "seccomp: cannot make a filter");
		return -1;
	}
	for (i = 0; i < sizeof(allow) / sizeof(allow[0]) && rc == 0; i++) {
		r = &allow[i];
		if ((nr = seccomp_syscall_resolve_name(r->name)) ==
		    __NR_SCMP_ERROR)
			continue;	/* not on this architecture */
		switch (r->kind) {
		case ANY_ARGS:
			rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0);
			break;
		case EQ:
			rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 1,
			    SCMP_CMP(r->arg, SCMP_CMP_EQ, r->value, 0));
			break;
		case NONE_OF:
			rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 1,
			    SCMP_CMP(r->arg, SCMP_CMP_MASKED_EQ, r->value, 0));
			break;
		case EQ_SELF:
			rc = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 1,
			    SCMP_CMP(r->arg, SCMP_CMP_EQ,
			    (scmp_datum_t)getpid(), 0));
			break;
		case REFUSED:
			rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), nr,
			    0);
			break;
		case REFUSED_EQ:
			rc = seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EACCES), nr,
			    1, SCMP_CMP(r->arg, SCMP_CMP_EQ, r->value, 0));
			break;
		}
		if (rc != 0)
			snprintf(err, errlen, "seccomp: %s: %s", r->name,
			    strerror(-rc));
	}
	if (rc == 0 && (rc = seccomp_load(ctx)) != 0)
		snprintf(err, errlen, "seccomp: cannot load the filter: %s",
		    strerror(-rc));
	seccomp_release(ctx);
	return rc == 0 ? 0 : -1;
}

/*
 * Whether valgrind runs us (for the benchmark's instruction counts):
 * where its header is missing, never.
 */
static int
under_valgrind(void)
{
#ifdef RUNNING_ON_VALGRIND
	return RUNNING_ON_VALGRIND != 0;
#else
	return 0;
#endif
}

int
sandbox_worker(const struct server *srv, int notefd, char *err,
    size_t errlen)
{
	note_fd = notefd;
	/* (A unit's filter may refuse capset(2) when there is nothing to drop.) */
	if (!caps_none() && caps_set(0, 0) == -1) {
		snprintf(err, errlen, "cannot drop capabilities: %s",
		    strerror(errno));
		return -1;
	}
	(void)prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1) {
		snprintf(err, errlen, "cannot set NoNewPrivs: %s",
		    strerror(errno));
		return -1;
	}
	if (landlock_confine(srv, err, errlen) == -1)
		return -1;
	if (under_valgrind()) {
		/* Its filter would bind valgrind's own calls too. */
		log_warnx("under valgrind: no system call filter");
		return 0;
	}
	return seccomp_confine(err, errlen);
}

void
sandbox_note(const char *msg, size_t len, char *out, size_t outsz)
{
	char	 num[16], *name;
	size_t	 n;
	int	 nr;

	out[0] = '\0';
	if (len < 3 || msg[0] != 's')
		return;
	for (n = 1; n < len && n < sizeof(num) && msg[n] >= '0' &&
	    msg[n] <= '9'; n++)
		num[n - 1] = msg[n];
	if (n == 1 || n == len || msg[n] != '\n')
		return;
	num[n - 1] = '\0';
	nr = atoi(num);
	name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, nr);
	snprintf(out, outsz, "forbidden system call %s (%d)",
	    name != NULL ? name : "unknown", nr);
	free(name);
}

void
sandbox_probe(const char *spec)
{
	char	*copy, *p, *path;
	int	 fd;

	copy = xstrdup(spec);
	for (p = copy; (path = strsep(&p, ":")) != NULL;) {
		if (*path == '\0')
			continue;
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
			log_warn("sandbox test: open '%s'", path);
		else {
			log_warnx("sandbox test: open '%s': opened", path);
			close(fd);
		}
	}
	free(copy);
}

void
sandbox_forbidden(void)
{
	static char	 arg0[] = "false";
	char		*argv[] = { arg0, NULL }, *envp[] = { NULL };

	/*
	 * What an attacker would want first: another program.  Trapped by
	 * the filter; without one, Landlock refuses it; without either, it
	 * is a program that does nothing.
	 */
	execve("/bin/false", argv, envp);
	_exit(1);
}
