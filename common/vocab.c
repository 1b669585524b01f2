#include <stddef.h>
#include <string.h>

#include "util.h"
#include "vocab.h"

const struct vocab vocab_kinds[] = {
	{ "goodlife",	"good life",	"What a good life looks like" },
	{ "like",	"like",		"What people like" },
	{ "dislike",	"dislike",	"What people dislike" },
	{ "idea",	"idea",		"Ideas" },
	{ "question",	"question",	"Questions" },
	{ "note",	"note",		"Other things people said" },
	{ NULL,		NULL,		NULL }
};

/* The areas' short names, for titles: one at the start, many mid-sentence. */
const struct vocab vocab_areas[] = {
	{ "home",	"Support at home",	"support at home" },
	{ "accommodation", "Somewhere to live",	"somewhere to live" },
	{ "day",	"Days and work",	"days and work" },
	{ "hospital",	"Leaving hospital",	"leaving hospital" },
	{ "community",	"Community work",	"community work" },
	{ NULL,		NULL,			NULL }
};

const struct vocab vocab_roles[] = {
	{ "lived",	"person with lived experience",
			"people with lived experience" },
	{ "carer",	"family carer",		"family carers" },
	{ "worker",	"worker",		"workers" },
	{ "commissioner", "commissioner",	"commissioners" },
	{ "community",	"community member",	"community members" },
	{ "other",	"other participant",	"other participants" },
	{ "facilitator", "facilitator",		"facilitators" },
	{ "notetaker",	"note-taker",		"note-takers" },
	{ NULL,		NULL,			NULL }
};

/* How an agreed decision is getting on after the workshop. */
const struct vocab vocab_progress[] = {
	{ "started",	"started",	"Work on it has started." },
	{ "done",	"done",		"They have done it." },
	{ "stalled",	"stalled",	"Work on it has stopped for now." },
	{ "dropped",	"dropped",	"They decided not to do it after all." },
	{ NULL,		NULL,		NULL }
};

/* Who will say whether a Key Human Indicator has changed. */
const struct vocab vocab_voices[] = {
	{ "people",	"people using support",	"People using support" },
	{ "families",	"families",		"Families" },
	{ "workers",	"workers",		"Workers" },
	{ NULL,		NULL,			NULL }
};

/* The front doors participants' words come through. */
const struct vocab vocab_doors[] = {
	{ "gemini",	"Gemini",	"Gemini" },
	{ "gopher",	"Gopher",	"Gopher" },
	{ "web",	"the web",	"the web" },
	{ NULL,		NULL,		NULL }
};

const struct vocab vocab_methods[] = {
	{ "consensus",	"by consensus",		"consensus" },
	{ "vote",	"by a vote",		"a vote" },
	{ "majority",	"by a majority",	"a majority" },
	{ "facilitator", "by the facilitator",	"the facilitator" },
	{ NULL,		NULL,			NULL }
};

const struct vocab vocab_states[] = {
	{ "proposed",	"proposed",	"proposed" },
	{ "agreed",	"agreed",	"agreed" },
	{ "rejected",	"rejected",	"rejected" },
	{ NULL,		NULL,		NULL }
};

const struct vocab vocab_statuses[] = {
	{ "draft",	"draft",	"drafts" },
	{ "open",	"open",		"open" },
	{ "closed",	"closed",	"closed" },
	{ NULL,		NULL,		NULL }
};

const struct vocab vocab_sources[] = {
	{ "facilitator", "the facilitator",	"the facilitator" },
	{ "participant", "a participant",	"participants" },
	{ NULL,		NULL,			NULL }
};

const struct vocab *
vocab_find(const struct vocab *v, const char *key)
{
	for (; v->key != NULL; v++)
		if (strcmp(v->key, key) == 0)
			return v;
	return NULL;
}

const char *
vocab_word(const struct vocab *v, const char *key, int one)
{
	const struct vocab	*w = vocab_find(v, key);

	return w == NULL ? key : one ? w->one : w->many;
}

char *
vocab_keys(const struct vocab *v)
{
	struct buf	 b;

	buf_init(&b);
	for (; v->key != NULL; v++)
		buf_addf(&b, "%s%s", b.len > 0 ? ", " : "", v->key);
	return buf_take(&b);
}
