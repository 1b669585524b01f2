/*
 * Tab completion, driven by the command table: the first words complete
 * to command names, later words to what the command expects there.
 */
#include <string.h>

#include "cli.h"
#include "store.h"
#include "util.h"
#include "vocab.h"

static const char *const fixed_wfields[] = { "title", "date", "place",
    "language", "retention", NULL };
static const char *const fixed_mfields[] = { "name", "summary", "evidence",
    NULL };
static const char *const fixed_onoff[] = { "open", "close", "gopher", "http",
    "moderate", "on", "off", NULL };
static const char *const fixed_formats[] = { "json", "csv", "gmi", "md",
    "html", NULL };
static const char *const fixed_whats[] = { "change", "basis", "indicator",
    "progress", NULL };

static void
from_list(const char *const *list, void (*add)(void *, const char *),
    void *arg)
{
	for (; *list != NULL; list++)
		add(arg, *list);
}

static void
from_vocab(const struct vocab *v, void (*add)(void *, const char *), void *arg)
{
	for (; v->key != NULL; v++)
		add(arg, v->key);
}

static void
from_query(struct cli *c, const char *sql, void (*add)(void *, const char *),
    void *arg)
{
	sqlite3_stmt	*stmt;

	if (c->st == NULL) {
		const char *errstr;

		/* Quietly: a prompt is no place for an error. */
		if ((c->st = store_open(c->dbpath, 0, &errstr)) == NULL)
			return;
	}
	/* ?1, if the query has it, is the workshop in use. */
	if ((stmt = store_query(c->st, sql, strstr(sql, "?1") != NULL ? "i" :
	    "", c->wsid)) == NULL)
		return;
	while (sqlite3_step(stmt) == SQLITE_ROW)
		add(arg, (const char *)sqlite3_column_text(stmt, 0));
	store_done(stmt);
}

/* The first word of each command, once each. */
static void
command_words(const char *group, void (*add)(void *, const char *),
    void *arg)
{
	const struct cmd	*cmd;
	char			 word[64];
	char			 last[64] = "";
	size_t			 len, glen = group ? strlen(group) : 0;
	const char		*name;

	for (cmd = cli_commands; cmd->name != NULL; cmd++) {
		name = cmd->name;
		if (group != NULL) {
			if (strncmp(name, group, glen) != 0 || name[glen] != ' ')
				continue;
			name += glen + 1;
		}
		len = strcspn(name, " ");
		if (len >= sizeof(word))
			continue;
		memcpy(word, name, len);
		word[len] = '\0';
		if (strcmp(word, last) == 0)
			continue;
		add(arg, word);
		memcpy(last, word, len + 1);
	}
}

void
cli_complete(struct cli *c, char **words, size_t n, const char *prefix,
    void (*add)(void *, const char *), void *arg)
{
	const struct cmd	*cmd;
	size_t			 used, pos;
	enum arg_kind		 kind;

	(void)prefix;
	if (n == 0) {
		command_words(NULL, add, arg);
		return;
	}
	if (strcmp(words[n - 1], "--stage") == 0) {
		from_query(c, "SELECT key FROM stage ORDER BY position", add,
		    arg);
		return;
	}
	if (strcmp(words[n - 1], "--format") == 0) {
		from_list(fixed_formats, add, arg);
		return;
	}
	if (strcmp(words[n - 1], "--who") == 0) {
		from_vocab(vocab_voices, add, arg);
		return;
	}
	if ((cmd = cli_lookup(words, n, &used)) == NULL) {
		if (n == 1)
			command_words(words[0], add, arg);
		return;
	}
	if (n == 1 && used == 1) {
		/* "workshops" is a command, but so may "workshop add" be. */
		command_words(words[0], add, arg);
	}
	pos = n - used;
	kind = pos < sizeof(cmd->kinds) / sizeof(cmd->kinds[0]) ?
	    cmd->kinds[pos] : cmd->kinds[3] == ARG_NONE ? ARG_NONE :
	    cmd->kinds[3];
	if (strcmp(cmd->name, "decision basis") == 0 && pos >= 1)
		kind = ARG_CONTRIBUTION;
	switch (kind) {
	case ARG_COMMAND:
		command_words(NULL, add, arg);
		break;
	case ARG_SLUG:
		from_query(c, "SELECT slug FROM workshop ORDER BY slug", add,
		    arg);
		break;
	case ARG_AREA:
		from_query(c, "SELECT key FROM area ORDER BY position", add,
		    arg);
		break;
	case ARG_KIND:
		from_vocab(vocab_kinds, add, arg);
		break;
	case ARG_STAGE:
		from_query(c, "SELECT key FROM stage ORDER BY position", add,
		    arg);
		break;
	case ARG_RESOURCE:
		from_query(c, "SELECT key FROM resource ORDER BY position",
		    add, arg);
		break;
	case ARG_MODEL:
		from_query(c, "SELECT key FROM model WHERE workshop_id IS NULL "
		    "OR workshop_id = ?1 ORDER BY key", add, arg);
		break;
	case ARG_ROLE:
		from_vocab(vocab_roles, add, arg);
		break;
	case ARG_WFIELD:
		from_list(fixed_wfields, add, arg);
		break;
	case ARG_MFIELD:
		from_list(fixed_mfields, add, arg);
		break;
	case ARG_METHOD:
		from_vocab(vocab_methods, add, arg);
		break;
	case ARG_ONOFF:
		from_list(fixed_onoff, add, arg);
		break;
	case ARG_STATUS:
		from_vocab(vocab_progress, add, arg);
		add(arg, "none");
		break;
	case ARG_WHAT:
		from_list(fixed_whats, add, arg);
		break;
	case ARG_FORMAT:
		from_list(fixed_formats, add, arg);
		break;
	case ARG_CONTRIBUTION:
		from_query(c, "SELECT id FROM contribution WHERE workshop_id "
		    "= ?1 ORDER BY id DESC LIMIT 200", add, arg);
		break;
	case ARG_DECISION:
		from_query(c, "SELECT id FROM decision WHERE workshop_id = ?1 "
		    "ORDER BY id", add, arg);
		break;
	case ARG_NONE:
	case ARG_FILE:
		break;
	}
}
