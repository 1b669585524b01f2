-- A record a live workshop can trust: numbers never given twice, money
-- counted under its model's own area, and each note-taker's undo; and
-- participants' words held until the facilitator has read them, when the
-- facilitator wants that.
-- Applied with foreign keys off (store.c), as SQLite's documented way to
-- rebuild a table; foreign_key_check runs before the commit.

-- Contribution and decision numbers are said aloud and written down in
-- the room, so a number taken back by undo is never handed out again.
CREATE TABLE contribution_new (
	id		INTEGER PRIMARY KEY AUTOINCREMENT,
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
			CHECK (state IN ('shown', 'hidden', 'redacted',
			    'held')),	-- held: waiting for the facilitator
	created		TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
	CHECK (state <> 'redacted' OR text = '')
);
INSERT INTO contribution_new (id, workshop_id, area_id, stage_id, kind,
    text, participant_id, source, state, created)
SELECT id, workshop_id, area_id, stage_id, kind, text, participant_id,
    source, state, created FROM contribution;
DROP TABLE contribution;
ALTER TABLE contribution_new RENAME TO contribution;
CREATE INDEX contribution_area ON contribution(workshop_id, area_id, state);
-- The same words sent twice (a reload) are found quickly.
CREATE INDEX contribution_text ON contribution(workshop_id, text);

-- Moderation: while on, participants' words are held until approved.
ALTER TABLE workshop ADD COLUMN moderate INTEGER NOT NULL DEFAULT 0
    CHECK (moderate IN (0, 1));

CREATE TABLE decision_new (
	id		INTEGER PRIMARY KEY AUTOINCREMENT,
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
INSERT INTO decision_new (id, workshop_id, area_id, statement, method,
    votes_for, votes_against, votes_abstain, dissent, state, review_date,
    next_steps, created)
SELECT id, workshop_id, area_id, statement, method, votes_for,
    votes_against, votes_abstain, dissent, state, review_date, next_steps,
    created FROM decision;
DROP TABLE decision;
ALTER TABLE decision_new RENAME TO decision;

-- Numbers an earlier undo took back are remembered by the audit log.
DELETE FROM sqlite_sequence WHERE name IN ('contribution', 'decision');
INSERT INTO sqlite_sequence (name, seq)
SELECT 'contribution', max(ifnull((SELECT max(id) FROM contribution), 0),
    ifnull((SELECT max(row_id) FROM audit WHERE tbl = 'contribution'), 0));
INSERT INTO sqlite_sequence (name, seq)
SELECT 'decision', max(ifnull((SELECT max(id) FROM decision), 0),
    ifnull((SELECT max(row_id) FROM audit WHERE tbl = 'decision'), 0));

-- A decision has one change per model and resource; a second given later
-- corrects it.  Lines an older blanksheet stacked are added together
-- (those that cancel out go), so every total stays what it was.
DELETE FROM decision_change WHERE (decision_id, model_id, resource_id) IN
    (SELECT decision_id, model_id, resource_id FROM decision_change
     GROUP BY 1, 2, 3 HAVING count(*) > 1 AND sum(delta) = 0);
UPDATE decision_change SET delta = (SELECT sum(y.delta) FROM
    decision_change y WHERE y.decision_id = decision_change.decision_id AND
    y.model_id = decision_change.model_id AND
    y.resource_id = decision_change.resource_id)
WHERE id IN (SELECT min(id) FROM decision_change GROUP BY decision_id,
    model_id, resource_id HAVING count(*) > 1);
DELETE FROM decision_change WHERE id NOT IN (SELECT min(id) FROM
    decision_change GROUP BY decision_id, model_id, resource_id);
CREATE UNIQUE INDEX decision_change_once ON decision_change(decision_id,
    model_id, resource_id);

-- Money belongs to its model's area.  Lines recorded under another area
-- move to their model's; lines that then meet (the same model and
-- resource) are added together into one.  The triggers keep it so.
CREATE TEMP TABLE money_merge AS
SELECT min(y.id) AS keep, y.workshop_id AS workshop_id, y.model_id AS
    model_id, y.resource_id AS resource_id, m.area_id AS area,
    sum(y.now) AS now, CASE WHEN count(y.expected) = 0 THEN NULL ELSE
    sum(y.expected) END AS expected, max(y.expected_year) AS year
FROM money y JOIN model m ON m.id = y.model_id
GROUP BY y.workshop_id, y.model_id, y.resource_id
HAVING count(*) > 1 OR max(y.area_id <> m.area_id);
DELETE FROM money WHERE id IN (SELECT y.id FROM money y JOIN money_merge g
    ON g.workshop_id = y.workshop_id AND g.model_id = y.model_id AND
    g.resource_id = y.resource_id WHERE y.id <> g.keep);
UPDATE money SET
    area_id = (SELECT area FROM money_merge WHERE keep = money.id),
    now = (SELECT now FROM money_merge WHERE keep = money.id),
    expected = (SELECT expected FROM money_merge WHERE keep = money.id),
    expected_year = (SELECT year FROM money_merge WHERE keep = money.id)
WHERE id IN (SELECT keep FROM money_merge);
DROP TABLE money_merge;

CREATE TRIGGER money_area_insert BEFORE INSERT ON money
WHEN NEW.area_id IS NOT (SELECT area_id FROM model WHERE id = NEW.model_id)
BEGIN
	SELECT RAISE(ABORT, 'money is recorded under its model''s own area');
END;
CREATE TRIGGER money_area_update BEFORE UPDATE OF area_id, model_id ON money
WHEN NEW.area_id IS NOT (SELECT area_id FROM model WHERE id = NEW.model_id)
BEGIN
	SELECT RAISE(ABORT, 'money is recorded under its model''s own area');
END;

-- The ledger: one row per workshop, model and resource that has money
-- recorded or a change decided, under the model's own area.  `now' and
-- `expected' are NULL when none was recorded; `agreed' sums the changes
-- of agreed decisions, whatever area each decision was filed under.
-- Every total (shift, pages, exports) reads this one view.
CREATE VIEW ledger AS
SELECT k.workshop_id AS workshop_id, m.area_id AS area_id,
    k.model_id AS model_id, k.resource_id AS resource_id,
    y.now AS now, y.expected AS expected, y.expected_year AS expected_year,
    ifnull((SELECT sum(x.delta) FROM decision_change x JOIN decision d
	ON d.id = x.decision_id WHERE d.workshop_id = k.workshop_id AND
	d.state = 'agreed' AND x.model_id = k.model_id AND
	x.resource_id = k.resource_id), 0) AS agreed
FROM (SELECT workshop_id, model_id, resource_id FROM money
      UNION
      SELECT d.workshop_id, x.model_id, x.resource_id FROM decision_change x
	JOIN decision d ON d.id = x.decision_id) k
JOIN model m ON m.id = k.model_id
LEFT JOIN (SELECT workshop_id, model_id, resource_id, sum(now) AS now,
	sum(expected) AS expected, max(expected_year) AS expected_year
	FROM money GROUP BY workshop_id, model_id, resource_id) y
    ON y.workshop_id = k.workshop_id AND y.model_id = k.model_id AND
	y.resource_id = k.resource_id;

-- Each running blanksheet is a session: undo takes back only its own.
ALTER TABLE audit ADD COLUMN session TEXT;

-- The workshop in use belongs to each running blanksheet now.
DELETE FROM setting WHERE key = 'current';
