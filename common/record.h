/*
 * The workshop record's operations: every change a facilitator or a
 * participant makes, each audited (facilitator changes only) inside the
 * transaction the caller opened with store_begin().  Look-ups return an
 * id, or 0 when there is no such thing.
 *
 * Text arguments are borrowed.  Functions return 0, or -1 when the record
 * refused or failed (logged).
 */
#ifndef RECORD_H
#define RECORD_H

#include "store.h"

/* "K7QM-2XPD": eight letters and digits that are hard to confuse. */
#define RECORD_CODE_LEN		9

long long	record_workshop_id(struct store *, const char *slug);
long long	record_area_id(struct store *, const char *key);
long long	record_stage_id(struct store *, const char *key);
long long	record_resource_id(struct store *, const char *key);
/* A model of workshop `wsid' or a national one, by key. */
long long	record_model_id(struct store *, long long wsid, const char *key);
/* By receipt code, in any case, with or without its dash. */
long long	record_participant_id(struct store *, long long wsid,
		    const char *code);
/* Put `code' in its written form ("K7QM-2XPD") in `out'; -1 if malformed. */
int		record_code_normalise(const char *code,
		    char out[RECORD_CODE_LEN + 1]);

/*
 * SQL: decision `d' concerns the area that parameter `p' ("?2") names,
 * filed under it or, unless rejected, changing the money of one of its
 * models.  One definition for the area pages, the prompt's list and the
 * reports by area.
 */
#define RECORD_DECISION_OF(p) \
	"(d.area_id = " p " OR (d.state <> 'rejected' AND EXISTS (SELECT 1 " \
	"FROM decision_change x JOIN model m ON m.id = x.model_id WHERE " \
	"x.decision_id = d.id AND m.area_id = " p ")))"
#define RECORD_DECISION_OF_AREA	RECORD_DECISION_OF("?2")

/* 1 if `s' is a valid slug or key: a-z, 0-9 and dashes, 1 to 40 long. */
int		record_is_slug(const char *s);
/* 1 if `s' is a real date written YYYY-MM-DD. */
int		record_is_date(const char *s);
/*
 * 1 if `s' looks like a language tag (BCP 47): a language of two or three
 * letters, then subtags of one to eight letters or digits after dashes,
 * 35 at most in all: "cy", "en-GB", "sgn-GB".
 */
int		record_is_lang(const char *s);

int	record_workshop_add(struct store *, const char *slug,
	    const char *title, long long *id);
/*
 * Set `field' of workshop `id': title, date, place, language, retention
 * (days), status (draft, open, closed), input (0 or 1), gopher (0 or 1),
 * moderate (0 or 1: participants' words are held until approved).
 */
int	record_workshop_set(struct store *, long long id, const char *field,
	    const char *value);

int	record_model_add(struct store *, long long wsid, long long area,
	    const char *key, const char *name, long long *id);
/* Set name, summary or evidence of a local model. */
int	record_model_set(struct store *, long long id, const char *field,
	    const char *value);

/* A receipt code no participant has yet, read aloud without doubt. */
void	record_new_code(struct store *, char code[RECORD_CODE_LEN + 1]);
/* Register a participant; writes their new receipt code into `code'. */
int	record_participant_add(struct store *, long long wsid,
	    const char *role, const char *lang,
	    char code[RECORD_CODE_LEN + 1], long long *id);
/* Keep `name' for participant `id', recording that they consented. */
int	record_participant_consent(struct store *, long long id,
	    const char *name);
/*
 * Forget participant `id''s name and consent, for good, when they no
 * longer agree; `had' says whether a name was kept.
 */
int	record_participant_withdraw(struct store *, long long id, int *had);
/*
 * Erase participant `id': their contributions, their links to decisions,
 * their name and code.  Sets `*count' to the contributions removed.  Undo
 * cannot bring any of it back.
 */
int	record_participant_erase(struct store *, long long id,
	    long long *count);

/*
 * Record words said under `area'.  `stage' and `participant' may be 0.
 * `participant_source' 1 marks input typed by a participant (not audited:
 * it is not a facilitator's change and must not identify anyone), 2 the
 * same held until the facilitator approves it (moderation).
 */
int	record_contribution_add(struct store *, long long wsid,
	    long long area, long long stage, const char *kind,
	    const char *text, long long participant, int participant_source,
	    long long *id);
int	record_contribution_edit(struct store *, long long id,
	    const char *text);
/* "shown" or "hidden"; hiding can be undone. */
int	record_contribution_state(struct store *, long long id,
	    const char *state);
/* Move contribution `id' to `area' (0: stays) and `kind' (NULL: stays). */
int	record_contribution_move(struct store *, long long id, long long area,
	    const char *kind);
/* Remove the words for good, here and in the audit log. */
int	record_contribution_redact(struct store *, long long id);

int	record_money_set(struct store *, long long wsid, long long area,
	    long long model, long long resource, long long now,
	    long long expected, long long year, long long *id);

int	record_decision_add(struct store *, long long wsid, long long area,
	    const char *statement, long long *id);
/*
 * Set `field' of decision `id': statement, method, dissent, state,
 * review (a date, or "none"), next (next steps), status (how an agreed
 * decision is getting on: started, done, stalled, dropped; NULL: none).
 */
int	record_decision_set(struct store *, long long id, const char *field,
	    const char *value);
int	record_decision_vote(struct store *, long long id, long long infavour,
	    long long against, long long abstain);
/*
 * Decision `id' changes `resource' of `model' by `delta'.  A decision has
 * one change per model and resource: when there is one already, it is
 * corrected, and `*was' is its delta before (else 0).
 */
int	record_decision_change(struct store *, long long id, long long model,
	    long long resource, long long delta, long long *change,
	    long long *was);
/*
 * Remove one line of decision `id': `what' is "change", "basis",
 * "indicator" or "progress" and `row' that line's id.  Undo can put it
 * back.
 */
int	record_decision_remove(struct store *, long long id, const char *what,
	    long long row);
int	record_decision_basis(struct store *, long long id,
	    long long contribution);
int	record_decision_indicator(struct store *, long long id,
	    const char *text, long long *indicator);

/* A dated note (`date' YYYY-MM-DD) on how decision `id' is getting on. */
int	record_decision_progress(struct store *, long long id,
	    const char *date, const char *text, long long *note);
/*
 * Set a part of Key Human Indicator `indicator': who (people, families,
 * workers: who will say it), now (what it is like now), ask (the date it
 * will be asked again).  NULL clears who and ask.
 */
int	record_indicator_set(struct store *, long long indicator,
	    const char *field, const char *value);
/*
 * Mark participant contribution `id' as sent through `door' (gemini,
 * gopher, web).  Not audited, like the words it marks.
 */
int	record_contribution_door(struct store *, long long id,
	    const char *door);

/* Remove workshop `id' and everything tied to it, audit entries too. */
int	record_workshop_purge(struct store *, long long id);

#endif
