/*
 * blanksheet: the facilitator's and organiser's tool.  One table of
 * commands (commands.c) drives dispatch, tab completion and help.
 */
#ifndef CLI_H
#define CLI_H

#include <stdio.h>

#include "util.h"

struct store;

#define CLI_LINE_MAX	8192	/* longest command line accepted */
#define CLI_ARGS_MAX	64

/* What an argument position holds, for completion and for help. */
enum arg_kind {
	ARG_NONE,
	ARG_COMMAND,
	ARG_SLUG,
	ARG_AREA,
	ARG_KIND,
	ARG_STAGE,
	ARG_RESOURCE,
	ARG_MODEL,
	ARG_ROLE,
	ARG_WFIELD,		/* workshop field */
	ARG_MFIELD,		/* model field */
	ARG_METHOD,
	ARG_CONTRIBUTION,
	ARG_DECISION,
	ARG_ONOFF,
	ARG_FORMAT,
	ARG_FILE,
	ARG_STATUS,
	ARG_WHAT
};

struct args {
	char		*line;		/* owned copy of the line, split */
	char		*textbuf;	/* owned copy of the text */
	char		*word[CLI_ARGS_MAX];	/* point into `line' */
	char		**split;	/* owned: every word of the line */
	size_t		*off;		/* owned: where each begins in it */
	size_t		 nword;
	const char	*text;		/* the rest of the line, or NULL */
	const char	*opt_by;	/* --by CODE */
	const char	*opt_stage;	/* --stage KEY */
	const char	*opt_format;	/* --format F */
	const char	*opt_output;	/* -o PATH */
	const char	*opt_rename;	/* --rename SLUG */
	const char	*opt_who;	/* --who people|families|workers */
	const char	*opt_ask;	/* --ask DATE */
	const char	*opt_on;	/* --on DATE */
	int		 yes;		/* --yes: confirmed in advance */
	int		 all;		/* --all: every workshop */
};

struct cli {
	const char	*dbpath;	/* borrowed */
	struct store	*st;		/* NULL until a command needs it */
	int		 interactive;
	int		 quiet;		/* 1: mistakes are not printed, and
					   a line may lack its final text
					   (reading the history) */
	int		 color;
	long long	 wsid;		/* the workshop in use, or 0: this
					   program's own, not the record's */
	char		*slug;		/* its short name, owned */
	const char	*want;		/* -w or BLANKSHEET_WORKSHOP, until
					   looked up; borrowed */
	int		 named;		/* the command worked on it */
	const char	*running;	/* the command being run, static */
	long		 lineno;	/* script mode: the line being run */
	unsigned long	 fails;		/* mistakes said so far */
	int		 oneshot;	/* one command from the shell: what
					   it chooses ends with it */
	struct buf	 out;		/* a command's answer, printed after
					   its transaction commits */
};

struct cmd {
	const char	*name;		/* "workshop add" */
	int		 min, max;	/* positional words after the name */
	int		 text;		/* 1: the rest of the line is text */
	int		 writes;	/* 1: runs in one audited transaction */
	const char	*options;	/* "by stage"; "private": never kept
					   in the history file (its words
					   are a code or a name) */
	int		(*fn)(struct cli *, struct args *);
	const char	*usage;
	const char	*help;
	enum arg_kind	 kinds[4];	/* what each positional is */
};

extern const struct cmd cli_commands[];

/* The command named by the first one or two `words'; sets `*used'. */
const struct cmd *cli_lookup(char **words, size_t n, size_t *used);
/* Run one line.  0 on success or an empty line, -1 after an error. */
int	cli_run(struct cli *, const char *line);
/* Print an error sentence to standard error; returns -1. */
int	cli_fail(struct cli *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Append a line to the command's answer. */
void	cli_say(struct cli *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * The one of `keys' (joined with ", ") nearest `word', when it is close
 * enough to be the word meant ("accomodation"); NULL if none.  Static.
 */
const char *cli_nearest(const char *word, const char *keys);
/* Use workshop `wsid' called `slug' (copied); NULL for none. */
void	cli_use(struct cli *, long long wsid, const char *slug);
/*
 * The line to keep in the history file for `line': the command and its
 * fixed words, without anyone's words, names or receipt codes.  NULL if
 * nothing of it is kept.  Caller frees.
 */
char	*cli_history_line(struct cli *, const char *line);
/* With exactly one workshop in the record, use it; its id, or 0. */
long long cli_only_one(struct cli *);
/* Use the workshop called `slug'.  0, or -1 (said why). */
int	cli_choose(struct cli *, const char *slug);
/*
 * Before a change that cannot be undone: 1 to go ahead.  With `yes'
 * (--yes given), at once; at a prompt, when the person types `expected'
 * again; otherwise never, saying to add --yes to `usage'.  While the
 * person answers, the command's transaction is paused (committed, then
 * begun again): the caller looks up what it will change afterwards.
 */
int	cli_confirm(struct cli *, int yes, const char *what,
	    const char *expected, const char *usage);
/* Open the record if not yet open.  0 or -1 (said why). */
int	cli_store(struct cli *, int create);
void	cli_release(struct cli *);
const char *cli_default_db(void);

/*
 * Completion: the candidates for the word being typed, given the words
 * before it.  Calls `add' for each match of `prefix'.
 */
void	cli_complete(struct cli *, char **words, size_t nwords,
	    const char *prefix, void (*add)(void *, const char *), void *arg);

#endif
