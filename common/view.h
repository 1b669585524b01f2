/*
 * Workshop pages built from the record, shared by the Gemini and Gopher
 * front doors and by the exports' reports.  The routes (DESIGN.md, Pages):
 *
 *	/w/				the workshops
 *	/w/<slug>/			a workshop: when, where, its areas
 *	/w/<slug>/<area>/		one conversation: the way to add
 *					words first, then what was said
 *	/w/<slug>/<area>/questions	its five questions
 *	/w/<slug>/<area>/said/<kind>[/<n>]  all said of one kind, in parts
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
	VIEW_GOPHER,
	VIEW_HTTP,		/* the web door over plain HTTP (-W) */
	VIEW_HTTPS		/* the web door over TLS (-w) */
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
 * has input open (and, over Gopher or plain HTTP, input allowed there).  Borrows
 * everything; fills `v', which the caller releases with view_release() on
 * every path.  Returns 0, or -1 when the record failed (v->status is 40).
 */
int	view_route(struct store *, const char *path, const char *input,
	    enum view_proto, struct view *v);
void	view_release(struct view *);
/* 1 if `path' (canonical) is one of the routes above, with or without
 * /easy in front; 0 if it is a capsule file's. */
int	view_is_route(const char *path);

/*
 * 1 if `path' is where participants send words (/w/SLUG/AREA/say, or
 * /say/KIND): only a query sent there counts against the rate limit.
 */
int	view_is_say(const char *path);
/*
 * The heading of the page that asks for words at say route `path': "Add
 * your words: Leaving hospital" ("Add your words in Easy Read: ..."), so
 * that each such page has a title of its own.  Caller frees.
 */
char	*view_say_title(const char *path);
/*
 * Like view_route() for a say route whose words arrive while the source
 * must wait `wait' seconds: the page shows the words back, with a link
 * that sends them again.  Nothing is saved.
 */
int	view_refuse(struct store *, const char *path, const char *input,
	    enum view_proto, int wait, struct view *v);
/* The host and port participants' Gemini clients use, for the limits. */
void	view_set_origin(const char *host, int port);
/* The most letters a person can type at say route `path' over Gemini. */
int	view_input_letters(const char *path);

/* Append the navigation block every page ends with (docs/pages.md). */
void	view_nav(struct page *);
/*
 * Append a way to send `words' again to say route `path': a link that
 * carries them, `label'; over Gopher, whose items carry no words, an
 * item that asks for them again.
 */
void	view_resend(struct page *, const char *path, const char *words,
	    enum view_proto, const char *label);
/*
 * Append the sentences of decision `id' (its statement, vote, dissent,
 * changes with before and after, what it rests on, indicators, review
 * and next steps) under a heading of `level'.  Shared with the reports.
 */
int	view_decision(struct store *, long long id, int level, struct page *);
/* Decision `id' in brief: statement, how, money moved, review date. */
int	view_decision_brief(struct store *, long long id, struct page *);
/*
 * The money of `area' in workshop `wsid': each model's now, agreed and
 * expected with its year, as items, as on the area page.
 */
void	view_money(struct store *, long long wsid, long long area,
	    struct page *);
/*
 * The models of `area' that workshop `wsid' considers, national ones
 * first: with `headings', each under a level 3 heading with its summary
 * and evidence; without, its name as a line and its summary.  0 or -1.
 */
int	view_models(struct store *, long long wsid, long long area,
	    int headings, struct page *);
/* "thing people like" or "things people like": `n' of kind `kind'. */
const char *view_said_words(const char *kind, long long n);
/*
 * One change a decision makes, counted under its model's own area.  The
 * strings are borrowed for the callback's duration.  `sentence' says it
 * whole: "State money for Shared Lives, under Support with accommodation,
 * goes down by £100,000, from £900,000 to £800,000."
 */
struct view_change {
	long long	 n;		/* 1, 2, ... within the decision */
	long long	 id, resource_id, delta, before;
	int		 has_before;	/* 0: no money was recorded for it */
	const char	*resource, *unit, *model, *area, *sentence;
};

/* Call `fn' for each change of `decision', in order.  0 or -1. */
int	view_changes(struct store *, long long decision,
	    void (*fn)(void *, const struct view_change *), void *arg);
/*
 * Append where the decision moves money and time from and to, one
 * sentence a resource: "It moves £100,000 of state money from Shared Lives
 * under Support with accommodation to Warm spaces under Whole-community
 * work."  Returns the number of sentences.
 */
int	view_moves(struct store *, long long decision, struct buf *);

/*
 * An amount of a resource's unit written for the ear: "£250,000",
 * "£1.2 million", "1,500 hours", "minus £18".
 */
void	view_amount(struct buf *, const char *unit, long long n);
/*
 * With `on', view_amount() writes every figure in full ("£1,234,567"), as
 * the facilitator's terminal needs; pages and reports are for the ear.
 * Returns the setting before.
 */
int	view_set_exact(int on);
/* "Thursday 3 December 2026" for "2026-12-03"; the input if malformed. */
void	view_date(struct buf *, const char *iso);

#endif
