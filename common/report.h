/*
 * The readable decision record, as a small set of page documents built
 * by the functions that build the workshop pages (view.c), so that a
 * decision is worded in one place.  A report of one workshop:
 *
 *	index		the summary, first: what was decided, how, what
 *			money moves, when each is looked at again, who took
 *			part in numbers, and a link to each part below
 *	decisions	every decision in full
 *	money		money now and expected, and the models considered
 *	said-AREA	what was said under one area; said-AREA-2 and on
 *			when it is too long to hear in one go
 *	people		who took part, in numbers only
 *
 * A report of every workshop (--all) is an index listing the workshops
 * and one document per area, area-AREA, with every workshop's decisions.
 * Links between documents are relative: "decisions.gmi".
 */
#ifndef REPORT_H
#define REPORT_H

#include "page.h"

struct store;

struct report_out {
	const char	*ext;		/* ".gmi": ends every file name */
	/* Take document `name' (with `ext'); 0, or -1 to stop. */
	int		(*emit)(void *arg, const char *name, struct page *);
	void		*arg;
};

/*
 * Build the report of workshop `wsid' (or, when `wsid' is 0, of every
 * workshop), made at `stamp' (UTC, "2026-12-03T16:05:00Z"), and hand each
 * document to `out', the summary first.  Each page is released after
 * `emit' returns.  0 or -1.
 */
int	report_run(struct store *, long long wsid, const char *stamp,
	    const struct report_out *out);

#endif
