/*
 * The record's fixed vocabularies, each in one table: what is stored, and
 * the words people read for it.  The CLI checks and completes against
 * these, the pages and reports speak with them, import validates with
 * them.  The schema's CHECK constraints hold the same keys.
 */
#ifndef VOCAB_H
#define VOCAB_H

struct vocab {
	const char	*key;		/* as stored in the record */
	const char	*one;		/* said of one: "family carer" */
	const char	*many;		/* said of many, or a heading */
};

/* Each ends with an entry whose key is NULL, and is in display order. */
extern const struct vocab vocab_kinds[];	/* many: the page heading */
extern const struct vocab vocab_areas[];	/* short names, for titles */
extern const struct vocab vocab_roles[];
extern const struct vocab vocab_methods[];	/* one: "by a vote" */
extern const struct vocab vocab_states[];	/* of a decision */
extern const struct vocab vocab_statuses[];	/* of a workshop */
extern const struct vocab vocab_sources[];	/* of a contribution */
extern const struct vocab vocab_progress[];	/* many: a sentence */
extern const struct vocab vocab_voices[];	/* who says it */
extern const struct vocab vocab_doors[];	/* Gemini, Gopher, web */

/* The entry for `key', or NULL. */
const struct vocab *vocab_find(const struct vocab *, const char *key);
/* The words for `key' (`one' or, with `many', the other), or `key'. */
const char *vocab_word(const struct vocab *, const char *key, int one);
/* The keys joined by ", ", for a sentence that lists them; caller frees. */
char	*vocab_keys(const struct vocab *);

#endif
