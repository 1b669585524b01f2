-- What a council needs to act on a workshop's decisions: how each agreed
-- decision is getting on afterwards, Key Human Indicators with their
-- parts, the door participants' words came through, and the facilitator
-- and note-taker among those who took part.  Numbered 0006: 0005 is the
-- web door's.  Applied with foreign keys off (store.c); nothing is lost.

-- After the workshop: started, done, stalled or dropped; NULL until then.
ALTER TABLE decision ADD COLUMN status TEXT CHECK (status IS NULL OR
    status IN ('started', 'done', 'stalled', 'dropped'));

-- Dated notes on a decision's progress, oldest first.
CREATE TABLE decision_progress (
	id		INTEGER PRIMARY KEY AUTOINCREMENT,
	decision_id	INTEGER NOT NULL REFERENCES decision(id) ON DELETE CASCADE,
	date		TEXT NOT NULL CHECK (date GLOB
			    '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
	text		TEXT NOT NULL
);
CREATE INDEX decision_progress_decision ON decision_progress(decision_id);

-- A Key Human Indicator: what will be noticed (text), who will say it,
-- what it is like now, and when it will be asked again.
ALTER TABLE indicator ADD COLUMN who TEXT CHECK (who IS NULL OR
    who IN ('people', 'families', 'workers'));
ALTER TABLE indicator ADD COLUMN now TEXT NOT NULL DEFAULT '';
ALTER TABLE indicator ADD COLUMN ask_date TEXT CHECK (ask_date IS NULL OR
    ask_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');

-- Which door a participant's words came through; NULL for words the
-- facilitator typed, and for words sent before this was kept.
ALTER TABLE contribution ADD COLUMN door TEXT CHECK (door IS NULL OR
    door IN ('gemini', 'gopher', 'web'));

-- The facilitator and the note-taker take part too: two more roles.
CREATE TABLE participant_new (
	id		INTEGER PRIMARY KEY,
	workshop_id	INTEGER NOT NULL REFERENCES workshop(id) ON DELETE CASCADE,
	code		TEXT NOT NULL UNIQUE,
	role		TEXT NOT NULL CHECK (role IN ('lived', 'carer', 'worker',
			    'commissioner', 'community', 'other',
			    'facilitator', 'notetaker')),
	language	TEXT NOT NULL DEFAULT 'en-GB',
	name		TEXT,
	consent		TEXT,		-- when consent to keep the name was recorded
	CHECK (name IS NULL OR consent IS NOT NULL)
);
INSERT INTO participant_new (id, workshop_id, code, role, language, name,
    consent)
SELECT id, workshop_id, code, role, language, name, consent FROM participant;
DROP TABLE participant;
ALTER TABLE participant_new RENAME TO participant;

-- Who took part, in numbers: counted straight from these, without
-- reading or sorting every contribution.
CREATE INDEX contribution_count ON contribution(workshop_id, state, area_id,
    kind);
CREATE INDEX contribution_door ON contribution(workshop_id, source, door);
