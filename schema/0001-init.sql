-- Blank Sheet record, version 1.  Never edit once shipped; add 0002-...

CREATE TABLE area (
	id		INTEGER PRIMARY KEY,
	key		TEXT NOT NULL UNIQUE,
	position	INTEGER NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	summary		TEXT NOT NULL
);

CREATE TABLE stage (
	id		INTEGER PRIMARY KEY,
	key		TEXT NOT NULL UNIQUE,
	position	INTEGER NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	question	TEXT NOT NULL
);

CREATE TABLE resource (
	id		INTEGER PRIMARY KEY,
	key		TEXT NOT NULL UNIQUE,
	position	INTEGER NOT NULL UNIQUE,
	name		TEXT NOT NULL,
	unit		TEXT NOT NULL CHECK (unit IN ('pounds', 'hours')),
	per		TEXT NOT NULL	-- "a year"
);

CREATE TABLE workshop (
	id		INTEGER PRIMARY KEY,
	slug		TEXT NOT NULL UNIQUE
			CHECK (length(slug) BETWEEN 1 AND 40 AND
			    slug NOT GLOB '*[^a-z0-9-]*' AND slug NOT GLOB '-*'),
	title		TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	date		TEXT CHECK (date IS NULL OR date GLOB
			    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	place		TEXT,
	language	TEXT NOT NULL DEFAULT 'en-GB',
	status		TEXT NOT NULL DEFAULT 'draft'
			CHECK (status IN ('draft', 'open', 'closed')),
	input_open	INTEGER NOT NULL DEFAULT 0 CHECK (input_open IN (0, 1)),
	gopher_input	INTEGER NOT NULL DEFAULT 0 CHECK (gopher_input IN (0, 1)),
	retention_days	INTEGER NOT NULL DEFAULT 365 CHECK (retention_days > 0),
	created		TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE model (
	id		INTEGER PRIMARY KEY,
	area_id		INTEGER NOT NULL REFERENCES area(id),
	workshop_id	INTEGER REFERENCES workshop(id) ON DELETE CASCADE,
			-- NULL: a national model with an evidence base
	key		TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 40 AND
			    key NOT GLOB '*[^a-z0-9-]*'),
	name		TEXT NOT NULL,
	summary		TEXT NOT NULL DEFAULT '',
	evidence	TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX model_key ON model(ifnull(workshop_id, 0), key);

CREATE TABLE participant (
	id		INTEGER PRIMARY KEY,
	workshop_id	INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
	code		TEXT NOT NULL UNIQUE,
	role		TEXT NOT NULL CHECK (role IN ('lived', 'carer', 'worker',
			    'commissioner', 'community', 'other')),
	language	TEXT NOT NULL DEFAULT 'en-GB',
	name		TEXT,
	consent		TEXT,		-- when consent to keep the name was recorded
	CHECK (name IS NULL OR consent IS NOT NULL)
);

CREATE TABLE contribution (
	id		INTEGER PRIMARY KEY,
	workshop_id	INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
	area_id		INTEGER NOT NULL REFERENCES area(id),
	stage_id	INTEGER REFERENCES stage(id),
	kind		TEXT NOT NULL CHECK (kind IN ('goodlife', 'like',
			    'dislike', 'idea', 'question', 'note')),
	text		TEXT NOT NULL,
	participant_id	INTEGER REFERENCES participant(id) ON DELETE SET NULL,
	source		TEXT NOT NULL CHECK (source IN ('facilitator',
			    'participant')),
	state		TEXT NOT NULL DEFAULT 'shown'
			CHECK (state IN ('shown', 'hidden', 'redacted')),
	created		TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	CHECK (state <> 'redacted' OR text = '')
);
CREATE INDEX contribution_area ON contribution(workshop_id, area_id, state);

CREATE TABLE money (
	id		INTEGER PRIMARY KEY,
	workshop_id	INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
	area_id		INTEGER NOT NULL REFERENCES area(id),
	model_id	INTEGER NOT NULL REFERENCES model(id),
	resource_id	INTEGER NOT NULL REFERENCES resource(id),
	now		INTEGER NOT NULL CHECK (now >= 0),
	expected	INTEGER CHECK (expected IS NULL OR expected >= 0),
	expected_year	INTEGER CHECK (expected_year IS NULL OR
			    expected_year BETWEEN 1900 AND 2200),
	UNIQUE (workshop_id, area_id, model_id, resource_id)
);

CREATE TABLE decision (
	id		INTEGER PRIMARY KEY,
	workshop_id	INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
	area_id		INTEGER NOT NULL REFERENCES area(id),
	statement	TEXT NOT NULL,
	method		TEXT NOT NULL DEFAULT 'consensus'
			CHECK (method IN ('consensus', 'vote', 'majority',
			    'facilitator')),
	votes_for	INTEGER CHECK (votes_for IS NULL OR votes_for >= 0),
	votes_against	INTEGER CHECK (votes_against IS NULL OR votes_against >= 0),
	votes_abstain	INTEGER CHECK (votes_abstain IS NULL OR votes_abstain >= 0),
	dissent		TEXT NOT NULL DEFAULT '',
	state		TEXT NOT NULL DEFAULT 'proposed'
			CHECK (state IN ('proposed', 'agreed', 'rejected')),
	review_date	TEXT CHECK (review_date IS NULL OR review_date GLOB
			    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	next_steps	TEXT NOT NULL DEFAULT '',
	created		TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE decision_change (
	id		INTEGER PRIMARY KEY,
	decision_id	INTEGER NOT NULL REFERENCES decision(id) ON DELETE CASCADE,
	model_id	INTEGER NOT NULL REFERENCES model(id),
	resource_id	INTEGER NOT NULL REFERENCES resource(id),
	delta		INTEGER NOT NULL CHECK (delta <> 0)
);

CREATE TABLE decision_basis (
	id		INTEGER PRIMARY KEY,
	decision_id	INTEGER NOT NULL REFERENCES decision(id) ON DELETE CASCADE,
	contribution_id	INTEGER NOT NULL REFERENCES contribution(id)
			    ON DELETE CASCADE,
	UNIQUE (decision_id, contribution_id)
);

CREATE TABLE indicator (
	id		INTEGER PRIMARY KEY,
	decision_id	INTEGER NOT NULL REFERENCES decision(id) ON DELETE CASCADE,
	text		TEXT NOT NULL
);

-- Facilitator's choices that outlive one command, such as the workshop in
-- use ('current').
CREATE TABLE setting (
	key		TEXT PRIMARY KEY,
	value		TEXT NOT NULL
);

-- Append-only: every facilitator change, grouped by the command (batch)
-- that made it, with the row before and after as JSON.  Participant codes
-- and names are never written here (see store.c, snapshot()).
CREATE TABLE audit (
	id		INTEGER PRIMARY KEY,
	batch		INTEGER NOT NULL,
	at		TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	workshop_id	INTEGER,	-- not a reference: survives a purge
	command		TEXT NOT NULL,
	tbl		TEXT,
	row_id		INTEGER,
	before		TEXT,
	after		TEXT,
	undoes		INTEGER		-- the batch this entry undid
);
CREATE INDEX audit_batch ON audit(batch);

INSERT INTO area (key, position, name, summary) VALUES
 ('home', 1, 'Support in your own home',
  'Help to live well in the place you already call home: personal care, help around the house, company and a hand with the things that matter to you.'),
 ('accommodation', 2, 'Support with accommodation',
  'Somewhere to live that comes with support: from sharing a family home to supported housing and care homes.'),
 ('day', 3, 'Day activities and employment-related support',
  'How people spend their days: learning, volunteering, work, hobbies and time with friends, and the support that makes those possible.'),
 ('hospital', 4, 'Support with leaving hospital',
  'Getting home, or somewhere new, after a stay in hospital, and the help needed in the first days and weeks.'),
 ('community', 5, 'Whole-community work',
  'What neighbours, groups, clubs and local places do together so that fewer people are lonely or left without help.');

INSERT INTO stage (key, position, name, question) VALUES
 ('goodlife', 1, 'A good life',
  'What does a good life look like for people using support of this kind?'),
 ('money', 2, 'Money now and expected',
  'How much is spent on this kind of support now, and how much do we expect to have in the coming years?'),
 ('likes', 3, 'What works and what does not',
  'What do people like about support of this kind here, and what do they dislike?'),
 ('models', 4, 'Models with evidence',
  'Which ways of giving support have shown good results elsewhere, and could they work here?'),
 ('decisions', 5, 'Decisions',
  'What share of our money, time and community resources should go into which kinds of support, and what should we do less of?');

INSERT INTO resource (key, position, name, unit, per) VALUES
 ('state', 1, 'State money', 'pounds', 'a year'),
 ('funding', 2, 'Other funding', 'pounds', 'a year'),
 ('time', 3, 'People''s time and energy', 'hours', 'a year'),
 ('community', 4, 'Community resources', 'hours', 'a year');

INSERT INTO model (area_id, workshop_id, key, name, summary, evidence)
SELECT id, NULL, 'shared-lives-home', 'Shared Lives visits',
 'A Shared Lives carer, approved and trained, visits or welcomes someone for a few hours or for short breaks, as part of their own family life.',
 'About 14,000 people use Shared Lives in the United Kingdom. In the latest inspection figures, 98 in every 100 schemes were rated good or outstanding.'
FROM area WHERE key = 'home';
INSERT INTO model (area_id, workshop_id, key, name, summary, evidence)
SELECT id, NULL, 'homeshare', 'Homeshare',
 'An older person with a spare room is matched with a younger person who needs somewhere affordable to live. The younger person gives about ten hours a week of company and help, and pays a small amount towards bills.',
 'Over 1,000 people in the United Kingdom take part in Homeshare. In one match, the younger person paid 18 pounds a week towards bills, far less than renting privately.'
FROM area WHERE key = 'home';
INSERT INTO model (area_id, workshop_id, key, name, summary, evidence)
SELECT id, NULL, 'shared-lives', 'Shared Lives',
 'An adult who needs support moves in with, or stays with, a Shared Lives carer and becomes part of their household and community.',
 'Nearly 90 in every 100 people asked said Shared Lives left them more connected to others; 83 in 100 said their physical health improved and 88 in 100 their emotional health. Over 1,100 people use Shared Lives in Wales and over 500 in Scotland.'
FROM area WHERE key = 'accommodation';
INSERT INTO model (area_id, workshop_id, key, name, summary, evidence)
SELECT id, NULL, 'shared-lives-day', 'Shared Lives day support',
 'A Shared Lives carer shares their days with someone: the activities, places and people that make up the carer''s own life.',
 'In Moray, after seeing Shared Lives work as day support, the board agreed to move between 4 and 8 in every 100 pounds of its learning disability budget into Shared Lives.'
FROM area WHERE key = 'day';
INSERT INTO model (area_id, workshop_id, key, name, summary, evidence)
SELECT id, NULL, 'shared-lives-hospital', 'Shared Lives after hospital',
 'A stay with a Shared Lives carer as a step between hospital and home, instead of a longer stay on a ward.',
 'People who moved from a long stay in hospital to a Shared Lives household describe feeling part of something, rather than being looked after by staff who go home at the end of a shift.'
FROM area WHERE key = 'hospital';
INSERT INTO model (area_id, workshop_id, key, name, summary, evidence)
SELECT id, NULL, 'asset-based-area', 'Asset-Based Area',
 'A whole area that starts from what people, families and communities already have and can do, and changes how every service works to build on it.',
 'Think Local Act Personal sets out ten changes that an area makes to become asset-based, well beyond social care.'
FROM area WHERE key = 'community';
