-- 0007: contributions are not indexed by the door they came through.
-- Every contribution written paid for that index, an import of 100,000
-- contributions a third of its time, and it served one count: how many
-- participants' words came through each door, which reads the
-- workshop's rows through contribution_count as quickly.
DROP INDEX contribution_door;
