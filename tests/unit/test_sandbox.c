/*
 * Unit tests for server/sandbox.c: a forked child confines itself as a
 * worker does (the capsule, a record's directory), then tries what a
 * worker may and may not do; the parent reads how it ended and the note
 * it left, as the master does.
 */
#define _GNU_SOURCE

#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <seccomp.h>

#include "sandbox.h"
#include "server.h"
#include "util.h"

#define CAPSULE		"tests/data/capsule"

static char	 dir[] = "/tmp/bs-sandbox.XXXXXX";
static char	 db[64];
static int	 capsule_fd = -1;

static int
landlock(void)
{
	return syscall(SYS_landlock_create_ruleset, NULL, 0, 1U) > 0;
}

/*
 * Fork a child that confines itself as a worker, then runs `fn'.
 * Returns its exit status, or 128 + the signal that killed it; the note
 * it left, in words, goes to `note'.
 */
static int
confined(int (*fn)(void), char *note, size_t notesz)
{
	struct server_conf	 conf;
	struct server		 srv;
	char			 err[256], msg[64];
	ssize_t			 len;
	pid_t			 pid;
	int			 p[2], status;

	assert_int_equal(pipe(p), 0);
	assert_int_not_equal(pid = fork(), -1);
	if (pid == 0) {
		close(p[0]);
		memset(&conf, 0, sizeof(conf));
		memset(&srv, 0, sizeof(srv));
		conf.db = db;
		srv.conf = &conf;
		srv.capsule_fd = capsule_fd;
		if (sandbox_worker(&srv, p[1], err, sizeof(err)) == -1) {
			fprintf(stderr, "# %s\n", err);
			_exit(100);
		}
		_exit(fn());
	}
	close(p[1]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	len = read(p[0], msg, sizeof(msg));
	close(p[0]);
	sandbox_note(msg, len > 0 ? (size_t)len : 0, note, notesz);
	return WIFSIGNALED(status) ? 128 + WTERMSIG(status) :
	    WEXITSTATUS(status);
}

static int
read_capsule(void)
{
	int	 fd;

	if ((fd = openat(capsule_fd, "index.gmi", O_RDONLY)) == -1)
		return 1;
	close(fd);
	return 0;
}

static int
write_record_dir(void)
{
	char	 path[80];
	int	 fd;

	snprintf(path, sizeof(path), "%s-wal", db);
	if ((fd = open(path, O_RDWR | O_CREAT, 0600)) == -1 ||
	    write(fd, "x", 1) != 1)
		return 1;
	close(fd);
	return unlink(path) == -1;
}

static int
open_outside(void)
{
	/* Readable by all, so only Landlock says no. */
	if (open("/etc/passwd", O_RDONLY) != -1 || errno != EACCES)
		return 1;
	if (open("/etc/shadow", O_RDONLY) != -1)
		return 2;
	if (open("tests/data/demo.bs", O_RDONLY) != -1)	/* beside it */
		return 3;
	if (open("/tmp/bs-sandbox-new", O_WRONLY | O_CREAT, 0600) != -1)
		return 4;
	return 0;
}

static int
forbidden(void)
{
	(void)syscall(SYS_ptrace, 0, 0, 0, 0);
	return 1;	/* not killed */
}

static int
forbidden_socket(void)
{
	(void)syscall(SYS_socket, 2 /* AF_INET */, 1, 0);
	return 1;
}

/* A local socket, as syslog(3) would make again: refused, not fatal. */
static int
local_socket(void)
{
	struct sockaddr_un	 sun;
	int			 fd;

	if ((fd = socket(AF_UNIX, SOCK_DGRAM, 0)) != -1 || errno != EACCES)
		return 1;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (connect(0, (struct sockaddr *)&sun, sizeof(sun)) != -1 ||
	    errno != EACCES)
		return 1;
	return 0;
}

static void
notes(void **state)
{
	char	 out[128], want[128], msg[32];
	int	 nr = seccomp_syscall_resolve_name("execve");

	(void)state;
	snprintf(msg, sizeof(msg), "s%d\n", nr);
	snprintf(want, sizeof(want), "forbidden system call execve (%d)", nr);
	sandbox_note(msg, strlen(msg), out, sizeof(out));
	assert_string_equal(out, want);
	sandbox_note("", 0, out, sizeof(out));
	assert_string_equal(out, "");
	sandbox_note("r", 1, out, sizeof(out));
	assert_string_equal(out, "");
	sandbox_note("s\n", 2, out, sizeof(out));
	assert_string_equal(out, "");
	sandbox_note("s59", 3, out, sizeof(out));	/* no newline: cut */
	assert_string_equal(out, "");
	sandbox_note("s5x\n", 4, out, sizeof(out));
	assert_string_equal(out, "");
}

static void
allowed(void **state)
{
	char	 note[128];

	(void)state;
	assert_int_equal(confined(read_capsule, note, sizeof(note)), 0);
	assert_int_equal(confined(write_record_dir, note, sizeof(note)), 0);
	assert_string_equal(note, "");
}

static void
outside(void **state)
{
	char	 note[128];

	(void)state;
	if (!landlock())
		return;		/* (cmocka's skip() reads as a failure to prove) */
	assert_int_equal(confined(open_outside, note, sizeof(note)), 0);
}

static void
killed(void **state)
{
	char	 note[128], want[128];

	(void)state;
	if (!sandbox_filtered())
		return;		/* the sanitizers: no filter */
	assert_int_equal(confined(forbidden, note, sizeof(note)),
	    128 + SIGSYS);
	snprintf(want, sizeof(want), "forbidden system call ptrace (%d)",
	    seccomp_syscall_resolve_name("ptrace"));
	assert_string_equal(note, want);
	assert_int_equal(confined(forbidden_socket, note, sizeof(note)),
	    128 + SIGSYS);
	assert_non_null(strstr(note, "forbidden system call socket"));
	assert_int_equal(confined(local_socket, note, sizeof(note)), 0);
	assert_string_equal(note, "");
}

static int
setup(void **state)
{
	(void)state;
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(db, sizeof(db), "%s/r.db", dir);
	capsule_fd = open(CAPSULE, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	return capsule_fd == -1 ? -1 : 0;
}

static int
teardown(void **state)
{
	(void)state;
	close(capsule_fd);
	return rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(notes),
		cmocka_unit_test(allowed),
		cmocka_unit_test(outside),
		cmocka_unit_test(killed),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
