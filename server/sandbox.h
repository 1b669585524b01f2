/*
 * Confinement, on Linux.  The master, started as root, binds its ports,
 * reads its certificate and key and opens the capsule, then drops to an
 * unprivileged user with sandbox_drop(), keeping one capability
 * (CAP_DAC_READ_SEARCH) so that a reload can read a root-only key again.
 * Each worker, once it has opened the record and before it reads a byte
 * from the network, calls sandbox_worker(): no capabilities, NoNewPrivs,
 * Landlock (the capsule to read, the record's directory to read and
 * write, nothing else), then a seccomp filter that allows only the system
 * calls in the table in sandbox.c.  Any other call kills the worker; it
 * first writes the call's number to the master, which names it in the
 * log (sandbox_note()).
 */
#ifndef SANDBOX_H
#define SANDBOX_H

#include <stddef.h>

struct server;

/*
 * Started as root: drop to `user' (its uid, gid and groups), keeping only
 * CAP_DAC_READ_SEARCH, and set NoNewPrivs.  0, or -1 with why in `err'.
 */
int	sandbox_drop(const char *user, char *err, size_t errlen);

/*
 * Log, once, in the master, what workers will not have: Landlock on an
 * old kernel, the system-call filter under the sanitizers.
 */
void	sandbox_report(void);

/*
 * After -u the master keeps CAP_DAC_READ_SEARCH permitted, not effective:
 * sandbox_reading(1) raises it while a reload reads a key only root may
 * read, sandbox_reading(0) lowers it again.  Nothing where it was not kept.
 */
void	sandbox_reading(int on);

/*
 * Confine this worker for good.  `notefd' is the pipe to the master: the
 * number of a forbidden call goes there as "s<number>\n" before the
 * worker dies.  0, or -1 with why in `err' (the worker must not serve).
 */
int	sandbox_worker(const struct server *srv, int notefd, char *err,
	    size_t errlen);

/*
 * 1 if this build's workers load the system-call filter, 0 under the
 * sanitizers.
 */
int	sandbox_filtered(void);

/*
 * What a dead worker wrote on its pipe (`msg', `len' bytes), in words for
 * the log: "forbidden system call NAME (NUMBER)" in `out', or "" if it
 * wrote no such note.
 */
void	sandbox_note(const char *msg, size_t len, char *out, size_t outsz);

/*
 * Tests only, set from BLANKSHEETD_SANDBOX_TEST in the environment: a
 * confined worker tries to open each of the colon-separated paths and
 * logs what happened, then, on SIGUSR2, makes a forbidden system call.
 * Borrows `spec'.
 */
void	sandbox_probe(const char *spec);
void	sandbox_forbidden(void) __attribute__((noreturn));

#endif
