/*
 * Logging for both programs.  Messages go to standard error (foreground or
 * CLI) or to syslog (daemon).  Never log a participant's address, name or
 * query string: callers pass paths with the query already removed.
 */
#ifndef LOG_H
#define LOG_H

#include <stdarg.h>

/* Log to stderr when `foreground', else to syslog as `ident'.  Borrows. */
void	log_init(const char *ident, int foreground);
/* Raise or lower the threshold: 0 warnings and info, 1 adds debug. */
void	log_setverbose(int verbose);

void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warnx(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *, ...) __attribute__((format(printf, 1, 2)));

/* Broken invariants and out of memory only: log and exit(1). */
void	fatal(const char *, ...) __attribute__((format(printf, 1, 2),
	    noreturn));
void	fatalx(const char *, ...) __attribute__((format(printf, 1, 2),
	    noreturn));

#endif
