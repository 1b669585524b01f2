/*
 * blanksheet: record a coproduction workshop as the room talks.
 *
 * With a command on the command line, run it and exit.  On a terminal, a
 * libedit prompt with history and completion.  Otherwise run the lines
 * of standard input in order and stop at the first error.
 */
#include <err.h>
#include <errno.h>
#include <histedit.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "log.h"
#include "store.h"
#include "util.h"

#define HISTORY_SIZE	1000

static struct cli	*completing;	/* for libedit's callback */

const char *
cli_default_db(void)
{
	return "blanksheet.db in the current folder";
}

int
cli_fail(struct cli *c, const char *fmt, ...)
{
	va_list	 ap;

	if (c->interactive == 0 && c->lineno > 0)
		fprintf(stderr, "Line %ld: ", c->lineno);
	if (c->color)
		fputs("\033[1;31m", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	if (c->color)
		fputs("\033[0m", stderr);
	fputc('\n', stderr);
	return -1;
}

void
cli_say(struct cli *c, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	buf_vaddf(&c->out, fmt, ap);
	va_end(ap);
	buf_addc(&c->out, '\n');
}

int
cli_store(struct cli *c, int create)
{
	const char	*errstr;

	if (c->st != NULL)
		return 0;
	if ((c->st = store_open(c->dbpath, create ? STORE_CREATE : 0,
	    &errstr)) == NULL)
		return cli_fail(c, "Cannot use the record %s: %s.", c->dbpath,
		    errstr);
	return 0;
}

void
cli_release(struct cli *c)
{
	store_close(c->st);
	c->st = NULL;
	buf_release(&c->out);
}

/* Edit distance, for suggesting the command that was probably meant. */
static size_t
distance(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, prev, tmp;
	size_t	 row[64];

	if (la >= 64 || lb >= 64)
		return SIZE_MAX;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			row[j] = a[i - 1] == b[j - 1] ? prev : 1 + (prev <
			    row[j] ? (prev < row[j - 1] ? prev : row[j - 1]) :
			    (row[j] < row[j - 1] ? row[j] : row[j - 1]));
			prev = tmp;
		}
	}
	return row[lb];
}

/* The command whose name starts `words'; `*used' words make its name. */
const struct cmd *
cli_lookup(char **words, size_t n, size_t *used)
{
	const struct cmd	*cmd, *best = NULL;
	size_t			 k, len;
	char			 name[256];

	*used = 0;
	for (k = 1; k <= 2 && k <= n; k++) {
		name[0] = '\0';
		for (len = 0; len < k; len++) {
			if (len > 0)
				strncat(name, " ", sizeof(name) - strlen(name) - 1);
			strncat(name, words[len], sizeof(name) - strlen(name) - 1);
		}
		for (cmd = cli_commands; cmd->name != NULL; cmd++)
			if (strcmp(cmd->name, name) == 0) {
				best = cmd;
				*used = k;
			}
	}
	return best;
}

static void
suggest(struct cli *c, char **words, size_t n)
{
	const struct cmd	*cmd, *best = NULL;
	char			 name[256];
	size_t			 d, bestd = SIZE_MAX, k, len;
	int			 group = 0;

	for (cmd = cli_commands; cmd->name != NULL; cmd++) {
		len = strlen(words[0]);
		if (strncmp(cmd->name, words[0], len) == 0 &&
		    cmd->name[len] == ' ')
			group = 1;
	}
	for (k = 1; k <= 2 && k <= n; k++) {
		snprintf(name, sizeof(name), "%s%s%s", words[0], k > 1 ? " " :
		    "", k > 1 ? words[1] : "");
		for (cmd = cli_commands; cmd->name != NULL; cmd++)
			if ((d = distance(name, cmd->name)) < bestd) {
				bestd = d;
				best = cmd;
			}
	}
	if (group) {
		struct buf b;

		buf_init(&b);
		for (cmd = cli_commands; cmd->name != NULL; cmd++)
			if (strncmp(cmd->name, words[0], strlen(words[0])) ==
			    0 && cmd->name[strlen(words[0])] == ' ')
				buf_addf(&b, "%s%s", b.len ? ", " : "",
				    cmd->name);
		cli_fail(c, "'%s' needs one more word. Did you mean one of: "
		    "%s?", words[0], b.data);
		buf_release(&b);
	} else if (best != NULL && bestd <= 3)
		cli_fail(c, "There is no command '%s'. Did you mean %s? Usage: "
		    "%s", words[0], best->name, best->usage);
	else
		cli_fail(c, "There is no command '%s'. Type help for the "
		    "list of commands.", words[0]);
}

static int
has_option(const struct cmd *cmd, const char *opt)
{
	const char	*p;
	size_t		 len = strlen(opt);

	if (cmd->options == NULL)
		return 0;
	for (p = cmd->options; (p = strstr(p, opt)) != NULL; p += len)
		if ((p == cmd->options || p[-1] == ' ') &&
		    (p[len] == '\0' || p[len] == ' '))
			return 1;
	return 0;
}

static void
args_release(struct args *a)
{
	free(a->line);
	free(a->textbuf);
	memset(a, 0, sizeof(*a));
}

/*
 * Words are separated by spaces; no quoting, so that people's words with
 * apostrophes are kept as typed.  A command's final TEXT is the rest of
 * the line, exactly, after its fixed words and options.  0 parsed, 1 an
 * empty line, -1 a mistake (said why).
 */
static int
parse(struct cli *c, const char *line, struct args *a, const struct cmd **cmdp)
{
	const struct cmd	*cmd;
	char			*p, *words[CLI_ARGS_MAX];
	size_t			 n = 0, used, i, off[CLI_ARGS_MAX];

	memset(a, 0, sizeof(*a));
	a->line = xstrdup(line);
	for (p = a->line; *p != '\0'; ) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		if (n == CLI_ARGS_MAX) {
			cli_fail(c, "That line has too many words.");
			return -1;
		}
		off[n] = (size_t)(p - a->line);
		words[n++] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t')
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
	if (n == 0 || words[0][0] == '#')
		return 1;
	if ((cmd = cli_lookup(words, n, &used)) == NULL) {
		suggest(c, words, n);
		return -1;
	}
	*cmdp = cmd;
	for (i = used; i < n; i++) {
		const char	*w = words[i], **slot = NULL;

		if (strcmp(w, "--by") == 0 && has_option(cmd, "by"))
			slot = &a->opt_by;
		else if (strcmp(w, "--stage") == 0 && has_option(cmd, "stage"))
			slot = &a->opt_stage;
		else if (strcmp(w, "--format") == 0 && has_option(cmd, "format"))
			slot = &a->opt_format;
		else if (strcmp(w, "-o") == 0 && has_option(cmd, "output"))
			slot = &a->opt_output;
		else if (strcmp(w, "--rename") == 0 && has_option(cmd, "rename"))
			slot = &a->opt_rename;
		if (slot != NULL) {
			if (i + 1 >= n) {
				cli_fail(c, "%s needs a value after it. Usage: "
				    "%s", w, cmd->usage);
				return -1;
			}
			*slot = words[++i];
			continue;
		}
		if (cmd->text && (int)a->nword >= cmd->max)
			break;		/* the text starts here */
		if (w[0] == '-' && w[1] == '-') {
			cli_fail(c, "%s has no option %s. Usage: %s", cmd->name,
			    w, cmd->usage);
			return -1;
		}
		if ((int)a->nword >= cmd->max) {
			cli_fail(c, "Too many words for %s. Usage: %s",
			    cmd->name, cmd->usage);
			return -1;
		}
		a->word[a->nword++] = words[i];
	}
	if ((int)a->nword < cmd->min || (cmd->text && i >= n)) {
		cli_fail(c, "%s needs more. Usage: %s", cmd->name, cmd->usage);
		return -1;
	}
	if (cmd->text) {
		a->textbuf = xstrdup(line + off[i]);
		a->text = str_trim(a->textbuf);
	}
	return 0;
}

int
cli_run(struct cli *c, const char *line)
{
	const struct cmd	*cmd = NULL;
	struct args		 a;
	int			 rc, began;

	buf_reset(&c->out);
	if (strlen(line) > CLI_LINE_MAX)
		return cli_fail(c, "That line is too long: %zu bytes, and the "
		    "limit is %d.", strlen(line), CLI_LINE_MAX);
	if ((rc = parse(c, line, &a, &cmd)) != 0) {
		args_release(&a);
		return rc == 1 ? 0 : -1;
	}
	if (cmd->fn != NULL && strcmp(cmd->name, "init") != 0 &&
	    strcmp(cmd->name, "help") != 0 && strcmp(cmd->name, "quit") != 0 &&
	    cli_store(c, 0) == -1) {
		args_release(&a);
		return -1;
	}
	began = cmd->writes && c->st != NULL;
	if (began && store_begin(c->st, cmd->name) == -1) {
		args_release(&a);
		return cli_fail(c, store_busy(c->st) ? "The record is busy: "
		    "another program is writing to it. Nothing was changed; "
		    "try again in a moment." : "Cannot change the record.");
	}
	rc = cmd->fn(c, &a);
	if (began) {
		if (rc == 0 && store_commit(c->st) == -1)
			rc = cli_fail(c, store_busy(c->st) ? "The record is "
			    "busy: another program is writing to it. Nothing "
			    "was changed; try again in a moment." :
			    "Cannot save the change. Nothing was changed.");
		else if (rc != 0)
			store_rollback(c->st);
	}
	if (rc == 0 && c->out.len > 0) {
		fwrite(c->out.data, 1, c->out.len, stdout);
		fflush(stdout);
	}
	args_release(&a);
	return rc;
}

static char *
history_path(void)
{
	const char	*env, *home;

	if ((env = getenv("BLANKSHEET_HISTORY")) != NULL)
		return xstrdup(env);
	if ((home = getenv("HOME")) == NULL)
		return NULL;
	return xasprintf("%s/.blanksheet_history", home);
}

static char *
prompt(EditLine *el)
{
	(void)el;
	return (char *)"blanksheet> ";
}

struct matches {
	const char	*prefix;
	char		*list[256];
	size_t		 n;
};

static void
add_match(void *arg, const char *cand)
{
	struct matches	*m = arg;

	if (m->n < 256 && strncmp(cand, m->prefix, strlen(m->prefix)) == 0)
		m->list[m->n++] = xstrdup(cand);
}

static unsigned char
complete(EditLine *el, int ch)
{
	const LineInfo	*li = el_line(el);
	struct matches	 m;
	char		*line, *p, *words[CLI_ARGS_MAX], *prefix;
	size_t		 n = 0, i, common;
	unsigned char	 ret = CC_ERROR;

	(void)ch;
	line = xstrndup(li->buffer, (size_t)(li->cursor - li->buffer));
	prefix = line;
	for (p = line; *p != '\0'; ) {
		while (*p == ' ')
			p++;
		prefix = p;
		if (*p == '\0')
			break;
		while (*p != '\0' && *p != ' ')
			p++;
		if (*p == '\0')
			break;
		*p++ = '\0';
		if (n < CLI_ARGS_MAX)
			words[n++] = prefix;
		prefix = p;
	}
	memset(&m, 0, sizeof(m));
	m.prefix = prefix;
	cli_complete(completing, words, n, prefix, add_match, &m);
	if (m.n == 1) {
		el_insertstr(el, m.list[0] + strlen(prefix));
		el_insertstr(el, " ");
		ret = CC_REFRESH;
	} else if (m.n > 1) {
		common = strlen(m.list[0]);
		for (i = 1; i < m.n; i++) {
			size_t k = 0;
			while (k < common && m.list[i][k] == m.list[0][k])
				k++;
			common = k;
		}
		if (common > strlen(prefix)) {
			char *ins = xstrndup(m.list[0] + strlen(prefix),
			    common - strlen(prefix));
			el_insertstr(el, ins);
			free(ins);
		} else {
			fputc('\n', stdout);
			for (i = 0; i < m.n; i++)
				printf("%s\n", m.list[i]);
		}
		ret = CC_REDISPLAY;
	}
	for (i = 0; i < m.n; i++)
		free(m.list[i]);
	free(line);
	return ret;
}

static int
interactive(struct cli *c)
{
	EditLine	*el;
	History		*hist;
	HistEvent	 ev;
	const char	*line;
	char		*hpath, *copy;
	int		 count;

	hist = history_init();
	history(hist, &ev, H_SETSIZE, HISTORY_SIZE);
	history(hist, &ev, H_SETUNIQUE, 1);
	if ((hpath = history_path()) != NULL)
		history(hist, &ev, H_LOAD, hpath);
	el = el_init("blanksheet", stdin, stdout, stderr);
	el_set(el, EL_EDITOR, "emacs");
	el_set(el, EL_HIST, history, hist);
	el_set(el, EL_PROMPT, prompt);
	el_set(el, EL_SIGNAL, 1);
	el_set(el, EL_ADDFN, "bs-complete", "Complete a word", complete);
	el_set(el, EL_BIND, "^I", "bs-complete", NULL);
	el_source(el, NULL);
	completing = c;
	fprintf(stderr, "Blank Sheet. Type help for the commands, quit to "
	    "leave.\n");
	while ((line = el_gets(el, &count)) != NULL && count > 0) {
		copy = xstrdup(line);
		str_trim(copy);
		if (*copy != '\0') {
			history(hist, &ev, H_ENTER, copy);
			if (hpath != NULL)
				history(hist, &ev, H_SAVE, hpath);
		}
		if (strcmp(copy, "quit") == 0 || strcmp(copy, "exit") == 0) {
			free(copy);
			break;
		}
		cli_run(c, copy);
		free(copy);
	}
	el_end(el);
	history_end(hist);
	free(hpath);
	return 0;
}

static int
script(struct cli *c)
{
	char	*line = NULL;
	size_t	 cap = 0;
	ssize_t	 len;
	int	 rc = 0;

	while ((len = getline(&line, &cap, stdin)) != -1) {
		c->lineno++;
		if (memchr(line, '\0', (size_t)len) != NULL) {
			rc = cli_fail(c, "The line holds a NUL byte.");
			break;
		}
		str_trim(line);
		if (strcmp(line, "quit") == 0 || strcmp(line, "exit") == 0)
			break;
		if ((rc = cli_run(c, line)) != 0)
			break;
	}
	free(line);
	return rc;
}

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr, "usage: blanksheet [-d FILE] [COMMAND ...]\n");
	exit(1);
}

int
main(int argc, char *argv[])
{
	struct cli	 c;
	struct buf	 line;
	const char	*env;
	int		 ch, i, rc;

	memset(&c, 0, sizeof(c));
	buf_init(&c.out);
	log_init("blanksheet", 1);
	c.dbpath = (env = getenv("BLANKSHEET_DB")) != NULL && *env != '\0' ?
	    env : "blanksheet.db";
	while ((ch = getopt(argc, argv, "+d:h")) != -1) {
		switch (ch) {
		case 'd':
			c.dbpath = optarg;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	c.in = stdin;
	c.color = isatty(STDERR_FILENO) && getenv("NO_COLOR") == NULL &&
	    (env = getenv("BLANKSHEET_COLOR")) != NULL && strcmp(env, "1") == 0;
	if (argc > 0) {
		buf_init(&line);
		for (i = 0; i < argc; i++)
			buf_addf(&line, "%s%s", i ? " " : "", argv[i]);
		c.interactive = isatty(STDIN_FILENO);
		rc = cli_run(&c, line.data);
		buf_release(&line);
	} else if (isatty(STDIN_FILENO)) {
		c.interactive = 1;
		rc = interactive(&c);
	} else
		rc = script(&c);
	cli_release(&c);
	return rc == 0 ? 0 : 1;
}
