-- 0007: the door index holds participants' words only.  Indexed with
-- every contribution, it cost an import of 100,000 contributions a third
-- of its time; it serves one count, how many participants' words came
-- through each door, which reads only rows whose source is participant.
DROP INDEX contribution_door;
CREATE INDEX contribution_door ON contribution(workshop_id, door)
    WHERE source = 'participant';
