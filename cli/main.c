/*
 * blanksheet: record a coproduction workshop as the room talks.
 *
 * With a command on the command line, run it and exit.  On a terminal, a
 * libedit prompt with history and completion.  Otherwise run the lines
 * of standard input in order and stop at the first error.
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <ctype.h>
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <histedit.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "cli.h"
#include "log.h"
#include "record.h"
#include "store.h"
#include "util.h"
#include "view.h"
#include "vocab.h"

#define HISTORY_SIZE	1000

/* Where the Debian package's service keeps its record, and its group. */
#ifndef SERVICE_DIR
#define SERVICE_DIR	"/var/lib/blanksheet"
#endif
#ifndef SERVICE_GROUP
#define SERVICE_GROUP	"blanksheet"
#endif
#define SERVICE_DB	SERVICE_DIR "/blanksheet.db"

/*
 * 1 if we are in the service's group and its directory is there: then
 * the record by default is the one the service serves.
 */
static int
service_member(void)
{
	struct group	*gr;
	struct stat	 sb;
	gid_t		*groups;
	int		 n, i, member = 0;

	if (stat(SERVICE_DIR, &sb) == -1 || !S_ISDIR(sb.st_mode) ||
	    (gr = getgrnam(SERVICE_GROUP)) == NULL)
		return 0;
	if (getegid() == gr->gr_gid)
		return 1;
	if ((n = getgroups(0, NULL)) <= 0)
		return 0;
	groups = xreallocarray(NULL, (size_t)n, sizeof(*groups));
	n = getgroups(n, groups);
	for (i = 0; i < n && !member; i++)
		member = groups[i] == gr->gr_gid;
	free(groups);
	return member;
}

const char *
cli_default_db(void)
{
	return service_member() ? "the service's record, " SERVICE_DB :
	    "blanksheet.db in the current folder";
}

/*
 * Sentences hold people's words and what was typed: each is one line, its
 * control characters and bidirectional overrides written visibly, so
 * nothing a participant typed can move the cursor, clear the screen or
 * turn text around on the facilitator's terminal.
 */
static void __attribute__((format(printf, 2, 0)))
add_line(struct buf *out, const char *fmt, va_list ap)
{
	struct buf	 line;

	buf_init(&line);
	buf_vaddf(&line, fmt, ap);
	buf_add_safe(out, line.data, line.len, 0);
	buf_addc(out, '\n');
	buf_release(&line);
}

int
cli_fail(struct cli *c, const char *fmt, ...)
{
	struct buf	 msg;
	va_list		 ap;

	if (c->quiet)
		return -1;
	c->fails++;
	buf_init(&msg);
	if (c->interactive == 0 && c->lineno > 0)
		buf_addf(&msg, "Line %ld: ", c->lineno);
	if (c->color)
		buf_adds(&msg, "\033[1;31m");
	va_start(ap, fmt);
	add_line(&msg, fmt, ap);
	va_end(ap);
	if (c->color) {
		msg.len--;		/* the colour ends before the line */
		buf_adds(&msg, "\033[0m\n");
	}
	fwrite(msg.data, 1, msg.len, stderr);
	buf_release(&msg);
	return -1;
}

void
cli_say(struct cli *c, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	add_line(&c->out, fmt, ap);
	va_end(ap);
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
	free(c->slug);
	c->slug = NULL;
	buf_release(&c->out);
}

void
cli_use(struct cli *c, long long wsid, const char *slug)
{
	char	*copy = slug != NULL ? xstrdup(slug) : NULL;

	free(c->slug);
	c->slug = copy;
	c->wsid = slug != NULL ? wsid : 0;
}

/*
 * Edit distance with swapped neighbours counted as one edit ("sya" is one
 * from "say"), for suggesting the command that was probably meant.
 */
static size_t
distance(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, v;
	size_t	 d[3][64];	/* rows i-2, i-1 and i, by i % 3 */

	if (la >= 64 || lb >= 64)
		return SIZE_MAX;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		size_t *r = d[i % 3], *p = d[(i + 2) % 3], *pp = d[(i + 1) % 3];

		r[0] = i;
		for (j = 1; j <= lb; j++) {
			v = p[j - 1] + (a[i - 1] != b[j - 1]);
			if (p[j] + 1 < v)
				v = p[j] + 1;
			if (r[j - 1] + 1 < v)
				v = r[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] &&
			    a[i - 2] == b[j - 1] && pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			r[j] = v;
		}
	}
	return d[la % 3][lb];
}

/* Close enough to suggest: a slip of one key in a short word, two in a longer. */
static int
close_enough(size_t d, const char *name)
{
	size_t	 len = strlen(name);

	return d <= (len <= 4 ? 1 : len <= 8 ? 2 : 3);
}

const char *
cli_nearest(const char *word, const char *keys)
{
	static char	 best[64];
	char		 key[64];
	const char	*p, *e;
	size_t		 d, bestd = SIZE_MAX, n;

	best[0] = '\0';
	for (p = keys; *p != '\0'; p = *e != '\0' ? e + 2 : e) {
		if ((e = strstr(p, ", ")) == NULL)
			e = p + strlen(p);
		if ((n = (size_t)(e - p)) >= sizeof(key))
			continue;
		memcpy(key, p, n);
		key[n] = '\0';
		if ((d = distance(word, key)) < bestd && close_enough(d, key)) {
			bestd = d;
			memcpy(best, key, n + 1);
		}
	}
	return best[0] != '\0' ? best : NULL;
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
	const struct cmd	*cmd, *best = NULL, *best2 = NULL;
	const char		*sp;
	char			 name[256];
	size_t			 d, bestd = SIZE_MAX, bestd2 = SIZE_MAX, k, len,
				 bestk = 1;
	int			 group = 0;

	for (cmd = cli_commands; cmd->name != NULL; cmd++) {
		len = strlen(words[0]);
		if (strncasecmp(cmd->name, words[0], len) == 0 &&
		    cmd->name[len] == ' ')
			group = 1;
	}
	for (k = 1; k <= 2 && k <= n; k++) {
		snprintf(name, sizeof(name), "%s%s%s", words[0], k > 1 ? " " :
		    "", k > 1 ? words[1] : "");
		for (len = 0; name[len] != '\0'; len++)	/* SAY is say */
			name[len] = (char)tolower((unsigned char)name[len]);
		for (cmd = cli_commands; cmd->name != NULL; cmd++) {
			if ((d = distance(name, cmd->name)) < bestd) {
				bestd = d;
				best = cmd;
				bestk = k;
			}
			/* Of a group, the second word alone: "ad", "add". */
			sp = strchr(cmd->name, ' ');
			if (k == 2 && group && sp != NULL && (size_t)(sp -
			    cmd->name) == strlen(words[0]) && strncasecmp(
			    cmd->name, words[0], strlen(words[0])) == 0 &&
			    (d = distance(name + (sp - cmd->name) + 1, sp + 1)) <
			    bestd2) {
				bestd2 = d;
				best2 = cmd;
			}
		}
	}
	/* "workshop ad": the second word is the mistake, not the first. */
	if (group && best2 != NULL && close_enough(bestd2, strchr(best2->name,
	    ' ') + 1)) {
		group = 0;
		best = best2;
		bestd = bestd2;
		bestk = 2;
	}
	if (group) {
		struct buf b;

		buf_init(&b);
		for (cmd = cli_commands; cmd->name != NULL; cmd++)
			if (strncasecmp(cmd->name, words[0], strlen(words[0])) ==
			    0 && cmd->name[strlen(words[0])] == ' ')
				buf_addf(&b, "%s%s", b.len ? ", " : "",
				    cmd->name);
		if (n > 1)
			cli_fail(c, "There is no command '%s %s'. %s goes with "
			    "one of: %s.", words[0], words[1], words[0], b.data);
		else
			cli_fail(c, "'%s' needs one more word. Did you mean one "
			    "of: %s?", words[0], b.data);
		buf_release(&b);
	} else if (best != NULL && close_enough(bestd, best->name))
		cli_fail(c, "There is no command '%s%s%s'. Did you mean %s? "
		    "Usage: %s", words[0], bestk == 2 ? " " : "", bestk == 2 ?
		    words[1] : "", best->name, best->usage);
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

/*
 * The option of `cmd' that `w' is, as typed in a hurry (-by, --Stage):
 * "--by", or NULL.
 */
static const char *
option_word(const struct cmd *cmd, const char *w)
{
	static char	 opt[16];
	size_t		 dashes = strspn(w, "-"), i;

	if (dashes == 0 || dashes > 2 || strlen(w + dashes) + 2 >= sizeof(opt))
		return NULL;
	opt[0] = opt[1] = '-';
	for (i = 0; w[dashes + i] != '\0'; i++)
		opt[i + 2] = (char)tolower((unsigned char)w[dashes + i]);
	opt[i + 2] = '\0';
	if (strcmp(opt, "--o") == 0)
		return has_option(cmd, "output") ? "-o" : NULL;
	return i > 1 && has_option(cmd, opt + 2) ? opt : NULL;
}

/* 1 if `w' looks like a value of option `opt': a code, a date, a key. */
static int
option_value(const char *opt, const char *w)
{
	char	 code[RECORD_CODE_LEN + 1];

	/* A receipt code, or its shape mistyped: K7QM-2XPD. */
	if (strcmp(opt, "--by") == 0)
		return record_code_normalise(w, code) == 0 || (strlen(w) == 9 &&
		    w[4] == '-' && strspn(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefgh"
		    "ijklmnopqrstuvwxyz0123456789") == 4 && strspn(w + 5,
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789") == 4);
	if (strcmp(opt, "--on") == 0 || strcmp(opt, "--ask") == 0)
		return record_is_date(w);
	if (strcmp(opt, "--who") == 0)
		return vocab_find(vocab_voices, w) != NULL;
	return record_is_slug(w);	/* --stage, --rename, --format, -o */
}

static void
args_release(struct args *a)
{
	free(a->line);
	free(a->textbuf);
	free(a->split);
	free(a->off);
	memset(a, 0, sizeof(*a));
}

/*
 * What each placeholder of a usage line stands for, how to tell whether a
 * word fits it, and a word to show in an example, so that a mistake says
 * exactly what is missing: "money is missing RESOURCE, ...  For example:
 * money community lunch-club state 35,000."
 */
enum fit { FIT_ANY, FIT_AREA, FIT_KIND, FIT_RESOURCE, FIT_NUMBER, FIT_AMOUNT,
	FIT_CHANGE, FIT_DATE, FIT_YEAR, FIT_ROLE, FIT_METHOD, FIT_SLUG,
	FIT_WORKSHOP, FIT_MODEL, FIT_FIELD, FIT_WHAT, FIT_FILE, FIT_COMMAND,
	FIT_LANGUAGE, FIT_STATUS };

static const struct placeholder {
	const char	*name;
	enum fit	 fit;
	const char	*what;
	const char	*example;
} placeholders[] = {
	{ "AREA", FIT_AREA, "an area: home, accommodation, day, hospital or "
	  "community", "hospital" },
	{ "KIND", FIT_KIND, "a kind: goodlife, like, dislike, idea, question "
	  "or note", "idea" },
	{ "MODEL", FIT_MODEL, "a model's short name (models lists them)",
	  "shared-lives" },
	{ "KEY", FIT_SLUG, "a short name of lower-case letters, digits and "
	  "dashes", "lunch-club" },
	{ "RESOURCE", FIT_RESOURCE, "a resource: state, funding, time or "
	  "community", "state" },
	{ "NOW", FIT_AMOUNT, "the amount now, such as 1,200,000 or 1.2m",
	  "1,200,000" },
	{ "EXPECTED", FIT_AMOUNT, "the amount expected, such as 1,100,000",
	  "1,100,000" },
	{ "YEAR", FIT_YEAR, "a year with four digits, such as 2028", "2028" },
	{ "NUMBER", FIT_NUMBER, "a number, as shown when it was saved", "12" },
	{ "NUMBER...", FIT_NUMBER, "numbers, as shown when they were saved",
	  "12" },
	{ "SECONDS", FIT_NUMBER, "a number of seconds", "60" },
	{ "COMMAND", FIT_COMMAND, "a command", "say" },
	{ "LANGUAGE", FIT_LANGUAGE, "a language tag, such as en-GB or cy",
	  "cy" },
	{ "CONTRIBUTION...", FIT_NUMBER, "contribution numbers", "12" },
	{ "CONTRIBUTION", FIT_NUMBER, "a contribution's number", "12" },
	{ "LINE", FIT_NUMBER, "a line's number, as decision show gives it",
	  "1" },
	{ "FOR", FIT_NUMBER, "the hands for", "14" },
	{ "AGAINST", FIT_NUMBER, "the hands against", "2" },
	{ "ABSTAIN", FIT_NUMBER, "the hands for neither", "1" },
	{ "COUNT", FIT_NUMBER, "a number of entries", "20" },
	{ "DATE", FIT_DATE, "a date written year-month-day, such as "
	  "2027-06-01, or none", "2027-06-01" },
	{ "+/-AMOUNT", FIT_CHANGE, "a change: + or - and an amount, such as "
	  "-250k or +250,000", "-250k" },
	{ "ROLE", FIT_ROLE, "a role: lived, carer, worker, commissioner, "
	  "community, other, facilitator or notetaker", "carer" },
	{ "METHOD", FIT_METHOD, "a way of deciding: consensus, vote, majority "
	  "or facilitator", "vote" },
	{ "SLUG", FIT_WORKSHOP, "a workshop's short name, such as north-2026",
	  "north-2026" },
	{ "CODE", FIT_ANY, "a receipt code, such as K7QM-2XPD", "K7QM-2XPD" },
	{ "FILE", FIT_FILE, "a file's name", "north.json" },
	{ "WHAT", FIT_WHAT, "change, basis, indicator or progress", "change" },
	{ "STATUS", FIT_STATUS, "how it is getting on: started, done, stalled, "
	  "dropped, or none", "started" },
	{ "FIELD", FIT_FIELD, "a field", "title" },
	{ "TEXT", FIT_ANY, "the words", "the words as said" },
	{ "TITLE", FIT_ANY, "a title", "the title" },
	{ "NAME", FIT_ANY, "a name", "the name" },
	{ "STATEMENT", FIT_ANY, "what was decided or proposed",
	  "what was decided" },
	{ "VALUE", FIT_ANY, "its value", "the value" },
	{ NULL, FIT_ANY, NULL, NULL }
};

static const struct placeholder *
placeholder(const char *name)
{
	const struct placeholder	*p;

	for (p = placeholders; p->name != NULL; p++)
		if (strcmp(p->name, name) == 0)
			return p;
	return NULL;
}

/*
 * 1 if `w' can stand for `p'.  When the record cannot be read, a word
 * that only the record can tell about fits, unless `strict'.
 */
static int
fits(struct cli *c, const struct placeholder *p, const char *w, int strict)
{
	static const char *const fields[] = { "title", "date", "place",
	    "language", "retention", "name", "summary", "evidence", NULL };
	static const char *const whats[] = { "change", "basis", "indicator",
	    "progress", NULL };
	const struct cmd *cmd;
	const char	*errstr;
	size_t		 n;

	if (c->st == NULL && (p->fit == FIT_AREA || p->fit == FIT_RESOURCE ||
	    p->fit == FIT_WORKSHOP || p->fit == FIT_MODEL))
		c->st = store_open(c->dbpath, 0, &errstr);
	switch (p->fit) {
	case FIT_WORKSHOP:
		if (c->st == NULL)
			return !strict && record_is_slug(w);
		return !strict || record_workshop_id(c->st, w) > 0;
	case FIT_MODEL:
		if (c->st == NULL)
			return !strict && record_is_slug(w);
		return record_is_slug(w) && (!strict || store_int(c->st,
		    "SELECT count(*) FROM model WHERE key = ?", 0, "t", w) > 0);
	case FIT_FIELD:
		return str_in_list(fields, w);
	case FIT_WHAT:
		return str_in_list(whats, w);
	case FIT_STATUS:
		return strcmp(w, "none") == 0 ||
		    vocab_find(vocab_progress, w) != NULL;
	case FIT_FILE:
		return 1;
	case FIT_COMMAND:
		for (cmd = cli_commands; cmd->name != NULL; cmd++)
			if (strncmp(cmd->name, w, strlen(w)) == 0 &&
			    (cmd->name[strlen(w)] == '\0' ||
			    cmd->name[strlen(w)] == ' '))
				return 1;
		return 0;
	case FIT_LANGUAGE:
		/* "cy", "en-GB": two or three letters, then a subtag. */
		n = strspn(w, "abcdefghijklmnopqrstuvwxyz");
		return (n == 2 || n == 3) && (w[n] == '\0' || (w[n] == '-' &&
		    strlen(w) <= 12 && strspn(w + n + 1, "abcdefghijklmnopqrs"
		    "tuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") ==
		    strlen(w + n + 1)));
	case FIT_AREA:
		return c->st == NULL ? !strict : record_area_id(c->st, w) > 0;
	case FIT_RESOURCE:
		return c->st == NULL ? !strict : record_resource_id(c->st, w) > 0;
	case FIT_KIND:
		return vocab_find(vocab_kinds, w) != NULL;
	case FIT_ROLE:
		return vocab_find(vocab_roles, w) != NULL;
	case FIT_METHOD:
		return vocab_find(vocab_methods, w) != NULL;
	case FIT_NUMBER:
		return w[strspn(w, "#0123456789")] == '\0';
	case FIT_YEAR:
		return strcmp(w, "none") == 0 || (strlen(w) == 4 &&
		    strspn(w, "0123456789") == 4);
	case FIT_AMOUNT:
		return (w[0] >= '0' && w[0] <= '9') || w[0] == '.' ||
		    strncmp(w, "\xc2\xa3", 2) == 0 || strcmp(w, "none") == 0;
	case FIT_CHANGE:
		return w[0] == '+' || w[0] == '-';
	case FIT_DATE:
		return strcmp(w, "none") == 0 || record_is_date(w);
	case FIT_SLUG:
		return record_is_slug(w);
	case FIT_ANY:
		return !strict;		/* a code, or words */
	}
	return 1;
}

/* The placeholders of `cmd''s usage line, required ones first in order. */
static size_t
usage_fields(const struct cmd *cmd, char *buf, size_t bufsz,
    const char **field, int *optional, size_t max)
{
	char	*p, *tok;
	size_t	 n = 0, skip;
	int	 depth = 0;

	snprintf(buf, bufsz, "%s", cmd->usage);
	if (strchr(buf, ',') != NULL || strchr(buf, '|') != NULL)
		return 0;		/* alternatives: said in the usage */
	skip = 1 + (strchr(cmd->name, ' ') != NULL);
	for (p = buf; (tok = strsep(&p, " ")) != NULL; ) {
		if (skip > 0) {
			skip--;
			continue;
		}
		if (tok[0] == '[' && tok[1] == '-') {
			depth++;	/* an option and its value */
			depth -= tok[strlen(tok) - 1] == ']';
			continue;
		}
		if (depth > 0) {
			depth -= tok[strlen(tok) - 1] == ']';
			continue;
		}
		if (n == max)
			break;
		optional[n] = tok[0] == '[';
		tok += strspn(tok, "[");
		tok[strcspn(tok, "]")] = '\0';
		field[n++] = tok;
	}
	return n;
}

/*
 * When an area `p' was left out before `word', a model's key: its area's
 * key (caller frees), or NULL.  The workshop in use may not be known yet
 * (-w is looked up by the command): its model first, else a national one.
 */
static char *
model_area_key(struct cli *c, const struct placeholder *p, const char *word)
{
	sqlite3_stmt	*stmt;
	char		*key = NULL;

	if (p->fit != FIT_AREA || c->st == NULL || (stmt = store_query(c->st,
	    "SELECT a.key FROM model m JOIN area a ON a.id = m.area_id WHERE "
	    "m.key = ? ORDER BY m.workshop_id IS ? DESC, m.workshop_id IS NULL "
	    "DESC", "ti", word, c->wsid)) == NULL)
		return NULL;
	if (sqlite3_step(stmt) == SQLITE_ROW)
		key = xstrdup(store_col(stmt, 0));
	store_done(stmt);
	return key;
}

/*
 * A decision command one word short, whose first word is no decision of
 * the workshop in use: the decision's number was left out, more likely
 * than the last word ("decision vote 14 2 1").  Says so and returns 1.
 */
static int
left_out_decision(struct cli *c, const struct cmd *cmd, const char *first,
    const char *word)
{
	const char	*errstr;
	long long	 ws = c->wsid, some;

	if (strncmp(cmd->name, "decision ", 9) != 0 ||
	    strcmp(first, "NUMBER") != 0)
		return 0;
	if (c->st == NULL)
		c->st = store_open(c->dbpath, 0, &errstr);
	/* -w names the workshop before it is looked up. */
	if (ws == 0 && c->want != NULL && c->st != NULL)
		ws = record_workshop_id(c->st, c->want);
	else if (ws == 0 && c->st != NULL)	/* the only one, if so */
		ws = store_int(c->st, "SELECT CASE count(*) WHEN 1 THEN "
		    "max(id) END FROM workshop", 0, "");
	if (c->st == NULL || ws <= 0 || store_int(c->st, "SELECT count(*) "
	    "FROM decision WHERE id = ? AND workshop_id = ?", 0, "ti", word,
	    ws) > 0)
		return 0;
	some = store_int(c->st, "SELECT min(id) FROM decision WHERE "
	    "workshop_id = ?", 0, "i", ws);
	if (some == 0)
		cli_fail(c, "There is no decision %s in this workshop, and no "
		    "decision yet. Add one first: decision add AREA STATEMENT.",
		    word);
	else
		cli_fail(c, "There is no decision %s in this workshop. Did you "
		    "leave out the decision's number? Usage: %s", word,
		    cmd->usage);
	return 1;
}

/*
 * Say what is missing or out of place in `words' for `cmd', with an
 * example built from the words given.  Returns -1.
 */
static int
explain(struct cli *c, const struct cmd *cmd, char **words, size_t n,
    int too_many)
{
	const struct placeholder	*ph, *bad = NULL;
	const char			*field[CLI_ARGS_MAX], *badname = NULL;
	char				 buf[256];
	int				 optional[CLI_ARGS_MAX];
	size_t				 nf, i, given = 0, badat = SIZE_MAX;
	struct buf			 ex;
	char				*area;

	nf = usage_fields(cmd, buf, sizeof(buf), field, optional,
	    CLI_ARGS_MAX);
	for (i = 0; i < nf && i < n; i++) {
		ph = placeholder(field[i]);
		if (ph != NULL && !fits(c, ph, words[i], 0)) {
			bad = ph;
			badname = field[i];
			badat = i;
			break;
		}
	}
	if (bad == NULL && !too_many) {
		for (i = n; i < nf && optional[i]; i++)
			;
		if (i < nf && (bad = placeholder(field[i])) != NULL) {
			badname = field[i];
			badat = i;
		}
	}
	if (too_many && n > 0 && strcasecmp(words[n - 1], "yes") == 0 &&
	    has_option(cmd, "yes")) {
		buf_init(&ex);
		for (i = 0; i + 1 < n; i++)
			buf_addf(&ex, " %s", words[i]);
		cli_fail(c, "To say yes here, type --yes: %s%s --yes.",
		    cmd->name, ex.data != NULL ? ex.data : "");
		buf_release(&ex);
		return -1;
	}
	if (nf == 0 && too_many && cmd->max == 0)
		return cli_fail(c, "%s takes no more words. Type just: %s",
		    cmd->name, cmd->name);
	if (nf == 0 && too_many)
		return cli_fail(c, "Too many words for %s. Usage: %s",
		    cmd->name, cmd->usage);
	if (nf == 0 || (bad == NULL && !too_many))
		return cli_fail(c, "%s needs more. Usage: %s", cmd->name,
		    cmd->usage);
	if (!too_many && badat >= n && n > 1 && left_out_decision(c, cmd,
	    field[0], words[0]))
		return -1;

	buf_init(&ex);
	buf_adds(&ex, cmd->name);
	for (i = 0; i < nf; i++) {
		ph = placeholder(field[i]);
		if (i == badat && ph->fit == FIT_WHAT && badat < n &&
		    strncmp(words[badat], "contribution", 12) == 0) {
			/* What a decision rests on is its basis. */
			buf_adds(&ex, " basis");
			given++;
			continue;
		}
		if (i == badat && !too_many && badat < n) {
			/* Left out: a model's area is the one it is under. */
			if ((area = model_area_key(c, ph, words[badat])) !=
			    NULL)
				buf_addf(&ex, " %s", area);
			else
				buf_addf(&ex, " %s", ph->example);
			free(area);
			continue;
		}
		if (i == badat && too_many) {
			buf_addf(&ex, " %s", ph->example);	/* replaced */
			given++;
			continue;
		}
		if (given < n) {
			buf_addf(&ex, " %s", words[given++]);
			continue;
		}
		if (optional[i] || ph == NULL)
			break;
		/* A model's fields are not a workshop's. */
		buf_addf(&ex, " %s", ph->fit == FIT_FIELD && strncmp(cmd->name,
		    "model", 5) == 0 ? "summary" : ph->example);
	}
	if (bad == NULL)
		cli_fail(c, "Too many words for %s: it takes %s. For example: "
		    "%s.", cmd->name, cmd->usage + strlen(cmd->name) + 1,
		    ex.data);
	else if (badat < n)
		cli_fail(c, "%s needs %s, %s, where '%s' is. For example: %s.",
		    cmd->name, badname, bad->what, words[badat], ex.data);
	else
		cli_fail(c, "%s is missing %s, %s. For example: %s.",
		    cmd->name, badname, bad->what, ex.data);
	buf_release(&ex);
	return -1;
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
	const char		*opt;
	char			*p, **words;
	size_t			 n = 0, used, i, j, *off;

	memset(a, 0, sizeof(*a));
	a->line = xstrdup(line);
	/*
	 * Every word, however many: a command's own are few, but an option
	 * typed among 200 words of text must still be seen.
	 */
	for (p = a->line, i = 1; *p != '\0'; p++)
		i += *p == ' ' || *p == '\t';
	words = a->split = xcalloc(i, sizeof(*words));
	off = a->off = xcalloc(i, sizeof(*off));
	for (p = a->line; *p != '\0'; ) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
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
		else if (strcmp(w, "--who") == 0 && has_option(cmd, "who"))
			slot = &a->opt_who;
		else if (strcmp(w, "--ask") == 0 && has_option(cmd, "ask"))
			slot = &a->opt_ask;
		else if (strcmp(w, "--on") == 0 && has_option(cmd, "on"))
			slot = &a->opt_on;
		else if (strcmp(w, "--all") == 0 && has_option(cmd, "all")) {
			a->all = 1;
			continue;
		}
		else if (strcmp(w, "--yes") == 0 && has_option(cmd, "yes") &&
		    !(cmd->text && (int)a->nword >= cmd->max)) {
			a->yes = 1;
			continue;
		}
		if (slot != NULL) {
			if (*slot != NULL) {
				cli_fail(c, "%s is given twice: give it once. "
				    "Usage: %s", w, cmd->usage);
				return -1;
			}
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
			a->word[a->nword] = words[i];
			return explain(c, cmd, a->word, a->nword + 1, 1);
		}
		a->word[a->nword++] = words[i];
	}
	if ((int)a->nword < cmd->min || (cmd->text && i >= n && !c->quiet))
		return explain(c, cmd, a->word, a->nword, 0);
	/*
	 * An option among the words would be kept as words: a code on a
	 * page.  Only when it ends the line or a value of its kind follows:
	 * "we pay --by the hour" is someone's words.
	 */
	for (j = i; cmd->text && j < n; j++)
		if ((opt = option_word(cmd, words[j])) != NULL &&
		    (j + 1 == n || option_value(opt, words[j + 1])))
			return cli_fail(c, "'%s' looks like the option %s, which "
			    "goes before the words; here it would be kept as "
			    "words. Nothing was saved. Usage: %s", words[j], opt,
			    cmd->usage);
	if (cmd->text) {
		/* Quietly, for the history: a line kept without its words. */
		a->textbuf = xstrdup(i < n ? line + off[i] : "");
		a->text = str_trim(a->textbuf);
	}
	return 0;
}

int
cli_run(struct cli *c, const char *line)
{
	const struct cmd	*cmd = NULL;
	struct args		 a;
	unsigned long		 fails;
	int			 rc, began;

	buf_reset(&c->out);
	c->named = 0;
	c->running = NULL;
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
	c->running = cmd->name;
	if (began && store_begin(c->st, cmd->name) == -1) {
		args_release(&a);
		return cli_fail(c, store_busy(c->st) ? "The record is busy: "
		    "another program is writing to it. Nothing was changed; "
		    "try again in a moment." : "Cannot change the record.");
	}
	fails = c->fails;
	rc = cmd->fn(c, &a);
	/* Every failure says why, even one only the record noticed. */
	if (rc == -1 && c->fails == fails)
		cli_fail(c, "The record did not take that, so nothing was "
		    "changed. Check the words against: help %s", cmd->name);
	if (began) {
		if (rc == 0 && store_commit(c->st) == -1)
			rc = cli_fail(c, store_busy(c->st) ? "The record is "
			    "busy: another program is writing to it. Nothing "
			    "was changed; try again in a moment." :
			    "Cannot save the change. Nothing was changed.");
		else if (rc != 0)
			store_rollback(c->st);
	}
	if (rc == 0 && began && !store_scrubbed(c->st))
		buf_adds(&c->out, "Note: blanksheetd was reading the record, so "
		    "an old copy of the removed words stays in its journal "
		    "file until the next checkpoint, in a few minutes.\n");
	if (rc == 0 && c->out.len > 0) {
		/* A change says which workshop it went to. */
		if (began && c->named && c->slug != NULL)
			printf("%s: ", c->slug);
		fwrite(c->out.data, 1, c->out.len, stdout);
		fflush(stdout);
	}
	args_release(&a);
	return rc;
}

char *
cli_history_line(struct cli *c, const char *line)
{
	static const char *const fixed[] = { "open", "close", "gopher",
	    "http", "moderate", "on", "off", "expired", NULL };
	const struct cmd		*cmd = NULL;
	const struct placeholder	*ph;
	const char			*field[CLI_ARGS_MAX];
	struct args			 a;
	struct buf			 b;
	char				 usage[256];
	int				 optional[CLI_ARGS_MAX];
	size_t				 i, nf;
	int				 quiet = c->quiet, ok;

	c->quiet = 1;
	if (parse(c, line, &a, &cmd) != 0 || has_option(cmd, "private")) {
		c->quiet = quiet;
		args_release(&a);
		return NULL;
	}
	c->quiet = quiet;
	/*
	 * Fixed words only, each one that fits its place: never the text,
	 * a --by code or a name, and no line whose words are out of place
	 * ("say Siân told us" would keep "Siân").
	 */
	nf = usage_fields(cmd, usage, sizeof(usage), field, optional,
	    CLI_ARGS_MAX);
	for (i = 0; i < a.nword; i++) {
		ph = i < nf ? placeholder(field[i]) : nf > 0 && nf <= i &&
		    strstr(cmd->usage, "...") != NULL ?
		    placeholder(field[nf - 1]) : NULL;
		if (nf == 0)
			ok = str_in_list(fixed, a.word[i]) ||
			    fits(c, placeholder("SLUG"), a.word[i], 1);
		else
			ok = ph != NULL && fits(c, ph, a.word[i], 1);
		if (!ok) {
			args_release(&a);
			return NULL;
		}
	}
	buf_init(&b);
	buf_adds(&b, cmd->name);
	for (i = 0; i < a.nword; i++)
		buf_addf(&b, " %s", a.word[i]);
	if (a.opt_stage != NULL && c->st != NULL &&
	    record_stage_id(c->st, a.opt_stage) > 0)
		buf_addf(&b, " --stage %s", a.opt_stage);
	if (a.opt_format != NULL)
		buf_addf(&b, " --format %s", a.opt_format);
	if (a.opt_output != NULL)
		buf_addf(&b, " -o %s", a.opt_output);
	if (a.opt_rename != NULL)
		buf_addf(&b, " --rename %s", a.opt_rename);
	if (a.opt_who != NULL && vocab_find(vocab_voices, a.opt_who) != NULL)
		buf_addf(&b, " --who %s", a.opt_who);
	if (a.opt_ask != NULL && record_is_date(a.opt_ask))
		buf_addf(&b, " --ask %s", a.opt_ask);
	if (a.opt_on != NULL && record_is_date(a.opt_on))
		buf_addf(&b, " --on %s", a.opt_on);
	if (a.all)
		buf_adds(&b, " --all");
	if (cmd->text)
		buf_addc(&b, ' ');	/* ready for the words */
	args_release(&a);
	return buf_take(&b);
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

static struct cli	*active;	/* for libedit's callbacks */
static volatile sig_atomic_t interrupted;

static char *
prompt(EditLine *el)
{
	static char	 buf[64];

	(void)el;
	if (active != NULL && active->slug != NULL)
		snprintf(buf, sizeof(buf), "blanksheet %s> ", active->slug);
	else
		snprintf(buf, sizeof(buf), "blanksheet> ");
	return buf;
}

static void
on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
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
	cli_complete(active, words, n, prefix, add_match, &m);
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

/*
 * The history file keeps what cli_history_line() keeps of each line: the
 * commands, never anyone's words, names or codes.  The running prompt
 * remembers whole lines, in memory only, so a line can be recalled and
 * corrected.
 *
 * Write the file `path' anew from what it holds now, with `line' (kept
 * already) added at the end when not NULL.  Under a lock, read and
 * written whole: two prompts on one account, two note-takers, keep each
 * other's lines.  With `hist', when the prompt starts, the lines read
 * are cleaned (an older file's too) and remembered there; the lines of a
 * running prompt were cleaned when they were added, so are not again.
 */
static void
history_write(struct cli *c, const char *path, const char *line,
    History *hist)
{
	History		*old, *kept;
	HistEvent	 ev;
	FILE		*fp;
	char		*clean;
	int		 fd, rc;

	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1)
		return;
	fchmod(fd, 0600);
	if (flock(fd, LOCK_EX) == -1) {
		close(fd);
		return;
	}
	old = history_init();
	kept = history_init();
	history(old, &ev, H_SETSIZE, HISTORY_SIZE);
	history(kept, &ev, H_SETSIZE, HISTORY_SIZE);
	history(kept, &ev, H_SETUNIQUE, 1);
	history(old, &ev, H_LOAD, path);
	for (rc = history(old, &ev, H_LAST); rc != -1;
	    rc = history(old, &ev, H_PREV)) {
		if ((clean = hist != NULL ? cli_history_line(c, ev.str) :
		    xstrdup(ev.str)) == NULL)
			continue;
		history(kept, &ev, H_ENTER, clean);
		if (hist != NULL)
			history(hist, &ev, H_ENTER, clean);
		free(clean);
	}
	if (line != NULL)
		history(kept, &ev, H_ENTER, line);
	/* The stream first: a file is emptied only when it can be written. */
	if ((rc = dup(fd)) != -1 && (fp = fdopen(rc, "w")) == NULL)
		close(rc);
	else if (rc != -1) {
		if (ftruncate(fd, 0) == 0)
			history(kept, &ev, H_SAVE_FP, fp);
		fclose(fp);
	}
	history_end(old);
	history_end(kept);
	close(fd);			/* and the lock with it */
}

/*
 * Read a line to confirm something that cannot be undone; Control-C or
 * the end of input answers no.
 */
static int
ask(struct cli *c, const char *expected)
{
	char	*line = NULL, code[RECORD_CODE_LEN + 1];
	size_t	 cap = 0;
	int	 ok = 0;

	(void)c;
	interrupted = 0;

	if (getline(&line, &cap, stdin) > 0 && !interrupted)
		ok = strcmp(str_trim(line), expected) == 0 ||
		    (record_code_normalise(line, code) == 0 &&
		    strcmp(code, expected) == 0);
	else
		fputc('\n', stderr);
	clearerr(stdin);
	free(line);
	return ok;
}

int
cli_confirm(struct cli *c, int yes, const char *what, const char *expected,
    const char *usage)
{
	int	 ok;

	if (yes)
		return 1;
	if (!c->interactive) {
		cli_fail(c, "%s cannot be undone, so it needs --yes here: %s "
		    "--yes", what, usage);
		return 0;
	}
	/* No one else waits on the record's lock while a person thinks. */
	if (c->st != NULL && store_commit(c->st) == -1)
		return 0;
	fprintf(stderr, "%s cannot be undone. To go ahead, type %s again; "
	    "to keep everything, press Enter: ", what, expected);
	fflush(stderr);
	ok = ask(c, expected);
	if (c->st != NULL && store_begin(c->st, c->running) == -1) {
		cli_fail(c, "The record is busy: another program is writing "
		    "to it. Nothing was changed; try again in a moment.");
		return 0;
	}
	if (ok)
		return 1;
	cli_fail(c, "Nothing was changed: what was typed was not %s.",
	    expected);
	return 0;
}

static int
interactive(struct cli *c)
{
	struct sigaction sa;
	EditLine	*el;
	History		*hist;
	HistEvent	 ev;
	const char	*line;
	char		*hpath, *copy, *keep, *typed;
	int		 count;

	/* Control-C clears the line being typed, as in a shell. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	active = c;
	hist = history_init();
	history(hist, &ev, H_SETSIZE, HISTORY_SIZE);
	history(hist, &ev, H_SETUNIQUE, 1);
	if ((hpath = history_path()) != NULL)
		history_write(c, hpath, NULL, hist);
	el = el_init("blanksheet", stdin, stdout, stderr);
	el_set(el, EL_EDITOR, "emacs");
	el_set(el, EL_HIST, history, hist);
	el_set(el, EL_PROMPT, prompt);
	el_set(el, EL_SIGNAL, 1);
	el_set(el, EL_ADDFN, "bs-complete", "Complete a word", complete);
	el_set(el, EL_BIND, "^I", "bs-complete", NULL);
	el_source(el, NULL);
	/* With one workshop in the record, the prompt names it at once. */
	c->quiet = 1;
	if (c->wsid == 0 && cli_store(c, 0) == 0) {
		if (c->want != NULL && record_workshop_id(c->st, c->want) > 0)
			cli_choose(c, c->want);
		else if (c->want == NULL)
			cli_only_one(c);
	}
	c->quiet = 0;
	fprintf(stderr, "Blank Sheet. Type help for the commands, quit to "
	    "leave.\n");
	for (;;) {
		interrupted = 0;
		line = el_gets(el, &count);
		if (interrupted) {
			fputc('\n', stdout);
			el_reset(el);
			continue;
		}
		if (line == NULL || count <= 0)
			break;
		copy = xstrdup(line);
		typed = str_trim(copy);
		if (*typed != '\0') {
			history(hist, &ev, H_ENTER, typed);
			if (hpath != NULL &&
			    (keep = cli_history_line(c, typed)) != NULL) {
				history_write(c, hpath, keep, NULL);
				free(keep);
			}
		}
		if (strcmp(typed, "quit") == 0 || strcmp(typed, "exit") == 0) {
			free(copy);
			break;
		}
		cli_run(c, typed);
		free(copy);
	}
	el_end(el);
	history_end(hist);
	free(hpath);
	active = NULL;
	return 0;
}

static int
script(struct cli *c)
{
	char	*line = NULL, *typed;
	size_t	 cap = 0;
	ssize_t	 len;
	int	 rc = 0;

	while ((len = getline(&line, &cap, stdin)) != -1) {
		c->lineno++;
		if (memchr(line, '\0', (size_t)len) != NULL) {
			rc = cli_fail(c, "The line holds a NUL byte.");
			break;
		}
		typed = str_trim(line);
		if (strcmp(typed, "quit") == 0 || strcmp(typed, "exit") == 0)
			break;
		if ((rc = cli_run(c, typed)) != 0)
			break;
	}
	/* Said once, after the line's own message. */
	if (rc != 0 && getline(&line, &cap, stdin) != -1)
		fprintf(stderr, "Stopped there: line %ld and the lines after it "
		    "were not run.\n", c->lineno + 1);
	free(line);
	return rc;
}

static void __attribute__((noreturn))
usage(int status)
{
	fprintf(status == 0 ? stdout : stderr,
	    "usage: blanksheet [-d FILE] [-w SLUG] [COMMAND ...]\n"
	    "  -d FILE   the record (default: $BLANKSHEET_DB, else "
	    SERVICE_DB "\n"
	    "            for the group " SERVICE_GROUP ", else blanksheet.db)\n"
	    "  -w SLUG   the workshop to work on (default: "
	    "$BLANKSHEET_WORKSHOP,\n"
	    "            else the only one there is)\n"
	    "With a COMMAND, run it and leave; on a terminal, a prompt; "
	    "otherwise the\n"
	    "commands on standard input, one a line.  blanksheet help lists "
	    "the\n"
	    "commands; man blanksheet explains them.\n");
	exit(status);
}

/*
 * libedit reads and writes the terminal's character set only after
 * setlocale(); a "C" locale would drop every letter beyond ASCII (£, ŵ,
 * â).  The record is UTF-8, so without a better locale, C.UTF-8.
 */
static void
set_locale(void)
{
	const char	*cs;

	if (setlocale(LC_CTYPE, "") == NULL ||
	    (cs = nl_langinfo(CODESET)) == NULL ||
	    strcmp(cs, "ANSI_X3.4-1968") == 0 || strcmp(cs, "ASCII") == 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	else if (strcmp(cs, "UTF-8") != 0 && isatty(STDIN_FILENO))
		fprintf(stderr, "This terminal uses %s, but the record keeps "
		    "words in UTF-8: the pound sign and Welsh letters may not "
		    "be kept as typed. Set a UTF-8 locale, such as "
		    "LANG=C.UTF-8.\n", cs);
}

int
main(int argc, char *argv[])
{
	struct cli	 c;
	struct buf	 line;
	const char	*env, *workshop;
	int		 ch, i, rc;

	memset(&c, 0, sizeof(c));
	buf_init(&c.out);
	log_init("blanksheet", 1);
	c.dbpath = (env = getenv("BLANKSHEET_DB")) != NULL && *env != '\0' ?
	    env : service_member() ? SERVICE_DB : "blanksheet.db";
	if (argc > 1 && strcmp(argv[1], "--help") == 0)
		usage(0);
	set_locale();
	view_set_exact(1);	/* the facilitator reads figures in full */
	workshop = getenv("BLANKSHEET_WORKSHOP");
	while ((ch = getopt(argc, argv, "+d:hw:")) != -1) {
		switch (ch) {
		case 'd':
			c.dbpath = optarg;
			break;
		case 'h':
			usage(0);
		case 'w':
			workshop = optarg;
			break;
		default:
			usage(1);
		}
	}
	argc -= optind;
	argv += optind;
	c.color = isatty(STDERR_FILENO) && getenv("NO_COLOR") == NULL &&
	    (env = getenv("BLANKSHEET_COLOR")) != NULL && strcmp(env, "1") == 0;
	/* Looked up when a command first needs it: init may come first. */
	if (workshop != NULL && *workshop != '\0')
		c.want = workshop;
	if (argc > 0) {
		buf_init(&line);
		for (i = 0; i < argc; i++)
			buf_addf(&line, "%s%s", i ? " " : "", argv[i]);
		c.interactive = isatty(STDIN_FILENO);
		c.oneshot = 1;
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
