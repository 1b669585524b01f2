/*
 * Workshop pages built from the record, shared by the Gemini and Gopher
 * front doors and by the exports' reports.  The routes (DESIGN.md, Pages):
 *
 *	/w/				the workshops
 *	/w/<slug>/			a workshop: when, where, its areas
 *	/w/<slug>/<area>/		one conversation: the way to add
 *					words first, then what was said
 *	/w/<slug>/<area>/questions	its five questions
 *	/w/<slug>/<area>/say		participant input
 *	/w/<slug>/decisions		every decision with reasons and changes
 *
 * A slug or area without its trailing slash is answered with a redirect.
 * Each route is also served in Easy Read under /easy, as /easy/w/ and so
 * on, from the same record.
 */
#ifndef VIEW_H
#define VIEW_H

#include "page.h"

struct store;

enum view_proto {
	VIEW_GEMINI,
	VIEW_GOPHER
};

struct view {
	int		 status;	/* Gemini status: 10, 20, 31, 40, 51 */
	char		*meta;		/* owned: the prompt for 10, the
					   target path for 31, else NULL */
	struct page	 page;		/* filled when status is 20 */
};

/* Longest participant input accepted, in bytes, after decoding. */
#define VIEW_INPUT_MAX	1000

/*
 * Answer `path' (percent-decoded, canonical, beginning "/w/") from the
 * record.  `input' is the decoded query or NULL; it is saved as an
 * anonymous participant contribution only on a "say" route whose workshop
 * has input open (and, over Gopher, Gopher input allowed).  Borrows
 * everything; fills `v', which the caller releases with view_release() on
 * every path.  Returns 0, or -1 when the record failed (v->status is 40).
 */
int	view_route(struct store *, const char *path, const char *input,
	    enum view_proto, struct view *v);
void	view_release(struct view *);
/* 1 if `path' (canonical) is one of the routes above, with or without
 * /easy in front; 0 if it is a capsule file's. */
int	view_is_route(const char *path);

/* Append the navigation block every page ends with (docs/pages.md). */
void	view_nav(struct page *);
/*
 * Append the sentences of decision `id' (its statement, vote, dissent,
 * changes with before and after, what it rests on, indicators, review
 * and next steps) under a heading of `level'.  Shared with the reports.
 */
int	view_decision(struct store *, long long id, int level, struct page *);
/*
 * An amount of a resource's unit written for the ear: "£250,000",
 * "£1.2 million", "1,500 hours", "minus £18".
 */
void	view_amount(struct buf *, const char *unit, long long n);
/* "Thursday 3 December 2026" for "2026-12-03"; the input if malformed. */
void	view_date(struct buf *, const char *iso);

#endif
